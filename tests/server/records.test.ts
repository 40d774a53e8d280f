import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ShiftSignup } from '../../server/src/activities/activity.entity.js';
import { viewerOf } from '../../server/src/people/sessions.js';
import { User } from '../../server/src/people/user.entity.js';
import type { Context } from '../../server/src/platform/context.js';
import { recordActionsFor } from '../../server/src/records/records.actions.js';
import { awardPublicizedStars, notifyOverdueCorrections } from '../../server/src/records/records.jobs.js';
import {
  chinaDaysAgo,
  ensureProfile,
  insertActivity,
  insertPerson,
  insertSignup,
  insertTeam,
} from '../helpers/records-fixtures.js';
import { createTestServer, DEMO_ACCOUNTS, type TestServer } from '../helpers/server.js';

let server: TestServer;
let ids: Record<string, string>;
let userIds: Record<string, string>;

const {
  volunteer,
  resident,
  neighbour,
  communityStaff: staff,
  streetAdmin,
  gridWorker,
  otherCommunityStaff,
  otherStreetAdmin,
} = DEMO_ACCOUNTS;

const codeOf = (result: { errors?: { extensions: { code: string } }[] }) => result.errors?.[0]?.extensions.code;
const fieldsOf = (result: { errors?: { extensions: { fields?: Record<string, string> } }[] }) =>
  Object.keys(result.errors?.[0]?.extensions.fields ?? {});

const SIGNUP = `id status verifiedHours verifiedAt verifiedBy { displayName }
  entries { kind hours previousHours reason actor { displayName } }
  corrections { id status requestedHours hoursBefore }`;
const VERIFY = `mutation($signupId: ID!, $hours: Float, $reason: String) {
  verifyHours(signupId: $signupId, hours: $hours, reason: $reason) { ${SIGNUP} } }`;
const VERIFY_SHIFT = `mutation($shiftId: ID!) { verifyShiftHours(shiftId: $shiftId) { ${SIGNUP} } }`;
const CORRECTION = `id status requestedHours hoursBefore reason answer answeredBy { displayName } dueAt overdue
  volunteer { displayName } signup { id status verifiedHours }`;
const REQUEST = `mutation($signupId: ID!, $hours: Float!, $reason: String!) {
  requestRecordCorrection(signupId: $signupId, hours: $hours, reason: $reason) { ${CORRECTION} } }`;
const ANSWER = `mutation($id: ID!, $accept: Boolean!, $answer: String!) {
  answerRecordCorrection(id: $id, accept: $accept, answer: $answer) { ${CORRECTION} } }`;
const SUMMARY = `{ myVolunteering { verifiedHours starLevel nextStarLevel hoursToNextStar noShowCount
  pendingStar { level status volunteerName } stars { level status }
  profile { id } records(first: 5) { totalCount edges { node { id verifiedHours } } }
  signups { totalCount } corrections { totalCount edges { node { id status } } } } }`;
const TODOS = `{ myTodos { hoursToVerify correctionsToAnswer } }`;

beforeAll(async () => {
  server = await createTestServer();
  ids = await server.areaIds();
  userIds = await server.userIds();
  for (const phone of [volunteer, resident, neighbour]) await ensureProfile(server, userIds[phone]!);
}, 120_000);
afterAll(() => server?.close());

/** An activity of 幸福里社区 created by the community staff, one 2-hour shift `daysAgo` days back. */
async function activityWithShift(
  options: { daysAgo?: number; areaName?: string; creator?: string; teamId?: number } = {},
) {
  return insertActivity(server, {
    areaId: ids[options.areaName ?? '幸福里社区']!,
    createdById: userIds[options.creator ?? staff]!,
    teamId: options.teamId ?? null,
    shifts: [{ startsAt: chinaDaysAgo(options.daysAgo ?? 3), hours: 2 }],
  });
}

async function checkedOut(
  phone: string = volunteer,
  minutes = 110,
  options: Parameters<typeof activityWithShift>[0] = {},
) {
  const { activityId, shiftIds } = await activityWithShift(options);
  const signupId = await insertSignup(server, {
    shiftId: shiftIds[0]!,
    userId: userIds[phone]!,
    recordedMinutes: minutes,
  });
  return { activityId, shiftId: shiftIds[0]!, signupId };
}

/** A new person with an ACTIVE profile in 幸福里社区, known to checkedOut() by `phone`. */
async function freshVolunteer(phone: string, name: string) {
  const userId = await insertPerson(server, phone, name);
  await ensureProfile(server, userId);
  userIds[phone] = String(userId);
  return phone;
}

const profileMinutes = async (phone: string) =>
  (
    await server.sql<{ m: number }>('select verified_minutes m from volunteer_profile where user_id = ?', [
      userIds[phone],
    ])
  )[0]!.m;
const entryCount = async (signupId: string) =>
  Number(
    (await server.sql<{ n: string }>('select count(*) n from service_record_entry where signup_id = ?', [signupId]))[0]!
      .n,
  );

