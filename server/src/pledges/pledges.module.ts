import type { Feature } from '../media/media.module.js';
import { UnitRankingResolver, UnitScoreResolver } from '../units/units.ranking.js';
import { registerUnitRankingExport } from '../units/units.ranking-export.js';
import { CommitmentPhoto, Pledge } from './pledge.entity.js';
import { PledgeAuditAction, PledgeAuditTarget } from './pledges.audit.js';
import { pledgeOverdueJob } from './pledges.jobs.js';
import { NotificationPledgeResolver } from './pledges.notifications.js';
import { abandonedCommitmentPhotosJob, commitmentPhotoAccess, commitmentPhotoUploads } from './pledges.photos.js';
import {
  NeedPledgesResolver,
  PledgeRequestPledgeResolver,
  PledgesResolver,
  ProjectPledgesResolver,
  UnitPledgesResolver,
} from './pledges.resolver.js';
import { PledgeTodosResolver } from './pledges.todos.js';

/**
 * Pledges (认领/承诺) to needs and projects, confirmed by staff with evidence; and the units'
 * co-building score and ranking built on them (in units/, registered here: units.module.ts is
 * the units' own).
 */
export const pledgesModule: Feature = {
  entities: [Pledge, CommitmentPhoto],
  resolvers: [
    PledgesResolver,
    NeedPledgesResolver,
    ProjectPledgesResolver,
    UnitPledgesResolver,
    PledgeRequestPledgeResolver,
    NotificationPledgeResolver,
    PledgeTodosResolver,
    UnitScoreResolver,
    UnitRankingResolver,
  ],
  routes: registerUnitRankingExport,
  jobs: [pledgeOverdueJob, abandonedCommitmentPhotosJob],
  mediaAccess: commitmentPhotoAccess,
  photoUploads: commitmentPhotoUploads,
  auditVocabulary: { prefix: 'PLEDGE', actions: PledgeAuditAction, targets: PledgeAuditTarget },
};
