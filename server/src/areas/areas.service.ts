import { UniqueConstraintViolationException, type EntityManager, type FilterQuery } from '@mikro-orm/postgresql';
import { recordAudit } from '../audit/audit.service.js';
import type { Viewer } from '../platform/auth/viewer.js';
import { badInput, conflict, notFound } from '../platform/errors.js';
import { findById, toId } from '../platform/ids.js';
import { requireRule } from '../platform/scope.js';
import { Area, AreaKind } from './area.entity.js';
import { AreaAuditAction, AreaAuditTarget } from './areas.audit.js';
import { childPath, kindFitsUnder, mayManageAreas } from './areas.rules.js';

export function findArea(em: EntityManager, id: string | number | null | undefined): Promise<Area | null> {
  return findById(em, Area, id);
}

export async function getArea(em: EntityManager, id: string | number | null | undefined): Promise<Area> {
  const area = await findArea(em, id);
  if (!area) throw notFound();
  return area;
}

export async function listAreas(em: EntityManager, parentId: string | undefined, kinds: AreaKind[] | undefined) {
  const where: FilterQuery<Area> = {};
  if (parentId !== undefined && parentId !== null) {
    const parent = toId(parentId);
    if (parent === null) return [];
    where.parent = parent;
  } else {
    where.parent = null;
  }
  if (kinds?.length) where.kind = { $in: kinds };
  return em.find(Area, where, { orderBy: { id: 'asc' } });
}

const snapshot = (area: Area) => ({ name: area.name, kind: area.kind, path: area.path });

function nameTaken() {
  return conflict({ key: 'areaNameTaken' }, { name: { key: 'areaNameTaken' } });
}

export async function createArea(
  em: EntityManager,
  viewer: Viewer,
  input: { name: string; kind: AreaKind; parentId?: string | null },
): Promise<Area> {
  if (input.parentId === undefined || input.parentId === null) {
    throw badInput({ parentId: { key: 'rootAreaNotAllowed' } }, { key: 'rootAreaNotAllowed' });
  }
  const parent = await getArea(em, input.parentId);
  requireRule(viewer, mayManageAreas, parent);
  if (!kindFitsUnder(input.kind, parent.kind)) {
    const misfit = { key: 'areaKindMisfit', params: { child: `@${input.kind}`, parent: `@${parent.kind}` } } as const;
    throw badInput({ kind: misfit }, misfit);
  }
  try {
    return await em.transactional((tx) => insertArea(tx, viewer, input.name.trim(), input.kind, parent));
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) throw nameTaken();
    throw error;
  }
}

export async function renameArea(em: EntityManager, viewer: Viewer, input: { id: string; name: string }) {
  const area = await getArea(em, input.id);
  requireRule(viewer, mayManageAreas, area);
  const before = snapshot(area);
  try {
    return await em.transactional(async (tx) => {
      const managed = tx.merge(area);
      managed.name = input.name.trim();
      recordAudit(tx, viewer, {
        action: AreaAuditAction.RENAME,
        targetType: AreaAuditTarget.AREA,
        targetId: area.id,
        area: managed,
        before,
        after: snapshot(managed),
      });
      return managed;
    });
  } catch (error) {
    if (error instanceof UniqueConstraintViolationException) throw nameTaken();
    throw error;
  }
}

/** Root areas (streets) come from the operator's command line, never the API. */
export function createStreet(em: EntityManager, name: string): Promise<Area> {
  return em.transactional((tx) => insertArea(tx, null, name, AreaKind.STREET, null));
}

/** The id is drawn first because the area's own id ends its path. */
export async function insertArea(
  tx: EntityManager,
  actor: Viewer | null,
  name: string,
  kind: AreaKind,
  parent: Area | null,
) {
  const [row] = await tx.execute<{ id: number }[]>(`select nextval('area_id_seq')::int as id`);
  const id = row!.id;
  const area = tx.create(Area, {
    id,
    name,
    kind,
    parent: parent ?? undefined,
    path: childPath(parent?.path ?? null, id),
    depth: parent ? parent.depth + 1 : 0,
  });
  // Flushed at once: a batch would insert siblings before their parent's id is set on them.
  await tx.flush();
  recordAudit(tx, actor, {
    action: AreaAuditAction.CREATE,
    targetType: AreaAuditTarget.AREA,
    targetId: id,
    area,
    after: snapshot(area),
  });
  return area;
}
