import { labelsByTargetId, targetRowIds } from '../audit/audit.reading.js';
import type { AuditTargetReading } from '../platform/module.js';
import { Contribution, Project, ProjectTask } from './project.entity.js';
import { ProjectAuditTarget } from './projects.audit.js';

/** How the audit log reads entries about projects, their tasks and contributions: all public, so by title. */
export const PROJECT_AUDIT_READING: Record<string, AuditTargetReading> = {
  [ProjectAuditTarget.PROJECT]: {
    async labels(em, entries) {
      const projects = await em.find(Project, { id: { $in: targetRowIds(entries) } });
      return labelsByTargetId(entries, new Map(projects.map((p) => [String(p.id), p.title])));
    },
    fields: {
      title: { label: 'projectAudit.title' },
      status: { label: 'projectAudit.status', value: { words: 'projectStatus.' } },
      budget: { label: 'projectAudit.budget' },
      description: { label: 'projectAudit.description' },
    },
  },
  [ProjectAuditTarget.PROJECT_TASK]: {
    async labels(em, entries) {
      const tasks = await em.find(ProjectTask, { id: { $in: targetRowIds(entries) } });
      return labelsByTargetId(entries, new Map(tasks.map((t) => [String(t.id), t.title])));
    },
  },
  [ProjectAuditTarget.CONTRIBUTION]: {
    async labels(em, entries) {
      const rows = await em.find(Contribution, { id: { $in: targetRowIds(entries) } });
      return labelsByTargetId(entries, new Map(rows.map((c) => [String(c.id), c.description])));
    },
  },
};
