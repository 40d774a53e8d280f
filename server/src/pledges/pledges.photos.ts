import type { EntityManager } from '@mikro-orm/postgresql';
import type { MediaAccessRule } from '../media/media.http.js';
import type { StoredPhoto } from '../media/media.images.js';
import { abandonedUploadsJob, photoUploadTarget, type UploadTable } from '../media/media.uploads.js';
import type { Viewer } from '../platform/auth/viewer.js';
import { unitIdsOf } from '../units/units.access.js';
import { CommitmentPhoto } from './pledge.entity.js';
import { canSeePledge } from './pledges.visibility.js';

/** An uploaded photo, not yet attached: confirmPledge (evidence) or addProjectPhotos takes it. */
async function saveCommitmentPhoto(em: EntityManager, viewer: Viewer, photo: StoredPhoto): Promise<CommitmentPhoto> {
  const row = em.create(CommitmentPhoto, { uploadedBy: viewer.user, ...photo });
  await em.flush();
  return row;
}

/** POST /uploads/commitment-photos: evidence for a pledge's outcome, or a project's photos. */
export const commitmentPhotoUploads = photoUploadTarget('/uploads/commitment-photos', saveCommitmentPhoto);

/**
 * Who may fetch a commitment photo: everyone when it is a project's, or its pledge's need is
 * public; otherwise the uploader (also before it is attached) and those who may see the pledge.
 */
export const commitmentPhotoAccess: MediaAccessRule = async (em, viewer, storageKey) => {
  const photo = await em.findOne(CommitmentPhoto, { storageKey }, { populate: ['pledge.need'] });
  if (!photo) return null;
  if (photo.project) return 'public';
  const pledge = photo.pledge?.getEntity() ?? null;
  const need = pledge?.need?.getEntity() ?? null;
  if (pledge && (pledge.project || need?.isPublic)) return 'public';
  if (viewer?.id === photo.uploadedBy.id) return 'private';
  const unitIds = unitIdsOf(viewer);
  return pledge && canSeePledge(viewer, pledge, need, unitIds) ? 'private' : null;
};

const COMMITMENT_UPLOADS: UploadTable = {
  table: 'commitment_photo',
  unattached: 'pledge_id is null and project_id is null',
};

/** Hourly: commitment photos no pledge or project took within a day. */
export const abandonedCommitmentPhotosJob = abandonedUploadsJob('deleteAbandonedCommitmentPhotos', COMMITMENT_UPLOADS);
