import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  makeActivity,
  makeProfile,
  makeSignup,
  minutesFromNow,
  shiftCode,
  wrongShiftCode,
} from '../helpers/attendance-fixtures.js';
import { createTestServer, DEMO_ACCOUNTS, type TestServer } from '../helpers/server.js';

let server: TestServer;
let ids: Record<string, string>;
let userIds: Record<string, string>;

const {
  communityStaff: staff,
  gridWorker,
  volunteer,
  resident,
  neighbour,
  unitRep,
  streetAdmin,
  otherCommunityStaff,
  otherStreetAdmin,
} = DEMO_ACCOUNTS;

const SIGNUP_FIELDS = `id status recordedHours retroactive
  checkIns { id checkedInAt checkedOutAt checkInMethod checkOutMethod closedByOrganiser }`;
const ISSUE = `mutation($shiftId: ID!) { issueCheckInCode(shiftId: $shiftId) { code expiresAt changesAt checkInUrl qrSvg } }`;
const CHECK_IN = `mutation($signupId: ID, $shiftId: ID, $code: String) {
  checkInVolunteer(signupId: $signupId, shiftId: $shiftId, code: $code) { ${SIGNUP_FIELDS} } }`;
const CHECK_OUT = `mutation($signupId: ID, $shiftId: ID, $code: String, $at: DateTime) {
  checkOutVolunteer(signupId: $signupId, shiftId: $shiftId, code: $code, at: $at) { ${SIGNUP_FIELDS} } }`;
const RECORD = `mutation($input: RecordAttendanceInput!) { recordAttendance(input: $input) { ${SIGNUP_FIELDS} } }`;

const codeOf = (result: { errors?: { extensions: { code: string } }[] }) => result.errors?.[0]?.extensions.code;
const fieldsOf = (result: { errors?: { extensions: { fields?: Record<string, string> } }[] }) =>
  Object.keys(result.errors?.[0]?.extensions.fields ?? {});
const count = async (table: string, where = 'true', params: unknown[] = []) =>
  Number((await server.sql<{ n: string }>(`select count(*) n from ${table} where ${where}`, params))[0]!.n);

/** Everything attendance writes, to show a refused call changed nothing. */
const footprint = async () => ({
  checkIns: await server.sql('select * from shift_check_in order by id'),
  entries: await count('service_record_entry'),
  signups: await server.sql('select id, status, recorded_minutes from shift_signup order by id'),
  shifts: await server.sql('select id, signed_up_count from shift order by id'),
  audit: await count('audit_entry'),
});

/** A shift running now (started 1 h ago, ends in 2 h) in 幸福里第一网格, created by the staff member. */
async function runningShift(capacity = 20, areaName = '幸福里第一网格') {
  return makeActivity(server, {
    areaId: ids[areaName]!,
    createdById: userIds[staff]!,
    shifts: [{ startsAt: minutesFromNow(-60), endsAt: minutesFromNow(120), capacity }],
  });
}

beforeAll(async () => {
  server = await createTestServer();
  ids = await server.areaIds();
  userIds = await server.userIds();
  for (const phone of [volunteer, resident, neighbour]) await makeProfile(server, userIds[phone]!);
});
afterAll(() => server?.close());

