import { describe, expect, it } from 'vitest';
import { MeetingAction as A, MeetingKind as K } from '../../server/src/meetings/meetings.enums.js';
import {
  checkInClosedReason,
  checkInWindow,
  localMinute,
  mayCheckInSelf,
  mayReadMinutes,
  maySeeParticipants,
  meetingActions,
  quorumNeeded,
  quorumReached,
  scheduleProblems,
  staffCheckInClosedReason,
  type MeetingStanding,
} from '../../server/src/meetings/meetings.rules.js';

const HOUR = 3_600_000;
const now = new Date(Date.UTC(2026, 11, 7, 11, 0));
const hours = (h: number) => new Date(now.getTime() + h * HOUR);

describe('the quorum', () => {
  it('is more than half of the invited without a share', () => {
    expect([0, 1, 2, 3, 4, 10, 11].map((n) => quorumNeeded(n, null))).toEqual([0, 1, 2, 2, 3, 6, 6]);
  });

  it('is the share of the invited, rounded up, without floating-point surprises', () => {
    expect(quorumNeeded(10, 0.7)).toBe(7);
    expect(quorumNeeded(3, 2 / 3)).toBe(2);
    expect(quorumNeeded(10, 0.71)).toBe(8);
    expect(quorumNeeded(10, 1)).toBe(10);
    expect(quorumNeeded(10, 0.01)).toBe(1);
    expect(quorumNeeded(0, 0.5)).toBe(0);
  });

  it('counts the invited who checked in', () => {
    expect(quorumReached(4, 2, null)).toBe(false);
    expect(quorumReached(4, 3, null)).toBe(true);
    expect(quorumReached(10, 7, 0.7)).toBe(true);
    expect(quorumReached(10, 6, 0.7)).toBe(false);
    expect(quorumReached(0, 0, null)).toBe(false);
    expect(quorumReached(0, 0, 0.5)).toBe(false);
  });
});

describe('check-in times', () => {
  const meeting = { startsAt: hours(2) };

  it('open two hours before the start and close at the end, or six hours after the start', () => {
    expect(checkInWindow(meeting)).toEqual({ opensAt: hours(0), closesAt: hours(8) });
    expect(checkInWindow({ ...meeting, endsAt: hours(4) }).closesAt).toEqual(hours(4));
    expect(checkInClosedReason(meeting, hours(-0.01))).toBe('NOT_YET');
    expect(checkInClosedReason(meeting, hours(0))).toBeNull();
    expect(checkInClosedReason(meeting, hours(8))).toBeNull();
    expect(checkInClosedReason(meeting, hours(8.01))).toBe('OVER');
    expect(checkInClosedReason({ ...meeting, cancelledAt: hours(-1) }, hours(1))).toBe('CANCELLED');
  });

  it('let staff enter the paper sheet afterwards, never before nor for a cancelled meeting', () => {
    expect(staffCheckInClosedReason(meeting, hours(48))).toBeNull();
    expect(staffCheckInClosedReason(meeting, hours(-1))).toBe('NOT_YET');
    expect(staffCheckInClosedReason({ ...meeting, cancelledAt: hours(-1) }, hours(1))).toBe('CANCELLED');
  });
});

describe('who checks themselves in', () => {
  it('is an invited participant, or a resident of the area at an open meeting', () => {
    for (const kind of Object.values(K)) {
      expect(mayCheckInSelf({ kind, participant: true, livesInArea: false })).toBe(true);
      expect(mayCheckInSelf({ kind, participant: false, livesInArea: false })).toBe(false);
      const open = kind === K.RESIDENT_COUNCIL || kind === K.GRASSROOTS_PARLIAMENT || kind === K.HEARING;
      expect(mayCheckInSelf({ kind, participant: false, livesInArea: true }), kind).toBe(open);
    }
  });
});

