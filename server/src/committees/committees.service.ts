import { UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/postgresql';
import { Area } from '../areas/area.entity.js';
import { levelsOf } from '../areas/area-levels.js';
import { getArea } from '../areas/areas.service.js';
import { recordAudit } from '../audit/audit.service.js';
import { NotificationKind } from '../notifications/notification.kinds.js';
import { notify } from '../notifications/notifications.service.js';
import { findVisibleUser } from '../people/people.service.js';
import type { User } from '../people/user.entity.js';
import { Role } from '../platform/auth/roles.js';
import type { Viewer } from '../platform/auth/viewer.js';
import { systemClock, type Clock } from '../platform/clock.js';
import { badInput, conflict, notFound } from '../platform/errors.js';
import { findById } from '../platform/ids.js';
import { once } from '../platform/idempotency.js';
import { isWithin, requireRule } from '../platform/scope.js';
import { ReportIn, Unit } from '../units/unit.entity.js';
import { ReportInStatus } from '../units/units.enums.js';
import { Committee, CommitteeMember } from './committee.entity.js';
import { mayManageCommittees } from './committees.access.js';
import { CommitteeAuditAction, CommitteeAuditTarget } from './committees.audit.js';
import { Seat } from './committees.enums.js';
import type { AddCommitteeMemberInput, CreateCommitteeInput } from './committees.inputs.js';
import { isActive, kindFitsArea, termErrors } from './committees.rules.js';

export const COMMITTEE_SUBJECT = 'committee';

/** A committee of an area, by staff or admins over it; with an idempotency key, a retry returns the first. */
export async function createCommittee(
  em: EntityManager,
  viewer: Viewer,
  input: CreateCommitteeInput,
  clock: Clock = systemClock,
): Promise<Committee> {
  const area = await getArea(em, input.areaId);
  requireRule(viewer, mayManageCommittees, area);
  if (!kindFitsArea(input.kind, area.kind)) throw badInput({ kind: { key: 'committeeKindArea' } });
  const errors = termErrors(input.termStart, input.termEnd);
  if (Object.keys(errors).length) throw badInput(errors);
  const { idempotencyKey, ...rest } = input;
  return em.transactional((tx) =>
    once(
      tx,
      { actorId: viewer.id, operation: 'committee.create', key: idempotencyKey, input: rest },
      async () => {
        const committee = tx.create(Committee, {
          ...(await levelsOf(tx, area)),
          name: input.name.trim(),
          kind: input.kind,
          termStart: input.termStart,
          termEnd: input.termEnd,
          createdBy: viewer.id,
          createdAt: clock(),
        });
        await tx.flush();
        recordAudit(tx, viewer, {
          action: CommitteeAuditAction.CREATE,
          targetType: CommitteeAuditTarget.COMMITTEE,
          targetId: committee.id,
          area,
          after: {
            name: committee.name,
            kind: committee.kind,
            areaId: area.id,
            termStart: committee.termStart.toISOString(),
            termEnd: committee.termEnd.toISOString(),
          },
        });
        return committee;
      },
      (id) => tx.findOneOrFail(Committee, id),
    ),
  );
}

/** The committee to change: NOT_FOUND when unknown, FORBIDDEN unless the viewer manages committees over its area (committees are public). */
async function managedCommittee(
  em: EntityManager,
  viewer: Viewer,
  id: string | number,
): Promise<{ committee: Committee; area: Area }> {
  const committee = await findById(em, Committee, id, { populate: ['area'] });
  if (!committee) throw notFound();
  const area = committee.area.getEntity();
  requireRule(viewer, mayManageCommittees, area);
  return { committee, area };
}

/** A person within the people picker's reach; anyone else is an unknown id. */
async function reachablePerson(em: EntityManager, viewer: Viewer, userId: string): Promise<User> {
  const user = await findVisibleUser(em, viewer, userId);
  if (!user) throw notFound();
  return user;
}

/** A part-time member's unit: stationed in the committee's area, or reported in (accepted) to a community in it; else unknown. */
async function unitOfArea(em: EntityManager, area: Area, unitId: string): Promise<Unit> {
  const unit = await findById(em, Unit, unitId);
  if (!unit) throw notFound();
  if (isWithin(unit.areaPath, area.path)) return unit;
  const reported = await em.count(ReportIn, {
    unit: unit.id,
    status: ReportInStatus.ACCEPTED,
    area: { path: { $like: `${area.path}%` } },
  });
  if (reported === 0) throw notFound();
  return unit;
}

/**
 * Adds a member for the committee's term: COMMITTEE_MEMBER on its area is granted when they do
 * not hold it and the term is under way (a term yet to begin is granted by the job when it
 * does); the grant is remembered on the membership, to be taken back after the term or when
 * they leave. Told by a notification. Twice: CONFLICT.
 */
export async function addCommitteeMember(
  em: EntityManager,
  viewer: Viewer,
  input: AddCommitteeMemberInput,
  clock: Clock = systemClock,
): Promise<CommitteeMember> {
  const { committee, area } = await managedCommittee(em, viewer, input.committeeId);
  const user = await reachablePerson(em, viewer, input.userId);
  const hasUnit = input.unitId !== undefined && input.unitId !== null;
  if (hasUnit && input.seat !== Seat.PART_TIME) throw badInput({ unitId: { key: 'committeeUnitPartTimeOnly' } });
  const unit = hasUnit ? await unitOfArea(em, area, input.unitId!) : null;
  const duplicate = () => conflict({ key: 'alreadyCommitteeMember' }, { userId: { key: 'alreadyCommitteeMember' } });
  if ((await em.count(CommitteeMember, { committee: committee.id, user: user.id })) > 0) throw duplicate();
  const now = clock();
  const title = input.title.trim();
  try {
    return await em.transactional(async (tx) => {
      const granted = isActive(committee, now)
        ? await tx.execute<{ id: number }[]>(
            `insert into role_assignment (user_id, role, area_id, created_at) values (?, ?, ?, ?)
               on conflict (user_id, role, area_id) do nothing returning id`,
            [user.id, Role.COMMITTEE_MEMBER, area.id, now],
          )
        : [];
      const member = tx.create(CommitteeMember, {
        committee: committee.id,
        user: user.id,
        seat: input.seat,
        title,
        unit: unit?.id ?? null,
        roleGranted: granted.length > 0,
        createdAt: now,
      });
      await tx.flush();
      recordAudit(tx, viewer, {
        action: CommitteeAuditAction.MEMBER_ADD,
        targetType: CommitteeAuditTarget.COMMITTEE,
        targetId: committee.id,
        area: tx.merge(area),
        after: { userId: user.id, seat: input.seat, title, ...(unit ? { unitId: unit.id } : {}) },
      });
      await notify(tx, {
        recipients: [user.id],
        kind: NotificationKind.COMMITTEE_MEMBER_ADDED,
        subject: { type: COMMITTEE_SUBJECT, id: committee.id },
        params: { committee: committee.name, title },
        now,
      });
      return member;
    });
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) throw duplicate();
    throw error;
  }
}

