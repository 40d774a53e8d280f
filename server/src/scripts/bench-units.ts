import 'reflect-metadata';
import type { LoggerOptions } from '@mikro-orm/core';
import pg from 'pg';
import { pino } from 'pino';
import { createApp } from '../app.js';
import { createSession } from '../people/sessions.js';
import { RoleAssignment } from '../people/role-assignment.entity.js';
import { Role } from '../platform/auth/roles.js';
import { BENCH_UNIT_PREFIX, seedLargeDistrictUnits } from '../seed/large-district-units.js';
import { benchConfig, fmt, quantile, RecordingLogger, sizeFromEnv as size, type Statement } from './bench-support.js';

/**
 * Times the co-building ranking, matching and a unit's score through the whole GraphQL stack
 * (fastify.inject, no port), each beside the time of its SQL alone, against the database of
 * DATABASE_URL or the embedded one in DATA_DIR holding the large district
 * (`npm run seed -- --needs 1000000`). Adds the units, resources and pledges first when fewer
 * are there. Sizes and runs from the environment:
 *   BENCH_UNITS (10000) BENCH_RESOURCES (100000) BENCH_PLEDGES (1000000) BENCH_RUNS (50) BENCH_WARMUP (5);
 *   BENCH_EXPLAIN=1 prints the plan of each case's slowest statement.
 * Targets (issue 13): unitRanking for a street and a year < 50 ms median, matchesForNeed < 30 ms,
 * unit(id) with its score < 20 ms.
 */
const plan = {
  units: size('BENCH_UNITS', 10_000),
  resources: size('BENCH_RESOURCES', 100_000),
  pledges: size('BENCH_PLEDGES', 1_000_000),
};
const runs = size('BENCH_RUNS', 50);
const warmup = size('BENCH_WARMUP', 5);

let logger: RecordingLogger | undefined;
const config = benchConfig({
  // The outbox's drain would otherwise send the SMS of the generated pledges' notices between the measured requests.
  OUTBOX_DRAIN_INTERVAL_MS: '3600000',
});
const app = await createApp(config, pino({ level: 'silent' }), {
  loggerFactory: (options: LoggerOptions) => (logger = new RecordingLogger(options)),
});

