import { registerEnumType } from 'type-graphql';

export enum ProjectStatus {
  PLANNED = 'PLANNED',
  ACTIVE = 'ACTIVE',
  DONE = 'DONE',
  CANCELLED = 'CANCELLED',
}
registerEnumType(ProjectStatus, { name: 'ProjectStatus', description: 'Where a project (项目清单) stands' });

export enum ContributionKind {
  MONEY = 'MONEY',
  GOODS = 'GOODS',
  LABOR = 'LABOR',
}
registerEnumType(ContributionKind, { name: 'ContributionKind', description: '捐款、捐物、捐工' });
