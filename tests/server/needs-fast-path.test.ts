import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { takeNeed } from '../../server/src/needs/needs.lifecycle.js';
import { findViewer } from '../../server/src/people/sessions.js';
import { multipart } from '../helpers/multipart.js';
import { createTestServer, DEMO_ACCOUNTS, type TestServer } from '../helpers/server.js';

// The grid worker's fast path (issue 12): 接单 in one step, batch 派单, 办好了 with photos.

let server: TestServer;
let ids: Record<string, string>;
let userIds: Record<string, string>;
/** A resident given the grid-worker role on 幸福里第二网格: a grid worker of another grid. */
const otherGridWorker = '13900000002';

const {
  resident,
  neighbour,
  communityStaff: staff,
  gridWorker,
  volunteer,
  otherCommunityStaff,
  otherStreetAdmin,
} = DEMO_ACCOUNTS;

beforeAll(async () => {
  server = await createTestServer();
  ids = await server.areaIds();
  userIds = await server.userIds();
  const given = await server.gql(
    'mutation($u: ID!, $a: ID!) { assignRole(userId: $u, role: GRID_WORKER, areaId: $a) { id } }',
    { u: userIds[otherGridWorker], a: ids['幸福里第二网格'] },
    { as: DEMO_ACCOUNTS.streetAdmin },
  );
  if (given.errors) throw new Error(JSON.stringify(given.errors));
});
afterAll(() => server?.close());

const NEED = `id status respondedAt resolveBy dueAt dueSoon resolution availableActions
  assignee { displayName } photos { id stage }
  events { kind fromStatus toStatus note actor { displayName } }`;
const TAKE = `mutation($id: ID!, $note: String) { takeNeed(id: $id, note: $note) { ${NEED} } }`;
const ASSIGN_MANY = `mutation($ids: [ID!]!, $assigneeUserId: ID, $note: String) {
  assignNeeds(ids: $ids, assigneeUserId: $assigneeUserId, note: $note) {
    needs { id status assignee { displayName } events { toStatus note } }
    failures { id code message } } }`;
const RESOLVE = `mutation($id: ID!, $resolution: String!, $before: [ID!], $after: [ID!]) {
  resolveNeed(id: $id, resolution: $resolution, beforePhotoIds: $before, afterPhotoIds: $after) { ${NEED} } }`;

async function raise(as: string, input: Record<string, unknown> = {}): Promise<string> {
  const result = await server.gql(
    'mutation($input: RaiseNeedInput!) { raiseNeed(input: $input) { id } }',
    { input: { title: '楼道灯坏了', description: '', category: 'REPAIR', areaId: ids['1号楼'], ...input } },
    { as },
  );
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data.raiseNeed.id;
}

async function mutate(as: string, mutation: string, id: string, extra = '') {
  const result = await server.gql(`mutation($id: ID!) { ${mutation}(id: $id${extra}) { id } }`, { id }, { as });
  if (result.errors) throw new Error(JSON.stringify(result.errors));
}

const codeOf = (result: { errors?: { extensions: { code: string } }[] | undefined }) =>
  result.errors?.[0]?.extensions.code ?? 'OK';

/** Everything a refused step could have written about a need. */
async function stateOf(id: string) {
  const [need] = await server.sql(
    'select status, version, assignee_id, responded_at, resolution from need where id = ?',
    [Number(id)],
  );
  const [counts] = await server.sql(
    `select (select count(*) from need_event where need_id = ?) as events,
            (select count(*) from audit_entry where target_type = 'Need' and target_id = ?) as audits,
            (select count(*) from need_photo where need_id = ?) as photos`,
    [Number(id), id, Number(id)],
  );
  return { need, counts };
}

