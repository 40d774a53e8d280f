import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/postgresql';
import type { User } from '../people/user.entity.js';
import type { Viewer } from '../platform/auth/viewer.js';
import { systemClock, type Clock } from '../platform/clock.js';
import { conflict, forbidden, invalidState, notFound } from '../platform/errors.js';
import { findById } from '../platform/ids.js';
import { VolunteerProfile } from '../volunteers/volunteer.entity.js';
import { VolunteerStatus } from '../volunteers/volunteers.enums.js';
import { Activity, Shift, ShiftSignup } from './activity.entity.js';
import { ActivityStatus, PLACE_HOLDING_STATUSES, SignupCancelReason, SignupStatus } from './activities.enums.js';
import { notifyPromoted, notifyPromotionExpired } from './activities.notifications.js';
import { nextSignupStatus, promotionConfirmBy, SHIFT_MARGIN_MINUTES } from './activities.rules.js';

/** Whether the person has an ACTIVE volunteer profile (signing up needs one). */
export async function isActiveVolunteer(em: EntityManager, userId: number): Promise<boolean> {
  return (await em.count(VolunteerProfile, { user: userId, status: VolunteerStatus.ACTIVE })) > 0;
}

/**
 * An ACTIVE volunteer signs up for a shift of a published activity before it starts. The place
 * is taken by one conditional update of the shift's count (the row lock orders concurrent
 * sign-ups; the check constraint keeps the count within capacity whatever happens); with no
 * place left the sign-up joins the waiting list. The queue time and id are given while the
 * shift's row is locked, so the waiting list's order is the order places were asked for.
 * A second live sign-up to the same shift is CONFLICT, also when both arrive at once (the
 * partial unique index refuses the second; its transaction, count included, rolls back).
 */
export async function signUpForShift(
  em: EntityManager,
  viewer: Viewer,
  shiftId: string,
  clock: Clock = systemClock,
): Promise<ShiftSignup> {
  const shift = await findById(em, Shift, shiftId, { populate: ['activity'] });
  if (!shift) throw notFound();
  const activity = shift.activity.getEntity();
  if (!(await isActiveVolunteer(em, viewer.id))) throw forbidden({ key: 'activityNotVolunteer' });
  const now = clock();
  if (activity.status !== ActivityStatus.PUBLISHED || activity.retroactive || shift.startsAt <= now) {
    throw invalidState({ status: activity.status, retroactive: activity.retroactive, started: shift.startsAt <= now });
  }
  const alreadySignedUp = () => conflict({ key: 'activityAlreadySignedUp' });
  if (
    (await em.count(ShiftSignup, { shift: shift.id, volunteer: viewer.id, status: { $ne: SignupStatus.CANCELLED } })) >
    0
  ) {
    throw alreadySignedUp();
  }
  let id: number;
  try {
    id = await em.transactional(async (tx) => {
      const taken = await tx.execute<{ id: number }[]>(
        'update shift set signed_up_count = signed_up_count + 1 where id = ? and signed_up_count < capacity returning id',
        [shift.id],
      );
      if (taken.length === 0) {
        await tx.execute('update shift set waitlist_count = waitlist_count + 1 where id = ?', [shift.id], 'run');
      }
      const signup = tx.create(ShiftSignup, {
        shift: tx.getReference(Shift, shift.id),
        activity: tx.getReference(Activity, activity.id),
        volunteer: viewer.user as User,
        status: taken.length ? SignupStatus.SIGNED_UP : SignupStatus.WAITLISTED,
        queuedAt: clock(),
        createdAt: now,
      });
      await tx.flush();
      return signup.id;
    });
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) throw alreadySignedUp();
    throw error;
  }
  await em.findOne(Shift, shift.id, { refresh: true });
  return em.findOneOrFail(ShiftSignup, id);
}

/**
 * Moves the first of the waiting list (queuedAt, id) into each free place of the shift, with
 * a hold until `promotionConfirmBy` (none when the shift is too close: then confirmed at once),
 * and tells them (SHIFT_PROMOTED). The caller holds the shift's row lock; SKIP LOCKED leaves a
 * sign-up another transaction is changing (its volunteer cancelling) to the next round.
 */
