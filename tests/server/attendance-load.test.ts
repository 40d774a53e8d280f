import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeActivity, makePeople, minutesFromNow, shiftCode } from '../helpers/attendance-fixtures.js';
import { createTestServer, DEMO_ACCOUNTS, type TestServer } from '../helpers/server.js';

let server: TestServer;
let ids: Record<string, string>;
let userIds: Record<string, string>;

const CHECK_IN = `mutation($shiftId: ID, $code: String) { checkInVolunteer(shiftId: $shiftId, code: $code) { id status } }`;
const codeOf = (result: { errors?: { extensions: { code: string } }[] }) => result.errors?.[0]?.extensions.code;

/** Runs the calls `limit` at a time, as a crowd at a sign-in desk does (not all in one instant). */
async function bounded<T>(calls: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array(calls.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < calls.length) {
        const index = next++;
        results[index] = await calls[index]!();
      }
    }),
  );
  return results;
}

/** ACTIVE profiles for the people, in one statement. */
async function makeVolunteers(people: { id: number }[]) {
  await server.sql(
    `insert into volunteer_profile (user_id, number, status, skills, tags, availability, community_id, created_at)
     select u.id, 'ZYL' || u.id, 'ACTIVE', '{}', '{}', '{}', ?, now() from app_user u where u.id = any(?::int[])`,
    [Number(ids['幸福里社区']), `{${people.map((person) => person.id).join(',')}}`],
  );
}

beforeAll(async () => {
  server = await createTestServer();
  ids = await server.areaIds();
  userIds = await server.userIds();
});
afterAll(() => server?.close());

describe('many volunteers checking in at once', () => {
  it('500 signed-up volunteers check in with the code, 50 at a time, some twice: all in once, never over capacity', async () => {
    const people = await makePeople(server, 500, ids['1号楼']!);
    await makeVolunteers(people);
    const { shiftIds } = await makeActivity(server, {
      areaId: ids['幸福里社区']!,
      createdById: userIds[DEMO_ACCOUNTS.communityStaff]!,
      shifts: [{ startsAt: minutesFromNow(-10), endsAt: minutesFromNow(180), capacity: 500 }],
    });
    const shiftId = shiftIds[0]!;
    await server.sql(
      `insert into shift_signup (shift_id, activity_id, volunteer_id, status, queued_at, created_at)
       select s.id, s.activity_id, u, 'SIGNED_UP', now(), now() from shift s, unnest(?::int[]) u where s.id = ?`,
      [`{${people.map((person) => person.id).join(',')}}`, shiftId],
    );
    await server.sql('update shift set signed_up_count = 500 where id = ?', [shiftId]);

    const code = await shiftCode(server, shiftId);
    // Every tenth volunteer taps twice.
    const senders = [...people, ...people.filter((_, i) => i % 10 === 0)];
    const started = Date.now();
    const results = await bounded(
      senders.map((person) => () => server.gql(CHECK_IN, { shiftId, code }, { token: person.token })),
      50,
    );
    const seconds = (Date.now() - started) / 1000;

    const ok = results.filter((result) => !result.errors);
    expect(ok).toHaveLength(500);
    expect(new Set(ok.map((result) => result.data.checkInVolunteer.id)).size).toBe(500);
    const refused = results.filter((result) => result.errors).map(codeOf);
    expect(refused).toHaveLength(50);
    // The second tap is a replay of the same code (or, if it came second at the very same time, a conflict).
    expect(refused.every((code) => code === 'BAD_USER_INPUT' || code === 'CONFLICT')).toBe(true);
    const [state] = await server.sql<{ open: string; signed_up_count: number; capacity: number }>(
      `select (select count(*) from shift_check_in c join shift_signup su on su.id = c.signup_id
                where su.shift_id = s.id and c.checked_out_at is null) as open,
              s.signed_up_count, s.capacity
         from shift s where s.id = ?`,
      [shiftId],
    );
    expect(Number(state!.open)).toBe(500);
    expect(state!.signed_up_count).toBeLessThanOrEqual(state!.capacity);
    // Well within the minute the issue asks for, even on a busy test machine.
    expect(seconds).toBeLessThan(60);
  }, 120_000);

  it('walk-ins racing for the last places: exactly as many as there are places get one', async () => {
    const people = await makePeople(server, 30, ids['1号楼']!);
    await makeVolunteers(people);
    const { shiftIds } = await makeActivity(server, {
      areaId: ids['幸福里社区']!,
      createdById: userIds[DEMO_ACCOUNTS.communityStaff]!,
      shifts: [{ startsAt: minutesFromNow(-10), endsAt: minutesFromNow(180), capacity: 10 }],
    });
    const shiftId = shiftIds[0]!;
    const code = await shiftCode(server, shiftId);
    const results = await Promise.all(
      people.map((person) => server.gql(CHECK_IN, { shiftId, code }, { token: person.token })),
    );
    expect(results.filter((result) => !result.errors)).toHaveLength(10);
    expect(results.filter((result) => codeOf(result) === 'INVALID_STATE')).toHaveLength(20);
    const [shift] = await server.sql<{ signed_up_count: number }>('select signed_up_count from shift where id = ?', [
      shiftId,
    ]);
    expect(shift!.signed_up_count).toBe(10);
    const [signups] = await server.sql<{ n: string }>('select count(*) n from shift_signup where shift_id = ?', [
      shiftId,
    ]);
    expect(Number(signups!.n)).toBe(10);
  }, 60_000);
});
