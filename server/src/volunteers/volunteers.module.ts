import type { Feature } from '../media/media.module.js';
import { VOLUNTEER_AUDIT_READING } from './volunteers.audit-reading.js';
import { VolunteerProfile, VolunteerRecordNote, VolunteerServedArea } from './volunteer.entity.js';
import { VolunteerAuditAction, VolunteerAuditTarget } from './volunteers.audit.js';
import {
  NotificationVolunteerResolver,
  UserVolunteerProfileResolver,
  VolunteerRecordNoteResolver,
  VolunteersResolver,
  VolunteerTodosResolver,
} from './volunteers.resolver.js';

/** Volunteers: profiles, guardians' consent for minors, training, awards and evaluations on the record. */
export const volunteersModule: Feature = {
  entities: [VolunteerProfile, VolunteerServedArea, VolunteerRecordNote],
  resolvers: [
    VolunteersResolver,
    VolunteerRecordNoteResolver,
    UserVolunteerProfileResolver,
    VolunteerTodosResolver,
    NotificationVolunteerResolver,
  ],
  auditVocabulary: {
    prefix: 'VOLUNTEER',
    actions: VolunteerAuditAction,
    targets: VolunteerAuditTarget,
    reading: VOLUNTEER_AUDIT_READING,
  },
};
