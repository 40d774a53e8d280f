import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createTestServer, type TestServer } from '../helpers/server.js';

/** With introspection off, "Did you mean …?" would still spell out the schema to a stranger in production. */
let production: TestServer;
let development: TestServer;

beforeAll(async () => {
  [production, development] = await Promise.all([
    createTestServer({ NODE_ENV: 'production' }),
    createTestServer({ NODE_ENV: 'development' }),
  ]);
});
afterAll(() => Promise.all([production?.close(), development?.close()]));

async function subscriptionErrors(server: TestServer, query: string): Promise<string[]> {
  const address = await server.app.http.listen({ port: 0, host: '127.0.0.1' });
  const client = createClient({
    url: `${address.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    retryAttempts: 0,
  });
  try {
    return await new Promise<string[]>((resolve, reject) => {
      client.subscribe(
        { query },
        {
          next: () => reject(new Error('the subscription ran')),
          error: (errors) => resolve((errors as { message: string }[]).map((error) => error.message)),
          complete: () => reject(new Error('completed without an error')),
        },
      );
    });
  } finally {
    await client.dispose();
  }
}

describe('field suggestions', () => {
  it('are left out of validation errors in production, over HTTP', async () => {
    const result = await production.gql('{ neds { totalCount } }');
    expect(result.errors?.[0]?.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(result.errors![0]!.message).toContain('neds');
    expect(result.errors![0]!.message).not.toMatch(/Did you mean/);
  });

  it('are left out of validation errors in production, over WebSocket', async () => {
    const messages = await subscriptionErrors(production, 'subscription { needChange(areaId: "1") { id } }');
    expect(messages[0]).toContain('needChange');
    expect(messages.join(' ')).not.toMatch(/Did you mean/);
  });

  it('still help developers outside production', async () => {
    const result = await development.gql('{ neds { totalCount } }');
    expect(result.errors![0]!.message).toMatch(/Did you mean "needs"/);
  });
});
