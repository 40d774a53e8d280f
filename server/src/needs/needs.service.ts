import {
  OptimisticLockError,
  UniqueConstraintViolationException,
  type EntityManager,
  type FilterQuery,
  raw,
  ref,
} from '@mikro-orm/postgresql';
import { Area, AreaKind } from '../areas/area.entity.js';
import {
  AREA_LEVELS,
  communityPathOf,
  inSubtree,
  isVisibleTo,
  levelsOf,
  visibleTo,
  type VisibilityRule,
} from '../areas/area-levels.js';
import { HOME_AREA_KINDS } from '../areas/areas.rules.js';
import { getArea } from '../areas/areas.service.js';
import { recordAudit } from '../audit/audit.service.js';
import type { Viewer } from '../platform/auth/viewer.js';
import { AppError, badInput, conflict, ErrorCode, forbidden, invalidState } from '../platform/errors.js';
import { containing, findById, toId } from '../platform/ids.js';
import { paginate } from '../platform/pagination.js';
import { idsOnPath, isWithin, requireRole, requireRoleIn } from '../platform/scope.js';
import { Role } from '../platform/auth/roles.js';
import { RoleAssignment } from '../people/role-assignment.entity.js';
import { User } from '../people/user.entity.js';
import { Need, NeedDeadlinePolicy, NeedEvent, NeedPhoto, NeedSupport } from './need.entity.js';
import { NeedAction, NeedCategory, NeedChannel, NeedEventKind, NeedSort, NeedStatus, Urgency } from './need.enums.js';
import type { NeedFilter, RaiseNeedInput } from './needs.inputs.js';
import {
  addHours,
  availableActions,
  currentDeadline,
  defaultDeadline,
  nextStatus,
  roleAllows,
  type ActorFacts,
  type DeadlineHours,
  type NeedFacts,
  AUTO_CLOSE_AFTER_DAYS,
  rates,
} from './needs.rules.js';

/**
 * Who works on the needs of an area, and so sees its private ones too. Administrators manage
 * areas and roles, not residents' needs: they see the figures (needStats), not private needs.
 */
export const NEED_WORKERS = [Role.STAFF, Role.GRID_WORKER] as const;
/** Roles a need can be assigned to. */
const ASSIGNABLE = [Role.STAFF, Role.GRID_WORKER, Role.VOLUNTEER, Role.UNIT_REP] as const;

const needNotVisible = () => new AppError(ErrorCode.NOT_FOUND, { key: 'needNotVisible' });

function ownerIds(need: Need): number[] {
  return [need.raisedBy.id, need.onBehalfOf?.id].filter((id): id is number => typeof id === 'number');
}

/** Public needs, the viewer's own, those assigned to them, and all in the areas they work on. */
const NEED_VISIBILITY: VisibilityRule<Need> = {
  publicFlag: 'isPublic',
  people: ['raisedBy', 'onBehalfOf', 'assignee'],
  roles: NEED_WORKERS,
};

export const canSee = (viewer: Viewer | null, need: Need): boolean => isVisibleTo(viewer, need, NEED_VISIBILITY);

export function factsOf(need: Need): NeedFacts {
  return {
    status: need.status,
    reopenCount: need.reopenCount,
    isPublic: need.isPublic,
    canGoUp: idsOnPath(need.responsiblePath).length > 1,
  };
}

export function actorFacts(viewer: Viewer | null, need: Need, hasSupported: boolean): ActorFacts {
  return {
    signedIn: !!viewer,
    isOwner: !!viewer && ownerIds(need).includes(viewer.id),
    isAssignee: !!viewer && need.assignee?.id === viewer.id,
    isResponsibleStaff: !!viewer && viewer.hasRoleOver([Role.STAFF], need.responsiblePath),
    isResponsibleWorker: !!viewer && viewer.hasRoleOver(NEED_WORKERS, need.responsiblePath),
    worksOnArea: !!viewer && viewer.hasRoleOver(NEED_WORKERS, need.areaPath),
    hasSupported,
  };
}

export function actionsFor(viewer: Viewer | null, need: Need, hasSupported: boolean): NeedAction[] {
  return availableActions(factsOf(need), actorFacts(viewer, need, hasSupported));
}

