import { OptimisticLockError, type EntityManager } from '@mikro-orm/postgresql';
import { Area } from '../areas/area.entity.js';
import { levelsOf } from '../areas/area-levels.js';
import { recordAudit } from '../audit/audit.service.js';
import { Committee, CommitteeMember } from '../committees/committee.entity.js';
import { NotificationKind } from '../notifications/notification.kinds.js';
import { notify } from '../notifications/notifications.service.js';
import { areaPathsOf, canSeePersonalData, findVisibleUser } from '../people/people.service.js';
import { User } from '../people/user.entity.js';
import { afterCommit } from '../platform/after-commit.js';
import type { Viewer } from '../platform/auth/viewer.js';
import { systemClock, type Clock } from '../platform/clock.js';
import { AppError, badInput, conflict, ErrorCode, invalidState, notFound } from '../platform/errors.js';
import { findById, toId } from '../platform/ids.js';
import { once } from '../platform/idempotency.js';
import { consumeRateLimit } from '../platform/rate-limit.js';
import { qrSvg } from '../platform/qr.js';
import { codeFor, isValidCode, newCodeSecret } from '../platform/rotating-codes.js';
import { isWithin, requireRule } from '../platform/scope.js';
import { Topic } from '../topics/topic.entity.js';
import { nextTopicStatus } from '../topics/topics.rules.js';
import { Meeting, MeetingParticipant, MeetingTopic } from './meeting.entity.js';
import { mayRunMeetings } from './meetings.access.js';
import { MeetingAuditAction, MeetingAuditTarget } from './meetings.audit.js';
import { CheckInMethod, MeetingKind, ParticipantRole } from './meetings.enums.js';
import type { MeetingParticipantInput, ScheduleMeetingInput } from './meetings.inputs.js';
import { CHECK_IN_RATE_LIMIT } from './meetings.limits.js';
import { publishMeetingChange } from './meetings.live.js';
import {
  checkInClosedReason,
  checkInPath,
  checkInSubject,
  isOver,
  mayCheckInSelf,
  scheduleProblems,
  staffCheckInClosedReason,
} from './meetings.rules.js';
import { chinaMinute } from '../platform/china-time.js';

/** NOT_FOUND that names the field the unknown (or unreachable) id came in. */
const notFoundIn = (field: string) =>
  new AppError(ErrorCode.NOT_FOUND, { key: 'NOT_FOUND' }, { [field]: { key: 'NOT_FOUND' } });

/** Meetings are public: any id that names one is within reach; anything else is NOT_FOUND. */
async function meetingOrFail(em: EntityManager, id: string | number): Promise<Meeting> {
  const meeting = await findById(em, Meeting, id, { populate: ['area'], refresh: true });
  if (!meeting) throw notFound();
  return meeting;
}

/** The meeting with its area, for someone who may run it: NOT_FOUND for no such meeting, FORBIDDEN outside their areas. */
async function runMeeting(em: EntityManager, viewer: Viewer, id: string | number): Promise<Meeting> {
  const meeting = await meetingOrFail(em, id);
  requireRule(viewer, mayRunMeetings, meeting.area.getEntity());
  return meeting;
}

/**
 * The people behind `ids`, each one the viewer may reach (whose personal data they may see, as
 * the people picker offers them), in one query; NOT_FOUND on `field` unless that is all of them.
 */
async function reachablePeople(
  em: EntityManager,
  viewer: Viewer,
  ids: readonly string[],
  field: string,
): Promise<Map<string, User>> {
  const wanted = [...new Set(ids)];
  const rowIds = wanted.map(toId);
  if (rowIds.some((id) => id === null)) throw notFoundIn(field);
  const users = wanted.length
    ? await em.find(User, { id: { $in: rowIds as number[] } }, { populate: ['homeArea', 'roles.area'] })
    : [];
  const byId = new Map<string, User>();
  for (const user of users) {
    if (canSeePersonalData(viewer, user, await areaPathsOf(user))) byId.set(String(user.id), user);
  }
  if (byId.size !== wanted.length) throw notFoundIn(field);
  return byId;
}

/** Who to invite and as what: explicit roles win over participantIds' RESIDENT; the first of repeated ids counts. */
function invitations(
  participantIds: readonly string[] | null | undefined,
  participants: readonly MeetingParticipantInput[] | null | undefined,
): Map<string, ParticipantRole> {
  const roles = new Map<string, ParticipantRole>();
  for (const { userId, role } of participants ?? []) if (!roles.has(userId)) roles.set(userId, role);
  for (const id of participantIds ?? []) if (!roles.has(id)) roles.set(id, ParticipantRole.RESIDENT);
  return roles;
}

