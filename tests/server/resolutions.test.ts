import { pino } from 'pino';
import sharp from 'sharp';
import { LocalMediaStorage } from '../../server/src/media/media.storage.js';
import { abandonedResolutionPhotosJob } from '../../server/src/resolutions/resolutions.photos.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifyOverdueResolutions } from '../../server/src/resolutions/resolutions.jobs.js';
import { insertClosedVote } from '../helpers/council.js';
import { multipart } from '../helpers/multipart.js';
import { createTestServer, DEMO_ACCOUNTS, type TestServer } from '../helpers/server.js';

let server: TestServer;
let ids: Record<string, string>;
let userIds: Record<string, string>;

const {
  resident,
  neighbour,
  communityStaff: staff,
  streetAdmin,
  unitRep,
  otherCommunityStaff,
  otherStreetAdmin,
} = DEMO_ACCOUNTS;

const codeOf = (result: { errors?: { extensions: { code: string } }[] }) => result.errors?.[0]?.extensions.code;
const fieldsOf = (result: { errors?: { extensions: { fields?: Record<string, string> } }[] }) =>
  Object.keys(result.errors?.[0]?.extensions.fields ?? {});

const FIELDS = `id title percent status doneAt late dueAt availableActions area { name } vote { id title }
  ownerUser { displayName } ownerUnit { name } project { id title area { name } }
  updates { percent note author { displayName } photos { id url thumbnailUrl width height } }`;
const RECORD = `mutation($input: RecordResolutionInput!) { recordResolution(input: $input) { ${FIELDS} } }`;
const PROGRESS = `mutation($id: ID!, $percent: Int!, $note: String!, $photoIds: [ID!]) {
  updateResolutionProgress(id: $id, percent: $percent, note: $note, photoIds: $photoIds) { ${FIELDS} } }`;
const MAKE_PROJECT = `mutation($id: ID!) { makeProjectFromResolution(id: $id) { ${FIELDS} } }`;
const ONE = `query($id: ID!) { resolution(id: $id) { ${FIELDS} } }`;
const LIST = `query($filter: ResolutionFilter, $first: Int, $after: String) { resolutions(filter: $filter, first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } edges { node { ${FIELDS} } } } }`;

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

beforeAll(async () => {
  server = await createTestServer();
  ids = await server.areaIds();
  userIds = await server.userIds();
}, 120_000);
afterAll(() => server?.close());

const passedVote = (areaName = '幸福里社区', outcome: 'PASSED' | 'FAILED' = 'PASSED') =>
  insertClosedVote(server, { areaId: ids[areaName]!, openedById: userIds[staff]!, outcome, title: '加装充电桩表决' });

async function unitId(name: string) {
  const [row] = await server.sql<{ id: number }>('select id from unit where name = ?', [name]);
  return String(row!.id);
}

async function record(as: string, input: Record<string, unknown>) {
  return server.gql(RECORD, { input: { title: '安装电动车充电桩', dueAt: inDays(30), ...input } }, { as });
}

async function recorded(input: Record<string, unknown> = {}) {
  const result = await record(staff, { voteId: await passedVote(), ownerUserId: userIds[neighbour], ...input });
  expect(result.errors).toBeUndefined();
  return result.data.recordResolution;
}

