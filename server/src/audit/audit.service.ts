import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import type { Area } from '../areas/area.entity.js';
import type { Viewer } from '../platform/auth/viewer.js';
import { toId } from '../platform/ids.js';
import { paginate, type PageArgs } from '../platform/pagination.js';
import { AuditEntry } from './audit-entry.entity.js';
import type { AuditAction, AuditTarget } from './audit.vocabulary.js';

export interface AuditRecord {
  action: AuditAction;
  targetType: AuditTarget;
  targetId: string | number;
  area: Area;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  /** When it happened, if not now (the demo seed replays the past). */
  at?: Date;
}

/** Adds an audit entry to the unit of work; it is written with the change it describes. */
export function recordAudit(em: EntityManager, actor: Viewer | null, record: AuditRecord): void {
  em.create(AuditEntry, {
    actor: actor?.user,
    action: record.action,
    targetType: record.targetType,
    targetId: String(record.targetId),
    area: record.area,
    areaPath: record.area.path,
    before: record.before ?? null,
    after: record.after ?? null,
    ...(record.at ? { at: record.at } : {}),
  });
}

export interface AuditFilter {
  /** Any of these actions. */
  actions?: AuditAction[];
  /** Any of these people (ids that are not a row id match nothing, as ids of people outside the area do). */
  actorIds?: string[];
  /** At or after. */
  from?: Date;
  /** Before. */
  to?: Date;
}

/** Plain rule: the filter's conditions on entries of the area's subtree. */
export function auditConditions(area: Pick<Area, 'path'>, filter: AuditFilter): FilterQuery<AuditEntry> {
  const conditions: FilterQuery<AuditEntry>[] = [{ areaPath: { $like: `${area.path}%` } }];
  if (filter.actions?.length) conditions.push({ action: { $in: filter.actions } });
  if (filter.actorIds?.length) {
    const ids = filter.actorIds.map(toId).filter((id): id is number => id !== null);
    conditions.push(ids.length ? { actor: { $in: ids } } : { id: { $in: [] } });
  }
  if (filter.from) conditions.push({ at: { $gte: filter.from } });
  if (filter.to) conditions.push({ at: { $lt: filter.to } });
  return { $and: conditions };
}

export function listAuditEntries(em: EntityManager, area: Area, filter: AuditFilter, page: PageArgs) {
  return paginate(em, AuditEntry, auditConditions(area, filter), page, {
    orderBy: { id: 'desc' },
    populate: ['actor', 'area'],
  });
}
