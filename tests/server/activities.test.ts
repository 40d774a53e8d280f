import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipart } from '../helpers/multipart.js';
import { createTestServer, DEMO_ACCOUNTS, type TestServer } from '../helpers/server.js';
import { makeVolunteers } from '../helpers/volunteering.js';

let server: TestServer;
let ids: Record<string, string>;
let userIds: Record<string, string>;

const {
  communityStaff: staff,
  streetAdmin,
  gridWorker,
  volunteer,
  resident,
  neighbour,
  otherCommunityStaff,
  otherStreetAdmin,
} = DEMO_ACCOUNTS;

const codeOf = (result: { errors?: { extensions: { code: string } }[] }) => result.errors?.[0]?.extensions.code;
const fieldsOf = (result: { errors?: { extensions: { fields?: Record<string, string> } }[] }) =>
  Object.keys(result.errors?.[0]?.extensions.fields ?? {});

const SHIFT = `id startsAt endsAt capacity signedUpCount waitlistCount placesLeft checkedInCount availableActions
  viewerSignup { id status }`;
const FIELDS = `id title description place skills status retroactive startsAt endsAt placesLeft cancelReason
  area { name } team { id } need { id } project { id } resolution { id } createdBy { displayName }
  shifts { ${SHIFT} } photos { id url } viewerSignups { id status } availableActions`;
const CREATE = `mutation($input: CreateActivityInput!) { createActivity(input: $input) { ${FIELDS} } }`;
const ONE = `query($id: ID!) { activity(id: $id) { ${FIELDS} } }`;
const SIGNUP_FIELDS = `id status waitlistPosition promotedAt confirmBy confirmedAt cancelledAt cancelReason retroactive
  availableActions shift { id signedUpCount waitlistCount } activity { id } volunteer { id }`;
const SIGN_UP = `mutation($shiftId: ID!) { signUpForShift(shiftId: $shiftId) { ${SIGNUP_FIELDS} } }`;
const CANCEL_SIGNUP = `mutation($id: ID!) { cancelShiftSignup(id: $id) { ${SIGNUP_FIELDS} } }`;
const CONFIRM = `mutation($id: ID!) { confirmPromotion(signupId: $id) { ${SIGNUP_FIELDS} } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateActivityInput!) { updateActivity(id: $id, input: $input) { ${FIELDS} } }`;
const CANCEL = `mutation($id: ID!, $reason: String!) { cancelActivity(id: $id, reason: $reason) { ${FIELDS} } }`;
const ADD_SHIFT = `mutation($id: ID!, $input: ShiftInput!) { addShift(activityId: $id, input: $input) { ${SHIFT} activity { startsAt endsAt } } }`;
const CAPACITY = `mutation($id: ID!, $capacity: Int!) { setShiftCapacity(shiftId: $id, capacity: $capacity) { ${SHIFT} } }`;

const HOUR = 3_600_000;
const at = (hours: number) => new Date(Date.now() + hours * HOUR).toISOString();
const shift = (fromHours: number, capacity = 3, lengthHours = 2) => ({
  startsAt: at(fromHours),
  endsAt: at(fromHours + lengthHours),
  capacity,
});

beforeAll(async () => {
  server = await createTestServer();
  ids = await server.areaIds();
  userIds = await server.userIds();
  await makeVolunteers(server, [userIds[volunteer]!, userIds[neighbour]!], { communityId: ids['幸福里社区']! });
}, 120_000);
afterAll(() => server?.close());

async function create(as: string, input: Record<string, unknown> = {}) {
  return server.gql(
    CREATE,
    {
      input: {
        areaId: ids['幸福里社区'],
        title: '楼道清洁',
        description: '清理楼道杂物',
        place: '幸福里 3 号楼',
        skills: ['CLEANING'],
        shifts: [shift(48), shift(72)],
        ...input,
      },
    },
    { as },
  );
}

