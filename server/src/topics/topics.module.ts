import type { Feature } from '../media/media.module.js';
import { Topic, TopicStageEntry, TopicSupport, TopicThreshold } from './topic.entity.js';

/** Topics (议题): proposed, supported, admitted, taken through a procedure template's stages. */
export const topicsModule: Feature = {
  entities: [Topic, TopicSupport, TopicStageEntry, TopicThreshold],
};
