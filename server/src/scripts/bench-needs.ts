import 'reflect-metadata';
import { parseArgs } from 'node:util';
import type { LoggerOptions } from '@mikro-orm/core';
import { pino } from 'pino';
import { createApp } from '../app.js';
import { Area } from '../areas/area.entity.js';
import { createSession } from '../people/sessions.js';
import { Role } from '../platform/auth/roles.js';
import { RoleAssignment } from '../people/role-assignment.entity.js';
import { User } from '../people/user.entity.js';
import { ascending, benchConfig, fmt, quantile, RecordingLogger, type Statement } from './bench-support.js';

/**
 * Times the needs list and statistics through the whole GraphQL stack (fastify.inject, no
 * port) against the database of DATABASE_URL or the embedded one in DATA_DIR, seeded with
 * `npm run seed -- --needs 1000000`. Prints the median and p95 of each query, and of each SQL
 * statement it sends, the SQL time and statements per request, and GraphQL time / SQL time. Usage: npm run bench:needs [-- --runs 50 --street <id> --community <id> --phone <staff> --explain]
 */
const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '50' },
    warmup: { type: 'string', default: '5' },
    street: { type: 'string' },
    community: { type: 'string' },
    phone: { type: 'string' },
    explain: { type: 'boolean', default: false },
  },
});
const runs = Number(values.runs);
const warmup = Number(values.warmup);

let logger: RecordingLogger | undefined;
const config = benchConfig();
const app = await createApp(config, pino({ level: 'silent' }), {
  loggerFactory: (options: LoggerOptions) => (logger = new RecordingLogger(options)),
});

