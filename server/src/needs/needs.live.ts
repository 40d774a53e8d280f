import { filter, pipe } from '@graphql-yoga/subscription';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Arg, Ctx, ID, Resolver, Root, Subscription } from 'type-graphql';
import { idsOnPath } from '../platform/scope.js';
import { getArea } from '../areas/areas.service.js';
import type { Context } from '../platform/context.js';
import type { EventBus } from '../platform/events.js';
import { Need } from './need.entity.js';
import { canSee } from './needs.access.js';
import { unitIdsOf } from '../units/units.access.js';

const NEED_CHANGED = 'NEED_CHANGED';

/** What travels between instances: which need and where it lies, nothing private. */
export interface NeedChange {
  needId: number;
  areaPath: string;
}

/**
 * Tells the subscribers of every area on the need's path (its street, community, grid,
 * building) that it was raised or changed. Call after the transaction has committed, so
 * a subscriber reading the need sees the change.
 */
export function publishNeedChange(events: EventBus, need: { id: number; areaPath: string }): void {
  const change: NeedChange = { needId: need.id, areaPath: need.areaPath };
  for (const areaId of idsOnPath(need.areaPath)) events.publish(NEED_CHANGED, areaId, change);
}

/**
 * The need as committed, read once per event on this instance and shared by every
 * subscriber the event reaches (they all get the same payload object): with 200
 * subscribers that is one read instead of 200, and their nested fields batch together.
 * Each subscriber still decides with its own viewer what it may see.
 */
const needsByChange = new WeakMap<NeedChange, Promise<Need | null>>();

function freshNeed(change: NeedChange, em: EntityManager): Promise<Need | null> {
  let need = needsByChange.get(change);
  if (!need) {
    need = em.fork().findOne(Need, change.needId);
    needsByChange.set(change, need);
  }
  return need;
}

/** For the resolvers: publishes, then hands the need back. */
export function published<T extends Need>(ctx: Context, need: T): T {
  publishNeedChange(ctx.events, need);
  return need;
}

@Resolver()
export class NeedsLiveResolver {
  @Subscription(() => Need, {
    description:
      'A need in the area’s subtree was raised or changed. You get only those you may see: public ones, your own, ' +
      'those assigned to you, and all in the areas where you are staff or grid worker.',
    subscribe: async ({ args, context }) => {
      const ctx = context as Context;
      const area = await getArea(ctx.em, (args as { areaId: string }).areaId);
      return pipe(
        ctx.events.subscribe(NEED_CHANGED, area.id) as AsyncIterable<NeedChange>,
        filter(async (change: NeedChange) => {
          const need = await freshNeed(change, ctx.em);
          if (need === null) return false;
          if (canSee(ctx.viewer, need)) return true;
          // A unit's representatives see its needs. Their units are those of when the socket opened:
          // adding or removing a representative changes their roles, which reconnects the socket.
          return !!need.assigneeUnit && canSee(ctx.viewer, need, unitIdsOf(ctx.viewer));
        }),
      );
    },
  })
  async needChanged(
    @Arg('areaId', () => ID) _areaId: string,
    @Root() change: NeedChange,
    @Ctx() { em }: Context,
  ): Promise<Need> {
    // Read after the event arrived, in a fork of its own: never a copy cached from an earlier event.
    const need = await freshNeed(change, em);
    if (!need) throw new Error(`need ${change.needId} passed the filter but is gone`);
    return need;
  }
}