describe('verifyHours', () => {
  it('verifies the recorded hours: VERIFIED entry, profile total, notification to the volunteer', async () => {
    const { signupId } = await checkedOut(volunteer, 110);
    const before = await profileMinutes(volunteer);
    const result = await server.gql(VERIFY, { signupId }, { as: staff });
    expect(result.errors).toBeUndefined();
    const signup = result.data.verifyHours;
    expect(signup.status).toBe('VERIFIED');
    expect(signup.verifiedHours).toBe(1.83);
    expect(signup.verifiedBy.displayName).toBe('李秀英');
    expect(signup.entries.map((e: { kind: string }) => e.kind)).toEqual(['RECORDED', 'VERIFIED']);
    expect(await profileMinutes(volunteer)).toBe(before + 110);
    const [told] = await server.sql<{ params: { hours: string } }>(
      `select params from notification where recipient_id = ? and kind = 'HOURS_VERIFIED' and subject_id = ?`,
      [userIds[volunteer], Number(signupId)],
    );
    expect(told?.params.hours).toBe('1.83');
  });

  it('corrects with a reason (CORRECTED entry) and moves the total by the difference', async () => {
    const { signupId } = await checkedOut(volunteer, 100);
    await server.gql(VERIFY, { signupId }, { as: staff });
    const before = await profileMinutes(volunteer);
    const result = await server.gql(VERIFY, { signupId, hours: 1.5, reason: '提前离场' }, { as: staff });
    expect(result.errors).toBeUndefined();
    expect(result.data.verifyHours.verifiedHours).toBe(1.5);
    const last = result.data.verifyHours.entries.at(-1);
    expect(last).toMatchObject({ kind: 'CORRECTED', hours: 1.5, previousHours: 1.67, reason: '提前离场' });
    expect(await profileMinutes(volunteer)).toBe(before - 10);
  });

  it('a team leader who organises may verify; the volunteer, a grid worker and other areas may not', async () => {
    const team = await insertTeam(server, ids['幸福里社区']!, userIds[neighbour]!);
    // In the grid worker's grid: they may check volunteers in there, not verify.
    const { signupId } = await checkedOut(resident, 60, { teamId: team, areaName: '幸福里第一网格' });
    expect(codeOf(await server.gql(VERIFY, { signupId }, { as: resident }))).toBe('FORBIDDEN');
    expect(codeOf(await server.gql(VERIFY, { signupId }, { as: gridWorker }))).toBe('FORBIDDEN');
    expect(codeOf(await server.gql(VERIFY, { signupId }, { as: otherCommunityStaff }))).toBe('NOT_FOUND');
    expect(codeOf(await server.gql(VERIFY, { signupId }, { as: otherStreetAdmin }))).toBe('NOT_FOUND');
    expect(codeOf(await server.gql(VERIFY, { signupId: '999999' }, { as: staff }))).toBe('NOT_FOUND');
    expect(codeOf(await server.gql(VERIFY, { signupId: 'x' }, { as: staff }))).toBe('NOT_FOUND');
    expect(await entryCount(signupId)).toBe(1);
    const ok = await server.gql(VERIFY, { signupId }, { as: neighbour });
    expect(ok.errors).toBeUndefined();
    expect(ok.data.verifyHours.status).toBe('VERIFIED');
  });

  it('refuses bad hours and reasons with field messages and changes nothing', async () => {
    const { signupId } = await checkedOut(volunteer, 90);
    const before = await profileMinutes(volunteer);
    const cases: [Record<string, unknown>, string][] = [
      [{ hours: 2.6, reason: '多记了' }, 'hours'], // 2 h shift + 30 min margin = 2.5 h at most
      [{ hours: -1, reason: '多记了' }, 'hours'],
      [{ hours: 1 }, 'reason'],
      [{ hours: 1, reason: '短' }, 'reason'],
      [{ hours: 1, reason: 'x'.repeat(501) }, 'reason'],
      [{ hours: 1, reason: '理由\u0000含空字符' }, 'reason'],
    ];
    for (const [args, field] of cases) {
      const result = await server.gql(VERIFY, { signupId, ...args }, { as: staff });
      expect(codeOf(result), JSON.stringify(args)).toBe('BAD_USER_INPUT');
      expect(fieldsOf(result)).toContain(field);
    }
    expect(await entryCount(signupId)).toBe(1);
    expect(await profileMinutes(volunteer)).toBe(before);
  });

  it('refuses a sign-up that is not checked out (INVALID_STATE)', async () => {
    const { shiftIds } = await activityWithShift();
    const signupId = await insertSignup(server, {
      shiftId: shiftIds[0]!,
      userId: userIds[neighbour]!,
      status: 'SIGNED_UP',
    });
    expect(codeOf(await server.gql(VERIFY, { signupId }, { as: staff }))).toBe('INVALID_STATE');
  });

  it('a double verify at once writes one entry and counts once', async () => {
    const { signupId } = await checkedOut(neighbour, 75);
    const before = await profileMinutes(neighbour);
    const results = await Promise.all(Array.from({ length: 8 }, () => server.gql(VERIFY, { signupId }, { as: staff })));
    expect(results.every((r) => !r.errors)).toBe(true);
    expect(await entryCount(signupId)).toBe(2);
    expect(await profileMinutes(neighbour)).toBe(before + 75);
  });
});

