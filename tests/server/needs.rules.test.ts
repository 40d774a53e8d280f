import { describe, expect, it } from 'vitest';
import { NeedAction, NeedCategory, NeedStatus, Urgency } from '../../server/src/needs/need.enums.js';
import {
  assignSteps,
  availableActions,
  currentDeadline,
  defaultDeadline,
  isDueSoon,
  nextStatus,
  NO_DEADLINE,
  parseTicketNumber,
  publicByDefault,
  rates,
  residentShownTo,
  roleAllows,
  takeSteps,
  ticketNumber,
  type ActorFacts,
  type NeedFacts,
} from '../../server/src/needs/needs.rules.js';

const S = NeedStatus;
const A = NeedAction;

describe('the need state machine', () => {
  it('follows submitted → accepted → assigned → in progress → resolved → closed', () => {
    const path: [NeedStatus, NeedAction, NeedStatus][] = [
      [S.SUBMITTED, A.ACCEPT, S.ACCEPTED],
      [S.ACCEPTED, A.ASSIGN, S.ASSIGNED],
      [S.ASSIGNED, A.ASSIGN, S.ASSIGNED],
      [S.ASSIGNED, A.START, S.IN_PROGRESS],
      [S.IN_PROGRESS, A.RESOLVE, S.RESOLVED],
      [S.RESOLVED, A.CONFIRM, S.CLOSED],
    ];
    for (const [from, action, to] of path)
      expect(nextStatus({ status: from, reopenCount: 0 }, action), `${from} ${action}`).toBe(to);
  });

  it('rejects only at submitted or accepted', () => {
    expect(nextStatus({ status: S.SUBMITTED, reopenCount: 0 }, A.REJECT)).toBe(S.REJECTED);
    expect(nextStatus({ status: S.ACCEPTED, reopenCount: 0 }, A.REJECT)).toBe(S.REJECTED);
    for (const status of [S.ASSIGNED, S.IN_PROGRESS, S.RESOLVED, S.CLOSED, S.REJECTED]) {
      expect(nextStatus({ status, reopenCount: 0 }, A.REJECT), status).toBeNull();
    }
  });

  it('reopens once, from resolved or closed, back to in progress', () => {
    expect(nextStatus({ status: S.RESOLVED, reopenCount: 0 }, A.REOPEN)).toBe(S.IN_PROGRESS);
    expect(nextStatus({ status: S.CLOSED, reopenCount: 0 }, A.REOPEN)).toBe(S.IN_PROGRESS);
    expect(nextStatus({ status: S.CLOSED, reopenCount: 1 }, A.REOPEN)).toBeNull();
    expect(nextStatus({ status: S.IN_PROGRESS, reopenCount: 0 }, A.REOPEN)).toBeNull();
  });

  it('refuses every other move', () => {
    const allowed = new Set([
      'SUBMITTED ACCEPT',
      'ACCEPTED ASSIGN',
      'ASSIGNED ASSIGN',
      'ASSIGNED START',
      'IN_PROGRESS RESOLVE',
      'RESOLVED CONFIRM',
      'RESOLVED REOPEN',
      'CLOSED REOPEN',
      'SUBMITTED REJECT',
      'ACCEPTED REJECT',
    ]);
    const moving = [A.ACCEPT, A.ASSIGN, A.START, A.RESOLVE, A.CONFIRM, A.REOPEN, A.REJECT];
    for (const status of Object.values(S)) {
      for (const action of moving) {
        const result = nextStatus({ status, reopenCount: 0 }, action);
        expect(result === null, `${status} ${action}`).toBe(!allowed.has(`${status} ${action}`));
      }
    }
  });

  it('escalates open needs only, keeps the status, and allows comments always', () => {
    expect(nextStatus({ status: S.ASSIGNED, reopenCount: 0 }, A.ESCALATE)).toBe(S.ASSIGNED);
    expect(nextStatus({ status: S.RESOLVED, reopenCount: 0 }, A.ESCALATE)).toBeNull();
    expect(nextStatus({ status: S.CLOSED, reopenCount: 0 }, A.COMMENT)).toBe(S.CLOSED);
    expect(nextStatus({ status: S.REJECTED, reopenCount: 0 }, A.SUPPORT)).toBeNull();
  });
});

