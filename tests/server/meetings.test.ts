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
    await server.tokenFor(staff);
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

describe('check-in refusals', () => {
  it('refuses a wrong or missing code (BAD_USER_INPUT on code), and checks nobody in', async () => {
    const meeting = await schedule({ title: '错码测试' });
    const wrong = await server.gql(
      CHECK_IN,
      { meetingId: meeting.id, code: await wrongCode(meeting.id) },
      { as: resident },
    );
    expect([codeOf(wrong), fieldsOf(wrong)]).toEqual(['BAD_USER_INPUT', ['code']]);
    const missing = await server.gql(CHECK_IN, { meetingId: meeting.id }, { as: resident });
    expect([codeOf(missing), fieldsOf(missing)]).toEqual(['BAD_USER_INPUT', ['code']]);
    const junk = await server.gql(CHECK_IN, { meetingId: meeting.id, code: '12\u00003' }, { as: resident });
    expect(codeOf(junk)).toBe('BAD_USER_INPUT');
    expect(
      await count('meeting_participant', 'meeting_id = ? and checked_in_at is not null', [Number(meeting.id)]),
    ).toBe(0);
  });

  it('lets a resident of the area into an open meeting uninvited, but not into a committee meeting', async () => {
    const open = await schedule({ title: '开放议事会', participantIds: [userIds[neighbour]] });
    const joined = await server.gql(
      CHECK_IN,
      { meetingId: open.id, code: await currentCode(open.id) },
      { as: resident },
    );
    expect(joined.errors).toBeUndefined();
    expect(joined.data.checkIn).toMatchObject({ invited: false, role: 'RESIDENT', checkInMethod: 'CODE' });
    const seen = (await server.gql(MEETING, { id: open.id }, { as: staff })).data.meeting;
    // Not invited: counted as checked in, not towards the quorum of the invited.
    expect([seen.invitedCount, seen.checkedInCount, seen.quorumReached]).toEqual([1, 1, false]);

    const closed = await schedule({ title: '委员会会议', kind: 'COMMITTEE', participantIds: [userIds[neighbour]] });
    const refused = await server.gql(
      CHECK_IN,
      { meetingId: closed.id, code: await currentCode(closed.id) },
      { as: resident },
    );
    expect(codeOf(refused)).toBe('FORBIDDEN');
    // Someone living elsewhere is not let into the open meeting either.
    const outsider = await server.gql(
      CHECK_IN,
      { meetingId: open.id, code: await currentCode(open.id) },
      { as: otherCommunityStaff },
    );
    expect(codeOf(outsider)).toBe('FORBIDDEN');
    expect(await count('meeting_participant', 'meeting_id = ?', [Number(closed.id)])).toBe(1);
  });

  it('is open from two hours before the start until the end, never for a cancelled meeting', async () => {
    const early = await schedule({ title: '太早', startsAt: inHours(3) });
    const notYet = await server.gql(
      CHECK_IN,
      { meetingId: early.id, code: await currentCode(early.id) },
      { as: resident },
    );
    expect([codeOf(notYet), notYet.errors?.[0]?.extensions.checkIn]).toEqual(['INVALID_STATE', 'NOT_YET']);
    expect(codeOf(await server.gql(CODE, { meetingId: early.id }, { as: staff }))).toBe('INVALID_STATE');

    const past = await schedule({ title: '已结束', startsAt: inHours(-20), endsAt: inHours(-19) });
    const over = await server.gql(CHECK_IN, { meetingId: past.id, code: await currentCode(past.id) }, { as: resident });
    expect([codeOf(over), over.errors?.[0]?.extensions.checkIn]).toEqual(['INVALID_STATE', 'OVER']);
    // The paper sheet can still be entered afterwards.
    const paper = await server.gql(CHECK_IN, { meetingId: past.id, userId: userIds[resident] }, { as: staff });
    expect(paper.data.checkIn.checkInMethod).toBe('STAFF');

    const cancelled = await schedule({ title: '将取消' });
    expect((await server.gql(CANCEL, { id: cancelled.id, reason: '天气原因' }, { as: staff })).errors).toBeUndefined();
    const refused = await server.gql(
      CHECK_IN,
      { meetingId: cancelled.id, code: await currentCode(cancelled.id) },
      { as: resident },
    );
    expect([codeOf(refused), refused.errors?.[0]?.extensions.checkIn]).toEqual(['INVALID_STATE', 'CANCELLED']);
    const byStaff = await server.gql(CHECK_IN, { meetingId: cancelled.id, userId: userIds[resident] }, { as: staff });
    expect(codeOf(byStaff)).toBe('INVALID_STATE');
    expect(codeOf(await server.gql(CHECK_IN, { meetingId: '999999', code: '123456' }, { as: unitRep }))).toBe(
      'NOT_FOUND',
    );
  });

  it('checks in once however many phones send it at once', async () => {
    const meeting = await schedule({ title: '并发签到' });
    const code = await currentCode(meeting.id);
    await server.tokenFor(neighbour);
    const results = await Promise.all(
      Array.from({ length: 8 }, () => server.gql(CHECK_IN, { meetingId: meeting.id, code }, { as: neighbour })),
    );
    expect(results.map((r) => r.errors)).toEqual(Array(8).fill(undefined));
    expect(new Set(results.map((r) => r.data.checkIn.id)).size).toBe(1);
    expect(new Set(results.map((r) => r.data.checkIn.checkedInAt)).size).toBe(1);
    expect(
      await count('meeting_participant', 'meeting_id = ? and checked_in_at is not null', [Number(meeting.id)]),
    ).toBe(1);
  });

  it('limits guessing: after ten tries in five minutes, RATE_LIMITED even with the right code', async () => {
    const meeting = await schedule({ title: '猜码', participantIds: [userIds[gridWorker]] });
    const wrong = await wrongCode(meeting.id);
    for (let i = 0; i < 10; i++) {
      expect(codeOf(await server.gql(CHECK_IN, { meetingId: meeting.id, code: wrong }, { as: gridWorker }))).toBe(
        'BAD_USER_INPUT',
      );
    }
    const right = await server.gql(
      CHECK_IN,
      { meetingId: meeting.id, code: await currentCode(meeting.id) },
      { as: gridWorker },
    );
    expect(codeOf(right)).toBe('RATE_LIMITED');
  });
});