describe('verifyShiftHours', () => {
  it('verifies every CHECKED_OUT sign-up of the shift in one go, and nothing else', async () => {
    const { shiftIds } = await activityWithShift({ areaName: '幸福里第一网格' });
    const shiftId = shiftIds[0]!;
    const a = await insertSignup(server, { shiftId, userId: userIds[volunteer]!, recordedMinutes: 100 });
    const b = await insertSignup(server, { shiftId, userId: userIds[resident]!, recordedMinutes: 80 });
    const c = await insertSignup(server, { shiftId, userId: userIds[neighbour]!, status: 'SIGNED_UP' });
    const before = await profileMinutes(resident);
    expect(codeOf(await server.gql(VERIFY_SHIFT, { shiftId }, { as: gridWorker }))).toBe('FORBIDDEN');
    expect(codeOf(await server.gql(VERIFY_SHIFT, { shiftId }, { as: otherCommunityStaff }))).toBe('NOT_FOUND');
    const result = await server.gql(VERIFY_SHIFT, { shiftId }, { as: staff });
    expect(result.errors).toBeUndefined();
    expect(result.data.verifyShiftHours.map((s: { id: string }) => s.id)).toEqual([a, b]);
    expect(result.data.verifyShiftHours.map((s: { verifiedHours: number }) => s.verifiedHours)).toEqual([1.67, 1.33]);
    expect(await profileMinutes(resident)).toBe(before + 80);
    expect(await entryCount(c)).toBe(0);
    const again = await server.gql(VERIFY_SHIFT, { shiftId }, { as: staff });
    expect(again.data.verifyShiftHours).toEqual([]);
    expect(await entryCount(a)).toBe(2);
  });
});

