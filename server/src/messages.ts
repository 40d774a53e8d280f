import { activitiesMessages } from './activities/activities.messages.js';
import { areasMessages } from './areas/areas.messages.js';
import { attendanceMessages } from './attendance/attendance.messages.js';
import { boardMessages } from './board/board.messages.js';
import { auditMessages } from './audit/audit.messages.js';
import { meetingsMessages } from './meetings/meetings.messages.js';
import { committeesMessages } from './committees/committees.messages.js';
import { householdsMessages } from './households/households.messages.js';
import { needsMessages } from './needs/needs.messages.js';
import { notificationsMessages } from './notifications/notifications.messages.js';
import { offersMessages } from './offers/offers.messages.js';
import { peopleMessages } from './people/people.messages.js';
import { pledgesMessages } from './pledges/pledges.messages.js';
import { projectsMessages } from './projects/projects.messages.js';
import { resolutionsMessages } from './resolutions/resolutions.messages.js';
import { recordsMessages } from './records/records.messages.js';
import { unitRankingMessages } from './units/units.ranking.messages.js';
import { topicsMessages } from './topics/topics.messages.js';
import { unitsMessages } from './units/units.messages.js';
import { votesMessages } from './votes/votes.messages.js';
import { volunteersMessages } from './volunteers/volunteers.messages.js';
import { teamsMessages } from './teams/teams.messages.js';
import { certificatesMessages } from './certificates/certificates.messages.js';
import type { Catalogue } from './platform/i18n/messages.js';

/** Every feature's message catalogue, handed to platform/i18n by app.ts. */
export const featureMessages = [
  areasMessages,
  peopleMessages,
  needsMessages,
  auditMessages,
  notificationsMessages,
  unitsMessages,
  offersMessages,
  projectsMessages,
  pledgesMessages,
  unitRankingMessages,
  meetingsMessages,
  boardMessages,
  resolutionsMessages,
  votesMessages,
  householdsMessages,
  committeesMessages,
  topicsMessages,
  volunteersMessages,
  teamsMessages,
  certificatesMessages,
  activitiesMessages,
  attendanceMessages,
  recordsMessages,
] as const;

type FeatureMessageKey = (typeof featureMessages)[number] extends infer Each
  ? Each extends Catalogue<infer Key>
    ? Key
    : never
  : never;

// The platform's MessageKey learns the features' keys here, from the same list that is registered.
declare module './platform/i18n/messages.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging
  interface Messages extends Record<FeatureMessageKey, string> {}
}
