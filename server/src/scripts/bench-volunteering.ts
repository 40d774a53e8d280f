import 'reflect-metadata';
import { createHash, randomBytes } from 'node:crypto';
import os from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { LoggerOptions } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
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
 * Times volunteering at the size of issue 15, against the database of DATABASE_URL or the
 * embedded one in DATA_DIR. The first time, a street (志愿压测街道, five communities) gets
 * BENCH_VOLUNTEERS volunteers (100,000) and BENCH_SIGNUPS VERIFIED sign-ups (5,000,000) with
 * their RECORDED and VERIFIED entries, over 2 years of activities (250 sign-ups a shift), in
 * set-based SQL; records' rollups are then rebuilt from them. Then, each beside the time its SQL
 * took alone (as the ORM timed the statements):
 *   1. myVolunteering (verified hours, star, first page of records) for random volunteers;
 *   2. volunteerRanking for the street and last year;
 *   3. 500 volunteers checking in with the code to one activity over HTTP (autocannon, in a
 *      worker thread), checked afterwards: all in, none twice, never over capacity;
 *   4. a certificate PDF (GET /certificates/<code>.pdf) for a volunteer with a long record.
 * A part whose operation is not in this build's schema says so instead of a figure.
 * Quick run: BENCH_VOLUNTEERS=2000 BENCH_SIGNUPS=50000 (a new street is made per size).
 * Also: BENCH_RUNS (50) per measured query, BENCH_CONNECTIONS (50) for the check-ins.
 * Targets (issue 15): myVolunteering < 20 ms median; volunteerRanking < 100 ms median; 500
 * check-ins within a minute, all succeeding, none over capacity; a certificate PDF < 300 ms.
 */

const SIGNUPS_PER_SHIFT = 250;
const COMMUNITIES = 5;
const TEAMS = 50;
const CHECK_INS = 500;
/** Untimed calls before each measured series. */
const WARM_UP = 3;

const CHECK_IN = 'mutation($s: ID, $c: String) { checkInVolunteer(shiftId: $s, code: $c) { id status } }';

interface CheckInPlan {
  url: string;
  shiftId: string;
  code: string;
  tokens: string[];
  connections: number;
}

interface CheckInResult {
  latencies: number[];
  checkedIn: number;
  others: number;
  otherSample: string | null;
  seconds: number;
}