describe('createActivity', () => {
  it('lets staff over the area create an activity with its shifts, public to everyone', async () => {
    const result = await create(staff);
    expect(result.errors).toBeUndefined();
    const activity = result.data.createActivity;
    expect(activity).toMatchObject({
      title: '楼道清洁',
      status: 'PUBLISHED',
      retroactive: false,
      skills: ['CLEANING'],
      area: { name: '幸福里社区' },
      createdBy: { displayName: '李秀英' },
      placesLeft: 6,
    });
    expect(activity.shifts).toHaveLength(2);
    expect(activity.startsAt).toBe(activity.shifts[0].startsAt);
    expect(activity.endsAt).toBe(activity.shifts[1].endsAt);
    expect(activity.availableActions).toEqual(
      expect.arrayContaining(['EDIT', 'CANCEL', 'ADD_SHIFT', 'SHOW_CHECK_IN_CODE', 'CHECK_IN_OTHERS', 'VERIFY_HOURS']),
    );
    const signedOut = await server.gql(ONE, { id: activity.id });
    expect(signedOut.data.activity).toMatchObject({ id: activity.id, availableActions: [] });
    expect(signedOut.data.activity.shifts[0]).toMatchObject({ checkedInCount: null, availableActions: [] });
    const [audit] = await server.sql<{ action: string }>(
      "select action from audit_entry where target_type = 'Activity' and target_id = ?",
      [activity.id],
    );
    expect(audit?.action).toBe('activity.create');
  });

  it('lets the street admin create one, but not staff of another community or another street', async () => {
    expect((await create(streetAdmin)).errors).toBeUndefined();
    expect(codeOf(await create(otherCommunityStaff))).toBe('FORBIDDEN');
    expect(codeOf(await create(otherStreetAdmin))).toBe('FORBIDDEN');
    expect(codeOf(await create(resident))).toBe('FORBIDDEN');
    expect(codeOf(await create(gridWorker))).toBe('FORBIDDEN');
    expect(codeOf(await server.gql(CREATE, { input: {} }))).toBeDefined();
  });
});

describe('signing up, the waiting list and promotions', () => {
  it('signs volunteers up within capacity, then waitlists, promotes on cancel, and confirms', async () => {
    const activity = (await create(staff, { shifts: [shift(48, 1)] })).data.createActivity;
    const shiftId = activity.shifts[0].id;
    const first = await server.gql(SIGN_UP, { shiftId }, { as: volunteer });
    expect(first.errors).toBeUndefined();
    expect(first.data.signUpForShift).toMatchObject({
      status: 'SIGNED_UP',
      waitlistPosition: null,
      availableActions: ['CANCEL'],
      shift: { signedUpCount: 1, waitlistCount: 0 },
    });
    const second = await server.gql(SIGN_UP, { shiftId }, { as: neighbour });
    expect(second.data.signUpForShift).toMatchObject({
      status: 'WAITLISTED',
      waitlistPosition: 1,
      shift: { signedUpCount: 1, waitlistCount: 1 },
    });
    expect(codeOf(await server.gql(SIGN_UP, { shiftId }, { as: volunteer }))).toBe('CONFLICT');
    expect(codeOf(await server.gql(SIGN_UP, { shiftId }, { as: resident }))).toBe('FORBIDDEN');

    const cancelled = await server.gql(CANCEL_SIGNUP, { id: first.data.signUpForShift.id }, { as: volunteer });
    expect(cancelled.data.cancelShiftSignup).toMatchObject({
      status: 'CANCELLED',
      cancelReason: 'BY_VOLUNTEER',
      availableActions: [],
      shift: { signedUpCount: 1, waitlistCount: 0 },
    });
    const promotedId = second.data.signUpForShift.id;
    const mine = await server.gql(ONE, { id: activity.id }, { as: neighbour });
    const promoted = mine.data.activity.viewerSignups[0];
    expect(promoted).toMatchObject({ id: promotedId, status: 'SIGNED_UP' });
    const todo = await server.gql('{ myTodos { promotionsToConfirm } }', {}, { as: neighbour });
    expect(todo.data.myTodos.promotionsToConfirm).toBe(1);
    const [note] = await server.sql<{ kind: string; params: Record<string, string> }>(
      "select kind, params from notification where recipient_id = ? and kind = 'SHIFT_PROMOTED'",
      [userIds[neighbour]],
    );
    expect(note?.params.activity).toBe('楼道清洁');

    const confirmed = await server.gql(CONFIRM, { id: promotedId }, { as: neighbour });
    expect(confirmed.errors).toBeUndefined();
    expect(confirmed.data.confirmPromotion.confirmedAt).not.toBeNull();
    expect(confirmed.data.confirmPromotion.availableActions).toEqual(['CANCEL']);
    expect(codeOf(await server.gql(CONFIRM, { id: promotedId }, { as: neighbour }))).toBe('INVALID_STATE');
    expect(codeOf(await server.gql(CONFIRM, { id: promotedId }, { as: volunteer }))).toBe('NOT_FOUND');
    const after = await server.gql('{ myTodos { promotionsToConfirm } }', {}, { as: neighbour });
    expect(after.data.myTodos.promotionsToConfirm).toBe(0);
  });
});

