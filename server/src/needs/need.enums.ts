import { registerEnumType } from 'type-graphql';

export enum NeedStatus {
  SUBMITTED = 'SUBMITTED',
  ACCEPTED = 'ACCEPTED',
  ASSIGNED = 'ASSIGNED',
  IN_PROGRESS = 'IN_PROGRESS',
  RESOLVED = 'RESOLVED',
  CLOSED = 'CLOSED',
  REJECTED = 'REJECTED',
}

export enum NeedCategory {
  ELDERLY_CARE = 'ELDERLY_CARE',
  CHILD_CARE = 'CHILD_CARE',
  DISABILITY = 'DISABILITY',
  REPAIR = 'REPAIR',
  ENVIRONMENT = 'ENVIRONMENT',
  SAFETY = 'SAFETY',
  DISPUTE = 'DISPUTE',
  EMPLOYMENT = 'EMPLOYMENT',
  HEALTH = 'HEALTH',
  EDUCATION = 'EDUCATION',
  CULTURE = 'CULTURE',
  OTHER = 'OTHER',
}

export enum Urgency {
  LOW = 'LOW',
  NORMAL = 'NORMAL',
  HIGH = 'HIGH',
  CRITICAL = 'CRITICAL',
}

export enum NeedChannel {
  APP = 'APP',
  PHONE = 'PHONE',
  WALK_IN = 'WALK_IN',
  HOTLINE_12345 = 'HOTLINE_12345',
  GRID_PATROL = 'GRID_PATROL',
}

export enum NeedSort {
  NEWEST = 'NEWEST',
  OLDEST = 'OLDEST',
  DEADLINE = 'DEADLINE',
}

export enum NeedEventKind {
  RAISED = 'RAISED',
  TRANSITION = 'TRANSITION',
  ESCALATED = 'ESCALATED',
  COMMENT = 'COMMENT',
  AUTO_CLOSED = 'AUTO_CLOSED',
  /** A unit or person pledged to the need (note: what); see Need.pledges. */
  PLEDGED = 'PLEDGED',
  /** Staff confirmed a pledge's outcome (note: the outcome and staff's note). */
  PLEDGE_SETTLED = 'PLEDGE_SETTLED',
  /** The pledger withdrew (note: the reason). */
  PLEDGE_WITHDRAWN = 'PLEDGE_WITHDRAWN',
}

/** What a person may do with a need; the state machine and the buttons speak this language. */
export enum NeedAction {
  ACCEPT = 'ACCEPT',
  ASSIGN = 'ASSIGN',
  START = 'START',
  RESOLVE = 'RESOLVE',
  CONFIRM = 'CONFIRM',
  REOPEN = 'REOPEN',
  REJECT = 'REJECT',
  ESCALATE = 'ESCALATE',
  SUPPORT = 'SUPPORT',
  COMMENT = 'COMMENT',
  /** 接单: accept (while SUBMITTED), assign to oneself and start, in one go. */
  TAKE = 'TAKE',
}

/** Which photos of a need: those it was raised with, and those of the work before and after (办好了). */
export enum NeedPhotoStage {
  RAISED = 'RAISED',
  BEFORE = 'BEFORE',
  AFTER = 'AFTER',
}

registerEnumType(NeedStatus, { name: 'NeedStatus' });
registerEnumType(NeedCategory, { name: 'NeedCategory' });
registerEnumType(Urgency, { name: 'Urgency' });
registerEnumType(NeedChannel, {
  name: 'NeedChannel',
  description: 'How the need came in; HOTLINE_12345 is a work order passed down from the hotline',
});
registerEnumType(NeedSort, {
  name: 'NeedSort',
  description: 'DEADLINE: the nearest deadline first, overdue needs first of all',
});
registerEnumType(NeedEventKind, { name: 'NeedEventKind' });
registerEnumType(NeedPhotoStage, { name: 'NeedPhotoStage' });
registerEnumType(NeedAction, { name: 'NeedAction', description: 'What the viewer may do with a need right now' });
