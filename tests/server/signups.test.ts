import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { markNoShows, releaseExpiredPromotions } from '../../server/src/activities/signups.service.js';
import { addResidents, signInAll } from '../helpers/people.js';
import { createTestServer, DEMO_ACCOUNTS, type TestServer } from '../helpers/server.js';
import { makeVolunteers } from '../helpers/volunteering.js';

let server: TestServer;
let ids: Record<string, string>;
let userIds: Record<string, string>;

const { communityStaff: staff, volunteer, resident, neighbour, otherCommunityStaff } = DEMO_ACCOUNTS;

const codeOf = (result: { errors?: { extensions: { code: string } }[] }) => result.errors?.[0]?.extensions.code;

const CREATE = `mutation($input: CreateActivityInput!) { createActivity(input: $input) { id shifts { id } } }`;
const SIGNUP_FIELDS = `id status waitlistPosition confirmBy confirmedAt cancelReason availableActions
  volunteer { id } volunteerProfile { id number } shift { id signedUpCount waitlistCount }`;
const SIGN_UP = `mutation($shiftId: ID!) { signUpForShift(shiftId: $shiftId) { ${SIGNUP_FIELDS} } }`;
const CANCEL_SIGNUP = `mutation($id: ID!) { cancelShiftSignup(id: $id) { ${SIGNUP_FIELDS} } }`;
const CONFIRM = `mutation($id: ID!) { confirmPromotion(signupId: $id) { ${SIGNUP_FIELDS} } }`;
const SIGNUPS = `query($id: ID!, $statuses: [SignupStatus!], $first: Int) { activity(id: $id) {
  signups(statuses: $statuses, first: $first) { totalCount edges { node { ${SIGNUP_FIELDS} } } } } }`;

const HOUR = 3_600_000;
const at = (hours: number) => new Date(Date.now() + hours * HOUR).toISOString();

beforeAll(async () => {
  server = await createTestServer();
  ids = await server.areaIds();
  userIds = await server.userIds();
  await makeVolunteers(server, [userIds[volunteer]!, userIds[neighbour]!], { communityId: ids['幸福里社区']! });
}, 120_000);
afterAll(() => server?.close());

/** A fresh activity of one shift starting in `fromHours` with `capacity` places; its shift's id. */
async function newShift(
  capacity: number,
  fromHours = 48,
  areaName = '幸福里社区',
): Promise<{ activityId: string; shiftId: string }> {
  const result = await server.gql(
    CREATE,
    {
      input: {
        areaId: ids[areaName],
        title: '社区义务植树',
        description: '在小区绿地植树',
        place: '幸福里中心绿地',
        shifts: [{ startsAt: at(fromHours), endsAt: at(fromHours + 2), capacity }],
      },
    },
    { as: staff },
  );
  expect(result.errors).toBeUndefined();
  return { activityId: result.data.createActivity.id, shiftId: result.data.createActivity.shifts[0].id };
}

async function shiftCounts(shiftId: string) {
  const [row] = await server.sql<{ signed_up_count: number; waitlist_count: number; capacity: number }>(
    'select signed_up_count, waitlist_count, capacity from shift where id = ?',
    [Number(shiftId)],
  );
  return row!;
}

let volunteerTokens: string[] = [];
let volunteerIds: string[] = [];