describe('organisers change an activity', () => {
  it('updates, adds a shift, changes capacity and cancels, telling those signed up', async () => {
    const activity = (await create(staff, { shifts: [shift(48, 1)] })).data.createActivity;
    const updated = await server.gql(UPDATE, { id: activity.id, input: { title: '楼道大扫除' } }, { as: staff });
    expect(updated.data.updateActivity.title).toBe('楼道大扫除');
    expect(
      codeOf(await server.gql(UPDATE, { id: activity.id, input: { title: '改个标题' } }, { as: otherCommunityStaff })),
    ).toBe('FORBIDDEN');

    const added = await server.gql(ADD_SHIFT, { id: activity.id, input: shift(96, 2) }, { as: staff });
    expect(added.errors).toBeUndefined();
    expect(added.data.addShift.activity.endsAt).toBe(added.data.addShift.endsAt);

    const shiftId = activity.shifts[0].id;
    await server.gql(SIGN_UP, { shiftId }, { as: volunteer });
    const waiting = await server.gql(SIGN_UP, { shiftId }, { as: neighbour });
    expect(waiting.data.signUpForShift.status).toBe('WAITLISTED');
    const raised = await server.gql(CAPACITY, { id: shiftId, capacity: 2 }, { as: staff });
    expect(raised.data.setShiftCapacity).toMatchObject({ capacity: 2, signedUpCount: 2, waitlistCount: 0 });
    const lowered = await server.gql(CAPACITY, { id: shiftId, capacity: 1 }, { as: staff });
    expect(codeOf(lowered)).toBe('BAD_USER_INPUT');
    expect(fieldsOf(lowered)).toEqual(['capacity']);

    const cancelled = await server.gql(CANCEL, { id: activity.id, reason: '天气原因' }, { as: staff });
    expect(cancelled.data.cancelActivity).toMatchObject({
      status: 'CANCELLED',
      cancelReason: '天气原因',
      availableActions: ['VERIFY_HOURS'],
    });
    expect(cancelled.data.cancelActivity.shifts[0]).toMatchObject({ signedUpCount: 0, waitlistCount: 0 });
    const told = await server.sql<{ recipient_id: number }>(
      "select recipient_id from notification where kind = 'ACTIVITY_CANCELLED' and subject_id = ?",
      [Number(activity.id)],
    );
    expect(told.map((row) => String(row.recipient_id)).sort()).toEqual([userIds[volunteer], userIds[neighbour]].sort());
    expect(codeOf(await server.gql(CANCEL, { id: activity.id, reason: '再取消' }, { as: staff }))).toBe(
      'INVALID_STATE',
    );
  });
});

const LIST = `query($filter: ActivityFilter, $first: Int, $after: String) { activities(filter: $filter, first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } edges { cursor node { ${FIELDS} } } } }`;

/** Counts of the activity tables, to show a refused call changed nothing. */
async function tableCounts() {
  const [row] = await server.sql<{ activities: number; shifts: number; signups: number; photos: number }>(
    `select (select count(*)::int from activity) as activities, (select count(*)::int from shift) as shifts,
            (select count(*)::int from shift_signup) as signups, (select count(*)::int from activity_photo where activity_id is not null) as photos`,
  );
  return row!;
}