export async function findVisibleNeed(
  em: EntityManager,
  viewer: Viewer | null,
  id: string,
  refresh = false,
): Promise<Need | null> {
  const need = await findById(em, Need, id, { refresh });
  return need && canSee(viewer, need) ? need : null;
}

async function visibleNeedOrFail(em: EntityManager, viewer: Viewer, id: string, refresh = false): Promise<Need> {
  const need = await findVisibleNeed(em, viewer, id, refresh);
  if (!need) throw needNotVisible();
  return need;
}

/** The street's deadlines for one category and urgency, or the defaults. */
export async function deadlineFor(
  em: EntityManager,
  streetId: number,
  category: NeedCategory,
  urgency: Urgency,
): Promise<DeadlineHours> {
  const policy = await em.findOne(NeedDeadlinePolicy, { street: streetId, category, urgency });
  return policy ?? defaultDeadline(category, urgency);
}

export async function raiseNeed(em: EntityManager, viewer: Viewer, input: RaiseNeedInput): Promise<Need> {
  const area = await findById(em, Area, input.areaId);
  if (!area) throw badInput({ areaId: { key: 'NOT_FOUND' } });
  if (!HOME_AREA_KINDS.includes(area.kind)) throw badInput({ areaId: { key: 'needAreaKind' } });
  const levels = await levelsOf(em, area);

  let onBehalfOf: User | null = null;
  if (input.onBehalfOfUserId !== undefined && input.onBehalfOfUserId !== null) {
    requireRole(viewer, NEED_WORKERS, area);
    onBehalfOf = await findById(em, User, input.onBehalfOfUserId);
    if (!onBehalfOf) throw badInput({ onBehalfOfUserId: { key: 'NOT_FOUND' } });
  } else {
    const home = viewer.user.homeArea ? await viewer.user.homeArea.load() : null;
    const homeCommunity = home ? communityPathOf(await levelsOf(em, home)) : null;
    const allowed =
      (homeCommunity && isWithin(area.path, homeCommunity)) || viewer.hasRoleOver(NEED_WORKERS, area.path);
    if (!allowed) throw forbidden();
  }

  const photoIds = (input.photoIds ?? []).map((id) => toId(id));
  const photos = photoIds.length
    ? await em.find(NeedPhoto, {
        id: { $in: photoIds.filter((id): id is number => id !== null) },
        uploadedBy: viewer.id,
        need: null,
      })
    : [];
  if (photos.length !== photoIds.length) throw badInput({ photoIds: { key: 'photoNotUsable' } });

  const category = input.category;
  const urgency = input.urgency ?? Urgency.NORMAL;
  const deadline = await deadlineFor(em, levels.streetId, category, urgency);
  const now = new Date();
  const respondBy = addHours(now, deadline.respondHours);
  const resolveBy = addHours(now, deadline.resolveHours);
  const responsibleId = levels.gridId ?? levels.communityId!;
  const responsible = responsibleId === area.id ? area : await em.findOneOrFail(Area, responsibleId);

  return em.transactional(async (tx) => {
    const need = tx.create(Need, {
      title: input.title.trim(),
      description: (input.description ?? '').trim(),
      category,
      urgency,
      channel: input.channel ?? NeedChannel.APP,
      isPublic: input.isPublic ?? true,
      ...levels,
      responsibleArea: responsible,
      responsiblePath: responsible.path,
      raisedBy: viewer.user,
      onBehalfOf,
      respondBy,
      resolveBy,
      dueAt: currentDeadline(NeedStatus.SUBMITTED, respondBy, resolveBy),
      createdAt: now,
    });
    tx.create(NeedEvent, {
      need,
      actor: viewer.user,
      kind: NeedEventKind.RAISED,
      toStatus: NeedStatus.SUBMITTED,
      at: now,
    });
    for (const photo of photos) tx.merge(photo).need = ref(need);
    return need;
  });
}

interface Step {
  action: NeedAction;
  note?: string | null;
  /** Changes beyond the status, made inside the transaction; may name an area for the event. */
  apply?: (need: Need, tx: EntityManager) => void | Promise<void | { eventArea: Area }>;
  kind?: NeedEventKind;
}

/**
 * One step of a need's life, in one transaction: checks who may act and whether the state
 * allows it, changes the need, writes the timeline event and, for staff, the audit entry.
 * A concurrent change makes the version check fail: the loser gets CONFLICT.
 */