describe('issueCheckInCode', () => {
  it('gives an organiser the current code, its URL and a QR; others may not', async () => {
    const { shiftIds } = await runningShift();
    const shiftId = shiftIds[0]!;
    const result = await server.gql(ISSUE, { shiftId }, { as: staff });
    expect(result.errors).toBeUndefined();
    const code = result.data.issueCheckInCode;
    expect(code.code).toBe(await shiftCode(server, shiftId));
    expect(code.checkInUrl).toBe(`/volunteer/check-in?shift=${shiftId}&code=${code.code}`);
    expect(code.qrSvg).toMatch(/^<svg/);
    expect(new Date(code.expiresAt).getTime()).toBeGreaterThan(new Date(code.changesAt).getTime());

    // The grid worker checks people in but does not run the activity; nor do staff elsewhere.
    for (const as of [gridWorker, otherCommunityStaff, otherStreetAdmin, volunteer]) {
      expect(codeOf(await server.gql(ISSUE, { shiftId }, { as })), as).toBe('FORBIDDEN');
    }
    expect(codeOf(await server.gql(ISSUE, { shiftId }))).toBe('UNAUTHENTICATED');
    expect(codeOf(await server.gql(ISSUE, { shiftId: '99999999' }, { as: staff }))).toBe('NOT_FOUND');
    expect(codeOf(await server.gql(ISSUE, { shiftId: 'x' }, { as: staff }))).toBe('NOT_FOUND');
    // The street's admin is staff over the area too.
    expect((await server.gql(ISSUE, { shiftId }, { as: streetAdmin })).errors).toBeUndefined();
  });

  it('only from 30 minutes before the start until the end', async () => {
    const { shiftIds } = await makeActivity(server, {
      areaId: ids['幸福里社区']!,
      createdById: userIds[staff]!,
      shifts: [
        { startsAt: minutesFromNow(45), endsAt: minutesFromNow(120) },
        { startsAt: minutesFromNow(25), endsAt: minutesFromNow(120) },
        { startsAt: minutesFromNow(-120), endsAt: minutesFromNow(-1) },
      ],
    });
    const tooEarly = await server.gql(ISSUE, { shiftId: shiftIds[0] }, { as: staff });
    expect(codeOf(tooEarly)).toBe('INVALID_STATE');
    expect(tooEarly.errors![0]!.extensions.checkIn).toBe('NOT_YET_OPEN');
    expect((await server.gql(ISSUE, { shiftId: shiftIds[1] }, { as: staff })).errors).toBeUndefined();
    expect(codeOf(await server.gql(ISSUE, { shiftId: shiftIds[2] }, { as: staff }))).toBe('INVALID_STATE');
  });
});

