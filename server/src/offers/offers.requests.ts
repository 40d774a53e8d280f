import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import type { Area } from '../areas/area.entity.js';
import { recordAudit } from '../audit/audit.service.js';
import { Need } from '../needs/need.entity.js';
import { NeedStatus } from '../needs/need.enums.js';
import { findVisibleNeed, needNotVisible } from '../needs/needs.access.js';
import { NotificationKind } from '../notifications/notification.kinds.js';
import { notify } from '../notifications/notifications.service.js';
import { User } from '../people/user.entity.js';
import { Role } from '../platform/auth/roles.js';
import type { Viewer } from '../platform/auth/viewer.js';
import { systemClock, type Clock } from '../platform/clock.js';
import type { Context } from '../platform/context.js';
import { badInput, conflict, forbidden, invalidState, notFound } from '../platform/errors.js';
import { once } from '../platform/idempotency.js';
import { findById, toId } from '../platform/ids.js';
import { paginate, type PageArgs } from '../platform/pagination.js';
import { requireRule } from '../platform/scope.js';
import { Project } from '../projects/project.entity.js';
import { ProjectStatus } from '../projects/projects.enums.js';
import { Unit, UnitRepresentative } from '../units/unit.entity.js';
import { unitIdsOf } from '../units/units.access.js';
import { PledgeRequest, Resource, Service } from './offer.entity.js';
import { mayRequestPledges } from './offers.access.js';
import { OfferAuditAction, OfferAuditTarget } from './offers.audit.js';
import { PledgeRequestStatus } from './offers.enums.js';
import type { PledgeRequestFilter, RequestPledgeInput } from './offers.inputs.js';

/** The subject type of PLEDGE_REQUESTED notifications. */
export const PLEDGE_REQUEST_SUBJECT = 'pledgeRequest';

/** Who may ask for pledges sees every request about the needs and projects of their areas. */
const REQUESTERS = [Role.STAFF, Role.ADMIN, Role.GRID_WORKER] as const;

const CLOSED_NEED = [NeedStatus.CLOSED, NeedStatus.REJECTED];
const CLOSED_PROJECT = [ProjectStatus.DONE, ProjectStatus.CANCELLED];

interface Target {
  need: Need | null;
  project: Project | null;
  title: string;
  areaPath: string;
  streetId: number;
  area: Area;
}

/** The need (visible to the viewer, still open) or project (not finished) asked about, with REQUEST_PLEDGES over it. */
async function targetOf(ctx: Context, input: RequestPledgeInput): Promise<Target> {
  const viewer = ctx.viewer!;
  if (input.needId) {
    const need = await findVisibleNeed(ctx.em, viewer, input.needId);
    if (!need) throw needNotVisible();
    requireRule(viewer, mayRequestPledges, { path: need.areaPath });
    if (CLOSED_NEED.includes(need.status)) throw invalidState({ status: need.status });
    const area = await need.area.loadOrFail();
    return { need, project: null, title: need.title, areaPath: need.areaPath, streetId: need.streetId, area };
  }
  const project = await findById(ctx.em, Project, input.projectId);
  if (!project) throw notFound();
  requireRule(viewer, mayRequestPledges, { path: project.areaPath });
  if (CLOSED_PROJECT.includes(project.status)) throw invalidState({ status: project.status });
  const area = await project.area.loadOrFail();
  return { need: null, project, title: project.title, areaPath: project.areaPath, streetId: project.streetId, area };
}

/** The resource or service suggested: in the target's street (else as unknown as a wrong id), still offered. */
async function offerOf(em: EntityManager, input: RequestPledgeInput, streetId: number) {
  if (input.resourceId) {
    const resource = await findById(em, Resource, input.resourceId);
    if (!resource || resource.streetId !== streetId) throw notFound();
    if (resource.withdrawnAt) throw invalidState({ withdrawnAt: resource.withdrawnAt });
    return { resource, service: null, unit: resource.unit ?? null, person: resource.offeredBy };
  }
  const service = await findById(em, Service, input.serviceId);
  if (!service || service.streetId !== streetId) throw notFound();
  if (service.closedAt) throw invalidState({ closedAt: service.closedAt });
  return { resource: null, service, unit: service.unit ?? null, person: service.provider };
}

