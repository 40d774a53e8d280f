import { registerEnumType } from 'type-graphql';

export enum ResolutionStatus {
  IN_PROGRESS = 'IN_PROGRESS',
  DONE = 'DONE',
}
registerEnumType(ResolutionStatus, { name: 'ResolutionStatus' });

export enum ResolutionAction {
  UPDATE_PROGRESS = 'UPDATE_PROGRESS',
  MAKE_PROJECT = 'MAKE_PROJECT',
}
registerEnumType(ResolutionAction, {
  name: 'ResolutionAction',
  description: 'What the viewer may do with a resolution now',
});
