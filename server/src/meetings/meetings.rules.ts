import type { FieldErrors } from '../platform/errors.js';
import { MeetingAction, MeetingKind } from './meetings.enums.js';
import {
  CHECK_IN_DEFAULT_HOURS,
  CHECK_IN_OPENS_HOURS_BEFORE,
  MEETING_AHEAD_DAYS_MAX,
  MEETING_BACKDATE_HOURS_MAX,
  MEETING_DURATION_HOURS_MAX,
} from './meetings.limits.js';

const HOUR_MS = 3_600_000;

/**
 * Check-ins needed for the quorum: the share `quorum` of the invited, rounded up, or more than
 * half of them when no share is set. Nobody invited: no quorum to reach.
 */
export function quorumNeeded(invited: number, quorum: number | null | undefined): number {
  if (invited <= 0) return 0;
  // 10 × 0.7 is 7.000000000000001 in floating point; a millionth keeps the ceiling at 7.
  if (quorum !== null && quorum !== undefined) return Math.max(1, Math.ceil(invited * quorum - 1e-6));
  return Math.floor(invited / 2) + 1;
}

/**
 * Whether a meeting's quorum is reached: only invited participants count towards the share of the
 * invited, and a meeting nobody was invited to has no quorum to reach (never reached).
 */
export function quorumReached(invited: number, invitedCheckedIn: number, quorum: number | null | undefined): boolean {
  return invited > 0 && invitedCheckedIn >= quorumNeeded(invited, quorum);
}

export interface MeetingTimes {
  startsAt: Date;
  endsAt?: Date | null;
  cancelledAt?: Date | null;
}

/** When people may check in: from two hours before the start until the end (or six hours after the start). */
export function checkInWindow(meeting: MeetingTimes): { opensAt: Date; closesAt: Date } {
  return {
    opensAt: new Date(meeting.startsAt.getTime() - CHECK_IN_OPENS_HOURS_BEFORE * HOUR_MS),
    closesAt: meeting.endsAt ?? new Date(meeting.startsAt.getTime() + CHECK_IN_DEFAULT_HOURS * HOUR_MS),
  };
}

/** Why nobody can check in now (INVALID_STATE's reason), or null when they can. */
export function checkInClosedReason(meeting: MeetingTimes, now: Date): 'CANCELLED' | 'NOT_YET' | 'OVER' | null {
  if (meeting.cancelledAt) return 'CANCELLED';
  const { opensAt, closesAt } = checkInWindow(meeting);
  if (now < opensAt) return 'NOT_YET';
  if (now > closesAt) return 'OVER';
  return null;
}

/** Staff enter the paper sign-in sheet during the meeting or afterwards, never before check-in opens. */
export function staffCheckInClosedReason(meeting: MeetingTimes, now: Date): 'CANCELLED' | 'NOT_YET' | null {
  if (meeting.cancelledAt) return 'CANCELLED';
  return now < checkInWindow(meeting).opensAt ? 'NOT_YET' : null;
}

/** Whether the meeting is over (its check-in closed): nobody is invited to it or cancels it any more. */
export function isOver(meeting: MeetingTimes, now: Date): boolean {
  return now > checkInWindow(meeting).closesAt;
}

/** Open meetings: any resident of the area may come and check in without an invitation. */
export const OPEN_TO_RESIDENTS: readonly MeetingKind[] = [
  MeetingKind.RESIDENT_COUNCIL,
  MeetingKind.GRASSROOTS_PARLIAMENT,
  MeetingKind.HEARING,
];

/** Who the code check-in lets in: an invited participant, or a resident of the area at an open meeting. */
export function mayCheckInSelf(input: { kind: MeetingKind; participant: boolean; livesInArea: boolean }): boolean {
  return input.participant || (OPEN_TO_RESIDENTS.includes(input.kind) && input.livesInArea);
}

export interface ScheduleFacts {
  startsAt: Date;
  endsAt?: Date | null;
  place?: string | null;
  onlineUrl?: string | null;
  quorum?: number | null;
}