export async function act(em: EntityManager, viewer: Viewer, id: string, step: Step): Promise<Need> {
  try {
    return await em.transactional(async (tx) => {
      const need = await visibleNeedOrFail(tx, viewer, id, true);
      const to = checkAllowed(viewer, need, step.action, false);
      const from = need.status;
      const before = {
        status: from,
        assigneeId: need.assignee?.id ?? null,
        responsibleAreaId: need.responsibleArea.id,
      };
      need.status = to;
      const extra = await step.apply?.(need, tx);
      need.dueAt = currentDeadline(to, need.respondBy, need.resolveBy);
      tx.create(NeedEvent, {
        need,
        actor: viewer.user,
        kind: step.kind ?? (from === to ? NeedEventKind.COMMENT : NeedEventKind.TRANSITION),
        fromStatus: from === to ? null : from,
        toStatus: from === to ? null : to,
        note: step.note?.trim() || null,
        area: extra?.eventArea ?? null,
      });
      if (viewer.hasRoleOver(NEED_WORKERS, need.areaPath) && step.action !== NeedAction.COMMENT) {
        recordAudit(tx, viewer, {
          action: `need.${step.action.toLowerCase()}`,
          targetType: 'Need',
          targetId: need.id,
          area: await need.area.loadOrFail(),
          before,
          after: { status: to, assigneeId: need.assignee?.id ?? null, responsibleAreaId: need.responsibleArea.id },
        });
      }
      return need;
    });
  } catch (error) {
    if (error instanceof OptimisticLockError) throw conflict({ key: 'needChangedMeanwhile' });
    throw error;
  }
}

/** FORBIDDEN when the person may never take the action, INVALID_STATE when the state does not allow it now. */
function checkAllowed(viewer: Viewer, need: Need, action: NeedAction, hasSupported: boolean): NeedStatus {
  const facts = factsOf(need);
  if (!roleAllows(action, facts, actorFacts(viewer, need, hasSupported))) {
    if (hasSupported) throw conflict({ key: 'alreadySupported' });
    throw forbidden();
  }
  const to = nextStatus(facts, action);
  if (to === null) throw invalidState({ status: need.status });
  return to;
}

export const acceptNeed = (em: EntityManager, viewer: Viewer, id: string, note?: string) =>
  act(em, viewer, id, { action: NeedAction.ACCEPT, note, apply: respond });

function respond(need: Need) {
  need.respondedAt ??= new Date();
}

export async function assignNeed(
  em: EntityManager,
  viewer: Viewer,
  id: string,
  assigneeUserId: string | undefined,
  note?: string,
) {
  return act(em, viewer, id, {
    action: NeedAction.ASSIGN,
    note,
    apply: async (need, tx) => {
      const assignee = await findById(tx, User, assigneeUserId ?? viewer.id);
      if (!assignee) throw badInput({ assigneeUserId: { key: 'NOT_FOUND' } });
      const grants = await tx.find(
        RoleAssignment,
        { user: assignee, role: { $in: [...ASSIGNABLE] } },
        { populate: ['area'] },
      );
      const covers = grants.some((g) => {
        const path = g.area.getEntity().path;
        return isWithin(need.areaPath, path) || isWithin(path, need.responsiblePath);
      });
      if (!covers) throw badInput({ assigneeUserId: { key: 'assigneeNotWorker' } });
      need.assignee = ref(assignee);
    },
  });
}

export const startNeed = (em: EntityManager, viewer: Viewer, id: string, note?: string) =>
  act(em, viewer, id, { action: NeedAction.START, note });

export const resolveNeed = (em: EntityManager, viewer: Viewer, id: string, resolution: string) =>
  act(em, viewer, id, {
    action: NeedAction.RESOLVE,
    note: resolution,
    apply: (need) => {
      need.resolution = resolution.trim();
      need.resolvedAt = new Date();
    },
  });

export const confirmNeed = (em: EntityManager, viewer: Viewer, id: string, rating: number, comment?: string) =>
  act(em, viewer, id, {
    action: NeedAction.CONFIRM,
    note: comment,
    apply: (need) => {
      need.rating = rating;
      need.ratingComment = comment?.trim() || null;
      need.closedAt = new Date();
    },
  });