/**
 * Gives back the COMMITTEE_MEMBER grant a membership made (in `tx`, its row locked or deleted):
 * another active membership of theirs on the same area takes it over (and gives it back in its
 * turn); with none, the role goes.
 */
async function releaseGrant(tx: EntityManager, member: { id: number; userId: number; areaId: number }, now: Date) {
  const [heir] = await tx.execute<{ id: number }[]>(
    `select m.id from committee_member m join committee c on c.id = m.committee_id
      where m.user_id = ? and c.area_id = ? and m.id <> ? and c.term_start <= ? and c.term_end > ?
      order by c.term_end desc limit 1`,
    [member.userId, member.areaId, member.id, now, now],
  );
  if (heir) {
    await tx.execute('update committee_member set role_granted = true where id = ?', [heir.id], 'run');
  } else {
    await tx.execute(
      'delete from role_assignment where user_id = ? and role = ? and area_id = ?',
      [member.userId, Role.COMMITTEE_MEMBER, member.areaId],
      'run',
    );
  }
}

/** Takes a member off the committee; the role their membership granted goes unless another active committee of theirs there needs it. */
export async function removeCommitteeMember(
  em: EntityManager,
  viewer: Viewer,
  memberId: string,
  clock: Clock = systemClock,
): Promise<Committee> {
  const found = await findById(em, CommitteeMember, memberId);
  if (!found) throw notFound();
  const { committee, area } = await managedCommittee(em, viewer, found.committee.id);
  const now = clock();
  await em.transactional(async (tx) => {
    const [removed] = await tx.execute<{ role_granted: boolean; user_id: number; seat: string; title: string }[]>(
      'delete from committee_member where id = ? returning role_granted, user_id, seat, title',
      [found.id],
    );
    if (!removed) throw notFound();
    if (removed.role_granted) await releaseGrant(tx, { id: found.id, userId: removed.user_id, areaId: area.id }, now);
    recordAudit(tx, viewer, {
      action: CommitteeAuditAction.MEMBER_REMOVE,
      targetType: CommitteeAuditTarget.COMMITTEE,
      targetId: committee.id,
      area: tx.merge(area),
      before: { userId: removed.user_id, seat: removed.seat, title: removed.title },
    });
  });
  return committee;
}

