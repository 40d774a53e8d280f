import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeFor } from '../../server/src/platform/rotating-codes.js';
import { createTestServer, DEMO_ACCOUNTS, type TestServer } from '../helpers/server.js';

let server: TestServer;
let ids: Record<string, string>;
let userIds: Record<string, string>;

const {
  resident,
  neighbour,
  communityStaff: staff,
  unitRep,
  gridWorker,
  streetAdmin,
  otherCommunityStaff,
  otherStreetAdmin,
} = DEMO_ACCOUNTS;

const MEETING_FIELDS = `id title kind area { name } committee { id name } startsAt endsAt place onlineUrl cancelledAt quorum
  topics { id title status } invitedCount checkedInCount quorumNeeded quorumReached minutes minutesPublishedAt
  participants { id role invited checkedInAt checkInMethod user { id displayName } }
  myAttendance { id invited checkedInAt checkInMethod } availableActions`;
const SCHEDULE = `mutation($input: ScheduleMeetingInput!) { scheduleMeeting(input: $input) { ${MEETING_FIELDS} } }`;
const MEETING = `query($id: ID!) { meeting(id: $id) { ${MEETING_FIELDS} } }`;
const CHECK_IN = `mutation($meetingId: ID!, $userId: ID, $code: String) { checkIn(meetingId: $meetingId, userId: $userId, code: $code) {
  id invited role checkedInAt checkInMethod user { displayName } meeting { id checkedInCount } } }`;
const CODE = `query($meetingId: ID!) { meetingCheckInCode(meetingId: $meetingId) { code expiresAt checkInUrl qrSvg } }`;
const INVITE = `mutation($meetingId: ID!, $participants: [MeetingParticipantInput!]!) {
  inviteToMeeting(meetingId: $meetingId, participants: $participants) { id invitedCount } }`;
const WRITE = `mutation($meetingId: ID!, $text: String!) { writeMinutes(meetingId: $meetingId, text: $text) { id minutes availableActions } }`;
const PUBLISH = `mutation($meetingId: ID!) { publishMinutes(meetingId: $meetingId) { id minutes minutesPublishedAt } }`;
const CANCEL = `mutation($id: ID!, $reason: String!) { cancelMeeting(id: $id, reason: $reason) { id cancelledAt availableActions } }`;
const LIST = `query($filter: MeetingFilter, $first: Int, $after: String) { meetings(filter: $filter, first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } edges { node { id title startsAt } } } }`;

const codeOf = (result: { errors?: { extensions: { code: string } }[] }) => result.errors?.[0]?.extensions.code;
const fieldsOf = (result: { errors?: { extensions: { fields?: Record<string, string> } }[] }) =>
  Object.keys(result.errors?.[0]?.extensions.fields ?? {});
const count = async (table: string, where = 'true', params: unknown[] = []) =>
  Number((await server.sql<{ n: string }>(`select count(*) n from ${table} where ${where}`, params))[0]!.n);

const HOUR = 3_600_000;
const inHours = (hours: number) => new Date(Date.now() + hours * HOUR).toISOString();

let topicSeq = 0;
/** A topic of `community` in `status`: a fixture of these tests (topics are s-topics' to create). */
async function makeTopic(community: string, status: string): Promise<string> {
  topicSeq += 1;
  const [area] = await server.sql<{ id: number; path: string; street_id: number }>(
    `select id, path, split_part(path, '/', 2)::int street_id from area where id = ?`,
    [Number(ids[community])],
  );
  const [row] = await server.sql<{ id: number }>(
    `insert into topic (area_id, area_path, street_id, community_id, title, description, status, proposer_id, template, created_at)
     values (?, ?, ?, ?, ?, '', ?, ?, 'RESIDENT_COUNCIL', now()) returning id`,
    [area!.id, area!.path, area!.street_id, area!.id, `会议测试议题${topicSeq}`, status, Number(userIds[resident])],
  );
  return String(row!.id);
}