/** Adds invitations (one statement); someone already invited keeps their row. Returns who was newly invited. */
async function invite(
  tx: EntityManager,
  meetingId: number,
  roles: ReadonlyMap<number, ParticipantRole>,
  now: Date,
): Promise<number[]> {
  if (roles.size === 0) return [];
  const rows = await tx.execute<{ user_id: number }[]>(
    `insert into meeting_participant (meeting_id, user_id, role, invited, created_at)
     select ?, u, r, true, ? from unnest(?::int[], ?::text[]) as t(u, r)
     on conflict (meeting_id, user_id) do update set invited = true, role = excluded.role
       where not meeting_participant.invited
     returning user_id`,
    [meetingId, now, `{${[...roles.keys()].join(',')}}`, `{${[...roles.values()].join(',')}}`],
  );
  return rows.map((row) => row.user_id);
}

async function notifyInvited(
  tx: EntityManager,
  meeting: Meeting,
  recipients: readonly number[],
  actorId: number,
  now: Date,
) {
  await notify(tx, {
    recipients: recipients.filter((id) => id !== actorId),
    kind: NotificationKind.MEETING_SCHEDULED,
    subject: { type: MEETING_SUBJECT, id: meeting.id },
    params: {
      meeting: meeting.title,
      when: chinaMinute(meeting.startsAt),
      place: meeting.place ?? meeting.onlineUrl ?? '',
    },
    now,
  });
}

export const MEETING_SUBJECT = 'meeting';

/**
 * Moves each agenda topic to SCHEDULED through nextTopicStatus: unknown or outside the meeting's
 * area is NOT_FOUND, a topic that cannot be scheduled (proposed, declined, decided) INVALID_STATE.
 * The topics' version catches a concurrent change (a decline, say): CONFLICT.
 */
async function scheduleTopics(tx: EntityManager, ids: readonly string[], areaPath: string): Promise<Topic[]> {
  const wanted = [...new Set(ids)];
  const rowIds = wanted.map(toId);
  if (rowIds.some((id) => id === null)) throw notFoundIn('topicIds');
  const topics = wanted.length ? await tx.find(Topic, { id: { $in: rowIds as number[] } }, { refresh: true }) : [];
  const byId = new Map(topics.map((topic) => [topic.id, topic]));
  const ordered = (rowIds as number[]).map((id) => byId.get(id));
  if (ordered.some((topic) => !topic || !isWithin(topic.areaPath, areaPath))) throw notFoundIn('topicIds');
  for (const topic of ordered as Topic[]) {
    const next = nextTopicStatus(topic.status, 'SCHEDULE');
    if (next === null) throw invalidState({ topicId: String(topic.id), status: topic.status });
    topic.status = next;
  }
  return ordered as Topic[];
}

const snapshot = (meeting: Meeting) => ({
  title: meeting.title,
  kind: meeting.kind,
  startsAt: meeting.startsAt.toISOString(),
  place: meeting.place ?? meeting.onlineUrl ?? null,
});

/**
 * Staff schedule a meeting of an area or a committee, with its agenda and invitations; the
 * topics become SCHEDULED, the invited are told. With an idempotency key a retry returns the first.
 */
