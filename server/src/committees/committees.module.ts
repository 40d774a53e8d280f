import type { Feature } from '../media/media.module.js';
import { Committee, CommitteeMember } from './committee.entity.js';
import { COMMITTEE_AUDIT_READING, CommitteeAuditAction, CommitteeAuditTarget } from './committees.audit.js';
import { termRolesJob } from './committees.jobs.js';
import {
  CommitteeMemberResolver,
  CommitteesResolver,
  NotificationCommitteeResolver,
  UserCommitteesResolver,
} from './committees.resolver.js';

/** Joint committees (大工委, 大党委, 联席会议) and their members for a term. */
export const committeesModule: Feature = {
  entities: [Committee, CommitteeMember],
  resolvers: [CommitteesResolver, CommitteeMemberResolver, UserCommitteesResolver, NotificationCommitteeResolver],
  jobs: [termRolesJob],
  auditVocabulary: {
    prefix: 'COMMITTEE',
    actions: CommitteeAuditAction,
    targets: CommitteeAuditTarget,
    reading: COMMITTEE_AUDIT_READING,
  },
};
