import { ref, type EntityManager } from '@mikro-orm/postgresql';
import { levelsOf } from '../areas/area-levels.js';
import { getArea } from '../areas/areas.service.js';
import { recordAudit } from '../audit/audit.service.js';
import { findVisibleNeed } from '../needs/needs.access.js';
import type { User } from '../people/user.entity.js';
import type { Viewer } from '../platform/auth/viewer.js';
import { systemClock, type Clock } from '../platform/clock.js';
import { badInput, conflict, forbidden, invalidState, notFound } from '../platform/errors.js';
import { findById, toId } from '../platform/ids.js';
import { once } from '../platform/idempotency.js';
import { newCodeSecret } from '../platform/rotating-codes.js';
import { isWithin } from '../platform/scope.js';
import { Project } from '../projects/project.entity.js';
import { Resolution } from '../resolutions/resolution.entity.js';
import { Team } from '../teams/team.entity.js';
import { TeamMembershipStatus, TeamRole } from '../teams/teams.enums.js';
import { TeamMembership } from '../teams/team.entity.js';
import { Activity, ActivityPhoto, Shift } from './activity.entity.js';
import { mayOrganiseActivities, requireOrganiser } from './activities.access.js';
import { ActivityAuditAction, ActivityAuditTarget } from './activities.audit.js';
import { ActivityStatus, SignupCancelReason, SignupStatus, PLACE_HOLDING_STATUSES } from './activities.enums.js';
import type { CreateActivityInput, ShiftInput, UpdateActivityInput } from './activities.inputs.js';
import { ACTIVITY_SHIFTS_MAX, ACTIVITY_TITLE_MIN } from './activities.limits.js';
import { notifyActivityCancelled } from './activities.notifications.js';
import { activitySpan, nextSignupStatus, shiftTimesError } from './activities.rules.js';
import { promoteWaiting } from './signups.service.js';

/** The statuses a cancelled activity cancels: those CANCEL applies to (activities.rules.ts). */
const CANCELLABLE = Object.values(SignupStatus).filter((status) => nextSignupStatus(status, 'CANCEL') !== null);

const titleTooShort = () => badInput({ title: { key: 'activityTitleTooShort', params: { min: ACTIVITY_TITLE_MIN } } });

/** A need, project or resolution to link: one the viewer may see, in the activity's street; else NOT_FOUND. */
async function linksOf(em: EntityManager, viewer: Viewer, input: CreateActivityInput, streetId: number) {
  const inStreet = <T extends { streetId: number }>(row: T | null, id: string | null | undefined): T | null => {
    if (id === null || id === undefined) return null;
    if (!row || row.streetId !== streetId) throw notFound();
    return row;
  };
  return {
    need: inStreet(input.needId != null ? await findVisibleNeed(em, viewer, input.needId) : null, input.needId),
    project: inStreet(input.projectId != null ? await findById(em, Project, input.projectId) : null, input.projectId),
    resolution: inStreet(
      input.resolutionId != null ? await findById(em, Resolution, input.resolutionId) : null,
      input.resolutionId,
    ),
  };
}

/** The viewer's own uploads nothing has taken, as ids; BAD_USER_INPUT on photoIds otherwise. */
async function usablePhotoIds(em: EntityManager, viewer: Viewer, photoIds: readonly string[] | null | undefined) {
  const wanted = [...new Set(photoIds ?? [])].map(toId);
  const ids = wanted.filter((id): id is number => id !== null);
  const free = { id: { $in: ids }, uploadedBy: viewer.id, activity: null };
  if (ids.length !== wanted.length || (ids.length > 0 && (await em.count(ActivityPhoto, free)) !== ids.length)) {
    throw badInput({ photoIds: { key: 'activityPhotoNotUsable' } });
  }
  return ids;
}

/**
 * An activity with its shifts: ORGANISE_ACTIVITIES over the area, or an approved leader of
 * `teamId` for an area in the team's subtree. 补录 (retroactive) activities are of shifts that
 * have ended, within 30 days. With an idempotency key a retry returns the first activity.
 */
