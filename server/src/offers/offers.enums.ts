import { registerEnumType } from 'type-graphql';

export enum ResourceKind {
  FUNDS = 'FUNDS',
  VENUE = 'VENUE',
  SKILL = 'SKILL',
  TECHNOLOGY = 'TECHNOLOGY',
  GOODS = 'GOODS',
  LABOR = 'LABOR',
  POLICY = 'POLICY',
}
registerEnumType(ResourceKind, { name: 'ResourceKind', description: 'What a resource (资源清单) offers' });

export enum PledgeRequestStatus {
  OPEN = 'OPEN',
  PLEDGED = 'PLEDGED',
  DECLINED = 'DECLINED',
}
registerEnumType(PledgeRequestStatus, {
  name: 'PledgeRequestStatus',
  description: 'A request to a unit or person to pledge: waiting, answered by a pledge, or declined',
});

export enum ResourceAction {
  PLEDGE_FROM = 'PLEDGE_FROM',
  WITHDRAW = 'WITHDRAW',
  REQUEST_PLEDGE = 'REQUEST_PLEDGE',
}
registerEnumType(ResourceAction, { name: 'ResourceAction', description: 'What the viewer may do with a resource' });

export enum ServiceAction {
  SIGN_UP = 'SIGN_UP',
  CANCEL_SIGNUP = 'CANCEL_SIGNUP',
  VIEW_SIGNUPS = 'VIEW_SIGNUPS',
  CLOSE = 'CLOSE',
}
registerEnumType(ServiceAction, { name: 'ServiceAction', description: 'What the viewer may do with a service' });

export enum PledgeRequestAction {
  PLEDGE = 'PLEDGE',
  DECLINE = 'DECLINE',
}
registerEnumType(PledgeRequestAction, {
  name: 'PledgeRequestAction',
  description: 'What the viewer may do with a pledge request',
});
