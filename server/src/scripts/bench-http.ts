import 'reflect-metadata';
import { spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import type { LoggerOptions } from '@mikro-orm/core';
import autocannon from 'autocannon';
import { pino } from 'pino';
import { createApp } from '../app.js';
import { Area } from '../areas/area.entity.js';
import { createSession } from '../people/sessions.js';
import { RoleAssignment } from '../people/role-assignment.entity.js';
import { Role } from '../platform/auth/roles.js';
import {
  ascending,
  benchConfig,
  fmt,
  msSince,
  quantile,
  RecordingLogger,
  sizeFromEnv,
  type Statement,
} from './bench-support.js';

/**
 * The whole request path over HTTP on loopback: the staff inbox's first page and the needs
 * dashboard, as the web sends them, from BENCH_CONNECTIONS clients for BENCH_SECONDS each (after
 * BENCH_WARMUP_SECONDS not counted), first against one server instance, then against
 * BENCH_INSTANCES (separate processes of server/dist/main.js on one database, the clients spread
 * over their ports), to show whether instances add capacity. Beside each: the same request's SQL
 * alone and its GraphQL time in-process (fastify.inject, one at a time).
 * The database: DATABASE_URL, or the embedded one in DATA_DIR (seeded with `npm run seed --
 * --needs 1000000`); the busiest street and one of its staff. Instances listen from BENCH_PORT up.
 * Sizes: BENCH_CONNECTIONS (50) BENCH_SECONDS (10) BENCH_WARMUP_SECONDS (2) BENCH_INSTANCES (3)
 * BENCH_PORT (4100) BENCH_SQL_RUNS (30).
 */

// As web/src/lib/graphql/needs.ts sends them (NeedsQuery, NeedStatsQuery with their fragments).
const NEEDS_QUERY = `query Needs($filter: NeedFilter, $first: Int, $after: String) {
  needs(filter: $filter, first: $first, after: $after) {
    totalCount
    pageInfo { ...PageInfoFields }
    edges { cursor node { ...NeedListFields } }
  }
}
fragment NeedListFields on Need {
  id title category urgency channel ticketNumber status isPublic overdue dueAt dueSoon supporterCount
  supportedByMe respondBy resolveBy createdAt updatedAt availableActions
  area { ...AreaFields }
  assignee { id displayName }
}
fragment AreaFields on Area { id name kind }
fragment PageInfoFields on PageInfo { hasNextPage endCursor }`;

const NEED_STATS_QUERY = `query NeedStats($areaId: ID!, $from: DateTime, $to: DateTime) {
  needStats(areaId: $areaId, from: $from, to: $to) {
    ...NeedStatsFields
    children { ...NeedStatsFields }
    atThisLevel { ...NeedStatsFields }
  }
}
fragment NeedStatsFields on NeedStats {
  area { ...AreaFields } total responseRate resolutionRate satisfactionRate averageResponseHours overdueCount
}
fragment AreaFields on Area { id name kind }`;

interface Case {
  name: string;
  body: string;
  rows(data: any): string;
}

interface LoadResult {
  responses: number;
  seconds: number;
  latencies: number[];
  errors: number;
  timeouts: number;
  non2xx: number;
  graphqlErrors: number;
}

const connections = sizeFromEnv('BENCH_CONNECTIONS', 50);
const seconds = sizeFromEnv('BENCH_SECONDS', 10);
const warmupSeconds = sizeFromEnv('BENCH_WARMUP_SECONDS', 2);
const instanceCount = sizeFromEnv('BENCH_INSTANCES', 3);
const firstPort = sizeFromEnv('BENCH_PORT', 4100);
const sqlRuns = sizeFromEnv('BENCH_SQL_RUNS', 30);

const load = () =>
  os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');

/** A server process on a loopback port, ready when /readyz answers. */
async function startInstance(databaseUrl: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [path.join('server', 'dist', 'main.js')], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      WEB_DIR: path.join('tests', 'no-web-build'),
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  for (const until = Date.now() + 60_000; ;) {
    if (child.exitCode !== null) throw new Error(`the instance on port ${port} exited: ${stderr}`);
    if (Date.now() > until) throw new Error(`the instance on port ${port} did not start: ${stderr}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/readyz`)).ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function stopInstance(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/** `connections` clients spread over `ports`, for `duration` seconds, their requests taking the sessions in turn. */
async function drive(ports: number[], c: Case, tokens: string[], duration: number): Promise<LoadResult> {
  const latencies: number[] = [];
  let graphqlErrors = 0;
  let sent = 0;
  const started = process.hrtime.bigint();
  const results = await Promise.all(
    ports.map(
      (port, i) =>
        new Promise<autocannon.Result>((resolve, reject) => {
          const instance = autocannon(
            {
              url: `http://127.0.0.1:${port}/graphql`,
              connections: Math.floor(connections / ports.length) + (i < connections % ports.length ? 1 : 0),
              duration,
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: c.body,
              requests: [
                {
                  setupRequest: (request) => ({
                    ...request,
                    headers: { ...request.headers, authorization: `Bearer ${tokens[sent++ % tokens.length]}` },
                  }),
                  onResponse(_status, body) {
                    if (body.includes('"errors"')) graphqlErrors++;
                  },
                },
              ],
            },
            (error: unknown, result) => (error ? reject(error) : resolve(result)),
          );
          instance.on('response', (_client, _status, _bytes, responseTime: number) => latencies.push(responseTime));
        }),
    ),
  );
  return {
    responses: latencies.length,
    seconds: msSince(started) / 1000,
    latencies: ascending(latencies),
    errors: results.reduce((sum, result) => sum + result.errors, 0),
    timeouts: results.reduce((sum, result) => sum + result.timeouts, 0),
    non2xx: results.reduce((sum, result) => sum + result.non2xx, 0),
    graphqlErrors,
  };
}

let logger: RecordingLogger | undefined;
const app = await createApp(benchConfig({ OUTBOX_DRAIN_INTERVAL_MS: '3600000' }), pino({ level: 'silent' }), {
  loggerFactory: (options: LoggerOptions) => (logger = new RecordingLogger(options)),
});
const instances: ChildProcess[] = [];
const stopAll = () => Promise.all(instances.map(stopInstance));
process.once('SIGINT', () => void stopAll().then(() => process.exit(130)));

try {
  const em = app.orm.em.fork();
  // The busiest street, as bench:needs takes it, and one of its staff (the inbox and dashboard open on the street).
  const [busiest] = await em.execute<{ street_id: number; needs: string }[]>(
    `select street_id, count(*) as needs from need group by street_id order by count(*) desc limit 1`,
  );
  if (!busiest) throw new Error('no needs: seed the database first (npm run seed -- --needs 1000000)');
  const street = await em.findOneOrFail(Area, busiest.street_id);
  const staff = (
    await em.findOneOrFail(
      RoleAssignment,
      { role: Role.STAFF, area: street },
      { populate: ['user'], orderBy: { id: 'asc' } },
    )
  ).user.getEntity();
  const tokens: string[] = [];
  for (let i = 0; i < connections; i++) tokens.push((await createSession(em, staff, 1, 'bench-http')).token);

  const cases: Case[] = [
    {
      name: 'staff inbox, first page',
      // The filter routes/needs/inbox/filter.ts sends first: my first area, the needs still to do, by deadline.
      body: JSON.stringify({
        query: NEEDS_QUERY,
        variables: {
          first: 20,
          filter: {
            areaId: String(street.id),
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
          },
        },
      }),
      rows: (data) => `${data.needs.edges.length} of ${data.needs.totalCount}`,
    },
    {
      name: 'dashboard, needStats of the street',
      body: JSON.stringify({ query: NEED_STATS_QUERY, variables: { areaId: String(street.id), from: null, to: null } }),
      rows: (data) => `${data.needStats.total} needs, ${data.needStats.children.length} communities`,
    },
  ];

  console.log(
    `street ${street.name} #${street.id}: ${busiest.needs} needs; as ${staff.displayName}, its staff; ` +
      `${os.availableParallelism()} CPUs, load average ${load()}\n`,
  );

  // One at a time in this process: the SQL alone, the statements, and GraphQL without HTTP.
  const alone = new Map<Case, string>();
  for (const c of cases) {
    const sql: number[] = [];
    const graphql: number[] = [];
    const byStatement: number[][] = [];
    let last: Statement[] = [];
    let rows = '';
    for (let i = 0; i < 5 + sqlRuns; i++) {
      const recording: Statement[] = [];
      logger!.recording = recording;
      const start = process.hrtime.bigint();
      const response = await app.http.inject({
        method: 'POST',
        url: '/graphql',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[0]}` },
        payload: c.body,
      });
      const took = msSince(start);
      logger!.recording = null;
      const result = response.json() as { data?: any; errors?: unknown[] };
      if (result.errors?.length || !result.data) throw new Error(`${c.name}: ${JSON.stringify(result.errors)}`);
      if (i < 5) continue;
      graphql.push(took);
      sql.push(recording.reduce((sum, statement) => sum + statement.took, 0));
      recording.forEach((statement, n) => (byStatement[n] ??= []).push(statement.took));
      last = recording;
      rows = c.rows(result.data);
    }
    const [s, g] = [ascending(sql), ascending(graphql)];
    const line =
      `SQL alone median ${fmt(quantile(s, 0.5))} ms  p99 ${fmt(quantile(s, 0.99))} ms  (${byStatement.length} statements); ` +
      `in-process GraphQL median ${fmt(quantile(g, 0.5))} ms  p99 ${fmt(quantile(g, 0.99))} ms  (${rows})`;
    alone.set(c, line);
    console.log(`${c.name}: ${line}`);
    // Each statement's median, in the order a request sends them.
    byStatement.forEach((took, n) =>
      console.log(`    sql median ${fmt(quantile(ascending(took), 0.5))} ms  ${last[n]?.sql.slice(0, 120)}`),
    );
  }

  const summary: string[] = [];
  const measure = async (ports: number[]) => {
    const label = ports.length === 1 ? '1 instance' : `${ports.length} instances`;
    for (const c of cases) {
      for (const port of ports) {
        const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[0]}` },
          body: c.body,
        });
        const text = await response.text();
        if (!response.ok || text.includes('"errors"'))
          throw new Error(`${c.name} on port ${port}: ${text.slice(0, 300)}`);
      }
      await drive(ports, c, tokens, warmupSeconds);
      const run = await drive(ports, c, tokens, seconds);
      if (run.responses === 0) throw new Error(`${c.name}: no answers (${run.errors} connection errors)`);
      const line =
        `${`${c.name}, ${label}`.padEnd(50)} ${(run.responses / run.seconds).toFixed(1).padStart(7)} req/s  ` +
        `median ${fmt(quantile(run.latencies, 0.5))} ms  p99 ${fmt(quantile(run.latencies, 0.99))} ms  ` +
        `errors ${run.errors} (timeouts ${run.timeouts})  non-2xx ${run.non2xx}  GraphQL errors ${run.graphqlErrors}  ` +
        `(${run.responses} in ${run.seconds.toFixed(1)} s, load ${load()})`;
      summary.push(line, `    ${alone.get(c)}`);
      console.log(line);
    }
  };

  instances.push(await startInstance(app.database.url, firstPort));
  await measure([firstPort]);
  if (instanceCount > 1) {
    const ports = Array.from({ length: instanceCount }, (_, i) => firstPort + i);
    instances.push(...(await Promise.all(ports.slice(1).map((port) => startInstance(app.database.url, port)))));
    await measure(ports);
  }

  console.log(`\n${connections} clients over HTTP on loopback, ${seconds} s each after ${warmupSeconds} s warm-up:`);
  for (const line of summary) console.log(line);
} finally {
  await stopAll();
  await app.close();
}