export async function scheduleMeeting(
  em: EntityManager,
  viewer: Viewer,
  input: ScheduleMeetingInput,
  clock: Clock = systemClock,
): Promise<Meeting> {
  const { idempotencyKey, ...rest } = input;
  const now = clock();
  const problems = scheduleProblems(input, now);
  if (Object.keys(problems).length > 0) throw badInput(problems);
  let committee: Committee | null = null;
  if (input.committeeId) {
    committee = await findById(em, Committee, input.committeeId, { populate: ['area'] });
    // A committee outside the areas where the viewer runs meetings is out of their reach.
    if (!committee || !mayRunMeetings(viewer, committee.area.getEntity())) throw notFoundIn('committeeId');
  }
  let area: Area;
  if (input.areaId) {
    const found = await findById(em, Area, input.areaId);
    if (!found) throw badInput({ areaId: { key: 'NOT_FOUND' } });
    area = found;
  } else if (committee) {
    area = committee.area.getEntity();
  } else {
    throw badInput({ areaId: { key: 'meetingAreaRequired' } });
  }
  requireRule(viewer, mayRunMeetings, area);
  const committeePath = committee?.area.getEntity().path;
  if (committeePath && !isWithin(area.path, committeePath) && !isWithin(committeePath, area.path)) {
    throw badInput({ areaId: { key: 'meetingAreaOutsideCommittee' } });
  }
  const roles = invitations(input.participantIds, input.participants);
  try {
    return await em.transactional((tx) =>
      once(
        tx,
        { actorId: viewer.id, operation: 'meeting.schedule', key: idempotencyKey, input: rest },
        async () => {
          const people = await reachablePeople(tx, viewer, [...roles.keys()], 'participants');
          const topics = await scheduleTopics(tx, input.topicIds ?? [], area.path);
          const meeting = tx.create(Meeting, {
            ...(await levelsOf(tx, tx.merge(area))),
            title: input.title.trim(),
            kind: input.kind,
            committee,
            startsAt: input.startsAt,
            endsAt: input.endsAt ?? null,
            place: input.place?.trim() || null,
            onlineUrl: input.onlineUrl?.trim() || null,
            quorum: input.quorum ?? null,
            checkInSecret: newCodeSecret(),
            createdBy: viewer.user as User,
            createdAt: now,
            updatedAt: now,
          });
          topics.forEach((topic, position) => tx.create(MeetingTopic, { meeting, topic, position }));
          await tx.flush();
          const invited = new Map<number, ParticipantRole>();
          for (const [id, role] of roles) invited.set(people.get(id)!.id, role);
          if (committee && (input.kind === MeetingKind.COMMITTEE || input.kind === MeetingKind.JOINT_MEETING)) {
            const members = await tx.find(CommitteeMember, { committee: committee.id });
            for (const member of members) {
              if (!invited.has(member.user.id)) invited.set(member.user.id, ParticipantRole.COMMITTEE_MEMBER);
            }
          }
          const told = await invite(tx, meeting.id, invited, now);
          await notifyInvited(tx, meeting, told, viewer.id, now);
          recordAudit(tx, viewer, {
            action: MeetingAuditAction.SCHEDULE,
            targetType: MeetingAuditTarget.MEETING,
            targetId: meeting.id,
            area: tx.merge(area),
            at: now,
            after: { ...snapshot(meeting), topicIds: topics.map((topic) => topic.id), invited: told.length },
          });
          return meeting;
        },
        (id) => tx.findOneOrFail(Meeting, id),
      ),
    );
  } catch (error) {
    if (error instanceof OptimisticLockError) throw conflict({ key: 'meetingChangedMeanwhile' });
    throw error;
  }
}

/** Invites more people (the invited are told); not to a cancelled or finished meeting. */
export async function inviteToMeeting(
  em: EntityManager,
  viewer: Viewer,
  meetingId: string,
  participants: readonly MeetingParticipantInput[],
  clock: Clock = systemClock,
): Promise<Meeting> {
  const now = clock();
  return em.transactional(async (tx) => {
    const meeting = await runMeeting(tx, viewer, meetingId);
    if (meeting.cancelledAt) throw invalidState({ cancelled: true });
    if (isOver(meeting, now)) throw invalidState({ over: true });
    const roles = invitations(null, participants);
    const people = await reachablePeople(tx, viewer, [...roles.keys()], 'participants');
    const invited = new Map<number, ParticipantRole>();
    for (const [id, role] of roles) invited.set(people.get(id)!.id, role);
    const told = await invite(tx, meeting.id, invited, now);
    if (told.length > 0) {
      await notifyInvited(tx, meeting, told, viewer.id, now);
      recordAudit(tx, viewer, {
        action: MeetingAuditAction.INVITE,
        targetType: MeetingAuditTarget.MEETING,
        targetId: meeting.id,
        area: meeting.area.getEntity(),
        at: now,
        after: { userIds: told },
      });
      changed(tx, meeting);
    }
    return meeting;
  });
}

/** Tells the meeting's subscribers once the transaction has committed. */
function changed(tx: EntityManager, meeting: Meeting) {
  afterCommit(tx, (events) => publishMeetingChange(events, meeting.id));
}

/**
 * Cancels a meeting that has not ended, once (a second cancel is INVALID_STATE). Its topics stay
 * SCHEDULED: the topics' rules have no way back, and a SCHEDULED topic can be put on the next agenda.
 */
export async function cancelMeeting(
  em: EntityManager,
  viewer: Viewer,
  id: string,
  reason: string,
  clock: Clock = systemClock,
): Promise<Meeting> {
  const now = clock();
  return em.transactional(async (tx) => {
    const meeting = await runMeeting(tx, viewer, id);
    if (isOver(meeting, now)) throw invalidState({ over: true });
    const done = await tx.nativeUpdate(Meeting, { id: meeting.id, cancelledAt: null }, { cancelledAt: now });
    if (done === 0) throw invalidState({ cancelled: true });
    meeting.cancelledAt = now;
    recordAudit(tx, viewer, {
      action: MeetingAuditAction.CANCEL,
      targetType: MeetingAuditTarget.MEETING,
      targetId: meeting.id,
      area: meeting.area.getEntity(),
      at: now,
      after: { reason: reason.trim() },
    });
    changed(tx, meeting);
    return meeting;
  });
}

