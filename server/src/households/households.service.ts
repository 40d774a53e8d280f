import { UniqueConstraintViolationException, type EntityManager, type FilterQuery } from '@mikro-orm/postgresql';
import { Area, AreaKind } from '../areas/area.entity.js';
import { levelsOf } from '../areas/area-levels.js';
import { getArea } from '../areas/areas.service.js';
import { recordAudit } from '../audit/audit.service.js';
import { findVisibleUser } from '../people/people.service.js';
import type { User } from '../people/user.entity.js';
import type { Viewer } from '../platform/auth/viewer.js';
import { systemClock, type Clock } from '../platform/clock.js';
import { badInput, conflict, forbidden, notFound } from '../platform/errors.js';
import { containing, findById, toId } from '../platform/ids.js';
import { once } from '../platform/idempotency.js';
import { paginate, type PageArgs } from '../platform/pagination.js';
import { requireRule } from '../platform/scope.js';
import { Household, HouseholdMember } from './household.entity.js';
import { mayManageHouseholds } from './households.access.js';
import { HouseholdAuditAction, HouseholdAuditTarget } from './households.audit.js';
import type { HouseholdMemberInput, RegisterHouseholdInput } from './households.inputs.js';
import { floorAreaErrors, roundFloorArea } from './households.rules.js';

const labelTaken = () => conflict({ key: 'householdLabelTaken' }, { label: { key: 'householdLabelTaken' } });

/** A person within the people picker's reach (whose personal data the viewer may see); anyone else is an unknown id. */
async function reachablePerson(em: EntityManager, viewer: Viewer, userId: string): Promise<User> {
  const user = await findVisibleUser(em, viewer, userId);
  if (!user) throw notFound();
  return user;
}

/** Whether the viewer is a member of the household. */
async function isMember(em: EntityManager, viewer: Viewer | null, householdId: number): Promise<boolean> {
  return !!viewer && (await em.count(HouseholdMember, { household: householdId, user: viewer.id })) > 0;
}

/**
 * The household to change: NOT_FOUND when unknown or beyond the viewer (a member of it who may
 * not manage it is told FORBIDDEN: they know it exists).
 */
async function managedHousehold(
  em: EntityManager,
  viewer: Viewer,
  id: string,
): Promise<{ household: Household; area: Area }> {
  const household = await findById(em, Household, id, { populate: ['area'] });
  if (!household) throw notFound();
  const area = household.area.getEntity();
  if (!mayManageHouseholds(viewer, area)) {
    if (await isMember(em, viewer, household.id)) throw forbidden();
    throw notFound();
  }
  return { household, area };
}

/** A household as its members and the staff over its building see it; null for anyone else. */
export async function findVisibleHousehold(
  em: EntityManager,
  viewer: Viewer | null,
  id: string,
): Promise<Household | null> {
  const household = await findById(em, Household, id);
  if (!household) return null;
  if (viewer && mayManageHouseholds(viewer, { path: household.areaPath })) return household;
  return (await isMember(em, viewer, household.id)) ? household : null;
}

/**
 * Registers a flat of a building; its representative, if named, becomes its first (adult)
 * member. The label is unique in the building: a duplicate, also one sent at the same time, is CONFLICT.
 */
export async function registerHousehold(
  em: EntityManager,
  viewer: Viewer,
  input: RegisterHouseholdInput,
  clock: Clock = systemClock,
): Promise<Household> {
  const building = await getArea(em, input.buildingId);
  requireRule(viewer, mayManageHouseholds, building);
  if (building.kind !== AreaKind.BUILDING) throw badInput({ buildingId: { key: 'householdBuildingOnly' } });
  const errors = floorAreaErrors(input.floorArea);
  if (Object.keys(errors).length) throw badInput(errors);
  const representative =
    input.representativeId !== undefined && input.representativeId !== null
      ? await reachablePerson(em, viewer, input.representativeId)
      : null;
  const label = input.label.trim();
  const { idempotencyKey, ...rest } = input;
  const now = clock();
  try {
    return await em.transactional((tx) =>
      once(
        tx,
        { actorId: viewer.id, operation: 'household.register', key: idempotencyKey, input: rest },
        async () => {
          if ((await tx.count(Household, { area: building.id, label })) > 0) throw labelTaken();
          const household = tx.create(Household, {
            ...(await levelsOf(tx, building)),
            label,
            floorArea: roundFloorArea(input.floorArea),
            representative: representative?.id ?? null,
            createdAt: now,
          });
          if (representative) {
            tx.create(HouseholdMember, {
              household,
              user: representative.id,
              isOwner: false,
              adult: true,
              createdAt: now,
            });
          }
          await tx.flush();
          recordAudit(tx, viewer, {
            action: HouseholdAuditAction.REGISTER,
            targetType: HouseholdAuditTarget.HOUSEHOLD,
            targetId: household.id,
            area: building,
            after: { label, floorArea: household.floorArea ?? null, representativeId: representative?.id ?? null },
          });
          return household;
        },
        (id) => tx.findOneOrFail(Household, id),
      ),
    );
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) throw labelTaken();
    throw error;
  }
}