describe('who may do what', () => {
  const need: NeedFacts = { status: S.SUBMITTED, reopenCount: 0, isPublic: true, canGoUp: true };
  const nobody: ActorFacts = {
    signedIn: true,
    isOwner: false,
    isAssignee: false,
    isResponsibleStaff: false,
    isResponsibleWorker: false,
    worksOnArea: false,
    hasSupported: false,
  };

  it('gives staff over the responsible area the handling actions', () => {
    const staff = { ...nobody, isResponsibleStaff: true, isResponsibleWorker: true, worksOnArea: true };
    expect(availableActions(need, staff)).toEqual([A.ACCEPT, A.REJECT, A.ESCALATE, A.COMMENT, A.TAKE]);
  });

  it('lets a neighbour support once, and the owner comment but not support', () => {
    expect(availableActions(need, nobody)).toEqual([A.SUPPORT]);
    expect(availableActions(need, { ...nobody, hasSupported: true })).toEqual([]);
    expect(availableActions(need, { ...nobody, isOwner: true })).toEqual([A.COMMENT]);
    expect(availableActions({ ...need, isPublic: false }, nobody)).toEqual([]);
  });

  it('lets the owner confirm or reopen a resolved need, and the assignee work on it', () => {
    const resolved = { ...need, status: S.RESOLVED };
    expect(availableActions(resolved, { ...nobody, isOwner: true })).toEqual([A.CONFIRM, A.REOPEN, A.COMMENT]);
    expect(availableActions({ ...need, status: S.ASSIGNED }, { ...nobody, isAssignee: true })).toEqual([
      A.START,
      A.SUPPORT,
      A.COMMENT,
    ]);
  });

  it('does not escalate from the top of the tree', () => {
    const staff = { ...nobody, isResponsibleStaff: true, isResponsibleWorker: true };
    expect(availableActions({ ...need, canGoUp: false }, staff)).not.toContain(A.ESCALATE);
  });
});

describe('接单 (TAKE)', () => {
  const need: NeedFacts = { status: S.SUBMITTED, reopenCount: 0, isPublic: true, canGoUp: true };
  const nobody: ActorFacts = {
    signedIn: true,
    isOwner: false,
    isAssignee: false,
    isResponsibleStaff: false,
    isResponsibleWorker: false,
    worksOnArea: false,
    hasSupported: false,
  };
  const gridWorker = { ...nobody, isResponsibleWorker: true, worksOnArea: true };

  it('accepts while submitted, then assigns and starts; from accepted, assigns and starts; later, nothing', () => {
    expect(takeSteps(S.SUBMITTED)).toEqual([A.ACCEPT, A.ASSIGN, A.START]);
    expect(takeSteps(S.ACCEPTED)).toEqual([A.ASSIGN, A.START]);
    for (const status of [S.ASSIGNED, S.IN_PROGRESS, S.RESOLVED, S.CLOSED, S.REJECTED]) {
      expect(takeSteps(status), status).toEqual([]);
      expect(nextStatus({ status, reopenCount: 0 }, A.TAKE), status).toBeNull();
    }
    expect(nextStatus({ status: S.SUBMITTED, reopenCount: 0 }, A.TAKE)).toBe(S.IN_PROGRESS);
    expect(nextStatus({ status: S.ACCEPTED, reopenCount: 0 }, A.TAKE)).toBe(S.IN_PROGRESS);
  });

  it('is offered to a grid worker responsible for the need, who may start it once assigned to themself', () => {
    // Alone, a grid worker may not START (only the assignee or staff): taking it makes them the assignee.
    expect(roleAllows(A.START, need, gridWorker)).toBe(false);
    expect(availableActions(need, gridWorker)).toContain(A.TAKE);
    expect(availableActions({ ...need, status: S.ACCEPTED }, gridWorker)).toContain(A.TAKE);
    expect(availableActions({ ...need, status: S.ASSIGNED }, gridWorker)).not.toContain(A.TAKE);
  });

  it('is not offered to workers of the area who are not responsible, the assignee, the resident or neighbours', () => {
    for (const who of [
      { ...nobody, worksOnArea: true },
      { ...nobody, isAssignee: true },
      { ...nobody, isOwner: true },
      nobody,
      { ...nobody, signedIn: false },
    ]) {
      expect(availableActions(need, who), JSON.stringify(who)).not.toContain(A.TAKE);
      expect(availableActions({ ...need, status: S.ACCEPTED }, who)).not.toContain(A.TAKE);
    }
  });

  it('派单 accepts a submitted need first', () => {
    expect(assignSteps(S.SUBMITTED)).toEqual([A.ACCEPT, A.ASSIGN]);
    expect(assignSteps(S.ACCEPTED)).toEqual([A.ASSIGN]);
    expect(assignSteps(S.IN_PROGRESS)).toEqual([A.ASSIGN]);
  });
});