/** A committee of `areaName` with members: a fixture (committees are s-topics' to create). */
async function makeCommittee(areaName: string, members: string[]): Promise<string> {
  const [area] = await server.sql<{ id: number; path: string; street_id: number; community_id: number | null }>(
    `select id, path, split_part(path, '/', 2)::int street_id, nullif(split_part(path, '/', 3), '')::int community_id
       from area where id = ?`,
    [Number(ids[areaName])],
  );
  const [row] = await server.sql<{ id: number }>(
    `insert into committee (area_id, area_path, street_id, community_id, name, kind, term_start, term_end, created_by_id, created_at)
     values (?, ?, ?, ?, ?, 'JOINT_MEETING', now() - interval '1 day', now() + interval '1 year', ?, now()) returning id`,
    [area!.id, area!.path, area!.street_id, area!.community_id, `${areaName}测试委员会`, Number(userIds[streetAdmin])],
  );
  for (const phone of members) {
    await server.sql(
      `insert into committee_member (committee_id, user_id, seat, title, created_at) values (?, ?, 'STANDING', '委员', now())`,
      [row!.id, Number(userIds[phone])],
    );
  }
  return String(row!.id);
}

interface ScheduleInput {
  [key: string]: unknown;
}
const baseInput = (extra: ScheduleInput = {}): ScheduleInput => ({
  title: '测试议事会',
  kind: 'RESIDENT_COUNCIL',
  areaId: ids['幸福里社区'],
  startsAt: inHours(1),
  place: '社区活动室',
  participantIds: [userIds[resident], userIds[neighbour]],
  ...extra,
});

async function schedule(extra: ScheduleInput = {}, as: string = staff) {
  const result = await server.gql(SCHEDULE, { input: baseInput(extra) }, { as });
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data.scheduleMeeting;
}

async function currentCode(meetingId: string): Promise<string> {
  const [row] = await server.sql<{ check_in_secret: string }>('select check_in_secret from meeting where id = ?', [
    Number(meetingId),
  ]);
  return codeFor(row!.check_in_secret, `meeting:${meetingId}`, new Date()).code;
}

/** A code that is not the current one nor the last one. */
async function wrongCode(meetingId: string): Promise<string> {
  const [row] = await server.sql<{ check_in_secret: string }>('select check_in_secret from meeting where id = ?', [
    Number(meetingId),
  ]);
  const now = Date.now();
  const valid = [0, -60_000].map(
    (offset) => codeFor(row!.check_in_secret, `meeting:${meetingId}`, new Date(now + offset)).code,
  );
  let guess = 0;
  while (valid.includes(String(guess).padStart(6, '0'))) guess += 1;
  return String(guess).padStart(6, '0');
}

beforeAll(async () => {
  server = await createTestServer();
  ids = await server.areaIds();
  userIds = await server.userIds();
});

afterAll(async () => {
  await server.close();
});

