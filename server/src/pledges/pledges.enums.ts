import { registerEnumType } from 'type-graphql';

export enum PledgeStatus {
  PLEDGED = 'PLEDGED',
  FULFILLED = 'FULFILLED',
  PARTIAL = 'PARTIAL',
  NOT_FULFILLED = 'NOT_FULFILLED',
  WITHDRAWN = 'WITHDRAWN',
}
registerEnumType(PledgeStatus, {
  name: 'PledgeStatus',
  description: '认领/承诺: made, then confirmed by staff as fulfilled, partly or not, or withdrawn by the pledger',
});

export enum PledgeAction {
  CONFIRM = 'CONFIRM',
  WITHDRAW = 'WITHDRAW',
}
registerEnumType(PledgeAction, { name: 'PledgeAction', description: 'What the viewer may do with a pledge now' });