describe('50 volunteers signing up at once for 10 places', () => {
  it('gives exactly 10 places and puts 40 on the waiting list in the order they came', async () => {
    const people = await addResidents(server, ids['幸福里第一网格']!, 50, 1000);
    await makeVolunteers(server, people.ids, { communityId: ids['幸福里社区']! });
    volunteerTokens = await signInAll(server, people.phones);
    volunteerIds = people.ids;
    const { activityId, shiftId } = await newShift(10);

    const results = await Promise.all(volunteerTokens.map((token) => server.gql(SIGN_UP, { shiftId }, { token })));
    expect(results.filter((r) => r.errors)).toEqual([]);
    const signups = results.map((r) => r.data.signUpForShift);
    const placed = signups.filter((s) => s.status === 'SIGNED_UP');
    const waiting = signups.filter((s) => s.status === 'WAITLISTED');
    expect(placed).toHaveLength(10);
    expect(waiting).toHaveLength(40);
    expect(await shiftCounts(shiftId)).toEqual({ signed_up_count: 10, waitlist_count: 40, capacity: 10 });
    // Places and queue numbers were handed out under the shift's lock: every place came before every wait.
    expect(Math.max(...placed.map((s) => Number(s.id)))).toBeLessThan(Math.min(...waiting.map((s) => Number(s.id))));

    const list = await server.gql(SIGNUPS, { id: activityId, statuses: ['WAITLISTED'], first: 100 }, { as: staff });
    const positions = list.data.activity.signups.edges.map(
      (e: { node: { id: string; waitlistPosition: number } }) => e.node,
    );
    expect(list.data.activity.signups.totalCount).toBe(40);
    expect(positions.map((n: { waitlistPosition: number }) => n.waitlistPosition)).toEqual(
      Array.from({ length: 40 }, (_, i) => i + 1),
    );
    const byId = [...waiting].sort((a, b) => Number(a.id) - Number(b.id)).map((s) => s.id);
    expect(positions.map((n: { id: string }) => n.id)).toEqual(byId);

    // Five places freed at once: the first five in line move up, in order, and never over capacity.
    const cancels = await Promise.all(
      placed.slice(0, 5).map((s) => {
        const token = volunteerTokens[signups.indexOf(s)]!;
        return server.gql(CANCEL_SIGNUP, { id: s.id }, { token });
      }),
    );
    expect(cancels.filter((r) => r.errors)).toEqual([]);
    expect(await shiftCounts(shiftId)).toEqual({ signed_up_count: 10, waitlist_count: 35, capacity: 10 });
    const promoted = await server.sql<{ id: number }>(
      'select id from shift_signup where shift_id = ? and promoted_at is not null order by id',
      [Number(shiftId)],
    );
    expect(promoted.map((row) => String(row.id))).toEqual(byId.slice(0, 5));
  }, 60_000);

  it('acts once on a double submit by one person, whatever arrives first', async () => {
    const { shiftId } = await newShift(3);
    const token = volunteerTokens[0]!;
    const results = await Promise.all(Array.from({ length: 6 }, () => server.gql(SIGN_UP, { shiftId }, { token })));
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(results.filter((r) => r.errors).map(codeOf)).toEqual(Array(5).fill('CONFLICT'));
    expect(await shiftCounts(shiftId)).toEqual({ signed_up_count: 1, waitlist_count: 0, capacity: 3 });
    const signupId = results.find((r) => !r.errors)!.data.signUpForShift.id;
    const cancels = await Promise.all(
      Array.from({ length: 4 }, () => server.gql(CANCEL_SIGNUP, { id: signupId }, { token })),
    );
    expect(cancels.filter((r) => !r.errors)).toHaveLength(1);
    expect(cancels.filter((r) => r.errors).map(codeOf)).toEqual(Array(3).fill('INVALID_STATE'));
    expect(await shiftCounts(shiftId)).toEqual({ signed_up_count: 0, waitlist_count: 0, capacity: 3 });
    // Cancelled, one may sign up again.
    expect((await server.gql(SIGN_UP, { shiftId }, { token })).data.signUpForShift.status).toBe('SIGNED_UP');
  });
});

