import type { Feature } from '../media/media.module.js';
import { CommitmentPhoto, Pledge } from './pledge.entity.js';

/** Pledges (认领/承诺) to needs and projects, confirmed by staff with evidence. */
export const pledgesModule: Feature = {
  entities: [Pledge, CommitmentPhoto],
};
