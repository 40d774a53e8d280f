import { UniqueConstraintViolationException, type EntityManager, type FilterQuery } from '@mikro-orm/postgresql';
import { Area, AreaKind } from '../areas/area.entity.js';
import { communityPathOf, inSubtree, levelsOf } from '../areas/area-levels.js';
import { getArea } from '../areas/areas.service.js';
import { recordAudit } from '../audit/audit.service.js';
import { NotificationKind } from '../notifications/notification.kinds.js';
import { notify } from '../notifications/notifications.service.js';
import { areaPathsOf } from '../people/people.service.js';
import { User } from '../people/user.entity.js';
import { Role } from '../platform/auth/roles.js';
import type { Viewer } from '../platform/auth/viewer.js';
import { systemClock, type Clock } from '../platform/clock.js';
import { badInput, conflict, forbidden, invalidState, notFound } from '../platform/errors.js';
import { containing, findById } from '../platform/ids.js';
import { once } from '../platform/idempotency.js';
import { paginate, type PageArgs } from '../platform/pagination.js';
import { idsOnPath, isWithin, requireRule, streetPathOf } from '../platform/scope.js';
import { ReportIn, Unit, UnitRepresentative } from './unit.entity.js';
import { mayAnswerReportIns, mayManageUnits, unitIdsOf } from './units.access.js';
import { UnitAuditAction, UnitAuditTarget } from './units.audit.js';
import { ReportInStatus } from './units.enums.js';
import type { CreateUnitInput, ReportInFilter, UnitFilter } from './units.inputs.js';

export const UNIT_SUBJECT = 'unit';
export const REPORT_IN_SUBJECT = 'reportIn';

const clean = (text: string | null | undefined) => text?.trim() || null;

/** A unit stationed in an area, by staff or admins over it; with an idempotency key, a retry returns the first. */
export async function createUnit(
  em: EntityManager,
  viewer: Viewer,
  input: CreateUnitInput,
  clock: Clock = systemClock,
): Promise<Unit> {
  const area = await getArea(em, input.areaId);
  requireRule(viewer, mayManageUnits, area);
  const { idempotencyKey, ...rest } = input;
  return em.transactional((tx) =>
    once(
      tx,
      { actorId: viewer.id, operation: 'unit.create', key: idempotencyKey, input: rest },
      async () => {
        const name = input.name.trim();
        if ((await tx.count(Unit, { area: area.id, name })) > 0) {
          throw conflict({ key: 'unitNameTaken' }, { name: { key: 'unitNameTaken' } });
        }
        const unit = tx.create(Unit, {
          ...(await levelsOf(tx, area)),
          name,
          kind: input.kind,
          address: clean(input.address),
          contactName: input.contactName.trim(),
          contactPhone: input.contactPhone,
          partyOrganization: clean(input.partyOrganization),
          createdBy: viewer.user,
          createdAt: clock(),
        });
        await tx.flush();
        recordAudit(tx, viewer, {
          action: UnitAuditAction.CREATE,
          targetType: UnitAuditTarget.UNIT,
          targetId: unit.id,
          area,
          after: { name: unit.name, kind: unit.kind, areaId: area.id },
        });
        return unit;
      },
      (id) => tx.findOneOrFail(Unit, id),
    ),
  );
}

/** The unit to manage: NOT_FOUND when there is none, FORBIDDEN unless the viewer manages units over its area. */
async function managedUnit(em: EntityManager, viewer: Viewer, unitId: string): Promise<{ unit: Unit; area: Area }> {
  const unit = await findById(em, Unit, unitId);
  if (!unit) throw notFound();
  const area = await unit.area.loadOrFail();
  requireRule(viewer, mayManageUnits, area);
  return { unit, area };
}

/**
 * A person the viewer may make a representative, as the role pickers reach people: someone living
 * or holding a role where the viewer manages units. Anyone else is answered as an unknown id.
 */
async function reachablePerson(em: EntityManager, viewer: Viewer, userId: string): Promise<User> {
  const user = await findById(em, User, userId);
  if (!user || !(await areaPathsOf(user)).some((path) => mayManageUnits(viewer, { path }))) throw notFound();
  return user;
}

/**
 * Adds a representative: they act for the unit from now on, hold UNIT_REP on its area (granted
 * when they do not already), and are told. Twice, or twice at once: CONFLICT.
 */