describe('scheduling a meeting', () => {
  it('puts admitted topics on the agenda (SCHEDULED), invites people and tells them', async () => {
    const admitted = await makeTopic('幸福里社区', 'ADMITTED');
    const scheduled = await makeTopic('幸福里社区', 'SCHEDULED');
    const input = {
      topicIds: [admitted, scheduled],
      participants: [{ userId: userIds[unitRep], role: 'UNIT_CONTACT' }],
      quorum: 0.6,
      startsAt: inHours(1),
      idempotencyKey: 'schedule-happy-1',
    };
    const meeting = await schedule(input);
    expect(meeting.area.name).toBe('幸福里社区');
    expect(meeting.topics.map((t: { id: string; status: string }) => [t.id, t.status])).toEqual([
      [admitted, 'SCHEDULED'],
      [scheduled, 'SCHEDULED'],
    ]);
    expect(meeting.invitedCount).toBe(3);
    expect(meeting.checkedInCount).toBe(0);
    expect(meeting.quorumNeeded).toBe(2);
    expect(meeting.quorumReached).toBe(false);
    expect(meeting.participants.map((p: { role: string }) => p.role).sort()).toEqual([
      'RESIDENT',
      'RESIDENT',
      'UNIT_CONTACT',
    ]);
    expect(meeting.availableActions).toEqual(
      expect.arrayContaining(['CHECK_IN_OTHERS', 'SHOW_CHECK_IN_CODE', 'WRITE_MINUTES', 'OPEN_VOTE', 'CANCEL']),
    );
    const told = await server.sql<{ recipient_id: number; params: Record<string, string> }>(
      `select recipient_id, params from notification where kind = 'MEETING_SCHEDULED' and subject_id = ?`,
      [Number(meeting.id)],
    );
    expect(told.map((row) => String(row.recipient_id)).sort()).toEqual(
      [userIds[resident], userIds[neighbour], userIds[unitRep]].sort(),
    );
    expect(told[0]!.params.meeting).toBe('测试议事会');
    expect(told[0]!.params.place).toBe('社区活动室');
    expect(told[0]!.params.when).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    const audit = await count('audit_entry', `action = 'meeting.schedule' and target_id = ?`, [meeting.id]);
    expect(audit).toBe(1);

    // The same key again: the first meeting, nothing new.
    const again = await schedule(input);
    expect(again.id).toBe(meeting.id);
    expect(await count('meeting', 'title = ?', ['测试议事会'])).toBe(1);
  });

  it('invites a committee’s members to its meeting, in the committee’s area by default', async () => {
    const committee = await makeCommittee('幸福里社区', [staff, unitRep]);
    const meeting = await schedule({ kind: 'JOINT_MEETING', areaId: null, committeeId: committee, participantIds: [] });
    expect(meeting.committee.id).toBe(committee);
    expect(meeting.area.name).toBe('幸福里社区');
    const roles = Object.fromEntries(
      meeting.participants.map((p: { role: string; user: { id: string } }) => [p.user.id, p.role]),
    );
    expect(roles).toEqual({ [userIds[staff]!]: 'COMMITTEE_MEMBER', [userIds[unitRep]!]: 'COMMITTEE_MEMBER' });
    // The scheduler is a member: not told of their own meeting.
    const told = await server.sql<{ recipient_id: number }>(
      `select recipient_id from notification where kind = 'MEETING_SCHEDULED' and subject_id = ?`,
      [Number(meeting.id)],
    );
    expect(told.map((row) => String(row.recipient_id))).toEqual([userIds[unitRep]]);
  });

  it('is refused to those who do not run meetings there', async () => {
    for (const as of [resident, gridWorker, otherCommunityStaff, otherStreetAdmin]) {
      const result = await server.gql(SCHEDULE, { input: baseInput({ participantIds: [] }) }, { as });
      expect(codeOf(result), as).toBe('FORBIDDEN');
    }
    expect(codeOf(await server.gql(SCHEDULE, { input: baseInput() }))).toBe('UNAUTHENTICATED');
    // The street's admin runs meetings in every community of it.
    const meeting = await schedule({ participantIds: [] }, streetAdmin);
    expect(meeting.area.name).toBe('幸福里社区');
  });

  it('refuses topics, people and committees out of reach (NOT_FOUND) and topics not admitted (INVALID_STATE)', async () => {
    const before = await count('meeting');
    const elsewhere = await makeTopic('和平社区', 'ADMITTED');
    const proposed = await makeTopic('幸福里社区', 'PROPOSED');
    const declined = await makeTopic('幸福里社区', 'DECLINED');
    const otherCommittee = await makeCommittee('和平社区', [otherCommunityStaff]);
    const cases: [ScheduleInput, string, string?][] = [
      [{ topicIds: [elsewhere] }, 'NOT_FOUND', 'topicIds'],
      [{ topicIds: ['999999'] }, 'NOT_FOUND', 'topicIds'],
      [{ topicIds: ['abc'] }, 'NOT_FOUND', 'topicIds'],
      [{ topicIds: [proposed] }, 'INVALID_STATE'],
      [{ topicIds: [declined] }, 'INVALID_STATE'],
      [{ participantIds: [userIds[otherStreetAdmin]] }, 'NOT_FOUND', 'participants'],
      [{ participantIds: ['999999'] }, 'NOT_FOUND', 'participants'],
      [{ committeeId: otherCommittee, areaId: null }, 'NOT_FOUND', 'committeeId'],
      [{ committeeId: '999999' }, 'NOT_FOUND', 'committeeId'],
    ];
    for (const [extra, code, field] of cases) {
      const result = await server.gql(SCHEDULE, { input: baseInput(extra) }, { as: staff });
      expect(codeOf(result), JSON.stringify(extra)).toBe(code);
      if (field) expect(fieldsOf(result)).toEqual([field]);
    }
    expect(await count('meeting')).toBe(before);
    const [row] = await server.sql<{ status: string }>('select status from topic where id = ?', [Number(proposed)]);
    expect(row!.status).toBe('PROPOSED');
  });

  it('refuses bad input field by field, and changes nothing', async () => {
    const before = await count('meeting');
    const cases: [ScheduleInput, string][] = [
      [{ title: '' }, 'title'],
      [{ title: '议'.repeat(101) }, 'title'],
      [{ title: 'a\u0000b' }, 'title'],
      [{ startsAt: inHours(-25) }, 'startsAt'],
      [{ startsAt: inHours(24 * 400) }, 'startsAt'],
      [{ startsAt: '0001-01-01T00:00:00Z' }, 'startsAt'],
      [{ endsAt: inHours(0.5) }, 'endsAt'],
      [{ endsAt: inHours(30) }, 'endsAt'],
      [{ place: null }, 'place'],
      [{ place: '地'.repeat(201) }, 'place'],
      [{ onlineUrl: 'javascript:alert(1)' }, 'onlineUrl'],
      [{ quorum: 0 }, 'quorum'],
      [{ quorum: -0.5 }, 'quorum'],
      [{ quorum: 1.5 }, 'quorum'],
      [{ areaId: null }, 'areaId'],
      [{ areaId: '999999' }, 'areaId'],
      [{ topicIds: Array.from({ length: 21 }, (_, i) => String(i + 1)) }, 'topicIds'],
      [{ idempotencyKey: 'short' }, 'idempotencyKey'],
    ];
    for (const [extra, field] of cases) {
      const result = await server.gql(SCHEDULE, { input: baseInput(extra) }, { as: staff });
      expect(codeOf(result), JSON.stringify(extra)).toBe('BAD_USER_INPUT');
      expect(fieldsOf(result), JSON.stringify(extra)).toContain(field);
    }
    expect(await count('meeting')).toBe(before);
  });

  it('makes one meeting of many concurrent submits with one key', async () => {
    const topic = await makeTopic('幸福里社区', 'ADMITTED');
    const input = baseInput({ title: '并发议事会', topicIds: [topic], idempotencyKey: 'schedule-concurrent-1' });
    const results = await Promise.all(Array.from({ length: 10 }, () => server.gql(SCHEDULE, { input }, { as: staff })));
    expect(results.map((r) => r.errors)).toEqual(Array(10).fill(undefined));
    expect(new Set(results.map((r) => r.data.scheduleMeeting.id)).size).toBe(1);
    expect(await count('meeting', 'title = ?', ['并发议事会'])).toBe(1);
    expect(await count('meeting_topic', 'topic_id = ?', [Number(topic)])).toBe(1);
  });
});

