import { DEMO_PASSWORD, type TestServer } from './server.js';

/**
 * `count` more residents (RESIDENT on the area, which is their home) who sign in with the demo
 * password, for tests that need many people acting at once. Phones 137xxxxxxxx from `first`.
 */
export async function addResidents(
  server: TestServer,
  areaId: string,
  count: number,
  first: number,
): Promise<{ phones: string[]; ids: string[] }> {
  const phones = Array.from({ length: count }, (_, i) => `137${String(first + i).padStart(8, '0')}`);
  const rows = await server.sql<{ id: number }>(
    `insert into app_user (phone, password_hash, display_name, home_area_id, created_at)
     select p, (select password_hash from app_user where phone = '13800000006'), '居民' || right(p, 4), ?, now()
       from unnest(?::text[]) as p returning id`,
    [Number(areaId), `{${phones.join(',')}}`],
  );
  await server.sql(
    `insert into role_assignment (user_id, role, area_id, created_at) select u, 'RESIDENT', ?, now() from unnest(?::int[]) as u`,
    [Number(areaId), `{${rows.map((row) => row.id).join(',')}}`],
  );
  return { phones, ids: rows.map((row) => String(row.id)) };
}

/** Signs each in from its own address (one address may sign in only so many phones) and returns their tokens. */
export async function signInAll(server: TestServer, phones: readonly string[]): Promise<string[]> {
  return Promise.all(
    phones.map(async (phone, i) => {
      const result = await server.gql(
        'mutation($phone: String!, $password: String!) { login(phone: $phone, password: $password) { token } }',
        { phone, password: DEMO_PASSWORD },
        { remoteAddress: `198.18.${Math.floor(i / 250)}.${(i % 250) + 1}` },
      );
      const token = result.data?.login?.token as string | undefined;
      if (!token) throw new Error(`cannot sign in as ${phone}: ${JSON.stringify(result.errors)}`);
      return token;
    }),
  );
}