export async function addUnitRepresentative(
  em: EntityManager,
  viewer: Viewer,
  unitId: string,
  userId: string,
  clock: Clock = systemClock,
): Promise<Unit> {
  const { unit, area } = await managedUnit(em, viewer, unitId);
  const user = await reachablePerson(em, viewer, userId);
  const duplicate = () => conflict({ key: 'alreadyRepresentative' }, { userId: { key: 'alreadyRepresentative' } });
  if ((await em.count(UnitRepresentative, { unit, user })) > 0) throw duplicate();
  const now = clock();
  try {
    await em.transactional(async (tx) => {
      tx.create(UnitRepresentative, { unit: unit.id, user: user.id, createdAt: now });
      await tx.flush();
      await tx.execute(
        `insert into role_assignment (user_id, role, area_id, created_at) values (?, ?, ?, ?)
         on conflict (user_id, role, area_id) do nothing`,
        [user.id, Role.UNIT_REP, area.id, now],
        'run',
      );
      recordAudit(tx, viewer, {
        action: UnitAuditAction.REPRESENTATIVE_ADD,
        targetType: UnitAuditTarget.UNIT,
        targetId: unit.id,
        area: tx.merge(area),
        after: { userId: user.id },
      });
      await notify(tx, {
        recipients: [user.id],
        kind: NotificationKind.UNIT_REPRESENTATIVE_ADDED,
        subject: { type: UNIT_SUBJECT, id: unit.id },
        params: { unit: unit.name },
        now,
      });
    });
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) throw duplicate();
    throw error;
  }
  return unit;
}

/** Removes a representative; with the last unit of that area gone, the UNIT_REP role there goes too. */
export async function removeUnitRepresentative(
  em: EntityManager,
  viewer: Viewer,
  unitId: string,
  userId: string,
): Promise<Unit> {
  const { unit, area } = await managedUnit(em, viewer, unitId);
  const user = await reachablePerson(em, viewer, userId);
  await em.transactional(async (tx) => {
    const removed = await tx.nativeDelete(UnitRepresentative, { unit: unit.id, user: user.id });
    if (removed === 0) throw badInput({ userId: { key: 'notRepresentative' } });
    await tx.execute(
      `delete from role_assignment ra where ra.user_id = ? and ra.role = ? and ra.area_id = ?
         and not exists (select 1 from unit_representative r join unit u on u.id = r.unit_id
                          where r.user_id = ra.user_id and u.area_id = ra.area_id)`,
      [user.id, Role.UNIT_REP, area.id],
      'run',
    );
    recordAudit(tx, viewer, {
      action: UnitAuditAction.REPRESENTATIVE_REMOVE,
      targetType: UnitAuditTarget.UNIT,
      targetId: unit.id,
      area: tx.merge(area),
      before: { userId: user.id },
    });
  });
  return unit;
}

/** The units a filter selects; all are public. */
export async function unitFilterQuery(
  em: EntityManager,
  viewer: Viewer | null,
  given: UnitFilter | null | undefined,
): Promise<FilterQuery<Unit>> {
  // GraphQL may send `filter: null`, which a default parameter would not replace.
  const filter = given ?? {};
  const conditions: FilterQuery<Unit>[] = [];
  if (filter.areaId !== undefined && filter.areaId !== null)
    conditions.push(inSubtree(await getArea(em, filter.areaId)));
  if (filter.kinds?.length) conditions.push({ kind: { $in: filter.kinds } });
  const search = filter.search?.trim();
  if (search) conditions.push({ name: { $ilike: containing(search) } });
  if (filter.mine) conditions.push({ id: { $in: [...unitIdsOf(viewer)] } });
  return { $and: conditions };
}

export async function listUnits(
  em: EntityManager,
  viewer: Viewer | null,
  filter: UnitFilter | undefined,
  page: PageArgs,
) {
  return paginate(em, Unit, await unitFilterQuery(em, viewer, filter), page, {
    orderBy: { name: 'asc', id: 'asc' },
    populate: ['area'],
  });
}

export async function myUnits(em: EntityManager, viewer: Viewer | null): Promise<Unit[]> {
  const ids = unitIdsOf(viewer);
  return ids.size ? em.find(Unit, { id: { $in: [...ids] } }, { orderBy: { name: 'asc', id: 'asc' } }) : [];
}

/** The staff of the community (or above it) who answer its report-ins. */
async function staffOver(em: EntityManager, area: Area): Promise<number[]> {
  const rows = await em.execute<{ user_id: number }[]>(
    `select distinct user_id from role_assignment where role = ? and area_id = any(?::int[])`,
    [Role.STAFF, `{${idsOnPath(area.path).join(',')}}`],
  );
  return rows.map((row) => row.user_id);
}

/** The people who act for a unit (they are told what is the unit's to do). */
export async function representativeIds(em: EntityManager, unitId: number): Promise<number[]> {
  const rows = await em.find(UnitRepresentative, { unit: unitId }, { fields: ['user'] });
  return rows.map((row) => row.user.id);
}

