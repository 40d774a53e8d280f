import type { Feature } from '../media/media.module.js';
import { VolunteerProfile, VolunteerRecordNote, VolunteerServedArea } from './volunteer.entity.js';

/** Volunteers: profiles, guardians' consent for minors, training, awards and evaluations on the record. */
export const volunteersModule: Feature = {
  entities: [VolunteerProfile, VolunteerServedArea, VolunteerRecordNote],
};