describe('check-in and check-out by code', () => {
  it('checks the volunteer in and out, records the minutes and an entry; the same code cannot be used twice', async () => {
    const { shiftIds } = await runningShift();
    const shiftId = shiftIds[0]!;
    const signupId = await makeSignup(server, shiftId, userIds[volunteer]!);
    const code = await shiftCode(server, shiftId);

    const wrong = await server.gql(
      CHECK_IN,
      { shiftId, code: await wrongShiftCode(server, shiftId) },
      { as: volunteer },
    );
    expect(codeOf(wrong)).toBe('BAD_USER_INPUT');
    expect(fieldsOf(wrong)).toEqual(['code']);

    const checkedIn = await server.gql(CHECK_IN, { shiftId, code }, { as: volunteer });
    expect(checkedIn.errors).toBeUndefined();
    expect(checkedIn.data.checkInVolunteer).toMatchObject({
      id: String(signupId),
      status: 'CHECKED_IN',
      recordedHours: null,
    });
    expect(checkedIn.data.checkInVolunteer.checkIns).toHaveLength(1);
    expect(checkedIn.data.checkInVolunteer.checkIns[0]).toMatchObject({ checkInMethod: 'CODE', checkedOutAt: null });

    // Checking out with the very code just used is a replay: refused, nothing changes.
    const before = await footprint();
    const replay = await server.gql(CHECK_OUT, { shiftId, code }, { as: volunteer });
    expect(codeOf(replay)).toBe('BAD_USER_INPUT');
    expect(fieldsOf(replay)).toEqual(['code']);
    expect(await footprint()).toEqual(before);

    // A minute later the next code works.
    await server.sql('update check_in_code_use set code_window = code_window - 5 where volunteer_id = ?', [
      Number(userIds[volunteer]),
    ]);
    await server.sql(`update shift_check_in set checked_in_at = now() - interval '50 minutes' where signup_id = ?`, [
      signupId,
    ]);
    const out = await server.gql(CHECK_OUT, { shiftId, code }, { as: volunteer });
    expect(out.errors).toBeUndefined();
    expect(out.data.checkOutVolunteer.status).toBe('CHECKED_OUT');
    expect(out.data.checkOutVolunteer.recordedHours).toBeCloseTo(50 / 60, 1);
    expect(out.data.checkOutVolunteer.checkIns[0]).toMatchObject({ checkOutMethod: 'CODE', closedByOrganiser: false });
    const entries = await server.sql<{ kind: string; minutes: number; actor_id: number }>(
      'select kind, minutes, actor_id from service_record_entry where signup_id = ?',
      [signupId],
    );
    expect(entries).toEqual([{ kind: 'RECORDED', minutes: 50, actor_id: Number(userIds[volunteer]) }]);
    // A volunteer's own check-in is not audited as a staff change.
    expect(await count('audit_entry', "action like 'attendance.%' and target_id = ?", [String(signupId)])).toBe(0);
  });

  it('refuses a code of another shift, a missing code, both forms at once, and `at` from the volunteer', async () => {
    const a = await runningShift();
    const b = await runningShift();
    await makeSignup(server, a.shiftIds[0]!, userIds[neighbour]!);
    const otherCode = await shiftCode(server, b.shiftIds[0]!);
    const before = await footprint();
    const cases: [Record<string, unknown>, string][] = [
      [{ shiftId: a.shiftIds[0], code: otherCode }, 'code'],
      [{ shiftId: a.shiftIds[0] }, 'code'],
      [{ shiftId: a.shiftIds[0], code: '   ' }, 'code'],
      [{ shiftId: a.shiftIds[0], code: '12\u00003' }, 'code'],
      [{ code: otherCode }, 'shiftId'],
      [{}, 'signupId'],
      [{ signupId: '1', shiftId: a.shiftIds[0], code: otherCode }, 'signupId'],
      [{ shiftId: a.shiftIds[0], code: 'x'.repeat(5000) }, 'code'],
    ];
    for (const [variables, field] of cases) {
      const result = await server.gql(CHECK_IN, variables, { as: neighbour });
      expect(codeOf(result), JSON.stringify(variables).slice(0, 80)).toBe('BAD_USER_INPUT');
      expect(fieldsOf(result)).toContain(field);
    }
    const withAt = await server.gql(
      CHECK_OUT,
      { shiftId: a.shiftIds[0], code: otherCode, at: new Date().toISOString() },
      { as: neighbour },
    );
    expect(fieldsOf(withAt)).toEqual(['at']);
    expect(codeOf(await server.gql(CHECK_IN, { shiftId: '99999999', code: '123456' }, { as: neighbour }))).toBe(
      'NOT_FOUND',
    );
    expect(await footprint()).toEqual(before);
    await server.sql(`delete from rate_limit_window where key like 'attendance.code:%'`);
  });

  it('signs a walk-in volunteer up when there is a place, refuses one when full, and one who is no volunteer', async () => {
    const { shiftIds } = await runningShift(1);
    const shiftId = shiftIds[0]!;
    const walkIn = await server.gql(CHECK_IN, { shiftId, code: await shiftCode(server, shiftId) }, { as: resident });
    expect(walkIn.errors).toBeUndefined();
    expect(walkIn.data.checkInVolunteer.status).toBe('CHECKED_IN');
    expect((await server.sql('select signed_up_count from shift where id = ?', [shiftId]))[0]).toEqual({
      signed_up_count: 1,
    });
    const before = await footprint();
    const full = await server.gql(CHECK_IN, { shiftId, code: await shiftCode(server, shiftId) }, { as: neighbour });
    expect(codeOf(full)).toBe('INVALID_STATE');
    expect(full.errors![0]!.extensions.shift).toBe('FULL');
    // unitRep has no volunteer profile.
    const notVolunteer = await server.gql(
      CHECK_IN,
      { shiftId, code: await shiftCode(server, shiftId) },
      { as: unitRep },
    );
    expect(codeOf(notVolunteer)).toBe('FORBIDDEN');
    expect(await footprint()).toEqual(before);
    await server.sql(`delete from rate_limit_window where key like 'attendance.code:%'`);
  });

  it('is rate limited, wrong codes included', async () => {
    const { shiftIds } = await runningShift();
    const wrong = await wrongShiftCode(server, shiftIds[0]!);
    const codes: string[] = [];
    for (let i = 0; i < 11; i++) {
      codes.push(codeOf(await server.gql(CHECK_IN, { shiftId: shiftIds[0], code: wrong }, { as: neighbour }))!);
    }
    expect(codes.slice(0, 10).every((code) => code === 'BAD_USER_INPUT')).toBe(true);
    expect(codes[10]).toBe('RATE_LIMITED');
    await server.sql(`delete from rate_limit_window where key like 'attendance.code:%'`);
  });
});