/**
 * Adds a person to a household, or changes whether they own it and are adult. The
 * representative stays an adult: making them a minor is refused.
 */
export async function setHouseholdMember(
  em: EntityManager,
  viewer: Viewer,
  input: HouseholdMemberInput,
  clock: Clock = systemClock,
): Promise<Household> {
  const { household, area } = await managedHousehold(em, viewer, input.householdId);
  const user = await reachablePerson(em, viewer, input.userId);
  const adult = input.adult ?? null;
  if (adult === false && household.representative?.id === user.id) {
    throw badInput({ adult: { key: 'representativeMustBeAdult' } });
  }
  return em.transactional(async (tx) => {
    const [before] = await tx.execute<{ is_owner: boolean; adult: boolean }[]>(
      'select is_owner, adult from household_member where household_id = ? and user_id = ? for update',
      [household.id, user.id],
    );
    // One statement, so two requests adding the same person at once leave one member.
    const [after] = await tx.execute<{ is_owner: boolean; adult: boolean }[]>(
      `insert into household_member (household_id, user_id, is_owner, adult, created_at) values (?, ?, ?, coalesce(?::boolean, true), ?)
       on conflict (household_id, user_id) do update
         set is_owner = excluded.is_owner, adult = coalesce(?::boolean, household_member.adult)
       returning is_owner, adult`,
      [household.id, user.id, input.isOwner, adult, clock(), adult],
    );
    recordAudit(tx, viewer, {
      action: HouseholdAuditAction.MEMBER_SET,
      targetType: HouseholdAuditTarget.HOUSEHOLD,
      targetId: household.id,
      area: tx.merge(area),
      before: before ? { userId: user.id, isOwner: before.is_owner, adult: before.adult } : null,
      after: { userId: user.id, isOwner: after!.is_owner, adult: after!.adult },
    });
    return household;
  });
}

/** Takes a person out of a household; if they represented it, it has no representative until one is set. */
export async function removeHouseholdMember(
  em: EntityManager,
  viewer: Viewer,
  householdId: string,
  userId: string,
): Promise<Household> {
  const { household, area } = await managedHousehold(em, viewer, householdId);
  const user = await reachablePerson(em, viewer, userId);
  return em.transactional(async (tx) => {
    const removed = await tx.nativeDelete(HouseholdMember, { household: household.id, user: user.id });
    if (removed === 0) throw badInput({ userId: { key: 'notHouseholdMember' } });
    const wasRepresentative = household.representative?.id === user.id;
    if (wasRepresentative) {
      await tx.nativeUpdate(Household, { id: household.id, representative: user.id }, { representative: null });
      tx.merge(household).representative = null;
    }
    recordAudit(tx, viewer, {
      action: HouseholdAuditAction.MEMBER_REMOVE,
      targetType: HouseholdAuditTarget.HOUSEHOLD,
      targetId: household.id,
      area: tx.merge(area),
      before: { userId: user.id, ...(wasRepresentative ? { representativeId: user.id } : {}) },
    });
    return household;
  });
}

