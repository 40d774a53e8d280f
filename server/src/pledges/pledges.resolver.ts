import {
  Arg,
  Args,
  ArgsType,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  ID,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { photoUrls } from '../media/media.storage.js';
import { Need } from '../needs/need.entity.js';
import { canSee } from '../needs/needs.access.js';
import { PledgeRequest, Resource } from '../offers/offer.entity.js';
import { User } from '../people/user.entity.js';
import { CurrentViewer } from '../platform/auth/auth-checker.js';
import type { Viewer } from '../platform/auth/viewer.js';
import type { Context } from '../platform/context.js';
import { toId } from '../platform/ids.js';
import { requestLoader } from '../platform/loaders.js';
import { Connection, PageArgs } from '../platform/pagination.js';
import { RateLimited } from '../platform/rate-limit.js';
import { Project } from '../projects/project.entity.js';
import { Unit } from '../units/unit.entity.js';
import { unitIdsOf } from '../units/units.access.js';
import { CommitmentPhoto, Pledge } from './pledge.entity.js';
import { mayConfirmPledges } from './pledges.access.js';
import { PledgeAction, PledgeStatus } from './pledges.enums.js';
import { ConfirmPledgeArgs, PledgeInput, PledgesArgs, WithdrawPledgeArgs } from './pledges.inputs.js';
import { PLEDGE_RATE_LIMIT } from './pledges.limits.js';
import { pledgeAnswering, pledgeById, pledgesOf } from './pledges.loaders.js';
import { listPledges } from './pledges.queries.js';
import { isOverdue, pledgeActions } from './pledges.rules.js';
import { confirmPledge, makePledge, withdrawPledge } from './pledges.service.js';
import { isPledger } from './pledges.visibility.js';

@ObjectType()
export class PledgeConnection extends Connection(Pledge) {}

@ObjectType({ description: 'Evidence of a pledge’s outcome' })
class PledgePhoto {
  @Field(() => ID)
  id: string;

  @Field()
  url: string;

  @Field()
  thumbnailUrl: string;

  @Field(() => Int)
  width: number;

  @Field(() => Int)
  height: number;
}

@ArgsType()
class UnitPledgesArgs extends PageArgs {
  @Field(() => [PledgeStatus], { nullable: true })
  statuses?: PledgeStatus[];
}

const toPhoto = (photo: CommitmentPhoto): PledgePhoto => ({
  id: String(photo.id),
  ...photoUrls(photo.storageKey),
  width: photo.width,
  height: photo.height,
});

@Resolver(() => Pledge)
export class PledgesResolver {
  @Query(() => PledgeConnection, {
    description:
      'Pledges to projects and to needs you may see, your own and your units’, and all in the areas where you confirm them',
  })
  pledges(@Args() { filter, ...page }: PledgesArgs, @Ctx() ctx: Context) {
    // A null filter reads as no filter.
    return listPledges(ctx, filter ?? undefined, page);
  }

  @Query(() => Pledge, { nullable: true, description: 'Null when it does not exist or is not yours to see' })
  pledge(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    const pledgeId = toId(id);
    return pledgeId === null ? null : pledgeById(ctx, pledgeId);
  }

  @Authorized()
  @RateLimited(PLEDGE_RATE_LIMIT)
  @Mutation(() => Pledge, {
    name: 'pledge',
    description: '认领: as a unit (its representative) or as yourself, to a need or a project',
  })
  makePledge(@Arg('input') input: PledgeInput, @CurrentViewer() viewer: Viewer, @Ctx() ctx: Context) {
    return makePledge(ctx, viewer, input);
  }

  @Authorized()
  @Mutation(() => Pledge, {
    description:
      'Staff over the area, never the pledger: FULFILLED, PARTIAL (quantityDelivered) or NOT_FULFILLED; photos uploaded to /uploads/commitment-photos',
  })
  confirmPledge(@Args() args: ConfirmPledgeArgs, @CurrentViewer() viewer: Viewer, @Ctx() ctx: Context) {
    return confirmPledge(ctx, viewer, args);
  }

  @Authorized()
  @Mutation(() => Pledge)
  withdrawPledge(@Args() { id, reason }: WithdrawPledgeArgs, @CurrentViewer() viewer: Viewer, @Ctx() ctx: Context) {
    return withdrawPledge(ctx, viewer, id, reason);
  }

  @FieldResolver(() => Need, { nullable: true, description: 'Null for a project, or a need you may not see' })
  async need(@Root() pledge: Pledge, @Ctx() ctx: Context) {
    const need = await pledge.need?.load({ dataloader: true });
    return need && canSee(ctx.viewer, need, unitIdsOf(ctx.viewer)) ? need : null;
  }

  @FieldResolver(() => Project, { nullable: true })
  project(@Root() pledge: Pledge) {
    return pledge.project?.load({ dataloader: true }) ?? null;
  }

  @FieldResolver(() => Unit, { nullable: true, description: 'The unit pledging; null for a person’s own pledge' })
  unit(@Root() pledge: Pledge) {
    return pledge.unit?.load({ dataloader: true }) ?? null;
  }

  @FieldResolver(() => User, { description: 'Who made it (phone masked by the usual rule)' })
  pledgedBy(@Root() pledge: Pledge) {
    return pledge.pledgedBy.loadOrFail({ dataloader: true });
  }

  @FieldResolver(() => Resource, { nullable: true })
  resource(@Root() pledge: Pledge) {
    return pledge.resource?.load({ dataloader: true }) ?? null;
  }

  @FieldResolver(() => PledgeRequest, { nullable: true })
  request(@Root() pledge: Pledge) {
    return pledge.request?.load({ dataloader: true }) ?? null;
  }

  @FieldResolver(() => User, { nullable: true })
  settledBy(@Root() pledge: Pledge) {
    return pledge.settledBy?.load({ dataloader: true }) ?? null;
  }

  @FieldResolver(() => Boolean, { description: 'PLEDGED and past dueAt' })
  overdue(@Root() pledge: Pledge) {
    return isOverdue(pledge, new Date());
  }

  @FieldResolver(() => [PledgePhoto], { description: 'Evidence of the outcome' })
  async photos(@Root() pledge: Pledge, @Ctx() ctx: Context) {
    const photos = await requestLoader<number, CommitmentPhoto[]>(ctx, 'pledgePhotos', async (ids) => {
      const rows = await ctx.em.find(CommitmentPhoto, { pledge: { $in: [...ids] } }, { orderBy: { id: 'asc' } });
      return ids.map((id) => rows.filter((row) => row.pledge?.id === id));
    }).load(pledge.id);
    return photos.map(toPhoto);
  }

  @FieldResolver(() => [PledgeAction], { description: 'What the viewer may do with the pledge now' })
  async availableActions(@Root() pledge: Pledge, @Ctx() ctx: Context) {
    if (!ctx.viewer) return [];
    return pledgeActions(pledge.status, {
      isPledger: isPledger(ctx.viewer, pledge, unitIdsOf(ctx.viewer)),
      mayConfirm: mayConfirmPledges(ctx.viewer, { path: pledge.areaPath }),
    });
  }
}

@Resolver(() => Need)
export class NeedPledgesResolver {
  @FieldResolver(() => [Pledge], { description: 'Pledges to the need, oldest first (withdrawn ones included)' })
  pledges(@Root() need: Need, @Ctx() ctx: Context) {
    return pledgesOf(ctx, 'need', need.id);
  }
}

@Resolver(() => Project)
export class ProjectPledgesResolver {
  @FieldResolver(() => [Pledge], { description: 'Pledges to the project, oldest first (withdrawn ones included)' })
  pledges(@Root() project: Project, @Ctx() ctx: Context) {
    return pledgesOf(ctx, 'project', project.id);
  }
}

@Resolver(() => Unit)
export class UnitPledgesResolver {
  @FieldResolver(() => PledgeConnection, { description: 'The unit’s pledges you may see, newest first' })
  pledges(@Root() unit: Unit, @Args() { statuses, ...page }: UnitPledgesArgs, @Ctx() ctx: Context) {
    return listPledges(ctx, { unitId: String(unit.id), statuses }, page);
  }
}

@Resolver(() => PledgeRequest)
export class PledgeRequestPledgeResolver {
  @FieldResolver(() => Pledge, { nullable: true, description: 'The pledge that answered it' })
  pledge(@Root() request: PledgeRequest, @Ctx() ctx: Context) {
    return pledgeAnswering(ctx, request.id);
  }
}