describe('check-in and check-out by an organiser or checker', () => {
  it('the grid worker and staff check in and out; people elsewhere cannot reach the sign-up', async () => {
    const { shiftIds } = await runningShift();
    const signupId = await makeSignup(server, shiftIds[0]!, userIds[neighbour]!);

    for (const as of [otherCommunityStaff, otherStreetAdmin, resident]) {
      expect(codeOf(await server.gql(CHECK_IN, { signupId }, { as })), as).toBe('NOT_FOUND');
    }
    // The volunteer sees their own sign-up, but checks themself in with the code.
    expect(codeOf(await server.gql(CHECK_IN, { signupId }, { as: neighbour }))).toBe('FORBIDDEN');
    expect(codeOf(await server.gql(CHECK_IN, { signupId: '99999999' }, { as: staff }))).toBe('NOT_FOUND');

    const checkedIn = await server.gql(CHECK_IN, { signupId }, { as: gridWorker });
    expect(checkedIn.errors).toBeUndefined();
    expect(checkedIn.data.checkInVolunteer.checkIns[0].checkInMethod).toBe('ORGANISER');
    expect(codeOf(await server.gql(CHECK_IN, { signupId }, { as: staff }))).toBe('CONFLICT');

    for (const as of [otherCommunityStaff, otherStreetAdmin]) {
      expect(codeOf(await server.gql(CHECK_OUT, { signupId }, { as })), as).toBe('NOT_FOUND');
    }
    const out = await server.gql(CHECK_OUT, { signupId }, { as: staff });
    expect(out.errors).toBeUndefined();
    expect(out.data.checkOutVolunteer).toMatchObject({ status: 'CHECKED_OUT', recordedHours: 0 });
    expect(codeOf(await server.gql(CHECK_OUT, { signupId }, { as: staff }))).toBe('CONFLICT');
    const audited = await server.sql<{ action: string }>(
      `select action from audit_entry where target_type = 'ShiftAttendance' and target_id = ? order by id`,
      [String(signupId)],
    );
    expect(audited.map((row) => row.action)).toEqual(['attendance.checkIn', 'attendance.checkOut']);
  });

  it('closes a forgotten check-out at the time given, within the shift and after the check-in', async () => {
    const { shiftIds } = await makeActivity(server, {
      areaId: ids['幸福里社区']!,
      createdById: userIds[staff]!,
      shifts: [{ startsAt: minutesFromNow(-300), endsAt: minutesFromNow(-120) }],
    });
    const signupId = await makeSignup(server, shiftIds[0]!, userIds[volunteer]!, 'CHECKED_IN');
    await server.sql(
      `insert into shift_check_in (signup_id, activity_id, volunteer_id, service_day, checked_in_at, check_in_method)
       select id, activity_id, volunteer_id, current_date, now() - interval '290 minutes', 'CODE' from shift_signup where id = ?`,
      [signupId],
    );
    const before = await footprint();
    const bad: [string, string][] = [
      [minutesFromNow(-295).toISOString(), 'at'], // before the check-in
      [minutesFromNow(-60).toISOString(), 'at'], // after the shift's end + 30 minutes
      [minutesFromNow(10).toISOString(), 'at'], // in the future
    ];
    for (const [at, field] of bad) {
      const result = await server.gql(CHECK_OUT, { signupId, at }, { as: staff });
      expect(codeOf(result), at).toBe('BAD_USER_INPUT');
      expect(fieldsOf(result)).toEqual([field]);
    }
    expect(codeOf(await server.gql(CHECK_OUT, { signupId, at: 'yesterday' }, { as: staff }))).toBe('BAD_USER_INPUT');
    // The grid worker has no reach in 幸福里社区 itself (their grid is below it).
    expect(
      codeOf(await server.gql(CHECK_OUT, { signupId, at: minutesFromNow(-150).toISOString() }, { as: gridWorker })),
    ).toBe('NOT_FOUND');
    expect(await footprint()).toEqual(before);

    const closed = await server.gql(CHECK_OUT, { signupId, at: minutesFromNow(-150).toISOString() }, { as: staff });
    expect(closed.errors).toBeUndefined();
    expect(closed.data.checkOutVolunteer.status).toBe('CHECKED_OUT');
    expect(closed.data.checkOutVolunteer.checkIns[0]).toMatchObject({
      closedByOrganiser: true,
      checkOutMethod: 'ORGANISER',
    });
    expect(closed.data.checkOutVolunteer.recordedHours).toBeCloseTo(140 / 60, 1);
    const [entry] = await server.sql<{ kind: string }>('select kind from service_record_entry where signup_id = ?', [
      signupId,
    ]);
    expect(entry!.kind).toBe('CLOSED_BY_ORGANISER');
  });

  it('refuses WAITLISTED and CANCELLED sign-ups, and checks a late NO_SHOW in, taking the no-show back', async () => {
    const { shiftIds } = await runningShift();
    const waitlisted = await makeSignup(server, shiftIds[0]!, userIds[volunteer]!, 'WAITLISTED');
    const cancelled = await makeSignup(server, shiftIds[0]!, userIds[resident]!, 'CANCELLED');
    const before = await footprint();
    for (const signupId of [waitlisted, cancelled]) {
      expect(codeOf(await server.gql(CHECK_IN, { signupId }, { as: staff }))).toBe('INVALID_STATE');
    }
    expect(codeOf(await server.gql(CHECK_OUT, { signupId: waitlisted }, { as: staff }))).toBe('INVALID_STATE');
    expect(await footprint()).toEqual(before);

    const noShow = await makeSignup(server, shiftIds[0]!, userIds[neighbour]!, 'NO_SHOW');
    await server.sql('update volunteer_profile set no_show_count = 2 where user_id = ?', [Number(userIds[neighbour])]);
    const late = await server.gql(CHECK_IN, { signupId: noShow }, { as: staff });
    expect(late.data.checkInVolunteer.status).toBe('CHECKED_IN');
    const [profile] = await server.sql<{ no_show_count: number }>(
      'select no_show_count from volunteer_profile where user_id = ?',
      [Number(userIds[neighbour])],
    );
    expect(profile!.no_show_count).toBe(1);
  });

  it('allows 3 check-ins per person, activity and day, the 4th refused with a message', async () => {
    const { shiftIds } = await runningShift();
    const signupId = await makeSignup(server, shiftIds[0]!, userIds[resident]!);
    for (let i = 0; i < 3; i++) {
      expect((await server.gql(CHECK_IN, { signupId }, { as: staff })).errors).toBeUndefined();
      expect((await server.gql(CHECK_OUT, { signupId }, { as: staff })).errors).toBeUndefined();
    }
    const fourth = await server.gql(CHECK_IN, { signupId }, { as: staff });
    expect(codeOf(fourth)).toBe('INVALID_STATE');
    expect(fourth.errors![0]!.extensions.checkIn).toBe('DAILY_LIMIT');
    expect(fourth.errors![0]!.message).toContain('3');
    expect(await count('shift_check_in', 'signup_id = ?', [signupId])).toBe(3);
  });

  it('acts once when the same check-in arrives many times at once', async () => {
    const { shiftIds } = await runningShift();
    const signupId = await makeSignup(server, shiftIds[0]!, userIds[neighbour]!);
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => server.gql(CHECK_IN, { signupId }, { as: i % 2 ? staff : gridWorker })),
    );
    expect(results.filter((result) => !result.errors)).toHaveLength(1);
    expect(results.filter((result) => codeOf(result) === 'CONFLICT')).toHaveLength(9);
    expect(await count('shift_check_in', 'signup_id = ?', [signupId])).toBe(1);

    const outs = await Promise.all(
      Array.from({ length: 10 }, () => server.gql(CHECK_OUT, { signupId }, { as: staff })),
    );
    expect(outs.filter((result) => !result.errors)).toHaveLength(1);
    expect(await count('service_record_entry', 'signup_id = ?', [signupId])).toBe(1);
  });
});

