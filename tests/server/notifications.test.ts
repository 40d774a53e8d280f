import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { remindDeadlines } from '../../server/src/needs/needs.jobs.js';
import { closeUnconfirmedNeeds } from '../../server/src/needs/needs.lifecycle.js';
import { createTestServer, DEMO_ACCOUNTS, type TestServer } from '../helpers/server.js';

/** Who hears of each step of a need, what they read, and what leaves by SMS. */
const {
  resident,
  neighbour,
  gridWorker,
  communityStaff: staff,
  otherCommunityStaff,
  otherStreetAdmin,
  streetAdmin,
} = DEMO_ACCOUNTS;

let server: TestServer;
let ids: Record<string, string>;
let users: Record<string, string>;
/** 周明, made STAFF of 阳光街道 for these tests: a worker of another street. */
const otherStreetWorker = otherStreetAdmin;

beforeAll(async () => {
  server = await createTestServer();
  ids = await server.areaIds();
  users = await server.userIds();
  await server.sql(`insert into role_assignment (user_id, role, area_id, created_at) values (?, 'STAFF', ?, now())`, [
    Number(users[otherStreetWorker]),
    Number(ids['阳光街道']),
  ]);
});

afterAll(() => server?.close());

async function ok<T = any>(query: string, variables: Record<string, unknown>, as: string, headers = {}): Promise<T> {
  const result = await server.gql<T>(query, variables, { as, headers });
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data!;
}

async function raise(title: string, as = resident, extra: Record<string, unknown> = {}): Promise<string> {
  const data = await ok(
    'mutation($input: RaiseNeedInput!) { raiseNeed(input: $input) { id } }',
    { input: { title, description: '', category: 'REPAIR', areaId: ids['1号楼'], ...extra } },
    as,
  );
  return data.raiseNeed.id;
}

const step = (mutation: string, args: string) => `mutation($id: ID!) { ${mutation}(id: $id${args}) { id status } }`;

/** Who got which kind about a need, as "phone KIND", sorted. */
async function noticesAbout(needId: string): Promise<string[]> {
  const rows = await server.sql<{ phone: string; kind: string }>(
    `select u.phone, n.kind from notification n join app_user u on u.id = n.recipient_id
      where n.subject_type = 'Need' and n.subject_id = ? order by n.id`,
    [Number(needId)],
  );
  return rows.map((row) => `${row.phone} ${row.kind}`).sort();
}

/** What was written by `run`, about the need. */
async function added(needId: string, run: () => Promise<unknown>): Promise<string[]> {
  const before = await noticesAbout(needId);
  await run();
  const after = await noticesAbout(needId);
  for (const line of before) after.splice(after.indexOf(line), 1);
  return after;
}