/** Whether the person's home lies in the meeting's area. */
async function livesIn(em: EntityManager, userId: number, areaPath: string): Promise<boolean> {
  const rows = await em.execute<{ ok: number }[]>(
    `select 1 as ok from app_user u join area a on a.id = u.home_area_id where u.id = ? and a.path like ?`,
    [userId, `${areaPath}%`],
  );
  return rows.length > 0;
}

/**
 * Checks a person in, once: a second check-in (also a concurrent one) finds the row checked in and
 * leaves it as it is. An invited participant's row is updated; someone else gets an uninvited row.
 * Returns the row and whether this call checked them in.
 */
async function markCheckedIn(
  tx: EntityManager,
  meeting: Meeting,
  userId: number,
  by: { method: CheckInMethod; byId: number | null },
  now: Date,
): Promise<{ attendance: MeetingParticipant; fresh: boolean }> {
  const rows = await tx.execute<{ id: number }[]>(
    `insert into meeting_participant (meeting_id, user_id, role, invited, checked_in_at, check_in_method, checked_in_by_id, created_at)
     values (?, ?, ?, false, ?, ?, ?, ?)
     on conflict (meeting_id, user_id) do update
       set checked_in_at = excluded.checked_in_at, check_in_method = excluded.check_in_method,
           checked_in_by_id = excluded.checked_in_by_id
       where meeting_participant.checked_in_at is null
     returning id`,
    [meeting.id, userId, ParticipantRole.RESIDENT, now, by.method, by.byId, now],
  );
  const attendance = await tx.findOneOrFail(
    MeetingParticipant,
    { meeting: meeting.id, user: userId },
    { refresh: true },
  );
  return { attendance, fresh: rows.length > 0 };
}

/**
 * 签到. Without `userId`: the viewer checks themselves in with the code shown in the room (rate
 * limited, wrong codes included). With `userId`: staff over the area check that person in (the
 * paper sign-in sheet). Checking in twice returns the same attendance, unchanged.
 */
export async function checkIn(
  em: EntityManager,
  viewer: Viewer,
  args: { meetingId: string; userId?: string | null; code?: string | null },
  clock: Clock = systemClock,
): Promise<MeetingParticipant> {
  const now = clock();
  if (args.userId) return checkInOther(em, viewer, args.meetingId, args.userId, now);
  await consumeRateLimit(em, CHECK_IN_RATE_LIMIT, { userId: viewer.id });
  return em.transactional(async (tx) => {
    const meeting = await meetingOrFail(tx, args.meetingId);
    const closed = checkInClosedReason(meeting, now);
    if (closed) throw invalidState({ checkIn: closed });
    const existing = await tx.findOne(MeetingParticipant, { meeting: meeting.id, user: viewer.id });
    if (existing?.checkedInAt) return existing;
    const allowed = mayCheckInSelf({
      kind: meeting.kind,
      participant: !!existing,
      livesInArea: !existing && (await livesIn(tx, viewer.id, meeting.areaPath)),
    });
    if (!allowed) throw forbiddenNotInvited();
    if (!args.code) throw badInput({ code: { key: 'required' } });
    const secret = await secretOf(tx, meeting.id);
    if (!isValidCode(secret, checkInSubject(meeting.id), args.code.trim(), now)) {
      throw badInput({ code: { key: 'meetingCodeWrong' } });
    }
    const { attendance, fresh } = await markCheckedIn(
      tx,
      meeting,
      viewer.id,
      { method: CheckInMethod.CODE, byId: null },
      now,
    );
    if (fresh) changed(tx, meeting);
    return attendance;
  });
}

const forbiddenNotInvited = () => new AppError(ErrorCode.FORBIDDEN, { key: 'meetingNotInvited' });

