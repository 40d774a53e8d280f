import type { FieldErrors } from '../platform/errors.js';
import { PledgeAction, PledgeStatus } from './pledges.enums.js';
import { PLEDGE_QUANTITY_MAX } from './pledges.limits.js';

/** The outcomes staff may confirm. */
export const SETTLED_OUTCOMES: readonly PledgeStatus[] = [
  PledgeStatus.FULFILLED,
  PledgeStatus.PARTIAL,
  PledgeStatus.NOT_FULFILLED,
];

/** PLEDGED and past its date. */
export function isOverdue(pledge: { status: PledgeStatus; dueAt?: Date | null }, now: Date): boolean {
  return pledge.status === PledgeStatus.PLEDGED && !!pledge.dueAt && pledge.dueAt.getTime() < now.getTime();
}

/** A quantity a client names: a positive, finite number below the column's limit, in cents at most. */
export function quantityError(value: number | null | undefined, field: string): FieldErrors | null {
  if (value === null || value === undefined) return null;
  if (!Number.isFinite(value) || value <= 0 || value > PLEDGE_QUANTITY_MAX)
    return { [field]: { key: 'pledgeQuantityRange', params: { max: PLEDGE_QUANTITY_MAX } } };
  if (Math.abs(value * 100 - Math.round(value * 100)) > 1e-6) return { [field]: { key: 'pledgeQuantityCents' } };
  return null;
}

/** What confirming an outcome does to the pledge and to the resource it came from. */
export interface Settlement {
  /** Null when the pledge counted no quantity. */
  delivered: number | null;
  /** Given back to the resource: what was pledged and not delivered. */
  returned: number;
}

/**
 * FULFILLED delivers the quantity; PARTIAL some of it (0 < delivered < quantity); NOT_FULFILLED
 * nothing, giving it all back. Returns the field errors instead when the outcome does not fit.
 */
export function settle(
  outcome: PledgeStatus,
  quantity: number | null,
  quantityDelivered: number | null | undefined,
): Settlement | { errors: FieldErrors } {
  if (!SETTLED_OUTCOMES.includes(outcome)) return { errors: { outcome: { key: 'pledgeOutcome' } } };
  const given = quantityDelivered ?? null;
  const notCounted = { errors: { quantityDelivered: { key: 'pledgeNotCounted' } } } as const;
  if (outcome === PledgeStatus.PARTIAL) {
    if (quantity === null) return given === null ? { delivered: null, returned: 0 } : notCounted;
    if (given === null || !Number.isFinite(given) || given <= 0 || given >= quantity)
      return { errors: { quantityDelivered: { key: 'pledgePartialRange', params: { quantity } } } };
    return { delivered: given, returned: round(quantity - given) };
  }
  // FULFILLED and NOT_FULFILLED say how much themselves; a different figure beside them is a mistake.
  if (quantity === null) return given === null ? { delivered: null, returned: 0 } : notCounted;
  const delivered = outcome === PledgeStatus.FULFILLED ? quantity : 0;
  if (given !== null && given !== delivered)
    return { errors: { quantityDelivered: { key: 'pledgeDeliveredFixed', params: { quantity: delivered } } } };
  return { delivered, returned: round(quantity - delivered) };
}

const round = (value: number) => Math.round(value * 100) / 100;

/** Who the viewer is to a pledge, and what they may do in its area. */
export interface PledgeActorFacts {
  /** Made it, or represents the unit that made it. */
  isPledger: boolean;
  /** CONFIRM_PLEDGES over the pledge's area. */
  mayConfirm: boolean;
}

/** What the viewer may do with a pledge now: staff confirm what others pledged; the pledger withdraws. Only while PLEDGED. */
export function pledgeActions(status: PledgeStatus, facts: PledgeActorFacts): PledgeAction[] {
  if (status !== PledgeStatus.PLEDGED) return [];
  const actions: PledgeAction[] = [];
  if (facts.mayConfirm && !facts.isPledger) actions.push(PledgeAction.CONFIRM);
  if (facts.isPledger) actions.push(PledgeAction.WITHDRAW);
  return actions;
}
