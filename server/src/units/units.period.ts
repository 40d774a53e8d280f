import { badInput } from '../platform/errors.js';

/** A period of a report, score or rates: either end open, all time when both are. */
export interface Period {
  from?: Date | null;
  to?: Date | null;
}

/** BAD_USER_INPUT unless a period's start comes before its end. */
export function checkPeriod({ from, to }: Period): void {
  if (from && to && from.getTime() >= to.getTime()) throw badInput({ from: { key: 'reportPeriod' } });
}