/** The crowd at the desk: each volunteer's check-in once, `connections` at a time. */
async function checkInLoad(plan: CheckInPlan): Promise<CheckInResult> {
  let next = 0;
  const latencies: number[] = [];
  let checkedIn = 0;
  let others = 0;
  let otherSample: string | null = null;
  const started = process.hrtime.bigint();
  await new Promise<void>((resolve, reject) => {
    autocannon(
      {
        url: `${plan.url}/graphql`,
        connections: plan.connections,
        amount: plan.tokens.length,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        requests: [
          {
            setupRequest(request, context) {
              const volunteer = next++ % plan.tokens.length;
              (context as { start?: bigint }).start = process.hrtime.bigint();
              return {
                ...request,
                headers: { ...request.headers, authorization: `Bearer ${plan.tokens[volunteer]}` },
                body: JSON.stringify({ query: CHECK_IN, variables: { s: plan.shiftId, c: plan.code } }),
              };
            },
            onResponse(_status, body, context) {
              latencies.push(msSince((context as { start: bigint }).start));
              if (body.includes('"CHECKED_IN"')) checkedIn++;
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
  return { latencies, checkedIn, others, otherSample, seconds: msSince(started) / 1000 };
}

const one = async <T>(em: EntityManager, sql: string, params: unknown[] = []) =>
  (await em.execute<T[]>(sql, params))[0]!;

/** Signed-in sessions for the people, written in one statement; their bearer tokens in the same order. */
async function sessionsFor(em: EntityManager, userIds: readonly number[]): Promise<string[]> {
  const tokens = userIds.map(() => randomBytes(32).toString('base64url'));
  await em.execute(
    `insert into session (token_hash, user_id, created_at, expires_at, user_agent)
     select h, u, now(), now() + interval '1 day', 'bench-volunteering' from unnest(?::text[], ?::int[]) as t(h, u)`,
    [`{${tokens.map((t) => createHash('sha256').update(t).digest('hex')).join(',')}}`, `{${userIds.join(',')}}`],
  );
  return tokens;
}

/**
 * The street, its communities, volunteers, activities (one shift each, some by a team) and
 * VERIFIED sign-ups with their entries, all in set-based statements. Returns the street's id.
 */
async function generate(em: EntityManager, name: string, volunteers: number, signups: number): Promise<number> {
  const step = async (label: string, sql: string, params: unknown[] = []) => {
    const start = process.hrtime.bigint();
    await em.execute(sql, params, 'run');
    console.log(`  ${label.padEnd(44)} ${(msSince(start) / 1000).toFixed(1).padStart(7)} s`);
  };
  console.log(`Generating ${name}: ${volunteers} volunteers, ${signups} verified sign-ups …`);
  await step(
    'street and communities',
    `with s as (select nextval('area_id_seq')::int as id),
          c as (select nextval('area_id_seq')::int as id, n from generate_series(1, ${COMMUNITIES}) n),
          rows as (
            select s.id, ?::text as name, 'STREET' as kind, null::int as parent, '/' || s.id || '/' as path, 0 as depth from s
            union all select c.id, '志愿压测社区' || c.n, 'COMMUNITY', s.id, '/' || s.id || '/' || c.id || '/', 1 from s, c)
     insert into area (id, name, kind, parent_id, path, depth, created_at)
     select id, name, kind, parent, path, depth, now() from rows order by depth`,
    [name],
  );
  const street = await one<{ id: number; path: string }>(
    em,
    'select id, path from area where name = ? and parent_id is null',
    [name],
  );
  const first = await one<{ n: string }>(em, 'select coalesce(max(id), 0) as n from app_user');
  const base = Number(first.n);
  // Phones 145xxxxxxxx: apart from the demo's and the other benches' people.
  await step(
    'people',
    `insert into app_user (phone, password_hash, display_name, home_area_id, created_at)
     select (14500000000 + ? + g)::text, '!', '志愿者' || g, c.ids[1 + g % ${COMMUNITIES}], now()
       from generate_series(1, ?::int) g,
            (select array_agg(id order by id) as ids from area where parent_id = ?) c`,
    [base, volunteers, street.id],
  );
  await step(
    'volunteer profiles',
    `insert into volunteer_profile (user_id, number, status, skills, tags, availability, community_id, created_at)
     select u.id, 'ZYB' || u.id, 'ACTIVE', '{CLEANING}', '{}', '{WEEKEND_MORNING}', u.home_area_id, now() - interval '2 years'
       from app_user u join area a on a.id = u.home_area_id where a.parent_id = ?`,
    [street.id],
  );
  const organiser = await one<{ id: number }>(
    em,
    `with u as (insert into app_user (phone, password_hash, display_name, created_at)
                values ((14499999999 - ?)::text, '!', '压测组织者', now()) returning id),
          r as (insert into role_assignment (user_id, role, area_id, created_at) select id, 'STAFF', ?, now() from u)
     select id from u`,
    [street.id % 1000, street.id],
  );
  await step(
    'teams',
    `insert into team (area_id, area_path, street_id, community_id, name, member_count, created_by_id, created_at)
     select c.id, c.path, ?, c.id, '压测志愿队' || t, 0, ?, now() - interval '2 years'
       from generate_series(1, ${TEAMS}) t join lateral (
         select id, path from area where parent_id = ? order by id offset (t % ${COMMUNITIES}) limit 1) c on true`,
    [street.id, organiser.id, street.id],
  );
  const shifts = Math.ceil(signups / SIGNUPS_PER_SHIFT);
  // Activities spread evenly over the last 730 days, 2 to 4 hours, a third by a team of their community.
  await step(
    `activities and shifts (${shifts})`,
    `with c as (select array_agg(id order by id) as ids, array_agg(path order by id) as paths from area where parent_id = ?),
          tm as (select array_agg(id order by id) as ids from team where street_id = ?),
          a as (
            insert into activity (area_id, area_path, street_id, community_id, title, description, place, skills, team_id,
                                  status, retroactive, starts_at, ends_at, created_by_id, created_at, updated_at)
            select c.ids[1 + g % ${COMMUNITIES}], c.paths[1 + g % ${COMMUNITIES}], ?, c.ids[1 + g % ${COMMUNITIES}],
                   '压测活动' || g, '压测', '社区', '{CLEANING}',
                   case when g % 3 = 0 then tm.ids[1 + (g / 3) % ${TEAMS}] end, 'PUBLISHED', false,
                   now() - interval '730 days' + (g * 730.0 / ?)::float8 * interval '1 day',
                   now() - interval '730 days' + (g * 730.0 / ?)::float8 * interval '1 day' + (2 + g % 3) * interval '1 hour',
                   ?, now(), now()
              from generate_series(1, ?::int) g, c, tm
            returning id, starts_at, ends_at)
     insert into shift (activity_id, starts_at, ends_at, capacity, signed_up_count, check_in_secret)
     select id, starts_at, ends_at, ${SIGNUPS_PER_SHIFT}, ${SIGNUPS_PER_SHIFT}, md5(random()::text) || md5(random()::text) from a`,
    [street.id, street.id, street.id, shifts, shifts, organiser.id, shifts],
  );
  // Each shift's 250 volunteers: distinct within the shift (a stride of volunteers / 250), shifting from shift to shift.
  const stride = Math.max(1, Math.floor(volunteers / SIGNUPS_PER_SHIFT));
  await step(
    'sign-ups (VERIFIED)',
    `with v as (select array_agg(p.user_id order by p.user_id) as ids from volunteer_profile p join area a on a.id = p.community_id where a.parent_id = ?),
          s as (select sh.id, sh.activity_id, sh.starts_at, sh.ends_at, row_number() over (order by sh.id) as n
                  from shift sh join activity ac on ac.id = sh.activity_id where ac.street_id = ?)
     insert into shift_signup (shift_id, activity_id, volunteer_id, status, queued_at, recorded_minutes, verified_minutes,
                               verified_at, verified_by_id, created_at)
     select s.id, s.activity_id, v.ids[(1 + (s.n * 7919 + k * ?) % ?)::int], 'VERIFIED', s.starts_at - interval '3 days',
            extract(epoch from s.ends_at - s.starts_at)::int / 60 - k % 20, extract(epoch from s.ends_at - s.starts_at)::int / 60 - k % 20,
            s.ends_at + interval '1 day', ?, s.starts_at - interval '3 days'
       from s, v, generate_series(0, ${SIGNUPS_PER_SHIFT - 1}) k
      where (s.n - 1) * ${SIGNUPS_PER_SHIFT} + k < ?`,
    [street.id, street.id, stride, volunteers, organiser.id, signups],
  );
  await step(
    'entries (RECORDED, then VERIFIED)',
    `insert into service_record_entry (signup_id, volunteer_id, kind, minutes, previous_minutes, actor_id, created_at)
     select su.id, su.volunteer_id, e.kind, su.recorded_minutes, case when e.kind = 'VERIFIED' then su.recorded_minutes end,
            case when e.kind = 'VERIFIED' then su.verified_by_id else su.volunteer_id end,
            case when e.kind = 'VERIFIED' then su.verified_at else sh.ends_at end
       from shift_signup su join shift sh on sh.id = su.shift_id join activity a on a.id = su.activity_id,
            (values ('RECORDED'), ('VERIFIED')) e(kind)
      where a.street_id = ?`,
    [street.id],
  );
  await step(
    "profiles' verified totals",
    `update volunteer_profile p set verified_minutes = t.minutes
       from (select su.volunteer_id, sum(su.verified_minutes)::int as minutes from shift_signup su
               join activity a on a.id = su.activity_id where a.street_id = ? group by su.volunteer_id) t
      where t.volunteer_id = p.user_id`,
    [street.id],
  );
  for (const table of ['app_user', 'volunteer_profile', 'activity', 'shift', 'shift_signup', 'service_record_entry']) {
    await em.execute(`analyze ${table}`, [], 'run');
  }
  return street.id;
}

/** Records' `rebuildVolunteerRollups`, when records/ is part of this build (its rollups back the ranking). */
async function rebuildRollups(em: EntityManager): Promise<string> {
  // Named at run time: the module is another feature's, and a build without it still measures the rest.
  const specifier = '../records/records.rollups.js';
  let records: { rebuildVolunteerRollups?: (em: EntityManager) => Promise<void> };
  try {
    records = (await import(specifier)) as typeof records;
  } catch {
    return 'not rebuilt: records/records.rollups.js is not in this build';
  }
  if (!records.rebuildVolunteerRollups) return 'not rebuilt: records exports no rebuildVolunteerRollups';
  const start = process.hrtime.bigint();
  await records.rebuildVolunteerRollups(em);
  return `rebuilt from the sign-ups in ${(msSince(start) / 1000).toFixed(1)} s`;
}

async function main() {
  const { createApp } = await import('../app.js');
  const { pino } = await import('pino');
  const { codeFor } = await import('../platform/rotating-codes.js');
  const { shiftCodeSubject } = await import('../attendance/attendance.rules.js');

  const volunteers = sizeFromEnv('BENCH_VOLUNTEERS', 100_000);
  const signups = sizeFromEnv('BENCH_SIGNUPS', 5_000_000);
  const runs = sizeFromEnv('BENCH_RUNS', 50);
  const connections = sizeFromEnv('BENCH_CONNECTIONS', 50);
  if (volunteers < CHECK_INS) {
    console.error(`BENCH_VOLUNTEERS must be at least ${CHECK_INS} (the check-in crowd)`);
    process.exit(2);
  }

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
    const [pg] = await em.execute<{ version: string }[]>('select version()');
    const load = () =>
      os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ');
    say(
      `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB ` +
        `(${(os.freemem() / 2 ** 30).toFixed(1)} free), load ${load()} at the start; Node ${process.version}; ` +
        `${pg!.version.split(' ').slice(0, 2).join(' ')}`,
    );

    const name = `志愿压测街道-${volunteers}-${signups}`;
    const existing = await em.execute<{ id: number }[]>('select id from area where name = ? and parent_id is null', [
      name,
    ]);
    const streetId = existing[0]?.id ?? (await generate(em, name, volunteers, signups));
    if (!existing[0]) say(`Rollups: ${await rebuildRollups(app.orm.em.fork())}`);
    const sizes = await one<{ v: string; s: string; e: string; db: string }>(
      em,
      `select (select count(*) from volunteer_profile p join area a on a.id = p.community_id where a.parent_id = ?) as v,
              (select count(*) from shift_signup su join activity a on a.id = su.activity_id where a.street_id = ?) as s,
              (select reltuples::bigint from pg_class where relname = 'service_record_entry') as e,
              pg_size_pretty(pg_database_size(current_database())) as db`,
      [streetId, streetId],
    );
    say(
      `Data: street #${streetId} with ${sizes.v} volunteers, ${sizes.s} sign-ups, ~${sizes.e} entries ` +
        `(all streets); database ${sizes.db}`,
    );

    /** A GraphQL request as `token`, timed, with its statements' time as the ORM took it. */
    const graphql = async (query: string, variables: Record<string, unknown>, token?: string) => {
      const recording: Statement[] = [];
      logger!.recording = recording;
      const start = process.hrtime.bigint();
      const response = await app.http.inject({
        method: 'POST',
        url: '/graphql',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        payload: { query, variables },
      });
      const ms = msSince(start);
      logger!.recording = null;
      const body = response.json() as { data?: any; errors?: { message: string }[] };
      return {
        data: body.data,
        errors: body.errors,
        ms,
        sqlMs: recording.reduce((sum, s) => sum + s.took, 0),
        statements: recording.length,
      };
    };
    /** Median and p95 of `runs` calls, beside the SQL alone; or why it was not measured. */
    const measure = async (label: string, limit: number, call: (i: number) => ReturnType<typeof graphql>) => {
      const times: number[] = [];
      const sql: number[] = [];
      let statements = 0;
      // The first calls warm the caches and the JIT: not counted.
      for (let i = -WARM_UP; i < runs; i++) {
        const result = await call(Math.abs(i));
        if (result.errors?.length) {
          const missing = result.errors.some((e) => /Cannot query field|Unknown type/.test(e.message));
          say(
            `${label.padEnd(44)} not measured: ${missing ? 'not in this build’s schema' : JSON.stringify(result.errors).slice(0, 300)}`,
          );
          return;
        }
        if (i < 0) continue;
        times.push(result.ms);
        sql.push(result.sqlMs);
        statements = result.statements;
      }
      const t = ascending(times);
      const s = ascending(sql);
      const median = quantile(t, 0.5);
      say(
        `${label.padEnd(44)} median ${fmt(median)} ms  p95 ${fmt(quantile(t, 0.95))} ms | SQL alone median ` +
          `${fmt(quantile(s, 0.5))} ms  p95 ${fmt(quantile(s, 0.95))} ms (${statements} statements; ` +
          `target < ${limit} ms median: ${median < limit ? 'met' : 'MISSED'})`,
      );
    };

    // Random volunteers of the street, each signed in.
    const sample = await em.execute<{ user_id: number }[]>(
      `select p.user_id from volunteer_profile p join area a on a.id = p.community_id
        where a.parent_id = ? order by random() limit ?`,
      [streetId, Math.max(runs, CHECK_INS)],
    );
    const sampleTokens = await sessionsFor(
      em,
      sample.map((row) => row.user_id),
    );

    // 1. myVolunteering.
    await measure('myVolunteering (hours, star, 20 records)', 20, (i) =>
      graphql(
        `
          {
            myVolunteering {
              verifiedHours
              starLevel
              hoursToNextStar
              records(first: 20) {
                totalCount
                edges {
                  node {
                    id
                    verifiedHours
                    recordedHours
                    activity {
                      title
                    }
                  }
                }
              }
            }
          }
        `,
        {},
        sampleTokens[i % sampleTokens.length],
      ),
    );

    // 2. volunteerRanking for the street and last year (China's calendar year).
    const year = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear() - 1;
    const from = new Date(Date.UTC(year, 0, 1) - 8 * 3_600_000).toISOString();
    const to = new Date(Date.UTC(year + 1, 0, 1) - 8 * 3_600_000).toISOString();
    await measure(`volunteerRanking (street, ${year}, first 20)`, 100, () =>
      graphql(
        `
          query ($a: ID!, $f: DateTime, $t: DateTime) {
            volunteerRanking(areaId: $a, from: $f, to: $t, first: 20) {
              totalCount
              edges {
                node {
                  rank
                  name
                  hours
                  activityCount
                }
              }
            }
          }
        `,
        { a: String(streetId), f: from, t: to },
      ),
    );

    // 3. 500 volunteers checking in to one activity, over HTTP.
    const organiser = await one<{ id: number }>(
      em,
      `select r.user_id as id from role_assignment r where r.area_id = ? and r.role = 'STAFF' limit 1`,
      [streetId],
    );
    const crowd = sample.slice(0, CHECK_INS).map((row) => row.user_id);
    const shift = await one<{ id: number; check_in_secret: string }>(
      em,
      `with c as (select id, path from area where parent_id = ? order by id limit 1),
            a as (insert into activity (area_id, area_path, street_id, community_id, title, description, place, skills,
                                        status, retroactive, starts_at, ends_at, created_by_id, created_at, updated_at)
                  select c.id, c.path, ?, c.id, '压测签到活动', '压测', '社区广场', '{}', 'PUBLISHED', false,
                         now() - interval '10 minutes', now() + interval '3 hours', ?, now(), now() from c returning id, starts_at, ends_at)
       insert into shift (activity_id, starts_at, ends_at, capacity, signed_up_count, check_in_secret)
       select id, starts_at, ends_at, ?, ?, md5(random()::text) || md5(random()::text) from a
       returning id, check_in_secret`,
      [streetId, streetId, organiser.id, CHECK_INS, CHECK_INS],
    );
    await em.execute(
      `insert into shift_signup (shift_id, activity_id, volunteer_id, status, queued_at, created_at)
       select s.id, s.activity_id, u, 'SIGNED_UP', now(), now() from shift s, unnest(?::int[]) u where s.id = ?`,
      [`{${crowd.join(',')}}`, shift.id],
    );
    const url = await app.http.listen({ port: 0, host: '127.0.0.1' });
    const plan: CheckInPlan = {
      url,
      shiftId: String(shift.id),
      code: codeFor(shift.check_in_secret, shiftCodeSubject(shift.id), new Date()).code,
      tokens: sampleTokens.slice(0, CHECK_INS),
      connections,
    };
    const during: Statement[] = [];
    logger!.recording = during;
    const crowdResult = await new Promise<CheckInResult>((resolve, reject) => {
      const worker = new Worker(new URL(import.meta.url), { workerData: plan });
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    logger!.recording = null;
    const state = await one<{ open: string; volunteers: string; signed_up_count: number; capacity: number }>(
      em,
      `select (select count(*) from shift_check_in c join shift_signup su on su.id = c.signup_id where su.shift_id = s.id) as open,
              (select count(distinct c.volunteer_id) from shift_check_in c join shift_signup su on su.id = c.signup_id
                where su.shift_id = s.id) as volunteers,
              s.signed_up_count, s.capacity
         from shift s where s.id = ?`,
      [shift.id],
    );
    const latencies = ascending(crowdResult.latencies);
    const allIn =
      crowdResult.checkedIn === CHECK_INS && Number(state.open) === CHECK_INS && Number(state.volunteers) === CHECK_INS;
    const withinCapacity = state.signed_up_count <= state.capacity;
    const sqlPerRequest = during.reduce((sum, s) => sum + s.took, 0) / Math.max(1, latencies.length);
    say(
      `${CHECK_INS} check-ins by code over HTTP`.padEnd(44) +
        ` median ${fmt(quantile(latencies, 0.5))} ms  p95 ${fmt(quantile(latencies, 0.95))} ms | SQL alone ` +
        `${sqlPerRequest.toFixed(1)} ms and ${(during.length / Math.max(1, latencies.length)).toFixed(1)} statements per request; ` +
        `all in ${crowdResult.seconds.toFixed(1)} s with ${connections} connections (target: within 60 s: ` +
        `${crowdResult.seconds < 60 && allIn ? 'met' : 'MISSED'})`,
    );
    say(
      `  ${crowdResult.checkedIn} CHECKED_IN answers, ${crowdResult.others} others; ${state.open} check-ins of ` +
        `${state.volunteers} volunteers: ${allIn ? 'every one in, none twice' : 'NOT every one in exactly once'}; ` +
        `places ${state.signed_up_count}/${state.capacity}: ${withinCapacity ? 'within capacity' : 'OVER CAPACITY'}` +
        (crowdResult.otherSample ? `\n  other answer: ${crowdResult.otherSample}` : ''),
    );

    // 4. A certificate PDF for a volunteer of the sample (about signups / volunteers records each).
    const holder = sample[0]!.user_id;
    const holderToken = sampleTokens[0]!;
    const issued = await graphql(
      `
        mutation ($f: DateTime!, $t: DateTime!) {
          issueCertificate(from: $f, to: $t) {
            code
            hours
            activityCount
            pdfUrl
          }
        }
      `,
      { f: new Date(Date.now() - 729 * 86_400_000).toISOString(), t: new Date().toISOString() },
      holderToken,
    );
    if (issued.errors?.length || !issued.data?.issueCertificate) {
      const missing = issued.errors?.some((e) => /Cannot query field|Unknown type/.test(e.message));
      say(
        `certificate PDF`.padEnd(44) +
          ` not measured: ${missing ? 'issueCertificate is not in this build’s schema' : JSON.stringify(issued.errors).slice(0, 300)}`,
      );
    } else {
      const certificate = issued.data.issueCertificate as {
        code: string;
        hours: number;
        activityCount: number;
        pdfUrl: string;
      };
      const times: number[] = [];
      let bytes = 0;
      for (let i = -WARM_UP; i < Math.min(runs, 20); i++) {
        const start = process.hrtime.bigint();
        const response = await app.http.inject({
          method: 'GET',
          url: certificate.pdfUrl,
          headers: { authorization: `Bearer ${holderToken}` },
        });
        if (i >= 0) times.push(msSince(start));
        if (response.statusCode !== 200) throw new Error(`PDF ${response.statusCode}: ${response.body.slice(0, 200)}`);
        bytes = response.rawPayload.length;
      }
      const t = ascending(times);
      say(
        `certificate PDF (${certificate.activityCount} activities, ${certificate.hours} h)`.padEnd(44) +
          ` median ${fmt(quantile(t, 0.5))} ms  p95 ${fmt(quantile(t, 0.95))} ms (${(bytes / 1024).toFixed(0)} KiB; ` +
          `user #${holder}; target < 300 ms: ${quantile(t, 0.5) < 300 ? 'met' : 'MISSED'})`,
      );
    }
    say(`Load at the end: ${load()}`);
    console.log(`\nSummary:\n${summary.join('\n')}`);
  } finally {
    await app.close();
  }
}

if (isMainThread) await main();
else parentPort!.postMessage(await checkInLoad(workerData as CheckInPlan));