export const reopenNeed = (em: EntityManager, viewer: Viewer, id: string, reason: string) =>
  act(em, viewer, id, {
    action: NeedAction.REOPEN,
    note: reason,
    apply: (need) => {
      need.reopenCount += 1;
      need.closedAt = null;
      need.resolvedAt = null;
      need.rating = null;
      need.ratingComment = null;
    },
  });

export const rejectNeed = (em: EntityManager, viewer: Viewer, id: string, reason: string) =>
  act(em, viewer, id, {
    action: NeedAction.REJECT,
    note: reason,
    apply: (need) => {
      respond(need);
      need.closedAt = new Date();
    },
  });

/** 吹哨: the parent of the responsible area answers from now on. */
export async function escalateNeed(em: EntityManager, viewer: Viewer, id: string, reason: string) {
  return act(em, viewer, id, {
    action: NeedAction.ESCALATE,
    note: reason,
    kind: NeedEventKind.ESCALATED,
    apply: async (need, tx) => {
      const ids = idsOnPath(need.responsiblePath);
      const parent = await tx.findOneOrFail(Area, ids[ids.length - 2]!);
      need.responsibleArea = ref(parent);
      need.responsiblePath = parent.path;
      return { eventArea: parent };
    },
  });
}

export const commentOnNeed = (em: EntityManager, viewer: Viewer, id: string, note: string) =>
  act(em, viewer, id, { action: NeedAction.COMMENT, note });

/**
 * 附议: once per person (a unique index decides between double clicks). The count is
 * raised in place, without the version check, so neighbours supporting at once never conflict.
 */
export async function supportNeed(em: EntityManager, viewer: Viewer, id: string): Promise<Need> {
  try {
    return await em.transactional(async (tx) => {
      const need = await visibleNeedOrFail(tx, viewer, id);
      const hasSupported = (await tx.count(NeedSupport, { need, user: viewer.id })) > 0;
      checkAllowed(viewer, need, NeedAction.SUPPORT, hasSupported);
      tx.create(NeedSupport, { need, user: viewer.user });
      await tx.flush();
      await tx.nativeUpdate(Need, { id: need.id }, { supporterCount: raw('supporter_count + 1') });
      await tx.refresh(need);
      return need;
    });
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) throw conflict({ key: 'alreadySupported' });
    throw error;
  }
}

/** The newest first unless the filter asks otherwise; always ends on the id, so keyset pages are exact. */
export function needOrder(sort: NeedSort | undefined) {
  return sort === NeedSort.DEADLINE
    ? ({ dueAt: 'asc', id: 'asc' } as const)
    : sort === NeedSort.OLDEST
      ? ({ createdAt: 'asc', id: 'asc' } as const)
      : ({ createdAt: 'desc', id: 'desc' } as const);
}

/** The needs a filter selects among those the viewer may see: shared by the paged list and the export. */
export async function needFilterQuery(
  em: EntityManager,
  viewer: Viewer | null,
  filter: NeedFilter = {},
): Promise<FilterQuery<Need>> {
  const area = filter.areaId !== undefined && filter.areaId !== null ? await getArea(em, filter.areaId) : null;
  // Those who read every need of the area skip the visibility test: it would cost a visit to each row,
  // where counting the area's needs can otherwise be answered from an index.
  const conditions: FilterQuery<Need>[] =
    area && viewer?.hasRoleOver(NEED_WORKERS, area.path) ? [] : [visibleTo(viewer, NEED_VISIBILITY)];
  if (area) conditions.push(inSubtree(area));
  if (filter.statuses?.length) conditions.push({ status: { $in: filter.statuses } });
  if (filter.categories?.length) conditions.push({ category: { $in: filter.categories } });
  if (filter.urgencies?.length) conditions.push({ urgency: { $in: filter.urgencies } });
  if (filter.channels?.length) conditions.push({ channel: { $in: filter.channels } });
  if (filter.overdue === true) conditions.push({ dueAt: { $lt: new Date() } });
  if (filter.overdue === false) conditions.push({ dueAt: { $gte: new Date() } });
  if (filter.mine) conditions.push(viewer ? { $or: [{ raisedBy: viewer.id }, { onBehalfOf: viewer.id }] } : { id: 0 });
  if (filter.assignedToMe) conditions.push({ assignee: viewer?.id ?? 0 });
  const text = filter.text?.trim();
  if (text)
    conditions.push({ $or: [{ title: { $ilike: containing(text) } }, { description: { $ilike: containing(text) } }] });
  if (filter.createdFrom) conditions.push({ createdAt: { $gte: filter.createdFrom } });
  if (filter.createdTo) conditions.push({ createdAt: { $lt: filter.createdTo } });
  return { $and: conditions };
}