describe('接单 (takeNeed)', () => {
  it('lets the grid worker accept, assign to themself and start a submitted need at once: three events, each step as alone', async () => {
    const id = await raise(resident);
    const offered = await server.gql(
      'query($id: ID!) { need(id: $id) { availableActions } }',
      { id },
      { as: gridWorker },
    );
    expect(offered.data.need.availableActions).toContain('TAKE');
    const asResident = await server.gql(
      'query($id: ID!) { need(id: $id) { availableActions } }',
      { id },
      { as: resident },
    );
    expect(asResident.data.need.availableActions).not.toContain('TAKE');

    const { data, errors } = await server.gql(TAKE, { id, note: '马上到' }, { as: gridWorker });
    expect(errors).toBeUndefined();
    const need = data.takeNeed;
    expect(need).toMatchObject({ status: 'IN_PROGRESS', assignee: { displayName: '张伟' }, dueAt: need.resolveBy });
    expect(need.respondedAt).not.toBeNull();
    expect(need.availableActions).not.toContain('TAKE');
    expect(need.availableActions).toContain('RESOLVE');
    expect(need.events).toEqual([
      { kind: 'RAISED', fromStatus: null, toStatus: 'SUBMITTED', note: null, actor: { displayName: '赵桂兰' } },
      { kind: 'TRANSITION', fromStatus: 'SUBMITTED', toStatus: 'ACCEPTED', note: null, actor: { displayName: '张伟' } },
      { kind: 'TRANSITION', fromStatus: 'ACCEPTED', toStatus: 'ASSIGNED', note: null, actor: { displayName: '张伟' } },
      {
        kind: 'TRANSITION',
        fromStatus: 'ASSIGNED',
        toStatus: 'IN_PROGRESS',
        note: '马上到',
        actor: { displayName: '张伟' },
      },
    ]);
    // Audited step by step, as if taken one after another.
    const audits = await server.sql<{ action: string }>(
      `select action from audit_entry where target_type = 'Need' and target_id = ? order by id`,
      [id],
    );
    expect(audits.map((a) => a.action)).toEqual(['need.accept', 'need.assign', 'need.start']);
  });

  it('takes an accepted need with two steps, its response time kept from the accept', async () => {
    const id = await raise(resident);
    await mutate(staff, 'acceptNeed', id);
    const [accepted] = await server.sql<{ responded_at: string }>('select responded_at from need where id = ?', [
      Number(id),
    ]);
    const { data } = await server.gql(TAKE, { id }, { as: gridWorker });
    expect(data.takeNeed.status).toBe('IN_PROGRESS');
    expect(data.takeNeed.events.map((e: { toStatus: string }) => e.toStatus)).toEqual([
      'SUBMITTED',
      'ACCEPTED',
      'ASSIGNED',
      'IN_PROGRESS',
    ]);
    expect(Date.parse(data.takeNeed.respondedAt)).toBe(Date.parse(accepted!.responded_at));
  });

  it('refuses a grid worker of another grid, other communities and streets, and the resident, changing nothing', async () => {
    const open = await raise(resident);
    const hidden = await raise(resident, { isPublic: false });
    const [openBefore, hiddenBefore] = [await stateOf(open), await stateOf(hidden)];
    // Those who may see it but not take it are FORBIDDEN; those who may not see it, NOT_FOUND (as an unknown id).
    for (const [as, code] of [
      [otherGridWorker, 'FORBIDDEN'],
      [otherCommunityStaff, 'FORBIDDEN'],
      [otherStreetAdmin, 'FORBIDDEN'],
      [resident, 'FORBIDDEN'],
      [volunteer, 'FORBIDDEN'],
    ] as const)
      expect(codeOf(await server.gql(TAKE, { id: open }, { as })), as).toBe(code);
    for (const as of [otherGridWorker, otherCommunityStaff, otherStreetAdmin, neighbour])
      expect(codeOf(await server.gql(TAKE, { id: hidden }, { as })), as).toBe('NOT_FOUND');
    expect(codeOf(await server.gql(TAKE, { id: open }))).toBe('UNAUTHENTICATED');
    expect([await stateOf(open), await stateOf(hidden)]).toEqual([openBefore, hiddenBefore]);
  });

  it('refuses a need already assigned, started or finished with INVALID_STATE, changing nothing', async () => {
    const assigned = await raise(resident);
    await mutate(staff, 'acceptNeed', assigned);
    await server.gql(
      'mutation($id: ID!, $u: ID) { assignNeed(id: $id, assigneeUserId: $u) { id } }',
      {
        id: assigned,
        u: userIds[volunteer],
      },
      { as: staff },
    );
    const started = await raise(resident);
    await server.gql(TAKE, { id: started }, { as: staff });
    const rejected = await raise(resident);
    await mutate(staff, 'rejectNeed', rejected, ', reason: "不属于社区职责"');
    for (const id of [assigned, started, rejected]) {
      const before = await stateOf(id);
      const result = await server.gql(TAKE, { id }, { as: gridWorker });
      expect(result.errors?.[0]).toMatchObject({
        message: '当前状态下不能进行此操作。',
        extensions: { code: 'INVALID_STATE' },
      });
      expect(await stateOf(id)).toEqual(before);
    }
  });

  it('refuses a note too long or with a NUL byte', async () => {
    const id = await raise(resident);
    const before = await stateOf(id);
    for (const note of ['长'.repeat(1001), 'a\u0000b']) {
      const result = await server.gql(TAKE, { id, note }, { as: gridWorker });
      expect(result.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: { note: expect.any(String) },
      });
    }
    expect(await stateOf(id)).toEqual(before);
  });

  it('lets one of two workers taking at once win; the other gets CONFLICT and writes nothing', async () => {
    const id = await raise(resident);
    const results = await Promise.all([
      server.gql(TAKE, { id }, { as: staff }),
      server.gql(TAKE, { id }, { as: gridWorker }),
    ]);
    const codes = results.map(codeOf).sort();
    expect(codes[1]).toBe('OK');
    expect(['CONFLICT', 'INVALID_STATE']).toContain(codes[0]);
    const events = await server.sql<{ actor_id: number }>(
      `select actor_id from need_event where need_id = ? and kind = 'TRANSITION'`,
      [Number(id)],
    );
    expect(events).toHaveLength(3);
    expect(new Set(events.map((e) => e.actor_id)).size).toBe(1);
  });

  it('gives CONFLICT, never a half-taken need, to a take that read the need before another take committed', async () => {
    const id = await raise(resident);
    // The first take runs in a transaction held open: its row lock makes the second wait, then lose.
    const em = server.app.orm.em.fork();
    const staffViewer = (await findViewer(em, await server.tokenFor(staff)))!;
    await em.begin();
    await takeNeed(em, staffViewer, id);
    const second = server.gql(TAKE, { id }, { as: gridWorker });
    // Until the second take waits for the first one's row lock, having read the need as it was.
    for (let waited = 0; ; waited += 20) {
      const [blocked] = await server.sql<{ n: string }>(
        `select count(*) n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`,
      );
      if (Number(blocked!.n) > 0) break;
      if (waited > 10_000) throw new Error('the second take never waited for the first');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await em.commit();
    const result = await second;
    expect(result.errors?.[0]).toMatchObject({
      message: '这条诉求刚被别人处理过，请刷新后再看。',
      extensions: { code: 'CONFLICT' },
    });
    const [need] = await server.sql<{ status: string; assignee_id: number }>(
      'select status, assignee_id from need where id = ?',
      [Number(id)],
    );
    expect(need).toEqual({ status: 'IN_PROGRESS', assignee_id: Number(userIds[staff]) });
    const actors = await server.sql<{ actor_id: number }>(
      `select actor_id from need_event where need_id = ? and kind = 'TRANSITION'`,
      [Number(id)],
    );
    expect(actors.map((a) => a.actor_id)).toEqual(Array(3).fill(Number(userIds[staff])));
  });
});

