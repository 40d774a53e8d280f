import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AreaKind } from '../../server/src/areas/area.entity.js';
import { closeUnconfirmedNeeds } from '../../server/src/needs/needs.lifecycle.js';
import {
  chinaDayStart,
  countableFromRollups,
  countFromRollups,
  foldNeedRollups,
  REBUILD_ROLLUPS_SQL,
  splitPeriod,
} from '../../server/src/needs/needs.rollups.js';
import type { NeedFilter } from '../../server/src/needs/needs.inputs.js';
import { DEMO_UNITS } from '../../server/src/seed/demo-units.data.js';
import { createTestServer, DEMO_ACCOUNTS, type TestServer } from '../helpers/server.js';

const { resident, neighbour, gridWorker, communityStaff: staff, streetAdmin, otherStreetAdmin } = DEMO_ACCOUNTS;
const HOUR = 3600_000;
const DAY = 24 * HOUR;

describe('periods split into China days and edges', () => {
  it('finds the start of the China day (UTC+8) of any time', () => {
    expect(chinaDayStart(new Date('2026-12-07T15:59:59.999Z')).toISOString()).toBe('2026-12-06T16:00:00.000Z');
    expect(chinaDayStart(new Date('2026-12-07T16:00:00.000Z')).toISOString()).toBe('2026-12-07T16:00:00.000Z');
    expect(chinaDayStart(new Date('1969-12-31T20:00:00.000Z')).toISOString()).toBe('1969-12-31T16:00:00.000Z');
  });

  it('reads aligned periods from days alone', () => {
    expect(splitPeriod(new Date('2026-12-01T16:00:00Z'), new Date('2026-12-05T16:00:00Z'))).toEqual({
      days: { from: '2026-12-02', to: '2026-12-06' },
      edges: [],
    });
    expect(splitPeriod()).toEqual({ days: { from: null, to: null }, edges: [] });
  });

  it('scans the edges of an unaligned period, less than a day each', () => {
    const from = new Date('2026-12-01T20:30:00Z');
    const to = new Date('2026-12-05T03:00:00Z');
    expect(splitPeriod(from, to)).toEqual({
      days: { from: '2026-12-03', to: '2026-12-05' },
      edges: [
        { from, to: new Date('2026-12-02T16:00:00Z') },
        { from: new Date('2026-12-04T16:00:00Z'), to },
      ],
    });
    expect(splitPeriod(undefined, to)).toEqual({
      days: { from: null, to: '2026-12-05' },
      edges: [{ from: new Date('2026-12-04T16:00:00Z'), to }],
    });
    expect(splitPeriod(from)).toEqual({
      days: { from: '2026-12-03', to: null },
      edges: [{ from, to: new Date('2026-12-02T16:00:00Z') }],
    });
  });

  it('scans a period within one or two days whole, and answers an empty one with nothing', () => {
    const from = new Date('2026-12-01T20:30:00Z');
    expect(splitPeriod(from, new Date('2026-12-02T19:00:00Z'))).toEqual({
      days: null,
      edges: [{ from, to: new Date('2026-12-02T19:00:00Z') }],
    });
    expect(splitPeriod(from, from)).toEqual({ days: null, edges: [] });
    expect(splitPeriod(from, new Date(from.getTime() - 1))).toEqual({ days: null, edges: [] });
  });

  it('counts from rollups only for filters on their dimensions and one due-time filter', () => {
    expect(countableFromRollups({ statuses: [], categories: [] } as NeedFilter)).toBe(true);
    expect(countableFromRollups({ overdue: true, channels: [] } as NeedFilter)).toBe(true);
    expect(countableFromRollups({ overdue: true, dueSoon: false } as NeedFilter)).toBe(false);
    expect(countableFromRollups({ text: '漏水' })).toBe(false);
    expect(countableFromRollups({ text: '  ' })).toBe(true);
    expect(countableFromRollups({ mine: true })).toBe(false);
    expect(countableFromRollups({ createdFrom: new Date() })).toBe(false);
    expect(countableFromRollups({ assigneeUnitIds: ['1'] })).toBe(false);
  });
});