describe('corrections', () => {
  it('the volunteer asks, the organiser accepts: CORRECTION_ACCEPTED entry, totals moved, both told', async () => {
    const { signupId } = await checkedOut(volunteer, 60);
    await server.gql(VERIFY, { signupId }, { as: staff });
    const before = await profileMinutes(volunteer);
    const asked = await server.gql(
      REQUEST,
      { signupId, hours: 2, reason: '签退时忘了扫码，实际服务两小时' },
      { as: volunteer },
    );
    expect(asked.errors).toBeUndefined();
    const correction = asked.data.requestRecordCorrection;
    expect(correction).toMatchObject({ status: 'OPEN', requestedHours: 2, hoursBefore: 1, overdue: false });
    expect(new Date(correction.dueAt).getTime()).toBeGreaterThan(Date.now() + 6 * 86_400_000);
    const [told] = await server.sql(
      'select 1 from notification where recipient_id = ? and kind = ? and subject_id = ?',
      [userIds[staff], 'CORRECTION_REQUESTED', Number(correction.id)],
    );
    expect(told).toBeDefined();
    expect((await server.gql(TODOS, {}, { as: staff })).data.myTodos.correctionsToAnswer).toBeGreaterThan(0);
    const answered = await server.gql(
      ANSWER,
      { id: correction.id, accept: true, answer: '已核实签到表' },
      { as: staff },
    );
    expect(answered.errors).toBeUndefined();
    expect(answered.data.answerRecordCorrection).toMatchObject({
      status: 'ACCEPTED',
      answer: '已核实签到表',
      answeredBy: { displayName: '李秀英' },
      signup: { status: 'VERIFIED', verifiedHours: 2 },
    });
    expect(await profileMinutes(volunteer)).toBe(before + 60);
    const again = await server.gql(ANSWER, { id: correction.id, accept: false, answer: '再答一次' }, { as: staff });
    expect(codeOf(again)).toBe('INVALID_STATE');
  });

  it('a NO_SHOW accepted becomes VERIFIED and no longer counts as a no-show', async () => {
    const { shiftIds } = await activityWithShift();
    const signupId = await insertSignup(server, {
      shiftId: shiftIds[0]!,
      userId: userIds[resident]!,
      status: 'NO_SHOW',
    });
    await server.sql('update volunteer_profile set no_show_count = 1 where user_id = ?', [userIds[resident]]);
    const asked = await server.gql(REQUEST, { signupId, hours: 1.5, reason: '到场了但没有签到' }, { as: resident });
    expect(asked.errors).toBeUndefined();
    const rejected = await server.gql(
      ANSWER,
      { id: asked.data.requestRecordCorrection.id, accept: true, answer: '属实' },
      { as: staff },
    );
    expect(rejected.data.answerRecordCorrection.signup).toMatchObject({ status: 'VERIFIED', verifiedHours: 1.5 });
    const [profile] = await server.sql<{ n: number }>(
      'select no_show_count n from volunteer_profile where user_id = ?',
      [userIds[resident]],
    );
    expect(profile!.n).toBe(0);
  });

  it('a rejected request changes nothing on the record; another one may then be asked', async () => {
    const { signupId } = await checkedOut(neighbour, 60, { areaName: '幸福里第一网格' });
    const asked = await server.gql(REQUEST, { signupId, hours: 2, reason: '时长记少了一小时' }, { as: neighbour });
    const id = asked.data.requestRecordCorrection.id;
    expect(codeOf(await server.gql(ANSWER, { id, accept: true, answer: '同意' }, { as: gridWorker }))).toBe(
      'FORBIDDEN',
    );
    expect(codeOf(await server.gql(ANSWER, { id, accept: true, answer: '同意' }, { as: otherCommunityStaff }))).toBe(
      'NOT_FOUND',
    );
    expect(codeOf(await server.gql(ANSWER, { id, accept: true, answer: '' }, { as: staff }))).toBe('BAD_USER_INPUT');
    const rejected = await server.gql(ANSWER, { id, accept: false, answer: '签到表显示一小时' }, { as: staff });
    expect(rejected.data.answerRecordCorrection).toMatchObject({
      status: 'REJECTED',
      signup: { status: 'CHECKED_OUT' },
    });
    expect(await entryCount(signupId)).toBe(1);
    const second = await server.gql(REQUEST, { signupId, hours: 1.5, reason: '再申请一次更正' }, { as: neighbour });
    expect(second.errors).toBeUndefined();
  });

  it('refuses: not the volunteer, bad hours, short reason, same hours, one open at a time even at once', async () => {
    const { signupId } = await checkedOut(volunteer, 60);
    expect(codeOf(await server.gql(REQUEST, { signupId, hours: 2, reason: '替别人申请更正' }, { as: staff }))).toBe(
      'FORBIDDEN',
    );
    expect(codeOf(await server.gql(REQUEST, { signupId, hours: 2, reason: '替别人申请更正' }, { as: resident }))).toBe(
      'NOT_FOUND',
    );
    const bad: [Record<string, unknown>, string][] = [
      [{ hours: 3, reason: '时长记少了很多' }, 'hours'],
      [{ hours: -0.5, reason: '时长记少了很多' }, 'hours'],
      [{ hours: 1, reason: '时长记少了很多' }, 'hours'],
      [{ hours: 2, reason: '太短' }, 'reason'],
    ];
    for (const [args, field] of bad) {
      const result = await server.gql(REQUEST, { signupId, ...args }, { as: volunteer });
      expect(codeOf(result), JSON.stringify(args)).toBe('BAD_USER_INPUT');
      expect(fieldsOf(result)).toContain(field);
    }
    const results = await Promise.all(
      Array.from({ length: 6 }, () =>
        server.gql(REQUEST, { signupId, hours: 2, reason: '时长记少了一小时' }, { as: volunteer }),
      ),
    );
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(results.filter((r) => codeOf(r) === 'CONFLICT')).toHaveLength(5);
    const [open] = await server.sql<{ n: string }>(
      `select count(*) n from correction_request where signup_id = ? and status = 'OPEN'`,
      [signupId],
    );
    expect(Number(open!.n)).toBe(1);
  });

  it('refuses a request more than 90 days after the shift (INVALID_STATE)', async () => {
    const { signupId } = await checkedOut(volunteer, 60, { daysAgo: 95 });
    expect(
      codeOf(await server.gql(REQUEST, { signupId, hours: 2, reason: '时长记少了一小时' }, { as: volunteer })),
    ).toBe('INVALID_STATE');
  });

  it('tells the organisers once when an open request is overdue', async () => {
    const { signupId } = await checkedOut(resident, 60);
    const asked = await server.gql(REQUEST, { signupId, hours: 2, reason: '时长记少了一小时' }, { as: resident });
    const id = Number(asked.data.requestRecordCorrection.id);
    const later = new Date(Date.now() + 10 * 86_400_000);
    const em = server.app.orm.em.fork();
    expect(await notifyOverdueCorrections(em, later)).toBeGreaterThan(0);
    await notifyOverdueCorrections(server.app.orm.em.fork(), later);
    const rows = await server.sql(
      `select 1 from notification where kind = 'CORRECTION_OVERDUE' and subject_id = ? and recipient_id = ?`,
      [id, userIds[staff]],
    );
    expect(rows).toHaveLength(1);
  });
});

describe('stars', () => {
  it('crossing 100 h puts 一星 on the board; the job awards it after the notice period; withholding is staff-only', async () => {
    const userId = await insertPerson(server, '13900009901', '测星星');
    await ensureProfile(server, userId);
    await server.sql('update volunteer_profile set verified_minutes = 99 * 60 where user_id = ?', [userId]);
    const { signupId } = await (async () => {
      const { shiftIds } = await activityWithShift();
      return { signupId: await insertSignup(server, { shiftId: shiftIds[0]!, userId, recordedMinutes: 90 }) };
    })();
    expect((await server.gql(VERIFY, { signupId }, { as: staff })).errors).toBeUndefined();
    const [star] = await server.sql<{ id: number; level: number; status: string }>(
      'select s.id, s.level, s.status from star_award s join volunteer_profile p on p.id = s.profile_id where p.user_id = ?',
      [userId],
    );
    expect(star).toMatchObject({ level: 1, status: 'PUBLICIZING' });
    const notices = await server.gql(
      `query($areaId: ID!) { starNotices(areaId: $areaId) { totalCount edges { node { id level volunteerName status community { name } } } } }`,
      { areaId: ids['幸福街道'] },
    );
    expect(notices.data.starNotices.edges.map((e: { node: { id: string } }) => e.node.id)).toContain(String(star!.id));
    const WITHHOLD = `mutation($id: ID!, $reason: String!) { withholdStar(id: $id, reason: $reason) { status withheldReason } }`;
    expect(codeOf(await server.gql(WITHHOLD, { id: star!.id, reason: '有异议' }, { as: resident }))).toBe('FORBIDDEN');
    expect(codeOf(await server.gql(WITHHOLD, { id: star!.id, reason: '有异议' }, { as: otherCommunityStaff }))).toBe(
      'FORBIDDEN',
    );
    expect(await awardPublicizedStars(server.app.orm.em.fork(), new Date(Date.now() + 8 * 86_400_000))).toBeGreaterThan(
      0,
    );
    const [profile] = await server.sql<{ star_level: number }>(
      'select star_level from volunteer_profile where user_id = ?',
      [userId],
    );
    expect(profile!.star_level).toBe(1);
    expect(codeOf(await server.gql(WITHHOLD, { id: star!.id, reason: '有异议' }, { as: staff }))).toBe('INVALID_STATE');
  });
});

