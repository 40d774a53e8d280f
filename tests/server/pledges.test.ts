import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifyOverduePledges } from '../../server/src/pledges/pledges.jobs.js';
import { insertProject, insertRequest, insertResource, insertUnit } from '../helpers/commitments.js';
import { multipart } from '../helpers/multipart.js';
import { createTestServer, DEMO_ACCOUNTS, type TestServer } from '../helpers/server.js';

// Pledges (认领/承诺) to needs and projects, issue 13: the resource's quantity under concurrent
// pledges, confirming and withdrawing, timeline, notifications, photos, to-dos and the refusals.

let server: TestServer;
let ids: Record<string, string>;
let userIds: Record<string, string>;
const {
  resident,
  neighbour,
  communityStaff: staff,
  gridWorker,
  unitRep: rep,
  volunteer,
  otherCommunityStaff,
  otherStreetAdmin,
  streetAdmin,
} = DEMO_ACCOUNTS;
let unitId: string;
let otherUnitId: string;

const PLEDGE_FIELDS = `id status description quantity measure dueAt overdue quantityDelivered note settledAt
  unit { id name } pledgedBy { id } resource { id quantityPledged quantityDelivered } need { id } project { id }
  photos { id url } availableActions`;

beforeAll(async () => {
  server = await createTestServer();
  ids = await server.areaIds();
  userIds = await server.userIds();
  unitId = await insertUnit(server, '测试第一小学', ids['幸福里社区']!, [userIds[rep]!], userIds[staff]!);
  // A unit whose representative is the volunteer: the pledger's colleague never confirms, a stranger's unit is not theirs.
  otherUnitId = await insertUnit(server, '测试物业', ids['幸福里社区']!, [userIds[volunteer]!], userIds[staff]!);
});
afterAll(() => server?.close());

async function raise(as: string, input: Record<string, unknown> = {}) {
  const result = await server.gql(
    'mutation($input: RaiseNeedInput!) { raiseNeed(input: $input) { id } }',
    { input: { title: '楼道墙面破损', description: '', category: 'REPAIR', areaId: ids['1号楼'], ...input } },
    { as },
  );
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data.raiseNeed.id as string;
}

function pledge(as: string, input: Record<string, unknown>) {
  return server.gql(`mutation($input: PledgeInput!) { pledge(input: $input) { ${PLEDGE_FIELDS} } }`, { input }, { as });
}

async function pledged(as: string, input: Record<string, unknown>) {
  const result = await pledge(as, { description: '提供水泥 2 袋', ...input });
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data.pledge;
}

function confirm(as: string, id: string, outcome: string, extra: Record<string, unknown> = {}) {
  return server.gql(
    `mutation($id: ID!, $outcome: PledgeStatus!, $quantityDelivered: Float, $note: String, $photoIds: [ID!]) {
       confirmPledge(id: $id, outcome: $outcome, quantityDelivered: $quantityDelivered, note: $note, photoIds: $photoIds) { ${PLEDGE_FIELDS} } }`,
    { id, outcome, ...extra },
    { as },
  );
}

function withdraw(as: string, id: string, reason = '临时有事') {
  return server.gql(
    `mutation($id: ID!, $reason: String!) { withdrawPledge(id: $id, reason: $reason) { ${PLEDGE_FIELDS} } }`,
    { id, reason },
    { as },
  );
}

const codeOf = (result: { errors?: { extensions: { code: string } }[] }) => result.errors?.[0]?.extensions.code;

async function resourceCounts(id: string) {
  const [row] = await server.sql<{ quantity_pledged: string; quantity_delivered: string }>(
    'select quantity_pledged, quantity_delivered from resource where id = ?',
    [Number(id)],
  );
  return { pledged: Number(row!.quantity_pledged), delivered: Number(row!.quantity_delivered) };
}

async function notificationsOf(phone: string, kind: string) {
  return server.sql<{ subject_id: number; params: Record<string, string> }>(
    'select subject_id, params from notification where recipient_id = ? and kind = ? order by id',
    [Number(userIds[phone]), kind],
  );
}

