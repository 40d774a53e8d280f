import { UniqueConstraintViolationException, type FilterQuery } from '@mikro-orm/postgresql';
import { levelsOf, communityPathOf } from '../areas/area-levels.js';
import { getArea } from '../areas/areas.service.js';
import { recordAudit } from '../audit/audit.service.js';
import type { Viewer } from '../platform/auth/viewer.js';
import { systemClock, type Clock } from '../platform/clock.js';
import type { Context } from '../platform/context.js';
import { badInput, conflict, forbidden, invalidState, notFound } from '../platform/errors.js';
import { once } from '../platform/idempotency.js';
import { containing, findById, toId } from '../platform/ids.js';
import { paginate, type PageArgs } from '../platform/pagination.js';
import { isWithin } from '../platform/scope.js';
import { Service, ServiceSignup } from './offer.entity.js';
import { areasInStreet, isOfferer, offererOf } from './offers.access.js';
import { OfferAuditAction, OfferAuditTarget } from './offers.audit.js';
import type { PublishServiceInput, ServiceFilter } from './offers.inputs.js';
import { pathsAbove } from './offers.resources.js';
import { scheduleErrors, sortedWeekdays } from './offers.rules.js';

/** 服务清单: a unit (through its representative) or a person publishes a standing service in an area of its street. */
export async function publishService(ctx: Context, input: PublishServiceInput, clock: Clock = systemClock) {
  const viewer = ctx.viewer!;
  const { idempotencyKey, ...rest } = input;
  const errors = scheduleErrors(input.schedule);
  if (Object.keys(errors).length > 0) throw badInput(errors);
  const offerer = await offererOf(ctx, input.unitId);
  const [area] = await areasInStreet(ctx.em, [input.areaId], offerer.streetPath, 'areaId');
  const levels = await levelsOf(ctx.em, area!);
  return ctx.em.transactional((tx) =>
    once(
      tx,
      { actorId: viewer.id, operation: 'service.publish', key: idempotencyKey, input: rest },
      async () => {
        const now = clock();
        const service = tx.create(Service, {
          ...levels,
          unit: offerer.unit,
          provider: viewer.user,
          title: input.title.trim(),
          description: input.description.trim(),
          weekdays: sortedWeekdays(input.schedule.weekdays),
          startTime: input.schedule.startTime,
          endTime: input.schedule.endTime,
          place: input.place.trim(),
          capacity: input.capacity,
          createdAt: now,
        });
        await tx.flush();
        // What a unit offers is on the record; a resident's own offer is theirs, as their needs are.
        if (offerer.unit) {
          recordAudit(tx, viewer, {
            action: OfferAuditAction.SERVICE_PUBLISH,
            targetType: OfferAuditTarget.SERVICE,
            targetId: service.id,
            area: levels.area,
            after: {
              label: service.title,
              title: service.title,
              capacity: service.capacity,
              unitId: offerer.unit?.id ?? null,
            },
            at: now,
          });
        }
        return service;
      },
      (id) => tx.findOneOrFail(Service, id),
    ),
  );
}

/** The provider ends the service: no more sign-ups; those signed up stay on its list. */
export async function closeService(ctx: Context, id: string, clock: Clock = systemClock) {
  const viewer = ctx.viewer!;
  const service = await findById(ctx.em, Service, id);
  if (!service) throw notFound();
  if (!(await isOfferer(ctx, service, service.provider.id))) throw forbidden();
  if (service.closedAt) throw invalidState({ closedAt: service.closedAt });
  return ctx.em.transactional(async (tx) => {
    const now = clock();
    const changed = await tx.nativeUpdate(Service, { id: service.id, closedAt: null }, { closedAt: now });
    if (changed === 0) throw invalidState({ closed: true });
    service.closedAt = now;
    // What a unit offers is on the record; a resident's own offer is theirs, as their needs are.
    if (service.unit) {
      recordAudit(tx, viewer, {
        action: OfferAuditAction.SERVICE_CLOSE,
        targetType: OfferAuditTarget.SERVICE,
        targetId: service.id,
        area: await service.area.loadOrFail(),
        before: { closedAt: null, label: service.title },
        after: { closedAt: now.toISOString(), label: service.title },
        at: now,
      });
    }
    return service;
  });
}

/** The path of the viewer's home, or null. */
export async function homePathOf(viewer: Viewer): Promise<string | null> {
  const home = viewer.user.homeArea ? await viewer.user.homeArea.load({ dataloader: true }) : null;
  return home?.path ?? null;
}

/**
 * A resident of the area the service serves signs up. The place is taken by one conditional
 * UPDATE, so however many ask at once the count never passes the capacity; the live sign-up
 * is unique per person, so a double submit is refused and its place given back (rolled back).
 */
