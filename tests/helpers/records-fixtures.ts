import type { TestServer } from './server.js';

/*
 * Volunteering rows written straight into the database for the records tests: profiles,
 * activities with shifts and CHECKED_OUT sign-ups with recorded minutes are made by other
 * features' mutations, which records/ does not depend on.
 */

let sequence = 0;
const HOUR = 3_600_000;

/** The user's volunteer profile (ACTIVE, in `community`), made if missing. */
export async function ensureProfile(server: TestServer, userId: string | number, community = '幸福里社区') {
  const [existing] = await server.sql<{ id: number }>('select id from volunteer_profile where user_id = ?', [userId]);
  if (existing) return existing.id;
  const ids = await server.areaIds();
  const [row] = await server.sql<{ id: number }>(
    `insert into volunteer_profile (user_id, number, status, skills, tags, availability, community_id, created_at)
     values (?, 'ZY2026' || lpad(nextval('volunteer_number_seq')::text, 6, '0'), 'ACTIVE', '{}', '{}', '{}', ?, now())
     returning id`,
    [userId, ids[community]],
  );
  return row!.id;
}

/** A team on the area with `leaderId` an approved LEADER. */
export async function insertTeam(server: TestServer, areaId: string, leaderId: string | number, name?: string) {
  const [area] = await server.sql<{ path: string }>('select path from area where id = ?', [areaId]);
  const levels = levelsOf(area!.path);
  const [team] = await server.sql<{ id: number }>(
    `insert into team (area_id, area_path, street_id, community_id, grid_id, name, member_count, created_by_id, created_at)
     values (?, ?, ?, ?, ?, ?, 1, ?, now()) returning id`,
    [areaId, area!.path, levels.street, levels.community, levels.grid, name ?? `测试队${++sequence}`, leaderId],
  );
  await server.sql(
    `insert into team_membership (team_id, user_id, role, status, requested_at) values (?, ?, 'LEADER', 'APPROVED', now())`,
    [team!.id, leaderId],
  );
  return team!.id;
}

function levelsOf(path: string) {
  const ids = path.split('/').filter(Boolean).map(Number);
  return { street: ids[0]!, community: ids[1] ?? null, grid: ids[2] ?? null };
}

export interface ShiftPlan {
  startsAt: Date;
  /** Hours long (default 2). */
  hours?: number;
  capacity?: number;
}

/** An activity on the area created by `createdById`, with its shifts; ids of both. */
export async function insertActivity(
  server: TestServer,
  options: {
    areaId: string;
    createdById: string | number;
    teamId?: number | null;
    title?: string;
    shifts: ShiftPlan[];
  },
) {
  const [area] = await server.sql<{ path: string }>('select path from area where id = ?', [options.areaId]);
  const levels = levelsOf(area!.path);
  const starts = options.shifts.map((s) => s.startsAt.getTime());
  const ends = options.shifts.map((s) => s.startsAt.getTime() + (s.hours ?? 2) * HOUR);
  const [activity] = await server.sql<{ id: number }>(
    `insert into activity (area_id, area_path, street_id, community_id, grid_id, title, description, place, skills,
       team_id, status, retroactive, starts_at, ends_at, created_by_id, created_at, updated_at)
     values (?, ?, ?, ?, ?, ?, '测试活动', '社区活动室', '{}', ?, 'PUBLISHED', false, ?, ?, ?, now(), now()) returning id`,
    [
      options.areaId,
      area!.path,
      levels.street,
      levels.community,
      levels.grid,
      options.title ?? `测试活动${++sequence}`,
      options.teamId ?? null,
      new Date(Math.min(...starts)),
      new Date(Math.max(...ends)),
      options.createdById,
    ],
  );
  const shiftIds: number[] = [];
  for (const [index, shift] of options.shifts.entries()) {
    const [row] = await server.sql<{ id: number }>(
      `insert into shift (activity_id, starts_at, ends_at, capacity, signed_up_count, waitlist_count, check_in_secret)
       values (?, ?, ?, ?, 0, 0, md5(random()::text)) returning id`,
      [activity!.id, new Date(starts[index]!), new Date(ends[index]!), shift.capacity ?? 500],
    );
    shiftIds.push(row!.id);
  }
  return { activityId: activity!.id, shiftIds };
}

/** A sign-up holding a place, by default CHECKED_OUT with `recordedMinutes` (and a RECORDED entry). */
export async function insertSignup(
  server: TestServer,
  options: {
    shiftId: number;
    userId: string | number;
    status?: 'SIGNED_UP' | 'CHECKED_IN' | 'CHECKED_OUT' | 'VERIFIED' | 'NO_SHOW' | 'WAITLISTED' | 'CANCELLED';
    recordedMinutes?: number | null;
  },
) {
  const status = options.status ?? 'CHECKED_OUT';
  const recorded =
    options.recordedMinutes === undefined ? (status === 'CHECKED_OUT' ? 120 : null) : options.recordedMinutes;
  const [shift] = await server.sql<{ activity_id: number }>('select activity_id from shift where id = ?', [
    options.shiftId,
  ]);
  const [row] = await server.sql<{ id: number }>(
    `insert into shift_signup (shift_id, activity_id, volunteer_id, status, queued_at, recorded_minutes, retroactive, created_at)
     values (?, ?, ?, ?, now(), ?, false, now()) returning id`,
    [options.shiftId, shift!.activity_id, options.userId, status, recorded],
  );
  if (!['WAITLISTED', 'CANCELLED'].includes(status)) {
    await server.sql('update shift set signed_up_count = signed_up_count + 1 where id = ?', [options.shiftId]);
  }
  if (recorded !== null) {
    await server.sql(
      `insert into service_record_entry (signup_id, volunteer_id, kind, minutes, previous_minutes, actor_id, created_at)
       values (?, ?, 'RECORDED', ?, null, ?, now())`,
      [row!.id, options.userId, recorded, options.userId],
    );
  }
  return String(row!.id);
}

/** `days` ago (negative: ahead), at `hour`:00 China time. */
export function chinaDaysAgo(days: number, hour = 9): Date {
  const today = new Date(Date.now() + 8 * HOUR);
  return new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - days, hour) - 8 * HOUR);
}

/** A person with the demo password and a home in the demo resident's building, for tests that need a fresh volunteer. */
export async function insertPerson(server: TestServer, phone: string, name: string) {
  const [row] = await server.sql<{ id: number }>(
    `insert into app_user (phone, password_hash, display_name, home_area_id, created_at)
     select ?, password_hash, ?, home_area_id, now() from app_user where phone = '13800000006' returning id`,
    [phone, name],
  );
  return row!.id;
}