describe('pledge', () => {
  it('a representative pledges for the unit from its resource: quantity counted, timeline, notifications', async () => {
    const needId = await raise(resident);
    const resourceId = await insertResource(server, {
      unitId,
      offeredById: userIds[rep]!,
      areaId: ids['幸福里社区']!,
      quantity: 10,
    });
    const result = await pledged(rep, { needId, unitId, resourceId, quantity: 3, dueAt: '2099-01-01T00:00:00Z' });
    expect(result).toMatchObject({
      status: 'PLEDGED',
      quantity: 3,
      measure: '袋',
      overdue: false,
      unit: { id: unitId, name: '测试第一小学' },
      pledgedBy: { id: userIds[rep] },
      need: { id: needId },
      project: null,
      resource: { id: resourceId, quantityPledged: 3 },
      availableActions: ['WITHDRAW'],
    });
    expect(await resourceCounts(resourceId)).toEqual({ pledged: 3, delivered: 0 });

    const events = await server.sql<{ kind: string; unit_id: number; actor_id: number }>(
      'select kind, unit_id, actor_id from need_event where need_id = ? order by id',
      [Number(needId)],
    );
    expect(events.at(-1)).toEqual({ kind: 'PLEDGED', unit_id: Number(unitId), actor_id: Number(userIds[rep]) });

    // The resident and the staff over the area hear of it, in the words' params; the pledger does not.
    const [made] = (await notificationsOf(resident, 'PLEDGE_MADE')).filter((n) => n.subject_id === Number(result.id));
    expect(made?.params).toEqual({ pledger: '测试第一小学', target: '楼道墙面破损', description: '提供水泥 2 袋' });
    expect((await notificationsOf(staff, 'PLEDGE_MADE')).some((n) => n.subject_id === Number(result.id))).toBe(true);
    expect((await notificationsOf(rep, 'PLEDGE_MADE')).some((n) => n.subject_id === Number(result.id))).toBe(false);

    // The notification links the pledge; the need and the unit list it.
    const read = await server.gql(
      '{ notifications(first: 50) { edges { node { kind pledge { id } } } } }',
      {},
      { as: resident },
    );
    expect(
      read.data.notifications.edges.some(
        (edge: { node: { kind: string; pledge: { id: string } | null } }) =>
          edge.node.kind === 'PLEDGE_MADE' && edge.node.pledge?.id === result.id,
      ),
    ).toBe(true);
    const need = await server.gql(
      'query($id: ID!) { need(id: $id) { pledges { id status } } }',
      { id: needId },
      { as: resident },
    );
    expect(need.data.need.pledges).toEqual([{ id: result.id, status: 'PLEDGED' }]);
  });

  it('never pledges past the remaining quantity, also with 20 pledges at once for 5', async () => {
    const needId = await raise(resident, { title: '小区路面坑洼' });
    const resourceId = await insertResource(server, {
      unitId,
      offeredById: userIds[rep]!,
      areaId: ids['幸福里社区']!,
      quantity: 5,
    });
    const results = await Promise.all(
      Array.from({ length: 20 }, () => pledge(rep, { needId, unitId, resourceId, quantity: 1, description: '一袋' })),
    );
    const ok = results.filter((result) => !result.errors);
    expect(ok).toHaveLength(5);
    for (const refused of results.filter((result) => result.errors)) {
      expect(codeOf(refused)).toBe('CONFLICT');
      expect(refused.errors![0]!.extensions.fields).toHaveProperty('quantity');
    }
    expect(await resourceCounts(resourceId)).toEqual({ pledged: 5, delivered: 0 });
    const [count] = await server.sql<{ n: string }>('select count(*) as n from pledge where resource_id = ?', [
      Number(resourceId),
    ]);
    expect(Number(count!.n)).toBe(5);
    // One more, alone, is refused too and says what is left.
    const more = await pledge(rep, { needId, unitId, resourceId, quantity: 0.5, description: '半袋' });
    expect(codeOf(more)).toBe('CONFLICT');
  });

  it('a person pledges as themselves to a project; an idempotency key returns the first pledge', async () => {
    const projectId = await insertProject(server, ids['幸福里社区']!, userIds[staff]!);
    const key = 'pledge-key-0001';
    const first = await pledged(neighbour, { projectId, description: '周末来帮忙种花', idempotencyKey: key });
    const again = await pledged(neighbour, { projectId, description: '周末来帮忙种花', idempotencyKey: key });
    expect(again.id).toBe(first.id);
    expect(first).toMatchObject({ unit: null, project: { id: projectId }, need: null });
    const reused = await pledge(neighbour, { projectId, description: '别的', idempotencyKey: key });
    expect(codeOf(reused)).toBe('CONFLICT');
    // Projects are public: their pledges too, even signed out.
    const project = await server.gql(
      'query($id: ID!) { pledges(filter: { projectId: $id }) { totalCount edges { node { id } } } }',
      {
        id: projectId,
      },
    );
    expect(project.data.pledges.edges.map((edge: { node: { id: string } }) => edge.node.id)).toEqual([first.id]);
  });

  it('answers a request addressed to the unit, once', async () => {
    const needId = await raise(resident, { title: '健身器材损坏' });
    const requestId = await insertRequest(server, { needId, unitId, personId: null, requestedById: userIds[staff]! });
    const result = await pledged(rep, { needId, unitId, requestId });
    const [request] = await server.sql<{ status: string }>('select status from pledge_request where id = ?', [
      Number(requestId),
    ]);
    expect(request!.status).toBe('PLEDGED');
    const again = await pledge(rep, { needId, unitId, requestId, description: '再认领一次' });
    expect(codeOf(again)).toBe('BAD_USER_INPUT');
    expect(again.errors![0]!.extensions.fields).toHaveProperty('requestId');
    // Not the other unit's to answer, nor about another need.
    const other = await insertRequest(server, {
      needId,
      unitId: otherUnitId,
      personId: null,
      requestedById: userIds[staff]!,
    });
    expect(codeOf(await pledge(rep, { needId, unitId, requestId: other, description: 'x' }))).toBe('BAD_USER_INPUT');
    const answered = await server.gql(
      'query($id: ID!) { pledges(filter: { needId: $id }) { edges { node { id request { id } } } } }',
      { id: needId },
      { as: rep },
    );
    expect(answered.data.pledges.edges[0].node).toEqual({ id: result.id, request: { id: requestId } });
  });

  it('refuses bad input with field messages and changes nothing', async () => {
    const needId = await raise(resident, { title: '垃圾桶不够' });
    const resourceId = await insertResource(server, {
      unitId,
      offeredById: userIds[rep]!,
      areaId: ids['幸福里社区']!,
      quantity: 10,
    });
    const before = await server.sql<{ n: string }>('select count(*) as n from pledge');
    const cases: [Record<string, unknown>, string][] = [
      [{ needId, description: '' }, 'description'],
      [{ needId, description: '   ' }, 'description'],
      [{ needId, description: '长'.repeat(1001) }, 'description'],
      [{ needId, description: 'a\u0000b' }, 'description'],
      [{ needId, description: 'x', quantity: -1 }, 'quantity'],
      [{ needId, description: 'x', quantity: 0 }, 'quantity'],
      [{ needId, description: 'x', quantity: 1e15 }, 'quantity'],
      [{ needId, description: 'x', quantity: 1.234 }, 'quantity'],
      [{ needId, description: 'x', measure: '单位'.repeat(20) }, 'measure'],
      [{ description: 'x' }, 'needId'],
      [{ needId, projectId: '1', description: 'x' }, 'needId'],
      [{ needId, description: 'x', dueAt: '2001-01-01T00:00:00Z' }, 'dueAt'],
      [{ needId, description: 'x', dueAt: '0001-01-01T00:00:00Z' }, 'dueAt'],
      [{ needId, description: 'x', idempotencyKey: 'bad key!' }, 'idempotencyKey'],
      // Another unit's resource, or a counted resource without a quantity.
      [{ needId, description: 'x', resourceId }, 'resourceId'],
      [{ needId, unitId, description: 'x', resourceId }, 'quantity'],
    ];
    for (const [input, field] of cases) {
      const result = await pledge(rep, input);
      expect(codeOf(result), JSON.stringify(input)).toBe('BAD_USER_INPUT');
      expect(result.errors![0]!.extensions.fields, JSON.stringify(input)).toHaveProperty(field);
    }
    // Someone else's unit: not theirs to act for.
    expect(codeOf(await pledge(rep, { needId, unitId: otherUnitId, description: 'x' }))).toBe('FORBIDDEN');
    expect(codeOf(await pledge(rep, { needId, unitId: '999999', description: 'x' }))).toBe('NOT_FOUND');
    expect(codeOf(await pledge(rep, { needId: '999999', description: 'x' }))).toBe('NOT_FOUND');
    expect(codeOf(await pledge(rep, { needId: 'abc', description: 'x' }))).toBe('NOT_FOUND');
    expect(codeOf(await pledge(rep, { projectId: '999999', description: 'x' }))).toBe('NOT_FOUND');
    // Signed out.
    expect(codeOf(await server.gql('mutation { pledge(input: { needId: "1", description: "x" }) { id } }'))).toBe(
      'UNAUTHENTICATED',
    );
    expect(await server.sql('select count(*) as n from pledge')).toEqual(before);
    expect(await resourceCounts(resourceId)).toEqual({ pledged: 0, delivered: 0 });
  });

  it('refuses needs out of sight (NOT_FOUND) and closed needs and projects (INVALID_STATE)', async () => {
    const privateNeed = await raise(resident, { title: '家里老人需要照看', isPublic: false });
    expect(codeOf(await pledge(rep, { needId: privateNeed, description: 'x' }))).toBe('NOT_FOUND');
    expect(codeOf(await pledge(otherStreetAdmin, { needId: privateNeed, description: 'x' }))).toBe('NOT_FOUND');
    const rejected = await raise(resident, { title: '重复提交' });
    const reject = await server.gql(
      'mutation($id: ID!) { rejectNeed(id: $id, reason: "重复") { id } }',
      { id: rejected },
      { as: staff },
    );
    expect(reject.errors).toBeUndefined();
    const closed = await pledge(rep, { needId: rejected, description: 'x' });
    expect(codeOf(closed)).toBe('INVALID_STATE');
    expect(closed.errors![0]!.extensions.status).toBe('REJECTED');
    const done = await insertProject(server, ids['幸福里社区']!, userIds[staff]!, 'DONE', '已完工的项目');
    expect(codeOf(await pledge(rep, { projectId: done, description: 'x' }))).toBe('INVALID_STATE');
  });
});