describe('privacy by default', () => {
  it('makes a need public unless raised for someone (代办) or about health, care, disability or a dispute', () => {
    expect(publicByDefault(NeedCategory.REPAIR, false)).toBe(true);
    expect(publicByDefault(NeedCategory.REPAIR, true)).toBe(false);
    for (const category of [
      NeedCategory.ELDERLY_CARE,
      NeedCategory.HEALTH,
      NeedCategory.DISABILITY,
      NeedCategory.DISPUTE,
    ])
      expect(publicByDefault(category, false), category).toBe(false);
  });

  it('names the resident in full to those the need concerns, and gives the phone to the assignee only', () => {
    const nobody: ActorFacts = {
      signedIn: true,
      isOwner: false,
      isAssignee: false,
      isResponsibleStaff: false,
      isResponsibleWorker: false,
      worksOnArea: false,
      hasSupported: false,
    };
    expect(residentShownTo(nobody)).toEqual({ name: false, phone: false });
    expect(residentShownTo({ ...nobody, hasSupported: true })).toEqual({ name: false, phone: false });
    expect(residentShownTo({ ...nobody, isOwner: true })).toEqual({ name: true, phone: false });
    expect(residentShownTo({ ...nobody, worksOnArea: true })).toEqual({ name: true, phone: false });
    expect(residentShownTo({ ...nobody, isResponsibleWorker: true })).toEqual({ name: true, phone: false });
    expect(residentShownTo({ ...nobody, isAssignee: true })).toEqual({ name: true, phone: true });
  });
});

describe('ticket numbers and due soon', () => {
  it('numbers a need by its day in Beijing and its id', () => {
    // 23:30 UTC is already the next day in Beijing.
    expect(ticketNumber(new Date('2026-12-06T23:30:00Z'), 41)).toBe('20261207-000041');
    expect(ticketNumber(new Date('2026-12-07T15:59:59Z'), 1234567)).toBe('20261207-1234567');
    expect(parseTicketNumber(' 20261207-000041 ')).toEqual({
      id: 41,
      from: new Date('2026-12-06T16:00:00Z'),
      to: new Date('2026-12-07T16:00:00Z'),
    });
    for (const text of ['20261341-000041', '2026120-000041', '楼道灯', '20261207-', '20261207-99999999999999'])
      expect(parseTicketNumber(text), text).toBeNull();
  });

  it('is due soon from 2 hours before the deadline until the deadline itself', () => {
    const now = new Date('2026-12-07T10:00:00Z');
    expect(isDueSoon(new Date('2026-12-07T11:59:00Z'), now)).toBe(true);
    expect(isDueSoon(now, now)).toBe(true);
    expect(isDueSoon(new Date('2026-12-07T12:00:00Z'), now)).toBe(false);
    expect(isDueSoon(new Date('2026-12-07T09:59:00Z'), now)).toBe(false);
    expect(isDueSoon(NO_DEADLINE, now)).toBe(false);
  });
});

describe('deadlines', () => {
  it('answers critical needs in 2 hours and normal ones in a day, resolved within a week', () => {
    expect(defaultDeadline(NeedCategory.REPAIR, Urgency.CRITICAL)).toEqual({ respondHours: 2, resolveHours: 24 });
    expect(defaultDeadline(NeedCategory.REPAIR, Urgency.NORMAL)).toEqual({ respondHours: 24, resolveHours: 168 });
  });

  it('responds faster to safety, health, elderly and disability needs', () => {
    expect(defaultDeadline(NeedCategory.SAFETY, Urgency.NORMAL).respondHours).toBeLessThan(
      defaultDeadline(NeedCategory.REPAIR, Urgency.NORMAL).respondHours,
    );
  });

  it('watches the response deadline, then the resolution deadline, then none', () => {
    const respondBy = new Date('2026-01-01T10:00:00Z');
    const resolveBy = new Date('2026-01-08T10:00:00Z');
    expect(currentDeadline(S.SUBMITTED, respondBy, resolveBy)).toBe(respondBy);
    expect(currentDeadline(S.IN_PROGRESS, respondBy, resolveBy)).toBe(resolveBy);
    expect(currentDeadline(S.CLOSED, respondBy, resolveBy)).toBe(NO_DEADLINE);
    expect(currentDeadline(S.REJECTED, respondBy, resolveBy)).toBe(NO_DEADLINE);
  });
});

describe('the three rates', () => {
  it('are null when there is nothing to measure', () => {
    expect(rates({ total: 0, responseDue: 0, respondedInTime: 0, resolved: 0, rated: 0, satisfied: 0 })).toEqual({
      responseRate: null,
      resolutionRate: null,
      satisfactionRate: null,
    });
  });

  it('divide by what can be judged', () => {
    expect(rates({ total: 10, responseDue: 8, respondedInTime: 6, resolved: 5, rated: 4, satisfied: 3 })).toEqual({
      responseRate: 0.75,
      resolutionRate: 0.5,
      satisfactionRate: 0.75,
    });
  });

  it('gives a satisfaction rate only over rated needs', () => {
    expect(
      rates({ total: 3, responseDue: 3, respondedInTime: 3, resolved: 3, rated: 0, satisfied: 0 }).satisfactionRate,
    ).toBeNull();
  });
});
