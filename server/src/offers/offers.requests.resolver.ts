import {
  Arg,
  Args,
  Authorized,
  Ctx,
  FieldResolver,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { Need } from '../needs/need.entity.js';
import { canSee } from '../needs/needs.access.js';
import { Notification } from '../notifications/notification.entity.js';
import { User } from '../people/user.entity.js';
import type { Context } from '../platform/context.js';
import { requestLoader } from '../platform/loaders.js';
import { Connection } from '../platform/pagination.js';
import { RateLimited } from '../platform/rate-limit.js';
import { Project } from '../projects/project.entity.js';
import { Todos } from '../todos/todos.type.js';
import { Unit } from '../units/unit.entity.js';
import { PledgeRequest, Resource, Service } from './offer.entity.js';
import { PledgeRequestAction } from './offers.enums.js';
import { DeclinePledgeRequestArgs, PledgeRequestsArgs, RequestPledgeInput } from './offers.inputs.js';
import { PLEDGE_REQUEST_RATE_LIMIT } from './offers.limits.js';
import {
  canSeeRequest,
  countOpenRequests,
  declinePledgeRequest,
  isAsked,
  listPledgeRequests,
  PLEDGE_REQUEST_SUBJECT,
  requestPledge,
} from './offers.requests.js';
import { pledgeRequestActions } from './offers.rules.js';

@ObjectType()
export class PledgeRequestConnection extends Connection(PledgeRequest) {}

@Resolver(() => PledgeRequest)
export class PledgeRequestsResolver {
  @Authorized()
  @Query(() => PledgeRequestConnection, {
    description: 'Requests to the viewer’s units and to the viewer; staff see those of their areas',
  })
  pledgeRequests(@Args() { filter, ...page }: PledgeRequestsArgs, @Ctx() ctx: Context) {
    return listPledgeRequests(ctx, filter, page);
  }

  @Authorized()
  @RateLimited(PLEDGE_REQUEST_RATE_LIMIT)
  @Mutation(() => PledgeRequest, {
    description: 'Turns a suggested match into a request to the unit (or person) in one step',
  })
  requestPledge(@Arg('input') input: RequestPledgeInput, @Ctx() ctx: Context) {
    return requestPledge(ctx, input);
  }

  @Authorized()
  @Mutation(() => PledgeRequest, { description: 'By the one asked (a representative of the unit, or the person)' })
  declinePledgeRequest(@Args() { id, reason }: DeclinePledgeRequestArgs, @Ctx() ctx: Context) {
    return declinePledgeRequest(ctx, id, reason);
  }

  @FieldResolver(() => Need, {
    nullable: true,
    description: 'Null when about a project, or a need the viewer may not see',
  })
  async need(@Root() request: PledgeRequest, @Ctx() { viewer }: Context) {
    const need = await request.need?.load({ dataloader: true });
    return need && canSee(viewer, need) ? need : null;
  }

  @FieldResolver(() => Project, { nullable: true })
  project(@Root() request: PledgeRequest) {
    return request.project?.load({ dataloader: true }) ?? null;
  }

  @FieldResolver(() => Resource, { nullable: true })
  resource(@Root() request: PledgeRequest) {
    return request.resource?.load({ dataloader: true }) ?? null;
  }

  @FieldResolver(() => Service, { nullable: true })
  service(@Root() request: PledgeRequest) {
    return request.service?.load({ dataloader: true }) ?? null;
  }

  @FieldResolver(() => Unit, { nullable: true, description: 'Who is asked: the unit, or the person (unit null)' })
  unit(@Root() request: PledgeRequest) {
    return request.unit?.load({ dataloader: true }) ?? null;
  }

  @FieldResolver(() => User, { nullable: true })
  person(@Root() request: PledgeRequest) {
    return request.person?.load({ dataloader: true }) ?? null;
  }

  @FieldResolver(() => User)
  requestedBy(@Root() request: PledgeRequest) {
    return request.requestedBy.loadOrFail({ dataloader: true });
  }

  @FieldResolver(() => [PledgeRequestAction])
  async availableActions(@Root() request: PledgeRequest, @Ctx() ctx: Context) {
    return pledgeRequestActions(request.status, await isAsked(ctx, request));
  }
}

@Resolver(() => Todos)
export class OffersTodosResolver {
  @FieldResolver(() => Int, { description: 'Open requests to pledge, to the viewer or the viewer’s units' })
  pledgeRequests(@Ctx() ctx: Context) {
    return countOpenRequests(ctx);
  }
}

/** Notification.pledgeRequest: batched per request; null when the reader may not see it. */
@Resolver(() => Notification)
export class NotificationPledgeRequestResolver {
  @FieldResolver(() => PledgeRequest, {
    nullable: true,
    description: 'The pledge request the notification is about (PLEDGE_REQUESTED)',
  })
  async pledgeRequest(@Root() notification: Notification, @Ctx() ctx: Context): Promise<PledgeRequest | null> {
    if (notification.subjectType !== PLEDGE_REQUEST_SUBJECT || !notification.subjectId) return null;
    const request = await requestLoader<number, PledgeRequest | null>(ctx, 'notificationPledgeRequest', async (ids) => {
      const found = await ctx.em.find(PledgeRequest, { id: { $in: [...ids] } });
      const byId = new Map(found.map((row) => [row.id, row]));
      return ids.map((id) => byId.get(id) ?? null);
    }).load(notification.subjectId);
    return request && (await canSeeRequest(ctx, request)) ? request : null;
  }
}