describe('recording a resolution (决议)', () => {
  it('staff over a passed vote’s area name an owner person or unit and a due date; the owner hears of it', async () => {
    const voteId = await passedVote();
    const result = await record(staff, { voteId, ownerUserId: userIds[neighbour] });
    expect(result.errors).toBeUndefined();
    const resolution = result.data.recordResolution;
    expect(resolution).toMatchObject({
      title: '安装电动车充电桩',
      percent: 0,
      status: 'IN_PROGRESS',
      late: false,
      area: { name: '幸福里社区' },
      vote: { id: voteId },
      ownerUser: { displayName: '孙志强' },
      ownerUnit: null,
      updates: [],
      availableActions: ['UPDATE_PROGRESS', 'MAKE_PROJECT'],
    });
    const [notice] = await server.sql<{ kind: string; params: Record<string, string> }>(
      `select kind, params from notification where recipient_id = ? and subject_type = 'resolution' and subject_id = ?`,
      [Number(userIds[neighbour]), Number(resolution.id)],
    );
    expect(notice).toMatchObject({ kind: 'RESOLUTION_ASSIGNED', params: { resolution: '安装电动车充电桩' } });
    expect(notice!.params.due).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    const inbox = await server.gql(
      '{ notifications(first: 1) { edges { node { kind resolution { id title } } } } }',
      {},
      { as: neighbour },
    );
    expect(inbox.data.notifications.edges[0].node).toEqual({
      kind: 'RESOLUTION_ASSIGNED',
      resolution: { id: resolution.id, title: '安装电动车充电桩' },
    });

    const unit = await unitId('安居物业幸福里项目部');
    const byUnit = await record(streetAdmin, { voteId, ownerUnitId: unit });
    expect(byUnit.errors).toBeUndefined();
    expect(byUnit.data.recordResolution.ownerUnit).toEqual({ name: '安居物业幸福里项目部' });
    const [unitNotice] = await server.sql(
      `select n.id from notification n join app_user u on u.id = n.recipient_id where u.phone = '13900000103' and n.kind = 'RESOLUTION_ASSIGNED'`,
    );
    expect(unitNotice).toBeDefined();
    const audit = await server.sql<{ action: string }>(
      `select action from audit_entry where target_type = 'Resolution' and target_id = ?`,
      [resolution.id],
    );
    expect(audit).toEqual([{ action: 'resolution.record' }]);

    // The audit log reads it by its title, with the owner by name.
    const log = await server.gql(
      `query($areaId: ID!) { auditLog(areaId: $areaId, actions: [RESOLUTION_RECORD], first: 5) {
        edges { node { targetType targetId targetLabel changes { field label after } } } } }`,
      { areaId: ids['幸福里社区'] },
      { as: staff },
    );
    expect(log.errors).toBeUndefined();
    const entry = log.data.auditLog.edges.find((edge: any) => edge.node.targetId === resolution.id).node;
    expect(entry).toMatchObject({ targetType: 'RESOLUTION', targetLabel: '安装电动车充电桩' });
    expect(entry.changes).toContainEqual({ field: 'ownerUserId', label: '负责人', after: '孙志强' });
  });

  it('with an idempotency key a retry (also at once) returns the first resolution', async () => {
    const voteId = await passedVote();
    const input = { voteId, ownerUserId: userIds[neighbour], idempotencyKey: 'resolution-retry-1' };
    const results = await Promise.all(Array.from({ length: 5 }, () => record(staff, input)));
    const created = results.filter((result) => !result.errors).map((result) => result.data.recordResolution.id);
    expect(new Set(created).size).toBe(1);
    expect(results.every((result) => !result.errors || codeOf(result) === 'CONFLICT')).toBe(true);
    const rows = await server.sql('select id from resolution where vote_id = ?', [Number(voteId)]);
    expect(rows).toHaveLength(1);
  });

  it('refuses others, a vote that did not pass, owners out of reach and bad input, recording nothing', async () => {
    const voteId = await passedVote();
    const failed = await passedVote('幸福里社区', 'FAILED');
    const count = async () =>
      Number(
        (
          await server.sql<{ n: string }>('select count(*) n from resolution where vote_id = any(?::int[])', [
            `{${voteId},${failed}}`,
          ])
        )[0]!.n,
      );
    const owner = { ownerUserId: userIds[neighbour] };
    expect(codeOf(await server.gql(RECORD, { input: { voteId, title: 'x', dueAt: inDays(3), ...owner } }))).toBe(
      'UNAUTHENTICATED',
    );
    expect(codeOf(await record(resident, { voteId, ...owner }))).toBe('FORBIDDEN');
    expect(codeOf(await record(otherCommunityStaff, { voteId, ...owner }))).toBe('FORBIDDEN');
    expect(codeOf(await record(otherStreetAdmin, { voteId, ...owner }))).toBe('FORBIDDEN');
    expect(codeOf(await record(staff, { voteId: '999999', ...owner }))).toBe('NOT_FOUND');
    expect(codeOf(await record(staff, { voteId: failed, ...owner }))).toBe('INVALID_STATE');
    // A person outside the staff member's reach, a unit that does not serve the community.
    expect(codeOf(await record(staff, { voteId, ownerUserId: userIds[otherStreetAdmin] }))).toBe('NOT_FOUND');
    expect(codeOf(await record(staff, { voteId, ownerUserId: '999999' }))).toBe('NOT_FOUND');
    expect(codeOf(await record(staff, { voteId, ownerUnitId: await unitId('阳光中学') }))).toBe('NOT_FOUND');
    const bad: [Record<string, unknown>, string][] = [
      [{ ownerUserId: null }, 'ownerUserId'],
      [{ ownerUnitId: await unitId('安居物业幸福里项目部') }, 'ownerUserId'],
      [{ dueAt: inDays(-1) }, 'dueAt'],
      [{ dueAt: inDays(20_000) }, 'dueAt'],
      [{ dueAt: '0001-01-01T00:00:00Z' }, 'dueAt'],
      [{ title: '' }, 'title'],
      [{ title: 'x'.repeat(201) }, 'title'],
      [{ title: '充电\u0000桩' }, 'title'],
      [{ idempotencyKey: '??' }, 'idempotencyKey'],
    ];
    for (const [change, field] of bad) {
      const result = await record(staff, { voteId, ...owner, ...change });
      expect(codeOf(result), field).toBe('BAD_USER_INPUT');
      expect(fieldsOf(result)).toEqual([field]);
    }
    expect(await count()).toBe(0);
  });
});