export async function listNeeds(
  em: EntityManager,
  viewer: Viewer | null,
  filter: NeedFilter = {},
  page: { first?: number; after?: string },
) {
  const connection = await paginate(em, Need, await needFilterQuery(em, viewer, filter), page, {
    orderBy: needOrder(filter.sort),
  });
  // The areas and people of the page, loaded once it is known (populated with the page, the count over
  // every matching need joined them too). Timelines and photos are loaded by their field resolvers, for the
  // whole page at once and only when asked for; the people on them are then mostly loaded already, so 5 or
  // 50 needs cost the same statements.
  await em.populate(
    connection.edges.map((edge) => edge.node),
    ['area', 'responsibleArea', 'raisedBy', 'onBehalfOf', 'assignee'],
  );
  return connection;
}

/** Whether the viewer has supported each of these needs, in one query. */
export async function supportedBy(em: EntityManager, viewer: Viewer, needIds: readonly number[]): Promise<boolean[]> {
  const rows = await em.find(NeedSupport, { user: viewer.id, need: { $in: [...needIds] } }, { fields: ['need'] });
  const supported = new Set(rows.map((row) => row.need.id));
  return needIds.map((id) => supported.has(id));
}

export interface AreaNeedStats {
  area: Area;
  total: number;
  responseRate: number | null;
  resolutionRate: number | null;
  satisfactionRate: number | null;
  averageResponseHours: number | null;
  overdueCount: number;
  children: AreaNeedStats[];
}

interface StatsRow {
  child_id: number | null;
  total: string;
  response_due: string;
  responded_in_time: string;
  resolved: string;
  rated: string;
  satisfied: string;
  responded: string;
  response_seconds: number | null;
  overdue: string;
}

/**
 * Exact and current: one pass over the area's needs, grouped by child area (so PostgreSQL may
 * scan in parallel; the covering indexes need_street_stats_idx and need_community_stats_idx
 * keep it off the table), the area's totals summed from the groups.
 */
export async function needStats(
  em: EntityManager,
  viewer: Viewer,
  areaId: string,
  from?: Date,
  to?: Date,
): Promise<AreaNeedStats> {
  const area = await getArea(em, areaId);
  requireRole(viewer, [...NEED_WORKERS, Role.ADMIN, Role.COMMITTEE_MEMBER], area);
  const { column, childColumn: child } = AREA_LEVELS[area.kind];
  const params: unknown[] = [area.id];
  let period = '';
  if (from) {
    params.push(from);
    period += ' and created_at >= ?';
  }
  if (to) {
    params.push(to);
    period += ' and created_at < ?';
  }
  const rows = await em.execute<StatsRow[]>(
    `select ${child ?? 'null::int'} as child_id,
       count(*) as total,
       count(*) filter (where responded_at is not null or respond_by < now()) as response_due,
       count(*) filter (where responded_at <= respond_by) as responded_in_time,
       count(*) filter (where status in ('RESOLVED', 'CLOSED')) as resolved,
       count(*) filter (where rating is not null) as rated,
       count(*) filter (where rating >= 4) as satisfied,
       count(responded_at) as responded,
       sum(date_part('epoch', responded_at - created_at)) as response_seconds,
       count(*) filter (where due_at < now()) as overdue
     from need where ${column} = ?${period}${child ? ` group by ${child}` : ''}`,
    params,
  );
  const children = child ? await em.find(Area, { parent: area }, { orderBy: { id: 'asc' } }) : [];
  const toStats = (target: Area, group: StatsRow[]): AreaNeedStats => {
    const sum = (field: Exclude<keyof StatsRow, 'child_id'>) =>
      group.reduce((total, row) => total + Number(row[field] ?? 0), 0);
    const counts = {
      total: sum('total'),
      responseDue: sum('response_due'),
      respondedInTime: sum('responded_in_time'),
      resolved: sum('resolved'),
      rated: sum('rated'),
      satisfied: sum('satisfied'),
    };
    const responded = sum('responded');
    return {
      area: target,
      total: counts.total,
      ...rates(counts),
      averageResponseHours: responded === 0 ? null : sum('response_seconds') / responded / 3600,
      overdueCount: sum('overdue'),
      children: [],
    };
  };
  const stats = toStats(area, rows);
  stats.children = children.map((c) =>
    toStats(
      c,
      rows.filter((row) => row.child_id === c.id),
    ),
  );
  return stats;
}

