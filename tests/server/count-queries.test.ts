import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestServer, DEMO_ACCOUNTS, type TestServer } from '../helpers/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await createTestServer();
});
afterAll(() => server.close());

// The SQL-count tests count a request's statements; the periodic jobs run at start (dozens of
// statements) and every so often, and must not land in those counts.
it('leaves the periodic jobs out of the statements counted', async () => {
  expect(await server.countQueries(() => new Promise((resolve) => setTimeout(resolve, 1500)))).toBe(0);
  expect(await server.countQueries(() => server.gql('{ areas { id } }'))).toBeGreaterThan(0);
});

it('reads who is asking (session, person, roles with their areas, units represented) in one statement', async () => {
  const areas = '{ areas { id } }';
  const anonymous = await server.countQueries(() => server.gql(areas));
  const staffToken = await server.tokenFor(DEMO_ACCOUNTS.communityStaff);
  expect(await server.countQueries(() => server.gql(areas, {}, { token: staffToken }))).toBe(anonymous + 1);

  // A representative's units are known with the viewer: reading them costs the units' own statement only.
  const repToken = await server.tokenFor(DEMO_ACCOUNTS.unitRep);
  let units: { id: string }[] = [];
  const statements = await server.countQueries(async () => {
    units = (await server.gql('{ myUnits { id } }', {}, { token: repToken })).data.myUnits;
  });
  expect(units.length).toBeGreaterThan(0);
  expect(statements).toBe(2);
});
