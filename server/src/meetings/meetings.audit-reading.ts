import { labelsByTargetId, targetRowIds } from '../audit/audit.reading.js';
import type { AuditTargetReading } from '../platform/module.js';
import { Meeting } from './meeting.entity.js';
import { MeetingAuditTarget } from './meetings.audit.js';

/** How the audit log reads entries about meetings: public, so by title. */
export const MEETING_AUDIT_READING: Record<string, AuditTargetReading> = {
  [MeetingAuditTarget.MEETING]: {
    async labels(em, entries) {
      const meetings = await em.find(Meeting, { id: { $in: targetRowIds(entries) } });
      return labelsByTargetId(entries, new Map(meetings.map((m) => [String(m.id), m.title])));
    },
    fields: {
      title: { label: 'meetingAudit.title' },
      kind: { label: 'meetingAudit.kind', value: { words: 'meetingKind.' } },
      startsAt: { label: 'meetingAudit.startsAt' },
      place: { label: 'meetingAudit.place' },
      reason: { label: 'meetingAudit.reason' },
      userId: { label: 'meetingAudit.userId', value: 'person' },
      minutes: { label: 'meetingAudit.minutes' },
    },
  },
};