describe('scheduling', () => {
  const fine = { startsAt: hours(24), place: '活动室' };

  it('accepts a sane meeting', () => {
    expect(scheduleProblems(fine, now)).toEqual({});
    expect(scheduleProblems({ startsAt: hours(-23), onlineUrl: 'https://meet.example.cn/1', quorum: 1 }, now)).toEqual(
      {},
    );
  });

  it('names each problem', () => {
    expect(Object.keys(scheduleProblems({ ...fine, startsAt: hours(-25) }, now))).toEqual(['startsAt']);
    expect(Object.keys(scheduleProblems({ ...fine, startsAt: hours(24 * 367) }, now))).toEqual(['startsAt']);
    expect(Object.keys(scheduleProblems({ ...fine, endsAt: hours(24) }, now))).toEqual(['endsAt']);
    expect(Object.keys(scheduleProblems({ ...fine, endsAt: hours(49) }, now))).toEqual(['endsAt']);
    expect(Object.keys(scheduleProblems({ startsAt: hours(1), place: '  ' }, now))).toEqual(['place']);
    expect(Object.keys(scheduleProblems({ ...fine, onlineUrl: 'ftp://x' }, now))).toEqual(['onlineUrl']);
    for (const quorum of [0, -1, 1.01, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(Object.keys(scheduleProblems({ ...fine, quorum }, now)), String(quorum)).toEqual(['quorum']);
    }
  });
});

describe('what a viewer may do with a meeting', () => {
  const base: MeetingStanding = {
    runs: false,
    runsVotes: false,
    signedIn: true,
    participant: false,
    checkedIn: false,
    livesInArea: false,
    kind: K.RESIDENT_COUNCIL,
    cancelled: false,
    checkInOpen: true,
    staffCheckInOpen: true,
    over: false,
    hasMinutes: false,
    minutesPublished: false,
  };

  it('lets an invited participant check in while it is open, once', () => {
    expect(meetingActions({ ...base, participant: true })).toEqual([A.CHECK_IN]);
    expect(meetingActions({ ...base, participant: true, checkedIn: true })).toEqual([]);
    expect(meetingActions({ ...base, participant: true, checkInOpen: false })).toEqual([]);
    expect(meetingActions({ ...base, participant: true, cancelled: true })).toEqual([]);
    expect(meetingActions({ ...base, participant: true, signedIn: false })).toEqual([]);
  });

  it('lets a resident of the area check in to an open meeting only', () => {
    expect(meetingActions({ ...base, livesInArea: true })).toEqual([A.CHECK_IN]);
    expect(meetingActions({ ...base, livesInArea: true, kind: K.COMMITTEE })).toEqual([]);
    expect(meetingActions(base)).toEqual([]);
  });

  it('gives staff the room, the minutes and the votes', () => {
    expect(meetingActions({ ...base, runs: true, runsVotes: true })).toEqual([
      A.CHECK_IN_OTHERS,
      A.SHOW_CHECK_IN_CODE,
      A.WRITE_MINUTES,
      A.OPEN_VOTE,
      A.CANCEL,
    ]);
    const after = { ...base, runs: true, checkInOpen: false, over: true };
    expect(meetingActions({ ...after, hasMinutes: true })).toEqual([
      A.CHECK_IN_OTHERS,
      A.WRITE_MINUTES,
      A.PUBLISH_MINUTES,
    ]);
    expect(meetingActions({ ...after, hasMinutes: true, minutesPublished: true })).toEqual([A.CHECK_IN_OTHERS]);
    expect(meetingActions({ ...base, runs: true, checkInOpen: false, staffCheckInOpen: false })).toEqual([
      A.WRITE_MINUTES,
      A.CANCEL,
    ]);
    expect(meetingActions({ ...base, runs: true, runsVotes: true, cancelled: true })).toEqual([]);
  });
});

describe('reading a meeting', () => {
  it('shows minutes to staff and participants, and to everyone once published', () => {
    expect(mayReadMinutes({ runs: false, participant: false, published: false })).toBe(false);
    expect(mayReadMinutes({ runs: true, participant: false, published: false })).toBe(true);
    expect(mayReadMinutes({ runs: false, participant: true, published: false })).toBe(true);
    expect(mayReadMinutes({ runs: false, participant: false, published: true })).toBe(true);
  });

  it('shows the participants to staff and participants only', () => {
    expect(maySeeParticipants({ runs: false, participant: false })).toBe(false);
    expect(maySeeParticipants({ runs: true, participant: false })).toBe(true);
    expect(maySeeParticipants({ runs: false, participant: true })).toBe(true);
  });

  it('writes times as people in China read them', () => {
    expect(localMinute(new Date('2026-12-07T11:00:00Z'))).toBe('2026-12-07 19:00');
    expect(localMinute(new Date('2026-12-31T16:30:00Z'))).toBe('2027-01-01 00:30');
  });
});
