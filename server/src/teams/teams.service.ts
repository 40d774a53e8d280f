import { LockMode, UniqueConstraintViolationException, type EntityManager } from '@mikro-orm/postgresql';
import { inSubtree, levelsOf } from '../areas/area-levels.js';
import { Area } from '../areas/area.entity.js';
import { recordAudit } from '../audit/audit.service.js';
import { NotificationKind } from '../notifications/notification.kinds.js';
import { notify } from '../notifications/notifications.service.js';
import { findVisibleUser } from '../people/people.service.js';
import { User } from '../people/user.entity.js';
import type { Viewer } from '../platform/auth/viewer.js';
import { systemClock, type Clock } from '../platform/clock.js';
import { AppError, conflict, ErrorCode, forbidden, invalidState, notFound } from '../platform/errors.js';
import { DEFAULT_LOCALE } from '../platform/i18n/locale.js';
import { translate } from '../platform/i18n/messages.js';
import { containing, findById } from '../platform/ids.js';
import { once } from '../platform/idempotency.js';
import { paginate, type PageArgs } from '../platform/pagination.js';
import { requireRule } from '../platform/scope.js';
import { VolunteerProfile } from '../volunteers/volunteer.entity.js';
import { mayManageVolunteers } from '../volunteers/volunteers.access.js';
import { VolunteerStatus } from '../volunteers/volunteers.enums.js';
import { Team, TeamMembership } from './team.entity.js';
import { TeamAuditAction, TeamAuditTarget } from './teams.audit.js';
import { TeamMembershipStatus, TeamRole } from './teams.enums.js';
import type { CreateTeamInput } from './teams.inputs.js';
import { isLastLeader } from './teams.rules.js';

export const TEAM_SUBJECT = 'team';

const nameTaken = () => conflict({ key: 'teamNameTaken' }, { name: { key: 'teamNameTaken' } });
const lastLeader = (status: TeamMembershipStatus) =>
  new AppError(ErrorCode.INVALID_STATE, { key: 'teamLastLeader' }, undefined, { status });

/** Whether the person is an ACTIVE volunteer (may join teams and lead them). */
export async function isActiveVolunteer(em: EntityManager, userId: number): Promise<boolean> {
  return (await em.count(VolunteerProfile, { user: userId, status: VolunteerStatus.ACTIVE })) > 0;
}

/** The approved leaders' user ids of a team. */
async function leaderIdsOf(em: EntityManager, teamId: number): Promise<number[]> {
  const rows = await em.find(TeamMembership, {
    team: teamId,
    role: TeamRole.LEADER,
    status: TeamMembershipStatus.APPROVED,
  });
  return rows.map((row) => row.user.id);
}

/** A leader of the team (approved) or staff over its area may decide on its members. */
export async function mayDecideMembers(em: EntityManager, viewer: Viewer, team: Team): Promise<boolean> {
  if (mayManageVolunteers(viewer, { path: team.areaPath })) return true;
  return (await leaderIdsOf(em, team.id)).includes(viewer.id);
}

/** The leaders: those named (volunteers the viewer may reach, else NOT_FOUND), or the creator when a volunteer. */
async function leadersFor(em: EntityManager, viewer: Viewer, leaderIds: readonly string[] | null | undefined) {
  if (!leaderIds?.length) return (await isActiveVolunteer(em, viewer.id)) ? [viewer.user as User] : [];
  const leaders: User[] = [];
  for (const id of new Set(leaderIds)) {
    const person = await findVisibleUser(em, viewer, id);
    if (!person || !(await isActiveVolunteer(em, person.id))) throw notFound();
    leaders.push(person);
  }
  return leaders;
}