/**
 * Staff turn a suggested match into a request to the unit (its representatives are told) or
 * to the person offering. One open request per target and offer; an idempotency key makes a
 * retried submit return the first.
 */
export async function requestPledge(ctx: Context, input: RequestPledgeInput, clock: Clock = systemClock) {
  const viewer = ctx.viewer!;
  const { idempotencyKey, ...rest } = input;
  if (!input.needId === !input.projectId) throw badInput({ needId: { key: 'oneTargetNeeded' } });
  if (!input.resourceId === !input.serviceId) throw badInput({ resourceId: { key: 'oneOfferNeeded' } });
  const target = await targetOf(ctx, input);
  const offer = await offerOf(ctx.em, input, target.streetId);
  return ctx.em.transactional((tx) =>
    once(
      tx,
      { actorId: viewer.id, operation: 'pledge.request', key: idempotencyKey, input: rest },
      async () => {
        const open = await tx.count(PledgeRequest, {
          need: target.need?.id ?? null,
          project: target.project?.id ?? null,
          resource: offer.resource?.id ?? null,
          service: offer.service?.id ?? null,
          status: PledgeRequestStatus.OPEN,
        });
        if (open > 0) throw conflict({ key: 'pledgeRequestOpen' });
        const now = clock();
        const request = tx.create(PledgeRequest, {
          need: target.need,
          project: target.project,
          resource: offer.resource,
          service: offer.service,
          unit: offer.unit?.id ?? null,
          person: offer.unit ? null : offer.person.id,
          requestedBy: viewer.id,
          note: input.note?.trim() || null,
          createdAt: now,
        });
        await tx.flush();
        const unit = offer.unit ? await tx.findOneOrFail(Unit, offer.unit.id) : null;
        const recipients = unit
          ? (await tx.find(UnitRepresentative, { unit: unit.id }, { fields: ['user'] })).map((rep) => rep.user.id)
          : [offer.person.id];
        const pledger = unit ? unit.name : (await tx.findOneOrFail(User, offer.person.id)).displayName;
        await notify(tx, {
          recipients: recipients.filter((id) => id !== viewer.id),
          kind: NotificationKind.PLEDGE_REQUESTED,
          subject: { type: PLEDGE_REQUEST_SUBJECT, id: request.id },
          params: { pledger, target: target.title, note: request.note ?? '' },
          now,
        });
        recordAudit(tx, viewer, {
          action: OfferAuditAction.PLEDGE_REQUEST,
          targetType: OfferAuditTarget.PLEDGE_REQUEST,
          targetId: request.id,
          area: target.area,
          after: {
            label: offer.resource?.title ?? offer.service!.title,
            needId: target.need?.id ?? null,
            projectId: target.project?.id ?? null,
            unitId: unit?.id ?? null,
            personId: request.person?.id ?? null,
          },
          at: now,
        });
        return request;
      },
      (id) => tx.findOneOrFail(PledgeRequest, id),
    ),
  );
}

/** The viewer is the one asked: a representative of the unit, or the person. */
export async function isAsked(ctx: Pick<Context, 'em' | 'viewer' | 'loaders'>, request: PledgeRequest) {
  if (!ctx.viewer) return false;
  if (request.unit) return unitIdsOf(ctx.viewer).has(request.unit.id);
  return request.person?.id === ctx.viewer.id;
}

/** The path of the need or project a request is about. */
async function targetPathOf(request: PledgeRequest): Promise<string> {
  const target = request.need
    ? await request.need.loadOrFail({ dataloader: true })
    : await request.project!.loadOrFail({ dataloader: true });
  return target.areaPath;
}

/** Who sees a request: the one asked, who asked, and those who may ask over its need's or project's area. */
export async function canSeeRequest(ctx: Pick<Context, 'em' | 'viewer' | 'loaders'>, request: PledgeRequest) {
  const viewer = ctx.viewer;
  if (!viewer) return false;
  if (request.requestedBy.id === viewer.id || (await isAsked(ctx, request))) return true;
  return mayRequestPledges(viewer, { path: await targetPathOf(request) });
}