describe('confirmPledge', () => {
  async function setUp(quantity: number | null = 4) {
    const needId = await raise(resident, { title: '单元门禁坏了' });
    const resourceId = await insertResource(server, {
      unitId,
      offeredById: userIds[rep]!,
      areaId: ids['幸福里社区']!,
      quantity: 100,
    });
    const made = await pledged(rep, {
      needId,
      unitId,
      resourceId,
      ...(quantity === null ? {} : { quantity }),
    });
    return { needId, resourceId, pledgeId: made.id as string };
  }

  it('staff confirm PARTIAL: the undelivered part goes back to the resource; timeline, notification, audit', async () => {
    const { needId, resourceId, pledgeId } = await setUp(4);
    const seen = await server.gql(
      `query($id: ID!) { pledge(id: $id) { availableActions } }`,
      { id: pledgeId },
      { as: staff },
    );
    expect(seen.data.pledge.availableActions).toEqual(['CONFIRM']);
    const result = await confirm(staff, pledgeId, 'PARTIAL', { quantityDelivered: 3, note: '到了 3 袋' });
    expect(result.errors).toBeUndefined();
    expect(result.data.confirmPledge).toMatchObject({
      status: 'PARTIAL',
      quantityDelivered: 3,
      note: '到了 3 袋',
      availableActions: [],
    });
    expect(await resourceCounts(resourceId)).toEqual({ pledged: 3, delivered: 3 });
    const [event] = await server.sql<{ kind: string; unit_id: number; note: string }>(
      `select kind, unit_id, note from need_event where need_id = ? and kind = 'PLEDGE_SETTLED'`,
      [Number(needId)],
    );
    expect(event).toEqual({ kind: 'PLEDGE_SETTLED', unit_id: Number(unitId), note: '到了 3 袋' });
    const settled = await notificationsOf(rep, 'PLEDGE_SETTLED');
    expect(settled.find((n) => n.subject_id === Number(pledgeId))?.params).toEqual({
      pledger: '测试第一小学',
      target: '单元门禁坏了',
    });
    const [audit] = await server.sql<{ action: string }>(
      `select action from audit_entry where target_type = 'Pledge' and target_id = ?`,
      [pledgeId],
    );
    expect(audit!.action).toBe('pledge.confirm');

    // Confirming twice, or withdrawing a confirmed pledge: INVALID_STATE, nothing changes.
    expect(codeOf(await confirm(staff, pledgeId, 'FULFILLED'))).toBe('INVALID_STATE');
    expect(codeOf(await withdraw(rep, pledgeId))).toBe('INVALID_STATE');
    expect(await resourceCounts(resourceId)).toEqual({ pledged: 3, delivered: 3 });
  });

  it('FULFILLED delivers the quantity, NOT_FULFILLED gives it all back', async () => {
    const fulfilled = await setUp(4);
    expect((await confirm(staff, fulfilled.pledgeId, 'FULFILLED')).data.confirmPledge.quantityDelivered).toBe(4);
    expect(await resourceCounts(fulfilled.resourceId)).toEqual({ pledged: 4, delivered: 4 });
    const failed = await setUp(4);
    expect((await confirm(staff, failed.pledgeId, 'NOT_FULFILLED')).data.confirmPledge.quantityDelivered).toBe(0);
    expect(await resourceCounts(failed.resourceId)).toEqual({ pledged: 0, delivered: 0 });
  });

  it('refuses bad outcomes and quantities with field messages', async () => {
    const { pledgeId, resourceId } = await setUp(4);
    const cases: [string, Record<string, unknown>, string][] = [
      ['PLEDGED', {}, 'outcome'],
      ['WITHDRAWN', {}, 'outcome'],
      ['PARTIAL', {}, 'quantityDelivered'],
      ['PARTIAL', { quantityDelivered: 0 }, 'quantityDelivered'],
      ['PARTIAL', { quantityDelivered: 4 }, 'quantityDelivered'],
      ['PARTIAL', { quantityDelivered: -1 }, 'quantityDelivered'],
      ['FULFILLED', { quantityDelivered: 2 }, 'quantityDelivered'],
      ['FULFILLED', { note: '长'.repeat(1001) }, 'note'],
      ['FULFILLED', { note: 'a\u0000' }, 'note'],
      ['FULFILLED', { photoIds: ['999999'] }, 'photoIds'],
      ['FULFILLED', { photoIds: Array.from({ length: 7 }, (_, i) => String(i + 1)) }, 'photoIds'],
    ];
    for (const [outcome, extra, field] of cases) {
      const result = await confirm(staff, pledgeId, outcome, extra);
      expect(codeOf(result), `${outcome} ${JSON.stringify(extra)}`).toBe('BAD_USER_INPUT');
      expect(result.errors![0]!.extensions.fields, `${outcome} ${JSON.stringify(extra)}`).toHaveProperty(field);
    }
    expect(await resourceCounts(resourceId)).toEqual({ pledged: 4, delivered: 0 });
    const still = await server.gql('query($id: ID!) { pledge(id: $id) { status } }', { id: pledgeId }, { as: staff });
    expect(still.data.pledge.status).toBe('PLEDGED');
  });

  it('the pledger never confirms their own pledge; others outside the area may not; outside reach is NOT_FOUND', async () => {
    const needId = await raise(resident, { title: '花坛需要补种' });
    // Staff pledging as themselves.
    const own = await pledged(staff, { needId, description: '我来买花苗' });
    const mine = await confirm(staff, own.id, 'FULFILLED');
    expect(codeOf(mine)).toBe('FORBIDDEN');
    const { pledgeId } = await setUp(2);
    // The representative, a resident, staff of another community, a grid worker (not a confirmer).
    for (const as of [rep, resident, otherCommunityStaff, gridWorker]) {
      expect(codeOf(await confirm(as, pledgeId, 'FULFILLED')), as).toBe('FORBIDDEN');
    }
    // A private need's pledge is out of sight across streets.
    const privateNeed = await raise(resident, { title: '独居老人需要探访', isPublic: false });
    const hidden = await pledged(staff, { needId: privateNeed, description: '每周探访' });
    expect(codeOf(await confirm(otherStreetAdmin, hidden.id, 'FULFILLED'))).toBe('NOT_FOUND');
    expect(codeOf(await withdraw(otherStreetAdmin, hidden.id))).toBe('NOT_FOUND');
    expect(codeOf(await confirm(staff, '999999', 'FULFILLED'))).toBe('NOT_FOUND');
    const hiddenRead = await server.gql(
      'query($id: ID!) { pledge(id: $id) { id } }',
      { id: hidden.id },
      { as: otherStreetAdmin },
    );
    expect(hiddenRead.data.pledge).toBeNull();
    // The street's administrator confirms it (CONFIRM_PLEDGES over the area).
    const byAdmin = await confirm(streetAdmin, hidden.id, 'FULFILLED');
    expect(byAdmin.errors).toBeUndefined();
  });

  it('confirming at once from two sessions: one wins, the other INVALID_STATE', async () => {
    const { pledgeId, resourceId } = await setUp(4);
    const results = await Promise.all([
      confirm(staff, pledgeId, 'FULFILLED'),
      confirm(streetAdmin, pledgeId, 'NOT_FULFILLED'),
    ]);
    expect(results.filter((result) => !result.errors)).toHaveLength(1);
    expect(results.map(codeOf).filter(Boolean)).toEqual(['INVALID_STATE']);
    const counts = await resourceCounts(resourceId);
    expect([JSON.stringify({ pledged: 4, delivered: 4 }), JSON.stringify({ pledged: 0, delivered: 0 })]).toContain(
      JSON.stringify(counts),
    );
  });

  it('takes evidence photos uploaded to /uploads/commitment-photos; they are seen as the pledge is', async () => {
    const { pledgeId } = await setUp(2);
    const jpeg = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#3a7' } })
      .jpeg()
      .toBuffer();
    const body = multipart({ filename: 'done.jpg', contentType: 'image/jpeg', data: jpeg });
    const upload = await server.app.http.inject({
      method: 'POST',
      url: '/uploads/commitment-photos',
      payload: body.payload,
      headers: { ...body.headers, authorization: `Bearer ${await server.tokenFor(staff)}` },
    });
    expect(upload.statusCode).toBe(201);
    const photo = upload.json() as { id: string; url: string };
    // Someone else cannot attach it.
    const { pledgeId: other } = await setUp(2);
    expect(codeOf(await confirm(streetAdmin, other, 'FULFILLED', { photoIds: [photo.id] }))).toBe('BAD_USER_INPUT');
    const result = await confirm(staff, pledgeId, 'FULFILLED', { photoIds: [photo.id] });
    expect(result.errors).toBeUndefined();
    expect(result.data.confirmPledge.photos).toEqual([{ id: photo.id, url: photo.url }]);
    // Used once: not again.
    expect(codeOf(await confirm(staff, other, 'FULFILLED', { photoIds: [photo.id] }))).toBe('BAD_USER_INPUT');
    // The need is public: so is its evidence.
    const fetched = await server.app.http.inject({ method: 'GET', url: photo.url });
    expect(fetched.statusCode).toBe(200);
    expect(fetched.headers['cache-control']).toContain('public');
    // Signed out, no upload.
    const anonymous = await server.app.http.inject({
      method: 'POST',
      url: '/uploads/commitment-photos',
      payload: body.payload,
      headers: body.headers,
    });
    expect(anonymous.statusCode).toBe(401);
  });

  it('evidence of a private need’s pledge is private to those who see the pledge', async () => {
    const needId = await raise(resident, { title: '家中水管漏水', isPublic: false });
    const made = await pledged(gridWorker, { needId, description: '帮忙联系维修' });
    const jpeg = await sharp({ create: { width: 20, height: 20, channels: 3, background: '#a33' } })
      .jpeg()
      .toBuffer();
    const body = multipart({ filename: 'p.jpg', contentType: 'image/jpeg', data: jpeg });
    const upload = await server.app.http.inject({
      method: 'POST',
      url: '/uploads/commitment-photos',
      payload: body.payload,
      headers: { ...body.headers, authorization: `Bearer ${await server.tokenFor(staff)}` },
    });
    const photo = upload.json() as { id: string; url: string };
    expect((await confirm(staff, made.id, 'FULFILLED', { photoIds: [photo.id] })).errors).toBeUndefined();
    const get = async (as: string | null) =>
      server.app.http.inject({
        method: 'GET',
        url: photo.url,
        headers: as ? { authorization: `Bearer ${await server.tokenFor(as)}` } : {},
      });
    expect((await get(resident)).statusCode).toBe(200);
    expect((await get(gridWorker)).statusCode).toBe(200);
    expect((await get(null)).statusCode).toBe(404);
    expect((await get(neighbour)).statusCode).toBe(404);
    expect((await get(otherStreetAdmin)).statusCode).toBe(404);
  });
});