/** createTeam: MANAGE_VOLUNTEERS over the area; the name unique in the area (CONFLICT); leaders approved at once. */
export async function createTeam(
  em: EntityManager,
  viewer: Viewer,
  input: CreateTeamInput,
  clock: Clock = systemClock,
): Promise<Team> {
  const { idempotencyKey, ...rest } = input;
  const area = await findById(em, Area, input.areaId);
  if (!area) throw notFound();
  requireRule(viewer, mayManageVolunteers, area);
  const leaders = await leadersFor(em, viewer, input.leaderIds);
  const name = input.name.trim();
  const levels = await levelsOf(em, area);
  const now = clock();
  try {
    return await em.transactional((tx) =>
      once(
        tx,
        { actorId: viewer.id, operation: 'team.create', key: idempotencyKey, input: rest },
        async () => {
          if ((await tx.count(Team, { area: area.id, name })) > 0) throw nameTaken();
          const team = tx.create(Team, {
            ...levels,
            area: tx.merge(area),
            name,
            description: input.description?.trim() || null,
            memberCount: leaders.length,
            createdBy: viewer.id,
            createdAt: now,
          });
          for (const leader of leaders) {
            tx.create(TeamMembership, {
              team,
              user: leader.id,
              role: TeamRole.LEADER,
              status: TeamMembershipStatus.APPROVED,
              requestedAt: now,
              decidedBy: viewer.id,
              decidedAt: now,
            });
          }
          await tx.flush();
          recordAudit(tx, viewer, {
            action: TeamAuditAction.CREATE,
            targetType: TeamAuditTarget.TEAM,
            targetId: team.id,
            area,
            at: now,
            after: { name, leaderIds: leaders.map((leader) => leader.id) },
          });
          return team;
        },
        (id) => tx.findOneOrFail(Team, id),
      ),
    );
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) throw nameTaken();
    throw error;
  }
}

/** teams(areaId): public; the teams of the area's subtree in the order they were made. */
export async function listTeams(em: EntityManager, args: { areaId: string; search?: string | null } & PageArgs) {
  const area = await findById(em, Area, args.areaId);
  if (!area) throw notFound();
  const search = args.search?.trim();
  return paginate(
    em,
    Team,
    search ? { $and: [inSubtree<Team>(area), { name: { $ilike: containing(search) } }] } : inSubtree<Team>(area),
    args,
    { orderBy: { id: 'asc' } },
  );
}

/**
 * joinTeam: an ACTIVE volunteer asks; the leaders are told. One row per team and person: a
 * request waiting is returned as it is (also to a concurrent second call), a member gets
 * CONFLICT, a declined or departed person asks again.
 */
export async function joinTeam(
  em: EntityManager,
  viewer: Viewer,
  teamId: string,
  clock: Clock = systemClock,
): Promise<TeamMembership> {
  const team = await findById(em, Team, teamId);
  if (!team) throw notFound();
  if (!(await isActiveVolunteer(em, viewer.id))) throw forbidden({ key: 'teamNotVolunteer' });
  const now = clock();
  return em.transactional(async (tx) => {
    const inserted = await tx.execute<{ id: number }[]>(
      `insert into team_membership (team_id, user_id, role, status, requested_at)
       values (?, ?, 'MEMBER', 'REQUESTED', ?) on conflict (team_id, user_id) do nothing returning id`,
      [team.id, viewer.id, now],
    );
    const membership = await tx.findOneOrFail(
      TeamMembership,
      { team: team.id, user: viewer.id },
      { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true },
    );
    if (inserted.length === 0) {
      if (membership.status === TeamMembershipStatus.REQUESTED) return membership;
      if (membership.status === TeamMembershipStatus.APPROVED) throw conflict({ key: 'teamAlreadyMember' });
      Object.assign(membership, {
        status: TeamMembershipStatus.REQUESTED,
        role: TeamRole.MEMBER,
        requestedAt: now,
        decidedAt: null,
        decidedBy: null,
      });
      await tx.flush();
    }
    await notify(tx, {
      recipients: await leaderIdsOf(tx, team.id),
      kind: NotificationKind.TEAM_JOIN_REQUESTED,
      subject: { type: TEAM_SUBJECT, id: team.id },
      params: { team: team.name, person: (viewer.user as User).displayName },
      now,
    });
    return membership;
  });
}

/** A membership and its team, both locked (the team first, as every change of members does). */
async function lockedMembership(tx: EntityManager, viewer: Viewer, membershipId: string) {
  const found = await findById(tx, TeamMembership, membershipId);
  if (!found) throw notFound();
  const team = await tx.findOneOrFail(Team, found.team.id, {
    lockMode: LockMode.PESSIMISTIC_WRITE,
    refresh: true,
    populate: ['area'],
  });
  const membership = await tx.findOneOrFail(TeamMembership, found.id, {
    lockMode: LockMode.PESSIMISTIC_WRITE,
    refresh: true,
    populate: ['user'],
  });
  if (!(await mayDecideMembers(tx, viewer, team))) throw forbidden();
  return { team, membership };
}