/** The name a report-in goes by in notifications: its unit's, or the person's. */
async function whoReports(reportIn: ReportIn): Promise<string> {
  const unit = await reportIn.unit?.load();
  if (unit) return unit.name;
  return (await reportIn.person!.loadOrFail()).displayName;
}

const COMMUNITY_KINDS: readonly AreaKind[] = [AreaKind.COMMUNITY, AreaKind.VILLAGE];

/**
 * 报到: a unit by its representative, to a community of its street; or, with no unit, the viewer
 * as an in-service party member, to the community they live in, optionally naming the unit they
 * work for. One open report-in per unit (or person) and community: the database decides between
 * double submits (CONFLICT).
 */
export async function reportIn(
  em: EntityManager,
  viewer: Viewer,
  args: { unit: Unit | null; areaId: string; workUnitId?: string | null },
  clock: Clock = systemClock,
): Promise<ReportIn> {
  const area = await findById(em, Area, args.areaId);
  if (!area) throw badInput({ areaId: { key: 'NOT_FOUND' } });
  if (!COMMUNITY_KINDS.includes(area.kind)) throw badInput({ areaId: { key: 'reportInAreaKind' } });
  let workUnit: Unit | null = null;
  if (args.unit) {
    if (args.workUnitId) throw badInput({ workUnitId: { key: 'workUnitForPersonOnly' } });
    if (!isWithin(area.path, streetPathOf(args.unit.areaPath))) {
      throw badInput({ areaId: { key: 'reportInOutsideStreet' } });
    }
  } else {
    const home = viewer.user.homeArea ? await viewer.user.homeArea.load() : null;
    const homeCommunity = home ? communityPathOf(await levelsOf(em, home)) : null;
    if (homeCommunity !== area.path) throw badInput({ areaId: { key: 'reportInHomeOnly' } });
    if (args.workUnitId !== undefined && args.workUnitId !== null) {
      workUnit = await findById(em, Unit, args.workUnitId);
      if (!workUnit) throw badInput({ workUnitId: { key: 'NOT_FOUND' } });
    }
  }
  const openOne = args.unit ? { unit: args.unit.id } : { person: viewer.id };
  const duplicate = () => conflict({ key: 'alreadyReportedIn' }, { areaId: { key: 'alreadyReportedIn' } });
  if ((await em.count(ReportIn, { ...openOne, area, status: { $ne: ReportInStatus.DECLINED } })) > 0) throw duplicate();
  const now = clock();
  try {
    return await em.transactional(async (tx) => {
      const created = tx.create(ReportIn, {
        unit: args.unit?.id ?? null,
        person: args.unit ? null : viewer.id,
        workUnit: workUnit?.id ?? null,
        area: area.id,
        reportedBy: viewer.id,
        createdAt: now,
      });
      await tx.flush();
      await notify(tx, {
        recipients: (await staffOver(tx, area)).filter((id) => id !== viewer.id),
        kind: NotificationKind.REPORT_IN_RECEIVED,
        subject: { type: REPORT_IN_SUBJECT, id: created.id },
        params: { who: args.unit?.name ?? viewer.user.displayName, area: area.name },
        now,
      });
      return created;
    });
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) throw duplicate();
    throw error;
  }
}

/** Whether the viewer is the report-in's person or one of its unit's representatives. */
export function isReporter(reportIn: ReportIn, viewer: Viewer | null, unitIds: ReadonlySet<number>): boolean {
  if (!viewer) return false;
  return reportIn.person?.id === viewer.id || (!!reportIn.unit && unitIds.has(reportIn.unit.id));
}

/**
 * Accepts or declines a waiting report-in, once: of two answers at once, the second finds it
 * answered (INVALID_STATE). Tells the person, or the unit's representatives.
 */