describe('batch 派单 (assignNeeds)', () => {
  it('assigns each need it may, accepting submitted ones first, and says of each other why not', async () => {
    const submitted = await raise(resident);
    const accepted = await raise(resident, { title: '垃圾桶满了' });
    await mutate(gridWorker, 'acceptNeed', accepted);
    const started = await raise(resident, { title: '下水道堵了' });
    await server.gql(TAKE, { id: started }, { as: gridWorker });
    const elsewhere = await raise(otherCommunityStaff, { areaId: ids['和平第一网格'], isPublic: false });
    const startedBefore = await stateOf(started);

    const { data, errors } = await server.gql(
      ASSIGN_MANY,
      {
        ids: [submitted, accepted, started, elsewhere, '999999999'],
        assigneeUserId: userIds[volunteer],
        note: '请陈静跟进',
      },
      { as: gridWorker },
    );
    expect(errors).toBeUndefined();
    expect(data.assignNeeds.needs).toEqual([
      {
        id: submitted,
        status: 'ASSIGNED',
        assignee: { displayName: '陈静' },
        events: [
          { toStatus: 'SUBMITTED', note: null },
          { toStatus: 'ACCEPTED', note: null },
          { toStatus: 'ASSIGNED', note: '请陈静跟进' },
        ],
      },
      {
        id: accepted,
        status: 'ASSIGNED',
        assignee: { displayName: '陈静' },
        events: [
          { toStatus: 'SUBMITTED', note: null },
          { toStatus: 'ACCEPTED', note: null },
          { toStatus: 'ASSIGNED', note: '请陈静跟进' },
        ],
      },
    ]);
    expect(data.assignNeeds.failures).toEqual([
      { id: started, code: 'INVALID_STATE', message: '当前状态下不能进行此操作。' },
      { id: elsewhere, code: 'NOT_FOUND', message: '找不到这条诉求，或您没有权限查看。' },
      { id: '999999999', code: 'NOT_FOUND', message: '找不到这条诉求，或您没有权限查看。' },
    ]);
    expect(await stateOf(started)).toEqual(startedBefore);
    const [responded] = await server.sql('select responded_at from need where id = ?', [Number(submitted)]);
    expect(responded!.responded_at).not.toBeNull();
  });

  it('tells each failure in the reader’s language, with the field’s reason when the assignee is wrong', async () => {
    const open = await raise(resident);
    const before = await stateOf(open);
    const asResident = await server.gql(
      ASSIGN_MANY,
      { ids: [open] },
      { as: resident, headers: { 'accept-language': 'en' } },
    );
    expect(asResident.data.assignNeeds).toEqual({
      needs: [],
      failures: [{ id: open, code: 'FORBIDDEN', message: 'You are not allowed to do this.' }],
    });
    const toNeighbour = await server.gql(
      ASSIGN_MANY,
      { ids: [open], assigneeUserId: userIds[neighbour] },
      { as: gridWorker },
    );
    expect(toNeighbour.data.assignNeeds.failures).toEqual([
      { id: open, code: 'BAD_USER_INPUT', message: '只能派给这个区域的网格员、工作人员或志愿者。' },
    ]);
    expect(await stateOf(open)).toEqual(before);
  });

  it('assigns a need named twice once', async () => {
    const id = await raise(resident);
    const { data } = await server.gql(ASSIGN_MANY, { ids: [id, id] }, { as: gridWorker });
    expect(data.assignNeeds.failures).toEqual([]);
    expect(data.assignNeeds.needs.map((n: { id: string }) => n.id)).toEqual([id]);
    const assigns = await server.sql(`select id from need_event where need_id = ? and to_status = 'ASSIGNED'`, [
      Number(id),
    ]);
    expect(assigns).toHaveLength(1);
  });

  it('refuses more than 50 needs, or none, as bad input, changing nothing', async () => {
    const id = await raise(resident);
    const before = await stateOf(id);
    const tooMany = await server.gql(
      ASSIGN_MANY,
      { ids: [id, ...Array.from({ length: 50 }, (_, i) => String(i + 1))] },
      {
        as: gridWorker,
      },
    );
    expect(tooMany.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { ids: '一次最多派 50 条诉求。' },
    });
    const none = await server.gql(ASSIGN_MANY, { ids: [] }, { as: gridWorker });
    expect(none.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { ids: '请至少选择一条诉求。' },
    });
    expect(codeOf(await server.gql(ASSIGN_MANY, { ids: [id] }))).toBe('UNAUTHENTICATED');
    expect(await stateOf(id)).toEqual(before);
  });
});

