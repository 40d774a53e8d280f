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

export enum ProjectAction {
  EDIT = 'EDIT',
  SET_STATUS = 'SET_STATUS',
  ADD_TASK = 'ADD_TASK',
  ADD_NEEDS = 'ADD_NEEDS',
  CONTRIBUTE = 'CONTRIBUTE',
  ADD_PHOTOS = 'ADD_PHOTOS',
  PLEDGE = 'PLEDGE',
}
registerEnumType(ProjectAction, { name: 'ProjectAction', description: 'What the viewer may do with a project now' });