describe('each need step notifies whom it concerns', () => {
  let needId: string;

  it('a new need: the workers over its area, nobody else', async () => {
    needId = await raise('楼道灯坏了');
    expect(await noticesAbout(needId)).toEqual([`${staff} NEED_RAISED`, `${gridWorker} NEED_RAISED`].sort());
  });

  it('受理 and 派单: the resident, and the assignee', async () => {
    expect(await added(needId, () => ok(step('acceptNeed', ''), { id: needId }, staff))).toEqual([
      `${resident} NEED_ACCEPTED`,
    ]);
    const assign = `mutation($id: ID!, $to: ID) { assignNeed(id: $id, assigneeUserId: $to) { id } }`;
    expect(await added(needId, () => ok(assign, { id: needId, to: users[gridWorker] }, staff))).toEqual(
      [`${resident} NEED_ASSIGNED`, `${gridWorker} NEED_ASSIGNED_TO_YOU`].sort(),
    );
  });

  it('starting tells nobody; 办好了 tells the resident, in the app and by SMS', async () => {
    expect(await added(needId, () => ok(step('startNeed', ''), { id: needId }, gridWorker))).toEqual([]);
    const resolve = `mutation($id: ID!) { resolveNeed(id: $id, resolution: "换了灯泡") { id } }`;
    expect(await added(needId, () => ok(resolve, { id: needId }, gridWorker))).toEqual([`${resident} NEED_RESOLVED`]);
    const sms = await server.sql<{ template: string; params: Record<string, string>; status: string }>(
      `select template, params, status from outbox_message where recipient = ? order by id desc limit 1`,
      [resident],
    );
    expect(sms[0]).toMatchObject({ template: 'NEED_RESOLVED', params: { title: '楼道灯坏了', reason: '换了灯泡' } });
    const long = '二'.repeat(40);
    const other = await raise(long);
    await ok(step('acceptNeed', ''), { id: other }, staff);
    await ok(`mutation($id: ID!) { assignNeed(id: $id) { id } }`, { id: other }, gridWorker);
    await ok(step('startNeed', ''), { id: other }, gridWorker);
    await ok(`mutation($id: ID!) { resolveNeed(id: $id, resolution: "好了") { id } }`, { id: other }, gridWorker);
    const [latest] = await server.sql<{ params: Record<string, string> }>(
      `select params from outbox_message where recipient = ? order by id desc limit 1`,
      [resident],
    );
    // A gateway's variables are short; the app keeps the whole title.
    expect(latest!.params.title).toBe(`${'二'.repeat(29)}…`);
  });

  it('reopening: the assignee and the workers over the responsible area, not the resident', async () => {
    const reopen = `mutation($id: ID!) { reopenNeed(id: $id, reason: "还是不亮") { id } }`;
    expect(await added(needId, () => ok(reopen, { id: needId }, resident))).toEqual(
      [`${gridWorker} NEED_REOPENED`, `${staff} NEED_REOPENED`].sort(),
    );
  });

  it('吹哨: the workers over the new responsible area, not the one who escalated', async () => {
    const escalate = `mutation($id: ID!) { escalateNeed(id: $id, reason: "需要社区协调") { id } }`;
    expect(await added(needId, () => ok(escalate, { id: needId }, gridWorker))).toEqual([
      `${staff} NEED_ESCALATED_TO_YOU`,
    ]);
  });

  it('不予受理: the resident, with the reason in the body', async () => {
    const other = await raise('想要一个篮球场');
    const reject = `mutation($id: ID!) { rejectNeed(id: $id, reason: "不属于社区职责") { id } }`;
    expect(await added(other, () => ok(reject, { id: other }, staff))).toEqual([`${resident} NEED_REJECTED`]);
    const data = await ok(
      `{ notifications(first: 1) { edges { node { kind title body need { id } } } } }`,
      {},
      resident,
    );
    expect(data.notifications.edges[0].node).toEqual({
      kind: 'NEED_REJECTED',
      title: '您的诉求不予受理',
      body: '「想要一个篮球场」不予受理，原因：不属于社区职责',
      need: { id: other },
    });
  });

  it('auto-closed: the resident', async () => {
    const other = await raise('垃圾桶满了');
    await ok(step('acceptNeed', ''), { id: other }, staff);
    await ok(`mutation($id: ID!) { assignNeed(id: $id) { id } }`, { id: other }, gridWorker);
    await ok(step('startNeed', ''), { id: other }, gridWorker);
    await ok(`mutation($id: ID!) { resolveNeed(id: $id, resolution: "清运了") { id } }`, { id: other }, gridWorker);
    const later = new Date(Date.now() + 8 * 24 * 3600 * 1000);
    expect(await added(other, () => closeUnconfirmedNeeds(server.app.orm.em.fork(), later))).toContain(
      `${resident} NEED_AUTO_CLOSED`,
    );
  });

  it('none of it reaches a neighbour, an administrator, or workers of another community or street', async () => {
    const rows = await server.sql<{ phone: string }>(
      `select distinct u.phone from notification n join app_user u on u.id = n.recipient_id where n.created_at > now() - interval '10 minutes'`,
    );
    const phones = rows.map((row) => row.phone);
    for (const outsider of [neighbour, streetAdmin, otherCommunityStaff, otherStreetWorker]) {
      expect(phones, outsider).not.toContain(outsider);
    }
  });
});