export async function answerReportIn(
  em: EntityManager,
  viewer: Viewer,
  id: string,
  answer: { status: ReportInStatus.ACCEPTED } | { status: ReportInStatus.DECLINED; reason: string },
  clock: Clock = systemClock,
): Promise<ReportIn> {
  const found = await findById(em, ReportIn, id, { populate: ['area'] });
  if (!found) throw notFound();
  const area = found.area.getEntity();
  const mayAnswer = mayAnswerReportIns(viewer, area);
  // Those who neither answer it nor made it are told it does not exist; its reporter, that it is not theirs to answer.
  if (!mayAnswer && !isReporter(found, viewer, unitIdsOf(viewer))) throw notFound();
  if (!mayAnswer) throw forbidden();
  const now = clock();
  const reason = answer.status === ReportInStatus.DECLINED ? answer.reason.trim() : null;
  return em.transactional(async (tx) => {
    const changed = await tx.nativeUpdate(
      ReportIn,
      { id: found.id, status: ReportInStatus.PENDING },
      { status: answer.status, reason, answeredBy: viewer.id, answeredAt: now },
    );
    if (changed === 0) throw invalidState({ status: (await tx.findOneOrFail(ReportIn, found.id)).status });
    const reportIn = await tx.findOneOrFail(ReportIn, found.id, { refresh: true });
    const who = await whoReports(reportIn);
    recordAudit(tx, viewer, {
      action:
        answer.status === ReportInStatus.ACCEPTED
          ? UnitAuditAction.REPORT_IN_ACCEPT
          : UnitAuditAction.REPORT_IN_DECLINE,
      targetType: UnitAuditTarget.REPORT_IN,
      targetId: reportIn.id,
      area: tx.merge(area),
      before: { who, status: ReportInStatus.PENDING },
      after: { who, status: answer.status, reason },
    });
    await notify(tx, {
      recipients: reportIn.unit ? await representativeIds(tx, reportIn.unit.id) : [reportIn.person!.id],
      kind:
        answer.status === ReportInStatus.ACCEPTED
          ? NotificationKind.REPORT_IN_ACCEPTED
          : NotificationKind.REPORT_IN_DECLINED,
      subject: { type: REPORT_IN_SUBJECT, id: reportIn.id },
      params: { who, area: area.name, ...(reason ? { reason } : {}) },
      now,
    });
    return reportIn;
  });
}

/** The report-ins the viewer may list: to the communities they answer, their own, and their units'. */
export async function reportInFilterQuery(
  em: EntityManager,
  viewer: Viewer | null,
  given: ReportInFilter | null | undefined,
): Promise<FilterQuery<ReportIn>> {
  if (!viewer) return { id: 0 };
  const filter = given ?? {};
  const unitIds = [...unitIdsOf(viewer)];
  const conditions: FilterQuery<ReportIn>[] = [
    {
      $or: [
        { person: viewer.id },
        ...(unitIds.length ? [{ unit: { $in: unitIds } }] : []),
        ...viewer.scopesFor([Role.STAFF, Role.ADMIN]).map((path) => ({ area: { path: { $like: `${path}%` } } })),
      ],
    },
  ];
  if (filter.areaId !== undefined && filter.areaId !== null) {
    const area = await getArea(em, filter.areaId);
    conditions.push({ area: { path: { $like: `${area.path}%` } } });
  }
  if (filter.statuses?.length) conditions.push({ status: { $in: filter.statuses } });
  if (filter.ofUnits === true) conditions.push({ unit: { $ne: null } });
  if (filter.ofUnits === false) conditions.push({ person: { $ne: null } });
  return { $and: conditions };
}

export async function listReportIns(
  em: EntityManager,
  viewer: Viewer | null,
  filter: ReportInFilter | null | undefined,
  page: PageArgs,
) {
  return paginate(em, ReportIn, await reportInFilterQuery(em, viewer, filter), page, {
    orderBy: { id: 'desc' },
    populate: ['area', 'unit', 'person', 'workUnit'],
  });
}

/** Waiting report-ins to the communities where the viewer answers them (the to-do). */
export function countReportInsToAnswer(em: EntityManager, viewer: Viewer | null): Promise<number> {
  const scopes = viewer?.scopesFor([Role.STAFF, Role.ADMIN]) ?? [];
  if (scopes.length === 0) return Promise.resolve(0);
  return em.count(ReportIn, {
    status: ReportInStatus.PENDING,
    $or: scopes.map((path) => ({ area: { path: { $like: `${path}%` } } })),
  });
}

/**
 * The unit a need in a community may be assigned to: one stationed in the community's subtree,
 * or one reported in (accepted) to it. An unknown unit, or one of another street, is answered
 * as not found; one of the street that does not qualify is told why.
 */
export async function assignableUnit(
  em: EntityManager,
  need: { areaPath: string; communityId?: number | null; streetId: number },
  unitId: string,
): Promise<Unit> {
  const unit = await findById(em, Unit, unitId);
  if (!unit || unit.streetId !== need.streetId) throw badInput({ assigneeUnitId: { key: 'NOT_FOUND' } });
  const community = communityPathOf({ areaPath: need.areaPath, communityId: need.communityId ?? null });
  if (community && isWithin(unit.areaPath, community)) return unit;
  const accepted = need.communityId
    ? await em.count(ReportIn, { unit: unit.id, area: need.communityId, status: ReportInStatus.ACCEPTED })
    : 0;
  if (accepted === 0) throw badInput({ assigneeUnitId: { key: 'unitNotReportedIn' } });
  return unit;
}