/** What is wrong with a meeting's time, place and quorum, field by field; empty when they are fine. */
export function scheduleProblems(facts: ScheduleFacts, now: Date): FieldErrors {
  const problems: FieldErrors = {};
  const start = facts.startsAt.getTime();
  if (start < now.getTime() - MEETING_BACKDATE_HOURS_MAX * HOUR_MS) {
    problems.startsAt = { key: 'meetingStartsTooEarly', params: { hours: MEETING_BACKDATE_HOURS_MAX } };
  } else if (start > now.getTime() + MEETING_AHEAD_DAYS_MAX * 24 * HOUR_MS) {
    problems.startsAt = { key: 'meetingStartsTooLate', params: { days: MEETING_AHEAD_DAYS_MAX } };
  }
  if (facts.endsAt) {
    const end = facts.endsAt.getTime();
    if (end <= start) problems.endsAt = { key: 'meetingEndsBeforeStart' };
    else if (end - start > MEETING_DURATION_HOURS_MAX * HOUR_MS) {
      problems.endsAt = { key: 'meetingTooLong', params: { hours: MEETING_DURATION_HOURS_MAX } };
    }
  }
  if (!facts.place?.trim() && !facts.onlineUrl?.trim()) problems.place = { key: 'meetingPlaceRequired' };
  if (facts.onlineUrl?.trim() && !/^https?:\/\/\S+$/i.test(facts.onlineUrl.trim())) {
    problems.onlineUrl = { key: 'meetingOnlineUrl' };
  }
  const quorum = facts.quorum;
  if (quorum !== null && quorum !== undefined && !(Number.isFinite(quorum) && quorum > 0 && quorum <= 1)) {
    problems.quorum = { key: 'meetingQuorumRange' };
  }
  return problems;
}

/** What the viewer is to a meeting, and where it stands. */
export interface MeetingStanding {
  /** RUN_MEETINGS over the meeting's area. */
  runs: boolean;
  /** RUN_VOTES over it. */
  runsVotes: boolean;
  /** Signed in at all. */
  signedIn: boolean;
  /** Has an attendance row (invited, or checked in uninvited). */
  participant: boolean;
  checkedIn: boolean;
  livesInArea: boolean;
  kind: MeetingKind;
  cancelled: boolean;
  /** People may check themselves in (and the code is shown). */
  checkInOpen: boolean;
  /** Staff may check people in (also after the meeting, from the paper sheet). */
  staffCheckInOpen: boolean;
  over: boolean;
  hasMinutes: boolean;
  minutesPublished: boolean;
}

/** What the viewer may do with a meeting now: the same conditions the operations check. */
export function meetingActions(s: MeetingStanding): MeetingAction[] {
  const actions: MeetingAction[] = [];
  const live = !s.cancelled;
  if (s.signedIn && live && s.checkInOpen && !s.checkedIn && mayCheckInSelf(s)) actions.push(MeetingAction.CHECK_IN);
  if (s.runs && live && s.staffCheckInOpen) actions.push(MeetingAction.CHECK_IN_OTHERS);
  if (s.runs && live && s.checkInOpen) actions.push(MeetingAction.SHOW_CHECK_IN_CODE);
  if (s.runs && live && !s.minutesPublished) actions.push(MeetingAction.WRITE_MINUTES);
  if (s.runs && live && s.hasMinutes && !s.minutesPublished) actions.push(MeetingAction.PUBLISH_MINUTES);
  if (s.runsVotes && live) actions.push(MeetingAction.OPEN_VOTE);
  if (s.runs && live && !s.over) actions.push(MeetingAction.CANCEL);
  return actions;
}

/** Minutes: staff over the area and the participants; everyone once published. */
export function mayReadMinutes(s: { runs: boolean; participant: boolean; published: boolean }): boolean {
  return s.published || s.runs || s.participant;
}

/** The list of participants: staff over the area and the participants themselves; others see the counts. */
export function maySeeParticipants(s: { runs: boolean; participant: boolean }): boolean {
  return s.runs || s.participant;
}

/** China keeps UTC+8 all year (no daylight saving since 1991): a fixed offset, no time-zone database. */
const SHANGHAI_OFFSET_MS = 8 * HOUR_MS;

/** `YYYY-MM-DD HH:mm` in Asia/Shanghai, as notifications show a time. */
export function localMinute(date: Date): string {
  return new Date(date.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** The subject a meeting's rotating check-in codes are bound to. */
export const checkInSubject = (meetingId: number) => `meeting:${meetingId}`;

/** The web page the room's QR code opens. */
export const checkInPath = (meetingId: number, code: string) =>
  `/council/meetings/${meetingId}/check-in?code=${encodeURIComponent(code)}`;