describe('progress of a resolution', () => {
  it('the owner, a representative of the owner unit, or staff report progress forward; 100 % is done', async () => {
    const resolution = await recorded();
    const first = await server.gql(PROGRESS, { id: resolution.id, percent: 20, note: '已采购设备' }, { as: neighbour });
    expect(first.errors).toBeUndefined();
    expect(first.data.updateResolutionProgress).toMatchObject({
      percent: 20,
      status: 'IN_PROGRESS',
      updates: [{ percent: 20, note: '已采购设备', author: { displayName: '孙志强' }, photos: [] }],
    });
    const byStaff = await server.gql(PROGRESS, { id: resolution.id, percent: 20, note: '现场核实' }, { as: staff });
    expect(byStaff.errors).toBeUndefined();

    for (const as of [resident, otherCommunityStaff, otherStreetAdmin, unitRep]) {
      expect(codeOf(await server.gql(PROGRESS, { id: resolution.id, percent: 50, note: '进展' }, { as })), as).toBe(
        'FORBIDDEN',
      );
    }
    expect(codeOf(await server.gql(PROGRESS, { id: resolution.id, percent: 50, note: '进展' }))).toBe(
      'UNAUTHENTICATED',
    );
    expect(codeOf(await server.gql(PROGRESS, { id: '999999', percent: 50, note: '进展' }, { as: staff }))).toBe(
      'NOT_FOUND',
    );
    for (const [percent, note, field] of [
      [10, '倒退了', 'percent'],
      [101, '超出', 'percent'],
      [-5, '负数', 'percent'],
      [50, '', 'note'],
      [50, 'x'.repeat(1001), 'note'],
    ] as const) {
      const result = await server.gql(PROGRESS, { id: resolution.id, percent, note }, { as: neighbour });
      expect(codeOf(result)).toBe('BAD_USER_INPUT');
      expect(fieldsOf(result)).toEqual([field]);
    }
    const done = await server.gql(PROGRESS, { id: resolution.id, percent: 100, note: '已全部安装' }, { as: neighbour });
    expect(done.data.updateResolutionProgress).toMatchObject({ percent: 100, status: 'DONE', availableActions: [] });
    expect(done.data.updateResolutionProgress.doneAt).not.toBeNull();
    expect(codeOf(await server.gql(PROGRESS, { id: resolution.id, percent: 100, note: '再报' }, { as: staff }))).toBe(
      'INVALID_STATE',
    );
    const rows = await server.sql('select id from resolution_update where resolution_id = ?', [Number(resolution.id)]);
    expect(rows).toHaveLength(3);

    // A unit's representatives report for it.
    const unit = await unitId('幸福街道第一小学');
    const forUnit = await recorded({ ownerUserId: null, ownerUnitId: unit });
    const byRep = await server.gql(PROGRESS, { id: forUnit.id, percent: 40, note: '学校已安排' }, { as: unitRep });
    expect(byRep.errors).toBeUndefined();
    expect(byRep.data.updateResolutionProgress.availableActions).toEqual(['UPDATE_PROGRESS']);
  });

  it('updates sent at once are taken one after another: the percent never goes back', async () => {
    const resolution = await recorded();
    const percents = [30, 10, 80, 50, 20, 70, 40, 60];
    const results = await Promise.all(
      percents.map((percent) =>
        server.gql(PROGRESS, { id: resolution.id, percent, note: `进度${percent}` }, { as: staff }),
      ),
    );
    expect(results.every((result) => !result.errors || codeOf(result) === 'BAD_USER_INPUT')).toBe(true);
    const accepted = results.filter((result) => !result.errors).map((_, i) => i);
    const [row] = await server.sql<{ percent: number; updates: string }>(
      'select percent, (select count(*) from resolution_update where resolution_id = r.id) as updates from resolution r where id = ?',
      [Number(resolution.id)],
    );
    expect(row!.percent).toBe(80);
    expect(Number(row!.updates)).toBe(accepted.length);
    const percentsInOrder = await server.sql<{ percent: number }>(
      'select percent from resolution_update where resolution_id = ? order by id',
      [Number(resolution.id)],
    );
    const values = percentsInOrder.map((update) => update.percent);
    expect(values).toEqual([...values].sort((a, b) => a - b));
  });

  it('takes photos uploaded to /uploads/resolution-photos by the author, each once; attached, they are public', async () => {
    const resolution = await recorded();
    const jpeg = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#37a' } })
      .jpeg()
      .toBuffer();
    const upload = async (as: string) => {
      const body = multipart({ filename: 'progress.jpg', contentType: 'image/jpeg', data: jpeg });
      const response = await server.app.http.inject({
        method: 'POST',
        url: '/uploads/resolution-photos',
        payload: body.payload,
        headers: { ...body.headers, authorization: `Bearer ${await server.tokenFor(as)}` },
      });
      expect(response.statusCode).toBe(201);
      return response.json() as { id: string; url: string };
    };
    const photo = await upload(neighbour);
    const others = await upload(staff);
    // Before it is attached: the uploader's only.
    expect((await server.app.http.inject({ method: 'GET', url: photo.url })).statusCode).toBe(404);
    const refused = await server.gql(
      PROGRESS,
      { id: resolution.id, percent: 30, note: '施工中', photoIds: [photo.id, others.id] },
      { as: neighbour },
    );
    expect(fieldsOf(refused)).toEqual(['photoIds']);
    const result = await server.gql(
      PROGRESS,
      { id: resolution.id, percent: 30, note: '施工中', photoIds: [photo.id] },
      { as: neighbour },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data.updateResolutionProgress.updates[0].photos).toEqual([
      expect.objectContaining({ id: photo.id, url: photo.url, width: 40, height: 30 }),
    ]);
    expect((await server.app.http.inject({ method: 'GET', url: photo.url })).statusCode).toBe(200);
    const again = await server.gql(
      PROGRESS,
      { id: resolution.id, percent: 40, note: '又用一次', photoIds: [photo.id] },
      { as: neighbour },
    );
    expect(fieldsOf(again)).toEqual(['photoIds']);

    // Photos nothing took within a day are deleted by the hourly job; attached ones stay.
    const abandoned = await upload(neighbour);
    await server.sql("update resolution_photo set created_at = now() - interval '25 hours' where id in (?, ?)", [
      Number(abandoned.id),
      Number(photo.id),
    ]);
    await abandonedResolutionPhotosJob.run({
      orm: server.app.orm,
      storage: new LocalMediaStorage(server.mediaDir),
      logger: pino({ level: 'silent' }),
    } as unknown as Parameters<typeof abandonedResolutionPhotosJob.run>[0]);
    const left = await server.sql<{ id: number }>('select id from resolution_photo where id in (?, ?) order by id', [
      Number(abandoned.id),
      Number(photo.id),
    ]);
    expect(left.map((row) => String(row.id))).toEqual([photo.id]);
  });
});

