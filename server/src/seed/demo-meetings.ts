import type { EntityManager } from '@mikro-orm/postgresql';
import { Area } from '../areas/area.entity.js';
import { MeetingKind, ParticipantRole } from '../meetings/meetings.enums.js';
import { checkInSubject } from '../meetings/meetings.rules.js';
import { checkIn, publishMinutes, scheduleMeeting, writeMinutes } from '../meetings/meetings.service.js';
import { viewerOf } from '../people/sessions.js';
import type { User } from '../people/user.entity.js';
import { clockAt } from '../platform/clock.js';
import { codeFor } from '../platform/rotating-codes.js';
import { Topic } from '../topics/topic.entity.js';
import { DEMO_MEETINGS, DEMO_TOPICS } from './demo-council.data.js';

/** 李秀英, staff of 幸福里社区; the demo resident and neighbour (seed/demo.ts DEMO_ACCOUNTS). */
const XINGFULI_STAFF = '13800000002';
const RESIDENT = '13800000006';
const NEIGHBOUR = '13800000007';
const VOLUNTEER = '13800000005';

const DAY = 86_400_000;
const MINUTE = 60_000;

/** Midnight UTC of the day `days` from now, plus 11 hours: 19:00 in Asia/Shanghai. */
function at19(days: number): Date {
  const day = new Date(Date.now() + days * DAY);
  return new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), 11));
}

const PAST_MINUTES = `一、3号楼加装电梯：业主代表介绍方案，听取了低层住户关于采光和噪音的意见，同意提交3号楼业主表决。
二、下次议事会讨论夜间停车。`;

/**
 * The two meetings of 幸福里社区, played through the meetings' own services: the upcoming
 * council with the parking topic on its agenda (the demo resident, the neighbour and ten more
 * residents invited, nobody checked in yet), and last month's with the elevator topic, 14
 * checked in (by code, and from the paper sheet by staff), its minutes published. The topics
 * are s-topics' (planted before); a database without them gets the meetings without an agenda.
 */
export async function seedDemoMeetings(tx: EntityManager, users: Map<string, User>): Promise<void> {
  const staff = await viewerOf(tx, users.get(XINGFULI_STAFF)!);
  const community = await tx.findOneOrFail(Area, { name: '幸福里社区' });
  const topicIds = async (title: string) => {
    const topic = await tx.findOne(Topic, { title });
    return topic ? [String(topic.id)] : [];
  };
  // The residents of the community among the generated ones (1390000xxxx), in a fixed order.
  const neighbours = [...users.values()]
    .filter((user) => user.phone.startsWith('1390000'))
    .filter((user) => user.homeArea?.getEntity().path.startsWith(community.path))
    .sort((a, b) => a.phone.localeCompare(b.phone));
  const id = (phone: string) => String(users.get(phone)!.id);

  const upcoming = at19(3);
  await scheduleMeeting(
    tx,
    staff,
    {
      title: DEMO_MEETINGS.upcoming,
      kind: MeetingKind.RESIDENT_COUNCIL,
      areaId: String(community.id),
      startsAt: upcoming,
      endsAt: new Date(upcoming.getTime() + 2 * 60 * MINUTE),
      place: '幸福里社区党群服务中心二楼会议室',
      topicIds: await topicIds(DEMO_TOPICS.parking),
      participantIds: [id(RESIDENT), id(NEIGHBOUR), ...neighbours.slice(0, 10).map((user) => String(user.id))],
    },
    clockAt(new Date(Date.now() - 2 * DAY)),
  );

  const past = at19(-30);
  const pastMeeting = await scheduleMeeting(
    tx,
    staff,
    {
      title: DEMO_MEETINGS.past,
      kind: MeetingKind.RESIDENT_COUNCIL,
      areaId: String(community.id),
      startsAt: past,
      endsAt: new Date(past.getTime() + 2 * 60 * MINUTE),
      place: '幸福里社区党群服务中心二楼会议室',
      quorum: 0.6,
      topicIds: await topicIds(DEMO_TOPICS.elevator),
      participants: [
        { userId: id(RESIDENT), role: ParticipantRole.HOUSEHOLD_REPRESENTATIVE },
        { userId: id(NEIGHBOUR), role: ParticipantRole.RESIDENT },
        { userId: id(VOLUNTEER), role: ParticipantRole.HOUSEHOLD_REPRESENTATIVE },
        ...neighbours.map((user) => ({ userId: String(user.id), role: ParticipantRole.RESIDENT })),
      ],
    },
    clockAt(new Date(past.getTime() - 7 * DAY)),
  );
  const [row] = await tx.execute<{ check_in_secret: string }[]>('select check_in_secret from meeting where id = ?', [
    pastMeeting.id,
  ]);
  const attendees = [users.get(RESIDENT)!, users.get(NEIGHBOUR)!, users.get(VOLUNTEER)!, ...neighbours].slice(0, 14);
  for (const [index, user] of attendees.entries()) {
    const when = new Date(past.getTime() - 20 * MINUTE + index * MINUTE);
    // Every fourth signed the paper sheet instead, entered by staff.
    if (index % 4 === 3) {
      await checkIn(tx, staff, { meetingId: String(pastMeeting.id), userId: String(user.id) }, clockAt(when));
    } else {
      const code = codeFor(row!.check_in_secret, checkInSubject(pastMeeting.id), when).code;
      await checkIn(tx, await viewerOf(tx, user), { meetingId: String(pastMeeting.id), code }, clockAt(when));
    }
  }
  const afterwards = clockAt(new Date(past.getTime() + DAY));
  await writeMinutes(tx, staff, String(pastMeeting.id), PAST_MINUTES, afterwards);
  await publishMinutes(tx, staff, String(pastMeeting.id), afterwards);
}