describe('deadline reminders', () => {
  it('tell the workers and the assignee once per need and deadline, however often the job runs', async () => {
    const needId = await raise('井盖松动');
    await server.sql(`update need set due_at = now() + interval '1 hour' where id = ?`, [Number(needId)]);
    const overdueId = await raise('路面塌陷');
    await server.sql(`update need set due_at = now() - interval '1 hour' where id = ?`, [Number(overdueId)]);
    const first = await added(needId, () => remindDeadlines(server.app.orm.em.fork()));
    expect(first).toEqual([`${gridWorker} NEED_DUE_SOON`, `${staff} NEED_DUE_SOON`].sort());
    expect((await noticesAbout(overdueId)).filter((line) => line.endsWith('NEED_OVERDUE'))).toEqual(
      [`${gridWorker} NEED_OVERDUE`, `${staff} NEED_OVERDUE`].sort(),
    );
    const again = await Promise.all([
      remindDeadlines(server.app.orm.em.fork()),
      remindDeadlines(server.app.orm.em.fork()),
    ]);
    expect(again).toEqual([0, 0]);
    expect((await noticesAbout(needId)).filter((line) => line.includes('DUE'))).toHaveLength(2);
    // A new deadline (say, after a reopening) is reminded of again.
    await server.sql(`update need set due_at = now() + interval '90 minutes' where id = ?`, [Number(needId)]);
    expect(await added(needId, () => remindDeadlines(server.app.orm.em.fork()))).toHaveLength(2);
  });
});