/** A team on `areaName` led by `leader` (approved), with `member` approved as a plain member. */
async function insertTeam(name: string, areaName: string, leader: string, member?: string): Promise<string> {
  const [team] = await server.sql<{ id: number }>(
    `insert into team (area_id, area_path, street_id, community_id, grid_id, name, member_count, created_by_id, created_at)
     select a.id, a.path,
            (select s.id from area s where s.id = any(string_to_array(trim(both '/' from a.path), '/')::int[]) and s.kind = 'STREET'),
            (select c.id from area c where c.id = any(string_to_array(trim(both '/' from a.path), '/')::int[]) and c.kind in ('COMMUNITY', 'VILLAGE')),
            null, ?, 1, ?, now()
       from area a where a.id = ? returning id`,
    [name, Number(userIds[staff]), Number(ids[areaName])],
  );
  await server.sql(
    `insert into team_membership (team_id, user_id, role, status, requested_at) values (?, ?, 'LEADER', 'APPROVED', now())`,
    [team!.id, Number(userIds[leader])],
  );
  if (member) {
    await server.sql(
      `insert into team_membership (team_id, user_id, role, status, requested_at) values (?, ?, 'MEMBER', 'APPROVED', now())`,
      [team!.id, Number(userIds[member])],
    );
  }
  return String(team!.id);
}

describe('createActivity refusals', () => {
  it('refuses bad input field by field and changes nothing', async () => {
    const before = await tableCounts();
    const cases: [Record<string, unknown>, string][] = [
      [{ title: '' }, 'title'],
      [{ title: '   ' }, 'title'],
      [{ title: '一' }, 'title'],
      [{ title: '长'.repeat(101) }, 'title'],
      [{ title: 'a\u0000b' }, 'title'],
      [{ description: '' }, 'description'],
      [{ description: '字'.repeat(2001) }, 'description'],
      [{ place: '' }, 'place'],
      [{ place: '地'.repeat(201) }, 'place'],
      [{ shifts: [] }, 'shifts'],
      [{ shifts: Array.from({ length: 51 }, (_, i) => shift(48 + i * 3)) }, 'shifts'],
      [{ shifts: [shift(48, 0)] }, 'shifts.0.capacity'],
      [{ shifts: [shift(48, -5)] }, 'shifts.0.capacity'],
      [{ shifts: [shift(48, 501)] }, 'shifts.0.capacity'],
      [{ shifts: [{ startsAt: at(48), endsAt: at(47), capacity: 3 }] }, 'shifts'],
      [{ shifts: [shift(48, 3, 25)] }, 'shifts'],
      [{ shifts: [shift(-2)] }, 'shifts'],
      [{ shifts: [shift(24 * 400)] }, 'shifts'],
      [{ shifts: [shift(-1)], retroactive: true }, 'shifts'],
      [{ shifts: [shift(-24 * 31)], retroactive: true }, 'shifts'],
      [{ photoIds: ['999999'] }, 'photoIds'],
      [{ photoIds: Array.from({ length: 10 }, (_, i) => String(i + 1)) }, 'photoIds'],
      [{ idempotencyKey: 'short' }, 'idempotencyKey'],
      [{ skills: ['NOT_A_SKILL'] }, 'skills'],
    ];
    for (const [input, field] of cases) {
      const result = await create(staff, input);
      expect(codeOf(result), JSON.stringify(input).slice(0, 80)).toBe('BAD_USER_INPUT');
      expect(fieldsOf(result), JSON.stringify(input).slice(0, 80)).toContain(field);
    }
    expect(await tableCounts()).toEqual(before);
  });

  it('answers NOT_FOUND for an area, team, need, project or resolution out of reach', async () => {
    const before = await tableCounts();
    for (const input of [
      { areaId: '999999' },
      { areaId: 'x' },
      { teamId: '999999' },
      { needId: '999999' },
      { projectId: '999999' },
      { resolutionId: '999999' },
    ]) {
      expect(codeOf(await create(staff, input)), JSON.stringify(input)).toBe('NOT_FOUND');
    }
    const [privateNeed] = await server.sql<{ id: number }>(
      `select n.id from need n join area a on a.id = n.area_id where not n.is_public and a.path not like ? limit 1`,
      [`%/${ids['幸福里社区']}/%`],
    );
    if (privateNeed) expect(codeOf(await create(staff, { needId: String(privateNeed.id) }))).toBe('NOT_FOUND');
    expect(await tableCounts()).toEqual(before);
  });

  it('links a visible need, project and resolution of the street', async () => {
    const [need] = await server.sql<{ id: number }>(
      `select n.id from need n where n.is_public and n.area_path like ? order by n.id limit 1`,
      [`%/${ids['幸福里社区']}/%`],
    );
    const [project] = await server.sql<{ id: number }>('select id from project where street_id = ? limit 1', [
      Number(ids['幸福街道']),
    ]);
    const input: Record<string, unknown> = {};
    if (need) input.needId = String(need.id);
    if (project) input.projectId = String(project.id);
    const result = await create(staff, input);
    expect(result.errors).toBeUndefined();
    if (need) expect(result.data.createActivity.need).toEqual({ id: String(need.id) });
    if (project) expect(result.data.createActivity.project).toEqual({ id: String(project.id) });
  });

  it('creates once for a double submit with the same idempotency key', async () => {
    const before = await tableCounts();
    const key = `activity-${Date.now()}`;
    const results = await Promise.all(Array.from({ length: 5 }, () => create(staff, { idempotencyKey: key })));
    expect(results.filter((r) => r.errors)).toEqual([]);
    expect(new Set(results.map((r) => r.data.createActivity.id)).size).toBe(1);
    const after = await tableCounts();
    expect(after.activities - before.activities).toBe(1);
    expect(after.shifts - before.shifts).toBe(2);
  });

  it('records 补录 activities of ended shifts within 30 days, offering no sign-up', async () => {
    const result = await create(staff, { retroactive: true, shifts: [shift(-48), shift(-24 * 29)] });
    expect(result.errors).toBeUndefined();
    const activity = result.data.createActivity;
    expect(activity.retroactive).toBe(true);
    expect(activity.availableActions).toContain('RECORD_ATTENDANCE');
    expect(activity.availableActions).not.toContain('SHOW_CHECK_IN_CODE');
    const seen = await server.gql(ONE, { id: activity.id }, { as: volunteer });
    expect(
      seen.data.activity.shifts.every((s: { availableActions: string[] }) => s.availableActions.length === 0),
    ).toBe(true);
  });

  it('takes photos uploaded to /uploads/activity-photos by the creator, each once; attached, they are public', async () => {
    const jpeg = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#3a7' } })
      .jpeg()
      .toBuffer();
    const upload = async (as: string) => {
      const body = multipart({ filename: 'activity.jpg', contentType: 'image/jpeg', data: jpeg });
      const response = await server.app.http.inject({
        method: 'POST',
        url: '/uploads/activity-photos',
        payload: body.payload,
        headers: { ...body.headers, authorization: `Bearer ${await server.tokenFor(as)}` },
      });
      expect(response.statusCode).toBe(201);
      return response.json() as { id: string; url: string };
    };
    const photo = await upload(staff);
    const others = await upload(streetAdmin);
    expect((await server.app.http.inject({ method: 'GET', url: photo.url })).statusCode).not.toBe(200);
    expect(fieldsOf(await create(staff, { photoIds: [others.id] }))).toEqual(['photoIds']);
    const created = await create(staff, { photoIds: [photo.id] });
    expect(created.data.createActivity.photos).toEqual([{ id: photo.id, url: photo.url }]);
    expect((await server.app.http.inject({ method: 'GET', url: photo.url })).statusCode).toBe(200);
    expect(fieldsOf(await create(staff, { photoIds: [photo.id] }))).toEqual(['photoIds']);
  });
});

