import {
  Arg,
  Args,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  Float,
  ID,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { Area } from '../areas/area.entity.js';
import { User } from '../people/user.entity.js';
import type { Context } from '../platform/context.js';
import { findById } from '../platform/ids.js';
import { requestLoader } from '../platform/loaders.js';
import { Connection, PageArgs } from '../platform/pagination.js';
import { RateLimited } from '../platform/rate-limit.js';
import { Unit } from '../units/unit.entity.js';
import { Resource, Service, ServiceSignup } from './offer.entity.js';
import { isOfferer, mayRequestFromAny, mayViewServiceSignups } from './offers.access.js';
import { ResourceAction, ServiceAction } from './offers.enums.js';
import {
  MatchesArgs,
  OfferResourceInput,
  PublishServiceInput,
  ResourcesArgs,
  ServicesArgs,
  SignUpArgs,
} from './offers.inputs.js';
import { OFFER_RATE_LIMIT, SIGNUP_RATE_LIMIT } from './offers.limits.js';
import { matchesForNeed, matchesForProject } from './offers.matches.js';
import { listResources, offerResource, servedAreasOf, withdrawResource } from './offers.resources.js';
import { quantityRemaining, resourceActions, serviceActions } from './offers.rules.js';
import {
  cancelServiceSignup,
  closeService,
  homePathOf,
  listServices,
  liveSignupsOf,
  publishService,
  signUpForService,
} from './offers.services.js';
import { isWithin } from '../platform/scope.js';
import { nestedPage } from './offers.pages.js';

@ObjectType()
export class ResourceConnection extends Connection(Resource) {}

@ObjectType()
export class ServiceConnection extends Connection(Service) {}

@ObjectType()
export class ServiceSignupConnection extends Connection(ServiceSignup) {}

@ObjectType({ description: 'When a service runs, every week' })
class ServiceSchedule {
  @Field(() => [Int], { description: 'ISO weekdays 1 (Monday) … 7 (Sunday)' })
  weekdays: number[];

  @Field({ description: 'Local time (Asia/Shanghai), 24-hour: 16:30' })
  startTime: string;

  @Field()
  endTime: string;
}

@ObjectType({ description: 'A resource or service that fits a need or project' })
class ResourceMatch {
  @Field(() => Resource, { nullable: true, description: 'Exactly one of resource and service' })
  resource: Resource | null;

  @Field(() => Service, { nullable: true })
  service: Service | null;

  @Field(() => Float, { description: '0..1, best first' })
  score: number;

  @Field({ description: 'Why it fits, in words, in the viewer’s language' })
  reason: string;
}

const servedAreas = (ctx: Context) =>
  requestLoader<number, Area[]>(ctx, 'resourceServedAreas', (ids) => servedAreasOf(ctx.em, ids));

@Resolver(() => Resource)
export class ResourcesResolver {
  @Query(() => ResourceConnection, { description: 'Resources are public' })
  resources(@Args() { filter, ...page }: ResourcesArgs, @Ctx() ctx: Context) {
    return listResources(ctx, filter, page);
  }

  @Query(() => Resource, { nullable: true })
  resource(@Arg('id', () => ID) id: string, @Ctx() { em }: Context) {
    return findById(em, Resource, id);
  }

  @Authorized()
  @RateLimited(OFFER_RATE_LIMIT)
  @Mutation(() => Resource, { description: 'As a unit (its representative) or as yourself, to areas of your street' })
  offerResource(@Arg('input') input: OfferResourceInput, @Ctx() ctx: Context) {
    return offerResource(ctx, input);
  }

  @Authorized()
  @Mutation(() => Resource, { description: 'The person offering it or a representative of its unit' })
  withdrawResource(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return withdrawResource(ctx, id);
  }

  @FieldResolver(() => Float, {
    nullable: true,
    description: 'quantity − pledged (open and delivered); null when not counted',
  })
  quantityRemaining(@Root() resource: Resource) {
    return quantityRemaining(resource);
  }

  @FieldResolver(() => Unit, { nullable: true, description: 'The unit offering it; null for a person’s own offer' })
  unit(@Root() resource: Resource) {
    return resource.unit?.load({ dataloader: true }) ?? null;
  }

  @FieldResolver(() => User, { description: 'The person offering it (for a unit: the representative who entered it)' })
  offeredBy(@Root() resource: Resource) {
    return resource.offeredBy.loadOrFail({ dataloader: true });
  }

  @FieldResolver(() => [Area], { description: 'The areas it serves (and their subtrees)' })
  areas(@Root() resource: Resource, @Ctx() ctx: Context) {
    return servedAreas(ctx).load(resource.id);
  }

  @FieldResolver(() => [ResourceAction])
  async availableActions(@Root() resource: Resource, @Ctx() ctx: Context) {
    const served = ctx.viewer ? (await servedAreas(ctx).load(resource.id)).map((area) => area.path) : [];
    return resourceActions(resource, {
      isOfferer: await isOfferer(ctx, resource, resource.offeredBy.id),
      mayRequest: mayRequestFromAny(ctx.viewer, served),
    });
  }
}

const viewerSignups = (ctx: Context) =>
  requestLoader<number, ServiceSignup | null>(ctx, 'serviceViewerSignup', (ids) => liveSignupsOf(ctx, ids));

/** VIEW_SERVICE_SIGNUPS over its area, or its provider (its unit's representatives). */
async function maySeeSignups(ctx: Context, service: Service): Promise<boolean> {
  if (!ctx.viewer) return false;
  return mayViewServiceSignups(ctx.viewer, { path: service.areaPath }) || isOfferer(ctx, service, service.provider.id);
}

@Resolver(() => Service)
export class ServicesResolver {
  @Query(() => ServiceConnection, { description: 'Services are public' })
  services(@Args() { filter, ...page }: ServicesArgs, @Ctx() ctx: Context) {
    return listServices(ctx, filter, page);
  }

  @Query(() => Service, { nullable: true })
  service(@Arg('id', () => ID) id: string, @Ctx() { em }: Context) {
    return findById(em, Service, id);
  }

  @Authorized()
  @RateLimited(OFFER_RATE_LIMIT)
  @Mutation(() => Service, { description: 'As a unit (its representative) or as yourself, in an area of your street' })
  publishService(@Arg('input') input: PublishServiceInput, @Ctx() ctx: Context) {
    return publishService(ctx, input);
  }

  @Authorized()
  @Mutation(() => Service, { description: 'The provider or a representative of its unit' })
  closeService(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return closeService(ctx, id);
  }

  @Authorized()
  @RateLimited(SIGNUP_RATE_LIMIT)
  @Mutation(() => ServiceSignup, { description: 'A resident of the area it serves, while places are left' })
  signUpForService(@Args() { serviceId, note }: SignUpArgs, @Ctx() ctx: Context) {
    return signUpForService(ctx, serviceId, note);
  }

  @Authorized()
  @Mutation(() => Boolean, { description: 'Your own sign-up; its place is free again' })
  cancelServiceSignup(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return cancelServiceSignup(ctx, id);
  }

  @FieldResolver(() => Unit, { nullable: true })
  unit(@Root() service: Service) {
    return service.unit?.load({ dataloader: true }) ?? null;
  }

  @FieldResolver(() => User, {
    description: 'The provider: the representative who published it, or the person offering it',
  })
  provider(@Root() service: Service) {
    return service.provider.loadOrFail({ dataloader: true });
  }

  @FieldResolver(() => Area)
  area(@Root() service: Service) {
    return service.area.loadOrFail({ dataloader: true });
  }

  @FieldResolver(() => ServiceSchedule)
  schedule(@Root() service: Service): ServiceSchedule {
    return { weekdays: service.weekdays, startTime: service.startTime, endTime: service.endTime };
  }

  @FieldResolver(() => Int)
  remaining(@Root() service: Service) {
    return Math.max(0, service.capacity - service.signupCount);
  }

  @FieldResolver(() => ServiceSignup, { nullable: true, description: 'The viewer’s live sign-up, if any' })
  viewerSignup(@Root() service: Service, @Ctx() ctx: Context) {
    return viewerSignups(ctx).load(service.id);
  }

  @FieldResolver(() => ServiceSignupConnection, {
    description:
      'For the provider, its unit’s representatives and staff over the area (VIEW_SERVICE_SIGNUPS); phones masked by the usual rule. Others: an empty connection',
  })
  async signups(@Root() service: Service, @Args() page: PageArgs, @Ctx() ctx: Context) {
    if (!(await maySeeSignups(ctx, service))) {
      return { edges: [], pageInfo: { hasNextPage: false, endCursor: null }, totalCount: 0 };
    }
    return nestedPage(ctx, 'serviceSignups', service.id, page);
  }

  @FieldResolver(() => [ServiceAction])
  async availableActions(@Root() service: Service, @Ctx() ctx: Context) {
    const home = ctx.viewer ? await homePathOf(ctx.viewer) : null;
    return serviceActions(service, {
      signedIn: !!ctx.viewer,
      isProvider: await isOfferer(ctx, service, service.provider.id),
      livesThere: !!home && isWithin(home, service.areaPath),
      hasLiveSignup: !!(await viewerSignups(ctx).load(service.id)),
      maySeeSignups: !!ctx.viewer && mayViewServiceSignups(ctx.viewer, { path: service.areaPath }),
    });
  }
}

@Resolver(() => ServiceSignup)
export class ServiceSignupResolver {
  @FieldResolver(() => Service)
  service(@Root() signup: ServiceSignup) {
    return signup.service.loadOrFail({ dataloader: true });
  }

  @FieldResolver(() => User, { description: 'The resident (phone masked by the usual rule)' })
  person(@Root() signup: ServiceSignup) {
    return signup.person.loadOrFail({ dataloader: true });
  }
}

@Resolver(() => Unit)
export class UnitOffersResolver {
  @FieldResolver(() => ResourceConnection, { description: 'What it offers now, the newest first' })
  resources(@Root() unit: Unit, @Args() page: PageArgs, @Ctx() ctx: Context) {
    return nestedPage(ctx, 'unitResources', unit.id, page);
  }

  @FieldResolver(() => ServiceConnection, { description: 'Its open services, the newest first' })
  services(@Root() unit: Unit, @Args() page: PageArgs, @Ctx() ctx: Context) {
    return nestedPage(ctx, 'unitServices', unit.id, page);
  }
}

@Resolver()
export class MatchesResolver {
  @Authorized()
  @Query(() => [ResourceMatch], {
    description:
      'Resources and services that fit a need the viewer may handle (HANDLE_NEEDS or REQUEST_PLEDGES), best first',
  })
  matchesForNeed(@Arg('needId', () => ID) needId: string, @Args() { first }: MatchesArgs, @Ctx() ctx: Context) {
    return matchesForNeed(ctx, needId, first);
  }

  @Authorized()
  @Query(() => [ResourceMatch])
  matchesForProject(
    @Arg('projectId', () => ID) projectId: string,
    @Args() { first }: MatchesArgs,
    @Ctx() ctx: Context,
  ) {
    return matchesForProject(ctx, projectId, first);
  }
}
