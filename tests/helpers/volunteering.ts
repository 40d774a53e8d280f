import type { TestServer } from './server.js';

/**
 * Volunteer profiles for these people, written straight into the table (becomeVolunteer
 * belongs to volunteers/; tests of activities, attendance and records only need the rows).
 * A person who has one already keeps it.
 */
export async function makeVolunteers(
  server: TestServer,
  userIds: readonly (string | number)[],
  { communityId, status = 'ACTIVE' }: { communityId: string | number; status?: 'ACTIVE' | 'AWAITING_CONSENT' },
): Promise<void> {
  await server.sql(
    `insert into volunteer_profile (user_id, number, status, skills, tags, availability, community_id, created_at)
     select u, 'ZYT' || lpad(u::text, 9, '0'), ?, '{}', '{}', '{}', ?, now() from unnest(?::int[]) as u
     on conflict do nothing`,
    [status, Number(communityId), `{${userIds.join(',')}}`],
  );
}