try {
  const em = app.orm.em.fork();
  // The busiest street of the large district, its staff member, and its busiest community.
  const street = values.street
    ? await em.findOneOrFail(Area, Number(values.street))
    : await em.findOneOrFail(
        Area,
        Number(
          (
            await em.execute<{ street_id: number }[]>(
              `select street_id from need group by street_id order by count(*) desc limit 1`,
            )
          )[0]!.street_id,
        ),
      );
  const community = values.community
    ? await em.findOneOrFail(Area, Number(values.community))
    : await em.findOneOrFail(
        Area,
        Number(
          (
            await em.execute<{ community_id: number }[]>(
              `select community_id from need where street_id = ? and community_id is not null group by community_id order by count(*) desc limit 1`,
              [street.id],
            )
          )[0]!.community_id,
        ),
      );
  const staff = values.phone
    ? await em.findOneOrFail(User, { phone: values.phone })
    : (
        await em.findOneOrFail(
          RoleAssignment,
          { role: Role.STAFF, area: street },
          { populate: ['user'], orderBy: { id: 'asc' } },
        )
      ).user.getEntity();
  const { token } = await createSession(em, staff, 1, 'bench-needs');
  const [all] = await em.execute<{ total: string }[]>(`select count(*) as total from need`);
  const [counts] = await em.execute<{ in_street: string; in_community: string }[]>(
    `select count(*) as in_street, count(*) filter (where community_id = ?) as in_community from need where street_id = ?`,
    [community.id, street.id],
  );
  console.log(
    `${all!.total} needs; street ${street.name} #${street.id}: ${counts!.in_street}; community ${community.name} #${community.id}: ${counts!.in_community}`,
  );
  console.log(
    `as ${staff.displayName} (${staff.phone}), street staff; ${warmup} warm-up runs, then ${runs} runs each\n`,
  );

  const NEEDS = `query Needs($filter: NeedFilter, $first: Int) {
    needs(filter: $filter, first: $first) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { cursor node {
        id title category urgency channel status isPublic overdue supporterCount supportedByMe
        respondBy resolveBy createdAt updatedAt availableActions
        area { id name kind } assignee { id displayName }
      } }
    }
  }`;
  const STATS = `query NeedStats($areaId: ID!, $from: DateTime, $to: DateTime) {
    needStats(areaId: $areaId, from: $from, to: $to) {
      area { id name kind } total responseRate resolutionRate satisfactionRate averageResponseHours overdueCount
      children { area { id name kind } total responseRate resolutionRate satisfactionRate averageResponseHours overdueCount }
      atThisLevel { total overdueCount }
    }
  }`;
  const open = ['SUBMITTED', 'ACCEPTED', 'ASSIGNED', 'IN_PROGRESS'];
  const categories = ['REPAIR', 'ENVIRONMENT', 'SAFETY', 'ELDERLY_CARE'];
  const urgencies = ['HIGH', 'CRITICAL'];
  const channels = ['APP', 'HOTLINE_12345'];
  const now = new Date();
  // This month in China time; and a period on no day boundary (the rollups' edges are scanned).
  const chinaNow = new Date(now.getTime() + 8 * 3600_000);
  const monthStart = new Date(Date.UTC(chinaNow.getUTCFullYear(), chinaNow.getUTCMonth(), 1) - 8 * 3600_000);
  const unaligned = {
    from: new Date(now.getTime() - 200 * 24 * 3600_000 - 37 * 60_000).toISOString(),
    to: new Date(now.getTime() - 3 * 24 * 3600_000 + 11 * 60_000).toISOString(),
  };
  const periods: [string, Record<string, string>][] = [
    ['all time', {}],
    ['this month', { from: monthStart.toISOString() }],
    ['unaligned 197 days', unaligned],
  ];
  const inbox: [string, Record<string, unknown>][] = [
    ['none', {}],
    ['open statuses', { statuses: open }],
    ['4 categories', { categories }],
    ['2 urgencies', { urgencies }],
    ['2 channels', { channels }],
    ['statuses+categories+urgencies+channels', { statuses: open, categories, urgencies, channels }],
    ['open, 4 categories, DEADLINE', { statuses: open, categories, sort: 'DEADLINE' }],
    ['overdue, DEADLINE', { overdue: true, sort: 'DEADLINE' }],
    ['dueSoon, DEADLINE', { dueSoon: true, sort: 'DEADLINE' }],
    ['not overdue', { overdue: false }],
    ['text 漏水', { text: '漏水' }],
  ];
  const cases: { name: string; query: string; variables: Record<string, unknown>; rows: (data: any) => string }[] = [
    ...[street, community].flatMap((area) =>
      periods.map(([period, range]) => ({
        name: `needStats: ${area === street ? 'street' : 'community'}, ${period}`,
        query: STATS,
        variables: { areaId: String(area.id), ...range },
        rows: (d: any) => `${d.needStats.total} needs, ${d.needStats.children.length} children`,
      })),
    ),
    ...inbox.map(([name, filter]) => ({
      name: `needs: street, ${name}`,
      query: NEEDS,
      variables: { first: 20, filter: { areaId: String(street.id), ...filter } },
      rows: (d: any) => `${d.needs.edges.length} of ${d.needs.totalCount}`,
    })),
  ];

  const median = (values: number[]) => quantile(ascending(values), 0.5);
  const summary: string[] = [];
  for (const c of cases) {
    const times: number[] = [];
    const sqlTimes: number[] = [];
    const counts: number[] = [];
    const statements = new Map<string, { took: number[]; formatted: string }>();
    let rows = '';
    for (let i = 0; i < warmup + runs; i++) {
      const recording: Statement[] = [];
      logger!.recording = recording;
      const t = process.hrtime.bigint();
      const response = await app.http.inject({
        method: 'POST',
        url: '/graphql',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        payload: { query: c.query, variables: c.variables },
      });
      const ms = Number(process.hrtime.bigint() - t) / 1e6;
      logger!.recording = null;
      const body = response.json() as { data?: any; errors?: unknown[] };
      if (body.errors?.length || !body.data) throw new Error(`${c.name}: ${JSON.stringify(body.errors)}`);
      if (i < warmup) continue;
      times.push(ms);
      sqlTimes.push(recording.reduce((total, s) => total + s.took, 0));
      counts.push(recording.length);
      rows = c.rows(body.data);
      for (const s of recording) {
        const key = s.sql.replace(/\s+/g, ' ');
        const entry = statements.get(key) ?? { took: [], formatted: s.formatted };
        entry.took.push(s.took);
        statements.set(key, entry);
      }
    }
    times.sort((a, b) => a - b);
    const sql = median(sqlTimes);
    const line =
      `${c.name.padEnd(58)} median ${fmt(quantile(times, 0.5))} ms  p95 ${fmt(quantile(times, 0.95))} ms  ` +
      `sql ${fmt(sql)} ms  ${median(counts)} statements  ×${(quantile(times, 0.5) / Math.max(sql, 0.01)).toFixed(1)}  (${rows})`;
    summary.push(line);
    console.log(line);
    // Statements of most runs only: not those of background jobs that happened to run meanwhile.
    for (const [sql, s] of [...statements]
      .filter(([, s]) => s.took.length >= runs / 2)
      .sort((a, b) => median(b[1].took) - median(a[1].took))) {
      const took = ascending(s.took);
      console.log(
        `    sql median ${fmt(quantile(took, 0.5))} ms  p95 ${fmt(quantile(took, 0.95))} ms  ×${(s.took.length / runs).toFixed(0)}  ${sql.slice(0, 150)}`,
      );
    }
    if (values.explain) {
      const slowest = [...statements.values()].sort((a, b) => Math.max(...b.took) - Math.max(...a.took)).slice(0, 2);
      for (const s of slowest) {
        const plan = await em.execute<{ 'QUERY PLAN': string }[]>(`explain (analyze, buffers) ${s.formatted}`);
        console.log(
          `\n    EXPLAIN ANALYZE ${s.formatted.slice(0, 400)}\n${plan.map((p) => `      ${p['QUERY PLAN']}`).join('\n')}\n`,
        );
      }
    }
  }
  console.log(
    `\nSummary (${runs} runs each; median and p95 through GraphQL, median SQL time per request, statements, GraphQL/SQL):\n${summary.join('\n')}`,
  );
} finally {
  await app.close();
}