describe('who may sign up and cancel', () => {
  it('refuses people who are not ACTIVE volunteers, and unknown shifts', async () => {
    const { shiftId } = await newShift(3);
    expect(codeOf(await server.gql(SIGN_UP, { shiftId }, { as: resident }))).toBe('FORBIDDEN');
    expect(codeOf(await server.gql(SIGN_UP, { shiftId }, { as: staff }))).toBe('FORBIDDEN');
    await makeVolunteers(server, [userIds[resident]!], { communityId: ids['幸福里社区']!, status: 'AWAITING_CONSENT' });
    expect(codeOf(await server.gql(SIGN_UP, { shiftId }, { as: resident }))).toBe('FORBIDDEN');
    expect(codeOf(await server.gql(SIGN_UP, { shiftId }))).toBe('UNAUTHENTICATED');
    for (const bad of ['999999', 'abc', '-1', '0']) {
      expect(codeOf(await server.gql(SIGN_UP, { shiftId: bad }, { as: volunteer }))).toBe('NOT_FOUND');
      expect(codeOf(await server.gql(CANCEL_SIGNUP, { id: bad }, { as: volunteer }))).toBe('NOT_FOUND');
      expect(codeOf(await server.gql(CONFIRM, { id: bad }, { as: volunteer }))).toBe('NOT_FOUND');
    }
    expect(await shiftCounts(shiftId)).toEqual({ signed_up_count: 0, waitlist_count: 0, capacity: 3 });
  });

  it("treats someone else's sign-up as unknown", async () => {
    const { shiftId } = await newShift(3);
    const mine = (await server.gql(SIGN_UP, { shiftId }, { as: volunteer })).data.signUpForShift;
    for (const as of [neighbour, staff, otherCommunityStaff]) {
      expect(codeOf(await server.gql(CANCEL_SIGNUP, { id: mine.id }, { as }))).toBe('NOT_FOUND');
    }
    expect((await shiftCounts(shiftId)).signed_up_count).toBe(1);
  });

  it('refuses sign-ups and cancels once the shift has started, and sign-ups to a cancelled activity', async () => {
    const { activityId, shiftId } = await newShift(3);
    const mine = (await server.gql(SIGN_UP, { shiftId }, { as: volunteer })).data.signUpForShift;
    await server.sql("update shift set starts_at = now() - interval '1 minute' where id = ?", [Number(shiftId)]);
    expect(codeOf(await server.gql(SIGN_UP, { shiftId }, { as: neighbour }))).toBe('INVALID_STATE');
    expect(codeOf(await server.gql(CANCEL_SIGNUP, { id: mine.id }, { as: volunteer }))).toBe('INVALID_STATE');
    const other = await newShift(3);
    await server.gql(
      'mutation($id: ID!) { cancelActivity(id: $id, reason: "场地不可用") { id } }',
      { id: other.activityId },
      { as: staff },
    );
    expect(codeOf(await server.gql(SIGN_UP, { shiftId: other.shiftId }, { as: volunteer }))).toBe('INVALID_STATE');
    expect(activityId).toBeDefined();
  });

  it('shows the sign-ups with profiles to organisers and checkers, nothing to others', async () => {
    // In the grid worker's grid: CHECK_IN_VOLUNTEERS over it.
    const { activityId, shiftId } = await newShift(3, 48, '幸福里第一网格');
    await server.gql(SIGN_UP, { shiftId }, { as: volunteer });
    const asStaff = await server.gql(SIGNUPS, { id: activityId }, { as: staff });
    expect(asStaff.data.activity.signups.totalCount).toBe(1);
    expect(asStaff.data.activity.signups.edges[0].node.volunteerProfile).toMatchObject({
      number: expect.stringMatching(/^ZYT/),
    });
    const asGridWorker = await server.gql(SIGNUPS, { id: activityId }, { as: DEMO_ACCOUNTS.gridWorker });
    expect(asGridWorker.data.activity.signups.totalCount).toBe(1);
    expect(asGridWorker.data.activity.signups.edges[0].node.volunteerProfile).toBeNull();
    for (const as of [neighbour, otherCommunityStaff, DEMO_ACCOUNTS.otherStreetAdmin]) {
      expect((await server.gql(SIGNUPS, { id: activityId }, { as })).data.activity.signups.totalCount).toBe(0);
    }
    expect((await server.gql(SIGNUPS, { id: activityId })).data.activity.signups.totalCount).toBe(0);
  });
});