describe('team leaders organise their team’s activities', () => {
  it('lets an approved leader create in the team’s subtree and run it; not a member, not elsewhere', async () => {
    const teamId = await insertTeam('幸福里环保志愿队', '幸福里社区', neighbour, volunteer);
    const asLeader = await create(neighbour, { teamId, areaId: ids['幸福里第一网格'] });
    expect(asLeader.errors).toBeUndefined();
    const activity = asLeader.data.createActivity;
    expect(activity.team).toEqual({ id: teamId });
    expect(activity.availableActions).toEqual(expect.arrayContaining(['EDIT', 'CANCEL', 'VERIFY_HOURS']));
    expect(codeOf(await create(neighbour, { teamId, areaId: ids['和平社区'] }))).toBe('FORBIDDEN');
    expect(codeOf(await create(neighbour))).toBe('FORBIDDEN');
    expect(codeOf(await create(volunteer, { teamId }))).toBe('FORBIDDEN');
    const updated = await server.gql(
      UPDATE,
      { id: activity.id, input: { place: '幸福里 1 号楼门口' } },
      { as: neighbour },
    );
    expect(updated.data.updateActivity.place).toBe('幸福里 1 号楼门口');
    expect(codeOf(await server.gql(UPDATE, { id: activity.id, input: { place: '别处' } }, { as: volunteer }))).toBe(
      'FORBIDDEN',
    );
    // A team of another street is out of reach.
    const far = await insertTeam('阳光街道志愿队', '阳光街道', neighbour);
    expect(codeOf(await create(staff, { teamId: far }))).toBe('NOT_FOUND');
  });
});