describe('staff checking people in', () => {
  it('checks in someone within reach (paper sign-in), on the record, without a code', async () => {
    const meeting = await schedule({ title: '纸质签到' });
    const result = await server.gql(CHECK_IN, { meetingId: meeting.id, userId: userIds[neighbour] }, { as: staff });
    expect(result.errors).toBeUndefined();
    expect(result.data.checkIn).toMatchObject({
      invited: true,
      checkInMethod: 'STAFF',
      user: { displayName: '孙志强' },
    });
    const [row] = await server.sql<{ checked_in_by_id: number }>(
      'select checked_in_by_id from meeting_participant where id = ?',
      [Number(result.data.checkIn.id)],
    );
    expect(String(row!.checked_in_by_id)).toBe(userIds[staff]);
    expect(await count('audit_entry', `action = 'meeting.checkInOther' and target_id = ?`, [meeting.id])).toBe(1);
    // An uninvited person from the area, checked in by staff.
    const walkIn = await server.gql(CHECK_IN, { meetingId: meeting.id, userId: userIds['13900000001'] }, { as: staff });
    expect(walkIn.data.checkIn).toMatchObject({ invited: false, checkInMethod: 'STAFF' });
  });

  it('checks in a participant from outside the staff’s reach (a committee member from elsewhere)', async () => {
    const committee = await makeCommittee('幸福里社区', [otherStreetAdmin]);
    const meeting = await schedule({
      title: '外来委员',
      kind: 'COMMITTEE',
      committeeId: committee,
      participantIds: [],
    });
    const result = await server.gql(
      CHECK_IN,
      { meetingId: meeting.id, userId: userIds[otherStreetAdmin] },
      { as: staff },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data.checkIn).toMatchObject({ invited: true, role: 'COMMITTEE_MEMBER', checkInMethod: 'STAFF' });
  });

  it('is refused to others (FORBIDDEN) and for people out of reach (NOT_FOUND)', async () => {
    const meeting = await schedule({ title: '越权签到' });
    for (const as of [resident, gridWorker, otherCommunityStaff, otherStreetAdmin]) {
      const result = await server.gql(CHECK_IN, { meetingId: meeting.id, userId: userIds[neighbour] }, { as });
      expect(codeOf(result), as).toBe('FORBIDDEN');
    }
    for (const userId of [userIds[otherStreetAdmin], '999999', 'x']) {
      const result = await server.gql(CHECK_IN, { meetingId: meeting.id, userId }, { as: staff });
      expect([codeOf(result), fieldsOf(result)], userId).toEqual(['NOT_FOUND', ['userId']]);
    }
    expect(
      await count('meeting_participant', 'meeting_id = ? and checked_in_at is not null', [Number(meeting.id)]),
    ).toBe(0);
  });
});

