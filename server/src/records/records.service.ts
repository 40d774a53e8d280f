import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/postgresql';
import { isOrganiser, mayCheckInVolunteers } from '../activities/activities.access.js';
import { SignupStatus } from '../activities/activities.enums.js';
import { maxServiceMinutes, nextSignupStatus } from '../activities/activities.rules.js';
import { Shift, ShiftSignup, type Activity } from '../activities/activity.entity.js';
import { recordAudit } from '../audit/audit.service.js';
import { User } from '../people/user.entity.js';
import type { Viewer } from '../platform/auth/viewer.js';
import { systemClock, type Clock } from '../platform/clock.js';
import { badInput, conflict, forbidden, invalidState, notFound, type FieldErrors } from '../platform/errors.js';
import { findById, toId } from '../platform/ids.js';
import { requireRule } from '../platform/scope.js';
import { mayManageVolunteers } from '../volunteers/volunteers.access.js';
import { CorrectionRequest, ServiceRecordEntry, StarAward } from './record.entity.js';
import { RecordAuditAction, RecordAuditTarget } from './records.audit.js';
import { CorrectionStatus, RecordEntryKind, StarAwardStatus } from './records.enums.js';
import {
  CORRECTION_ANSWER_MAX,
  CORRECTION_ANSWER_MIN,
  CORRECTION_ANSWER_WORKING_DAYS,
  STAR_NOTICE_WORKING_DAYS,
  WITHHOLD_REASON_MAX,
  WITHHOLD_REASON_MIN,
} from './records.limits.js';
import {
  notifyCorrectionAnswered,
  notifyCorrectionRequested,
  notifyStarPublicized,
  notifyVerified,
} from './records.notifications.js';
import { applyVerifiedChanges, type ProfileTotal, type VerifiedChange } from './records.rollups.js';
import {
  addWorkingDays,
  CORRECTABLE_STATUSES,
  correctionReasonErrors,
  correctionWindowEnds,
  currentMinutes,
  minutesErrors,
  reasonErrors,
  starsCrossed,
  verifyReasonErrors,
} from './records.rules.js';

const throwIfAny = (errors: FieldErrors) => {
  if (Object.keys(errors).length > 0) throw badInput(errors);
};

/**
 * The sign-up locked for the rest of the transaction, with its shift and activity. The lock is
 * taken on the sign-up's row alone (not the joined shift and activity, which sign-ups and
 * check-ins of others also update), so concurrent changes to one record run one after the other.
 */
async function lockSignup(tx: EntityManager, id: string | number): Promise<ShiftSignup | null> {
  const rowId = toId(id);
  if (rowId === null) return null;
  const locked = await tx.execute<{ id: number }[]>('select id from shift_signup where id = ? for update', [rowId]);
  if (locked.length === 0) return null;
  return tx.findOne(ShiftSignup, rowId, { populate: ['shift', 'activity', 'activity.area'], refresh: true });
}

/**
 * Records are seen by the volunteer, the activity's organisers and those who check volunteers in
 * over its area: anyone else meets NOT_FOUND, those who see but do not organise FORBIDDEN.
 */
async function requireOrganiser(tx: EntityManager, viewer: Viewer, signup: ShiftSignup, activity: Activity) {
  if (await isOrganiser(tx, viewer, activity)) return;
  const sees = signup.volunteer.id === viewer.id || mayCheckInVolunteers(viewer, { path: activity.areaPath });
  throw sees ? forbidden() : notFound();
}

const scopeOf = (activity: Activity, shift: Shift) => ({
  streetId: activity.streetId,
  communityId: activity.communityId ?? null,
  teamId: activity.team?.id ?? null,
  startsAt: shift.startsAt,
});

/**
 * A star whose threshold a volunteer's verified total crossed goes on the community's board
 * (PUBLICIZING until 5 working days later; the job then awards it). One per profile and level
 * whatever runs at once: the profile's row is locked by the total's update and the unique index
 * has the last word. A later correction downwards leaves a star alone: staff withhold it during
 * the notice period if it should not stand.
 */