describe('myVolunteering and to-dos', () => {
  it('sums the viewer’s hours, star progress, records and corrections', async () => {
    // A volunteer of this test's own: the demo's 陈静 has a verified history (and 一星 on the board).
    const phone = await freshVolunteer('13900009921', '汇总者');
    const { signupId: first } = await checkedOut(phone, 90);
    const { signupId: second } = await checkedOut(phone, 45, { daysAgo: 2 });
    // Signed up to a shift ahead: a sign-up, not a record (records have recorded or verified hours).
    const ahead = await activityWithShift({ daysAgo: -2 });
    await insertSignup(server, { shiftId: ahead.shiftIds[0]!, userId: userIds[phone]!, status: 'SIGNED_UP' });
    for (const signupId of [first, second]) {
      expect((await server.gql(VERIFY, { signupId }, { as: staff })).errors).toBeUndefined();
    }
    const asked = await server.gql(REQUEST, { signupId: second, hours: 1.5, reason: '记录少了半小时' }, { as: phone });
    expect(asked.errors).toBeUndefined();
    const result = await server.gql(SUMMARY, {}, { as: phone });
    expect(result.errors).toBeUndefined();
    const summary = result.data.myVolunteering;
    expect(await profileMinutes(phone)).toBe(135);
    expect(summary).toMatchObject({
      verifiedHours: 2.25,
      starLevel: 0,
      nextStarLevel: 1,
      hoursToNextStar: 97.75,
      noShowCount: 0,
      pendingStar: null,
      stars: [],
      profile: { id: expect.any(String) },
      signups: { totalCount: 3 },
    });
    expect(summary.records.totalCount).toBe(2);
    expect(summary.records.edges.map((e: { node: { id: string } }) => e.node.id).sort()).toEqual(
      [first, second].sort(),
    );
    expect(summary.corrections.edges).toEqual([
      { node: { id: asked.data.requestRecordCorrection.id, status: 'OPEN' } },
    ]);
    const none = await server.gql(SUMMARY, {}, { as: streetAdmin });
    expect(none.data.myVolunteering).toMatchObject({ profile: null, verifiedHours: 0, starLevel: 0, nextStarLevel: 1 });
    expect(codeOf(await server.gql(SUMMARY))).toBe('UNAUTHENTICATED');
  });

  it('hoursToVerify counts CHECKED_OUT sign-ups of activities the viewer organises', async () => {
    const before = (await server.gql(TODOS, {}, { as: staff })).data.myTodos.hoursToVerify;
    await checkedOut(neighbour, 30);
    expect((await server.gql(TODOS, {}, { as: staff })).data.myTodos.hoursToVerify).toBe(before + 1);
    const other = (await server.gql(TODOS, {}, { as: otherCommunityStaff })).data.myTodos;
    await checkedOut(neighbour, 30);
    expect((await server.gql(TODOS, {}, { as: otherCommunityStaff })).data.myTodos).toEqual(other);
  });
});

describe('the record is append-only', () => {
  it('the database refuses UPDATE and DELETE of an entry', async () => {
    const { signupId } = await checkedOut(volunteer, 45);
    await expect(
      server.sql('update service_record_entry set minutes = 0 where signup_id = ?', [signupId]),
    ).rejects.toThrow();
    await expect(server.sql('delete from service_record_entry where signup_id = ?', [signupId])).rejects.toThrow();
    expect(await entryCount(signupId)).toBe(1);
  });
});

const INBOX = `query($filter: CorrectionFilter!, $first: Int, $after: String) {
  correctionRequests(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { ${CORRECTION} } } } }`;

