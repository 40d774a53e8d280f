import { visibleTo } from '../areas/area-levels.js';
import { labelsByTargetId, targetRowIds } from '../audit/audit.reading.js';
import { isMessageKey, translate } from '../platform/i18n/messages.js';
import type { AuditTargetReading } from '../platform/module.js';
import { Need } from './need.entity.js';
import { NeedAuditTarget } from './needs.audit.js';
import { NEED_VISIBILITY } from './needs.access.js';

/**
 * How the audit log reads entries about needs (by the title, for those who may see the need)
 * and deadline policies ("category × urgency"), with their fields in words.
 */
export const NEED_AUDIT_READING: Record<string, AuditTargetReading> = {
  [NeedAuditTarget.NEED]: {
    async labels(em, entries, { viewer }) {
      // An administrator reads the log of the whole street but not every private need in it.
      const needs = await em.find(Need, {
        $and: [{ id: { $in: targetRowIds(entries) } }, visibleTo(viewer, NEED_VISIBILITY)],
      });
      return labelsByTargetId(entries, new Map(needs.map((need) => [String(need.id), need.title])));
    },
    fields: {
      status: { label: 'needExport.status', value: { words: 'needStatus.' } },
      assigneeId: { label: 'needExport.assignee', value: 'person' },
      responsibleAreaId: { label: 'needAudit.responsibleArea', value: 'area' },
    },
  },
  [NeedAuditTarget.NEED_DEADLINE_POLICY]: {
    // The id is `<street id>:<category>:<urgency>`: the words need no query.
    async labels(_em, entries, { locale }) {
      return entries.map((entry) => {
        const [, category, urgency] = entry.targetId.split(':');
        const words = [`needCategory.${category}`, `needUrgency.${urgency}`];
        return words.every(isMessageKey) ? words.map((key) => translate(locale, key)).join(' × ') : null;
      });
    },
    fields: {
      respondHours: { label: 'needAudit.respondHours' },
      resolveHours: { label: 'needAudit.resolveHours' },
    },
  },
};