async function publicizeStars(tx: EntityManager, totals: readonly ProfileTotal[], now: Date) {
  const reached = totals.flatMap((total) =>
    starsCrossed(total.before, total.after).map((level) => ({ ...total, level })),
  );
  if (reached.length === 0) return;
  const publicUntil = addWorkingDays(now, STAR_NOTICE_WORKING_DAYS);
  const inserted = await tx.execute<{ id: number; profile_id: number }[]>(
    `insert into star_award (profile_id, level, community_id, status, reached_at, public_until)
     select p, l, c, ?, ?, ? from unnest(?::int[], ?::int[], ?::int[]) s(p, l, c)
     on conflict (profile_id, level) do nothing returning id, profile_id`,
    [
      StarAwardStatus.PUBLICIZING,
      now,
      publicUntil,
      `{${reached.map((r) => r.profileId).join(',')}}`,
      `{${reached.map((r) => r.level).join(',')}}`,
      `{${reached.map((r) => r.communityId).join(',')}}`,
    ],
  );
  if (inserted.length === 0) return;
  const stars = await tx.find(StarAward, { id: { $in: inserted.map((row) => row.id) } });
  const userOf = new Map(totals.map((total) => [total.profileId, total.userId]));
  for (const star of stars) await notifyStarPublicized(tx, userOf.get(star.profile.id)!, star, now);
}

/** Rollups, profile totals and stars for changes of one shift's sign-ups, in the caller's transaction. */
async function applyChanges(
  tx: EntityManager,
  activity: Activity,
  shift: Shift,
  changes: readonly VerifiedChange[],
  now: Date,
) {
  const totals = await applyVerifiedChanges(tx, scopeOf(activity, shift), changes);
  await publicizeStars(tx, totals, now);
}

export interface VerifyHoursArgs {
  signupId: string;
  hours?: number | null;
  reason?: string | null;
}

/**
 * The organiser verifies a record: as recorded (hours null: a VERIFIED entry) or at other hours
 * with a reason (a CORRECTED entry). Verifying again at the hours already verified changes
 * nothing, so a double submit leaves one entry. The profile's total, the rollups and any star
 * change in the same transaction.
 */
export async function verifyHours(
  em: EntityManager,
  viewer: Viewer,
  args: VerifyHoursArgs,
  clock: Clock = systemClock,
): Promise<ShiftSignup> {
  return em.transactional(async (tx) => {
    const signup = await lockSignup(tx, args.signupId);
    if (!signup) throw notFound();
    const activity = signup.activity.getEntity();
    const shift = signup.shift.getEntity();
    await requireOrganiser(tx, viewer, signup, activity);
    const next = nextSignupStatus(signup.status, 'VERIFY');
    if (!next) throw invalidState({ status: signup.status });
    const corrected = args.hours !== null && args.hours !== undefined;
    let minutes: number;
    if (corrected) {
      const checked = minutesErrors('hours', args.hours!, shift);
      throwIfAny({ ...checked.errors, ...verifyReasonErrors(args.reason) });
      minutes = checked.minutes;
    } else {
      if (signup.recordedMinutes === null || signup.recordedMinutes === undefined) {
        throw badInput({ hours: { key: 'recordHoursMissing' } });
      }
      minutes = Math.min(signup.recordedMinutes, maxServiceMinutes(shift));
    }
    if (signup.status === SignupStatus.VERIFIED && signup.verifiedMinutes === minutes) return signup;
    const now = clock();
    const before = signup.verifiedMinutes ?? null;
    const previous = signup.verifiedMinutes ?? signup.recordedMinutes ?? null;
    const entry = tx.create(ServiceRecordEntry, {
      signup,
      volunteer: signup.volunteer,
      kind: corrected ? RecordEntryKind.CORRECTED : RecordEntryKind.VERIFIED,
      minutes,
      previousMinutes: previous,
      reason: corrected ? args.reason!.trim() : null,
      actor: viewer.user as User,
      createdAt: now,
    });
    Object.assign(signup, {
      status: next,
      verifiedMinutes: minutes,
      verifiedAt: now,
      verifiedBy: tx.getReference(User, viewer.id, { wrapped: true }),
    });
    await tx.flush();
    await applyChanges(tx, activity, shift, [{ userId: signup.volunteer.id, before, after: minutes }], now);
    recordAudit(tx, viewer, {
      action: RecordAuditAction.VERIFY,
      targetType: RecordAuditTarget.SERVICE_RECORD,
      targetId: signup.id,
      area: activity.area.getEntity(),
      at: now,
      before: { minutes: previous, status: before === null ? SignupStatus.CHECKED_OUT : SignupStatus.VERIFIED },
      after: { minutes, kind: entry.kind, reason: entry.reason ?? null },
    });
    await notifyVerified(tx, activity, [{ signupId: signup.id, userId: signup.volunteer.id, minutes }], viewer.id, now);
    return signup;
  });
}