describe('recordAttendance (补录)', () => {
  const paperShift = async (capacity = 20, endedMinutesAgo = 60 * 24 * 3) =>
    makeActivity(server, {
      areaId: ids['幸福里社区']!,
      createdById: userIds[streetAdmin]!,
      retroactive: true,
      shifts: [
        {
          startsAt: minutesFromNow(-endedMinutesAgo - 180),
          endsAt: minutesFromNow(-endedMinutesAgo),
          capacity,
        },
      ],
    });

  it('records a paper sheet line: a retroactive CHECKED_OUT sign-up, a PAPER check-in and entry', async () => {
    const { shiftIds } = await paperShift();
    const input = {
      shiftId: shiftIds[0],
      userId: userIds[volunteer],
      checkedInAt: minutesFromNow(-60 * 24 * 3 - 170).toISOString(),
      checkedOutAt: minutesFromNow(-60 * 24 * 3 - 20).toISOString(),
      idempotencyKey: 'paper-line-0001',
    };
    const recorded = await server.gql(RECORD, { input }, { as: staff });
    expect(recorded.errors).toBeUndefined();
    expect(recorded.data.recordAttendance).toMatchObject({
      status: 'CHECKED_OUT',
      retroactive: true,
      recordedHours: 2.5,
    });
    expect(recorded.data.recordAttendance.checkIns[0]).toMatchObject({
      checkInMethod: 'PAPER',
      checkOutMethod: 'PAPER',
    });
    // The same key again: the same record, nothing new.
    const again = await server.gql(RECORD, { input }, { as: staff });
    expect(again.data.recordAttendance.id).toBe(recorded.data.recordAttendance.id);
    const signupId = Number(recorded.data.recordAttendance.id);
    expect(await server.sql('select kind, minutes from service_record_entry where signup_id = ?', [signupId])).toEqual([
      { kind: 'PAPER_RECORDED', minutes: 150 },
    ]);
    expect((await server.sql('select signed_up_count from shift where id = ?', [shiftIds[0]]))[0]).toEqual({
      signed_up_count: 1,
    });
    // Without the key (or with another), a second record of the same person is a conflict.
    const twice = await server.gql(RECORD, { input: { ...input, idempotencyKey: undefined } }, { as: staff });
    expect(codeOf(twice)).toBe('CONFLICT');
  });

  it('refuses people outside reach, non-volunteers, bad times, full shifts, shifts not over or too old, and non-organisers', async () => {
    const { shiftIds } = await paperShift(1);
    const base = {
      shiftId: shiftIds[0],
      userId: userIds[resident],
      checkedInAt: minutesFromNow(-60 * 24 * 3 - 170).toISOString(),
      checkedOutAt: minutesFromNow(-60 * 24 * 3 - 20).toISOString(),
    };
    const before = await footprint();
    const expectRefused = async (input: Record<string, unknown>, code: string, as: string = staff, field?: string) => {
      const result = await server.gql(RECORD, { input: { ...base, ...input } }, { as });
      expect(codeOf(result), JSON.stringify(input)).toBe(code);
      if (field) expect(fieldsOf(result)).toEqual([field]);
    };
    await expectRefused({}, 'FORBIDDEN', gridWorker);
    await expectRefused({}, 'FORBIDDEN', otherCommunityStaff);
    await expectRefused({}, 'FORBIDDEN', volunteer);
    await expectRefused({ userId: userIds[otherStreetAdmin] }, 'NOT_FOUND', staff, 'userId');
    await expectRefused({ userId: userIds[unitRep] }, 'NOT_FOUND', staff, 'userId'); // no volunteer profile
    await expectRefused({ userId: '99999999' }, 'NOT_FOUND', staff, 'userId');
    await expectRefused({ shiftId: '99999999' }, 'NOT_FOUND', staff, 'shiftId');
    await expectRefused(
      { checkedInAt: minutesFromNow(-60 * 24 * 3 - 300).toISOString() },
      'BAD_USER_INPUT',
      staff,
      'checkedInAt',
    );
    await expectRefused({ checkedOutAt: base.checkedInAt }, 'BAD_USER_INPUT', staff, 'checkedOutAt');
    await expectRefused({ checkedOutAt: 'not a date' }, 'BAD_USER_INPUT');
    await expectRefused({ idempotencyKey: 'bad key!' }, 'BAD_USER_INPUT', staff, 'idempotencyKey');
    expect(await footprint()).toEqual(before);

    expect((await server.gql(RECORD, { input: base }, { as: staff })).errors).toBeUndefined();
    const full = await server.gql(RECORD, { input: { ...base, userId: userIds[neighbour] } }, { as: staff });
    expect(codeOf(full)).toBe('BAD_USER_INPUT');
    expect(fieldsOf(full)).toEqual(['shiftId']);

    const running = await runningShift();
    const notOver = await server.gql(
      RECORD,
      {
        input: {
          ...base,
          shiftId: running.shiftIds[0],
          checkedInAt: minutesFromNow(-50).toISOString(),
          checkedOutAt: minutesFromNow(-10).toISOString(),
        },
      },
      { as: staff },
    );
    expect(codeOf(notOver)).toBe('INVALID_STATE');
    const old = await paperShift(5, 60 * 24 * 31);
    const tooOld = await server.gql(
      RECORD,
      {
        input: {
          ...base,
          shiftId: old.shiftIds[0],
          checkedInAt: minutesFromNow(-60 * 24 * 31 - 170).toISOString(),
          checkedOutAt: minutesFromNow(-60 * 24 * 31 - 20).toISOString(),
        },
      },
      { as: staff },
    );
    expect(codeOf(tooOld)).toBe('INVALID_STATE');
  });

  it('records one line once when it is sent many times at once', async () => {
    const { shiftIds } = await paperShift();
    const input = {
      shiftId: shiftIds[0],
      userId: userIds[neighbour],
      checkedInAt: minutesFromNow(-60 * 24 * 3 - 170).toISOString(),
      checkedOutAt: minutesFromNow(-60 * 24 * 3 - 20).toISOString(),
    };
    const results = await Promise.all(Array.from({ length: 8 }, () => server.gql(RECORD, { input }, { as: staff })));
    expect(results.filter((result) => !result.errors)).toHaveLength(1);
    expect(results.filter((result) => codeOf(result) === 'CONFLICT')).toHaveLength(7);
    expect(await count('shift_signup', 'shift_id = ?', [shiftIds[0]])).toBe(1);
    expect((await server.sql('select signed_up_count from shift where id = ?', [shiftIds[0]]))[0]).toEqual({
      signed_up_count: 1,
    });
  });
});

