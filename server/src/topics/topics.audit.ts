import { Area } from '../areas/area.entity.js';
import { labelsByTargetId, targetRowIds } from '../audit/audit.reading.js';
import type { AuditActionsOf } from '../audit/audit.vocabulary.js';
import type { AuditTargetReading } from '../platform/module.js';
import { Topic } from './topic.entity.js';

/** What the audit log records of topics, as stored; TOPIC_ADMIT, … in GraphQL. */
export const TopicAuditAction = {
  ADMIT: 'topic.admit',
  DECLINE: 'topic.decline',
  ADVANCE_STAGE: 'topic.advance_stage',
  THRESHOLD_SET: 'topic.threshold_set',
} as const;
export type TopicAuditAction = (typeof TopicAuditAction)[keyof typeof TopicAuditAction];
export const TopicAuditTarget = { TOPIC: 'Topic', TOPIC_THRESHOLD: 'TopicThreshold' } as const;

/** Topics are public: entries read by the topic's title; a threshold's by its community's name. */
export const TOPIC_AUDIT_READING: Record<string, AuditTargetReading> = {
  [TopicAuditTarget.TOPIC]: {
    async labels(em, entries) {
      const topics = await em.find(Topic, { id: { $in: targetRowIds(entries) } });
      return labelsByTargetId(entries, new Map(topics.map((row) => [String(row.id), row.title])));
    },
    fields: {
      status: { label: 'topicAudit.status', value: { words: 'topicStatus.' } },
      reason: { label: 'topicAudit.reason' },
      stage: { label: 'topicAudit.stage', value: { words: 'topicStage.' } },
      note: { label: 'topicAudit.note' },
    },
  },
  [TopicAuditTarget.TOPIC_THRESHOLD]: {
    async labels(em, entries) {
      const areas = await em.find(Area, { id: { $in: targetRowIds(entries) } });
      return labelsByTargetId(entries, new Map(areas.map((row) => [String(row.id), row.name])));
    },
    fields: { threshold: { label: 'topicAudit.threshold' } },
  },
};

type TopicAuditTargets = typeof TopicAuditTarget;
// Tells the compiler what the module's auditVocabulary adds at run time; empty interfaces that extend are how declarations merge.
/* eslint-disable @typescript-eslint/no-empty-object-type */
declare module '../audit/audit.vocabulary.js' {
  interface AuditActions extends AuditActionsOf<'TOPIC', typeof TopicAuditAction> {}
  interface AuditTargets extends TopicAuditTargets {}
}
