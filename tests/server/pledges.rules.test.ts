import { describe, expect, it } from 'vitest';
import { NotificationKind } from '../../server/src/notifications/notification.kinds.js';
import { PledgeAction, PledgeStatus } from '../../server/src/pledges/pledges.enums.js';
import { pledgeRecipients } from '../../server/src/pledges/pledges.notifications.js';
import { isOverdue, pledgeActions, quantityError, settle } from '../../server/src/pledges/pledges.rules.js';
import { NO_COUNTS, unitScore } from '../../server/src/units/units.score.js';

// The pledges' rules and the co-building score, without a database.

describe('settle', () => {
  it('FULFILLED delivers the quantity, NOT_FULFILLED gives it all back, PARTIAL some', () => {
    expect(settle(PledgeStatus.FULFILLED, 4, null)).toEqual({ delivered: 4, returned: 0 });
    expect(settle(PledgeStatus.FULFILLED, 4, 4)).toEqual({ delivered: 4, returned: 0 });
    expect(settle(PledgeStatus.NOT_FULFILLED, 4, undefined)).toEqual({ delivered: 0, returned: 4 });
    expect(settle(PledgeStatus.PARTIAL, 4, 1.5)).toEqual({ delivered: 1.5, returned: 2.5 });
    expect(settle(PledgeStatus.PARTIAL, 0.3, 0.1)).toEqual({ delivered: 0.1, returned: 0.2 });
  });

  it('a pledge without a quantity settles without one', () => {
    expect(settle(PledgeStatus.FULFILLED, null, null)).toEqual({ delivered: null, returned: 0 });
    expect(settle(PledgeStatus.PARTIAL, null, null)).toEqual({ delivered: null, returned: 0 });
    expect(settle(PledgeStatus.PARTIAL, null, 2)).toEqual({
      errors: { quantityDelivered: { key: 'pledgeNotCounted' } },
    });
  });

  it('refuses outcomes that are not outcomes and quantities that do not fit them', () => {
    for (const outcome of [PledgeStatus.PLEDGED, PledgeStatus.WITHDRAWN])
      expect(settle(outcome, 4, null)).toEqual({ errors: { outcome: { key: 'pledgeOutcome' } } });
    for (const given of [null, 0, -1, 4, 5, Number.NaN])
      expect(settle(PledgeStatus.PARTIAL, 4, given), String(given)).toHaveProperty('errors.quantityDelivered');
    expect(settle(PledgeStatus.FULFILLED, 4, 3)).toHaveProperty('errors.quantityDelivered.params.quantity', 4);
    expect(settle(PledgeStatus.NOT_FULFILLED, 4, 1)).toHaveProperty('errors.quantityDelivered.params.quantity', 0);
  });
});

describe('quantityError', () => {
  it('takes positive quantities in cents below the limit', () => {
    for (const ok of [null, undefined, 0.01, 1, 2.5, 1_000_000_000])
      expect(quantityError(ok, 'q'), String(ok)).toBeNull();
    for (const bad of [0, -1, 1_000_000_000.01, Number.POSITIVE_INFINITY, Number.NaN, 0.001])
      expect(quantityError(bad, 'q'), String(bad)).toHaveProperty('q');
  });
});

describe('pledgeActions and isOverdue', () => {
  it('staff confirm what others pledged; the pledger withdraws; nothing once settled', () => {
    expect(pledgeActions(PledgeStatus.PLEDGED, { isPledger: false, mayConfirm: true })).toEqual([PledgeAction.CONFIRM]);
    expect(pledgeActions(PledgeStatus.PLEDGED, { isPledger: true, mayConfirm: true })).toEqual([PledgeAction.WITHDRAW]);
    expect(pledgeActions(PledgeStatus.PLEDGED, { isPledger: false, mayConfirm: false })).toEqual([]);
    for (const status of [
      PledgeStatus.FULFILLED,
      PledgeStatus.PARTIAL,
      PledgeStatus.NOT_FULFILLED,
      PledgeStatus.WITHDRAWN,
    ])
      expect(pledgeActions(status, { isPledger: true, mayConfirm: true })).toEqual([]);
  });

  it('only an open pledge past its date is overdue', () => {
    const now = new Date('2026-06-01T00:00:00Z');
    const past = new Date('2026-05-31T00:00:00Z');
    expect(isOverdue({ status: PledgeStatus.PLEDGED, dueAt: past }, now)).toBe(true);
    expect(isOverdue({ status: PledgeStatus.PLEDGED, dueAt: null }, now)).toBe(false);
    expect(isOverdue({ status: PledgeStatus.PLEDGED, dueAt: new Date('2026-06-02T00:00:00Z') }, now)).toBe(false);
    expect(isOverdue({ status: PledgeStatus.FULFILLED, dueAt: past }, now)).toBe(false);
  });
});