describe('withdrawPledge', () => {
  it('the pledger or the unit’s representative withdraws with a reason; the quantity goes back', async () => {
    const needId = await raise(resident, { title: '路灯不亮' });
    const resourceId = await insertResource(server, {
      unitId,
      offeredById: userIds[rep]!,
      areaId: ids['幸福里社区']!,
      quantity: 10,
    });
    const made = await pledged(rep, { needId, unitId, resourceId, quantity: 6 });
    for (const as of [resident, staff, volunteer]) expect(codeOf(await withdraw(as, made.id)), as).toBe('FORBIDDEN');
    const empty = await withdraw(rep, made.id, '  ');
    expect(codeOf(empty)).toBe('BAD_USER_INPUT');
    expect(empty.errors![0]!.extensions.fields).toHaveProperty('reason');
    const result = await withdraw(rep, made.id, '材料用完了');
    expect(result.data.withdrawPledge).toMatchObject({ status: 'WITHDRAWN', note: '材料用完了' });
    expect(await resourceCounts(resourceId)).toEqual({ pledged: 0, delivered: 0 });
    const [event] = await server.sql<{ unit_id: number; note: string }>(
      `select unit_id, note from need_event where need_id = ? and kind = 'PLEDGE_WITHDRAWN'`,
      [Number(needId)],
    );
    expect(event).toEqual({ unit_id: Number(unitId), note: '材料用完了' });
    const told = await notificationsOf(staff, 'PLEDGE_WITHDRAWN');
    expect(told.find((n) => n.subject_id === Number(made.id))?.params).toEqual({
      pledger: '测试第一小学',
      target: '路灯不亮',
      reason: '材料用完了',
    });
    expect(codeOf(await withdraw(rep, made.id))).toBe('INVALID_STATE');
    expect(codeOf(await confirm(staff, made.id, 'FULFILLED'))).toBe('INVALID_STATE');
  });
});

