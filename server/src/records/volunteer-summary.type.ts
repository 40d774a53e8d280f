import { ObjectType } from 'type-graphql';

/**
 * The viewer's volunteering at a glance (myVolunteering). Its fields are field resolvers:
 * records/ resolves hours, stars, sign-ups, records and corrections; certificates/ adds
 * `certificates`.
 */
@ObjectType({ description: "The viewer's volunteering: hours, star, sign-ups, records, corrections, certificates" })
export class VolunteerSummary {
  /** The signed-in viewer. */
  userId: number;
  /** Null when the viewer is not a volunteer. */
  profileId: number | null;
}