describe('reading notifications', () => {
  it('renders title and body in the reader’s language', async () => {
    const data = await ok(`{ notifications(first: 1) { edges { node { title body } } } }`, {}, resident, {
      'accept-language': 'en',
    });
    expect(data.notifications.edges[0].node.title).toMatch(/^[A-Za-z ]+$/);
  });

  it('signed out: no list, a count of 0', async () => {
    const list = await server.gql(`{ notifications { totalCount } }`);
    expect(list.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
    expect((await server.gql(`{ unreadNotificationCount }`)).data).toEqual({ unreadNotificationCount: 0 });
  });

  it('marks read what is named, refuses what is another’s without changing anything, then all', async () => {
    const count = async () => (await ok(`{ unreadNotificationCount }`, {}, resident)).unreadNotificationCount;
    const unread = await count();
    expect(unread).toBeGreaterThan(1);
    const page = await ok(`{ notifications(unreadOnly: true, first: 2) { edges { node { id read } } } }`, {}, resident);
    const [first, second] = page.notifications.edges.map((edge: any) => edge.node.id);
    const theirs = await server.sql<{ id: number }>(`select id from notification where recipient_id = ? limit 1`, [
      Number(users[staff]),
    ]);
    const mark = `mutation($ids: [ID!]) { markNotificationsRead(ids: $ids) }`;
    const refused = await server.gql(mark, { ids: [first, String(theirs[0]!.id)] }, { as: resident });
    expect(refused.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
    const malformed = await server.gql(mark, { ids: ['x'] }, { as: resident });
    expect(malformed.errors?.[0]?.extensions.code).toBe('NOT_FOUND');
    expect(await count()).toBe(unread);
    expect(await ok(mark, { ids: [first, first] }, resident)).toEqual({ markNotificationsRead: 1 });
    expect(await ok(mark, { ids: [first] }, resident)).toEqual({ markNotificationsRead: 0 });
    expect(await count()).toBe(unread - 1);
    const read = await ok(`{ notifications(first: 2) { edges { node { id read } } } }`, {}, resident);
    expect(read.notifications.edges.find((edge: any) => edge.node.id === first).node.read).toBe(true);
    expect(await ok(mark, {}, resident)).toEqual({ markNotificationsRead: unread - 1 });
    expect(await count()).toBe(0);
    expect(second).toBeDefined();
    expect((await ok(`{ unreadNotificationCount }`, {}, staff)).unreadNotificationCount).toBeGreaterThan(0);
  });

  it('pages with the shared connection and loads their needs in one batch (no N+1)', async () => {
    const needIds = await server.sql<{ id: number }>(`select id from need order by id limit 60`);
    await server.sql(
      `insert into notification (recipient_id, kind, subject_type, subject_id, params, created_at)
       select ?, 'NEED_ACCEPTED', 'Need', id, '{"title":"x"}', now() from need where id = any(?::int[])`,
      [Number(users[resident]), `{${needIds.map((row) => row.id).join(',')}}`],
    );
    const query = `query($first: Int) { notifications(first: $first) { totalCount pageInfo { hasNextPage endCursor }
      edges { cursor node { id kind title body read createdAt need { id title } } } } }`;
    await ok(query, { first: 5 }, resident);
    const small = await server.countQueries(() => ok(query, { first: 5 }, resident));
    const large = await server.countQueries(() => ok(query, { first: 50 }, resident));
    expect(large).toBe(small);
    const page = await ok(query, { first: 50 }, resident);
    expect(page.notifications.edges).toHaveLength(50);
    const next = await ok(
      `query($after: String) { notifications(first: 100, after: $after) { edges { node { id } } } }`,
      { after: page.notifications.pageInfo.endCursor },
      resident,
    );
    expect(next.notifications.edges.length).toBe(page.notifications.totalCount - 50);
    const tooMany = await server.gql(`{ notifications(first: 101) { totalCount } }`, {}, { as: resident });
    expect(tooMany.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
  });

  it('shows no need the reader may not see', async () => {
    const privateNeed = await raise('家里的事', resident, { isPublic: false });
    await server.sql(
      `insert into notification (recipient_id, kind, subject_type, subject_id, params, created_at)
       values (?, 'NEED_ACCEPTED', 'Need', ?, '{"title":"x"}', now())`,
      [Number(users[neighbour]), Number(privateNeed)],
    );
    const data = await ok(`{ notifications(first: 1) { edges { node { need { id } } } } }`, {}, neighbour);
    expect(data.notifications.edges[0].node.need).toBeNull();
  });
});

describe('preferences', () => {
  const update = `mutation($input: NotificationPreferencesInput!) { updateNotificationPreferences(input: $input) {
    smsKinds smsAvailableKinds quietFrom quietTo } }`;

  it('default to the SMS kinds a person may have', async () => {
    const mine = await ok(`{ notificationPreferences { smsKinds smsAvailableKinds quietFrom quietTo } }`, {}, resident);
    expect(mine.notificationPreferences).toEqual({
      // A resident may be asked to pledge what they offer themselves.
      // Invited to a meeting, or in a small electorate: worth a text (VOTE_OPENED is not sent to large ones).
      smsKinds: [
        'NEED_RESOLVED',
        'NEED_REJECTED',
        'PLEDGE_REQUESTED',
        'MEETING_SCHEDULED',
        'VOTE_OPENED',
        'SHIFT_PROMOTED',
      ],
      smsAvailableKinds: [
        'NEED_ACCEPTED',
        'NEED_ASSIGNED',
        'NEED_RESOLVED',
        'NEED_REJECTED',
        'NEED_AUTO_CLOSED',
        'REPORT_IN_ACCEPTED',
        'REPORT_IN_DECLINED',
        'UNIT_REPRESENTATIVE_ADDED',
        'PLEDGE_REQUESTED',
        'PLEDGE_MADE',
        'PLEDGE_SETTLED',
        'PLEDGE_OVERDUE',
        'COMMITTEE_MEMBER_ADDED',
        'TOPIC_ADMITTED',
        'TOPIC_DECLINED',
        'MEETING_SCHEDULED',
        'VOTE_OPENED',
        'RESULT_PUBLISHED',
        'OBJECTION_ANSWERED',
        'RESOLUTION_ASSIGNED',
        'RESOLUTION_OVERDUE',
        'TEAM_JOIN_REQUESTED',
        'TEAM_MEMBER_APPROVED',
        'TEAM_MEMBER_DECLINED',
        'SHIFT_PROMOTED',
        'PROMOTION_EXPIRED',
        'ACTIVITY_CANCELLED',
        'HOURS_VERIFIED',
        'CORRECTION_REQUESTED',
        'CORRECTION_ACCEPTED',
        'CORRECTION_REJECTED',
        'CORRECTION_OVERDUE',
        'STAR_PUBLICIZED',
        'STAR_AWARDED',
        'CERTIFICATE_REVOKED',
      ],
      quietFrom: null,
      quietTo: null,
    });
    const worker = await ok(`{ notificationPreferences { smsKinds } }`, {}, gridWorker);
    expect(worker.notificationPreferences.smsKinds).toEqual([
      'NEED_RESOLVED',
      'NEED_REJECTED',
      'NEED_ASSIGNED_TO_YOU',
      'NEED_OVERDUE',
      'PLEDGE_REQUESTED',
      'MEETING_SCHEDULED',
      'VOTE_OPENED',
      'SHIFT_PROMOTED',
    ]);
  });

  it('refuse bad times, NUL bytes, half quiet hours and kinds not on offer, changing nothing', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ smsKinds: [], quietFrom: '25:00', quietTo: '07:00' }, 'quietFrom'],
      [{ smsKinds: [], quietFrom: '22:00\u0000', quietTo: '07:00' }, 'quietFrom'],
      [{ smsKinds: [], quietFrom: '22:00', quietTo: null }, 'quietTo'],
      [{ smsKinds: ['NEED_OVERDUE'] }, 'smsKinds'],
    ];
    for (const [input, field] of cases) {
      const result = await server.gql(update, { input }, { as: resident });
      expect(result.errors?.[0]?.extensions.code, JSON.stringify(input)).toBe('BAD_USER_INPUT');
      expect(Object.keys(result.errors?.[0]?.extensions.fields ?? {}), JSON.stringify(input)).toContain(field);
    }
    const rows = await server.sql(`select 1 from notification_preference where user_id = ?`, [Number(users[resident])]);
    expect(rows).toHaveLength(0);
    expect((await server.gql(update, { input: { smsKinds: [] } })).errors?.[0]?.extensions.code).toBe(
      'UNAUTHENTICATED',
    );
  });

  it('choose the kinds by SMS, and hold non-urgent ones until quiet hours end', async () => {
    // Quiet hours from an hour ago to an hour from now, Shanghai time.
    const hhmm = (offsetHours: number) =>
      new Date(Date.now() + (8 + offsetHours) * 3600 * 1000).toISOString().slice(11, 16);
    const saved = await ok(
      update,
      { input: { smsKinds: ['NEED_ACCEPTED', 'NEED_ACCEPTED'], quietFrom: hhmm(-1), quietTo: hhmm(1) } },
      resident,
    );
    expect(saved.updateNotificationPreferences.smsKinds).toEqual(['NEED_ACCEPTED']);
    const needId = await raise('电梯异响');
    await ok(step('acceptNeed', ''), { id: needId }, staff);
    const sms = await server.sql<{ template: string; wait_minutes: number }>(
      `select template, extract(epoch from not_before - now()) / 60 as wait_minutes
         from outbox_message where recipient = ? order by id desc limit 1`,
      [resident],
    );
    expect(sms[0]!.template).toBe('NEED_ACCEPTED');
    expect(Number(sms[0]!.wait_minutes)).toBeGreaterThan(55);
    expect(Number(sms[0]!.wait_minutes)).toBeLessThan(61);
    // NEED_RESOLVED is no longer chosen: no SMS for it.
    await ok(
      `mutation($id: ID!, $to: ID) { assignNeed(id: $id, assigneeUserId: $to) { id } }`,
      { id: needId, to: users[gridWorker] },
      staff,
    );
    await ok(step('startNeed', ''), { id: needId }, gridWorker);
    await ok(`mutation($id: ID!) { resolveNeed(id: $id, resolution: "修好了") { id } }`, { id: needId }, gridWorker);
    const latest = await server.sql<{ template: string }>(
      `select template from outbox_message where recipient = ? order by id desc limit 1`,
      [resident],
    );
    expect(latest[0]!.template).toBe('NEED_ACCEPTED');
  });
});
