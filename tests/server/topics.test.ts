import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseState } from '../helpers/database-state.js';
import { addResidents, signInAll } from '../helpers/people.js';
import { createTestServer, DEMO_ACCOUNTS, type TestServer } from '../helpers/server.js';

let server: TestServer;
let areas: Record<string, string>;
let people: Record<string, string>;

const {
  resident,
  neighbour,
  volunteer,
  communityStaff: staff,
  streetAdmin,
  otherCommunityStaff,
  otherStreetAdmin,
  unitRep,
} = DEMO_ACCOUNTS;

beforeAll(async () => {
  server = await createTestServer();
  areas = await server.areaIds();
  people = await server.userIds();
  // Signed in one after the other: many first sign-ins at once would be throttled.
  for (const as of [
    resident,
    neighbour,
    volunteer,
    staff,
    streetAdmin,
    otherCommunityStaff,
    otherStreetAdmin,
    unitRep,
  ]) {
    await server.tokenFor(as);
  }
});
afterAll(() => server?.close());

async function ok<T = any>(
  query: string,
  variables: Record<string, unknown>,
  as?: string,
  headers?: Record<string, string>,
): Promise<T> {
  const result = await server.gql(query, variables, { ...(as ? { as } : {}), ...(headers ? { headers } : {}) });
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data as T;
}

async function refusal(query: string, variables: Record<string, unknown>, as?: string) {
  const result = await server.gql(query, variables, as ? { as } : {});
  expect(result.errors, JSON.stringify(result.data)).toBeDefined();
  return result.errors![0]!.extensions;
}

const TOPIC_FIELDS = `id title description status supporterCount supportThreshold viewerSupports declineReason admittedAt
  template stage area { name } proposer { displayName } need { id } availableActions
  stages { index label reachedAt note }`;
const PROPOSE = `mutation($input: ProposeTopicInput!) { proposeTopic(input: $input) { ${TOPIC_FIELDS} } }`;
const SUPPORT = `mutation($id: ID!) { supportTopic(id: $id) { ${TOPIC_FIELDS} } }`;
const ADMIT = `mutation($id: ID!) { admitTopic(id: $id) { ${TOPIC_FIELDS} } }`;
const DECLINE = `mutation($id: ID!, $reason: String!) { declineTopic(id: $id, reason: $reason) { ${TOPIC_FIELDS} } }`;
const ADVANCE = `mutation($id: ID!, $note: String) { advanceTopicStage(id: $id, note: $note) { ${TOPIC_FIELDS} } }`;
const THRESHOLD = `mutation($areaId: ID!, $threshold: Int!) { setTopicThreshold(areaId: $areaId, threshold: $threshold) }`;
const TOPIC = `query($id: ID!) { topic(id: $id) { ${TOPIC_FIELDS} } }`;
const TOPICS = `query($filter: TopicFilter, $first: Int, $after: String) { topics(filter: $filter, first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } edges { node { id title status } } } }`;

let proposals = 0;
async function propose(as: string = resident, extra: Record<string, unknown> = {}) {
  proposals++;
  const data = await ok(
    PROPOSE,
    { input: { title: `议题${proposals}`, description: '说明', areaId: areas['幸福里社区'], ...extra } },
    as,
  );
  return data.proposeTopic;
}

/** The database's fingerprint, line order aside (the union of tables comes back in any order). */
const state = async () => (await databaseState(server.sql)).split('\n').sort().join('\n');

const notificationsOf = (kind: string, subjectId: string) =>
  server.sql<{ recipient_id: number }>(
    `select recipient_id from notification where kind = ? and subject_type = 'topic' and subject_id = ? order by recipient_id`,
    [kind, Number(subjectId)],
  );