describe('check-in', () => {
  it('lets the invited check in with the code shown in the room; twice is the same attendance', async () => {
    const meeting = await schedule({ title: '签到测试' });
    const shown = await server.gql(CODE, { meetingId: meeting.id }, { as: staff });
    expect(shown.errors).toBeUndefined();
    const { code, checkInUrl, qrSvg, expiresAt } = shown.data.meetingCheckInCode;
    expect(code).toMatch(/^\d{6}$/);
    expect(checkInUrl).toBe(`/council/meetings/${meeting.id}/check-in?code=${code}`);
    expect(qrSvg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    expect(new Date(expiresAt).getTime()).toBeGreaterThan(Date.now());
    expect(new Date(expiresAt).getTime()).toBeLessThanOrEqual(Date.now() + 60_000);

    const first = await server.gql(CHECK_IN, { meetingId: meeting.id, code }, { as: resident });
    expect(first.errors).toBeUndefined();
    expect(first.data.checkIn).toMatchObject({ invited: true, role: 'RESIDENT', checkInMethod: 'CODE' });
    expect(first.data.checkIn.meeting.checkedInCount).toBe(1);
    const second = await server.gql(CHECK_IN, { meetingId: meeting.id, code }, { as: resident });
    expect(second.data.checkIn.id).toBe(first.data.checkIn.id);
    expect(second.data.checkIn.checkedInAt).toBe(first.data.checkIn.checkedInAt);
    expect(await count('meeting_participant', 'meeting_id = ?', [Number(meeting.id)])).toBe(2);

    const seen = (await server.gql(MEETING, { id: meeting.id }, { as: resident })).data.meeting;
    expect(seen.myAttendance.checkInMethod).toBe('CODE');
    // More than half of two invited is two.
    expect([seen.quorumNeeded, seen.quorumReached]).toEqual([2, false]);
  });
});
