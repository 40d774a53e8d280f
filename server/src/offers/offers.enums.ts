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
