import {
  Arg,
  Args,
  Authorized,
  Ctx,
  FieldResolver,
  ID,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { mayOrganiseActivities } from '../activities/activities.access.js';
import { Area } from '../areas/area.entity.js';
import { Notification } from '../notifications/notification.entity.js';
import { seenThrough } from '../people/people.access.js';
import { User } from '../people/user.entity.js';
import { CurrentViewer } from '../platform/auth/auth-checker.js';
import type { Viewer } from '../platform/auth/viewer.js';
import type { Context } from '../platform/context.js';
import { findById } from '../platform/ids.js';
import { requestLoader } from '../platform/loaders.js';
import { Connection, paginate } from '../platform/pagination.js';
import { Todos } from '../todos/todos.type.js';
import { mayManageVolunteers } from '../volunteers/volunteers.access.js';
import { Team, TeamMembership } from './team.entity.js';
import { TeamAction, TeamMembershipStatus, TeamRole } from './teams.enums.js';
import { CreateTeamInput, DeclineTeamMemberArgs, SetTeamRoleArgs, TeamMembersArgs, TeamsArgs } from './teams.inputs.js';
import { teamActions } from './teams.rules.js';
import {
  createTeam,
  decideTeamMember,
  isActiveVolunteer,
  joinTeam,
  leaveTeam,
  listTeams,
  setTeamRole,
  TEAM_SUBJECT,
} from './teams.service.js';

@ObjectType()
class TeamConnection extends Connection(Team) {}

@ObjectType()
class TeamMembershipConnection extends Connection(TeamMembership) {}

const EMPTY_PAGE = { edges: [], pageInfo: { hasNextPage: false, endCursor: null }, totalCount: 0 };

/** The approved leaders of a page of teams, one query. */
const leadersOf = (ctx: Context) =>
  requestLoader<number, TeamMembership[]>(ctx, 'teamLeaders', async (teamIds) => {
    const rows = await ctx.em.find(
      TeamMembership,
      { team: { $in: [...teamIds] }, role: TeamRole.LEADER, status: TeamMembershipStatus.APPROVED },
      { orderBy: { id: 'asc' }, populate: ['user'] },
    );
    return teamIds.map((id) => rows.filter((row) => row.team.id === id));
  });

/** The viewer's own membership of a page of teams, one query. */
const viewerMembershipOf = (ctx: Context, teamId: number) =>
  requestLoader<number, TeamMembership | null>(ctx, 'teamViewerMembership', async (teamIds) => {
    const rows = await ctx.em.find(TeamMembership, { team: { $in: [...teamIds] }, user: ctx.viewer!.id });
    return teamIds.map((id) => rows.find((row) => row.team.id === id) ?? null);
  }).load(teamId);

/** Whether the viewer leads the team (approved leader). */
const leads = async (ctx: Context, team: Team) =>
  (await leadersOf(ctx).load(team.id)).some((m) => m.user.id === ctx.viewer?.id);

@Resolver(() => Team)
export class TeamsResolver {
  @Query(() => TeamConnection, { description: "teams of the area's subtree; public" })
  teams(@Args() args: TeamsArgs, @Ctx() { em }: Context) {
    return listTeams(em, args);
  }

  @Query(() => Team, { nullable: true })
  team(@Arg('id', () => ID) id: string, @Ctx() { em }: Context) {
    return findById(em, Team, id);
  }

  @Authorized()
  @Mutation(() => Team, { description: 'MANAGE_VOLUNTEERS over the area' })
  createTeam(@Arg('input') input: CreateTeamInput, @CurrentViewer() viewer: Viewer, @Ctx() { em }: Context) {
    return createTeam(em, viewer, input);
  }

  @Authorized()
  @Mutation(() => TeamMembership, { description: 'an ACTIVE volunteer; a request a leader approves' })
  joinTeam(@Arg('teamId', () => ID) teamId: string, @CurrentViewer() viewer: Viewer, @Ctx() { em }: Context) {
    return joinTeam(em, viewer, teamId);
  }

  @Authorized()
  @Mutation(() => TeamMembership, { description: 'a leader of the team or staff over its area' })
  approveTeamMember(
    @Arg('membershipId', () => ID) membershipId: string,
    @CurrentViewer() viewer: Viewer,
    @Ctx() { em }: Context,
  ) {
    return decideTeamMember(em, viewer, { membershipId, approve: true });
  }

  @Authorized()
  @Mutation(() => TeamMembership)
  declineTeamMember(@Args() args: DeclineTeamMemberArgs, @CurrentViewer() viewer: Viewer, @Ctx() { em }: Context) {
    return decideTeamMember(em, viewer, { ...args, approve: false });
  }

  @Authorized()
  @Mutation(() => TeamMembership, { description: 'the member; the last leader cannot leave' })
  leaveTeam(@Arg('teamId', () => ID) teamId: string, @CurrentViewer() viewer: Viewer, @Ctx() { em }: Context) {
    return leaveTeam(em, viewer, teamId);
  }

  @Authorized()
  @Mutation(() => TeamMembership, { description: 'a leader or staff: make an approved member a leader or back' })
  setTeamRole(@Args() args: SetTeamRoleArgs, @CurrentViewer() viewer: Viewer, @Ctx() { em }: Context) {
    return setTeamRole(em, viewer, args);
  }

  @FieldResolver(() => Area)
  area(@Root() team: Team) {
    return team.area.loadOrFail({ dataloader: true });
  }

  @FieldResolver(() => [User], { description: 'Named in full to anyone: leading a team is a public role' })
  async leaders(@Root() team: Team, @Ctx() ctx: Context) {
    return (await leadersOf(ctx).load(team.id)).map((membership) =>
      seenThrough(membership.user.getEntity(), { name: true, phone: false }),
    );
  }

  @FieldResolver(() => TeamMembership, { nullable: true })
  viewerMembership(@Root() team: Team, @Ctx() ctx: Context) {
    return ctx.viewer ? viewerMembershipOf(ctx, team.id) : null;
  }

  @FieldResolver(() => TeamMembershipConnection, {
    description: 'Approved members to anyone signed in; requests too for leaders and staff',
  })
  async members(@Root() team: Team, @Args() { statuses, ...page }: TeamMembersArgs, @Ctx() ctx: Context) {
    if (!ctx.viewer) return EMPTY_PAGE;
    const decides = mayManageVolunteers(ctx.viewer, { path: team.areaPath }) || (await leads(ctx, team));
    // Others see approved members only, whatever they ask for.
    const wanted = decides
      ? statuses
      : (statuses ?? [TeamMembershipStatus.APPROVED]).filter((s) => s === TeamMembershipStatus.APPROVED);
    if (!decides && wanted?.length === 0) return EMPTY_PAGE;
    return paginate(
      ctx.em,
      TeamMembership,
      { team: team.id, ...(wanted?.length ? { status: { $in: wanted } } : {}) },
      page,
      { orderBy: { id: 'asc' }, populate: ['user'] },
    );
  }

  @FieldResolver(() => [TeamAction])
  async availableActions(@Root() team: Team, @Ctx() ctx: Context) {
    const viewer = ctx.viewer;
    if (!viewer) return [];
    const active = await requestLoader<number, boolean>(ctx, 'viewerActiveVolunteer', (ids) =>
      Promise.all(ids.map((id) => isActiveVolunteer(ctx.em, id))),
    ).load(viewer.id);
    const membership = await viewerMembershipOf(ctx, team.id);
    return teamActions({
      activeVolunteer: active,
      membership,
      manages: mayManageVolunteers(viewer, { path: team.areaPath }),
      organises: mayOrganiseActivities(viewer, { path: team.areaPath }),
      leaderCount: (await leadersOf(ctx).load(team.id)).length,
    });
  }
}

@Resolver(() => TeamMembership)
export class TeamMembershipResolver {
  @FieldResolver(() => Team)
  team(@Root() membership: TeamMembership) {
    return membership.team.loadOrFail({ dataloader: true });
  }

  @FieldResolver(() => User)
  user(@Root() membership: TeamMembership) {
    return membership.user.loadOrFail({ dataloader: true });
  }
}

@Resolver(() => Todos)
export class TeamTodosResolver {
  @FieldResolver(() => Int, { description: 'join requests to teams the viewer leads' })
  teamRequestsToApprove(@Ctx() { em, viewer }: Context) {
    if (!viewer) return 0;
    const led = em
      .createQueryBuilder(TeamMembership, 'l')
      .select('l.team')
      .where({ user: viewer.id, role: TeamRole.LEADER, status: TeamMembershipStatus.APPROVED });
    return em.count(TeamMembership, { status: TeamMembershipStatus.REQUESTED, team: { $in: led } });
  }
}

/** Notification.team: the team it is about (TEAM_JOIN_REQUESTED, TEAM_MEMBER_APPROVED/DECLINED), batched; teams are public. */
@Resolver(() => Notification)
export class NotificationTeamResolver {
  @FieldResolver(() => Team, {
    nullable: true,
    description: 'The team the notification is about (TEAM_JOIN_REQUESTED, TEAM_MEMBER_APPROVED, TEAM_MEMBER_DECLINED)',
  })
  async team(@Root() notification: Notification, @Ctx() ctx: Context): Promise<Team | null> {
    if (notification.subjectType !== TEAM_SUBJECT || !notification.subjectId) return null;
    return requestLoader<number, Team | null>(ctx, 'notificationTeam', async (ids) => {
      const rows = await ctx.em.find(Team, { id: { $in: [...ids] } });
      return ids.map((id) => rows.find((row) => row.id === id) ?? null);
    }).load(notification.subjectId);
  }
}