/** Memberships whose grant is given back per run; the rest wait for the next. */
const RELEASES_PER_RUN = 200;

/**
 * After a term: the COMMITTEE_MEMBER grants its memberships made are given back (or handed to
 * another active committee of the person on the same area). Rows are taken with SKIP LOCKED,
 * so every instance may run it. Returns how many memberships were settled.
 */
export async function releaseEndedTermRoles(em: EntityManager, now: Date = new Date()): Promise<number> {
  return em.transactional(async (tx) => {
    const ended = await tx.execute<{ id: number; user_id: number; area_id: number }[]>(
      `select m.id, m.user_id, c.area_id from committee_member m join committee c on c.id = m.committee_id
        where m.role_granted and c.term_end <= ?
        order by c.term_end, m.id limit ? for update of m skip locked`,
      [now, RELEASES_PER_RUN],
    );
    for (const row of ended) {
      await tx.execute('update committee_member set role_granted = false where id = ?', [row.id], 'run');
      await releaseGrant(tx, { id: row.id, userId: row.user_id, areaId: row.area_id }, now);
    }
    return ended.length;
  });
}

/**
 * Terms that have begun: members who do not hold COMMITTEE_MEMBER on the committee's area get it
 * (and their membership remembers the grant). Rows taken with SKIP LOCKED; returns how many memberships.
 */
export async function grantStartedTermRoles(em: EntityManager, now: Date = new Date()): Promise<number> {
  return em.transactional(async (tx) => {
    const due = await tx.execute<{ id: number; user_id: number; area_id: number }[]>(
      `select m.id, m.user_id, c.area_id from committee_member m join committee c on c.id = m.committee_id
        where not m.role_granted and c.term_start <= ? and c.term_end > ?
          and not exists (select 1 from role_assignment ra
                           where ra.user_id = m.user_id and ra.role = ? and ra.area_id = c.area_id)
        order by m.id limit ? for update of m skip locked`,
      [now, now, Role.COMMITTEE_MEMBER, RELEASES_PER_RUN],
    );
    if (due.length === 0) return 0;
    await tx.execute(
      `insert into role_assignment (user_id, role, area_id, created_at)
       select distinct u, ?, a, ?::timestamptz from unnest(?::int[], ?::int[]) as d(u, a)
       on conflict (user_id, role, area_id) do nothing`,
      [
        Role.COMMITTEE_MEMBER,
        now,
        `{${due.map((row) => row.user_id).join(',')}}`,
        `{${due.map((row) => row.area_id).join(',')}}`,
      ],
      'run',
    );
    await tx.execute('update committee_member set role_granted = true where id = any(?::int[])', [
      `{${due.map((row) => row.id).join(',')}}`,
    ]);
    return due.length;
  });
}

/** Committees on the area and in its subtree (public), newest term first. */
export async function listCommittees(em: EntityManager, areaId: string): Promise<Committee[]> {
  const area = await getArea(em, areaId);
  return em.find(Committee, { areaPath: { $like: `${area.path}%` } }, { orderBy: { termStart: 'desc', id: 'desc' } });
}

/** The committees a person is a member of, newest term first. */
export async function committeesOfPeople(em: EntityManager, userIds: readonly number[]): Promise<Committee[][]> {
  const rows = await em.find(
    CommitteeMember,
    { user: { $in: [...userIds] } },
    { populate: ['committee'], orderBy: { committee: { termStart: 'desc' }, id: 'desc' } },
  );
  return userIds.map((id) => rows.filter((row) => row.user.id === id).map((row) => row.committee.getEntity()));
}

/** Members of each committee, with their people: one query for a page. */
export async function membersOf(em: EntityManager, ids: readonly number[]): Promise<CommitteeMember[][]> {
  const rows = await em.find(
    CommitteeMember,
    { committee: { $in: [...ids] } },
    { populate: ['user'], orderBy: { id: 'asc' } },
  );
  return ids.map((id) => rows.filter((row) => row.committee.id === id));
}
