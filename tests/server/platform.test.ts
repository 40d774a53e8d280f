import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { printAppSchema } from '../../server/src/app.js';
import { createTestServer, DEMO_ACCOUNTS, type TestServer } from '../helpers/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await createTestServer();
});
afterAll(() => server?.close());

describe('the committed contract', () => {
  it('schema/schema.graphql matches the server (run `npm run schema` after changing the API)', async () => {
    expect(fs.readFileSync('schema/schema.graphql', 'utf8')).toBe(await printAppSchema());
  });

  it('the entities and the committed migrations agree (run `npm run migration:create -- <name>`)', async () => {
    const diff = await server.app.orm.schema.getUpdateSchemaSQL({ wrap: false });
    expect(diff.trim()).toBe('');
  });
});

describe('HTTP endpoints', () => {
  it('/healthz says alive and /readyz checks the database', async () => {
    const health = await server.app.http.inject({ method: 'GET', url: '/healthz' });
    expect(health.statusCode).toBe(200);
    const ready = await server.app.http.inject({ method: 'GET', url: '/readyz' });
    expect(ready.json()).toEqual({ status: 'ready' });
  });

  it('sets the usual security headers on every response', async () => {
    const response = await server.app.http.inject({ method: 'GET', url: '/healthz' });
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['strict-transport-security']).toBeDefined();
    expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
  });

  it('refuses a simple cross-site GET query (CSRF prevention)', async () => {
    const response = await server.app.http.inject({ method: 'GET', url: '/graphql?query=%7Bme%7Bid%7D%7D' });
    expect(response.statusCode).toBe(400);
    const allowed = await server.app.http.inject({
      method: 'GET',
      url: '/graphql?query=%7Bme%7Bid%7D%7D',
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(allowed.json()).toEqual({ data: { me: null } });
  });
});

describe('GraphQL limits and errors', () => {
  it('refuses a query that is too deep with QUERY_TOO_COMPLEX', async () => {
    const deep = `{ areas { ${'children { '.repeat(14)} id ${'} '.repeat(14)} } }`;
    const result = await server.gql(deep);
    expect(result.data).toBeUndefined();
    expect(result.errors?.[0]?.extensions.code).toBe('QUERY_TOO_COMPLEX');
    expect(result.errors?.[0]?.message).toContain('查询过于复杂');
  });

  it('refuses too many aliases', async () => {
    const aliases = Array.from({ length: 40 }, (_, i) => `a${i}: areas { id }`).join(' ');
    const result = await server.gql(`{ ${aliases} }`);
    expect(result.errors?.[0]?.extensions.code).toBe('QUERY_TOO_COMPLEX');
  });

  it('caps page sizes', async () => {
    const result = await server.gql(
      '{ users(areaId: "1", first: 500) { totalCount } }',
      {},
      { as: DEMO_ACCOUNTS.streetAdmin },
    );
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { first: '每页最多 100 条。' },
    });
  });

  it('answers in English when asked, in Chinese by default', async () => {
    const query = '{ users(areaId: "1") { totalCount } }';
    const zh = await server.gql(query);
    expect(zh.errors?.[0]).toMatchObject({ message: '请先登录。', extensions: { code: 'UNAUTHENTICATED' } });
    const en = await server.gql(query, {}, { headers: { 'accept-language': 'en-US,en;q=0.9,zh;q=0.5' } });
    expect(en.errors?.[0]).toMatchObject({ message: 'Please sign in first.', extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('reports a wrongly typed variable as BAD_USER_INPUT without internals', async () => {
    const result = await server.gql('query($first: Int) { users(areaId: "1", first: $first) { totalCount } }', {
      first: 'many',
    });
    expect(result.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(result)).not.toMatch(/stacktrace|at .*\.js|select /i);
  });
});