export async function signUpForService(
  ctx: Context,
  serviceId: string,
  note: string | undefined,
  clock: Clock = systemClock,
) {
  const viewer = ctx.viewer!;
  const service = await findById(ctx.em, Service, serviceId);
  if (!service) throw notFound();
  const home = await homePathOf(viewer);
  if (!home || !isWithin(home, service.areaPath)) throw forbidden({ key: 'signupOutsideArea' });
  const live = await ctx.em.count(ServiceSignup, { service: service.id, person: viewer.id, cancelledAt: null });
  if (live > 0) throw conflict({ key: 'alreadySignedUp' });
  try {
    return await ctx.em.transactional(async (tx) => {
      const [taken] = await tx.execute<{ signup_count: number }[]>(
        `update service set signup_count = signup_count + 1
         where id = ? and signup_count < capacity and closed_at is null returning signup_count`,
        [service.id],
      );
      if (!taken) {
        const [now] = await tx.execute<{ closed_at: Date | null }[]>('select closed_at from service where id = ?', [
          service.id,
        ]);
        if (now?.closed_at) throw invalidState({ closedAt: now.closed_at });
        throw conflict({ key: 'serviceFull' });
      }
      const signup = tx.create(ServiceSignup, {
        service: service.id,
        person: viewer.id,
        note: note?.trim() || null,
        createdAt: clock(),
      });
      await tx.flush();
      service.signupCount = taken.signup_count;
      return signup;
    });
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) throw conflict({ key: 'alreadySignedUp' });
    throw error;
  }
}

/** The resident cancels their own live sign-up; its place is free again. */
export async function cancelServiceSignup(ctx: Context, id: string, clock: Clock = systemClock): Promise<boolean> {
  const viewer = ctx.viewer!;
  const signup = await findById(ctx.em, ServiceSignup, id);
  // Someone else's sign-up is as unknown as a wrong id.
  if (!signup || signup.person.id !== viewer.id) throw notFound();
  if (signup.cancelledAt) throw invalidState({ cancelledAt: signup.cancelledAt });
  await ctx.em.transactional(async (tx) => {
    const changed = await tx.nativeUpdate(
      ServiceSignup,
      { id: signup.id, cancelledAt: null },
      { cancelledAt: clock() },
    );
    if (changed === 0) throw invalidState({ cancelled: true });
    await tx.execute('update service set signup_count = signup_count - 1 where id = ?', [signup.service.id], 'run');
  });
  return true;
}

/** The services a filter selects; all are public. Closed ones only when asked for. */
export async function serviceFilterQuery(
  ctx: Context,
  given: ServiceFilter | null | undefined,
): Promise<FilterQuery<Service>> {
  const filter = given ?? {};
  const { em, viewer } = ctx;
  const conditions: FilterQuery<Service>[] = [];
  if (filter.areaId !== undefined && filter.areaId !== null) {
    const area = await getArea(em, filter.areaId);
    conditions.push({ $or: [{ areaPath: { $in: pathsAbove(area.path) } }, { areaPath: { $like: `${area.path}%` } }] });
  }
  if (filter.nearMe) {
    const home = viewer?.user.homeArea ? await viewer.user.homeArea.load({ dataloader: true }) : null;
    const community = home ? communityPathOf(await levelsOf(em, home)) : null;
    conditions.push(
      home
        ? {
            $or: [
              { areaPath: { $in: pathsAbove(home.path) } },
              ...(community ? [{ areaPath: { $like: `${community}%` } }] : []),
            ],
          }
        : { id: 0 },
    );
  }
  if (filter.unitId !== undefined && filter.unitId !== null) conditions.push({ unit: toId(filter.unitId) ?? 0 });
  const text = filter.search?.trim();
  if (text)
    conditions.push({ $or: [{ title: { $ilike: containing(text) } }, { description: { $ilike: containing(text) } }] });
  if (filter.signedUp) {
    const mine = em
      .createQueryBuilder(ServiceSignup, 's')
      .select('s.service')
      .where({ person: viewer?.id ?? 0, cancelledAt: null });
    conditions.push({ id: { $in: mine } });
  }
  if (!filter.includeClosed) conditions.push({ closedAt: null });
  return { $and: conditions };
}

export async function listServices(ctx: Context, filter: ServiceFilter | undefined, page: PageArgs) {
  const connection = await paginate(ctx.em, Service, await serviceFilterQuery(ctx, filter), page, {
    orderBy: { id: 'desc' },
  });
  await ctx.em.populate(
    connection.edges.map((edge) => edge.node),
    ['unit', 'provider', 'area'],
  );
  return connection;
}

/** The viewer's live sign-up of each service, in one query. */
export async function liveSignupsOf(ctx: Context, serviceIds: readonly number[]): Promise<(ServiceSignup | null)[]> {
  if (!ctx.viewer) return serviceIds.map(() => null);
  const rows = await ctx.em.find(ServiceSignup, {
    service: { $in: [...serviceIds] },
    person: ctx.viewer.id,
    cancelledAt: null,
  });
  return serviceIds.map((id) => rows.find((row) => row.service.id === id) ?? null);
}