describe('lists, to-dos and the overdue job', () => {
  it('pledges filters by several values at once; Unit.pledges pages', async () => {
    const needId = await raise(resident, { title: '楼顶漏水' });
    const a = await pledged(rep, { needId, unitId, description: 'A' });
    const b = await pledged(rep, { needId, unitId, description: 'B' });
    await withdraw(rep, b.id);
    const list = await server.gql(
      `query($filter: PledgeFilter) { pledges(filter: $filter, first: 10) { totalCount edges { node { id status } } } }`,
      { filter: { needId, unitId, statuses: ['PLEDGED', 'WITHDRAWN'], areaId: ids['幸福里社区'] } },
      { as: staff },
    );
    expect(list.data.pledges.totalCount).toBe(2);
    const unit = await server.gql(
      `query($id: ID!) { pledges(filter: { unitId: $id, statuses: [WITHDRAWN] }) { totalCount } }`,
      { id: unitId },
      { as: rep },
    );
    expect(unit.data.pledges.totalCount).toBeGreaterThanOrEqual(1);
    const page = await server.gql(
      'query($f: PledgeFilter) { pledges(filter: $f, first: 1) { pageInfo { hasNextPage endCursor } edges { node { id } } } }',
      { f: { needId } },
      { as: rep },
    );
    expect(page.data.pledges.edges[0].node.id).toBe(a.id);
    const next = await server.gql(
      'query($f: PledgeFilter, $after: String) { pledges(filter: $f, first: 1, after: $after) { edges { node { id } } } }',
      { f: { needId }, after: page.data.pledges.pageInfo.endCursor },
      { as: rep },
    );
    expect(next.data.pledges.edges[0].node.id).toBe(b.id);
    expect(codeOf(await server.gql('{ pledges(first: 1000) { totalCount } }'))).toBe('BAD_USER_INPUT');
    expect(codeOf(await server.gql('{ pledges(after: "garbage") { totalCount } }'))).toBe('BAD_USER_INPUT');
  });

  it('to-dos count exactly what their lists show; overdue pledges are told of once', async () => {
    const needId = await raise(resident, { title: '消防通道堵塞' });
    const late = await pledged(rep, {
      needId,
      unitId,
      description: '清理杂物',
      dueAt: new Date(Date.now() + 3600_000).toISOString(),
    });
    await server.sql(`update pledge set due_at = now() - interval '1 hour' where id = ?`, [Number(late.id)]);
    const TODOS = '{ myTodos { pledgesToConfirm overduePledges } }';
    for (const as of [rep, staff, resident, streetAdmin, otherCommunityStaff]) {
      const todos = (await server.gql(TODOS, {}, { as })).data.myTodos;
      const toConfirm = await server.gql('{ pledges(filter: { toConfirm: true }) { totalCount } }', {}, { as });
      const overdue = await server.gql('{ pledges(filter: { mine: true, overdue: true }) { totalCount } }', {}, { as });
      expect(todos.pledgesToConfirm, as).toBe(toConfirm.data.pledges.totalCount);
      expect(todos.overduePledges, as).toBe(overdue.data.pledges.totalCount);
    }
    expect((await server.gql(TODOS, {}, { as: rep })).data.myTodos.overduePledges).toBeGreaterThanOrEqual(1);
    expect((await server.gql(TODOS, {}, { as: staff })).data.myTodos.pledgesToConfirm).toBeGreaterThanOrEqual(1);
    expect((await server.gql(TODOS, {}, { as: otherCommunityStaff })).data.myTodos.pledgesToConfirm).toBe(0);
    const read = await server.gql('query($id: ID!) { pledge(id: $id) { overdue } }', { id: late.id }, { as: rep });
    expect(read.data.pledge.overdue).toBe(true);

    // Two instances at once, then again: the pledge is told of once.
    const em = server.app.orm.em;
    const told = await Promise.all([notifyOverduePledges(em.fork()), notifyOverduePledges(em.fork())]);
    expect(told.reduce((sum, n) => sum + n, 0)).toBeGreaterThanOrEqual(1);
    expect(await notifyOverduePledges(em.fork())).toBe(0);
    const toRep = (await notificationsOf(rep, 'PLEDGE_OVERDUE')).filter((n) => n.subject_id === Number(late.id));
    const toStaff = (await notificationsOf(staff, 'PLEDGE_OVERDUE')).filter((n) => n.subject_id === Number(late.id));
    expect(toRep).toHaveLength(1);
    expect(toStaff).toHaveLength(1);
    expect(toRep[0]!.params).toEqual({ pledger: '测试第一小学', target: '消防通道堵塞' });
  });

  it('Need.pledges, with each pledge’s people, photos and actions, costs the same statements for 5 needs as for 20', async () => {
    for (let i = 0; i < 20; i++) {
      const needId = await raise(neighbour, { title: `楼道堆物 ${i}` });
      await pledged(gridWorker, { needId, description: `清理 ${i}` });
    }
    const query = `query($first: Int) { needs(first: $first, filter: { mine: true }) { edges { node { id
      pledges { id status overdue unit { name } pledgedBy { displayName } photos { url } availableActions } } } } }`;
    const count = (first: number) => server.countQueries(() => server.gql(query, { first }, { as: neighbour }));
    await count(5);
    expect(await count(20)).toBe(await count(5));
  });
});
