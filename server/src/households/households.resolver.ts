import {
  Arg,
  Args,
  Authorized,
  Ctx,
  FieldResolver,
  ID,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { Area } from '../areas/area.entity.js';
import { User } from '../people/user.entity.js';
import { CurrentViewer } from '../platform/auth/auth-checker.js';
import type { Viewer } from '../platform/auth/viewer.js';
import type { Context } from '../platform/context.js';
import { requestLoader } from '../platform/loaders.js';
import { Connection } from '../platform/pagination.js';
import { RateLimited } from '../platform/rate-limit.js';
import { Household, HouseholdMember } from './household.entity.js';
import {
  HouseholdFloorAreaArgs,
  HouseholdMemberInput,
  HouseholdPersonArgs,
  HouseholdRepresentativeArgs,
  HouseholdsArgs,
  RegisterHouseholdInput,
} from './households.inputs.js';
import { HOUSEHOLD_REGISTER_RATE_LIMIT } from './households.limits.js';
import {
  findVisibleHousehold,
  listHouseholds,
  membersOf,
  myHouseholds,
  registerHousehold,
  removeHouseholdMember,
  setHouseholdFloorArea,
  setHouseholdMember,
  setHouseholdRepresentative,
} from './households.service.js';

@ObjectType()
class HouseholdConnection extends Connection(Household) {}

const membersOfHouseholds = (ctx: Context) =>
  requestLoader<number, HouseholdMember[]>(ctx, 'householdMembers', (ids) => membersOf(ctx.em, ids));

@Resolver(() => Household)
export class HouseholdsResolver {
  @Authorized()
  @Query(() => HouseholdConnection, { description: 'MANAGE_HOUSEHOLDS over the area: its buildings’ households' })
  households(@Args() args: HouseholdsArgs, @CurrentViewer() viewer: Viewer, @Ctx() { em }: Context) {
    return listHouseholds(em, viewer, args);
  }

  @Query(() => Household, { nullable: true, description: 'For its members and MANAGE_HOUSEHOLDS over its building' })
  household(@Arg('id', () => ID) id: string, @Ctx() { em, viewer }: Context) {
    return findVisibleHousehold(em, viewer, id);
  }

  @Query(() => [Household], { description: 'The households the viewer belongs to' })
  myHouseholds(@Ctx() { em, viewer }: Context) {
    return myHouseholds(em, viewer);
  }

  @Authorized()
  @RateLimited(HOUSEHOLD_REGISTER_RATE_LIMIT)
  @Mutation(() => Household, { description: 'MANAGE_HOUSEHOLDS over the building' })
  registerHousehold(
    @Arg('input') input: RegisterHouseholdInput,
    @CurrentViewer() viewer: Viewer,
    @Ctx() { em }: Context,
  ) {
    return registerHousehold(em, viewer, input);
  }

  @Authorized()
  @Mutation(() => Household, { description: 'Adds a member, or changes whether they own the flat and are adult' })
  setHouseholdMember(
    @Arg('input') input: HouseholdMemberInput,
    @CurrentViewer() viewer: Viewer,
    @Ctx() { em }: Context,
  ) {
    return setHouseholdMember(em, viewer, input);
  }

  @Authorized()
  @Mutation(() => Household, { description: 'Clears the representative if it was them' })
  removeHouseholdMember(
    @Args() { householdId, userId }: HouseholdPersonArgs,
    @CurrentViewer() viewer: Viewer,
    @Ctx() { em }: Context,
  ) {
    return removeHouseholdMember(em, viewer, householdId, userId);
  }

  @Authorized()
  @Mutation(() => Household, { description: 'An adult member; null clears it' })
  setHouseholdRepresentative(
    @Args() { householdId, userId }: HouseholdRepresentativeArgs,
    @CurrentViewer() viewer: Viewer,
    @Ctx() { em }: Context,
  ) {
    return setHouseholdRepresentative(em, viewer, householdId, userId);
  }

  @Authorized()
  @Mutation(() => Household)
  setHouseholdFloorArea(
    @Args() { householdId, floorArea }: HouseholdFloorAreaArgs,
    @CurrentViewer() viewer: Viewer,
    @Ctx() { em }: Context,
  ) {
    return setHouseholdFloorArea(em, viewer, householdId, floorArea);
  }

  @FieldResolver(() => Area, { description: 'The building (楼栋) it is in' })
  building(@Root() household: Household) {
    return household.area.loadOrFail({ dataloader: true });
  }

  @FieldResolver(() => User, {
    nullable: true,
    description: '户代表: casts the household’s ballot in a HOUSEHOLDS electorate',
  })
  representative(@Root() household: Household) {
    return household.representative?.load({ dataloader: true }) ?? null;
  }

  @FieldResolver(() => [HouseholdMember])
  members(@Root() household: Household, @Ctx() ctx: Context) {
    return membersOfHouseholds(ctx).load(household.id);
  }
}

@Resolver(() => HouseholdMember)
export class HouseholdMemberResolver {
  @FieldResolver(() => User)
  user(@Root() member: HouseholdMember) {
    return member.user.loadOrFail({ dataloader: true });
  }
}
