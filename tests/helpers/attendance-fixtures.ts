import { codeFor } from '../../server/src/platform/rotating-codes.js';
import type { TestServer } from './server.js';

/**
 * Rows the attendance tests stand on, written with SQL: profiles, activities and sign-ups are
 * other features' to create (s-volunteers, s-activities), and these tests must not depend on
 * their mutations.
 */

const MINUTE = 60_000;
export const minutesFromNow = (minutes: number) => new Date(Date.now() + minutes * MINUTE);

let profileSeq = 0;

/** An ACTIVE (or other status) volunteer profile for the user, in their home community or `communityId`. */
export async function makeProfile(
  server: TestServer,
  userId: string | number,
  options: { status?: string; communityId?: string | number } = {},
): Promise<number> {
  profileSeq += 1;
  const [row] = await server.sql<{ id: number }>(
    `insert into volunteer_profile (user_id, number, status, skills, tags, availability, community_id, created_at)
     select u.id, ?, ?, '{}', '{}', '{}', coalesce(?::int, nullif(split_part(h.path, '/', 3), '')::int), now()
       from app_user u left join area h on h.id = u.home_area_id where u.id = ?
     on conflict (user_id) do update set status = excluded.status
     returning id`,
    [
      `ZYT${process.pid % 1000}${String(profileSeq).padStart(8, '0')}`.slice(0, 20),
      options.status ?? 'ACTIVE',
      options.communityId ?? null,
      Number(userId),
    ],
  );
  return row!.id;
}

export interface ShiftPlan {
  startsAt: Date;
  endsAt: Date;
  capacity?: number;
}

export interface ActivityFixture {
  id: number;
  shiftIds: number[];
}

let activitySeq = 0;

/** An activity of the area with its shifts, created by `createdById` (an organiser by being its creator). */
export async function makeActivity(
  server: TestServer,
  options: {
    areaId: string | number;
    createdById: string | number;
    shifts: ShiftPlan[];
    title?: string;
    teamId?: number | null;
    retroactive?: boolean;
    status?: string;
  },
): Promise<ActivityFixture> {
  activitySeq += 1;
  const starts = options.shifts.map((shift) => shift.startsAt.getTime());
  const ends = options.shifts.map((shift) => shift.endsAt.getTime());
  const [activity] = await server.sql<{ id: number }>(
    `insert into activity (area_id, area_path, street_id, community_id, grid_id, title, description, place, skills,
                           team_id, status, retroactive, starts_at, ends_at, created_by_id, created_at, updated_at)
     select a.id, a.path, split_part(a.path, '/', 2)::int, nullif(split_part(a.path, '/', 3), '')::int,
            nullif(split_part(a.path, '/', 4), '')::int, ?, '测试活动', '社区活动室', '{}', ?, ?, ?, ?, ?, ?, now(), now()
       from area a where a.id = ?
     returning id`,
    [
      options.title ?? `考勤测试活动${activitySeq}`,
      options.teamId ?? null,
      options.status ?? 'PUBLISHED',
      options.retroactive ?? false,
      new Date(Math.min(...starts)),
      new Date(Math.max(...ends)),
      Number(options.createdById),
      Number(options.areaId),
    ],
  );
  const shiftIds: number[] = [];
  for (const shift of options.shifts) {
    const [row] = await server.sql<{ id: number }>(
      `insert into shift (activity_id, starts_at, ends_at, capacity, check_in_secret)
       values (?, ?, ?, ?, md5(random()::text) || md5(random()::text)) returning id`,
      [activity!.id, shift.startsAt, shift.endsAt, shift.capacity ?? 20],
    );
    shiftIds.push(row!.id);
  }
  return { id: activity!.id, shiftIds };
}

const PLACE_HOLDING = ['SIGNED_UP', 'CHECKED_IN', 'CHECKED_OUT', 'VERIFIED', 'NO_SHOW'];

/** A sign-up in `status` (SIGNED_UP by default), holding a place when its status does. */
export async function makeSignup(
  server: TestServer,
  shiftId: number,
  userId: string | number,
  status = 'SIGNED_UP',
): Promise<number> {
  const [row] = await server.sql<{ id: number }>(
    `insert into shift_signup (shift_id, activity_id, volunteer_id, status, queued_at, created_at)
     select s.id, s.activity_id, ?, ?, now(), now() from shift s where s.id = ? returning id`,
    [Number(userId), status, shiftId],
  );
  if (PLACE_HOLDING.includes(status)) {
    await server.sql('update shift set signed_up_count = signed_up_count + 1 where id = ?', [shiftId]);
  }
  return row!.id;
}

/** The code shown for the shift at `at` (now by default). */
export async function shiftCode(server: TestServer, shiftId: number, at = new Date()): Promise<string> {
  const [row] = await server.sql<{ check_in_secret: string }>('select check_in_secret from shift where id = ?', [
    shiftId,
  ]);
  return codeFor(row!.check_in_secret, `shift:${shiftId}`, at).code;
}

/** A six-digit code that is neither the shift's current one nor the one before. */
export async function wrongShiftCode(server: TestServer, shiftId: number): Promise<string> {
  const valid = [await shiftCode(server, shiftId), await shiftCode(server, shiftId, new Date(Date.now() - MINUTE))];
  let guess = 0;
  while (valid.includes(String(guess).padStart(6, '0'))) guess += 1;
  return String(guess).padStart(6, '0');
}

/**
 * `count` new residents of the area with signed-in sessions, written in three statements (no
 * password hashing, no sign-in per person): the people of the many-at-once tests.
 */
export async function makePeople(
  server: TestServer,
  count: number,
  homeAreaId: string | number,
): Promise<{ id: number; token: string }[]> {
  const { createHash, randomBytes } = await import('node:crypto');
  const base = 17_000_000_000 + Math.floor(Math.random() * 900_000_000);
  const users = await server.sql<{ id: number }>(
    `insert into app_user (phone, password_hash, display_name, home_area_id, created_at)
     select (? + n)::text, 'x', '志愿者' || n, ?, now() from generate_series(1, ?) n returning id`,
    [base, Number(homeAreaId), count],
  );
  const tokens = users.map(() => randomBytes(32).toString('base64url'));
  const hashes = tokens.map((token) => createHash('sha256').update(token).digest('hex'));
  await server.sql(
    `insert into session (token_hash, user_id, created_at, expires_at)
     select h, u, now(), now() + interval '1 day' from unnest(?::text[], ?::int[]) as t(h, u)`,
    // Array literals: hex hashes and ids need no quoting.
    [`{${hashes.join(',')}}`, `{${users.map((user) => user.id).join(',')}}`],
  );
  return users.map((user, i) => ({ id: user.id, token: tokens[i]! }));
}
