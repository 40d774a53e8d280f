import type { TestServer } from './server.js';

/**
 * A unit with representatives, written straight into the test's database: the offers tests
 * need units without depending on how units are created (units.test.ts covers that).
 */
export async function insertUnit(
  server: TestServer,
  { name, areaName, reps, kind = 'SCHOOL' }: { name: string; areaName: string; reps: string[]; kind?: string },
): Promise<string> {
  const [row] = await server.sql<{ id: number }>(
    `insert into unit (area_id, area_path, street_id, community_id, grid_id, name, kind, contact_name, contact_phone, created_by_id, created_at)
     select a.id, a.path, split_part(a.path, '/', 2)::int, a.id, null, ?, ?, '联系人', '13900009999',
            (select id from app_user order by id limit 1), now()
     from area a where a.name = ? and a.kind in ('COMMUNITY', 'VILLAGE') returning id`,
    [name, kind, areaName],
  );
  if (!row) throw new Error(`no community named ${areaName}`);
  for (const phone of reps) {
    await server.sql(
      `insert into unit_representative (unit_id, user_id, created_at) select ?, id, now() from app_user where phone = ?`,
      [row.id, phone],
    );
  }
  return String(row.id);
}