describe('organiser operations: who may and what is refused', () => {
  it('refuses others, unknown ids and bad input on update, addShift, setShiftCapacity and cancel, changing nothing', async () => {
    const activity = (await create(staff, { shifts: [shift(48, 2)] })).data.createActivity;
    const shiftId = activity.shifts[0].id;
    const before = await server.gql(ONE, { id: activity.id });
    for (const as of [otherCommunityStaff, otherStreetAdmin, gridWorker, volunteer, resident]) {
      expect(codeOf(await server.gql(UPDATE, { id: activity.id, input: { title: '新的标题' } }, { as }))).toBe(
        'FORBIDDEN',
      );
      expect(codeOf(await server.gql(ADD_SHIFT, { id: activity.id, input: shift(100) }, { as }))).toBe('FORBIDDEN');
      expect(codeOf(await server.gql(CAPACITY, { id: shiftId, capacity: 5 }, { as }))).toBe('FORBIDDEN');
      expect(codeOf(await server.gql(CANCEL, { id: activity.id, reason: '不办了' }, { as }))).toBe('FORBIDDEN');
    }
    for (const id of ['999999', 'abc']) {
      expect(codeOf(await server.gql(UPDATE, { id, input: { title: '新的标题' } }, { as: staff }))).toBe('NOT_FOUND');
      expect(codeOf(await server.gql(ADD_SHIFT, { id, input: shift(100) }, { as: staff }))).toBe('NOT_FOUND');
      expect(codeOf(await server.gql(CAPACITY, { id, capacity: 5 }, { as: staff }))).toBe('NOT_FOUND');
      expect(codeOf(await server.gql(CANCEL, { id, reason: '不办了' }, { as: staff }))).toBe('NOT_FOUND');
    }
    const bad: [string, Record<string, unknown>, string][] = [
      [UPDATE, { id: activity.id, input: { title: '' } }, 'input.title'],
      [UPDATE, { id: activity.id, input: { place: '地'.repeat(201) } }, 'input.place'],
      [ADD_SHIFT, { id: activity.id, input: shift(-3) }, 'input'],
      [ADD_SHIFT, { id: activity.id, input: shift(100, 0) }, 'input.capacity'],
      [CAPACITY, { id: shiftId, capacity: 0 }, 'capacity'],
      [CAPACITY, { id: shiftId, capacity: 501 }, 'capacity'],
      [CANCEL, { id: activity.id, reason: '不' }, 'reason'],
      [CANCEL, { id: activity.id, reason: '因'.repeat(501) }, 'reason'],
    ];
    for (const [query, variables, field] of bad) {
      const result = await server.gql(query, variables, { as: staff });
      expect(codeOf(result), JSON.stringify(variables).slice(0, 80)).toBe('BAD_USER_INPUT');
      expect(fieldsOf(result)).toContain(field);
    }
    expect(await server.gql(ONE, { id: activity.id })).toEqual(before);
  });
});

