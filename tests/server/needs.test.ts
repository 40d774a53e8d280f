import { print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, DEMO_ACCOUNTS, type GraphQLResponse, type TestServer } from '../helpers/server.js';

/** Loaded by path, so the web's own documents are what the tests send (the server's tsconfig leaves web/ out). */
const WEB_NEEDS_DOCUMENTS = '../../web/src/lib/graphql/needs.ts';

let server: TestServer;
let ids: Record<string, string>;
let userIds: Record<string, string>;

const {
  resident,
  neighbour,
  communityStaff: staff,
  gridWorker,
  streetAdmin,
  otherCommunityStaff,
  otherStreetAdmin,
} = DEMO_ACCOUNTS;

beforeAll(async () => {
  server = await createTestServer();
  ids = await server.areaIds();
  userIds = await server.userIds();
});
afterAll(() => server?.close());

const NEED_FIELDS = `id title status isPublic channel category urgency supporterCount supportedByMe overdue respondBy resolveBy rating
  area { name } responsibleArea { name } raisedBy { displayName } onBehalfOf { displayName } assignee { displayName }
  events { kind fromStatus toStatus note actor { displayName } area { name } } availableActions`;
const RAISE = `mutation($input: RaiseNeedInput!) { raiseNeed(input: $input) { ${NEED_FIELDS} } }`;

async function raise(as: string, input: Record<string, unknown>) {
  const result = await server.gql(
    RAISE,
    { input: { description: '', category: 'REPAIR', areaId: ids['1号楼'], ...input } },
    { as },
  );
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data.raiseNeed;
}

async function step(as: string, mutation: string, args: Record<string, unknown>) {
  const params = Object.keys(args)
    .map((k) => `${k}: $${k}`)
    .join(', ');
  const types: Record<string, string> = {
    id: 'ID!',
    note: mutation === 'commentOnNeed' ? 'String!' : 'String',
    assigneeUserId: 'ID',
    resolution: 'String!',
    rating: 'Int!',
    comment: 'String',
    reason: 'String!',
  };
  const decl = Object.keys(args)
    .map((k) => `$${k}: ${types[k]}`)
    .join(', ');
  return server.gql(`mutation(${decl}) { ${mutation}(${params}) { ${NEED_FIELDS} } }`, args, { as });
}

const needCount = async () => Number((await server.sql<{ n: string }>('select count(*) n from need'))[0]!.n);
const statusOf = async (id: string) =>
  (await server.sql<{ status: string }>('select status from need where id = ?', [Number(id)]))[0]!.status;