/**
 * The organiser verifies every CHECKED_OUT sign-up of a shift as recorded, in one transaction and
 * a fixed number of statements: the status moves, the VERIFIED entries are written, the totals
 * and rollups change. Returns the sign-ups verified now (none when nothing waits).
 */
export async function verifyShiftHours(
  em: EntityManager,
  viewer: Viewer,
  shiftId: string,
  clock: Clock = systemClock,
): Promise<ShiftSignup[]> {
  return em.transactional(async (tx) => {
    const id = toId(shiftId);
    const shift = id === null ? null : await tx.findOne(Shift, id, { populate: ['activity', 'activity.area'] });
    if (!shift) throw notFound();
    const activity = shift.activity.getEntity();
    if (!(await isOrganiser(tx, viewer, activity))) {
      throw mayCheckInVolunteers(viewer, { path: activity.areaPath }) ? forbidden() : notFound();
    }
    const to = nextSignupStatus(SignupStatus.CHECKED_OUT, 'VERIFY')!;
    const now = clock();
    const max = maxServiceMinutes(shift);
    // Locks the rows it changes: a concurrent single verification waits, then finds them VERIFIED.
    const verified = await tx.execute<{ id: number; volunteer_id: number; verified_minutes: number }[]>(
      `update shift_signup set status = ?, verified_minutes = least(recorded_minutes, ?), verified_at = ?, verified_by_id = ?
       where shift_id = ? and status = ? and recorded_minutes is not null
       returning id, volunteer_id, verified_minutes`,
      [to, max, now, viewer.id, shift.id, SignupStatus.CHECKED_OUT],
    );
    if (verified.length === 0) return [];
    verified.sort((a, b) => a.id - b.id);
    await tx.execute(
      `insert into service_record_entry (signup_id, volunteer_id, kind, minutes, previous_minutes, reason, actor_id, created_at)
       select s.id, s.volunteer_id, ?, s.verified_minutes, s.recorded_minutes, null, ?, ?
       from shift_signup s where s.id = any(?::int[]) order by s.id`,
      [RecordEntryKind.VERIFIED, viewer.id, now, `{${verified.map((row) => row.id).join(',')}}`],
      'run',
    );
    await applyChanges(
      tx,
      activity,
      shift,
      verified.map((row) => ({ userId: row.volunteer_id, before: null, after: row.verified_minutes })),
      now,
    );
    recordAudit(tx, viewer, {
      action: RecordAuditAction.VERIFY_SHIFT,
      targetType: RecordAuditTarget.SHIFT_RECORDS,
      targetId: shift.id,
      area: activity.area.getEntity(),
      at: now,
      after: { count: verified.length, signupIds: verified.map((row) => row.id) },
    });
    await notifyVerified(
      tx,
      activity,
      verified.map((row) => ({ signupId: row.id, userId: row.volunteer_id, minutes: row.verified_minutes })),
      viewer.id,
      now,
    );
    return tx.find(
      ShiftSignup,
      { id: { $in: verified.map((row) => row.id) } },
      { orderBy: { id: 'asc' }, refresh: true },
    );
  });
}

export interface RequestCorrectionArgs {
  signupId: string;
  hours: number;
  reason: string;
}

/**
 * The volunteer asks for a record to be corrected (wrong hours, or missing ones for a NO_SHOW):
 * within 90 days of the shift's end, at other hours than the record's, one open request per
 * sign-up (a second, also at once, is CONFLICT). The organisers answer within 5 working days.
 */