describe('the activities list', () => {
  it('filters by area, skills, dates, teams, statuses, places, mine, organising and words', async () => {
    const teamId = await insertTeam('幸福里读书志愿队', '幸福里社区', neighbour);
    const reading = (
      await create(neighbour, {
        teamId,
        title: '周末读书会',
        skills: ['TUTORING', 'CULTURE_SPORTS'],
        shifts: [shift(200, 1)],
      })
    ).data.createActivity;
    const heping = (
      await create(otherCommunityStaff, {
        areaId: ids['和平社区'],
        title: '和平社区义诊',
        skills: ['MEDICAL'],
        shifts: [shift(300, 2)],
      })
    ).data.createActivity;
    await server.gql(SIGN_UP, { shiftId: reading.shifts[0].id }, { as: volunteer });
    const listed = async (filter: Record<string, unknown>, as?: string) => {
      const result = await server.gql(LIST, { filter, first: 100 }, as ? { as } : {});
      expect(result.errors).toBeUndefined();
      return result.data.activities.edges.map((edge: { node: { id: string } }) => edge.node.id) as string[];
    };
    expect(await listed({ areaId: ids['和平社区'] })).toContain(heping.id);
    expect(await listed({ areaId: ids['和平社区'] })).not.toContain(reading.id);
    expect(await listed({ skills: ['MEDICAL', 'TUTORING'] })).toEqual(expect.arrayContaining([reading.id, heping.id]));
    expect(await listed({ skills: ['MEDICAL'] })).not.toContain(reading.id);
    expect(await listed({ from: at(250) })).toContain(heping.id);
    expect(await listed({ from: at(250) })).not.toContain(reading.id);
    expect(await listed({ from: at(150), to: at(250) })).toContain(reading.id);
    expect(await listed({ from: at(150), to: at(250) })).not.toContain(heping.id);
    expect(await listed({ teamIds: [teamId, '999999', 'x'] })).toEqual([reading.id]);
    expect(await listed({ hasPlaces: true, skills: ['TUTORING', 'CULTURE_SPORTS'] })).not.toContain(reading.id);
    expect(await listed({ hasPlaces: true })).toContain(heping.id);
    expect(await listed({ mine: true }, volunteer)).toContain(reading.id);
    expect(await listed({ mine: true }, volunteer)).not.toContain(heping.id);
    expect(await listed({ mine: true })).toEqual([]);
    expect(await listed({ organising: true }, neighbour)).toContain(reading.id);
    expect(await listed({ organising: true }, neighbour)).not.toContain(heping.id);
    expect(await listed({ organising: true }, otherCommunityStaff)).toContain(heping.id);
    expect(await listed({ organising: true }, otherCommunityStaff)).not.toContain(reading.id);
    expect(await listed({ search: '读书' })).toEqual([reading.id]);
    expect(await listed({ search: '%' })).toEqual([]);
    expect(await listed({ statuses: ['CANCELLED'] })).not.toContain(reading.id);
    expect(await listed({ nearMe: true })).toEqual([]);
    // 陈静's home community is 幸福里社区.
    const near = await listed({ nearMe: true }, volunteer);
    expect(near).toContain(reading.id);
    expect(near).not.toContain(heping.id);
    expect(codeOf(await server.gql(LIST, { filter: { areaId: '999999' } }))).toBe('NOT_FOUND');
    expect(codeOf(await server.gql(LIST, { first: 1000 }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await server.gql(LIST, { after: 'nonsense' }))).toBe('BAD_USER_INPUT');
    expect(fieldsOf(await server.gql(LIST, { filter: { search: '字'.repeat(51) } }))).toEqual(['filter.search']);
  });

  it('pages through soonest first with from, and newest first without', async () => {
    const first = await server.gql(LIST, { filter: { from: at(0) }, first: 2 });
    const starts = first.data.activities.edges.map((e: { node: { startsAt: string } }) => e.node.startsAt);
    expect([...starts].sort()).toEqual(starts);
    const next = await server.gql(LIST, {
      filter: { from: at(0) },
      first: 2,
      after: first.data.activities.pageInfo.endCursor,
    });
    expect(next.data.activities.edges[0].node.startsAt >= starts[1]).toBe(true);
    const newest = await server.gql(LIST, { first: 5 });
    const desc = newest.data.activities.edges.map((e: { node: { startsAt: string } }) => e.node.startsAt);
    expect([...desc].sort().reverse()).toEqual(desc);
  });

  it('reads a page in statements that do not grow with its size', async () => {
    for (let i = 0; i < 12; i++) await create(staff, { title: `批量活动${i}` });
    const statements = async (first: number, as?: string) => {
      const counts: number[] = [];
      for (let i = 0; i < 3; i++)
        counts.push(
          await server.countQueries(() =>
            server.gql(LIST, { filter: { search: '批量活动' }, first }, as ? { as } : {}),
          ),
        );
      return Math.min(...counts);
    };
    for (const as of [undefined, staff, volunteer]) {
      const small = await statements(2, as);
      const large = await statements(12, as);
      expect(large, `as ${as}`).toBeLessThanOrEqual(small);
    }
  });
});