describe('proposeTopic', () => {
  it('lets a resident propose for their community: PROPOSED, no supports yet, at the first stage; staff are told', async () => {
    const topic = await propose();
    expect(topic).toMatchObject({
      status: 'PROPOSED',
      supporterCount: 0,
      supportThreshold: 10,
      viewerSupports: false,
      template: 'RESIDENT_COUNCIL',
      stage: 0,
      area: { name: '幸福里社区' },
      proposer: { displayName: '赵桂兰' },
      // The proposer may not support their own; only staff review.
      availableActions: [],
    });
    expect(topic.stages).toHaveLength(6);
    expect(topic.stages[0]).toMatchObject({ index: 0, label: '提出议题' });
    expect(topic.stages[0].reachedAt).not.toBeNull();
    expect(topic.stages[1].reachedAt).toBeNull();
    const told = await notificationsOf('TOPIC_PROPOSED', topic.id);
    expect(told.map((row) => String(row.recipient_id))).toContain(people[staff]);
    expect(told.map((row) => String(row.recipient_id))).not.toContain(people[resident]);
  });

  it('gives a village 四议两公开 by default, and takes the template asked for', async () => {
    const village = await ok(
      PROPOSE,
      { input: { title: '村道硬化', description: '雨天泥泞', areaId: areas['东岭村'] } },
      streetAdmin,
    );
    expect(village.proposeTopic.template).toBe('FOUR_DELIBERATIONS_TWO_DISCLOSURES');
    expect(village.proposeTopic.stages.map((s: any) => s.label)).toEqual([
      '党组织提议',
      '两委商议',
      '党员大会审议',
      '村民会议或村民代表会议决议',
      '决议公开',
      '实施结果公开',
    ]);
    const chosen = await propose(resident, { template: 'FOUR_DELIBERATIONS_TWO_DISCLOSURES' });
    expect(chosen.template).toBe('FOUR_DELIBERATIONS_TWO_DISCLOSURES');
  });

  it('words the stages in the viewer’s language', async () => {
    const topic = await propose();
    const en = await ok(TOPIC, { id: topic.id }, resident, { 'accept-language': 'en' });
    expect(en.topic.stages[0].label).toBe('Proposed');
  });

  it('refuses other communities, areas that are no community, unknown ids and bad text, changing nothing', async () => {
    for (const as of [otherStreetAdmin, unitRep, volunteer]) await server.tokenFor(as);
    const before = await state();
    const input = (extra: Record<string, unknown>) => ({
      input: { title: '议题', description: '说明', areaId: areas['幸福里社区'], ...extra },
    });
    expect((await refusal(PROPOSE, input({ areaId: areas['和平社区'] }), volunteer)).code).toBe('FORBIDDEN');
    expect((await refusal(PROPOSE, input({}), otherStreetAdmin)).code).toBe('FORBIDDEN');
    // A unit contact without a home in the community is no resident of it.
    expect((await refusal(PROPOSE, input({}), unitRep)).code).toBe('FORBIDDEN');
    expect((await refusal(PROPOSE, input({}))).code).toBe('UNAUTHENTICATED');
    const grid = await refusal(PROPOSE, input({ areaId: areas['幸福里第一网格'] }), volunteer);
    expect(grid.code).toBe('BAD_USER_INPUT');
    expect(grid.fields).toHaveProperty('areaId');
    expect((await refusal(PROPOSE, input({ areaId: '999999' }), volunteer)).code).toBe('NOT_FOUND');
    expect((await refusal(PROPOSE, input({ areaId: 'x' }), volunteer)).code).toBe('NOT_FOUND');
    for (const bad of [{ title: '' }, { title: '  ' }, { title: '长'.repeat(101) }, { description: 'a\u0000b' }]) {
      const refused = await refusal(PROPOSE, input(bad), volunteer);
      expect(refused.code, JSON.stringify(bad)).toBe('BAD_USER_INPUT');
      expect(refused.fields, JSON.stringify(bad)).toHaveProperty(Object.keys(bad)[0]!);
    }
    const template = await server.gql(PROPOSE, input({ template: 'NOPE' }), { as: volunteer });
    expect(template.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    expect(await state()).toBe(before);
  });

  it('takes a need the viewer sees in that community; another community’s is refused, an invisible one unknown', async () => {
    const [own] = await server.sql<{ id: number }>(
      `select n.id from need n join area a on a.id = n.community_id where a.name = '幸福里社区' and n.is_public order by n.id limit 1`,
    );
    const topic = await propose(resident, { needId: String(own!.id) });
    expect(topic.need).toEqual({ id: String(own!.id) });
    const [other] = await server.sql<{ id: number }>(
      `select n.id from need n join area a on a.id = n.community_id where a.name = '和平社区' and n.is_public order by n.id limit 1`,
    );
    const elsewhere = await refusal(
      PROPOSE,
      { input: { title: '议题', description: '说明', areaId: areas['幸福里社区'], needId: String(other!.id) } },
      resident,
    );
    expect(elsewhere.code).toBe('BAD_USER_INPUT');
    expect(elsewhere.fields).toHaveProperty('needId');
    const [hidden] = await server.sql<{ id: number }>(
      `select n.id from need n join area a on a.id = n.community_id
        where a.name = '幸福里社区' and not n.is_public and n.raised_by_id <> ? and coalesce(n.on_behalf_of_id, 0) <> ? limit 1`,
      [Number(people[resident]), Number(people[resident])],
    );
    if (hidden) {
      const unseen = await refusal(
        PROPOSE,
        { input: { title: '议题', description: '说明', areaId: areas['幸福里社区'], needId: String(hidden.id) } },
        resident,
      );
      expect(unseen.code).toBe('NOT_FOUND');
    }
    for (const needId of ['999999', 'abc']) {
      const unknown = await refusal(
        PROPOSE,
        { input: { title: '议题', description: '说明', areaId: areas['幸福里社区'], needId } },
        resident,
      );
      expect(unknown.code).toBe('NOT_FOUND');
    }
  });

  it('creates one topic for one idempotency key, also when the submits come at once', async () => {
    const input = {
      title: '重复提交',
      description: '说明',
      areaId: areas['幸福里社区'],
      idempotencyKey: 'topic-key-0001',
    };
    const results = await Promise.all(
      Array.from({ length: 8 }, () => server.gql(PROPOSE, { input }, { as: neighbour })),
    );
    const ids = new Set(results.map((result) => result.data?.proposeTopic?.id));
    expect(ids.size).toBe(1);
    const rows = await server.sql(`select id from topic where title = '重复提交'`);
    expect(rows).toHaveLength(1);
    const reused = await refusal(PROPOSE, { input: { ...input, title: '别的' } }, neighbour);
    expect(reused.code).toBe('CONFLICT');
  });
});

describe('supportTopic', () => {
  it('counts each resident once; not the proposer, not another community, not twice', async () => {
    const topic = await propose();
    expect((await refusal(SUPPORT, { id: topic.id }, resident)).code).toBe('FORBIDDEN');
    expect((await refusal(SUPPORT, { id: topic.id }, otherCommunityStaff)).code).toBe('FORBIDDEN');
    expect((await refusal(SUPPORT, { id: topic.id })).code).toBe('UNAUTHENTICATED');
    expect((await refusal(SUPPORT, { id: '999999' }, neighbour)).code).toBe('NOT_FOUND');
    const first = await ok(SUPPORT, { id: topic.id }, neighbour);
    expect(first.supportTopic).toMatchObject({ supporterCount: 1, viewerSupports: true, status: 'PROPOSED' });
    expect(first.supportTopic.availableActions).not.toContain('SUPPORT');
    expect((await refusal(SUPPORT, { id: topic.id }, neighbour)).code).toBe('CONFLICT');
    const seen = await ok(TOPIC, { id: topic.id }, volunteer);
    expect(seen.topic).toMatchObject({ supporterCount: 1, viewerSupports: false, availableActions: ['SUPPORT'] });
  });

  it('keeps one support when the same person taps many times at once', async () => {
    const topic = await propose();
    const results = await Promise.all(
      Array.from({ length: 10 }, () => server.gql(SUPPORT, { id: topic.id }, { as: volunteer })),
    );
    expect(results.filter((result) => !result.errors)).toHaveLength(1);
    for (const result of results.filter((r) => r.errors)) expect(result.errors![0]!.extensions.code).toBe('CONFLICT');
    const [row] = await server.sql<{ supporter_count: number }>('select supporter_count from topic where id = ?', [
      Number(topic.id),
    ]);
    expect(row!.supporter_count).toBe(1);
  });

  it('admits the topic at the threshold exactly once when 30 residents support it at once', async () => {
    const { phones } = await addResidents(server, areas['1号楼']!, 30, 1);
    const tokens = await signInAll(server, phones);
    const topic = await propose();
    await ok(THRESHOLD, { areaId: areas['幸福里社区'], threshold: 10 }, staff);
    const results = await Promise.all(tokens.map((token) => server.gql(SUPPORT, { id: topic.id }, { token })));
    const accepted = results.filter((result) => !result.errors);
    expect(accepted).toHaveLength(10);
    for (const result of results.filter((r) => r.errors)) {
      expect(result.errors![0]!.extensions.code).toBe('INVALID_STATE');
    }
    const [row] = await server.sql<{ supporter_count: number; status: string; admitted_at: Date | null }>(
      'select supporter_count, status, admitted_at from topic where id = ?',
      [Number(topic.id)],
    );
    expect(row).toMatchObject({ supporter_count: 10, status: 'ADMITTED' });
    expect(row!.admitted_at).not.toBeNull();
    const supports = await server.sql('select id from topic_support where topic_id = ?', [Number(topic.id)]);
    expect(supports).toHaveLength(10);
    // One transition: the proposer and the ten supporters are told once each.
    const told = await notificationsOf('TOPIC_ADMITTED', topic.id);
    expect(told).toHaveLength(11);
    expect(new Set(told.map((r) => r.recipient_id)).size).toBe(11);
    expect((await refusal(SUPPORT, { id: topic.id }, neighbour)).code).toBe('INVALID_STATE');
  });
});

describe('reviewing topics', () => {
  it('lets staff over the community admit, and tells the proposer and supporters', async () => {
    const topic = await propose();
    await ok(SUPPORT, { id: topic.id }, neighbour);
    expect((await refusal(ADMIT, { id: topic.id }, neighbour)).code).toBe('FORBIDDEN');
    expect((await refusal(ADMIT, { id: topic.id }, otherCommunityStaff)).code).toBe('FORBIDDEN');
    expect((await refusal(ADMIT, { id: topic.id }, otherStreetAdmin)).code).toBe('FORBIDDEN');
    expect((await refusal(ADMIT, { id: 'nope' }, staff)).code).toBe('NOT_FOUND');
    const staffView = await ok(TOPIC, { id: topic.id }, staff);
    expect(staffView.topic.availableActions).toEqual(['SUPPORT', 'ADMIT', 'DECLINE', 'ADVANCE_STAGE']);
    const admitted = await ok(ADMIT, { id: topic.id }, staff);
    expect(admitted.admitTopic).toMatchObject({ status: 'ADMITTED' });
    expect(admitted.admitTopic.admittedAt).not.toBeNull();
    expect(admitted.admitTopic.availableActions).toEqual(['DECLINE', 'ADVANCE_STAGE']);
    const told = (await notificationsOf('TOPIC_ADMITTED', topic.id)).map((r) => String(r.recipient_id));
    expect(told.sort()).toEqual([people[resident], people[neighbour]].sort());
    expect((await refusal(ADMIT, { id: topic.id }, staff)).code).toBe('INVALID_STATE');
    const audit = await server.sql(`select action from audit_entry where target_type = 'Topic' and target_id = ?`, [
      topic.id,
    ]);
    expect(audit).toEqual([{ action: 'topic.admit' }]);
  });

  it('declines with a reason, which the proposer is told; without one, or with a bad one, nothing changes', async () => {
    const topic = await propose();
    await server.tokenFor(staff);
    const before = await state();
    for (const reason of ['', '   ', '理'.repeat(501), 'a\u0000']) {
      const refused = await refusal(DECLINE, { id: topic.id, reason }, staff);
      expect(refused.code).toBe('BAD_USER_INPUT');
      expect(refused.fields).toHaveProperty('reason');
    }
    expect((await refusal(DECLINE, { id: topic.id, reason: '不属于社区事务' }, resident)).code).toBe('FORBIDDEN');
    expect(await state()).toBe(before);
    const declined = await ok(DECLINE, { id: topic.id, reason: '  不属于社区事务 ' }, staff);
    expect(declined.declineTopic).toMatchObject({
      status: 'DECLINED',
      declineReason: '不属于社区事务',
      availableActions: [],
    });
    const [notice] = await server.sql<{ recipient_id: number; params: Record<string, string> }>(
      `select recipient_id, params from notification where kind = 'TOPIC_DECLINED' and subject_id = ?`,
      [Number(topic.id)],
    );
    expect(String(notice!.recipient_id)).toBe(people[resident]);
    expect(notice!.params).toEqual({ topic: topic.title, reason: '不属于社区事务' });
    expect((await refusal(SUPPORT, { id: topic.id }, neighbour)).code).toBe('INVALID_STATE');
    expect((await refusal(ADVANCE, { id: topic.id }, staff)).code).toBe('INVALID_STATE');
  });

  it('lets one of two reviewers admitting at the same moment win', async () => {
    const topic = await propose();
    const both = await Promise.all([
      server.gql(ADMIT, { id: topic.id }, { as: staff }),
      server.gql(ADMIT, { id: topic.id }, { as: streetAdmin }),
    ]);
    const outcomes = both.map((r) => (r.errors ? r.errors[0]!.extensions.code : 'OK'));
    expect(outcomes.sort()).toEqual(['INVALID_STATE', 'OK']);
    expect(await notificationsOf('TOPIC_ADMITTED', topic.id)).toHaveLength(1);
  });

  it('moves a topic through its stages on the record, up to the last', async () => {
    const topic = await propose();
    expect((await refusal(ADVANCE, { id: topic.id }, resident)).code).toBe('FORBIDDEN');
    const first = await ok(ADVANCE, { id: topic.id, note: '开始征集附议' }, staff);
    expect(first.advanceTopicStage.stage).toBe(1);
    expect(first.advanceTopicStage.stages[1]).toMatchObject({ label: '征集附议', note: '开始征集附议' });
    expect(first.advanceTopicStage.stages[1].reachedAt).not.toBeNull();
    const tooLong = await refusal(ADVANCE, { id: topic.id, note: '注'.repeat(501) }, staff);
    expect(tooLong.fields).toHaveProperty('note');
    // Two clicks at once move it one stage.
    const both = await Promise.all([
      server.gql(ADVANCE, { id: topic.id }, { as: staff }),
      server.gql(ADVANCE, { id: topic.id }, { as: staff }),
    ]);
    expect(both.filter((r) => !r.errors)).toHaveLength(1);
    expect(both.find((r) => r.errors)!.errors![0]!.extensions.code).toBe('CONFLICT');
    for (let stage = 3; stage <= 5; stage++) {
      expect((await ok(ADVANCE, { id: topic.id }, staff)).advanceTopicStage.stage).toBe(stage);
    }
    const last = await ok(TOPIC, { id: topic.id }, staff);
    expect(last.topic.availableActions).not.toContain('ADVANCE_STAGE');
    expect(last.topic.stages.every((s: any) => s.reachedAt)).toBe(true);
    expect((await refusal(ADVANCE, { id: topic.id }, staff)).code).toBe('INVALID_STATE');
    const entries = await server.sql('select stage from topic_stage_entry where topic_id = ? order by id', [
      Number(topic.id),
    ]);
    expect(entries.map((e: any) => e.stage)).toEqual([0, 1, 2, 3, 4, 5]);
  });
});

describe('setTopicThreshold', () => {
  it('is for staff over the community, 1..1000, on a community; a lower one admits topics already past it', async () => {
    const topic = await propose(neighbour);
    await ok(SUPPORT, { id: topic.id }, resident);
    await ok(SUPPORT, { id: topic.id }, volunteer);
    const before = await state();
    for (const threshold of [0, -1, 1001]) {
      const refused = await refusal(THRESHOLD, { areaId: areas['幸福里社区'], threshold }, staff);
      expect(refused.code).toBe('BAD_USER_INPUT');
      expect(refused.fields).toHaveProperty('threshold');
    }
    const huge = await server.gql(THRESHOLD, { areaId: areas['幸福里社区'], threshold: 2 ** 40 }, { as: staff });
    expect(huge.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    expect((await refusal(THRESHOLD, { areaId: areas['幸福里第一网格'], threshold: 5 }, staff)).fields).toHaveProperty(
      'areaId',
    );
    expect((await refusal(THRESHOLD, { areaId: areas['幸福里社区'], threshold: 5 }, resident)).code).toBe('FORBIDDEN');
    expect((await refusal(THRESHOLD, { areaId: areas['和平社区'], threshold: 5 }, staff)).code).toBe('FORBIDDEN');
    expect((await refusal(THRESHOLD, { areaId: '0', threshold: 5 }, staff)).code).toBe('NOT_FOUND');
    expect(await state()).toBe(before);
    expect((await ok(THRESHOLD, { areaId: areas['幸福里社区'], threshold: 2 }, staff)).setTopicThreshold).toBe(2);
    const after = await ok(TOPIC, { id: topic.id }, staff);
    expect(after.topic).toMatchObject({ status: 'ADMITTED', supportThreshold: 2 });
    expect(await notificationsOf('TOPIC_ADMITTED', topic.id)).toHaveLength(3);
    await ok(THRESHOLD, { areaId: areas['幸福里社区'], threshold: 10 }, staff);
  });
});

describe('topics', () => {
  it('starts at the viewer’s home community and filters by several statuses, search, mine and supported', async () => {
    const mine = await propose(neighbour, { title: '独一无二的灯光议题' });
    await ok(SUPPORT, { id: mine.id }, volunteer);
    const list = async (filter: Record<string, unknown> | null, as?: string) =>
      (await ok(TOPICS, { filter, first: 100 }, as)).topics;
    const home = await list(null, neighbour);
    expect(home.edges.map((e: any) => e.node.id)).toContain(mine.id);
    const peace = await list({ areaId: areas['和平社区'] }, neighbour);
    expect(peace.edges.map((e: any) => e.node.id)).not.toContain(mine.id);
    const searched = await list({ search: '独一无二' }, neighbour);
    expect(searched.edges.map((e: any) => e.node.id)).toEqual([mine.id]);
    const own = await list({ mine: true }, neighbour);
    expect(own.edges.every((e: any) => e.node.title !== undefined)).toBe(true);
    expect(own.edges.map((e: any) => e.node.id)).toContain(mine.id);
    const ownCount = (
      await server.sql<{ n: number }>('select count(*)::int n from topic where proposer_id = ?', [
        Number(people[neighbour]),
      ])
    )[0]!.n;
    expect(own.totalCount).toBe(ownCount);
    const supported = await list({ supported: true }, volunteer);
    expect(supported.edges.map((e: any) => e.node.id)).toContain(mine.id);
    expect((await list({ supported: true })).totalCount).toBe(0);
    const statuses = await list({ areaId: areas['幸福里社区'], statuses: ['PROPOSED', 'DECLINED'] }, staff);
    expect(statuses.edges.every((e: any) => ['PROPOSED', 'DECLINED'].includes(e.node.status))).toBe(true);
    const n = (
      await server.sql<{ n: number }>(
        `select count(*)::int n from topic t join area a on a.id = t.community_id where a.name = '幸福里社区' and t.status in ('PROPOSED', 'DECLINED')`,
      )
    )[0]!.n;
    expect(statuses.totalCount).toBe(n);
    // Public: anyone reads them.
    expect((await list({ areaId: areas['幸福里社区'] })).totalCount).toBeGreaterThan(0);
  });

  it('pages with the shared connection and refuses bad cursors and sizes', async () => {
    const first = (await ok(TOPICS, { filter: { areaId: areas['幸福街道'] }, first: 2 })).topics;
    expect(first.edges).toHaveLength(2);
    const second = (
      await ok(TOPICS, { filter: { areaId: areas['幸福街道'] }, first: 2, after: first.pageInfo.endCursor })
    ).topics;
    expect(second.edges[0].node.id).not.toBe(first.edges[1].node.id);
    expect(Number(second.edges[0].node.id)).toBeLessThan(Number(first.edges[1].node.id));
    expect((await refusal(TOPICS, { first: 101 })).code).toBe('BAD_USER_INPUT');
    expect((await refusal(TOPICS, { after: 'garbage' })).code).toBe('BAD_USER_INPUT');
    expect((await refusal(TOPICS, { filter: { areaId: '999999' } })).code).toBe('NOT_FOUND');
  });

  it('costs the same SQL statements for 5 or 50 topics with their fields', async () => {
    // Topics of several proposers, with supports, a need and stage entries, so every field has rows to read.
    const [need] = await server.sql<{ id: number }>(`select id from need where is_public order by id limit 1`);
    await server.sql(
      `with added as (
         insert into topic (area_id, area_path, street_id, community_id, title, description, status, proposer_id, need_id,
                            template, stage, supporter_count, created_at, version)
         select t.area_id, t.area_path, t.street_id, t.community_id, '批量' || g, '说明', 'PROPOSED', u.id, ?,
                t.template, 1, 1, now(), 1
           from generate_series(1, 60) g
           join lateral (select * from topic where community_id is not null order by id limit 1) t on true
           join lateral (select id from app_user where phone like '1390000%' order by id offset g % 10 limit 1) u on true
         returning id, proposer_id)
       , staged as (insert into topic_stage_entry (topic_id, stage, by_id, created_at) select id, 1, proposer_id, now() from added)
       insert into topic_support (topic_id, user_id, created_at) select id, ?, now() from added`,
      [need!.id, Number(people[neighbour])],
    );
    const page = `query($first: Int) { topics(first: $first, filter: { areaId: "${areas['幸福街道']}" }) { edges { node { ${TOPIC_FIELDS} } } } }`;
    await server.tokenFor(neighbour);
    const count = (first: number) => server.countQueries(() => server.gql(page, { first }, { as: neighbour }));
    const [small, large] = [await count(5), await count(50)];
    expect(large).toBe(small);
  });
});

describe('the audit log and the capability', () => {
  it('reads topic and threshold entries in words', async () => {
    const topic = await propose();
    await ok(ADVANCE, { id: topic.id, note: '开始征集' }, staff);
    await ok(DECLINE, { id: topic.id, reason: '重复的议题' }, staff);
    const log = await ok(
      `query($a: ID!) { auditLog(areaId: $a, first: 10) { edges { node { action targetType targetLabel changes { label before after } } } } }`,
      { a: areas['幸福里社区'] },
      staff,
    );
    const entries = log.auditLog.edges.map((e: any) => e.node).filter((n: any) => n.targetLabel === topic.title);
    expect(entries[0]).toMatchObject({
      action: 'TOPIC_DECLINE',
      targetType: 'TOPIC',
      changes: expect.arrayContaining([
        { label: '状态', before: '征集附议', after: '未予采纳' },
        { label: '原因', before: null, after: '重复的议题' },
      ]),
    });
    expect(entries[1]).toMatchObject({
      action: 'TOPIC_ADVANCE_STAGE',
      changes: expect.arrayContaining([{ label: '阶段', before: '提出议题', after: '征集附议' }]),
    });
  });

  it('refuses a proposal on the street as viewerCan does: residents FORBIDDEN, staff over it told it is no community', async () => {
    const onStreet = { input: { title: '议题', description: '说明', areaId: areas['幸福街道'] } };
    expect((await refusal(PROPOSE, onStreet, neighbour)).code).toBe('FORBIDDEN');
    expect((await refusal(PROPOSE, onStreet, staff)).code).toBe('FORBIDDEN');
    expect((await refusal(PROPOSE, onStreet, streetAdmin)).fields).toHaveProperty('areaId');
  });
});

describe('topicsToReview and notifications', () => {
  it('counts PROPOSED topics where the viewer reviews them, and links a notification to its topic', async () => {
    const todo = async (as: string) => (await ok('{ myTodos { topicsToReview } }', {}, as)).myTodos.topicsToReview;
    const n = (
      await server.sql<{ n: number }>(
        `select count(*)::int n from topic t join area a on a.id = t.community_id where a.name = '幸福里社区' and t.status = 'PROPOSED'`,
      )
    )[0]!.n;
    expect(await todo(staff)).toBe(n);
    expect(await todo(resident)).toBe(0);
    const topic = await propose();
    expect(await todo(staff)).toBe(n + 1);
    const notes = await ok('{ notifications(first: 1) { edges { node { kind topic { id title } } } } }', {}, staff);
    expect(notes.notifications.edges[0].node).toEqual({
      kind: 'TOPIC_PROPOSED',
      topic: { id: topic.id, title: topic.title },
    });
  });
});
