import type { Context } from '../platform/context.js';
import { requestLoader } from '../platform/loaders.js';
import { unitIdsOf } from '../units/units.access.js';
import { Pledge } from './pledge.entity.js';
import { visiblePledges } from './pledges.visibility.js';

/** Visible pledges by id, one query for all asked in a request (Notification.pledge, PledgeRequest.pledge). */
export async function pledgeById(ctx: Context, id: number): Promise<Pledge | null> {
  const unitIds = unitIdsOf(ctx.viewer);
  return requestLoader<number, Pledge | null>(ctx, 'pledgeById', async (ids) => {
    const pledges = await ctx.em.find(Pledge, {
      $and: [{ id: { $in: [...ids] } }, visiblePledges(ctx.viewer, unitIds)],
    });
    const byId = new Map(pledges.map((pledge) => [pledge.id, pledge]));
    return ids.map((key) => byId.get(key) ?? null);
  }).load(id);
}

/** The visible pledges to each need or project asked for in a request, oldest first: one query for the page. */
export async function pledgesOf(ctx: Context, target: 'need' | 'project', id: number): Promise<Pledge[]> {
  const unitIds = unitIdsOf(ctx.viewer);
  return requestLoader<number, Pledge[]>(ctx, `pledgesOf:${target}`, async (ids) => {
    const pledges = await ctx.em.find(
      Pledge,
      { $and: [{ [target]: { $in: [...ids] } }, visiblePledges(ctx.viewer, unitIds)] },
      { orderBy: { createdAt: 'asc', id: 'asc' } },
    );
    return ids.map((key) => pledges.filter((pledge) => pledge[target]?.id === key));
  }).load(id);
}

/** The pledge answering each request asked for: one query for the page. */
export async function pledgeAnswering(ctx: Context, requestId: number): Promise<Pledge | null> {
  const unitIds = unitIdsOf(ctx.viewer);
  return requestLoader<number, Pledge | null>(ctx, 'pledgeAnswering', async (ids) => {
    const pledges = await ctx.em.find(Pledge, {
      $and: [{ request: { $in: [...ids] } }, visiblePledges(ctx.viewer, unitIds)],
    });
    return ids.map((key) => pledges.find((pledge) => pledge.request?.id === key) ?? null);
  }).load(requestId);
}