/** approveTeamMember / declineTeamMember: a leader or staff over the area; REQUESTED only; the count kept in the same transaction. */
export async function decideTeamMember(
  em: EntityManager,
  viewer: Viewer,
  args: { membershipId: string; approve: boolean; reason?: string | null },
  clock: Clock = systemClock,
): Promise<TeamMembership> {
  const now = clock();
  return em.transactional(async (tx) => {
    const { team, membership } = await lockedMembership(tx, viewer, args.membershipId);
    if (membership.status !== TeamMembershipStatus.REQUESTED) throw invalidState({ status: membership.status });
    membership.status = args.approve ? TeamMembershipStatus.APPROVED : TeamMembershipStatus.DECLINED;
    membership.decidedBy = tx.getReference(User, viewer.id, { wrapped: true });
    membership.decidedAt = now;
    if (args.approve) team.memberCount += 1;
    await tx.flush();
    const reason = args.reason?.trim() || null;
    recordAudit(tx, viewer, {
      action: args.approve ? TeamAuditAction.APPROVE_MEMBER : TeamAuditAction.DECLINE_MEMBER,
      targetType: TeamAuditTarget.TEAM,
      targetId: team.id,
      area: team.area.getEntity(),
      at: now,
      before: { memberId: membership.user.id, status: TeamMembershipStatus.REQUESTED },
      after: { memberId: membership.user.id, status: membership.status, ...(reason ? { reason } : {}) },
    });
    await notify(tx, {
      recipients: [membership.user.id],
      kind: args.approve ? NotificationKind.TEAM_MEMBER_APPROVED : NotificationKind.TEAM_MEMBER_DECLINED,
      subject: { type: TEAM_SUBJECT, id: team.id },
      params: args.approve
        ? { team: team.name }
        : { team: team.name, reason: reason ?? translate(DEFAULT_LOCALE, 'teamNoReason') },
      now,
    });
    return membership;
  });
}

/** leaveTeam: the member leaves (or withdraws a request); the last leader cannot (INVALID_STATE). */
export async function leaveTeam(
  em: EntityManager,
  viewer: Viewer,
  teamId: string,
  clock: Clock = systemClock,
): Promise<TeamMembership> {
  const now = clock();
  return em.transactional(async (tx) => {
    const team = await findById(tx, Team, teamId, {
      lockMode: LockMode.PESSIMISTIC_WRITE,
      refresh: true,
      populate: ['area'],
    });
    if (!team) throw notFound();
    const membership = await tx.findOne(TeamMembership, { team: team.id, user: viewer.id }, { refresh: true });
    const status = membership?.status;
    if (!membership || (status !== TeamMembershipStatus.APPROVED && status !== TeamMembershipStatus.REQUESTED)) {
      throw invalidState({ status: status ?? null });
    }
    if (isLastLeader({ membership, leaderCount: (await leaderIdsOf(tx, team.id)).length }))
      throw lastLeader(membership.status);
    if (status === TeamMembershipStatus.APPROVED) team.memberCount -= 1;
    membership.status = TeamMembershipStatus.LEFT;
    await tx.flush();
    recordAudit(tx, viewer, {
      action: TeamAuditAction.LEAVE,
      targetType: TeamAuditTarget.TEAM,
      targetId: team.id,
      area: team.area.getEntity(),
      at: now,
      before: { memberId: viewer.id, status },
      after: { memberId: viewer.id, status: membership.status },
    });
    return membership;
  });
}

/** setTeamRole: a leader or staff makes an approved member a leader or back; the last leader stays one. */
export async function setTeamRole(
  em: EntityManager,
  viewer: Viewer,
  args: { membershipId: string; role: TeamRole },
  clock: Clock = systemClock,
): Promise<TeamMembership> {
  const now = clock();
  return em.transactional(async (tx) => {
    const { team, membership } = await lockedMembership(tx, viewer, args.membershipId);
    if (membership.status !== TeamMembershipStatus.APPROVED) throw invalidState({ status: membership.status });
    if (membership.role === args.role) return membership;
    if (
      args.role === TeamRole.MEMBER &&
      isLastLeader({ membership, leaderCount: (await leaderIdsOf(tx, team.id)).length })
    ) {
      throw lastLeader(membership.status);
    }
    const before = membership.role;
    membership.role = args.role;
    await tx.flush();
    recordAudit(tx, viewer, {
      action: TeamAuditAction.SET_ROLE,
      targetType: TeamAuditTarget.TEAM,
      targetId: team.id,
      area: team.area.getEntity(),
      at: now,
      before: { memberId: membership.user.id, role: before },
      after: { memberId: membership.user.id, role: membership.role },
    });
    return membership;
  });
}