try {
  const em = app.orm.em.fork();
  const count = async (sql: string) => Number((await em.execute<{ n: string }[]>(sql))[0]!.n);
  const existing = await count(`select count(*) as n from unit where name like '${BENCH_UNIT_PREFIX}%'`);
  if (existing < plan.units) {
    console.log(`Adding ${plan.units} units, ${plan.resources} resources and ${plan.pledges} pledges …`);
    const client = new pg.Client({ connectionString: app.database.url });
    await client.connect();
    try {
      await seedLargeDistrictUnits(client, { ...plan, log: (line) => console.log(line) });
    } finally {
      await client.end();
    }
  }
  console.log(
    `${await count('select count(*) as n from unit')} units, ${await count('select count(*) as n from resource')} resources, ` +
      `${await count('select count(*) as n from pledge')} pledges, ${await count('select count(*) as n from need')} needs`,
  );

  // The street with the most units, a staff member or administrator over it, its unit with the most pledges, an open need.
  const [street] = await em.execute<{ id: number; name: string; units: string }[]>(
    `select a.id, a.name, count(*) as units from unit u join area a on a.id = u.street_id
      group by a.id, a.name order by count(*) desc, (select count(*) from need n where n.street_id = a.id) desc limit 1`,
  );
  if (!street) throw new Error('no units');
  const staff = await em.findOne(
    RoleAssignment,
    { role: { $in: [Role.STAFF, Role.ADMIN] }, area: street.id },
    { populate: ['user'], orderBy: { id: 'asc' } },
  );
  if (!staff) throw new Error(`no staff or administrator on street #${street.id}`);
  const [unit] = await em.execute<{ id: number; pledges: string }[]>(
    `select unit_id as id, count(*) as pledges from pledge p join unit u on u.id = p.unit_id
      where u.street_id = ? group by unit_id order by count(*) desc limit 1`,
    [street.id],
  );
  const [need] = await em.execute<{ id: number }[]>(
    `select id from need where street_id = ? and status in ('SUBMITTED', 'ACCEPTED', 'ASSIGNED', 'IN_PROGRESS')
      order by id desc limit 1`,
    [street.id],
  );
  if (!unit || !need) throw new Error('no pledges or open needs in the street');
  const { token } = await createSession(em, staff.user.getEntity(), 1, 'bench-units');
  console.log(
    `street ${street.name} #${street.id}: ${street.units} units; unit #${unit.id} with ${unit.pledges} pledges; need #${need.id}`,
  );
  console.log(`as ${staff.user.getEntity().displayName}; ${warmup} warm-up runs, then ${runs} runs each\n`);

  const now = new Date();
  const yearAgo = new Date(now.getTime() - 365 * 86_400_000);
  const SCORE =
    'pledges fulfilled partial notFulfilled withdrawn open overdue fulfilmentRate onTimeRate averageRating ratedNeeds contributionValue points';
  const cases: {
    name: string;
    target: number;
    query: string;
    variables: Record<string, unknown>;
    rows(data: any): string;
  }[] = [
    {
      name: 'unitRanking: street, one year',
      target: 50,
      query: `query($areaId: ID!, $from: DateTime, $to: DateTime) { unitRanking(areaId: $areaId, from: $from, to: $to, first: 20) {
        totalCount edges { node { rank unit { id name kind } score { ${SCORE} } } } } }`,
      variables: { areaId: String(street.id), from: yearAgo.toISOString(), to: now.toISOString() },
      rows: (d) => `${d.unitRanking.edges.length} of ${d.unitRanking.totalCount}`,
    },
    {
      name: 'matchesForNeed',
      target: 30,
      query: `query($needId: ID!) { matchesForNeed(needId: $needId, first: 10) { score reason resource { id title } service { id title } } }`,
      variables: { needId: String(need.id) },
      rows: (d) => `${d.matchesForNeed.length} matches`,
    },
    {
      name: 'unit(id) { score }',
      target: 20,
      query: `query($id: ID!) { unit(id: $id) { id name kind score { ${SCORE} } } }`,
      variables: { id: String(unit.id) },
      rows: (d) => `${d.unit.score.pledges} pledges`,
    },
  ];

  const summary: string[] = [];
  for (const c of cases) {
    const times: number[] = [];
    const recorded: Statement[][] = [];
    let rows = '';
    let statements: Statement[] = [];
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
      recorded.push(recording);
      rows = c.rows(body.data);
    }
    times.sort((a, b) => a - b);
    // The SQL alone: the request's statements (the session's included) as the driver timed them, leaving out
    // those of periodic jobs that happened to run meanwhile (statements met in fewer than half the runs).
    const seen = new Map<string, number>();
    for (const recording of recorded)
      for (const key of new Set(recording.map((s) => s.sql))) seen.set(key, (seen.get(key) ?? 0) + 1);
    const ownStatements = (recording: Statement[]) => recording.filter((s) => seen.get(s.sql)! >= runs / 2);
    const sqlTimes = recorded.map((recording) => ownStatements(recording).reduce((sum, s) => sum + s.took, 0));
    sqlTimes.sort((a, b) => a - b);
    statements = ownStatements(recorded.at(-1)!);
    const median = quantile(times, 0.5);
    const line =
      `${c.name.padEnd(32)} median ${fmt(median)} ms  p95 ${fmt(quantile(times, 0.95))} ms` +
      `  | SQL alone median ${fmt(quantile(sqlTimes, 0.5))} ms  p95 ${fmt(quantile(sqlTimes, 0.95))} ms` +
      `  (${statements.length} statements; ${rows}; target < ${c.target} ms: ${median < c.target ? 'met' : 'MISSED'})`;
    summary.push(line);
    console.log(line);
    const slowest = [...statements].sort((a, b) => b.took - a.took)[0];
    if (process.env.BENCH_EXPLAIN && slowest) {
      const plan = await em.execute<{ 'QUERY PLAN': string }[]>(`explain (analyze, buffers) ${slowest.formatted}`);
      console.log(`${plan.map((row) => `    ${row['QUERY PLAN']}`).join('\n')}\n`);
    }
  }
  console.log(`\nSummary (${runs} runs each, ms):\n${summary.join('\n')}`);
} finally {
  await app.close();
}