export interface DeadlineRow extends DeadlineHours {
  category: NeedCategory;
  urgency: Urgency;
}

/** Who reads a street's deadlines: its staff and administrators, wherever in the street they hold the role. */
const DEADLINE_READERS = [Role.STAFF, Role.ADMIN] as const;

async function getStreet(em: EntityManager, streetId: string): Promise<Area> {
  const street = await getArea(em, streetId);
  if (street.kind !== AreaKind.STREET) throw badInput({ streetId: { key: 'notAStreet' } });
  return street;
}

/** Every category and urgency: the street's own deadline where it set one, the default otherwise. */
export async function listDeadlines(em: EntityManager, viewer: Viewer, streetId: string): Promise<DeadlineRow[]> {
  const street = await getStreet(em, streetId);
  requireRoleIn(viewer, DEADLINE_READERS, street);
  const policies = await em.find(NeedDeadlinePolicy, { street });
  return Object.values(NeedCategory).flatMap((category) =>
    Object.values(Urgency).map((urgency) => {
      const own = policies.find((p) => p.category === category && p.urgency === urgency);
      return {
        category,
        urgency,
        ...(own
          ? { respondHours: own.respondHours, resolveHours: own.resolveHours }
          : defaultDeadline(category, urgency)),
      };
    }),
  );
}

export async function setDeadline(
  em: EntityManager,
  viewer: Viewer,
  args: { streetId: string } & DeadlineRow,
): Promise<DeadlineRow> {
  const street = await getStreet(em, args.streetId);
  requireRole(viewer, [Role.ADMIN], street);
  if (args.respondHours > args.resolveHours) throw badInput({ respondHours: { key: 'respondAfterResolve' } });
  const { category, urgency, respondHours, resolveHours } = args;
  return em.transactional(async (tx) => {
    const existing = await tx.findOne(NeedDeadlinePolicy, { street, category, urgency });
    const before = existing
      ? { respondHours: existing.respondHours, resolveHours: existing.resolveHours }
      : defaultDeadline(category, urgency);
    if (existing) Object.assign(existing, { respondHours, resolveHours });
    else tx.create(NeedDeadlinePolicy, { street, category, urgency, respondHours, resolveHours });
    recordAudit(tx, viewer, {
      action: 'needDeadline.set',
      targetType: 'NeedDeadline',
      targetId: `${street.id}:${category}:${urgency}`,
      area: street,
      before: { category, urgency, ...before },
      after: { category, urgency, respondHours, resolveHours },
    });
    return { category, urgency, respondHours, resolveHours };
  });
}

/**
 * Closes, unrated, the needs whose resolution the resident has not confirmed within the
 * period. Safe to run on every instance at once: each row is taken by one of them.
 * Returns what it closed, at most 500 at a time, for live updates.
 */
export async function closeUnconfirmedNeeds(
  em: EntityManager,
  now = new Date(),
): Promise<{ id: number; areaPath: string }[]> {
  return em.transactional(async (tx) => {
    const rows = await tx.execute<{ id: number }[]>(
      `select id from need where status = 'RESOLVED' and resolved_at < ? order by id limit 500 for update skip locked`,
      [new Date(now.getTime() - AUTO_CLOSE_AFTER_DAYS * 24 * 3600 * 1000)],
    );
    if (rows.length === 0) return [];
    const needs = await tx.find(Need, { id: { $in: rows.map((row) => row.id) } });
    for (const need of needs) {
      need.status = NeedStatus.CLOSED;
      need.closedAt = now;
      need.dueAt = currentDeadline(NeedStatus.CLOSED, need.respondBy, need.resolveBy);
      tx.create(NeedEvent, {
        need,
        kind: NeedEventKind.AUTO_CLOSED,
        fromStatus: NeedStatus.RESOLVED,
        toStatus: NeedStatus.CLOSED,
        at: now,
      });
    }
    return needs.map((need) => ({ id: need.id, areaPath: need.areaPath }));
  });
}
