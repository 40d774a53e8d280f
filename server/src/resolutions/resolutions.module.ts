import type { Feature } from '../media/media.module.js';
import { Resolution, ResolutionPhoto, ResolutionUpdate } from './resolution.entity.js';

/** Resolutions (决议) of passed votes: owner, due date, progress with photos, late ones flagged. */
export const resolutionsModule: Feature = {
  entities: [Resolution, ResolutionUpdate, ResolutionPhoto],
};