describe('办好了 with photos', () => {
  async function uploadPhoto(as: string): Promise<string> {
    const data = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#c33' } })
      .png()
      .toBuffer();
    const body = multipart({ filename: 'p.png', contentType: 'image/png', data });
    const response = await server.app.http.inject({
      method: 'POST',
      url: '/uploads/photos',
      payload: body.payload,
      headers: { ...body.headers, authorization: `Bearer ${await server.tokenFor(as)}` },
    });
    expect(response.statusCode).toBe(201);
    return response.json().id;
  }

  async function takenNeed(): Promise<string> {
    const id = await raise(resident);
    expect(codeOf(await server.gql(TAKE, { id }, { as: gridWorker }))).toBe('OK');
    return id;
  }

  it('attaches the photos before and after the work, each with its stage, beside those it was raised with', async () => {
    const raisedWith = await uploadPhoto(resident);
    const id = await raise(resident, { photoIds: [raisedWith] });
    await server.gql(TAKE, { id }, { as: gridWorker });
    const [before1, before2, after] = [
      await uploadPhoto(gridWorker),
      await uploadPhoto(gridWorker),
      await uploadPhoto(gridWorker),
    ];
    const { data, errors } = await server.gql(
      RESOLVE,
      { id, resolution: '换了新灯泡', before: [before1, before2], after: [after] },
      { as: gridWorker },
    );
    expect(errors).toBeUndefined();
    expect(data.resolveNeed).toMatchObject({
      status: 'RESOLVED',
      resolution: '换了新灯泡',
      dueAt: null,
      dueSoon: false,
    });
    expect(data.resolveNeed.photos).toEqual([
      { id: raisedWith, stage: 'RAISED' },
      { id: before1, stage: 'BEFORE' },
      { id: before2, stage: 'BEFORE' },
      { id: after, stage: 'AFTER' },
    ]);
  });

  it('refuses someone else’s photo, one already used, one named twice and too many, changing nothing', async () => {
    const id = await takenNeed();
    const mine = await uploadPhoto(gridWorker);
    const residents = await uploadPhoto(resident);
    const used = await uploadPhoto(gridWorker);
    const other = await takenNeed();
    expect(
      codeOf(await server.gql(RESOLVE, { id: other, resolution: '好了', after: [used] }, { as: gridWorker })),
    ).toBe('OK');
    const before = await stateOf(id);
    const cases: [Record<string, unknown>, string, string][] = [
      [{ after: [mine, residents] }, 'afterPhotoIds', '照片不存在，或已用在别的诉求上。'],
      [{ before: [used] }, 'beforePhotoIds', '照片不存在，或已用在别的诉求上。'],
      [{ before: [mine], after: [mine] }, 'afterPhotoIds', '照片不存在，或已用在别的诉求上。'],
      [{ before: ['999999999'] }, 'beforePhotoIds', '照片不存在，或已用在别的诉求上。'],
      [{ after: Array.from({ length: 7 }, () => mine) }, 'afterPhotoIds', '最多 6 张照片。'],
    ];
    for (const [photos, field, message] of cases) {
      const result = await server.gql(RESOLVE, { id, resolution: '换了新灯泡', ...photos }, { as: gridWorker });
      expect(result.errors?.[0]?.extensions, JSON.stringify(photos)).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: { [field]: message },
      });
    }
    expect(await stateOf(id)).toEqual(before);
    const free = await server.sql<{ need_id: number | null }>('select need_id from need_photo where id in (?, ?)', [
      Number(mine),
      Number(residents),
    ]);
    expect(free).toEqual([{ need_id: null }, { need_id: null }]);
  });

  it('is for the assignee or staff: the resident may not resolve it, even with their own photo', async () => {
    const id = await takenNeed();
    const photo = await uploadPhoto(resident);
    const before = await stateOf(id);
    const result = await server.gql(RESOLVE, { id, resolution: '好了', after: [photo] }, { as: resident });
    expect(codeOf(result)).toBe('FORBIDDEN');
    expect(await stateOf(id)).toEqual(before);
  });
});