/** The one asked declines, with a reason; only while open. */
export async function declinePledgeRequest(ctx: Context, id: string, reason: string, clock: Clock = systemClock) {
  const viewer = ctx.viewer!;
  const request = await findById(ctx.em, PledgeRequest, id);
  if (!request || !(await canSeeRequest(ctx, request))) throw notFound();
  if (!(await isAsked(ctx, request))) throw forbidden();
  if (request.status !== PledgeRequestStatus.OPEN) throw invalidState({ status: request.status });
  const offer = request.resource ? await request.resource.loadOrFail() : await request.service!.loadOrFail();
  const area = request.need
    ? await (await request.need.loadOrFail()).area.loadOrFail()
    : await (await request.project!.loadOrFail()).area.loadOrFail();
  return ctx.em.transactional(async (tx) => {
    const now = clock();
    // Only while open: a pledge or another decline that came first wins.
    const changed = await tx.nativeUpdate(
      PledgeRequest,
      { id: request.id, status: PledgeRequestStatus.OPEN },
      { status: PledgeRequestStatus.DECLINED, declineReason: reason.trim(), answeredAt: now },
    );
    if (changed === 0) throw invalidState({ status: 'ANSWERED' });
    Object.assign(request, { status: PledgeRequestStatus.DECLINED, declineReason: reason.trim(), answeredAt: now });
    recordAudit(tx, viewer, {
      action: OfferAuditAction.PLEDGE_REQUEST_DECLINE,
      targetType: OfferAuditTarget.PLEDGE_REQUEST,
      targetId: request.id,
      area,
      before: { status: PledgeRequestStatus.OPEN, label: offer.title },
      after: { status: PledgeRequestStatus.DECLINED, label: offer.title },
      at: now,
    });
    return request;
  });
}

/** Requests to the viewer's units and to the viewer, those the viewer made, and (for those who ask) those of their areas. */
async function visibleRequests(ctx: Context, viewer: Viewer): Promise<FilterQuery<PledgeRequest>> {
  const units = [...unitIdsOf(ctx.viewer)];
  const scopes = viewer.scopesFor(REQUESTERS);
  return {
    $or: [
      { unit: { $in: units } },
      { person: viewer.id },
      { requestedBy: viewer.id },
      ...scopes.map((path) => ({ need: { areaPath: { $like: `${path}%` } } })),
      ...scopes.map((path) => ({ project: { areaPath: { $like: `${path}%` } } })),
    ],
  };
}

export async function listPledgeRequests(ctx: Context, given: PledgeRequestFilter | null | undefined, page: PageArgs) {
  const filter = given ?? {};
  const viewer = ctx.viewer!;
  const conditions: FilterQuery<PledgeRequest>[] = [await visibleRequests(ctx, viewer)];
  if (filter.unitId !== undefined && filter.unitId !== null) conditions.push({ unit: toId(filter.unitId) ?? 0 });
  if (filter.statuses?.length) conditions.push({ status: { $in: filter.statuses } });
  if (filter.needId !== undefined && filter.needId !== null) conditions.push({ need: toId(filter.needId) ?? 0 });
  if (filter.projectId !== undefined && filter.projectId !== null) {
    conditions.push({ project: toId(filter.projectId) ?? 0 });
  }
  const connection = await paginate(ctx.em, PledgeRequest, { $and: conditions }, page, { orderBy: { id: 'desc' } });
  await ctx.em.populate(
    connection.edges.map((edge) => edge.node),
    ['need', 'project', 'unit', 'person', 'requestedBy', 'resource', 'service'],
  );
  return connection;
}

/** Open requests to the viewer or the viewer's units: the to-do. */
export async function countOpenRequests(ctx: Context): Promise<number> {
  const viewer = ctx.viewer;
  if (!viewer) return 0;
  const units = [...unitIdsOf(ctx.viewer)];
  return ctx.em.count(PledgeRequest, {
    status: PledgeRequestStatus.OPEN,
    $or: [{ unit: { $in: units } }, { person: viewer.id }],
  });
}