describe('correctionRequests', () => {
  it('staff see their area’s, organisers their activities’, others none; filters by status and overdue', async () => {
    const team = await insertTeam(server, ids['幸福里社区']!, userIds[neighbour]!);
    const { signupId } = await checkedOut(resident, 60, { teamId: team });
    const asked = await server.gql(REQUEST, { signupId, hours: 1.5, reason: '记录少了半小时' }, { as: resident });
    const id = asked.data.requestRecordCorrection.id;
    const inbox = async (as: string, filter: Record<string, unknown>) =>
      (await server.gql(INBOX, { filter }, { as })).data?.correctionRequests;
    const idsOf = (page: { edges: { node: { id: string } }[] }) => page.edges.map((e) => e.node.id);
    expect(idsOf(await inbox(staff, { areaId: ids['幸福里社区'] }))).toContain(id);
    expect(idsOf(await inbox(streetAdmin, { areaId: ids['幸福街道'], statuses: ['OPEN'] }))).toContain(id);
    expect(idsOf(await inbox(neighbour, { areaId: ids['幸福街道'] }))).toEqual([id]); // leads the team
    expect(idsOf(await inbox(otherCommunityStaff, { areaId: ids['幸福街道'] }))).not.toContain(id);
    expect(idsOf(await inbox(gridWorker, { areaId: ids['幸福里社区'] }))).toEqual([]);
    expect(idsOf(await inbox(staff, { areaId: ids['幸福里社区'], statuses: ['ACCEPTED'] }))).not.toContain(id);
    expect(idsOf(await inbox(staff, { areaId: ids['幸福里社区'], overdue: true }))).not.toContain(id);
    expect(idsOf(await inbox(staff, { areaId: ids['幸福里社区'], overdue: false }))).toContain(id);
    await server.sql(`update correction_request set due_at = now() - interval '1 hour' where id = ?`, [id]);
    const overdue = await inbox(staff, { areaId: ids['幸福里社区'], overdue: true });
    expect(idsOf(overdue)).toContain(id);
    expect(overdue.edges.find((e: { node: { id: string } }) => e.node.id === id).node.overdue).toBe(true);
    expect(codeOf(await server.gql(INBOX, { filter: { areaId: '999999' } }, { as: staff }))).toBe('NOT_FOUND');
    expect(codeOf(await server.gql(INBOX, { filter: { areaId: ids['幸福街道'] } }))).toBe('UNAUTHENTICATED');
  });

  it('a page costs the same statements whatever its size', async () => {
    for (let i = 0; i < 4; i++) {
      const { signupId } = await checkedOut(i % 2 ? volunteer : neighbour, 60);
      await server.gql(
        REQUEST,
        { signupId, hours: 1.5, reason: '记录少了半小时' },
        { as: i % 2 ? volunteer : neighbour },
      );
    }
    const filter = { areaId: ids['幸福街道'] };
    const small = await server.countQueries(() => server.gql(INBOX, { filter, first: 1 }, { as: streetAdmin }));
    const large = await server.countQueries(() => server.gql(INBOX, { filter, first: 20 }, { as: streetAdmin }));
    expect(
      (await server.gql(INBOX, { filter, first: 20 }, { as: streetAdmin })).data.correctionRequests.totalCount,
    ).toBeGreaterThan(4);
    expect(large).toBe(small);
  });
});

describe('lists cost the same statements whatever their size', () => {
  it('myVolunteering records with their entries and corrections', async () => {
    const query = `query($first: Int) { myVolunteering { verifiedHours starLevel hoursToNextStar pendingStar { level }
      records(first: $first) { totalCount edges { node { id verifiedHours verifiedBy { displayName }
        entries { kind hours actor { displayName } } corrections { id status answeredBy { displayName } } } } } } }`;
    // Every record has every part (verified, a correction answered), so a page of one asks for all kinds of row.
    // The volunteer is this test's own: the demo's 陈静 has newer records without a correction.
    const phone = await freshVolunteer('13900009922', '列表者');
    const RECORDS = 12;
    for (let i = 0; i < RECORDS; i++) {
      const { signupId } = await checkedOut(phone, 60);
      await server.gql(VERIFY, { signupId }, { as: staff });
      const asked = await server.gql(REQUEST, { signupId, hours: 1.5, reason: '记录少了半小时' }, { as: phone });
      await server.gql(
        ANSWER,
        { id: asked.data.requestRecordCorrection.id, accept: false, answer: '不予更正' },
        { as: staff },
      );
    }
    const page = await server.gql(query, { first: 20 }, { as: phone });
    expect(page.data.myVolunteering.records.edges.length).toBe(RECORDS);
    const small = await server.countQueries(() => server.gql(query, { first: 1 }, { as: phone }));
    const large = await server.countQueries(() => server.gql(query, { first: 20 }, { as: phone }));
    // People (verifiers, actors, answerers) are read in up to three batches of three statements (the
    // user, their roles, the roles' areas) that merge or not by when their loaders resolve; an N+1 of
    // records, entries or corrections would add one per extra row (11).
    expect(Math.abs(large - small)).toBeLessThanOrEqual(6);
  });

  it('starNotices with names and communities', async () => {
    for (const [index, name] of ['甲一', '乙二', '丙三'].entries()) {
      const userId = await insertPerson(server, `1390000990${index + 2}`, name);
      const profileId = await ensureProfile(server, userId);
      await server.sql(
        `insert into star_award (profile_id, level, community_id, status, reached_at, public_until)
         values (?, 1, ?, 'PUBLICIZING', now(), now() + interval '7 days')`,
        [profileId, ids['幸福里社区']],
      );
    }
    const query = `query($areaId: ID!, $first: Int) { starNotices(areaId: $areaId, first: $first) {
      totalCount edges { node { id level volunteerName status community { name } } } } }`;
    const page = await server.gql(query, { areaId: ids['幸福里社区'], first: 20 });
    expect(page.data.starNotices.totalCount).toBeGreaterThanOrEqual(3);
    expect(page.data.starNotices.edges.map((e: { node: { volunteerName: string } }) => e.node.volunteerName)).toContain(
      '甲**',
    );
    const small = await server.countQueries(() => server.gql(query, { areaId: ids['幸福里社区'], first: 1 }));
    const large = await server.countQueries(() => server.gql(query, { areaId: ids['幸福里社区'], first: 20 }));
    expect(large).toBe(small);
    const other = await server.gql(query, { areaId: ids['和平社区'] });
    expect(other.data.starNotices.totalCount).toBe(0);
  });
});

