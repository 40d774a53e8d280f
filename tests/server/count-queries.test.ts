import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestServer, type TestServer } from '../helpers/server.js';

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
