import type { Feature } from '../media/media.module.js';
import { Meeting, MeetingParticipant, MeetingTopic } from './meeting.entity.js';
import { MeetingAuditAction, MeetingAuditTarget } from './meetings.audit.js';
import { MEETING_AUDIT_READING } from './meetings.audit-reading.js';
import { MeetingsLiveResolver } from './meetings.live.js';
import {
  AttendanceResolver,
  CommitteeMeetingsResolver,
  MeetingsResolver,
  NotificationMeetingResolver,
  TopicMeetingsResolver,
} from './meetings.resolver.js';

/** Meetings: agenda, participants, check-in by code or by staff with the live quorum, minutes. */
export const meetingsModule: Feature = {
  entities: [Meeting, MeetingTopic, MeetingParticipant],
  resolvers: [
    MeetingsResolver,
    AttendanceResolver,
    CommitteeMeetingsResolver,
    TopicMeetingsResolver,
    NotificationMeetingResolver,
    MeetingsLiveResolver,
  ],
  auditVocabulary: {
    prefix: 'MEETING',
    actions: MeetingAuditAction,
    targets: MeetingAuditTarget,
    reading: MEETING_AUDIT_READING,
  },
};
