import type { Feature } from '../media/media.module.js';
import { Topic, TopicStageEntry, TopicSupport, TopicThreshold } from './topic.entity.js';
import { TOPIC_AUDIT_READING, TopicAuditAction, TopicAuditTarget } from './topics.audit.js';
import { NotificationTopicResolver, TopicsResolver, TopicTodosResolver } from './topics.resolver.js';

/** Topics (议题): proposed, supported, admitted, taken through a procedure template's stages. */
export const topicsModule: Feature = {
  entities: [Topic, TopicSupport, TopicStageEntry, TopicThreshold],
  resolvers: [TopicsResolver, TopicTodosResolver, NotificationTopicResolver],
  auditVocabulary: {
    prefix: 'TOPIC',
    actions: TopicAuditAction,
    targets: TopicAuditTarget,
    reading: TOPIC_AUDIT_READING,
  },
};