export async function createActivity(
  em: EntityManager,
  viewer: Viewer,
  input: CreateActivityInput,
  clock: Clock = systemClock,
): Promise<Activity> {
  const area = await getArea(em, input.areaId);
  const levels = await levelsOf(em, area);
  let team: Team | null = null;
  if (input.teamId !== null && input.teamId !== undefined) {
    team = await findById(em, Team, input.teamId);
    if (!team || team.streetId !== levels.streetId) throw notFound();
  }
  if (!mayOrganiseActivities(viewer, area)) {
    const leads =
      !!team &&
      isWithin(area.path, team.areaPath) &&
      (await em.count(TeamMembership, {
        team: team.id,
        user: viewer.id,
        role: TeamRole.LEADER,
        status: TeamMembershipStatus.APPROVED,
      })) > 0;
    if (!leads) throw forbidden();
  }
  if ([...input.title.trim()].length < ACTIVITY_TITLE_MIN) throw titleTooShort();
  const now = clock();
  const retroactive = input.retroactive === true;
  const timesError = shiftTimesError(input.shifts, now, retroactive);
  if (timesError) throw badInput({ shifts: timesError });
  const links = await linksOf(em, viewer, input, levels.streetId);
  const photoIds = await usablePhotoIds(em, viewer, input.photoIds);
  const { idempotencyKey, ...rest } = input;
  const span = activitySpan(input.shifts);
  return em.transactional((tx) =>
    once(
      tx,
      { actorId: viewer.id, operation: 'activity.create', key: idempotencyKey, input: rest },
      async () => {
        const activity = tx.create(Activity, {
          ...levels,
          area: tx.merge(area),
          title: input.title.trim(),
          description: input.description.trim(),
          place: input.place.trim(),
          skills: [...new Set(input.skills ?? [])],
          team: team ? ref(tx.merge(team)) : null,
          need: links.need ? ref(tx.merge(links.need)) : null,
          project: links.project ? ref(tx.merge(links.project)) : null,
          resolution: links.resolution ? ref(tx.merge(links.resolution)) : null,
          retroactive,
          startsAt: span.startsAt,
          endsAt: span.endsAt,
          createdBy: viewer.user as User,
          createdAt: now,
        });
        for (const shift of [...input.shifts].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())) {
          tx.create(Shift, {
            activity,
            startsAt: shift.startsAt,
            endsAt: shift.endsAt,
            capacity: shift.capacity,
            checkInSecret: newCodeSecret(),
          });
        }
        await tx.flush();
        const free = { id: { $in: photoIds }, uploadedBy: viewer.id, activity: null };
        if (
          photoIds.length &&
          (await tx.nativeUpdate(ActivityPhoto, free, { activity: activity.id })) !== photoIds.length
        ) {
          throw conflict({ key: 'activityPhotoNotUsable' }, { photoIds: { key: 'activityPhotoNotUsable' } });
        }
        recordAudit(tx, viewer, {
          action: ActivityAuditAction.CREATE,
          targetType: ActivityAuditTarget.ACTIVITY,
          targetId: activity.id,
          area,
          at: now,
          after: {
            title: activity.title,
            place: activity.place,
            startsAt: span.startsAt.toISOString(),
            endsAt: span.endsAt.toISOString(),
            shiftCount: input.shifts.length,
            retroactive,
          },
        });
        return activity;
      },
      (id) => tx.findOneOrFail(Activity, id),
    ),
  );
}

/**
 * The activity locked for a change by its organisers; NOT_FOUND, FORBIDDEN, INVALID_STATE when
 * cancelled. FOR NO KEY UPDATE, not FOR UPDATE: a sign-up inserted meanwhile takes a KEY SHARE
 * lock on its activity (the foreign key) while holding its shift, and must not wait for us while
 * we wait for that shift.
 */
async function organisedActivity(tx: EntityManager, viewer: Viewer, id: string | number): Promise<Activity> {
  const rowId = toId(id);
  const locked =
    rowId === null ? [] : await tx.execute('select id from activity where id = ? for no key update', [rowId]);
  if (locked.length === 0) throw notFound();
  const activity = await tx.findOneOrFail(Activity, rowId!, { populate: ['area'], refresh: true });
  await requireOrganiser(tx, viewer, activity);
  if (activity.status !== ActivityStatus.PUBLISHED) throw invalidState({ status: activity.status });
  return activity;
}

/** Organisers change the words (title, description, place, skills); times change by shifts. */
export async function updateActivity(
  em: EntityManager,
  viewer: Viewer,
  id: string,
  input: UpdateActivityInput,
  clock: Clock = systemClock,
): Promise<Activity> {
  if (typeof input.title === 'string' && [...input.title.trim()].length < ACTIVITY_TITLE_MIN) throw titleTooShort();
  return em.transactional(async (tx) => {
    const activity = await organisedActivity(tx, viewer, id);
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    for (const field of ['title', 'description', 'place'] as const) {
      const value = input[field]?.trim();
      if (value !== undefined && value !== activity[field]) {
        before[field] = activity[field];
        after[field] = value;
        activity[field] = value;
      }
    }
    if (input.skills) {
      const skills = [...new Set(input.skills)];
      if (skills.join() !== activity.skills.join()) {
        before.skills = activity.skills.join(', ');
        after.skills = skills.join(', ');
        activity.skills = skills;
      }
    }
    await tx.flush();
    if (Object.keys(after).length) {
      recordAudit(tx, viewer, {
        action: ActivityAuditAction.UPDATE,
        targetType: ActivityAuditTarget.ACTIVITY,
        targetId: activity.id,
        area: activity.area.getEntity(),
        at: clock(),
        before,
        after,
      });
    }
    return activity;
  });
}

/**
 * Organisers cancel an activity: every live sign-up (those CANCEL applies to) is cancelled as
 * ACTIVITY_CANCELLED and told, the shifts' counts recounted, in one transaction. Records
 * already made (checked in or out, verified) stay as they are.
 */