async function checkInOther(em: EntityManager, viewer: Viewer, meetingId: string, userId: string, now: Date) {
  return em.transactional(async (tx) => {
    const meeting = await runMeeting(tx, viewer, meetingId);
    const closed = staffCheckInClosedReason(meeting, now);
    if (closed) throw invalidState({ checkIn: closed });
    // The meeting's own participants (a committee's members from elsewhere, say) are on the sheet
    // whether or not the people picker reaches them; anyone else must be within reach.
    const rowId = toId(userId);
    const listed = rowId !== null && (await tx.count(MeetingParticipant, { meeting: meeting.id, user: rowId })) > 0;
    const personId = listed ? rowId : (await findVisibleUser(tx, viewer, userId))?.id;
    if (!personId) throw notFoundIn('userId');
    const { attendance, fresh } = await markCheckedIn(
      tx,
      meeting,
      personId,
      { method: CheckInMethod.STAFF, byId: viewer.id },
      now,
    );
    if (fresh) {
      recordAudit(tx, viewer, {
        action: MeetingAuditAction.CHECK_IN_OTHER,
        targetType: MeetingAuditTarget.MEETING,
        targetId: meeting.id,
        area: meeting.area.getEntity(),
        at: now,
        after: { userId: personId },
      });
      changed(tx, meeting);
    }
    return attendance;
  });
}

/** The meeting's code key, read on its own: it is lazy and hidden, never loaded with the meeting. */
async function secretOf(em: EntityManager, meetingId: number): Promise<string> {
  const [row] = await em.execute<{ check_in_secret: string }[]>('select check_in_secret from meeting where id = ?', [
    meetingId,
  ]);
  return row!.check_in_secret;
}

export interface CheckInCode {
  code: string;
  expiresAt: Date;
  checkInUrl: string;
  qrSvg: string;
}

/**
 * The rotating code for the room, while check-in is open. `expiresAt` is when the next code takes
 * over (the screen refreshes then); the code is still accepted for a minute after, for whoever
 * was typing it. The QR holds the full address, on the origin the request came to.
 */
export async function meetingCheckInCode(
  em: EntityManager,
  viewer: Viewer,
  meetingId: string,
  origin: string,
  clock: Clock = systemClock,
): Promise<CheckInCode> {
  const now = clock();
  const meeting = await runMeeting(em, viewer, meetingId);
  const closed = checkInClosedReason(meeting, now);
  if (closed) throw invalidState({ checkIn: closed });
  const { code, changesAt } = codeFor(await secretOf(em, meeting.id), checkInSubject(meeting.id), now);
  const checkInUrl = checkInPath(meeting.id, code);
  return { code, expiresAt: changesAt, checkInUrl, qrSvg: await qrSvg(`${origin}${checkInUrl}`) };
}

/** Writes (or rewrites) the minutes until they are published. */
export async function writeMinutes(
  em: EntityManager,
  viewer: Viewer,
  meetingId: string,
  text: string,
  clock: Clock = systemClock,
): Promise<Meeting> {
  const now = clock();
  return em.transactional(async (tx) => {
    const meeting = await runMeeting(tx, viewer, meetingId);
    if (meeting.cancelledAt) throw invalidState({ cancelled: true });
    const minutes = text.trim();
    const done = await tx.nativeUpdate(
      Meeting,
      { id: meeting.id, minutesPublishedAt: null },
      { minutes, updatedAt: now },
    );
    if (done === 0) throw invalidState({ minutesPublished: true });
    recordAudit(tx, viewer, {
      action: MeetingAuditAction.WRITE_MINUTES,
      targetType: MeetingAuditTarget.MEETING,
      targetId: meeting.id,
      area: meeting.area.getEntity(),
      at: now,
      after: { minutes: `${[...minutes].length}` },
    });
    changed(tx, meeting);
    return meeting;
  });
}

/** Publishes the written minutes, once: anyone may read them from then on. */
export async function publishMinutes(
  em: EntityManager,
  viewer: Viewer,
  meetingId: string,
  clock: Clock = systemClock,
): Promise<Meeting> {
  const now = clock();
  return em.transactional(async (tx) => {
    const meeting = await runMeeting(tx, viewer, meetingId);
    if (meeting.cancelledAt) throw invalidState({ cancelled: true });
    const done = await tx.execute<{ id: number }[]>(
      `update meeting set minutes_published_at = ?, updated_at = ?
        where id = ? and minutes_published_at is null and coalesce(minutes, '') <> '' returning id`,
      [now, now, meeting.id],
    );
    if (done.length === 0) {
      throw invalidState(meeting.minutesPublishedAt ? { minutesPublished: true } : { minutes: null });
    }
    meeting.minutesPublishedAt = now;
    recordAudit(tx, viewer, {
      action: MeetingAuditAction.PUBLISH_MINUTES,
      targetType: MeetingAuditTarget.MEETING,
      targetId: meeting.id,
      area: meeting.area.getEntity(),
      at: now,
    });
    changed(tx, meeting);
    return meeting;
  });
}
