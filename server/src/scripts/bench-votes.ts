import 'reflect-metadata';
import { createHash, randomBytes } from 'node:crypto';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { LoggerOptions } from '@mikro-orm/core';
import autocannon from 'autocannon';
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
 * Times votes at the size of issue 14, against the database of DATABASE_URL or the embedded one
 * in DATA_DIR: a community of BENCH_VOTERS residents (added the first time), then
 *   1. openVote on them (the electorate's snapshot) through GraphQL, beside its SQL alone;
 *   2. castBallot over HTTP from BENCH_CONNECTIONS clients for BENCH_SECONDS (autocannon, in a
 *      worker thread so the load does not run on the server's event loop), each voter's ballot
 *      sent twice at once; afterwards exactly one ballot per voter is checked;
 *   3. the same ballots through the service alone (its two statements, no HTTP or GraphQL);
 *   4. closeVote once every voter has a ballot (the rest are added in one statement), beside its SQL alone.
 * Sizes from the environment: BENCH_VOTERS (100000) BENCH_CONNECTIONS (50) BENCH_SECONDS (10).
 * Targets (issue 14): ≥ 2,000 ballots/s over HTTP; openVote < 2 s; closeVote < 1 s.
 */

const CAST = 'mutation($v: ID!, $o: [ID!]!) { castBallot(voteId: $v, optionIds: $o) { receipt } }';

interface LoadPlan {
  url: string;
  voteId: string;
  optionIds: string[];
  tokens: string[];
  connections: number;
  seconds: number;
}

interface LoadResult {
  latencies: number[];
  receipts: number;
  conflicts: number;
  others: number;
  otherSample: string | null;
  voters: number;
  seconds: number;
}

/** The load: each voter's ballot twice in a row, so two connections send it at once. */
async function load(plan: LoadPlan): Promise<LoadResult> {
  let next = 0;
  const latencies: number[] = [];
  let receipts = 0;
  let conflicts = 0;
  let others = 0;
  let otherSample: string | null = null;
  const started = process.hrtime.bigint();
  const requests = plan.tokens.length * 2;
  // Bounded in time, and by the voters given (autocannon's `amount` would override the duration).
  let instance: autocannon.Instance | undefined;
  const done = new Promise<void>((resolve, reject) => {
    instance = autocannon(
      {
        url: `${plan.url}/graphql`,
        connections: plan.connections,
        duration: plan.seconds,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        requests: [
          {
            setupRequest(request, context) {
              if (next >= requests - 1) instance?.stop();
              const voter = Math.min(next++, requests - 1) >> 1;
              (context as { start?: bigint }).start = process.hrtime.bigint();
              return {
                ...request,
                headers: { ...request.headers, authorization: `Bearer ${plan.tokens[voter]}` },
                body: JSON.stringify({ query: CAST, variables: { v: plan.voteId, o: [plan.optionIds[voter % 3]] } }),
              };
            },
            onResponse(_status, body, context) {
              latencies.push(msSince((context as { start: bigint }).start));
              if (body.includes('"receipt"')) receipts++;
              else if (body.includes('"CONFLICT"')) conflicts++;
              else {
                others++;
                otherSample ??= body.slice(0, 300);
              }
            },
          },
        ],
      },
      (error) => (error ? reject(error) : resolve()),
    );
  });
  await done;
  return {
    latencies,
    receipts,
    conflicts,
    others,
    otherSample,
    voters: Math.ceil(Math.min(next, requests) / 2),
    seconds: msSince(started) / 1000,
  };
}

async function main() {
  const { createApp } = await import('../app.js');
  const { pino } = await import('pino');
  const { createSession } = await import('../people/sessions.js');
  const { castOnlineBallot } = await import('../votes/votes.service.js');
  const { User } = await import('../people/user.entity.js');

  const voters = sizeFromEnv('BENCH_VOTERS', 100_000);
  const connections = sizeFromEnv('BENCH_CONNECTIONS', 50);
  const seconds = sizeFromEnv('BENCH_SECONDS', 10);

  let logger: RecordingLogger | undefined;
  const app = await createApp(benchConfig({ OUTBOX_DRAIN_INTERVAL_MS: '3600000' }), pino({ level: 'silent' }), {
    loggerFactory: (options: LoggerOptions) => (logger = new RecordingLogger(options)),
  });
  const summary: string[] = [];
  const say = (line: string) => {
    summary.push(line);
    console.log(line);
  };
  try {
    const em = app.orm.em.fork();
    const one = async <T>(sql: string, params: unknown[] = []) => (await em.execute<T[]>(sql, params))[0]!;

    // The community: a street, a community, a grid and 100 buildings, its residents spread over them.
    let street = await em.execute<{ id: number }[]>(
      `select id from area where name = '压测街道' and parent_id is null`,
    );
    if (street.length === 0) {
      console.log('Adding 压测街道 / 压测社区 with 100 buildings …');
      await em.execute(`
        with s as (select nextval('area_id_seq')::int as id),
        c as (select nextval('area_id_seq')::int as id),
        g as (select nextval('area_id_seq')::int as id),
        rows as (
          select s.id, '压测街道' as name, 'STREET' as kind, null::int as parent, '/' || s.id || '/' as path, 0 as depth from s
          union all select c.id, '压测社区', 'COMMUNITY', s.id, '/' || s.id || '/' || c.id || '/', 1 from s, c
          union all select g.id, '压测社区第一网格', 'GRID', c.id, '/' || s.id || '/' || c.id || '/' || g.id || '/', 2 from s, c, g)
        insert into area (id, name, kind, parent_id, path, depth, created_at) select id, name, kind, parent, path, depth, now() from rows order by depth`);
      await em.execute(`
        insert into area (id, name, kind, parent_id, path, depth, created_at)
        select id, b || '号楼', 'BUILDING', g.gid, g.path || id || '/', 3, now()
        from (select a.id as gid, a.path from area a where a.name = '压测社区第一网格') g,
             lateral (select nextval('area_id_seq')::int as id, b from generate_series(1, 100) b) x`);
      street = await em.execute<{ id: number }[]>(`select id from area where name = '压测街道' and parent_id is null`);
    }
    const community = await one<{ id: number; path: string }>(
      `select id, path from area where name = '压测社区' and parent_id = ?`,
      [street[0]!.id],
    );
    const living = Number(
      (
        await one<{ n: string }>(
          `select count(*) as n from app_user u join area a on a.id = u.home_area_id where a.path like ?`,
          [`${community.path}%`],
        )
      ).n,
    );
    if (living < voters) {
      console.log(`Adding ${voters - living} residents …`);
      await em.execute(
        `insert into app_user (phone, password_hash, display_name, home_area_id, created_at)
         select (16000000000 + g)::text, '!', '压测居民' || g, b.ids[1 + g % array_length(b.ids, 1)], now()
         from generate_series(?::int + 1, ?::int) g,
              (select array_agg(id order by id) as ids from area where kind = 'BUILDING' and path like ?) b`,
        [living, voters, `${community.path}%`],
      );
      await em.execute('analyze app_user');
    }
    let admin = await em.findOne(User, { phone: '15999999999' });
    if (!admin) {
      await em.execute(
        `with u as (insert into app_user (phone, password_hash, display_name, created_at) values ('15999999999', '!', '压测管理员', now()) returning id)
         insert into role_assignment (user_id, role, area_id, created_at) select id, 'ADMIN', ?, now() from u`,
        [street[0]!.id],
      );
      admin = await em.findOneOrFail(User, { phone: '15999999999' });
    }
    const { token } = await createSession(em, admin, 1, 'bench-votes');
    const graphql = async (query: string, variables: Record<string, unknown>) => {
      const recording: { took: number }[] = [];
      logger!.recording = recording as never;
      const start = process.hrtime.bigint();
      const response = await app.http.inject({
        method: 'POST',
        url: '/graphql',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        payload: { query, variables },
      });
      const ms = msSince(start);
      logger!.recording = null;
      const body = response.json() as { data?: any; errors?: unknown[] };
      if (body.errors?.length || !body.data) throw new Error(JSON.stringify(body.errors));
      return {
        data: body.data,
        ms,
        sqlMs: recording.reduce((sum, s) => sum + s.took, 0),
        statements: recording.length,
      };
    };
    const target = (ms: number, limit: number) => `target < ${limit} ms: ${ms < limit ? 'met' : 'MISSED'}`;

    // 1. openVote: the snapshot of every resident.
    const opened = await graphql(
      `
        mutation ($input: OpenVoteInput!) {
          openVote(input: $input) {
            id
            eligibleCount
            options {
              id
            }
          }
        }
      `,
      {
        input: {
          title: `压测表决 ${new Date().toISOString()}`,
          areaId: String(community.id),
          method: 'YES_NO_ABSTAIN',
          electorate: 'RESIDENTS',
          rulePreset: 'RESIDENTS_MEETING',
          secret: true,
          closesAt: new Date(Date.now() + 86_400_000).toISOString(),
        },
      },
    );
    const vote = opened.data.openVote as { id: string; eligibleCount: number; options: { id: string }[] };
    console.log(`\nvote #${vote.id} over ${vote.eligibleCount} residents of 压测社区 #${community.id}`);
    say(
      `openVote (snapshot of ${vote.eligibleCount})`.padEnd(40) +
        `${fmt(opened.ms)} ms | SQL alone ${fmt(opened.sqlMs)} ms (${opened.statements} statements; ${target(opened.ms, 2000)})`,
    );

    // Sessions for the voters, in the electorate's order.
    const electors = await em.execute<{ user_id: number }[]>(
      'select user_id from vote_elector where vote_id = ? order by id',
      [Number(vote.id)],
    );
    const tokens = electors.map(() => randomBytes(32).toString('base64url'));
    for (let i = 0; i < electors.length; i += 20_000) {
      const slice = electors.slice(i, i + 20_000);
      await em.execute(
        `insert into session (token_hash, user_id, created_at, expires_at, user_agent)
         select h, u, now(), now() + interval '1 day', 'bench-votes' from unnest(?::text[], ?::int[]) as t(h, u)`,
        [
          `{${tokens
            .slice(i, i + 20_000)
            .map((t) => createHash('sha256').update(t).digest('hex'))
            .join(',')}}`,
          `{${slice.map((e) => e.user_id).join(',')}}`,
        ],
      );
    }

    if (process.env.BENCH_EXPLAIN) {
      const { BALLOT_SQL } = await import('../votes/votes.service.js');
      const voter = electors.at(-1)!.user_id;
      const plan = await em.execute<{ 'QUERY PLAN': string }[]>(`explain (analyze, buffers) ${BALLOT_SQL.target}`, [
        voter,
        voter,
        Number(vote.id),
      ]);
      console.log(
        `\n  EXPLAIN ANALYZE the ballot's lookup\n${plan.map((row) => `    ${row['QUERY PLAN']}`).join('\n')}\n`,
      );
    }

    // 2. castBallot over HTTP, each ballot twice at once.
    const url = await app.http.listen({ port: 0, host: '127.0.0.1' });
    const optionIds = vote.options.map((o) => o.id);
    // Half the electorate at most: the other half is for the service alone.
    const plan: LoadPlan = {
      url,
      voteId: vote.id,
      optionIds,
      tokens: tokens.slice(0, tokens.length >> 1),
      connections,
      seconds,
    };
    console.log(`castBallot over HTTP: ${connections} connections for up to ${seconds} s …`);
    // The statements of the HTTP phase as the ORM timed them (session, roles, lookup, write), for the SQL-alone share.
    const during: Statement[] = [];
    logger!.recording = during;
    const http = await new Promise<LoadResult>((resolve, reject) => {
      const worker = new Worker(new URL(import.meta.url), { workerData: plan });
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    logger!.recording = null;
    const latencies = ascending(http.latencies);
    const sqlPerRequest =
      during.reduce((sum, statement) => sum + statement.took, 0) / Math.max(1, http.latencies.length);
    const [counts] = await em.execute<{ p: string; b: string; twice: string }[]>(
      `select (select count(*) from vote_participation where vote_id = ?) as p,
              (select count(*) from ballot where vote_id = ?) as b,
              (select count(*) from (select elector_id from vote_participation where vote_id = ? group by elector_id having count(*) > 1) t) as twice`,
      [Number(vote.id), Number(vote.id), Number(vote.id)],
    );
    const ballots = Number(counts!.p);
    // Requests in flight when the time was up are written but unanswered: between the receipts and the voters sent.
    const exact =
      Number(counts!.b) === ballots &&
      Number(counts!.twice) === 0 &&
      ballots >= http.receipts &&
      ballots <= http.voters;
    const rate = ballots / http.seconds;
    say(
      `castBallot over HTTP`.padEnd(40) +
        `${rate.toFixed(0).padStart(7)} ballots/s (${(latencies.length / http.seconds).toFixed(0)} requests/s)` +
        ` median ${fmt(quantile(latencies, 0.5))} ms  p95 ${fmt(quantile(latencies, 0.95))} ms  p99 ${fmt(quantile(latencies, 0.99))} ms` +
        ` (target ≥ 2000 ballots/s: ${rate >= 2000 ? 'met' : 'MISSED'})`,
    );
    say(
      `  SQL alone: ${(during.length / Math.max(1, http.latencies.length)).toFixed(1)} statements and ` +
        `${sqlPerRequest.toFixed(1)} ms per request (summed as the ORM timed them, waits for one of the pool’s connections included)`,
    );
    say(
      `  ${http.voters} voters × 2 requests in ${http.seconds.toFixed(1)} s: ${http.receipts} receipts, ${http.conflicts} CONFLICT, ` +
        `${http.others} other; ${ballots} participations, ${counts!.b} ballots, ${counts!.twice} electors twice: ` +
        (exact ? 'exactly one ballot per voter' : 'NOT one ballot per voter') +
        (http.otherSample ? `\n  other answer: ${http.otherSample}` : ''),
    );

    // 3. The same through the service alone: its two statements per ballot, the same concurrency.
    const start = http.voters;
    const until = Date.now() + seconds * 1000;
    const serviceTimes: number[] = [];
    let cursor = start;
    let conflicts = 0;
    const serviceStart = process.hrtime.bigint();
    await Promise.all(
      Array.from({ length: Math.max(1, connections >> 1) }, async () => {
        while (Date.now() < until && cursor < electors.length) {
          const elector = electors[cursor]!;
          const option = optionIds[cursor % 3]!;
          cursor++;
          const t = process.hrtime.bigint();
          const twice = await Promise.allSettled(
            [0, 1].map(() => castOnlineBallot(app.orm.em.fork(), elector.user_id, vote.id, [option], new Date())),
          );
          serviceTimes.push(msSince(t));
          conflicts += twice.filter((r) => r.status === 'rejected').length;
        }
      }),
    );
    const serviceSeconds = msSince(serviceStart) / 1000;
    const sorted = ascending(serviceTimes.length ? serviceTimes : [0]);
    say(
      `castBallot, service alone (no HTTP)`.padEnd(40) +
        `${(serviceTimes.length / serviceSeconds).toFixed(0).padStart(7)} ballots/s` +
        ` median ${fmt(quantile(sorted, 0.5))} ms  p95 ${fmt(quantile(sorted, 0.95))} ms  p99 ${fmt(quantile(sorted, 0.99))} ms` +
        ` (${serviceTimes.length} voters × 2 at once, ${conflicts} refused as CONFLICT)`,
    );

    // 4. Every other voter's ballot in one statement, then the count.
    await em.execute(
      `with missing as (select e.id, e.user_id from vote_elector e where e.vote_id = ?
          and not exists (select 1 from vote_participation p where p.elector_id = e.id)),
       took as (insert into vote_participation (vote_id, elector_id, cast_by_id, channel, cast_at)
          select ?, id, user_id, 'ONLINE', now() from missing returning elector_id)
       insert into ballot (id, vote_id, option_ids)
       select gen_random_uuid(), ?, array[(?::int[])[1 + (elector_id % 3)]] from took`,
      [Number(vote.id), Number(vote.id), Number(vote.id), `{${optionIds.join(',')}}`],
    );
    await em.execute('analyze ballot');
    await em.execute('analyze vote_participation');
    const closed = await graphql(
      `
        mutation ($id: ID!) {
          closeVote(id: $id) {
            outcome
            ballotsCast
            results {
              count
            }
          }
        }
      `,
      { id: vote.id },
    );
    const result = closed.data.closeVote as { outcome: string; ballotsCast: number; results: { count: number }[] };
    say(
      `closeVote (${result.ballotsCast} ballots)`.padEnd(40) +
        `${fmt(closed.ms)} ms | SQL alone ${fmt(closed.sqlMs)} ms (${closed.statements} statements; ${result.outcome}, ` +
        `${result.results.map((r) => r.count).join('/')}; ${target(closed.ms, 1000)})`,
    );
    console.log(`\nSummary:\n${summary.join('\n')}`);
  } finally {
    await app.close();
  }
}

if (isMainThread) await main();
else parentPort!.postMessage(await load(workerData as LoadPlan));