describe('promotions and their deadline', () => {
  it('releases a place not confirmed in time to the next in line, once, whatever the number of instances', async () => {
    const { shiftId } = await newShift(1);
    const [a, b, c] = volunteerTokens.slice(10, 13) as [string, string, string];
    const first = (await server.gql(SIGN_UP, { shiftId }, { token: a })).data.signUpForShift;
    const second = (await server.gql(SIGN_UP, { shiftId }, { token: b })).data.signUpForShift;
    const third = (await server.gql(SIGN_UP, { shiftId }, { token: c })).data.signUpForShift;
    expect([first.status, second.status, third.status]).toEqual(['SIGNED_UP', 'WAITLISTED', 'WAITLISTED']);
    expect(third.waitlistPosition).toBe(2);
    const promoted = (await server.gql(CANCEL_SIGNUP, { id: first.id }, { token: a })).data.cancelShiftSignup;
    expect(promoted.status).toBe('CANCELLED');
    const held = await server.gql(SIGNUPS, { id: await activityOf(shiftId), statuses: ['SIGNED_UP'] }, { as: staff });
    const place = held.data.activity.signups.edges[0].node;
    expect(place.id).toBe(second.id);
    expect(new Date(place.confirmBy).getTime()).toBeGreaterThan(Date.now() + 23 * HOUR);

    const later = new Date(Date.now() + 25 * HOUR);
    const em = () => server.app.orm.em.fork();
    // Earlier tests' promotions expire too: the runs together release each held place once.
    const [{ n: due }] = (await server.sql<{ n: number }>(
      "select count(*)::int as n from shift_signup where status = 'SIGNED_UP' and confirmed_at is null and confirm_by <= ?",
      [later],
    )) as [{ n: number }];
    expect(due).toBeGreaterThanOrEqual(1);
    const released = await Promise.all([releaseExpiredPromotions(em(), later), releaseExpiredPromotions(em(), later)]);
    expect(released.reduce((x, y) => x + y, 0)).toBe(due);
    const rows = await server.sql<{
      id: number;
      status: string;
      cancel_reason: string | null;
      confirm_by: Date | null;
    }>('select id, status, cancel_reason, confirm_by from shift_signup where shift_id = ? order by id', [
      Number(shiftId),
    ]);
    expect(rows.map((r) => [String(r.id), r.status, r.cancel_reason])).toEqual([
      [first.id, 'CANCELLED', 'BY_VOLUNTEER'],
      [second.id, 'CANCELLED', 'PROMOTION_EXPIRED'],
      [third.id, 'SIGNED_UP', null],
    ]);
    expect(await shiftCounts(shiftId)).toEqual({ signed_up_count: 1, waitlist_count: 0, capacity: 1 });
    const told = await server.sql<{ kind: string }>(
      "select kind from notification where subject_type = 'signup' and subject_id = any(?::int[]) order by id",
      [`{${second.id},${third.id}}`],
    );
    expect(told.map((r) => r.kind)).toEqual(['SHIFT_PROMOTED', 'PROMOTION_EXPIRED', 'SHIFT_PROMOTED']);
    expect(await releaseExpiredPromotions(em(), later)).toBe(0);
    // The expired promotion cannot be confirmed any more.
    expect(codeOf(await server.gql(CONFIRM, { id: second.id }, { token: b }))).toBe('INVALID_STATE');
  });

  it('gives a place without a hold when the shift starts within the hour', async () => {
    const { shiftId } = await newShift(1, 0.5);
    const [a, b] = volunteerTokens.slice(20, 22) as [string, string];
    const first = (await server.gql(SIGN_UP, { shiftId }, { token: a })).data.signUpForShift;
    const second = (await server.gql(SIGN_UP, { shiftId }, { token: b })).data.signUpForShift;
    await server.gql(CANCEL_SIGNUP, { id: first.id }, { token: a });
    const [row] = await server.sql<{ status: string; confirm_by: Date | null; confirmed_at: Date | null }>(
      'select status, confirm_by, confirmed_at from shift_signup where id = ?',
      [Number(second.id)],
    );
    expect(row).toMatchObject({ status: 'SIGNED_UP', confirm_by: null });
    expect(row!.confirmed_at).not.toBeNull();
  });
});