describe('inviting and cancelling', () => {
  it('invites more people and tells only the new ones; refused to others and for people out of reach', async () => {
    const meeting = await schedule({ title: '追加邀请', participantIds: [userIds[resident]] });
    const result = await server.gql(
      INVITE,
      {
        meetingId: meeting.id,
        participants: [
          { userId: userIds[resident], role: 'RESIDENT' },
          { userId: userIds[neighbour], role: 'HOUSEHOLD_REPRESENTATIVE' },
        ],
      },
      { as: staff },
    );
    expect(result.data.inviteToMeeting.invitedCount).toBe(2);
    const told = await server.sql<{ recipient_id: number }>(
      `select recipient_id from notification where kind = 'MEETING_SCHEDULED' and subject_id = ? order by id`,
      [Number(meeting.id)],
    );
    expect(told.map((row) => String(row.recipient_id))).toEqual([userIds[resident], userIds[neighbour]]);
    const other = await server.gql(
      INVITE,
      { meetingId: meeting.id, participants: [{ userId: userIds[unitRep], role: 'UNIT_CONTACT' }] },
      { as: otherCommunityStaff },
    );
    expect(codeOf(other)).toBe('FORBIDDEN');
    const far = await server.gql(
      INVITE,
      { meetingId: meeting.id, participants: [{ userId: userIds[otherStreetAdmin], role: 'RESIDENT' }] },
      { as: staff },
    );
    expect(codeOf(far)).toBe('NOT_FOUND');
    const none = await server.gql(INVITE, { meetingId: meeting.id, participants: [] }, { as: staff });
    expect([codeOf(none), fieldsOf(none)]).toEqual(['BAD_USER_INPUT', ['participants']]);
    expect(await count('meeting_participant', 'meeting_id = ?', [Number(meeting.id)])).toBe(2);
  });

  it('cancels once, with a reason on the record', async () => {
    const meeting = await schedule({ title: '取消测试' });
    expect(codeOf(await server.gql(CANCEL, { id: meeting.id, reason: '  ' }, { as: staff }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await server.gql(CANCEL, { id: meeting.id, reason: '改期' }, { as: otherCommunityStaff }))).toBe(
      'FORBIDDEN',
    );
    const done = await server.gql(CANCEL, { id: meeting.id, reason: '改期' }, { as: staff });
    expect(done.data.cancelMeeting.cancelledAt).not.toBeNull();
    expect(done.data.cancelMeeting.availableActions).toEqual([]);
    expect(codeOf(await server.gql(CANCEL, { id: meeting.id, reason: '改期' }, { as: staff }))).toBe('INVALID_STATE');
    const [entry] = await server.sql<{ after: { reason: string } }>(
      `select after from audit_entry where action = 'meeting.cancel' and target_id = ?`,
      [meeting.id],
    );
    expect(entry!.after.reason).toBe('改期');
  });
});

describe('minutes', () => {
  it('are written and published by staff, read by participants before and by everyone after', async () => {
    const meeting = await schedule({ title: '纪要测试', participantIds: [userIds[resident]] });
    expect(codeOf(await server.gql(PUBLISH, { meetingId: meeting.id }, { as: staff }))).toBe('INVALID_STATE');
    const written = await server.gql(WRITE, { meetingId: meeting.id, text: '一、停车方案讨论。' }, { as: staff });
    expect(written.data.writeMinutes.minutes).toBe('一、停车方案讨论。');
    expect(written.data.writeMinutes.availableActions).toContain('PUBLISH_MINUTES');
    const read = async (as?: string) =>
      (await server.gql(MEETING, { id: meeting.id }, as ? { as } : {})).data.meeting.minutes;
    expect(await read(resident)).toBe('一、停车方案讨论。');
    expect(await read(neighbour)).toBeNull();
    expect(await read()).toBeNull();
    expect(codeOf(await server.gql(PUBLISH, { meetingId: meeting.id }, { as: resident }))).toBe('FORBIDDEN');
    const published = await server.gql(PUBLISH, { meetingId: meeting.id }, { as: staff });
    expect(published.data.publishMinutes.minutesPublishedAt).not.toBeNull();
    expect(await read(neighbour)).toBe('一、停车方案讨论。');
    expect(await read()).toBe('一、停车方案讨论。');
    expect(codeOf(await server.gql(PUBLISH, { meetingId: meeting.id }, { as: staff }))).toBe('INVALID_STATE');
    expect(codeOf(await server.gql(WRITE, { meetingId: meeting.id, text: '改' }, { as: staff }))).toBe('INVALID_STATE');
  });

  it('refuse text too long, empty or with a NUL byte, and writers who may not', async () => {
    const meeting = await schedule({ title: '纪要校验' });
    for (const text of ['', '   ', '纪'.repeat(20_001), 'a\u0000b']) {
      const result = await server.gql(WRITE, { meetingId: meeting.id, text }, { as: staff });
      expect([codeOf(result), fieldsOf(result)]).toEqual(['BAD_USER_INPUT', ['text']]);
    }
    expect(
      (await server.gql(WRITE, { meetingId: meeting.id, text: '纪'.repeat(20_000) }, { as: staff })).errors,
    ).toBeUndefined();
    for (const as of [resident, otherCommunityStaff, otherStreetAdmin]) {
      expect(codeOf(await server.gql(WRITE, { meetingId: meeting.id, text: '纪要' }, { as })), as).toBe('FORBIDDEN');
    }
    expect(codeOf(await server.gql(WRITE, { meetingId: '999999', text: '纪要' }, { as: staff }))).toBe('NOT_FOUND');
  });
});

describe('who sees the participants', () => {
  it('staff over the area and the participants; others and the signed-out only the counts', async () => {
    const meeting = await schedule({ title: '名单可见', participantIds: [userIds[resident], userIds[neighbour]] });
    const seenBy = async (as?: string) =>
      (await server.gql(MEETING, { id: meeting.id }, as ? { as } : {})).data.meeting;
    expect((await seenBy(staff)).participants).toHaveLength(2);
    expect((await seenBy(resident)).participants).toHaveLength(2);
    for (const as of [unitRep, otherCommunityStaff, undefined]) {
      const seen = await seenBy(as);
      expect(seen.participants, String(as)).toEqual([]);
      expect(seen.invitedCount).toBe(2);
    }
    // No phone of another reaches anyone through a participant.
    const phones = await server.gql(
      `query($id: ID!) { meeting(id: $id) { participants { user { id phone } } } }`,
      { id: meeting.id },
      { as: resident },
    );
    const other = phones.data.meeting.participants.find(
      (p: { user: { id: string } }) => p.user.id !== userIds[resident],
    );
    expect(other.user.phone ?? '').not.toBe(neighbour);
  });
});

describe('the meetings list', () => {
  it('filters by area, committee, kinds, mine and time, several values at once, and pages', async () => {
    const committee = await makeCommittee('幸福里社区', [unitRep]);
    await schedule({ title: '列表甲', kind: 'HEARING', startsAt: inHours(48) });
    await schedule({
      title: '列表乙',
      kind: 'COMMITTEE',
      committeeId: committee,
      startsAt: inHours(72),
      participantIds: [],
    });
    const list = async (filter: object, as: string | null = resident, first?: number, after?: string) => {
      const result = await server.gql(LIST, { filter, first, after }, as ? { as } : {});
      if (result.errors) throw new Error(JSON.stringify(result.errors));
      return result.data.meetings;
    };
    const titles = (connection: { edges: { node: { title: string } }[] }) => connection.edges.map((e) => e.node.title);
    expect(titles(await list({ kinds: ['HEARING', 'COMMITTEE'], from: inHours(24) }))).toEqual(['列表甲', '列表乙']);
    expect(titles(await list({ kinds: ['HEARING', 'COMMITTEE'], from: inHours(24), to: inHours(100) }))).toEqual([
      '列表乙',
      '列表甲',
    ]);
    expect(titles(await list({ committeeId: committee }))).toEqual(['列表乙']);
    expect(titles(await list({ areaId: ids['和平社区'] }))).toEqual([]);
    const mine = await list({ mine: true, from: inHours(24) });
    expect(titles(mine)).toContain('列表甲');
    expect(titles(mine)).not.toContain('列表乙');
    expect((await list({ mine: true }, null)).totalCount).toBe(0);
    const all = await list({ areaId: ids['幸福里社区'] }, null);
    const page1 = await list({ areaId: ids['幸福里社区'] }, null, 2);
    const page2 = await list({ areaId: ids['幸福里社区'] }, null, 2, page1.pageInfo.endCursor);
    expect([...titles(page1), ...titles(page2)]).toEqual(titles(all).slice(0, 4));
    expect(all.totalCount).toBeGreaterThanOrEqual(2);
    expect(codeOf(await server.gql(LIST, { filter: { areaId: '999999' } }))).toBe('NOT_FOUND');
    expect(codeOf(await server.gql(LIST, { first: 1000 }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await server.gql(LIST, { after: 'garbage' }))).toBe('BAD_USER_INPUT');
  });

  it('answers a page with every field in a number of statements that does not grow with the page', async () => {
    for (let i = 0; i < 9; i++) {
      const m = await schedule({
        title: `计数${i}`,
        startsAt: inHours(1),
        topicIds: [await makeTopic('幸福里社区', 'ADMITTED')],
      });
      await server.gql(CHECK_IN, { meetingId: m.id, userId: userIds[resident] }, { as: staff });
      await server.gql(WRITE, { meetingId: m.id, text: '纪要' }, { as: staff });
    }
    const query = `query($first: Int) { meetings(filter: { areaId: "${ids['幸福里社区']}" }, first: $first) { edges { node {
      ${MEETING_FIELDS} } } } }`;
    for (const as of [staff, resident]) {
      await server.tokenFor(as);
      const run = (first: number) =>
        server.countQueries(async () => {
          const result = await server.gql(query, { first }, { as });
          expect(result.errors).toBeUndefined();
          expect(result.data.meetings.edges).toHaveLength(first);
        });
      const small = await run(2);
      expect(await run(8), as).toBe(small);
    }
  });
});

describe('links from topics, committees and notifications', () => {
  it('lists the meetings a topic is on, a committee’s meetings, and a notification’s meeting', async () => {
    const topic = await makeTopic('幸福里社区', 'ADMITTED');
    const committee = await makeCommittee('幸福里社区', [resident]);
    const meeting = await schedule({
      title: '链接测试',
      kind: 'COMMITTEE',
      committeeId: committee,
      topicIds: [topic],
      participantIds: [],
    });
    const links = await server.gql(
      `query($id: ID!) { meeting(id: $id) { topics { meetings { id } } committee { meetings(first: 5) { totalCount edges { node { id } } } } } }`,
      { id: meeting.id },
    );
    expect(links.data.meeting.topics[0].meetings).toEqual([{ id: meeting.id }]);
    expect(links.data.meeting.committee.meetings).toEqual({ totalCount: 1, edges: [{ node: { id: meeting.id } }] });
    const [row] = await server.sql<{ id: number }>(
      `select id from notification where kind = 'MEETING_SCHEDULED' and subject_id = ? and recipient_id = ?`,
      [Number(meeting.id), Number(userIds[resident])],
    );
    const notifications = await server.gql(
      `{ notifications(first: 50) { edges { node { id meeting { id title } } } } }`,
      {},
      { as: resident },
    );
    const node = notifications.data.notifications.edges.find(
      (e: { node: { id: string } }) => e.node.id === String(row!.id),
    );
    expect(node.node.meeting).toEqual({ id: meeting.id, title: '链接测试' });
  });
});

describe('more refusals', () => {
  it('shows the check-in code to staff over the area only', async () => {
    const meeting = await schedule({ title: '签到码权限' });
    for (const as of [resident, gridWorker, otherCommunityStaff, otherStreetAdmin]) {
      expect(codeOf(await server.gql(CODE, { meetingId: meeting.id }, { as })), as).toBe('FORBIDDEN');
    }
    expect(codeOf(await server.gql(CODE, { meetingId: meeting.id }))).toBe('UNAUTHENTICATED');
    expect(codeOf(await server.gql(CODE, { meetingId: '999999' }, { as: staff }))).toBe('NOT_FOUND');
    expect((await server.gql(CODE, { meetingId: meeting.id }, { as: streetAdmin })).errors).toBeUndefined();
    // Nor is the key behind it reachable anywhere.
    const introspection = await server.gql(`{ __type(name: "Meeting") { fields { name } } }`);
    expect(JSON.stringify(introspection.data)).not.toMatch(/secret/i);
  });

  it('needs a sign-in to check in', async () => {
    const meeting = await schedule({ title: '匿名签到' });
    expect(codeOf(await server.gql(CHECK_IN, { meetingId: meeting.id, code: '123456' }))).toBe('UNAUTHENTICATED');
  });

  it('refuses a key sent again with a different meeting (CONFLICT)', async () => {
    await schedule({ title: '键一', idempotencyKey: 'schedule-reused-1' });
    const result = await server.gql(
      SCHEDULE,
      { input: baseInput({ title: '键二', idempotencyKey: 'schedule-reused-1' }) },
      { as: staff },
    );
    expect(codeOf(result)).toBe('CONFLICT');
    expect(await count('meeting', 'title = ?', ['键二'])).toBe(0);
  });

  it('does nothing more to a cancelled or finished meeting', async () => {
    const cancelled = await schedule({ title: '取消后' });
    await server.gql(CANCEL, { id: cancelled.id, reason: '改期' }, { as: staff });
    const invite = { meetingId: cancelled.id, participants: [{ userId: userIds[unitRep], role: 'UNIT_CONTACT' }] };
    expect(codeOf(await server.gql(INVITE, invite, { as: staff }))).toBe('INVALID_STATE');
    expect(codeOf(await server.gql(WRITE, { meetingId: cancelled.id, text: '纪要' }, { as: staff }))).toBe(
      'INVALID_STATE',
    );
    expect(codeOf(await server.gql(CODE, { meetingId: cancelled.id }, { as: staff }))).toBe('INVALID_STATE');

    const over = await schedule({ title: '结束后', startsAt: inHours(-20), endsAt: inHours(-18) });
    const late = { meetingId: over.id, participants: [{ userId: userIds[unitRep], role: 'UNIT_CONTACT' }] };
    expect(codeOf(await server.gql(INVITE, late, { as: staff }))).toBe('INVALID_STATE');
    expect(codeOf(await server.gql(CANCEL, { id: over.id, reason: '晚了' }, { as: staff }))).toBe('INVALID_STATE');
    // Minutes of a finished meeting are what it is for.
    expect((await server.gql(WRITE, { meetingId: over.id, text: '会后纪要' }, { as: staff })).errors).toBeUndefined();
    expect(await count('meeting_participant', 'meeting_id in (?, ?)', [Number(cancelled.id), Number(over.id)])).toBe(4);
  });
});

describe('a committee’s meetings', () => {
  it('page on from the batched first page, in a number of statements that does not grow with the committees', async () => {
    const committees: string[] = [];
    for (let c = 0; c < 5; c++) {
      const committee = await makeCommittee('幸福里第二网格', [unitRep]);
      committees.push(committee);
      for (let m = 0; m < 3; m++) {
        await schedule({
          title: `委员会${c}会议${m}`,
          kind: 'COMMITTEE',
          committeeId: committee,
          areaId: null,
          startsAt: inHours(200 + c * 10 + m),
          participantIds: [],
        });
      }
    }
    const [one] = await server.sql<{ id: number }>('select id from meeting where committee_id = ? limit 1', [
      Number(committees[0]),
    ]);
    const first = await server.gql(
      `query($id: ID!) { meeting(id: $id) { committee { meetings(first: 2) {
        totalCount pageInfo { hasNextPage endCursor } edges { node { title } } } } } }`,
      { id: String(one!.id) },
    );
    const page = first.data.meeting.committee.meetings;
    expect(page.totalCount).toBe(3);
    expect(page.pageInfo.hasNextPage).toBe(true);
    expect(page.edges.map((e: { node: { title: string } }) => e.node.title)).toEqual(['委员会0会议2', '委员会0会议1']);
    const rest = await server.gql(
      `query($id: ID!, $after: String) { meeting(id: $id) { committee { meetings(first: 2, after: $after) {
        pageInfo { hasNextPage } edges { node { title } } } } } }`,
      { id: String(one!.id), after: page.pageInfo.endCursor },
    );
    expect(rest.data.meeting.committee.meetings.edges.map((e: { node: { title: string } }) => e.node.title)).toEqual([
      '委员会0会议0',
    ]);
    expect(rest.data.meeting.committee.meetings.pageInfo.hasNextPage).toBe(false);

    const query = `query($first: Int) { meetings(filter: { areaId: "${ids['幸福里第二网格']}", kinds: [COMMITTEE] }, first: $first) {
      edges { node { committee { meetings(first: 2) { totalCount edges { node { id title } } } } } } } }`;
    const run = (n: number) =>
      server.countQueries(async () => {
        const result = await server.gql(query, { first: n });
        expect(result.errors).toBeUndefined();
        expect(result.data.meetings.edges).toHaveLength(n);
      });
    // Pages of 3 and of 12 meetings: 1 and 4 (or 5) different committees.
    expect(await run(12)).toBe(await run(3));
    expect(
      codeOf(await server.gql(`{ meetings { edges { node { committee { meetings(first: 0) { totalCount } } } } } }`)),
    ).toBe('BAD_USER_INPUT');
  });
});