describe('notifications link to their correction', () => {
  it('Notification.correction resolves for the organiser told of a request', async () => {
    const { signupId } = await checkedOut(volunteer, 60);
    const asked = await server.gql(REQUEST, { signupId, hours: 2, reason: '时长记少了一小时' }, { as: volunteer });
    const result = await server.gql(
      `{ notifications(first: 50) { edges { node { kind correction { id status } star { id } } } } }`,
      {},
      { as: staff },
    );
    const nodes = result.data.notifications.edges.map((e: { node: unknown }) => e.node);
    expect(nodes).toContainEqual({
      kind: 'CORRECTION_REQUESTED',
      correction: { id: asked.data.requestRecordCorrection.id, status: 'OPEN' },
      star: null,
    });
  });
});

describe('hours export', () => {
  const download = async (as: string | null, query: string, format = 'csv') => {
    const headers: Record<string, string> = as ? { authorization: `Bearer ${await server.tokenFor(as)}` } : {};
    return server.app.http.inject({ method: 'GET', url: `/exports/volunteer-hours.${format}?${query}`, headers });
  };

  it('gives staff the verified records in the import’s columns, with full ID and phone, and audits it', async () => {
    const { signupId } = await checkedOut(volunteer, 90);
    await server.gql(VERIFY, { signupId }, { as: staff });
    await server.sql(`update volunteer_profile set id_number = '11010519491231002X' where user_id = ?`, [
      userIds[volunteer],
    ]);
    const response = await download(staff, `areaId=${ids['幸福里社区']}`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/csv');
    const lines = response.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(
      '志愿者姓名,证件类型,证件号码,手机号,服务时长（小时）,服务开始时间,服务结束时间,活动名称,服务地点,记录单位',
    );
    const [shift] = await server.sql<{ starts_at: string; ends_at: string }>(
      'select sh.starts_at, sh.ends_at from shift_signup s join shift sh on sh.id = s.shift_id where s.id = ?',
      [signupId],
    );
    const beijingMinute = (at: string) =>
      new Date(Date.parse(at) + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
    // The shift's start and end as the import reads them: Beijing time to the minute.
    const start = `陈静,居民身份证,11010519491231002X,${volunteer},1.5,${beijingMinute(shift!.starts_at)},${beijingMinute(shift!.ends_at)},`;
    expect(lines.some((line) => line.startsWith(start))).toBe(true);
    const [audit] = await server.sql(`select 1 from audit_entry where action = 'record.exportHours'`);
    expect(audit).toBeDefined();
    const xlsx = await download(staff, `areaId=${ids['幸福里社区']}`, 'xlsx');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('refuses those who do not manage volunteers there, and bad parameters', async () => {
    expect((await download(resident, `areaId=${ids['幸福里社区']}`)).statusCode).toBe(403);
    expect((await download(gridWorker, `areaId=${ids['幸福里第一网格']}`)).statusCode).toBe(403);
    expect((await download(otherCommunityStaff, `areaId=${ids['幸福里社区']}`)).statusCode).toBe(403);
    expect((await download(otherStreetAdmin, `areaId=${ids['幸福街道']}`)).statusCode).toBe(403);
    expect((await download(null, `areaId=${ids['幸福街道']}`)).statusCode).toBe(401);
    expect((await download(staff, `areaId=999999`)).statusCode).toBe(404);
    const bad = await download(staff, `areaId=${ids['幸福里社区']}&from=nope&to=2026-01-01`);
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().fields)).toEqual(['from']);
    const reversed = await download(staff, `areaId=${ids['幸福里社区']}&from=2026-02-01&to=2026-01-01`);
    expect(reversed.statusCode).toBe(400);
  });
});

describe('races and ids out of reach', () => {
  it('two answers at once: one answers, the other finds it answered; the record moves once', async () => {
    const { signupId } = await checkedOut(resident, 60);
    const asked = await server.gql(REQUEST, { signupId, hours: 2, reason: '时长记少了一小时' }, { as: resident });
    const id = asked.data.requestRecordCorrection.id;
    const before = await profileMinutes(resident);
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        server.gql(ANSWER, { id, accept: i % 2 === 0, answer: `答复${i}` }, { as: i % 3 ? staff : streetAdmin }),
      ),
    );
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(results.filter((r) => codeOf(r) === 'INVALID_STATE')).toHaveLength(5);
    const accepted = results.find((r) => !r.errors)!.data.answerRecordCorrection.status === 'ACCEPTED';
    expect(await profileMinutes(resident)).toBe(before + (accepted ? 120 : 0));
    const kinds = await server.sql<{ kind: string }>(
      'select kind from service_record_entry where signup_id = ? order by id',
      [signupId],
    );
    expect(kinds.map((k) => k.kind)).toEqual(accepted ? ['RECORDED', 'CORRECTION_ACCEPTED'] : ['RECORDED']);
  });

  it('a volunteer’s sign-ups verified at once crossing a star: one star, one notice', async () => {
    const userId = await insertPerson(server, '13900009911', '并发星');
    await ensureProfile(server, userId);
    await server.sql('update volunteer_profile set verified_minutes = 98 * 60 where user_id = ?', [userId]);
    const { shiftIds } = await insertActivity(server, {
      areaId: ids['幸福里社区']!,
      createdById: userIds[staff]!,
      shifts: Array.from({ length: 4 }, (_, i) => ({ startsAt: chinaDaysAgo(i + 2), hours: 2 })),
    });
    const signups = await Promise.all(
      shiftIds.map((shiftId) => insertSignup(server, { shiftId, userId, recordedMinutes: 120 })),
    );
    const results = await Promise.all(signups.map((signupId) => server.gql(VERIFY, { signupId }, { as: staff })));
    expect(results.filter((r) => r.errors)).toEqual([]);
    const stars = await server.sql(
      'select s.level from star_award s join volunteer_profile p on p.id = s.profile_id where p.user_id = ?',
      [userId],
    );
    expect(stars).toEqual([{ level: 1 }]);
    const notices = await server.sql(`select 1 from notification where recipient_id = ? and kind = 'STAR_PUBLICIZED'`, [
      userId,
    ]);
    expect(notices).toHaveLength(1);
  });

  it('unknown or malformed ids are NOT_FOUND', async () => {
    const WITHHOLD = `mutation($id: ID!, $reason: String!) { withholdStar(id: $id, reason: $reason) { id } }`;
    for (const id of ['999999', 'abc', '-1', '99999999999']) {
      expect(codeOf(await server.gql(VERIFY_SHIFT, { shiftId: id }, { as: staff }))).toBe('NOT_FOUND');
      expect(codeOf(await server.gql(ANSWER, { id, accept: true, answer: '同意更正' }, { as: staff }))).toBe(
        'NOT_FOUND',
      );
      expect(
        codeOf(await server.gql(REQUEST, { signupId: id, hours: 1, reason: '时长记少了一小时' }, { as: volunteer })),
      ).toBe('NOT_FOUND');
      expect(codeOf(await server.gql(WITHHOLD, { id, reason: '有异议' }, { as: staff }))).toBe('NOT_FOUND');
    }
    expect(codeOf(await server.gql(VERIFY, { signupId: '1' }))).toBe('UNAUTHENTICATED');
  });
});