export async function promoteWaiting(
  tx: EntityManager,
  shift: { id: number; startsAt: Date },
  activity: Pick<Activity, 'title'>,
  now: Date,
): Promise<number> {
  let promoted = 0;
  for (;;) {
    const [next] = await tx.execute<{ id: number; volunteer_id: number }[]>(
      `select id, volunteer_id from shift_signup where shift_id = ? and status = ?
        order by queued_at, id limit 1 for no key update skip locked`,
      [shift.id, SignupStatus.WAITLISTED],
    );
    if (!next) return promoted;
    const place = await tx.execute<{ id: number }[]>(
      `update shift set signed_up_count = signed_up_count + 1, waitlist_count = waitlist_count - 1
        where id = ? and signed_up_count < capacity returning id`,
      [shift.id],
    );
    if (place.length === 0) return promoted;
    const confirmBy = promotionConfirmBy(now, shift.startsAt);
    await tx.execute(
      'update shift_signup set status = ?, promoted_at = ?, confirm_by = ?, confirmed_at = ? where id = ?',
      [nextSignupStatus(SignupStatus.WAITLISTED, 'PROMOTE'), now, confirmBy, confirmBy ? null : now, next.id],
      'run',
    );
    await notifyPromoted(tx, activity, shift, { signupId: next.id, volunteerId: next.volunteer_id, confirmBy }, now);
    promoted++;
  }
}

/** The viewer's own sign-up, or NOT_FOUND (someone else's is as unknown as a wrong id). */
async function ownSignup(em: EntityManager, viewer: Viewer, id: string | number): Promise<ShiftSignup> {
  const signup = await findById(em, ShiftSignup, id);
  if (!signup || signup.volunteer.id !== viewer.id) throw notFound();
  return signup;
}

/**
 * The volunteer cancels before the shift starts. A place freed goes to the first on the
 * waiting list in the same transaction. The shift's row is locked first (as promotions and
 * the jobs lock it; FOR NO KEY UPDATE, which sign-ups' foreign keys do not wait for), then
 * the sign-up is read again, so a concurrent promotion or second cancel is seen: cancelling
 * twice is INVALID_STATE.
 */
export async function cancelShiftSignup(
  em: EntityManager,
  viewer: Viewer,
  id: string,
  clock: Clock = systemClock,
): Promise<ShiftSignup> {
  const found = await ownSignup(em, viewer, id);
  await em.transactional(async (tx) => {
    await tx.execute('select id from shift where id = ? for no key update', [found.shift.id]);
    const shift = await tx.findOneOrFail(Shift, found.shift.id, { refresh: true });
    const activity = await tx.findOneOrFail(Activity, shift.activity.id);
    const signup = await tx.findOneOrFail(ShiftSignup, found.id, { refresh: true });
    const now = clock();
    const next = nextSignupStatus(signup.status, 'CANCEL');
    if (!next || shift.startsAt <= now) throw invalidState({ status: signup.status, started: shift.startsAt <= now });
    const heldPlace = PLACE_HOLDING_STATUSES.includes(signup.status);
    Object.assign(signup, { status: next, cancelledAt: now, cancelReason: SignupCancelReason.BY_VOLUNTEER });
    await tx.flush();
    await tx.execute(
      heldPlace
        ? 'update shift set signed_up_count = signed_up_count - 1 where id = ?'
        : 'update shift set waitlist_count = waitlist_count - 1 where id = ?',
      [shift.id],
      'run',
    );
    if (heldPlace) await promoteWaiting(tx, shift, activity, now);
  });
  await em.findOne(Shift, found.shift.id, { refresh: true });
  return em.findOneOrFail(ShiftSignup, found.id, { refresh: true });
}

/** The promoted volunteer keeps the place, before confirmBy; otherwise (or again) INVALID_STATE. */
export async function confirmPromotion(
  em: EntityManager,
  viewer: Viewer,
  signupId: string,
  clock: Clock = systemClock,
): Promise<ShiftSignup> {
  const signup = await ownSignup(em, viewer, signupId);
  const now = clock();
  const changed = await em.nativeUpdate(
    ShiftSignup,
    { id: signup.id, status: SignupStatus.SIGNED_UP, confirmBy: { $gt: now }, confirmedAt: null },
    { confirmedAt: now },
  );
  const current = await em.findOneOrFail(ShiftSignup, signup.id, { refresh: true });
  if (changed === 0) throw invalidState({ status: current.status, confirmBy: current.confirmBy ?? null });
  return current;
}

