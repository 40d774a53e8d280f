import type { Feature } from '../media/media.module.js';
import { Meeting, MeetingParticipant, MeetingTopic } from './meeting.entity.js';

/** Meetings: agenda, participants, check-in by code or by staff with the live quorum, minutes. */
export const meetingsModule: Feature = {
  entities: [Meeting, MeetingTopic, MeetingParticipant],
};
