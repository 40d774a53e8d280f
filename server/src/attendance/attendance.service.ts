import { LockMode, ref, UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/postgresql';
import { SignupStatus } from '../activities/activities.enums.js';
import { isOrganiser, mayCheckInVolunteers } from '../activities/activities.access.js';
import { nextSignupStatus, SHIFT_MARGIN_MINUTES } from '../activities/activities.rules.js';
import { Activity, Shift, ShiftSignup } from '../activities/activity.entity.js';
import { ActivityStatus } from '../activities/activities.enums.js';
import { recordAudit } from '../audit/audit.service.js';
import { findVisibleUser } from '../people/people.service.js';
import type { Viewer } from '../platform/auth/viewer.js';
import { chinaDay } from '../platform/china-time.js';
import { systemClock, type Clock } from '../platform/clock.js';
import { AppError, badInput, conflict, ErrorCode, forbidden, invalidState } from '../platform/errors.js';
import { findById } from '../platform/ids.js';
import { once } from '../platform/idempotency.js';
import { qrSvg } from '../platform/qr.js';
import { consumeRateLimit } from '../platform/rate-limit.js';
import { codeFor, matchCode } from '../platform/rotating-codes.js';
import { ServiceRecordEntry } from '../records/record.entity.js';
import { RecordEntryKind } from '../records/records.enums.js';
import { VolunteerStatus } from '../volunteers/volunteers.enums.js';
import { ShiftCheckIn } from './attendance.entity.js';
import { AttendanceMethod } from './attendance.enums.js';
import { AttendanceAuditAction, AttendanceAuditTarget } from './attendance.audit.js';
import { ATTENDANCE_CHECK_INS_PER_DAY, ATTENDANCE_CODE_RATE_LIMIT } from './attendance.limits.js';
import {
  checkInClosedReason,
  checkInPath,
  closingTimeProblem,
  paperRecordClosedReason,
  paperTimesProblems,
  recordedMinutesOf,
  selfCheckOutClosedReason,
  shiftCodeSubject,
  underDailyLimit,
} from './attendance.rules.js';

/** NOT_FOUND that names the field the unknown (or unreachable) id came in. */
const notFoundIn = (field: string) =>
  new AppError(ErrorCode.NOT_FOUND, { key: 'NOT_FOUND' }, { [field]: { key: 'NOT_FOUND' } });

/** Who may check a sign-up's volunteer in and out: the activity's organisers and CHECK_IN_VOLUNTEERS over its area. */
export async function mayCheckInAt(em: EntityManager, viewer: Viewer, activity: Activity): Promise<boolean> {
  return mayCheckInVolunteers(viewer, { path: activity.areaPath }) || (await isOrganiser(em, viewer, activity));
}

/** The shift with its activity; shifts are public, so any id naming one is within reach. */
async function shiftOrFail(em: EntityManager, id: string | number, field = 'shiftId'): Promise<Shift> {
  const shift = await findById(em, Shift, id, { populate: ['activity.area'] });
  if (!shift) throw notFoundIn(field);
  return shift;
}

/** The shift's code key, read on its own: it is lazy and hidden, never loaded with the shift. */
async function secretOf(em: EntityManager, shiftId: number): Promise<string> {
  const [row] = await em.execute<{ check_in_secret: string }[]>('select check_in_secret from shift where id = ?', [
    shiftId,
  ]);
  return row!.check_in_secret;
}

const liveActivity = (activity: Activity) => {
  if (activity.status !== ActivityStatus.PUBLISHED) throw invalidState({ activity: activity.status });
};

export interface CheckInCodeResult {
  code: string;
  expiresAt: Date;
  changesAt: Date;
  checkInUrl: string;
  qrSvg: string;
}

/**
 * The rotating code an organiser shows on site as a QR, from 30 minutes before the shift until
 * its end. The code is bound to the shift; `changesAt` is when the screen shows the next one,
 * `expiresAt` when this one stops being accepted (a minute later, for whoever is typing it).
 */
export async function issueCheckInCode(
  em: EntityManager,
  viewer: Viewer,
  shiftId: string,
  origin: string,
  clock: Clock = systemClock,
): Promise<CheckInCodeResult> {
  const now = clock();
  const shift = await shiftOrFail(em, shiftId);
  const activity = shift.activity.getEntity();
  if (!(await isOrganiser(em, viewer, activity))) throw forbidden();
  liveActivity(activity);
  const closed = checkInClosedReason(shift, now);
  if (closed) throw invalidState({ checkIn: closed });
  const { code, changesAt, expiresAt } = codeFor(await secretOf(em, shift.id), shiftCodeSubject(shift.id), now);
  const checkInUrl = checkInPath(shift.id, code);
  return { code, expiresAt, changesAt, checkInUrl, qrSvg: await qrSvg(`${origin}${checkInUrl}`) };
}

/** Which of the two forms a check-in or check-out is: an organiser naming the sign-up, or the volunteer with the code. */
export interface AttendanceArgs {
  signupId?: string | null;
  shiftId?: string | null;
  code?: string | null;
  at?: Date | null;
}

function formOf(args: AttendanceArgs): 'ORGANISER' | 'CODE' {
  const organiserForm = args.signupId != null;
  const codeForm = args.shiftId != null || args.code != null;
  if (organiserForm === codeForm) throw badInput({ signupId: { key: 'attendanceOneForm' } });
  if (codeForm) {
    if (args.shiftId == null) throw badInput({ shiftId: { key: 'required' } });
    if (!args.code?.trim()) throw badInput({ code: { key: 'required' } });
    if (args.at != null) throw badInput({ at: { key: 'attendanceAtForOrganisers' } });
  }
  return organiserForm ? 'ORGANISER' : 'CODE';
}

/**
 * The sign-up an organiser or checker names, locked for this transaction: NOT_FOUND unless the
 * viewer may see it (the volunteer themself may, but not check themself in this way: FORBIDDEN).
 */
async function signupForChecker(tx: EntityManager, viewer: Viewer, signupId: string) {
  const signup = await findById(tx, ShiftSignup, signupId, {
    populate: ['shift', 'activity.area'],
    lockMode: LockMode.PESSIMISTIC_WRITE,
    refresh: true,
  });
  if (!signup) throw notFoundIn('signupId');
  const activity = signup.activity.getEntity();
  if (!(await mayCheckInAt(tx, viewer, activity))) {
    throw signup.volunteer.id === viewer.id ? forbidden() : notFoundIn('signupId');
  }
  return { signup, shift: signup.shift.getEntity(), activity };
}

/**
 * The code checked for the viewer and the shift, once: a wrong or expired code is BAD_USER_INPUT
 * on `code`; the same person using the same code (window) again is refused as a replay — the
 * CheckInCodeUse row is written in the caller's transaction, so a refused check-in uses nothing.
 */
async function useCode(tx: EntityManager, viewer: Viewer, shift: Shift, code: string, now: Date): Promise<void> {
  const window = matchCode(await secretOf(tx, shift.id), shiftCodeSubject(shift.id), code.trim(), now);
  if (window === null) throw badInput({ code: { key: 'attendanceCodeWrong' } });
  const used = await tx.execute<{ shift_id: number }[]>(
    `insert into check_in_code_use (shift_id, volunteer_id, code_window, used_at) values (?, ?, ?, ?)
     on conflict do nothing returning shift_id`,
    [shift.id, viewer.id, window, now],
  );
  if (used.length === 0) throw badInput({ code: { key: 'attendanceCodeUsed' } });
}

/** The viewer's live sign-up to the shift, locked; null when they have none. */
async function ownSignup(tx: EntityManager, viewer: Viewer, shift: Shift): Promise<ShiftSignup | null> {
  return tx.findOne(
    ShiftSignup,
    { shift: shift.id, volunteer: viewer.id, status: { $ne: SignupStatus.CANCELLED } },
    { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
  );
}

/**
 * A volunteer who comes with the code but never signed up: signed up on the spot if the shift
 * has a place (the same conditional update as signing up, so never over capacity).
 */
async function walkIn(tx: EntityManager, viewer: Viewer, shift: Shift, now: Date): Promise<ShiftSignup> {
  const active = await tx.execute<{ id: number }[]>(
    'select id from volunteer_profile where user_id = ? and status = ?',
    [viewer.id, VolunteerStatus.ACTIVE],
  );
  if (active.length === 0) throw forbidden({ key: 'attendanceNotVolunteer' });
  const activity = shift.activity.getEntity();
  const inserted = await tx.execute<{ id: number }[]>(
    `insert into shift_signup (shift_id, activity_id, volunteer_id, status, queued_at, retroactive, created_at)
     values (?, ?, ?, ?, ?, false, ?) on conflict do nothing returning id`,
    [shift.id, activity.id, viewer.id, SignupStatus.SIGNED_UP, now, now],
  );
  if (inserted.length === 0) throw conflict({ key: 'attendanceAlreadyCheckedIn' });
  const placed = await tx.execute<{ id: number }[]>(
    'update shift set signed_up_count = signed_up_count + 1 where id = ? and signed_up_count < capacity returning id',
    [shift.id],
  );
  // Rolling back the transaction takes the sign-up row back with it.
  if (placed.length === 0) throw invalidState({ shift: 'FULL' });
  return tx.findOneOrFail(ShiftSignup, inserted[0]!.id, { lockMode: LockMode.PESSIMISTIC_WRITE });
}

/**
 * Checks the sign-up's volunteer in (the sign-up locked by the caller): while check-in is open,
 * from a status nextSignupStatus allows, within the daily limit. A second check-in while one is
 * open is CONFLICT; the open check-in's partial unique index makes sure of it whatever happens.
 */
async function checkInSignup(
  tx: EntityManager,
  viewer: Viewer,
  signup: ShiftSignup,
  shift: Shift,
  activity: Activity,
  method: AttendanceMethod,
  now: Date,
): Promise<ShiftSignup> {
  liveActivity(activity);
  const closed = checkInClosedReason(shift, now);
  if (closed) throw invalidState({ checkIn: closed });
  if (signup.status === SignupStatus.CHECKED_IN) throw conflict({ key: 'attendanceAlreadyCheckedIn' });
  const next = nextSignupStatus(signup.status, 'CHECK_IN');
  if (!next) throw invalidState({ status: signup.status });
  const serviceDay = chinaDay(now);
  // Check-ins to other shifts of the same activity count too: one lock per person and activity makes
  // concurrent ones take turns, so the count below cannot be read twice before either is written.
  await tx.execute('select pg_advisory_xact_lock(?, ?)', [activity.id, signup.volunteer.id]);
  const [today] = await tx.execute<{ n: string }[]>(
    'select count(*) as n from shift_check_in where volunteer_id = ? and activity_id = ? and service_day = ?',
    [signup.volunteer.id, activity.id, serviceDay],
  );
  if (!underDailyLimit(Number(today!.n))) {
    throw new AppError(
      ErrorCode.INVALID_STATE,
      { key: 'attendanceDailyLimit', params: { max: ATTENDANCE_CHECK_INS_PER_DAY } },
      undefined,
      { checkIn: 'DAILY_LIMIT' },
    );
  }
  tx.create(ShiftCheckIn, {
    signup,
    activity,
    volunteer: signup.volunteer,
    serviceDay,
    checkedInAt: now,
    checkInMethod: method,
    checkedInBy: viewer.id,
  });
  if (signup.status === SignupStatus.NO_SHOW) {
    // Came late, after the no-show job ran: it was no no-show after all.
    await tx.execute(
      'update volunteer_profile set no_show_count = no_show_count - 1 where user_id = ? and no_show_count > 0',
      [signup.volunteer.id],
    );
  }
  signup.status = next;
  try {
    await tx.flush();
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) throw conflict({ key: 'attendanceAlreadyCheckedIn' });
    throw error;
  }
  if (method === AttendanceMethod.ORGANISER) {
    recordAudit(tx, viewer, {
      action: AttendanceAuditAction.CHECK_IN,
      targetType: AttendanceAuditTarget.SHIFT_ATTENDANCE,
      targetId: signup.id,
      area: activity.area.getEntity(),
      at: now,
      after: { volunteer: signup.volunteer.id },
    });
  }
  return signup;
}

/**
 * 签到. With `signupId`: an organiser of the activity or CHECK_IN_VOLUNTEERS over its area
 * checks that volunteer in. With `shiftId` and `code`: the volunteer checks themself in with the
 * code shown on site (rate limited, wrong codes included), signed up on the spot if they had not
 * and a place is free.
 */
export async function checkInVolunteer(
  em: EntityManager,
  viewer: Viewer,
  args: AttendanceArgs,
  clock: Clock = systemClock,
): Promise<ShiftSignup> {
  const now = clock();
  if (args.at != null) throw badInput({ at: { key: 'attendanceAtForOrganisers' } });
  if (formOf(args) === 'ORGANISER') {
    return em.transactional(async (tx) => {
      const { signup, shift, activity } = await signupForChecker(tx, viewer, args.signupId!);
      return checkInSignup(tx, viewer, signup, shift, activity, AttendanceMethod.ORGANISER, now);
    });
  }
  await consumeRateLimit(em, ATTENDANCE_CODE_RATE_LIMIT, { userId: viewer.id });
  return em.transactional(async (tx) => {
    const shift = await shiftOrFail(tx, args.shiftId!);
    const activity = shift.activity.getEntity();
    liveActivity(activity);
    const closed = checkInClosedReason(shift, now);
    if (closed) throw invalidState({ checkIn: closed });
    await useCode(tx, viewer, shift, args.code!, now);
    const signup = (await ownSignup(tx, viewer, shift)) ?? (await walkIn(tx, viewer, shift, now));
    return checkInSignup(tx, viewer, signup, shift, activity, AttendanceMethod.CODE, now);
  });
}

/**
 * Closes the sign-up's open check-in at `at` (a forgotten one an organiser closes afterwards) or
 * now, recomputes the sign-up's minutes over all its check-ins and appends the entry that says so.
 */
async function checkOutSignup(
  tx: EntityManager,
  viewer: Viewer,
  signup: ShiftSignup,
  shift: Shift,
  activity: Activity,
  method: AttendanceMethod,
  at: Date | null,
  now: Date,
): Promise<ShiftSignup> {
  const next = nextSignupStatus(signup.status, 'CHECK_OUT');
  if (!next) {
    if (signup.status === SignupStatus.CHECKED_OUT) throw conflict({ key: 'attendanceAlreadyCheckedOut' });
    throw invalidState({ status: signup.status });
  }
  const open = await tx.findOneOrFail(ShiftCheckIn, { signup: signup.id, checkedOutAt: null });
  if (at) {
    const problem = closingTimeProblem(shift, open.checkedInAt, at, now);
    if (problem) throw badInput({ at: { key: problem, params: { margin: SHIFT_MARGIN_MINUTES } } });
  }
  open.checkedOutAt = at ?? now;
  open.checkOutMethod = method;
  open.checkedOutBy = ref(viewer.user);
  open.closedByOrganiser = !!at;
  const stretches = await tx.find(ShiftCheckIn, { signup: signup.id });
  const minutes = recordedMinutesOf(shift, stretches) ?? 0;
  tx.create(ServiceRecordEntry, {
    signup,
    volunteer: signup.volunteer,
    kind: at ? RecordEntryKind.CLOSED_BY_ORGANISER : RecordEntryKind.RECORDED,
    minutes,
    previousMinutes: signup.recordedMinutes ?? null,
    actor: viewer.id,
    createdAt: now,
  });
  signup.recordedMinutes = minutes;
  signup.status = next;
  if (method === AttendanceMethod.ORGANISER) {
    recordAudit(tx, viewer, {
      action: at ? AttendanceAuditAction.CLOSE_CHECK_OUT : AttendanceAuditAction.CHECK_OUT,
      targetType: AttendanceAuditTarget.SHIFT_ATTENDANCE,
      targetId: signup.id,
      area: activity.area.getEntity(),
      at: now,
      after: { volunteer: signup.volunteer.id, minutes, ...(at ? { at: at.toISOString() } : {}) },
    });
  }
  await tx.flush();
  return signup;
}

/**
 * 签退, in the same two forms as checkInVolunteer. `at` (organisers only) closes a forgotten
 * check-out with the time the person left: within the shift ± margin and after the check-in.
 */
export async function checkOutVolunteer(
  em: EntityManager,
  viewer: Viewer,
  args: AttendanceArgs,
  clock: Clock = systemClock,
): Promise<ShiftSignup> {
  const now = clock();
  if (formOf(args) === 'ORGANISER') {
    return em.transactional(async (tx) => {
      const { signup, shift, activity } = await signupForChecker(tx, viewer, args.signupId!);
      return checkOutSignup(tx, viewer, signup, shift, activity, AttendanceMethod.ORGANISER, args.at ?? null, now);
    });
  }
  await consumeRateLimit(em, ATTENDANCE_CODE_RATE_LIMIT, { userId: viewer.id });
  return em.transactional(async (tx) => {
    const shift = await shiftOrFail(tx, args.shiftId!);
    const activity = shift.activity.getEntity();
    const closed = selfCheckOutClosedReason(shift, now);
    if (closed) throw invalidState({ checkOut: closed });
    await useCode(tx, viewer, shift, args.code!, now);
    const signup = await ownSignup(tx, viewer, shift);
    if (!signup) throw invalidState({ status: null });
    return checkOutSignup(tx, viewer, signup, shift, activity, AttendanceMethod.CODE, null, now);
  });
}

export interface RecordAttendanceArgs {
  shiftId: string;
  userId: string;
  checkedInAt: Date;
  checkedOutAt: Date;
  idempotencyKey?: string | null;
}

/**
 * 补录 from a paper sign-in sheet: an organiser records a volunteer's presence at a shift that
 * ended within the last 30 days. Creates the sign-up (retroactive, CHECKED_OUT, holding one of
 * the shift's places: a full shift refuses), its PAPER check-in and the PAPER_RECORDED entry.
 */
export async function recordAttendance(
  em: EntityManager,
  viewer: Viewer,
  args: RecordAttendanceArgs,
  clock: Clock = systemClock,
): Promise<ShiftSignup> {
  const now = clock();
  return em.transactional((tx) =>
    once(
      tx,
      { actorId: viewer.id, operation: 'recordAttendance', key: args.idempotencyKey, input: args },
      async () => {
        const shift = await shiftOrFail(tx, args.shiftId);
        const activity = shift.activity.getEntity();
        if (!(await isOrganiser(tx, viewer, activity))) throw forbidden();
        const person = await findVisibleUser(tx, viewer, args.userId);
        const active =
          person &&
          (await tx.execute('select 1 from volunteer_profile where user_id = ? and status = ?', [
            person.id,
            VolunteerStatus.ACTIVE,
          ]));
        if (!person || !active?.length) throw notFoundIn('userId');
        liveActivity(activity);
        const closed = paperRecordClosedReason(shift, now);
        if (closed) throw invalidState({ shift: closed });
        const problems = paperTimesProblems(shift, args.checkedInAt, args.checkedOutAt);
        if (Object.keys(problems).length) {
          throw badInput(
            Object.fromEntries(
              Object.entries(problems).map(([field, key]) => [
                field,
                { key, params: { margin: SHIFT_MARGIN_MINUTES } },
              ]),
            ),
          );
        }
        const minutes = recordedMinutesOf(shift, [args])!;
        const inserted = await tx.execute<{ id: number }[]>(
          `insert into shift_signup (shift_id, activity_id, volunteer_id, status, queued_at, retroactive, recorded_minutes, created_at)
           values (?, ?, ?, ?, ?, true, ?, ?) on conflict do nothing returning id`,
          [shift.id, activity.id, person.id, SignupStatus.CHECKED_OUT, now, minutes, now],
        );
        if (inserted.length === 0)
          throw conflict({ key: 'attendanceAlreadyRecorded' }, { userId: { key: 'attendanceAlreadyRecorded' } });
        const placed = await tx.execute<{ id: number }[]>(
          'update shift set signed_up_count = signed_up_count + 1 where id = ? and signed_up_count < capacity returning id',
          [shift.id],
        );
        if (placed.length === 0) throw badInput({ shiftId: { key: 'attendanceShiftFull' } });
        const signup = await tx.findOneOrFail(ShiftSignup, inserted[0]!.id);
        tx.create(ShiftCheckIn, {
          signup,
          activity,
          volunteer: person,
          serviceDay: chinaDay(args.checkedInAt),
          checkedInAt: args.checkedInAt,
          checkInMethod: AttendanceMethod.PAPER,
          checkedInBy: viewer.id,
          checkedOutAt: args.checkedOutAt,
          checkOutMethod: AttendanceMethod.PAPER,
          checkedOutBy: viewer.id,
        });
        tx.create(ServiceRecordEntry, {
          signup,
          volunteer: person,
          kind: RecordEntryKind.PAPER_RECORDED,
          minutes,
          previousMinutes: null,
          actor: viewer.id,
          createdAt: now,
        });
        recordAudit(tx, viewer, {
          action: AttendanceAuditAction.RECORD_PAPER,
          targetType: AttendanceAuditTarget.SHIFT_ATTENDANCE,
          targetId: signup.id,
          area: activity.area.getEntity(),
          at: now,
          after: {
            volunteer: person.id,
            checkedInAt: args.checkedInAt.toISOString(),
            checkedOutAt: args.checkedOutAt.toISOString(),
            minutes,
          },
        });
        await tx.flush();
        return signup;
      },
      (id) => tx.findOneOrFail(ShiftSignup, id),
    ),
  );
}