describe('no-shows', () => {
  it('marks those who never came once the shift is over, counts each once, and leaves the rest', async () => {
    const { shiftId } = await newShift(5);
    const [a, b] = volunteerTokens.slice(30, 32) as [string, string];
    const [aId, bId] = volunteerIds.slice(30, 32) as [string, string];
    const absent = (await server.gql(SIGN_UP, { shiftId }, { token: a })).data.signUpForShift;
    const present = (await server.gql(SIGN_UP, { shiftId }, { token: b })).data.signUpForShift;
    await server.sql("update shift_signup set status = 'CHECKED_OUT' where id = ?", [Number(present.id)]);
    await server.sql(
      "update shift set starts_at = now() - interval '3 hours', ends_at = now() - interval '20 minutes' where id = ?",
      [Number(shiftId)],
    );
    const em = () => server.app.orm.em.fork();
    // Within the margin after the end: not yet.
    expect(await markNoShows(em())).toBe(0);
    const later = new Date(Date.now() + 15 * 60_000);
    const marked = await Promise.all([markNoShows(em(), later), markNoShows(em(), later)]);
    expect(marked.reduce((x, y) => x + y, 0)).toBe(1);
    expect(await markNoShows(em(), later)).toBe(0);
    const statuses = await server.sql<{ id: number; status: string }>(
      'select id, status from shift_signup where shift_id = ? order by id',
      [Number(shiftId)],
    );
    expect(statuses.map((r) => [String(r.id), r.status])).toEqual([
      [absent.id, 'NO_SHOW'],
      [present.id, 'CHECKED_OUT'],
    ]);
    const counts = await server.sql<{ user_id: number; no_show_count: number }>(
      'select user_id, no_show_count from volunteer_profile where user_id = any(?::int[]) order by user_id',
      [`{${aId},${bId}}`],
    );
    expect(counts.map((r) => r.no_show_count)).toEqual([1, 0]);
    // The place stays counted: a no-show held it.
    expect((await shiftCounts(shiftId)).signed_up_count).toBe(2);
  });
});

async function activityOf(shiftId: string): Promise<string> {
  const [row] = await server.sql<{ activity_id: number }>('select activity_id from shift where id = ?', [
    Number(shiftId),
  ]);
  return String(row!.activity_id);
}

describe('organisers and volunteers at the same time', () => {
  it('never goes over capacity while places are lowered, raised and taken at once', async () => {
    const { shiftId } = await newShift(5);
    const CAPACITY = `mutation($id: ID!, $capacity: Int!) { setShiftCapacity(shiftId: $id, capacity: $capacity) { id } }`;
    const results = await Promise.all([
      ...volunteerTokens.slice(0, 20).map((token) => server.gql(SIGN_UP, { shiftId }, { token })),
      server.gql(CAPACITY, { id: shiftId, capacity: 8 }, { as: staff }),
      server.gql(CAPACITY, { id: shiftId, capacity: 3 }, { as: staff }),
      server.gql(CAPACITY, { id: shiftId, capacity: 12 }, { as: staff }),
    ]);
    for (const result of results) expect(['BAD_USER_INPUT', undefined]).toContain(codeOf(result));
    const counts = await shiftCounts(shiftId);
    expect(counts.signed_up_count).toBeLessThanOrEqual(counts.capacity);
    const [rows] = await server.sql<{ placed: number; waiting: number }>(
      `select count(*) filter (where status = 'SIGNED_UP')::int as placed, count(*) filter (where status = 'WAITLISTED')::int as waiting
         from shift_signup where shift_id = ?`,
      [Number(shiftId)],
    );
    expect(rows).toEqual({ placed: counts.signed_up_count, waiting: counts.waitlist_count });
    expect(rows!.placed + rows!.waiting).toBe(20);
    // Places free while someone waits only if the capacity was lowered meanwhile: never both.
    expect(counts.waitlist_count === 0 || counts.signed_up_count === counts.capacity).toBe(true);
  });

  it('cancels an activity once when cancelled twice at once', async () => {
    const { activityId, shiftId } = await newShift(2);
    await Promise.all(volunteerTokens.slice(0, 3).map((token) => server.gql(SIGN_UP, { shiftId }, { token })));
    const CANCEL = 'mutation($id: ID!) { cancelActivity(id: $id, reason: "下雨延期") { id status } }';
    const results = await Promise.all([1, 2, 3].map(() => server.gql(CANCEL, { id: activityId }, { as: staff })));
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(results.filter((r) => r.errors).map(codeOf)).toEqual(['INVALID_STATE', 'INVALID_STATE']);
    const told = await server.sql<{ n: number }>(
      "select count(*)::int as n from notification where kind = 'ACTIVITY_CANCELLED' and subject_id = ?",
      [Number(activityId)],
    );
    expect(told[0]!.n).toBe(3);
    expect(await shiftCounts(shiftId)).toEqual({ signed_up_count: 0, waitlist_count: 0, capacity: 2 });
  });
});