describe('team leaders', () => {
  it("an approved leader of the activity's team runs it: its code and check-ins, outside any grant of theirs", async () => {
    const [team] = await server.sql<{ id: number }>(
      `insert into team (area_id, area_path, street_id, community_id, name, member_count, created_by_id, created_at)
       select a.id, a.path, split_part(a.path, '/', 2)::int, a.id, '考勤测试队', 1, ?, now() from area a where a.id = ?
       returning id`,
      [Number(userIds[otherCommunityStaff]), Number(ids['和平社区'])],
    );
    await server.sql(
      `insert into team_membership (team_id, user_id, role, status, requested_at) values (?, ?, 'LEADER', 'APPROVED', now())`,
      [team!.id, Number(userIds[volunteer])],
    );
    const teamActivity = await makeActivity(server, {
      areaId: ids['和平社区']!,
      createdById: userIds[otherCommunityStaff]!,
      teamId: team!.id,
      shifts: [{ startsAt: minutesFromNow(-60), endsAt: minutesFromNow(60) }],
    });
    const shiftId = teamActivity.shiftIds[0]!;
    const signupId = await makeSignup(server, shiftId, userIds[neighbour]!);
    expect((await server.gql(ISSUE, { shiftId }, { as: volunteer })).errors).toBeUndefined();
    expect((await server.gql(CHECK_IN, { signupId }, { as: volunteer })).errors).toBeUndefined();
    // 幸福里's staff have no reach in 和平社区; a member who does not lead has none either.
    expect(codeOf(await server.gql(CHECK_OUT, { signupId }, { as: staff }))).toBe('NOT_FOUND');
    await server.sql(`update team_membership set role = 'MEMBER' where team_id = ?`, [team!.id]);
    expect(codeOf(await server.gql(ISSUE, { shiftId }, { as: volunteer }))).toBe('FORBIDDEN');
    expect(codeOf(await server.gql(CHECK_OUT, { signupId }, { as: volunteer }))).toBe('NOT_FOUND');
  });
});
