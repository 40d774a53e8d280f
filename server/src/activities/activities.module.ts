import type { Feature } from '../media/media.module.js';
import { Activity, ActivityPhoto, Shift, ShiftSignup } from './activity.entity.js';

/** Volunteer activities: shifts with places, sign-up, the waiting list and promotions, no-shows. */
export const activitiesModule: Feature = {
  entities: [Activity, Shift, ShiftSignup, ActivityPhoto],
};