describe('late resolutions', () => {
  it('are flagged, counted in the owner’s to-dos as the list shows them, and told of once', async () => {
    const resolution = await recorded({ title: '逾期决议' });
    await server.sql(`update resolution set due_at = now() - interval '1 day' where id = ?`, [Number(resolution.id)]);
    const one = await server.gql(ONE, { id: resolution.id });
    expect(one.data.resolution.late).toBe(true);
    const list = await server.gql(LIST, { filter: { mine: true, late: true }, first: 100 }, { as: neighbour });
    expect(list.data.resolutions.edges.map((edge: any) => edge.node.id)).toContain(resolution.id);
    const todos = await server.gql('{ myTodos { lateResolutions } }', {}, { as: neighbour });
    expect(todos.data.myTodos.lateResolutions).toBe(list.data.resolutions.totalCount);
    expect(
      (await server.gql('{ myTodos { lateResolutions } }', {}, { as: resident })).data.myTodos.lateResolutions,
    ).toBe(0);

    const told = await Promise.all([
      notifyOverdueResolutions(server.app.orm.em.fork()),
      notifyOverdueResolutions(server.app.orm.em.fork()),
    ]);
    expect(told[0]! + told[1]!).toBeGreaterThanOrEqual(1);
    expect(await notifyOverdueResolutions(server.app.orm.em.fork())).toBe(0);
    const notices = await server.sql<{ phone: string }>(
      `select u.phone from notification n join app_user u on u.id = n.recipient_id
        where n.kind = 'RESOLUTION_OVERDUE' and n.subject_id = ? order by u.phone`,
      [Number(resolution.id)],
    );
    expect(notices.map((row) => row.phone)).toEqual([staff, neighbour].sort());
  });
});