describe('raising a need', () => {
  it('lets a resident raise one for their building, answered by their grid', async () => {
    const need = await raise(resident, { title: '3单元楼道灯坏了', description: '晚上看不见台阶，老人容易摔倒。' });
    expect(need).toMatchObject({
      title: '3单元楼道灯坏了',
      status: 'SUBMITTED',
      isPublic: true,
      channel: 'APP',
      urgency: 'NORMAL',
      area: { name: '1号楼' },
      responsibleArea: { name: '幸福里第一网格' },
      raisedBy: { displayName: '赵桂兰' },
      onBehalfOf: null,
      overdue: false,
      events: [{ kind: 'RAISED', toStatus: 'SUBMITTED', actor: { displayName: '赵桂兰' } }],
      availableActions: ['COMMENT'],
    });
    const hours = (Date.parse(need.respondBy) - Date.now()) / 3600_000;
    expect(hours).toBeGreaterThan(23.9);
    expect(hours).toBeLessThanOrEqual(24);
  });

  it('lets a grid worker raise one for a resident (代办), showing both people', async () => {
    const need = await raise(gridWorker, {
      title: '家门口下水道堵了',
      areaId: ids['2号楼'],
      channel: 'PHONE',
      isPublic: false,
      onBehalfOfUserId: userIds[neighbour],
    });
    expect(need).toMatchObject({
      raisedBy: { displayName: '张伟' },
      onBehalfOf: { displayName: '孙志强' },
      channel: 'PHONE',
      isPublic: false,
    });
    const mine = await server.gql('{ needs(filter: { mine: true }) { edges { node { id } } } }', {}, { as: neighbour });
    expect(mine.data.needs.edges.map((e: { node: { id: string } }) => e.node.id)).toContain(need.id);
  });

  it('refuses residents outside their community, raising for others, and visitors', async () => {
    const before = await needCount();
    const elsewhere = await server.gql(
      RAISE,
      { input: { title: '路灯', description: '', category: 'REPAIR', areaId: ids['和平第一网格'] } },
      { as: resident },
    );
    expect(elsewhere.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    expect(elsewhere.errors?.[0]?.message).toBe('只能反映自己所在社区的事；代办请用工作人员账号。');
    const elsewhereInEnglish = await server.gql(
      RAISE,
      { input: { title: '路灯', description: '', category: 'REPAIR', areaId: ids['和平第一网格'] } },
      { as: resident, headers: { 'accept-language': 'en' } },
    );
    expect(elsewhereInEnglish.errors?.[0]?.message).toBe(
      'You can raise needs in your own community only; workers raise needs for others.',
    );
    const forOthers = await server.gql(
      RAISE,
      {
        input: {
          title: '路灯',
          description: '',
          category: 'REPAIR',
          areaId: ids['1号楼'],
          onBehalfOfUserId: userIds[neighbour],
        },
      },
      { as: resident },
    );
    expect(forOthers.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    const otherStaff = await server.gql(
      RAISE,
      {
        input: {
          title: '路灯',
          description: '',
          category: 'REPAIR',
          areaId: ids['1号楼'],
          onBehalfOfUserId: userIds[resident],
        },
      },
      { as: otherCommunityStaff },
    );
    expect(otherStaff.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    const visitor = await server.gql(RAISE, {
      input: { title: '路灯', description: '', category: 'REPAIR', areaId: ids['1号楼'] },
    });
    expect(visitor.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
    expect(await needCount()).toBe(before);
  });

  it('refuses bad input field by field, writing nothing', async () => {
    const before = await needCount();
    const base = { title: '路灯不亮', description: '', category: 'REPAIR', areaId: ids['1号楼'] };
    const cases: [Record<string, unknown>, string, string][] = [
      [{ title: '  ' }, 'title', '此项必填。'],
      [{ title: '灯'.repeat(81) }, 'title', '不能超过 80 个字。'],
      [{ description: '字'.repeat(2001) }, 'description', '不能超过 2000 个字。'],
      [{ areaId: ids['幸福街道'] }, 'areaId', '诉求要落在社区、村、网格或楼栋。'],
      [{ photoIds: ['1', '2', '3', '4', '5', '6', '7'] }, 'photoIds', '最多 6 张照片。'],
      [{ photoIds: ['999999'] }, 'photoIds', '照片不存在，或已用在别的诉求上。'],
    ];
    for (const [change, field, message] of cases) {
      const result = await server.gql(RAISE, { input: { ...base, ...change } }, { as: resident });
      expect(result.errors?.[0]?.extensions, field).toMatchObject({
        code: 'BAD_USER_INPUT',
        fields: { [field]: message },
      });
    }
    const wrongType = await server.gql(RAISE, { input: { ...base, category: 'NOISE' } }, { as: resident });
    expect(wrongType.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    expect(await needCount()).toBe(before);
  });
});

describe('the life of a need', () => {
  it('goes accept → assign → start → resolve → confirm, each step on the timeline and audited', async () => {
    const need = await raise(resident, { title: '小区门口垃圾桶满了没人清', category: 'ENVIRONMENT' });
    expect((await step(staff, 'acceptNeed', { id: need.id, note: '已受理' })).data.acceptNeed.status).toBe('ACCEPTED');
    const assigned = await step(staff, 'assignNeed', { id: need.id, assigneeUserId: userIds[gridWorker] });
    expect(assigned.data.assignNeed).toMatchObject({ status: 'ASSIGNED', assignee: { displayName: '张伟' } });
    expect((await step(gridWorker, 'startNeed', { id: need.id })).data.startNeed.status).toBe('IN_PROGRESS');
    const resolved = await step(gridWorker, 'resolveNeed', { id: need.id, resolution: '已联系环卫清运' });
    expect(resolved.data.resolveNeed.status).toBe('RESOLVED');
    const owner = await server.gql(
      `query($id: ID!) { need(id: $id) { availableActions } }`,
      { id: need.id },
      { as: resident },
    );
    expect(owner.data.need.availableActions).toEqual(['CONFIRM', 'REOPEN', 'COMMENT']);
    const closed = await step(resident, 'confirmNeed', { id: need.id, rating: 5, comment: '很快，谢谢' });
    expect(closed.data.confirmNeed).toMatchObject({ status: 'CLOSED', rating: 5 });
    expect(
      closed.data.confirmNeed.events.map((e: { toStatus: string | null; actor: { displayName: string } }) => [
        e.toStatus,
        e.actor.displayName,
      ]),
    ).toEqual([
      ['SUBMITTED', '赵桂兰'],
      ['ACCEPTED', '李秀英'],
      ['ASSIGNED', '李秀英'],
      ['IN_PROGRESS', '张伟'],
      ['RESOLVED', '张伟'],
      ['CLOSED', '赵桂兰'],
    ]);
    const audits = await server.sql<{ action: string }>(
      "select action from audit_entry where target_type = 'Need' and target_id = ? order by id",
      [need.id],
    );
    expect(audits.map((a) => a.action)).toEqual(['need.accept', 'need.assign', 'need.start', 'need.resolve']);
  });

  it('refuses moves the state does not allow with INVALID_STATE, changing nothing', async () => {
    const need = await raise(resident, { title: '楼下路面有坑' });
    const confirm = await step(resident, 'confirmNeed', { id: need.id, rating: 4 });
    expect(confirm.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_STATE', status: 'SUBMITTED' });
    const start = await step(staff, 'startNeed', { id: need.id });
    expect(start.errors?.[0]?.extensions.code).toBe('INVALID_STATE');
    await step(staff, 'acceptNeed', { id: need.id });
    await step(staff, 'assignNeed', { id: need.id });
    const reject = await step(staff, 'rejectNeed', { id: need.id, reason: '不归我们管' });
    expect(reject.errors?.[0]?.extensions.code).toBe('INVALID_STATE');
    expect(await statusOf(need.id)).toBe('ASSIGNED');
    const events = await server.sql('select id from need_event where need_id = ?', [Number(need.id)]);
    expect(events).toHaveLength(3);
  });

  it('lets an unhappy resident reopen once', async () => {
    const need = await raise(resident, { title: '电梯异响' });
    await step(staff, 'acceptNeed', { id: need.id });
    await step(staff, 'assignNeed', { id: need.id });
    await step(staff, 'startNeed', { id: need.id });
    await step(staff, 'resolveNeed', { id: need.id, resolution: '已检修' });
    const reopened = await step(resident, 'reopenNeed', { id: need.id, reason: '还是响' });
    expect(reopened.data.reopenNeed.status).toBe('IN_PROGRESS');
    await step(staff, 'resolveNeed', { id: need.id, resolution: '更换了导轮' });
    const again = await step(resident, 'reopenNeed', { id: need.id, reason: '还是响' });
    expect(again.errors?.[0]?.extensions.code).toBe('INVALID_STATE');
    expect((await step(resident, 'confirmNeed', { id: need.id, rating: 3 })).data.confirmNeed.status).toBe('CLOSED');
  });

  it('lets staff reject with a reason', async () => {
    const need = await raise(resident, { title: '想要小区装充电桩' });
    const empty = await step(staff, 'rejectNeed', { id: need.id, reason: ' ' });
    expect(empty.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: { reason: '此项必填。' } });
    const rejected = await step(staff, 'rejectNeed', { id: need.id, reason: '已转物业按规定办理' });
    expect(rejected.data.rejectNeed).toMatchObject({ status: 'REJECTED' });
    expect(rejected.data.rejectNeed.events.at(-1)).toMatchObject({
      fromStatus: 'SUBMITTED',
      toStatus: 'REJECTED',
      note: '已转物业按规定办理',
    });
  });

  it('escalates (吹哨) to the parent area, which answers from then on', async () => {
    const need = await raise(resident, { title: '违章搭建占用消防通道', category: 'SAFETY', urgency: 'HIGH' });
    const escalated = await step(gridWorker, 'escalateNeed', { id: need.id, reason: '需要城管联合执法' });
    expect(escalated.data.escalateNeed).toMatchObject({ status: 'SUBMITTED', responsibleArea: { name: '幸福里社区' } });
    expect(escalated.data.escalateNeed.events.at(-1)).toMatchObject({
      kind: 'ESCALATED',
      area: { name: '幸福里社区' },
      note: '需要城管联合执法',
    });
    expect((await step(gridWorker, 'acceptNeed', { id: need.id })).errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    expect(
      (await step(staff, 'escalateNeed', { id: need.id, reason: '街道协调' })).data.escalateNeed.responsibleArea.name,
    ).toBe('幸福街道');
    expect((await step(staff, 'acceptNeed', { id: need.id })).errors?.[0]?.extensions.code).toBe('FORBIDDEN');
  });

  it('keeps the winner’s change when two workers act at once', async () => {
    const need = await raise(resident, { title: '楼顶漏水' });
    const results = await Promise.all([
      step(staff, 'acceptNeed', { id: need.id }),
      step(gridWorker, 'acceptNeed', { id: need.id }),
    ]);
    const codes = results.map((r) => r.errors?.[0]?.extensions.code ?? 'OK').sort();
    expect(codes[1]).toBe('OK');
    expect(['CONFLICT', 'INVALID_STATE']).toContain(codes[0]);
    const accepted = await server.sql("select id from need_event where need_id = ? and to_status = 'ACCEPTED'", [
      Number(need.id),
    ]);
    expect(accepted).toHaveLength(1);
  });
});

describe('who may act and see', () => {
  it('refuses residents, administrators and other communities the handling actions', async () => {
    const need = await raise(resident, { title: '公共绿地被占' });
    for (const phone of [neighbour, streetAdmin, otherCommunityStaff]) {
      const result = await step(phone, 'acceptNeed', { id: need.id });
      expect(result.errors?.[0]?.extensions.code, phone).toBe('FORBIDDEN');
    }
    expect(await statusOf(need.id)).toBe('SUBMITTED');
    expect((await step(otherStreetAdmin, 'acceptNeed', { id: need.id })).errors?.[0]?.extensions.code).toBe(
      'FORBIDDEN',
    );
  });

  it('refuses each handling step to those who may not take it, changing nothing', async () => {
    const need = await raise(resident, { title: '单元门禁坏了' });
    const refusals: [string, string, Record<string, unknown>][] = [
      [neighbour, 'assignNeed', { id: need.id }],
      [otherCommunityStaff, 'rejectNeed', { id: need.id, reason: '不是我们的' }],
      [resident, 'escalateNeed', { id: need.id, reason: '快点' }],
      [neighbour, 'commentOnNeed', { id: need.id, note: '我也遇到了' }],
    ];
    for (const [phone, mutation, args] of refusals) {
      expect((await step(phone, mutation, args)).errors?.[0]?.extensions.code, `${phone} ${mutation}`).toBe(
        'FORBIDDEN',
      );
    }
    await step(staff, 'acceptNeed', { id: need.id });
    await step(staff, 'assignNeed', { id: need.id, assigneeUserId: userIds[gridWorker] });
    for (const [phone, mutation, args] of [
      [neighbour, 'startNeed', { id: need.id }],
      [otherCommunityStaff, 'resolveNeed', { id: need.id, resolution: '好了' }],
    ] as [string, string, Record<string, unknown>][]) {
      expect((await step(phone, mutation, args)).errors?.[0]?.extensions.code, `${phone} ${mutation}`).toBe(
        'FORBIDDEN',
      );
    }
    await step(gridWorker, 'startNeed', { id: need.id });
    await step(gridWorker, 'resolveNeed', { id: need.id, resolution: '已修好' });
    for (const mutation of ['confirmNeed', 'reopenNeed']) {
      const args = mutation === 'confirmNeed' ? { id: need.id, rating: 5 } : { id: need.id, reason: '不满意' };
      expect((await step(staff, mutation, args)).errors?.[0]?.extensions.code, mutation).toBe('FORBIDDEN');
    }
    expect(await statusOf(need.id)).toBe('RESOLVED');
  });

  it('refuses an assignee who does not work in the area, and a rating outside 1–5', async () => {
    const need = await raise(resident, { title: '楼道堆放杂物' });
    await step(staff, 'acceptNeed', { id: need.id });
    const outsider = await step(staff, 'assignNeed', { id: need.id, assigneeUserId: userIds[neighbour] });
    expect(outsider.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { assigneeUserId: expect.any(String) },
    });
    const elsewhere = await step(staff, 'assignNeed', { id: need.id, assigneeUserId: userIds[otherCommunityStaff] });
    expect(elsewhere.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    expect(await statusOf(need.id)).toBe('ACCEPTED');
    await step(staff, 'assignNeed', { id: need.id });
    await step(staff, 'startNeed', { id: need.id });
    await step(staff, 'resolveNeed', { id: need.id, resolution: '已清理' });
    const six = await step(resident, 'confirmNeed', { id: need.id, rating: 6 });
    expect(six.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { rating: '请打 1 到 5 分。' },
    });
    expect(await statusOf(need.id)).toBe('RESOLVED');
  });

  it('shows a private need to its people and the staff over it, to nobody else', async () => {
    const need = await raise(resident, { title: '家庭纠纷需要调解', category: 'DISPUTE', isPublic: false });
    const query = 'query($id: ID!) { need(id: $id) { id } }';
    for (const phone of [resident, staff, gridWorker]) {
      expect((await server.gql(query, { id: need.id }, { as: phone })).data.need, phone).not.toBeNull();
    }
    for (const phone of [neighbour, streetAdmin, otherCommunityStaff, otherStreetAdmin]) {
      expect((await server.gql(query, { id: need.id }, { as: phone })).data.need, phone).toBeNull();
      expect((await step(phone, 'commentOnNeed', { id: need.id, note: '看看' })).errors?.[0]?.extensions.code).toBe(
        'NOT_FOUND',
      );
    }
    expect((await server.gql(query, { id: need.id })).data.need).toBeNull();
    const list = await server.gql(
      '{ needs(first: 100, filter: { text: "家庭纠纷" }) { totalCount } }',
      {},
      { as: neighbour },
    );
    expect(list.data.needs.totalCount).toBe(0);
  });
});

describe('supporting (附议)', () => {
  it('counts one support per neighbour, also for a double click', async () => {
    const need = await raise(resident, { title: '小区健身器材坏了', category: 'CULTURE' });
    const support = `mutation($id: ID!) { supportNeed(id: $id) { supporterCount supportedByMe availableActions } }`;
    const results = await Promise.all([
      server.gql(support, { id: need.id }, { as: neighbour }),
      server.gql(support, { id: need.id }, { as: neighbour }),
    ]);
    expect(results.map((r) => r.errors?.[0]?.extensions.code ?? 'OK').sort()).toEqual(['CONFLICT', 'OK']);
    const ok = results.find((r) => !r.errors)!;
    expect(ok.data.supportNeed).toMatchObject({ supporterCount: 1, supportedByMe: true });
    expect(ok.data.supportNeed.availableActions).not.toContain('SUPPORT');
    const again = await server.gql(support, { id: need.id }, { as: neighbour });
    expect(again.errors?.[0]).toMatchObject({ message: '您已经附议过这条诉求。', extensions: { code: 'CONFLICT' } });
    expect((await server.gql(support, { id: need.id }, { as: resident })).errors?.[0]?.extensions.code).toBe(
      'FORBIDDEN',
    );
    const rows = await server.sql('select supporter_count from need where id = ?', [Number(need.id)]);
    expect(rows[0]).toEqual({ supporter_count: 1 });
  });
});

describe('lists', () => {
  const LIST = `query($filter: NeedFilter, $first: Int, $after: String) {
    needs(filter: $filter, first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor }
      edges { node { id title status category channel overdue } }
    }
  }`;

  it('filters by several statuses, categories and channels at once, and by Chinese words', async () => {
    const a = await raise(resident, { title: '楼道灯不亮了', category: 'REPAIR' });
    const b = await raise(gridWorker, {
      title: '独居老人需要助餐',
      category: 'ELDERLY_CARE',
      channel: 'GRID_PATROL',
      onBehalfOfUserId: userIds[neighbour],
      areaId: ids['2号楼'],
    });
    await step(staff, 'acceptNeed', { id: b.id });
    const both = await server.gql(
      LIST,
      {
        filter: {
          areaId: ids['幸福里第一网格'],
          statuses: ['SUBMITTED', 'ACCEPTED'],
          categories: ['REPAIR', 'ELDERLY_CARE'],
          channels: ['APP', 'GRID_PATROL'],
        },
        first: 100,
      },
      { as: staff },
    );
    const found = both.data.needs.edges.map((e: { node: { id: string } }) => e.node.id);
    expect(found).toEqual(expect.arrayContaining([a.id, b.id]));
    for (const { node } of both.data.needs.edges) {
      expect(['SUBMITTED', 'ACCEPTED']).toContain(node.status);
      expect(['REPAIR', 'ELDERLY_CARE']).toContain(node.category);
    }
    const text = await server.gql(LIST, { filter: { text: '助餐' } }, { as: staff });
    expect(text.data.needs.edges.map((e: { node: { id: string } }) => e.node.id)).toContain(b.id);
    expect(text.data.needs.edges.map((e: { node: { id: string } }) => e.node.id)).not.toContain(a.id);
  });

  it('flags overdue needs, lists them, and puts them first by deadline', async () => {
    const late = await raise(resident, { title: '井盖松动' });
    await server.sql(
      "update need set respond_by = now() - interval '1 hour', due_at = now() - interval '1 hour' where id = ?",
      [Number(late.id)],
    );
    const overdue = await server.gql(
      LIST,
      { filter: { overdue: true, areaId: ids['幸福里社区'] }, first: 100 },
      { as: staff },
    );
    const nodes = overdue.data.needs.edges.map((e: { node: { id: string; overdue: boolean } }) => e.node);
    expect(nodes.map((n: { id: string }) => n.id)).toContain(late.id);
    expect(nodes.every((n: { overdue: boolean }) => n.overdue)).toBe(true);
    const byDeadline = await server.gql(
      LIST,
      { filter: { sort: 'DEADLINE', areaId: ids['幸福里社区'] }, first: 1 },
      { as: staff },
    );
    expect(byDeadline.data.needs.edges[0].node.overdue).toBe(true);
  });

  it('pages with cursors and refuses pages over 100', async () => {
    for (let i = 0; i < 6; i++) await raise(resident, { title: `翻页测试 ${i}` });
    const first = await server.gql(LIST, { filter: { text: '翻页测试' }, first: 4 }, { as: staff });
    expect(first.data.needs).toMatchObject({ totalCount: 6, pageInfo: { hasNextPage: true } });
    const second = await server.gql(
      LIST,
      { filter: { text: '翻页测试' }, first: 4, after: first.data.needs.pageInfo.endCursor },
      { as: staff },
    );
    expect(second.data.needs.edges).toHaveLength(2);
    expect(second.data.needs.pageInfo.hasNextPage).toBe(false);
    expect((await server.gql(LIST, { first: 101 }, { as: staff })).errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
  });

  it('costs no more SQL statements for 50 needs with all their nested fields than for 5', async () => {
    for (let i = 0; i < 50; i++)
      await raise(gridWorker, { title: `批量 ${i}`, onBehalfOfUserId: userIds[resident], areaId: ids['3号楼'] });
    const query = `query($first: Int) { needs(first: $first, filter: { areaId: "${ids['幸福里第一网格']}" }) {
      totalCount edges { node { ${NEED_FIELDS} photos { url thumbnailUrl stage } ticketNumber dueAt dueSoon
        raisedBy { phone callablePhone } onBehalfOf { phone callablePhone } } } } }`;
    await server.tokenFor(staff);
    const small = await server.countQueries(() => server.gql(query, { first: 5 }, { as: staff }));
    const large = await server.countQueries(() => server.gql(query, { first: 50 }, { as: staff }));
    expect(large).toBeLessThanOrEqual(small);
    expect(small).toBeLessThanOrEqual(14);
  });

  it('serves the staff inbox’s first page, as the web asks for it, in 6 SQL statements, for 50 needs as for 5', async () => {
    // The web's own document, and the filter its inbox first sends (routes/needs/inbox/filter.ts): the
    // first area where I handle needs, the needs still to do, by deadline.
    const { NeedsQuery } = await import(/* @vite-ignore */ WEB_NEEDS_DOCUMENTS);
    const query = print(NeedsQuery);
    const filter = {
      areaId: ids['幸福里社区'],
      worksOn: null,
      statuses: ['SUBMITTED', 'ACCEPTED', 'ASSIGNED', 'IN_PROGRESS'],
      categories: null,
      urgencies: null,
      channels: null,
      overdue: null,
      dueSoon: null,
      assignedToMe: null,
      text: null,
      sort: 'DEADLINE',
      createdFrom: null,
      createdTo: null,
    };
    const token = await server.tokenFor(staff);
    const pageOf = async (first: number) => {
      let result: GraphQLResponse = {};
      const statements = await server.countQueries(async () => {
        result = await server.gql(query, { filter, first }, { token });
      });
      return { result, statements };
    };
    const small = await pageOf(5);
    const large = await pageOf(50);
    expect(large.result.errors).toBeUndefined();
    const nodes = large.result.data.needs.edges.map((edge: { node: unknown }) => edge.node);
    expect(nodes.length).toBeGreaterThan(5);
    expect(nodes.some((node: { assignee: { displayName: string } | null }) => node.assignee?.displayName)).toBe(true);
    // Who is asking (session, person, roles, units) 1, the page 1, its count 1, the page's areas 1, its
    // people 1, what I have supported 1; the filter's area is one of my roles', already read.
    expect(small.statements).toBeLessThanOrEqual(6);
    expect(large.statements).toBeLessThanOrEqual(small.statements);
  });
});

describe('needStats', () => {
  const STATS = `query($areaId: ID!) { needStats(areaId: $areaId) {
    area { name } total responseRate resolutionRate satisfactionRate averageResponseHours overdueCount
    children { area { name } total responseRate resolutionRate satisfactionRate overdueCount }
  } }`;

  it('gives the three rates for a community and each of its grids, null where nothing is measured', async () => {
    const admin = { as: streetAdmin };
    const community = (
      await server.gql(
        'mutation($i: CreateAreaInput!) { createArea(input: $i) { id } }',
        { i: { name: '统计社区', kind: 'COMMUNITY', parentId: ids['幸福街道'] } },
        admin,
      )
    ).data.createArea.id;
    const gridA = (
      await server.gql(
        'mutation($i: CreateAreaInput!) { createArea(input: $i) { id } }',
        { i: { name: '统计一格', kind: 'GRID', parentId: community } },
        admin,
      )
    ).data.createArea.id;
    await server.gql(
      'mutation($i: CreateAreaInput!) { createArea(input: $i) { id } }',
      { i: { name: '统计二格', kind: 'GRID', parentId: community } },
      admin,
    );
    await server.gql(
      'mutation($u: ID!, $a: ID!) { assignRole(userId: $u, role: STAFF, areaId: $a) { id } }',
      { u: userIds[staff], a: community },
      admin,
    );
    const raiseHere = (title: string) =>
      raise(staff, { title, areaId: gridA, onBehalfOfUserId: userIds[resident], channel: 'WALK_IN' });
    const [n1, n2, n3, n4] = [
      await raiseHere('一'),
      await raiseHere('二'),
      await raiseHere('三'),
      await raiseHere('四'),
    ];
    for (const n of [n1, n2, n3]) {
      await step(staff, 'acceptNeed', { id: n.id });
    }
    for (const n of [n1, n2]) {
      await step(staff, 'assignNeed', { id: n.id });
      await step(staff, 'startNeed', { id: n.id });
      await step(staff, 'resolveNeed', { id: n.id, resolution: '办好了' });
    }
    await step(resident, 'confirmNeed', { id: n1.id, rating: 5 });
    // n4 was never answered and is now past its response deadline; n3 was answered late.
    await server.sql(
      "update need set respond_by = now() - interval '1 hour', due_at = now() - interval '1 hour' where id = ?",
      [Number(n4.id)],
    );
    await server.sql("update need set responded_at = respond_by + interval '1 hour' where id = ?", [Number(n3.id)]);

    const result = await server.gql(STATS, { areaId: community }, { as: staff });
    expect(result.errors).toBeUndefined();
    const stats = result.data.needStats;
    expect(stats).toMatchObject({
      area: { name: '统计社区' },
      total: 4,
      responseRate: 0.5,
      resolutionRate: 0.5,
      satisfactionRate: 1,
      overdueCount: 1,
    });
    expect(stats.averageResponseHours).toBeGreaterThan(0);
    expect(stats.children).toEqual([
      {
        area: { name: '统计一格' },
        total: 4,
        responseRate: 0.5,
        resolutionRate: 0.5,
        satisfactionRate: 1,
        overdueCount: 1,
      },
      {
        area: { name: '统计二格' },
        total: 0,
        responseRate: null,
        resolutionRate: null,
        satisfactionRate: null,
        overdueCount: 0,
      },
    ]);
  });

  it('adds the needs recorded on the area itself (社区本级) as their own row, so the rows make the total', async () => {
    const admin = { as: streetAdmin };
    const create = async (name: string, kind: string, parentId: string) =>
      (
        await server.gql(
          'mutation($i: CreateAreaInput!) { createArea(input: $i) { id } }',
          { i: { name, kind, parentId } },
          admin,
        )
      ).data.createArea.id as string;
    const community = await create('本级社区', 'COMMUNITY', ids['幸福街道']!);
    const grid = await create('本级一格', 'GRID', community);
    const building = await create('本级一号楼', 'BUILDING', grid);
    const raiseIn = (areaId: string) => raise(staff, { title: '本级', areaId, onBehalfOfUserId: userIds[resident] });
    await server.gql(
      'mutation($u: ID!, $a: ID!) { assignRole(userId: $u, role: STAFF, areaId: $a) { id } }',
      { u: userIds[staff], a: community },
      admin,
    );
    for (const areaId of [community, community, grid, building, building]) await raiseIn(areaId);
    const LEVELS = `query($areaId: ID!) { needStats(areaId: $areaId) {
      total children { area { name } total } atThisLevel { area { name } total overdueCount } } }`;
    const stats = async (areaId: string, as: string = staff) =>
      (await server.gql(LEVELS, { areaId }, { as })).data.needStats;

    const ofCommunity = await stats(community);
    expect(ofCommunity).toEqual({
      total: 5,
      children: [{ area: { name: '本级一格' }, total: 3 }],
      atThisLevel: { area: { name: '本级社区' }, total: 2, overdueCount: 0 },
    });
    // A grid's own row holds the needs raised on the grid, not in one of its buildings.
    expect(await stats(grid)).toEqual({
      total: 3,
      children: [{ area: { name: '本级一号楼' }, total: 2 }],
      atThisLevel: { area: { name: '本级一格' }, total: 1, overdueCount: 0 },
    });
    expect((await stats(building)).atThisLevel).toBeNull();
    const street = await stats(ids['幸福街道']!, streetAdmin);
    const rows = street.children.reduce((sum: number, child: { total: number }) => sum + child.total, 0);
    expect(rows + street.atThisLevel.total).toBe(street.total);
  });

  it('is for staff, grid workers, administrators and committee members of the area only', async () => {
    for (const phone of [staff, streetAdmin, otherCommunityStaff]) {
      const result = await server.gql(
        STATS,
        { areaId: ids[phone === otherCommunityStaff ? '和平社区' : '幸福里社区'] },
        { as: phone },
      );
      expect(result.errors, phone).toBeUndefined();
    }
    const committee = await server.gql(STATS, { areaId: ids['幸福里社区'] }, { as: otherCommunityStaff });
    expect(committee.errors).toBeUndefined();
    for (const phone of [resident, otherStreetAdmin]) {
      expect(
        (await server.gql(STATS, { areaId: ids['幸福里社区'] }, { as: phone })).errors?.[0]?.extensions.code,
        phone,
      ).toBe('FORBIDDEN');
    }
  });
});

describe('deadlines per street', () => {
  const SET = `mutation($s: ID!, $r: Int!, $v: Int!) {
    setNeedDeadline(streetId: $s, category: REPAIR, urgency: CRITICAL, respondHours: $r, resolveHours: $v) { category urgency respondHours resolveHours }
  }`;

  it('lets the street administrator change one, audited, and new needs follow it', async () => {
    const result = await server.gql(SET, { s: ids['幸福街道'], r: 1, v: 12 }, { as: streetAdmin });
    expect(result.data.setNeedDeadline).toEqual({
      category: 'REPAIR',
      urgency: 'CRITICAL',
      respondHours: 1,
      resolveHours: 12,
    });
    const [audit] = await server.sql<{ before: object; after: object }>(
      "select before, after from audit_entry where action = 'needDeadline.set'",
    );
    expect(audit).toMatchObject({
      before: { respondHours: 2, resolveHours: 24 },
      after: { respondHours: 1, resolveHours: 12 },
    });
    const need = await raise(resident, { title: '煤气管道漏气', urgency: 'CRITICAL' });
    expect(Math.round((Date.parse(need.resolveBy) - Date.parse(need.respondBy)) / 3600_000)).toBe(11);
    const list = await server.gql(
      'query($s: ID!) { needDeadlines(streetId: $s) { category urgency respondHours } }',
      { s: ids['幸福街道'] },
      { as: staff },
    );
    expect(list.data.needDeadlines).toHaveLength(48);
    expect(list.data.needDeadlines).toContainEqual({ category: 'REPAIR', urgency: 'CRITICAL', respondHours: 1 });
  });

  it('shows a street’s deadlines to its staff and administrators only', async () => {
    const query = 'query($s: ID!) { needDeadlines(streetId: $s) { category } }';
    const read = (as?: string, street = '幸福街道') => server.gql(query, { s: ids[street] }, as ? { as } : {});
    // STAFF of either community in the street, and the street's ADMIN.
    for (const reader of [staff, DEMO_ACCOUNTS.otherCommunityStaff, streetAdmin]) {
      expect((await read(reader)).data.needDeadlines).toHaveLength(48);
    }
    for (const refused of [resident, DEMO_ACCOUNTS.gridWorker, DEMO_ACCOUNTS.unitRep, otherStreetAdmin]) {
      expect((await read(refused)).errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    }
    // Staff of 幸福街道 hold no role in 阳光街道.
    expect((await read(staff, '阳光街道')).errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    expect((await read()).errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
  });

  it('refuses staff, other streets and impossible hours, changing nothing', async () => {
    const before = await server.sql('select * from need_deadline_policy');
    expect(
      (await server.gql(SET, { s: ids['幸福街道'], r: 1, v: 12 }, { as: staff })).errors?.[0]?.extensions.code,
    ).toBe('FORBIDDEN');
    expect(
      (await server.gql(SET, { s: ids['幸福街道'], r: 1, v: 12 }, { as: otherStreetAdmin })).errors?.[0]?.extensions
        .code,
    ).toBe('FORBIDDEN');
    const zero = await server.gql(SET, { s: ids['幸福街道'], r: 0, v: 12 }, { as: streetAdmin });
    expect(zero.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { respondHours: expect.any(String) },
    });
    const backwards = await server.gql(SET, { s: ids['幸福街道'], r: 48, v: 12 }, { as: streetAdmin });
    expect(backwards.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { respondHours: '响应时限不能长于解决时限。' },
    });
    const community = await server.gql(SET, { s: ids['幸福里社区'], r: 1, v: 12 }, { as: streetAdmin });
    expect(community.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { streetId: expect.any(String) },
    });
    expect(await server.sql('select * from need_deadline_policy')).toEqual(before);
  });
});
