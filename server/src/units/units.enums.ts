import { registerEnumType } from 'type-graphql';

export enum UnitKind {
  GOVERNMENT = 'GOVERNMENT',
  STATE_ENTERPRISE = 'STATE_ENTERPRISE',
  PRIVATE_ENTERPRISE = 'PRIVATE_ENTERPRISE',
  SOCIAL_ORGANIZATION = 'SOCIAL_ORGANIZATION',
  SCHOOL = 'SCHOOL',
  HOSPITAL = 'HOSPITAL',
  PROPERTY_MANAGEMENT = 'PROPERTY_MANAGEMENT',
  OTHER = 'OTHER',
}
registerEnumType(UnitKind, {
  name: 'UnitKind',
  description: 'What kind of organisation a resident unit (驻区单位) is',
});

export enum ReportInStatus {
  PENDING = 'PENDING',
  ACCEPTED = 'ACCEPTED',
  DECLINED = 'DECLINED',
}
registerEnumType(ReportInStatus, {
  name: 'ReportInStatus',
  description: '报到: waiting for the community, accepted or declined',
});

/** What the viewer may do with a unit, decided by the server (Unit.availableActions). */
export enum UnitAction {
  MANAGE_REPRESENTATIVES = 'MANAGE_REPRESENTATIVES',
  REPORT_IN = 'REPORT_IN',
  OFFER_RESOURCE = 'OFFER_RESOURCE',
  PUBLISH_SERVICE = 'PUBLISH_SERVICE',
  PLEDGE = 'PLEDGE',
  DOWNLOAD_REPORT = 'DOWNLOAD_REPORT',
}
registerEnumType(UnitAction, { name: 'UnitAction' });

export enum ReportInAction {
  ACCEPT = 'ACCEPT',
  DECLINE = 'DECLINE',
}
registerEnumType(ReportInAction, { name: 'ReportInAction' });
