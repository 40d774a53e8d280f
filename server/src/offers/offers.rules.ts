import type { FieldErrors } from '../platform/errors.js';
import { PledgeRequestAction, ResourceAction, ServiceAction } from './offers.enums.js';
import { PledgeRequestStatus } from './offers.enums.js';

/** "16:30": 24-hour local time, minutes included. */
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export interface ScheduleInput {
  weekdays: readonly number[];
  startTime: string;
  endTime: string;
}

/** What is wrong with a weekly schedule, by field: weekdays 1..7 without repeats, HH:MM times, start before end. */
export function scheduleErrors(schedule: ScheduleInput, prefix = 'schedule.'): FieldErrors {
  const errors: FieldErrors = {};
  const { weekdays, startTime, endTime } = schedule;
  const daysOk =
    weekdays.length > 0 &&
    weekdays.every((day) => Number.isInteger(day) && day >= 1 && day <= 7) &&
    new Set(weekdays).size === weekdays.length;
  if (!daysOk) errors[`${prefix}weekdays`] = { key: 'weekdaysRange' };
  if (!TIME.test(startTime)) errors[`${prefix}startTime`] = { key: 'timeFormat' };
  if (!TIME.test(endTime)) errors[`${prefix}endTime`] = { key: 'timeFormat' };
  // Zero-padded HH:MM compare as text in time order.
  if (TIME.test(startTime) && TIME.test(endTime) && startTime >= endTime) {
    errors[`${prefix}endTime`] = { key: 'endBeforeStart' };
  }
  return errors;
}

/** The weekdays in order, as stored. */
export const sortedWeekdays = (weekdays: readonly number[]) => [...weekdays].sort((a, b) => a - b);

/** What is left to pledge: the quantity less what is pledged (open and delivered); null when not counted. */
export function quantityRemaining(resource: { quantity?: number | null; quantityPledged: number }): number | null {
  if (resource.quantity === null || resource.quantity === undefined) return null;
  return Math.max(0, Number(resource.quantity) - Number(resource.quantityPledged));
}

/** Whether a resource can be drawn on at `now`: offered, within its dates, not used up. */
export function isAvailable(
  resource: {
    withdrawnAt?: Date | null;
    availableFrom?: Date | null;
    availableTo?: Date | null;
    quantity?: number | null;
    quantityPledged: number;
  },
  now: Date,
): boolean {
  if (resource.withdrawnAt) return false;
  if (resource.availableFrom && resource.availableFrom > now) return false;
  if (resource.availableTo && resource.availableTo <= now) return false;
  const remaining = quantityRemaining(resource);
  return remaining === null || remaining > 0;
}

/** Who the viewer is to a resource or service: its offerer (the person, or a representative of its unit). */
export interface OffererFacts {
  isOfferer: boolean;
  /** Holds REQUEST_PLEDGES over one of the areas it serves. */
  mayRequest: boolean;
}

export function resourceActions(resource: { withdrawnAt?: Date | null }, facts: OffererFacts): ResourceAction[] {
  const actions: ResourceAction[] = [];
  if (resource.withdrawnAt) return actions;
  if (facts.isOfferer) actions.push(ResourceAction.PLEDGE_FROM, ResourceAction.WITHDRAW);
  if (facts.mayRequest) actions.push(ResourceAction.REQUEST_PLEDGE);
  return actions;
}

export interface ServiceViewerFacts {
  signedIn: boolean;
  isProvider: boolean;
  /** The viewer lives in the area the service serves. */
  livesThere: boolean;
  hasLiveSignup: boolean;
  /** VIEW_SERVICE_SIGNUPS over the service's area. */
  maySeeSignups: boolean;
}

export function serviceActions(
  service: { closedAt?: Date | null; capacity: number; signupCount: number },
  facts: ServiceViewerFacts,
): ServiceAction[] {
  const actions: ServiceAction[] = [];
  const open = !service.closedAt;
  if (open && facts.signedIn && facts.livesThere && !facts.hasLiveSignup && service.signupCount < service.capacity) {
    actions.push(ServiceAction.SIGN_UP);
  }
  if (facts.hasLiveSignup) actions.push(ServiceAction.CANCEL_SIGNUP);
  if (facts.isProvider || facts.maySeeSignups) actions.push(ServiceAction.VIEW_SIGNUPS);
  if (open && facts.isProvider) actions.push(ServiceAction.CLOSE);
  return actions;
}

/** The one asked may pledge from an open request or decline it. */
export function pledgeRequestActions(status: PledgeRequestStatus, isAsked: boolean): PledgeRequestAction[] {
  return status === PledgeRequestStatus.OPEN && isAsked
    ? [PledgeRequestAction.PLEDGE, PledgeRequestAction.DECLINE]
    : [];
}