describe('needs rollups against a full scan', () => {
  let server: TestServer;
  let ids: Record<string, string>;
  let userIds: Record<string, string>;
  let areas: { id: number; kind: AreaKind; name: string; street: string }[];

  beforeAll(async () => {
    server = await createTestServer();
    ids = await server.areaIds();
    userIds = await server.userIds();
    // Both streets, every community and village, a grid of each street and a building.
    areas = await server.sql(
      `select a.id, a.kind, a.name, s.name as street from area a join area s on a.path like s.path || '%' and s.kind = 'STREET'
        where a.kind in ('STREET', 'COMMUNITY', 'VILLAGE') or a.id in (?) order by a.id`,
      [['幸福里第一网格', '朝阳第一网格', '1号楼'].map((name) => Number(ids[name]))],
    );
  });
  afterAll(() => server?.close());

  async function ok<T = any>(query: string, variables: Record<string, unknown>, as: string): Promise<T> {
    const result = await server.gql(query, variables, { as });
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    return result.data as T;
  }

  const NEED_ID = `mutation($input: RaiseNeedInput!) { raiseNeed(input: $input) { id } }`;
  const raise = async (as: string, input: Record<string, unknown>) =>
    (
      await ok<{ raiseNeed: { id: string } }>(
        NEED_ID,
        { input: { description: '', category: 'REPAIR', areaId: ids['1号楼'], title: '测试', ...input } },
        as,
      )
    ).raiseNeed.id;

  const TYPES: Record<string, string> = {
    id: 'ID!',
    ids: '[ID!]!',
    note: 'String',
    assigneeUserId: 'ID',
    assigneeUnitId: 'ID',
    resolution: 'String!',
    rating: 'Int!',
    reason: 'String!',
  };
  const step = (as: string, mutation: string, args: Record<string, unknown>) =>
    ok(
      `mutation(${Object.keys(args)
        .map((k) => `$${k}: ${TYPES[k]}`)
        .join(', ')}) { ${mutation}(${Object.keys(args)
        .map((k) => `${k}: $${k}`)
        .join(', ')}) { __typename } }`,
      args,
      as,
    );

  const LEVEL: Record<string, [string, string | null]> = {
    STREET: ['street_id', 'community_id'],
    COMMUNITY: ['community_id', 'grid_id'],
    VILLAGE: ['community_id', 'grid_id'],
    GRID: ['grid_id', 'area_id'],
    BUILDING: ['area_id', null],
  };

  interface Figures {
    total: number;
    responseRate: number | null;
    resolutionRate: number | null;
    satisfactionRate: number | null;
    averageResponseHours: number | null;
    overdueCount: number;
  }

  /** needStats computed here from `need` itself, in the definitions of needs.stats.ts. */
  async function scanned(area: { id: number; kind: AreaKind }, from?: Date, to?: Date) {
    const [column, child] = LEVEL[area.kind]!;
    const rows = await server.sql<Record<string, number | string | null> & { child: number }>(
      `select ${child ? `coalesce(${child}, 0)` : '0'} as child, count(*)::int as total,
         count(*) filter (where responded_at is not null or respond_by < now())::int as due,
         count(*) filter (where responded_at <= respond_by)::int as in_time,
         count(*) filter (where status in ('RESOLVED', 'CLOSED'))::int as resolved,
         count(rating)::int as rated, count(*) filter (where rating >= 4)::int as satisfied,
         count(responded_at)::int as responded, sum(extract(epoch from responded_at - created_at))::float8 as seconds,
         count(*) filter (where due_at < now())::int as overdue
       from need where ${column} = ? and (?::timestamptz is null or created_at >= ?) and (?::timestamptz is null or created_at < ?)
       group by 1`,
      [area.id, from ?? null, from ?? null, to ?? null, to ?? null],
    );
    const children = (await server.sql<{ id: number }>('select id from area where parent_id = ?', [area.id])).map(
      (row) => row.id,
    );
    const figures = (group: typeof rows): Figures => {
      const sum = (field: string) => group.reduce((total, row) => total + Number(row[field] ?? 0), 0);
      const share = (part: string, whole: string) => (sum(whole) === 0 ? null : sum(part) / sum(whole));
      return {
        total: sum('total'),
        responseRate: share('in_time', 'due'),
        resolutionRate: share('resolved', 'total'),
        satisfactionRate: share('satisfied', 'rated'),
        averageResponseHours: sum('responded') === 0 ? null : sum('seconds') / sum('responded') / 3600,
        overdueCount: sum('overdue'),
      };
    };
    return {
      ...figures(rows),
      children: children.map((id) => ({ area: { id: String(id) }, ...figures(rows.filter((r) => r.child === id)) })),
      atThisLevel: children.length ? figures(rows.filter((r) => !children.includes(r.child))) : null,
    };
  }

  const FIGURES = 'total responseRate resolutionRate satisfactionRate averageResponseHours overdueCount';
  const STATS = `query($areaId: ID!, $from: DateTime, $to: DateTime) { needStats(areaId: $areaId, from: $from, to: $to) {
    ${FIGURES} children { area { id } ${FIGURES} } atThisLevel { ${FIGURES} } } }`;

  /** Hours to 6 places: the rollups sum seconds as numeric, the scan as double precision. */
  const rounded = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(rounded)
      : value && typeof value === 'object'
        ? Object.fromEntries(
            Object.entries(value).map(([k, v]) => [
              k,
              k === 'averageResponseHours' && typeof v === 'number' ? Number(v.toFixed(6)) : rounded(v),
            ]),
          )
        : value;

  function periods(): [string, Date | undefined, Date | undefined][] {
    const now = Date.now();
    return [
      ['all time', undefined, undefined],
      ['aligned days', chinaDayStart(new Date(now - 5 * DAY)), chinaDayStart(new Date(now + DAY))],
      ['unaligned', new Date(now - 4 * DAY - 3 * HOUR - 17 * 60_000), new Date(now - 7 * HOUR)],
      ['from only, unaligned', new Date(now - 30 * HOUR), undefined],
      ['to only, unaligned', undefined, new Date(now - 2 * DAY + HOUR)],
      ['within a day', new Date(now - 20 * HOUR), new Date(now - 2 * HOUR)],
      ['empty', new Date(now - DAY), new Date(now - DAY)],
      ['long before', new Date('2020-01-01T00:00:00Z'), new Date('2020-02-01T00:00:00Z')],
    ];
  }

  async function compareStats() {
    let compared = 0;
    for (const area of areas) {
      const as = area.street === '幸福街道' ? streetAdmin : otherStreetAdmin;
      for (const [name, from, to] of periods()) {
        const expected = await scanned(area, from, to);
        const actual = await ok(STATS, { areaId: String(area.id), from, to }, as);
        expect(rounded(actual.needStats), `${area.name} ${name}`).toEqual(rounded(expected));
        compared += expected.total;
      }
    }
    // Not a comparison of empty figures.
    expect(compared).toBeGreaterThan(100);
  }

  const FILTERS: NeedFilter[] = [
    {},
    { statuses: ['SUBMITTED'] },
    { statuses: ['ACCEPTED', 'ASSIGNED', 'IN_PROGRESS'] },
    { statuses: ['RESOLVED', 'CLOSED', 'REJECTED'] },
    { categories: ['REPAIR', 'SAFETY'] },
    { urgencies: ['HIGH'] },
    { channels: ['PHONE', 'APP'] },
    {
      statuses: ['SUBMITTED', 'IN_PROGRESS'],
      categories: ['REPAIR'],
      urgencies: ['NORMAL', 'HIGH'],
      channels: ['APP'],
    },
    { overdue: true },
    { overdue: false },
    { dueSoon: true },
    { dueSoon: false },
    { overdue: true, categories: ['REPAIR', 'ENVIRONMENT'] },
    { dueSoon: false, statuses: ['SUBMITTED', 'CLOSED'], urgencies: ['NORMAL'] },
  ] as NeedFilter[];

  /** The same count over `need` itself. */
  async function countScanned(area: { id: number; kind: AreaKind }, filter: NeedFilter) {
    const conditions = [`${LEVEL[area.kind]![0]} = ?`];
    const params: unknown[] = [area.id];
    for (const [field, column] of [
      ['statuses', 'status'],
      ['categories', 'category'],
      ['urgencies', 'urgency'],
      ['channels', 'channel'],
    ] as const) {
      if (filter[field]?.length) {
        conditions.push(`${column} in (?)`);
        params.push(filter[field]);
      }
    }
    if (filter.overdue === true) conditions.push('due_at < now()');
    if (filter.overdue === false) conditions.push('due_at >= now()');
    if (filter.dueSoon === true) conditions.push(`due_at >= now() and due_at < now() + interval '2 hours'`);
    if (filter.dueSoon === false) conditions.push(`(due_at < now() or due_at >= now() + interval '2 hours')`);
    const [row] = await server.sql<{ n: number }>(
      `select count(*)::int as n from need where ${conditions.join(' and ')}`,
      params,
    );
    return row!.n;
  }

  async function compareCounts() {
    let nonEmpty = 0;
    for (const area of areas.filter((a) => a.kind !== AreaKind.BUILDING)) {
      for (const filter of FILTERS) {
        const expected = await countScanned(area, filter);
        expect(
          await countFromRollups(server.app.orm.em.fork(), area, filter),
          `${area.name} ${JSON.stringify(filter)}`,
        ).toBe(expected);
        if (expected > 0) nonEmpty++;
      }
    }
    expect(nonEmpty).toBeGreaterThan(20);
    // Through the API: staff of the community (rollups), and a filter the rollups do not answer (counted).
    const community = areas.find((a) => a.name === '幸福里社区')!;
    for (const filter of [...FILTERS, { text: '测试' }, { createdFrom: new Date(Date.now() - 2 * DAY) }]) {
      const listed = await ok(
        `query($filter: NeedFilter) { needs(filter: $filter, first: 1) { totalCount } }`,
        { filter: { ...filter, areaId: String(community.id) } },
        staff,
      );
      const expected =
        'text' in filter || 'createdFrom' in filter
          ? Number(
              (
                await server.sql<{ n: string }>(
                  `select count(*) as n from need where community_id = ? and ${'text' in filter ? `title like '%测试%'` : 'created_at >= ?'}`,
                  'text' in filter ? [community.id] : [community.id, filter.createdFrom],
                )
              )[0]!.n,
            )
          : await countScanned(community, filter);
      expect(listed.needs.totalCount, JSON.stringify(filter)).toBe(expected);
    }
  }

  const unfolded = async () =>
    Number(
      (
        await server.sql<{ n: string }>(
          `select (select count(*) from need_day_rollup where not folded) + (select count(*) from need_count_rollup where not folded) as n`,
        )
      )[0]!.n,
    );

  it('agree with the demo needs as seeded', async () => {
    await compareStats();
    await compareCounts();
  }, 300_000);

  it('follow needs changed in every way, before and after folding', async () => {
    // Raised by residents and for them (代办), then taken through every step.
    const needs: string[] = [];
    for (const [i, input] of [
      { category: 'REPAIR', urgency: 'HIGH' },
      { category: 'SAFETY', urgency: 'CRITICAL' },
      { category: 'ENVIRONMENT' },
      { category: 'REPAIR', urgency: 'LOW' },
      { category: 'CULTURE' },
      { category: 'REPAIR' },
      { category: 'EDUCATION' },
      { category: 'REPAIR', urgency: 'HIGH' },
    ].entries()) {
      needs.push(
        i % 3 === 2
          ? await raise(gridWorker, {
              ...input,
              channel: 'PHONE',
              areaId: ids['2号楼'],
              onBehalfOfUserId: userIds[neighbour],
            })
          : await raise(resident, input),
      );
    }
    const [a, b, c, d, e, f, g, h] = needs as [string, string, string, string, string, string, string, string];
    await step(gridWorker, 'acceptNeed', { id: a });
    await step(gridWorker, 'assignNeed', { id: a });
    await step(gridWorker, 'startNeed', { id: a });
    await step(gridWorker, 'resolveNeed', { id: a, resolution: '修好了' });
    await step(resident, 'confirmNeed', { id: a, rating: 5 });
    await step(gridWorker, 'takeNeed', { id: b });
    await step(gridWorker, 'resolveNeed', { id: b, resolution: '处理了' });
    await step(resident, 'reopenNeed', { id: b, reason: '没修好' });
    await step(gridWorker, 'resolveNeed', { id: b, resolution: '再修' });
    await step(resident, 'confirmNeed', { id: b, rating: 2 });
    await step(staff, 'rejectNeed', { id: d, reason: '不归我们管' });
    await step(gridWorker, 'escalateNeed', { id: e, reason: '需要社区协调' });
    await step(gridWorker, 'assignNeeds', { ids: [f, h] });
    await step(gridWorker, 'startNeed', { id: f });
    await step(gridWorker, 'resolveNeed', { id: f, resolution: '处理了' });
    const [property] = await server.sql<{ id: number }>('select id from unit where name = ?', [
      DEMO_UNITS.property.name,
    ]);
    await step(gridWorker, 'acceptNeed', { id: c });
    await step(gridWorker, 'assignNeed', { id: c, assigneeUnitId: String(property!.id) });
    await step(neighbour, 'supportNeed', { id: g });

    // 附议 and a title change leave the rollups as they are: no delta row is added (the fold job adds folded ones).
    const [last] = await server.sql<{ day: number; count: number }>(
      `select (select coalesce(max(id), 0) from need_day_rollup) as day, (select coalesce(max(id), 0) from need_count_rollup) as count`,
    );
    await server.sql(`update need set supporter_count = supporter_count + 1, title = '改过的标题' where id = ?`, [
      Number(g),
    ]);
    const [added] = await server.sql<{ n: string }>(
      `select (select count(*) from need_day_rollup where id > ? and not folded) + (select count(*) from need_count_rollup where id > ? and not folded) as n`,
      [last!.day, last!.count],
    );
    expect(Number(added!.n)).toBe(0);

    // Raw SQL: needs copied into every community of both streets, raised over the past days (one statement);
    // needs moved in time; a response deadline passed unanswered; deadlines passed and due soon.
    await server.sql(
      `insert into need (title, description, category, urgency, channel, status, is_public, area_id, area_path, street_id,
         community_id, grid_id, responsible_area_id, responsible_path, raised_by_id, supporter_count, respond_by, resolve_by,
         due_at, responded_at, rating, reopen_count, created_at, updated_at, version)
       select '复制', '', (array['REPAIR', 'SAFETY', 'ENVIRONMENT', 'CULTURE'])[1 + k % 4], (array['LOW', 'NORMAL', 'HIGH'])[1 + k % 3],
         (array['APP', 'PHONE', 'WALK_IN'])[1 + k % 3], (array['SUBMITTED', 'ACCEPTED', 'IN_PROGRESS', 'RESOLVED', 'CLOSED', 'REJECTED'])[1 + k % 6],
         k % 2 = 0, n.area_id, n.area_path, s.id, c.id, null, n.responsible_area_id, n.responsible_path, n.raised_by_id, 0,
         now() - (k * interval '7 hours') + interval '3 hours', now() + interval '2 days',
         case when k % 6 in (3, 4, 5) then '9999-12-31T00:00:00Z' when k % 5 = 0 then now() - interval '1 hour' else now() + interval '3 days' end,
         case when k % 6 = 0 then null else now() - (k * interval '7 hours') + interval '1 hour' * (k % 5) end,
         case when k % 6 = 4 then 1 + k % 5 end, 0, now() - (k * interval '7 hours'), now(), 1
       from generate_series(1, 60) k
       cross join (select * from need order by id limit 1) n
       join area c on c.kind in ('COMMUNITY', 'VILLAGE') and c.id % 7 = k % 7
       join area s on c.path like s.path || '%' and s.kind = 'STREET'`,
    );
    await server.sql(
      `update need set created_at = created_at - interval '3 days 5 hours' where id in (select id from need order by id desc limit 9)`,
    );
    await server.sql(`update need set respond_by = now() - interval '2 hours' where id = ?`, [Number(h)]);
    await server.sql(`update need set due_at = now() + interval '1 hour' where status = 'ACCEPTED' and id % 2 = 0`);
    await server.sql(`update need set community_id = null, grid_id = null where id = (select max(id) from need)`);
    await server.sql(`delete from need where id in (select id from need where title = '复制' order by id limit 3)`);

    // The auto-close job, closing several needs in one transaction.
    await server.sql(`update need set resolved_at = now() - interval '8 days' where status = 'RESOLVED'`);
    expect((await closeUnconfirmedNeeds(server.app.orm.em.fork())).length).toBeGreaterThan(1);

    expect(await unfolded()).toBeGreaterThan(0);
    await compareStats();
    await compareCounts();

    // The fold job may be folding at the same moment (then this one skips): until nothing is left.
    await expect
      .poll(async () => {
        await foldNeedRollups(server.app.orm.em.fork());
        return unfolded();
      })
      .toBe(0);
    await compareStats();
    await compareCounts();
  }, 300_000);

  it('are rebuilt from the needs alone after a bulk load with triggers off', async () => {
    const em = server.app.orm.em.fork();
    await em.transactional(async (tx) => {
      await tx.execute(`set local session_replication_role = replica`);
      await tx.execute(`delete from need where id in (select id from need order by id desc limit 5)`);
      await tx.execute(`update need set status = 'CLOSED', rating = 5 where status = 'IN_PROGRESS'`);
    });
    await em.transactional(async (tx) => {
      for (const statement of REBUILD_ROLLUPS_SQL) await tx.execute(statement);
    });
    expect(await unfolded()).toBe(0);
    await compareStats();
    await compareCounts();
  }, 300_000);
});
