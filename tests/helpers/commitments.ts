import type { TestServer } from './server.js';

// Rows the pledges tests stand on, written straight to the database: units, resources, projects
// and requests belong to other features, whose own tests create them through the API.

async function levelsOf(server: TestServer, areaId: string) {
  const [row] = await server.sql<{
    path: string;
    street_id: number;
    community_id: number | null;
    grid_id: number | null;
  }>(
    `select a.path,
            (select s.id from area s where s.id = any(string_to_array(trim(both '/' from a.path), '/')::int[]) and s.kind = 'STREET') as street_id,
            (select c.id from area c where c.id = any(string_to_array(trim(both '/' from a.path), '/')::int[]) and c.kind in ('COMMUNITY', 'VILLAGE')) as community_id,
            (select g.id from area g where g.id = any(string_to_array(trim(both '/' from a.path), '/')::int[]) and g.kind = 'GRID') as grid_id
       from area a where a.id = ?`,
    [Number(areaId)],
  );
  if (!row) throw new Error(`no area ${areaId}`);
  return row;
}

/** A unit in the area with these representatives (user ids); returns its id. */
export async function insertUnit(
  server: TestServer,
  name: string,
  areaId: string,
  representativeIds: string[],
  createdById: string,
): Promise<string> {
  const levels = await levelsOf(server, areaId);
  const [unit] = await server.sql<{ id: number }>(
    `insert into unit (area_id, area_path, street_id, community_id, grid_id, name, kind, contact_name, contact_phone, created_by_id, created_at)
     values (?, ?, ?, ?, ?, ?, 'SCHOOL', '联系人', '13700000000', ?, now()) returning id`,
    [Number(areaId), levels.path, levels.street_id, levels.community_id, levels.grid_id, name, Number(createdById)],
  );
  for (const userId of representativeIds) {
    await server.sql('insert into unit_representative (unit_id, user_id, created_at) values (?, ?, now())', [
      unit!.id,
      Number(userId),
    ]);
  }
  return String(unit!.id);
}

/** A resource of the unit (or, unitId null, of the person) with this quantity (null: not counted). */
export async function insertResource(
  server: TestServer,
  options: { unitId: string | null; offeredById: string; areaId: string; quantity: number | null; measure?: string },
): Promise<string> {
  const levels = await levelsOf(server, options.areaId);
  const [resource] = await server.sql<{ id: number }>(
    `insert into resource (area_id, area_path, street_id, community_id, grid_id, unit_id, offered_by_id, kind, title, description, quantity, measure, created_at)
     values (?, ?, ?, ?, ?, ?, ?, 'GOODS', '建材', '水泥和砖', ?, ?, now()) returning id`,
    [
      Number(options.areaId),
      levels.path,
      levels.street_id,
      levels.community_id,
      levels.grid_id,
      options.unitId === null ? null : Number(options.unitId),
      Number(options.offeredById),
      options.quantity,
      options.measure ?? '袋',
    ],
  );
  return String(resource!.id);
}

/** A project in the area, in this status. */
export async function insertProject(
  server: TestServer,
  areaId: string,
  createdById: string,
  status = 'ACTIVE',
  title = '口袋公园',
): Promise<string> {
  const levels = await levelsOf(server, areaId);
  const [project] = await server.sql<{ id: number }>(
    `insert into project (area_id, area_path, street_id, community_id, grid_id, title, description, status, created_by_id, created_at, updated_at)
     values (?, ?, ?, ?, ?, ?, '把空地改成小花园', ?, ?, now(), now()) returning id`,
    [
      Number(areaId),
      levels.path,
      levels.street_id,
      levels.community_id,
      levels.grid_id,
      title,
      status,
      Number(createdById),
    ],
  );
  return String(project!.id);
}

/** An open request to the unit (or person) to pledge to the need. */
export async function insertRequest(
  server: TestServer,
  options: { needId: string; unitId: string | null; personId: string | null; requestedById: string },
): Promise<string> {
  const [request] = await server.sql<{ id: number }>(
    `insert into pledge_request (need_id, unit_id, person_id, requested_by_id, note, created_at)
     values (?, ?, ?, ?, '请支援', now()) returning id`,
    [
      Number(options.needId),
      options.unitId === null ? null : Number(options.unitId),
      options.personId === null ? null : Number(options.personId),
      Number(options.requestedById),
    ],
  );
  return String(request!.id);
}

/** A pledge of the unit to the project in a given state, made at `createdAt` (the ranking's tests set many at once). */
export async function insertPledge(
  server: TestServer,
  options: {
    unitId: string;
    projectId: string;
    pledgedById: string;
    status: string;
    createdAt?: string;
    dueAt?: string | null;
    settledAt?: string | null;
  },
): Promise<string> {
  const [pledge] = await server.sql<{ id: number }>(
    `insert into pledge (area_id, area_path, street_id, community_id, grid_id, project_id, unit_id, pledged_by_id, description, status, due_at, settled_at, created_at)
     select area_id, area_path, street_id, community_id, grid_id, id, ?, ?, '认领', ?, ?, ?, coalesce(?::timestamptz, now())
       from project where id = ? returning id`,
    [
      Number(options.unitId),
      Number(options.pledgedById),
      options.status,
      options.dueAt ?? null,
      options.settledAt ?? null,
      options.createdAt ?? null,
      Number(options.projectId),
    ],
  );
  return String(pledge!.id);
}
