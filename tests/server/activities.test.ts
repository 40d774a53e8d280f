import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