describe('what the volunteer is told', () => {
  it('links promotion and cancellation notifications to their activity', async () => {
    const { activityId, shiftId } = await newShift(1);
    const [a, b] = volunteerTokens.slice(40, 42) as [string, string];
    const first = (await server.gql(SIGN_UP, { shiftId }, { token: a })).data.signUpForShift;
    await server.gql(SIGN_UP, { shiftId }, { token: b });
    await server.gql(CANCEL_SIGNUP, { id: first.id }, { token: a });
    await server.gql(
      'mutation($id: ID!) { cancelActivity(id: $id, reason: "场地维修") { id } }',
      { id: activityId },
      { as: staff },
    );
    const NOTES = `{ notifications(first: 10) { edges { node { kind activity { id title } } } } }`;
    const result = await server.gql(NOTES, {}, { token: b });
    expect(result.errors).toBeUndefined();
    const nodes = result.data.notifications.edges.map((e: { node: unknown }) => e.node);
    expect(nodes).toEqual(
      expect.arrayContaining([
        { kind: 'SHIFT_PROMOTED', activity: { id: activityId, title: '社区义务植树' } },
        { kind: 'ACTIVITY_CANCELLED', activity: { id: activityId, title: '社区义务植树' } },
      ]),
    );
  });
});

describe('an activity’s sign-ups for its organisers', () => {
  it('reads a page in statements that do not grow with its size', async () => {
    const { activityId, shiftId } = await newShift(6);
    await Promise.all(volunteerTokens.slice(0, 14).map((token) => server.gql(SIGN_UP, { shiftId }, { token })));
    const PAGE = `query($id: ID!, $first: Int) { activity(id: $id) { signups(first: $first) { totalCount
      edges { node { ${SIGNUP_FIELDS} activity { id title } } } } shifts { availableActions viewerSignup { id } } } }`;
    const statements = async (first: number) => {
      const counts: number[] = [];
      for (let i = 0; i < 3; i++)
        counts.push(await server.countQueries(() => server.gql(PAGE, { id: activityId, first }, { as: staff })));
      return Math.min(...counts);
    };
    // Both pages hold places and waiting sign-ups (the waiting list's query is there only when one waits).
    const small = await statements(8);
    const large = await statements(14);
    expect(large).toBeLessThanOrEqual(small);
    const page = await server.gql(PAGE, { id: activityId, first: 14 }, { as: staff });
    const waiting = page.data.activity.signups.edges
      .map((e: { node: { waitlistPosition: number | null } }) => e.node.waitlistPosition)
      .filter((p: number | null) => p !== null);
    expect(waiting).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });
});
