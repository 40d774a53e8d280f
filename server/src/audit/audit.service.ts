import type { EntityManager } from '@mikro-orm/postgresql';
import type { Area } from '../areas/area.entity.js';
import type { Viewer } from '../platform/auth/viewer.js';
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

export function listAuditEntries(em: EntityManager, area: Area, actions: AuditAction[] | undefined, page: PageArgs) {
  return paginate(
    em,
    AuditEntry,
    { areaPath: { $like: `${area.path}%` }, ...(actions?.length ? { action: { $in: actions } } : {}) },
    page,
    { orderBy: { id: 'desc' }, populate: ['actor', 'area'] },
  );
}