/** Shifts released per run of the job (the rest wait for the next run). */
const RELEASE_SHIFTS_PER_RUN = 100;

/**
 * Releases the promoted places not confirmed by their confirmBy (CANCELLED as
 * PROMOTION_EXPIRED, told) and offers each to the next in line, shift by shift. Each shift is
 * taken with SKIP LOCKED, so several instances share the work and none does a shift twice.
 * Returns how many places were released.
 */
export async function releaseExpiredPromotions(em: EntityManager, now = new Date()): Promise<number> {
  const shifts = await em.fork().execute<{ shift_id: number }[]>(
    `select distinct shift_id from shift_signup
      where status = ? and confirmed_at is null and confirm_by <= ? limit ?`,
    [SignupStatus.SIGNED_UP, now, RELEASE_SHIFTS_PER_RUN],
  );
  let released = 0;
  for (const { shift_id } of shifts) {
    released += await em.fork().transactional(async (tx) => {
      const [shift] = await tx.execute<{ id: number; starts_at: Date; title: string }[]>(
        `select s.id, s.starts_at, a.title from shift s join activity a on a.id = s.activity_id
          where s.id = ? for no key update of s skip locked`,
        [shift_id],
      );
      if (!shift) return 0;
      const expired = await tx.execute<{ id: number; volunteer_id: number }[]>(
        `update shift_signup set status = ?, cancelled_at = ?, cancel_reason = ?
          where shift_id = ? and status = ? and confirmed_at is null and confirm_by <= ?
          returning id, volunteer_id`,
        [
          nextSignupStatus(SignupStatus.SIGNED_UP, 'CANCEL'),
          now,
          SignupCancelReason.PROMOTION_EXPIRED,
          shift.id,
          SignupStatus.SIGNED_UP,
          now,
        ],
      );
      if (expired.length === 0) return 0;
      await tx.execute(
        'update shift set signed_up_count = signed_up_count - ? where id = ?',
        [expired.length, shift.id],
        'run',
      );
      const startsAt = new Date(shift.starts_at);
      for (const row of expired) {
        await notifyPromotionExpired(tx, shift, { startsAt }, { signupId: row.id, volunteerId: row.volunteer_id }, now);
      }
      if (startsAt > now) await promoteWaiting(tx, { id: shift.id, startsAt }, shift, now);
      return expired.length;
    });
  }
  return released;
}

/** Sign-ups marked per statement (the job loops until none are left). */
const NO_SHOWS_PER_BATCH = 500;

/**
 * NO_SHOW for every SIGNED_UP sign-up (never checked in) once its shift ended more than
 * SHIFT_MARGIN_MINUTES ago, and the volunteer's noShowCount + 1 in the same transaction.
 * Rows are taken with SKIP LOCKED and changed only from SIGNED_UP, so several instances (and a
 * late check-in at the same moment) never count one twice. Returns how many.
 */
export async function markNoShows(em: EntityManager, now = new Date()): Promise<number> {
  let marked = 0;
  for (;;) {
    const batch = await em.fork().transactional(async (tx) => {
      const rows = await tx.execute<{ volunteer_id: number }[]>(
        `with due as (
           select x.id from shift_signup x join shift s on s.id = x.shift_id
            where x.status = ? and s.ends_at < ?
              and not exists (select 1 from shift_check_in c where c.signup_id = x.id)
            order by x.id limit ? for no key update of x skip locked)
         update shift_signup x set status = ? from due where x.id = due.id returning x.volunteer_id`,
        [
          SignupStatus.SIGNED_UP,
          new Date(now.getTime() - SHIFT_MARGIN_MINUTES * 60_000),
          NO_SHOWS_PER_BATCH,
          nextSignupStatus(SignupStatus.SIGNED_UP, 'MARK_NO_SHOW'),
        ],
      );
      if (rows.length === 0) return 0;
      await tx.execute(
        `update volunteer_profile p set no_show_count = p.no_show_count + c.n
           from (select v, count(*)::int as n from unnest(?::int[]) as v group by v) c
          where p.user_id = c.v`,
        [`{${rows.map((row) => row.volunteer_id).join(',')}}`],
        'run',
      );
      return rows.length;
    });
    marked += batch;
    if (batch === 0) return marked;
  }
}
