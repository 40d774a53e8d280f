import type { Feature } from '../media/media.module.js';
import { Committee, CommitteeMember } from './committee.entity.js';

/** Joint committees (大工委, 大党委, 联席会议) and their members for a term. */
export const committeesModule: Feature = {
  entities: [Committee, CommitteeMember],
};