describe('audit log', () => {
  it('reads records entries by the activity’s title with their changes', async () => {
    const { activityId, signupId } = await checkedOut(neighbour, 50);
    await server.gql(VERIFY, { signupId, hours: 0.5, reason: '按签到表核减' }, { as: staff });
    const [activity] = await server.sql<{ title: string }>('select title from activity where id = ?', [activityId]);
    const log = await server.gql(
      `query($areaId: ID!) { auditLog(areaId: $areaId, actions: [RECORD_VERIFY], first: 5) {
        edges { node { action targetType targetLabel changes { field after } } } } }`,
      { areaId: ids['幸福里社区'] },
      { as: staff },
    );
    expect(log.errors).toBeUndefined();
    const entry = log.data.auditLog.edges[0].node;
    expect(entry).toMatchObject({
      action: 'RECORD_VERIFY',
      targetType: 'SERVICE_RECORD',
      targetLabel: activity!.title,
    });
    expect(entry.changes).toContainEqual({ field: 'reason', after: '按签到表核减' });
  });
});

describe('recordActionsFor (ShiftSignup.availableActions, merged by its owner)', () => {
  it('VERIFY for an organiser of a checked-out record, REQUEST_CORRECTION for its volunteer until one is open', async () => {
    const { signupId } = await checkedOut(resident, 60);
    const actionsOf = async (phone: string, organises: boolean) => {
      const em = server.app.orm.em.fork();
      const viewer = await viewerOf(em, await em.findOneOrFail(User, { phone }));
      const signup = await em.findOneOrFail(ShiftSignup, Number(signupId));
      const ctx = { em, viewer, loaders: new Map() } as unknown as Context;
      return recordActionsFor(ctx, signup, organises);
    };
    expect(await actionsOf(staff, true)).toEqual(['VERIFY']);
    expect(await actionsOf(resident, false)).toEqual(['REQUEST_CORRECTION']);
    expect(await actionsOf(neighbour, false)).toEqual([]);
    await server.gql(REQUEST, { signupId, hours: 2, reason: '时长记少了一小时' }, { as: resident });
    expect(await actionsOf(resident, false)).toEqual([]);
  });
});