describe('the resolutions list', () => {
  it('is public, filters by area, status, late and mine, and reads any page size in the same statements', async () => {
    for (let i = 0; i < 12; i++) {
      const resolution = await recorded({ title: `清单决议${i}` });
      await server.gql(PROGRESS, { id: resolution.id, percent: 10, note: '开始' }, { as: staff });
    }
    const all = await server.gql(LIST, { filter: { areaId: ids['幸福里社区'] }, first: 5 });
    expect(all.errors).toBeUndefined();
    expect(all.data.resolutions.totalCount).toBeGreaterThanOrEqual(12);
    const elsewhere = await server.gql(LIST, { filter: { areaId: ids['光明社区'] } });
    expect(elsewhere.data.resolutions.totalCount).toBe(0);
    const done = await server.gql(LIST, { filter: { statuses: ['DONE'], areaId: ids['幸福里社区'] } });
    expect(done.data.resolutions.edges.every((edge: any) => edge.node.status === 'DONE')).toBe(true);
    const mineSignedOut = await server.gql(LIST, { filter: { mine: true } });
    expect(mineSignedOut.data.resolutions.totalCount).toBe(0);
    const mine = await server.gql(LIST, { filter: { mine: true }, first: 100 }, { as: neighbour });
    expect(mine.data.resolutions.edges.every((edge: any) => edge.node.ownerUser?.displayName === '孙志强')).toBe(true);
    expect(codeOf(await server.gql(LIST, { filter: { areaId: '999999' } }))).toBe('NOT_FOUND');
    expect(codeOf(await server.gql(LIST, { first: 1000 }))).toBe('BAD_USER_INPUT');

    const statements = async (first: number) => {
      const counts: number[] = [];
      for (let i = 0; i < 3; i++)
        counts.push(
          await server.countQueries(() =>
            server.gql(LIST, { filter: { areaId: ids['幸福里社区'] }, first }, { as: staff }),
          ),
        );
      return Math.min(...counts);
    };
    const small = await statements(2);
    const large = await statements(12);
    expect(large).toBeLessThanOrEqual(small);
  });
});

describe('a project from a resolution', () => {
  it('MANAGE_PROJECTS turn it into a project of its area, once even when asked at once', async () => {
    const resolution = await recorded({ title: '修建小区停车棚' });
    for (const as of [resident, neighbour, otherCommunityStaff, otherStreetAdmin]) {
      expect(codeOf(await server.gql(MAKE_PROJECT, { id: resolution.id }, { as })), as).toBe('FORBIDDEN');
    }
    expect(codeOf(await server.gql(MAKE_PROJECT, { id: '999999' }, { as: staff }))).toBe('NOT_FOUND');
    const results = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        server.gql(MAKE_PROJECT, { id: resolution.id }, { as: i % 2 ? staff : streetAdmin }),
      ),
    );
    expect(results.filter((result) => !result.errors)).toHaveLength(1);
    expect(results.filter((result) => codeOf(result) === 'INVALID_STATE')).toHaveLength(4);
    const made = results.find((result) => !result.errors)!.data.makeProjectFromResolution;
    expect(made.project).toMatchObject({ title: '修建小区停车棚', area: { name: '幸福里社区' } });
    expect(made.availableActions).toEqual(['UPDATE_PROGRESS']);
    const projects = await server.sql('select id from project where title = ?', ['修建小区停车棚']);
    expect(projects).toHaveLength(1);
    const audit = await server.sql<{ action: string }>(
      `select action from audit_entry where action in ('project.create', 'resolution.makeProject') and (target_id = ? or target_id = ?) order by id`,
      [resolution.id, made.project.id],
    );
    expect(audit.map((row) => row.action)).toEqual(['project.create', 'resolution.makeProject']);
  });
});
