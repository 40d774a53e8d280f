import path from 'node:path';
import { createClient, type Client } from 'graphql-ws';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import WebSocket from 'ws';
import { createApp, type RunningApp } from '../../server/src/app.js';
import { NOTIFICATION_ADDED } from '../../server/src/notifications/notifications.service.js';
import { loadConfig } from '../../server/src/platform/config.js';
import { cloneTemplateDatabase } from '../helpers/postgres.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../helpers/server.js';

/**
 * notificationAdded over graphql-ws: two apps on one database, subscribed on one, the step
 * taken through the other. Each person hears of their own notifications only.
 */
const { resident, neighbour, communityStaff: staff } = DEMO_ACCOUNTS;

interface Instance {
  app: RunningApp;
  http: string;
  ws: string;
}

let database: Awaited<ReturnType<typeof cloneTemplateDatabase>>;
let a: Instance;
let b: Instance;

beforeAll(async () => {
  database = await cloneTemplateDatabase(inject('postgresUrl'));
  const config = loadConfig(
    { NODE_ENV: 'test', DATABASE_URL: database.url, SEED_DEMO: 'false', WEB_DIR: path.join('tests', 'no-web-build') },
    process.cwd(),
  );
  const start = async (): Promise<Instance> => {
    const app = await createApp(config, pino({ level: 'silent' }));
    const address = await app.http.listen({ port: 0, host: '127.0.0.1' });
    return { app, http: address, ws: `${address.replace(/^http/, 'ws')}/graphql` };
  };
  [a, b] = await Promise.all([start(), start()]);
});

afterAll(async () => {
  await Promise.all([a?.app.close(), b?.app.close()]);
  await database?.drop();
});

async function gql(instance: Instance, query: string, variables: object = {}, token?: string): Promise<any> {
  const response = await fetch(`${instance.http}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as any;
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

const signIn = async (instance: Instance, phone: string): Promise<string> =>
  (
    await gql(instance, 'mutation($p: String!, $w: String!) { login(phone: $p, password: $w) { token } }', {
      p: phone,
      w: DEMO_PASSWORD,
    })
  ).login.token;

const sql = <T = any>(query: string, params: unknown[] = []) => a.app.orm.em.fork().execute<T[]>(query, params);

interface Received {
  id: string;
  kind: string;
  title: string;
  need: { id: string } | null;
}

class Subscriber {
  readonly received: Received[] = [];
  readonly errors: any[] = [];
  private readonly client: Client;

  constructor(url: string, authToken?: string) {
    this.client = createClient({
      url,
      webSocketImpl: WebSocket,
      connectionParams: authToken ? { authToken } : undefined,
      retryAttempts: 0,
    });
    this.client.subscribe<{ notificationAdded: Received }>(
      { query: 'subscription { notificationAdded { id kind title need { id } } }' },
      {
        next: (result) => {
          if (result.data?.notificationAdded) this.received.push(result.data.notificationAdded);
          if (result.errors) this.errors.push(...result.errors);
        },
        error: (error) => this.errors.push(error),
        complete: () => {},
      },
    );
  }

  close() {
    return this.client.dispose();
  }
}

async function eventually(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('notificationAdded', () => {
  it('reaches the recipient on another instance, and nobody else', async () => {
    const [residentId, neighbourId] = (
      await sql<{ id: number }>(`select id from app_user where phone = any(?::text[]) order by phone`, [
        `{${resident},${neighbour}}`,
      ])
    ).map((row) => row.id);
    const probe = async (recipientId: number) =>
      (
        await sql<{ id: number }>(
          `insert into notification (recipient_id, kind, params, created_at) values (?, 'NEED_ACCEPTED', '{"title":"probe"}', now()) returning id`,
          [recipientId],
        )
      )[0]!.id;
    const probes = { [residentId!]: await probe(residentId!), [neighbourId!]: await probe(neighbourId!) };
    const mine = new Subscriber(a.ws, await signIn(a, resident));
    const theirs = new Subscriber(a.ws, await signIn(a, neighbour));
    // graphql-ws does not say when a subscription listens: publish each one's probe until it arrives.
    const timer = setInterval(() => {
      for (const [recipient, id] of Object.entries(probes)) a.app.events.publish(NOTIFICATION_ADDED, recipient, { id });
    }, 50);
    try {
      await eventually(
        () => mine.received.length > 0 && theirs.received.length > 0,
        `the subscriptions: ${JSON.stringify([mine.errors, theirs.errors])}`,
      );
    } finally {
      clearInterval(timer);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    theirs.received.length = 0;
    // Someone else's notification published on one's own topic is not delivered.
    a.app.events.publish(NOTIFICATION_ADDED, neighbourId!, { id: probes[residentId!] });

    const [area] = await sql<{ id: number }>(
      `select a.id from area a join area p on p.id = a.parent_id where a.name = '1号楼' and p.name = '幸福里第一网格'`,
    );
    const raised = await gql(
      b,
      'mutation($input: RaiseNeedInput!) { raiseNeed(input: $input) { id } }',
      { input: { title: '水管漏水', description: '', category: 'REPAIR', areaId: String(area!.id) } },
      await signIn(b, resident),
    );
    const needId = raised.raiseNeed.id;
    await gql(b, 'mutation($id: ID!) { acceptNeed(id: $id) { id } }', { id: needId }, await signIn(b, staff));
    await eventually(
      () => mine.received.some((n) => n.kind === 'NEED_ACCEPTED' && n.need?.id === needId),
      'the acceptance',
    );
    expect(mine.received.at(-1)).toMatchObject({
      kind: 'NEED_ACCEPTED',
      title: '您的诉求已受理',
      need: { id: needId },
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(theirs.received).toEqual([]);
    expect(mine.errors).toEqual([]);
    await Promise.all([mine.close(), theirs.close()]);
  });

  it('is refused when signed out', async () => {
    const anonymous = new Subscriber(a.ws);
    await eventually(() => anonymous.errors.length > 0, 'the refusal');
    expect(JSON.stringify(anonymous.errors)).toContain('UNAUTHENTICATED');
    await anonymous.close();
  });
});