export async function requestRecordCorrection(
  em: EntityManager,
  viewer: Viewer,
  args: RequestCorrectionArgs,
  clock: Clock = systemClock,
): Promise<CorrectionRequest> {
  return em.transactional(async (tx) => {
    const signup = await lockSignup(tx, args.signupId);
    if (!signup) throw notFound();
    const activity = signup.activity.getEntity();
    const shift = signup.shift.getEntity();
    if (signup.volunteer.id !== viewer.id) {
      const sees =
        (await isOrganiser(tx, viewer, activity)) || mayCheckInVolunteers(viewer, { path: activity.areaPath });
      throw sees ? forbidden() : notFound();
    }
    const now = clock();
    if (!CORRECTABLE_STATUSES.includes(signup.status)) throw invalidState({ status: signup.status });
    if (now >= correctionWindowEnds(shift.endsAt)) {
      throw invalidState({ status: signup.status, correctableUntil: correctionWindowEnds(shift.endsAt).toISOString() });
    }
    const checked = minutesErrors('hours', args.hours, shift);
    const errors = { ...checked.errors, ...correctionReasonErrors(args.reason) };
    const before = currentMinutes(signup);
    if (!errors.hours && checked.minutes === before) errors.hours = { key: 'recordHoursUnchanged' };
    throwIfAny(errors);
    if ((await tx.count(CorrectionRequest, { signup: signup.id, status: CorrectionStatus.OPEN })) > 0) {
      throw conflict({ key: 'recordCorrectionOpen' });
    }
    const correction = tx.create(CorrectionRequest, {
      signup,
      volunteer: signup.volunteer,
      requestedMinutes: checked.minutes,
      minutesBefore: before,
      reason: args.reason.trim(),
      dueAt: addWorkingDays(now, CORRECTION_ANSWER_WORKING_DAYS),
      createdAt: now,
    });
    try {
      await tx.flush();
    } catch (error) {
      // The sign-up's lock makes this unreachable in practice; the partial unique index is the last word.
      if (error instanceof UniqueConstraintViolationException) throw conflict({ key: 'recordCorrectionOpen' });
      throw error;
    }
    recordAudit(tx, viewer, {
      action: RecordAuditAction.REQUEST_CORRECTION,
      targetType: RecordAuditTarget.CORRECTION_REQUEST,
      targetId: correction.id,
      area: activity.area.getEntity(),
      at: now,
      after: { signupId: signup.id, minutes: checked.minutes, previousMinutes: before, reason: correction.reason },
    });
    const person = (viewer.user as User).displayName;
    await notifyCorrectionRequested(tx, correction, activity, person, now);
    return correction;
  });
}

export interface AnswerCorrectionArgs {
  id: string;
  accept: boolean;
  answer: string;
}

/**
 * An organiser answers an OPEN request. Accepted, the record is verified at the asked hours (a
 * CORRECTION_ACCEPTED entry; a NO_SHOW accepted no longer counts as one) with the totals and
 * rollups in the same transaction. The sign-up is locked before the request, the order every
 * records mutation takes, so a request and its answer never wait on each other in a circle;
 * a second answer finds it answered (INVALID_STATE).
 */