describe('pledgeRecipients', () => {
  const people = { actorId: 1, pledgers: [1, 2], residents: [3, 4], staff: [5, 1] };
  it('tells each step to those it concerns, never the one who took it', () => {
    expect(pledgeRecipients(NotificationKind.PLEDGE_MADE, people)).toEqual([3, 4, 5]);
    expect(pledgeRecipients(NotificationKind.PLEDGE_SETTLED, { ...people, actorId: 5 })).toEqual([1, 2, 3, 4]);
    expect(pledgeRecipients(NotificationKind.PLEDGE_WITHDRAWN, people)).toEqual([5, 3, 4]);
    expect(pledgeRecipients(NotificationKind.PLEDGE_OVERDUE, { ...people, actorId: null })).toEqual([1, 2, 5]);
  });
});

describe('unitScore', () => {
  it('no pledges, ratings or contributions: counts 0, rates and points null (not 0)', () => {
    expect(unitScore(NO_COUNTS)).toEqual({
      pledges: 0,
      fulfilled: 0,
      partial: 0,
      notFulfilled: 0,
      withdrawn: 0,
      open: 0,
      overdue: 0,
      fulfilmentRate: null,
      onTimeRate: null,
      averageRating: null,
      ratedNeeds: 0,
      contributionValue: 0,
      points: null,
    });
  });

  it('only open or withdrawn pledges: nothing settled to rate or score yet', () => {
    const score = unitScore({ ...NO_COUNTS, pledges: 3, open: 2, overdue: 1, withdrawn: 1 });
    expect(score).toMatchObject({ pledges: 3, open: 2, overdue: 1, withdrawn: 1, fulfilmentRate: null, points: null });
  });

  it('fulfilment counts a partial one as half; on time of those with a due date; the average rating', () => {
    const score = unitScore({
      ...NO_COUNTS,
      pledges: 5,
      fulfilled: 2,
      partial: 1,
      notFulfilled: 1,
      withdrawn: 1,
      settledWithDue: 3,
      onTime: 2,
      ratedNeeds: 2,
      ratingSum: 9,
    });
    expect(score.fulfilmentRate).toBe(0.625);
    expect(score.onTimeRate).toBe(0.6667);
    expect(score.averageRating).toBe(4.5);
    // 2×10 + 5 − 5 + 2×2 + (9 − 6)×2 = 30
    expect(score.points).toBe(30);
  });

  it('a contribution alone scores, by tenfolds: money alone does not buy the top', () => {
    expect(unitScore({ ...NO_COUNTS, contributionValue: 9000 }).points).toBe(10);
    expect(unitScore({ ...NO_COUNTS, contributionValue: 99_000 }).points).toBe(20);
    expect(unitScore({ ...NO_COUNTS, fulfilled: 3 }).points).toBe(30);
  });

  it('a broken promise costs more than none made; low ratings take points away', () => {
    expect(unitScore({ ...NO_COUNTS, notFulfilled: 1 }).points).toBe(-5);
    expect(unitScore({ ...NO_COUNTS, ratedNeeds: 1, ratingSum: 1 }).points).toBe(-4);
    expect(unitScore({ ...NO_COUNTS, notFulfilled: 1 }).fulfilmentRate).toBe(0);
  });
});