export async function cancelActivity(
  em: EntityManager,
  viewer: Viewer,
  id: string,
  reason: string,
  clock: Clock = systemClock,
): Promise<Activity> {
  return em.transactional(async (tx) => {
    const activity = await organisedActivity(tx, viewer, id);
    const now = clock();
    await tx.execute('select id from shift where activity_id = ? order by id for no key update', [activity.id]);
    const cancelled = await tx.execute<{ volunteer_id: number }[]>(
      `update shift_signup set status = ?, cancelled_at = ?, cancel_reason = ?
        where activity_id = ? and status = any(?::text[]) returning volunteer_id`,
      [SignupStatus.CANCELLED, now, SignupCancelReason.ACTIVITY_CANCELLED, activity.id, `{${CANCELLABLE.join(',')}}`],
    );
    await tx.execute(
      `update shift s set
         signed_up_count = (select count(*) from shift_signup x where x.shift_id = s.id and x.status = any(?::text[])),
         waitlist_count = 0
       where s.activity_id = ?`,
      [`{${PLACE_HOLDING_STATUSES.join(',')}}`, activity.id],
      'run',
    );
    Object.assign(activity, { status: ActivityStatus.CANCELLED, cancelledAt: now, cancelReason: reason.trim() });
    await tx.flush();
    await notifyActivityCancelled(
      tx,
      activity,
      cancelled.map((row) => row.volunteer_id),
      reason.trim(),
      now,
    );
    recordAudit(tx, viewer, {
      action: ActivityAuditAction.CANCEL,
      targetType: ActivityAuditTarget.ACTIVITY,
      targetId: activity.id,
      area: activity.area.getEntity(),
      at: now,
      after: { reason: activity.cancelReason, cancelledSignups: cancelled.length },
    });
    return activity;
  });
}

/** Organisers add a shift (the same time rules as at creation); the activity's span follows. */
export async function addShift(
  em: EntityManager,
  viewer: Viewer,
  activityId: string,
  input: ShiftInput,
  clock: Clock = systemClock,
): Promise<Shift> {
  return em.transactional(async (tx) => {
    const activity = await organisedActivity(tx, viewer, activityId);
    const now = clock();
    const timesError = shiftTimesError([input], now, activity.retroactive);
    if (timesError) throw badInput({ input: timesError });
    if ((await tx.count(Shift, { activity: activity.id })) >= ACTIVITY_SHIFTS_MAX) {
      throw badInput({ input: { key: 'activityShiftsCount', params: { max: ACTIVITY_SHIFTS_MAX } } });
    }
    const shift = tx.create(Shift, {
      activity,
      startsAt: input.startsAt,
      endsAt: input.endsAt,
      capacity: input.capacity,
      checkInSecret: newCodeSecret(),
    });
    const span = activitySpan([activity, input]);
    Object.assign(activity, span);
    await tx.flush();
    recordAudit(tx, viewer, {
      action: ActivityAuditAction.ADD_SHIFT,
      targetType: ActivityAuditTarget.ACTIVITY,
      targetId: activity.id,
      area: activity.area.getEntity(),
      at: now,
      after: { startsAt: input.startsAt.toISOString(), endsAt: input.endsAt.toISOString(), capacity: input.capacity },
    });
    return shift;
  });
}

/**
 * Organisers change a shift's places: never below the places taken (BAD_USER_INPUT); raised
 * before the shift starts, the waiting list moves up into the new places at once.
 */
export async function setShiftCapacity(
  em: EntityManager,
  viewer: Viewer,
  shiftId: string,
  capacity: number,
  clock: Clock = systemClock,
): Promise<Shift> {
  const found = await findById(em, Shift, shiftId);
  if (!found) throw notFound();
  await em.transactional(async (tx) => {
    const activity = await organisedActivity(tx, viewer, found.activity.id);
    await tx.execute('select id from shift where id = ? for no key update', [found.id]);
    const shift = await tx.findOneOrFail(Shift, found.id, { refresh: true });
    if (capacity < shift.signedUpCount) {
      throw badInput({ capacity: { key: 'shiftCapacityBelowTaken', params: { taken: shift.signedUpCount } } });
    }
    const now = clock();
    const before = shift.capacity;
    shift.capacity = capacity;
    await tx.flush();
    if (capacity > before && shift.startsAt > now && !activity.retroactive) {
      await promoteWaiting(tx, { id: shift.id, startsAt: shift.startsAt }, activity, now);
    }
    recordAudit(tx, viewer, {
      action: ActivityAuditAction.SET_CAPACITY,
      targetType: ActivityAuditTarget.ACTIVITY,
      targetId: activity.id,
      area: activity.area.getEntity(),
      at: now,
      before: { capacity: before },
      after: { capacity },
    });
  });
  return em.findOneOrFail(Shift, found.id, { refresh: true });
}