export async function answerRecordCorrection(
  em: EntityManager,
  viewer: Viewer,
  args: AnswerCorrectionArgs,
  clock: Clock = systemClock,
): Promise<CorrectionRequest> {
  return em.transactional(async (tx) => {
    const found = await findById(tx, CorrectionRequest, args.id);
    if (!found) throw notFound();
    const signup = await lockSignup(tx, found.signup.id);
    const correction = await tx.findOne(CorrectionRequest, found.id, { refresh: true });
    if (!signup || !correction) throw notFound();
    const activity = signup.activity.getEntity();
    const shift = signup.shift.getEntity();
    await requireOrganiser(tx, viewer, signup, activity);
    if (correction.status !== CorrectionStatus.OPEN) throw invalidState({ status: correction.status });
    throwIfAny(reasonErrors('answer', args.answer, CORRECTION_ANSWER_MIN, CORRECTION_ANSWER_MAX));
    const now = clock();
    const next = args.accept ? nextSignupStatus(signup.status, 'ACCEPT_CORRECTION') : signup.status;
    // The sign-up moved meanwhile (a NO_SHOW who came late and is checked in now): answer once it settles.
    if (!next) throw invalidState({ status: signup.status });
    Object.assign(correction, {
      status: args.accept ? CorrectionStatus.ACCEPTED : CorrectionStatus.REJECTED,
      answer: args.answer.trim(),
      answeredBy: tx.getReference(User, viewer.id, { wrapped: true }),
      answeredAt: now,
    });
    const wasNoShow = signup.status === SignupStatus.NO_SHOW;
    const before = signup.verifiedMinutes ?? null;
    if (args.accept) {
      const minutes = Math.min(correction.requestedMinutes, maxServiceMinutes(shift));
      tx.create(ServiceRecordEntry, {
        signup,
        volunteer: signup.volunteer,
        kind: RecordEntryKind.CORRECTION_ACCEPTED,
        minutes,
        previousMinutes: signup.verifiedMinutes ?? signup.recordedMinutes ?? null,
        reason: correction.reason,
        actor: viewer.user as User,
        createdAt: now,
      });
      Object.assign(signup, {
        status: next,
        verifiedMinutes: minutes,
        verifiedAt: now,
        verifiedBy: tx.getReference(User, viewer.id, { wrapped: true }),
      });
    }
    await tx.flush();
    if (args.accept) {
      if (wasNoShow) {
        await tx.execute(
          'update volunteer_profile set no_show_count = greatest(no_show_count - 1, 0) where user_id = ?',
          [signup.volunteer.id],
          'run',
        );
      }
      await applyChanges(
        tx,
        activity,
        shift,
        [{ userId: signup.volunteer.id, before, after: signup.verifiedMinutes! }],
        now,
      );
    }
    recordAudit(tx, viewer, {
      action: RecordAuditAction.ANSWER_CORRECTION,
      targetType: RecordAuditTarget.CORRECTION_REQUEST,
      targetId: correction.id,
      area: activity.area.getEntity(),
      at: now,
      before: { status: CorrectionStatus.OPEN },
      after: { status: correction.status, answer: correction.answer, minutes: signup.verifiedMinutes ?? null },
    });
    await notifyCorrectionAnswered(tx, correction, activity, args.accept, now);
    return correction;
  });
}

/** Staff over the volunteer's community withhold a star during its notice period (an objection upheld). */
export async function withholdStar(
  em: EntityManager,
  viewer: Viewer,
  args: { id: string; reason: string },
  clock: Clock = systemClock,
): Promise<StarAward> {
  return em.transactional(async (tx) => {
    const rowId = toId(args.id);
    if (rowId !== null) await tx.execute('select id from star_award where id = ? for update', [rowId]);
    const star = await findById(tx, StarAward, rowId, { populate: ['community'], refresh: true });
    // Notices are public, so a withheld star is the only one not everyone may know of.
    if (
      !star ||
      (star.status === StarAwardStatus.WITHHELD && !mayManageVolunteers(viewer, star.community.getEntity()))
    ) {
      throw notFound();
    }
    requireRule(viewer, mayManageVolunteers, star.community.getEntity());
    if (star.status !== StarAwardStatus.PUBLICIZING) throw invalidState({ status: star.status });
    throwIfAny(reasonErrors('reason', args.reason, WITHHOLD_REASON_MIN, WITHHOLD_REASON_MAX));
    const now = clock();
    Object.assign(star, {
      status: StarAwardStatus.WITHHELD,
      withheldReason: args.reason.trim(),
      withheldBy: tx.getReference(User, viewer.id, { wrapped: true }),
    });
    await tx.flush();
    recordAudit(tx, viewer, {
      action: RecordAuditAction.WITHHOLD_STAR,
      targetType: RecordAuditTarget.STAR_AWARD,
      targetId: star.id,
      area: star.community.getEntity(),
      at: now,
      before: { status: StarAwardStatus.PUBLICIZING },
      after: { status: star.status, reason: star.withheldReason },
    });
    return star;
  });
}
