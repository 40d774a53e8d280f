import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Area } from '../areas/area.entity.js';
import { mayRunMeetings } from '../meetings/meetings.access.js';
import { Notification } from '../notifications/notification.entity.js';
import { User } from '../people/user.entity.js';
import { CurrentViewer } from '../platform/auth/auth-checker.js';
import { Role } from '../platform/auth/roles.js';
import type { Viewer } from '../platform/auth/viewer.js';
import type { Context } from '../platform/context.js';
import { findById } from '../platform/ids.js';
import { requestLoader } from '../platform/loaders.js';
import { RateLimited } from '../platform/rate-limit.js';
import { Unit } from '../units/unit.entity.js';
import { Committee, CommitteeMember } from './committee.entity.js';
import { mayManageCommittees } from './committees.access.js';
import { CommitteeAction } from './committees.enums.js';
import { AddCommitteeMemberInput, CreateCommitteeInput } from './committees.inputs.js';
import { COMMITTEE_CREATE_RATE_LIMIT } from './committees.limits.js';
import { committeeActions, isActive } from './committees.rules.js';
import {
  addCommitteeMember,
  COMMITTEE_SUBJECT,
  committeesOfPeople,
  createCommittee,
  listCommittees,
  membersOf,
  removeCommitteeMember,
} from './committees.service.js';

const membersOfCommittees = (ctx: Context) =>
  requestLoader<number, CommitteeMember[]>(ctx, 'committeeMembers', (ids) => membersOf(ctx.em, ids));

const committeesOfUsers = (ctx: Context) =>
  requestLoader<number, Committee[]>(ctx, 'userCommittees', (ids) => committeesOfPeople(ctx.em, ids));

@Resolver(() => Committee)
export class CommitteesResolver {
  @Query(() => [Committee], { description: 'Committees on the area and in its subtree, newest term first (public)' })
  committees(@Arg('areaId', () => ID) areaId: string, @Ctx() { em }: Context) {
    return listCommittees(em, areaId);
  }

  @Query(() => Committee, { nullable: true })
  committee(@Arg('id', () => ID) id: string, @Ctx() { em }: Context) {
    return findById(em, Committee, id);
  }

  @Query(() => [Committee], { description: 'Committees the viewer is a member of' })
  myCommittees(@Ctx() ctx: Context) {
    return ctx.viewer ? committeesOfUsers(ctx).load(ctx.viewer.id) : [];
  }

  @Authorized()
  @RateLimited(COMMITTEE_CREATE_RATE_LIMIT)
  @Mutation(() => Committee, { description: 'MANAGE_COMMITTEES over the area' })
  createCommittee(@Arg('input') input: CreateCommitteeInput, @CurrentViewer() viewer: Viewer, @Ctx() { em }: Context) {
    return createCommittee(em, viewer, input);
  }

  @Authorized()
  @Mutation(() => CommitteeMember, {
    description: 'MANAGE_COMMITTEES over the committee’s area; grants COMMITTEE_MEMBER there for the term',
  })
  addCommitteeMember(
    @Arg('input') input: AddCommitteeMemberInput,
    @CurrentViewer() viewer: Viewer,
    @Ctx() { em }: Context,
  ) {
    return addCommitteeMember(em, viewer, input);
  }

  @Authorized()
  @Mutation(() => Committee, { description: 'The membership’s id; MANAGE_COMMITTEES over the committee’s area' })
  removeCommitteeMember(@Arg('id', () => ID) id: string, @CurrentViewer() viewer: Viewer, @Ctx() { em }: Context) {
    return removeCommitteeMember(em, viewer, id);
  }

  @FieldResolver(() => Area)
  area(@Root() committee: Committee) {
    return committee.area.loadOrFail({ dataloader: true });
  }

  @FieldResolver(() => Boolean, { description: 'The term has begun and not ended' })
  active(@Root() committee: Committee) {
    return isActive(committee, new Date());
  }

  @FieldResolver(() => [CommitteeMember])
  members(@Root() committee: Committee, @Ctx() ctx: Context) {
    return membersOfCommittees(ctx).load(committee.id);
  }

  @FieldResolver(() => [CommitteeAction], {
    description: 'What the viewer may do with the committee, decided by the server',
  })
  availableActions(@Root() committee: Committee, @Ctx() { viewer }: Context) {
    const area = { path: committee.areaPath };
    return committeeActions({
      managesCommittees: !!viewer && mayManageCommittees(viewer, area),
      runsMeetings: !!viewer && mayRunMeetings(viewer, area),
    });
  }
}

@Resolver(() => CommitteeMember)
export class CommitteeMemberResolver {
  @FieldResolver(() => User)
  user(@Root() member: CommitteeMember) {
    return member.user.loadOrFail({ dataloader: true });
  }

  @FieldResolver(() => Unit, { nullable: true, description: 'A part-time member’s unit (兼职委员)' })
  unit(@Root() member: CommitteeMember) {
    return member.unit?.load({ dataloader: true }) ?? null;
  }
}

@Resolver(() => User)
export class UserCommitteesResolver {
  @FieldResolver(() => [Committee], {
    description: 'Committees the person is a member of (for themselves and staff over their home)',
  })
  async committees(@Root() user: User, @Ctx() ctx: Context) {
    const viewer = ctx.viewer;
    if (!viewer) return [];
    if (viewer.id !== user.id) {
      const home = await user.homeArea?.load({ dataloader: true });
      if (!home || !viewer.hasRoleOver([Role.STAFF, Role.ADMIN], home.path)) return [];
    }
    return committeesOfUsers(ctx).load(user.id);
  }
}

@Resolver(() => Notification)
export class NotificationCommitteeResolver {
  @FieldResolver(() => Committee, { nullable: true, description: 'The committee it is about (COMMITTEE_MEMBER_ADDED)' })
  committee(@Root() notification: Notification, @Ctx() ctx: Context): Promise<Committee | null> | null {
    if (notification.subjectType !== COMMITTEE_SUBJECT || !notification.subjectId) return null;
    return requestLoader<number, Committee | null>(ctx, 'notificationCommittee', async (ids) => {
      const rows = await ctx.em.find(Committee, { id: { $in: [...ids] } });
      return ids.map((id) => rows.find((row) => row.id === id) ?? null);
    }).load(notification.subjectId);
  }
}