/** The 户代表: an adult member, or null to clear it. */
export async function setHouseholdRepresentative(
  em: EntityManager,
  viewer: Viewer,
  householdId: string,
  userId: string | null | undefined,
): Promise<Household> {
  const { household, area } = await managedHousehold(em, viewer, householdId);
  let representativeId: number | null = null;
  if (userId !== null && userId !== undefined) {
    const memberId = toId(userId);
    const member = memberId ? await em.findOne(HouseholdMember, { household: household.id, user: memberId }) : null;
    if (!member) {
      await reachablePerson(em, viewer, userId);
      throw badInput({ userId: { key: 'notHouseholdMember' } });
    }
    if (!member.adult) throw badInput({ userId: { key: 'representativeMustBeAdult' } });
    representativeId = member.user.id;
  }
  const before = household.representative?.id ?? null;
  return em.transactional(async (tx) => {
    if (representativeId !== null) {
      // Still an adult member when written: a removal at the same moment leaves no stranger representing it.
      const changed = await tx.execute<{ affectedRows: number }>(
        `update household set representative_id = ? where id = ?
           and exists (select 1 from household_member m where m.household_id = ? and m.user_id = ? and m.adult)`,
        [representativeId, household.id, household.id, representativeId],
        'run',
      );
      if (changed.affectedRows === 0) throw badInput({ userId: { key: 'notHouseholdMember' } });
    } else {
      await tx.nativeUpdate(Household, { id: household.id }, { representative: null });
    }
    recordAudit(tx, viewer, {
      action: HouseholdAuditAction.REPRESENTATIVE_SET,
      targetType: HouseholdAuditTarget.HOUSEHOLD,
      targetId: household.id,
      area: tx.merge(area),
      before: { representativeId: before },
      after: { representativeId },
    });
    return tx.findOneOrFail(Household, household.id, { refresh: true });
  });
}

export async function setHouseholdFloorArea(
  em: EntityManager,
  viewer: Viewer,
  householdId: string,
  floorArea: number | null | undefined,
): Promise<Household> {
  const { household, area } = await managedHousehold(em, viewer, householdId);
  const errors = floorAreaErrors(floorArea);
  if (Object.keys(errors).length) throw badInput(errors);
  const value = roundFloorArea(floorArea);
  const before = household.floorArea ?? null;
  return em.transactional(async (tx) => {
    await tx.nativeUpdate(Household, { id: household.id }, { floorArea: value });
    recordAudit(tx, viewer, {
      action: HouseholdAuditAction.FLOOR_AREA_SET,
      targetType: HouseholdAuditTarget.HOUSEHOLD,
      targetId: household.id,
      area: tx.merge(area),
      before: { floorArea: before },
      after: { floorArea: value },
    });
    return tx.findOneOrFail(Household, household.id, { refresh: true });
  });
}

/** Households of the buildings in an area's subtree, by label; the flat's label or a member's name searched. */
export async function listHouseholds(
  em: EntityManager,
  viewer: Viewer,
  args: { areaId: string; search?: string | null } & PageArgs,
) {
  const area = await getArea(em, args.areaId);
  requireRule(viewer, mayManageHouseholds, area);
  const conditions: FilterQuery<Household>[] = [{ areaPath: { $like: `${area.path}%` } }];
  const search = args.search?.trim();
  if (search) {
    const pattern = containing(search);
    const byMember = await em.execute<{ household_id: number }[]>(
      `select distinct m.household_id from household_member m
         join household h on h.id = m.household_id
         join app_user u on u.id = m.user_id
        where h.area_path like ? and u.display_name ilike ?`,
      [`${area.path}%`, pattern],
    );
    conditions.push({
      $or: [{ label: { $ilike: pattern } }, { id: { $in: byMember.map((row) => row.household_id) } }],
    });
  }
  return paginate(em, Household, { $and: conditions }, args, { orderBy: { areaPath: 'asc', label: 'asc', id: 'asc' } });
}

/** The households the viewer belongs to. */
export async function myHouseholds(em: EntityManager, viewer: Viewer | null): Promise<Household[]> {
  if (!viewer) return [];
  const rows = await em.find(HouseholdMember, { user: viewer.id }, { populate: ['household'], orderBy: { id: 'asc' } });
  return rows.map((row) => row.household.getEntity());
}

/** Members of each household, with their people: one query for a page. */
export async function membersOf(em: EntityManager, ids: readonly number[]): Promise<HouseholdMember[][]> {
  const rows = await em.find(
    HouseholdMember,
    { household: { $in: [...ids] } },
    { populate: ['user'], orderBy: { id: 'asc' } },
  );
  return ids.map((id) => rows.filter((row) => row.household.id === id));
}
