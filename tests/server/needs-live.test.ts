import type { GraphQLFormattedError } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { closeUnconfirmedNeeds } from '../../server/src/needs/needs.lifecycle.js';
import { autoCloseNeeds } from '../../server/src/needs/needs.jobs.js';
import { publishNeedChange } from '../../server/src/needs/needs.live.js';
import { SESSION_COOKIE } from '../../server/src/platform/auth/cookies.js';
import { LISTENER_NAME } from '../../server/src/platform/events.js';
import { SUBSCRIPTIONS_PER_PERSON, SUBSCRIPTIONS_PER_SOCKET } from '../../server/src/platform/subscription-quota.js';
import { SESSION_CHANGED, SESSION_RECHECK_MS } from '../../server/src/platform/websocket.js';
import {
  eventually,
  hasRedis,
  startCluster,
  startRedis,
  type Cluster,
  type Instance,
} from '../helpers/live-cluster.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../helpers/server.js';

/**
 * Live updates across instances: two apps in this process on one database, each on its
 * own port, with subscriptions over graphql-ws on one and mutations through the other.
 */
const { resident, neighbour, communityStaff: staff, gridWorker } = DEMO_ACCOUNTS;

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

const tokens = new Map<string, string>();
async function tokenFor(instance: Instance, phone: string): Promise<string> {
  const key = `${instance.http} ${phone}`;
  if (!tokens.has(key)) {
    const data = await gql(
      instance,
      'mutation($p: String!, $w: String!) { login(phone: $p, password: $w) { token } }',
      {
        p: phone,
        w: DEMO_PASSWORD,
      },
    );
    tokens.set(key, data.login.token);
  }
  return tokens.get(key)!;
}

/** A session of its own (not the cached one), for tests that end it. */
async function freshToken(instance: Instance, phone: string): Promise<string> {
  const data = await gql(instance, 'mutation($p: String!, $w: String!) { login(phone: $p, password: $w) { token } }', {
    p: phone,
    w: DEMO_PASSWORD,
  });
  return data.login.token;
}

async function raise(instance: Instance, as: string, input: Record<string, unknown>): Promise<{ id: string }> {
  const data = await gql(
    instance,
    'mutation($input: RaiseNeedInput!) { raiseNeed(input: $input) { id } }',
    { input: { description: '', category: 'REPAIR', ...input } },
    await tokenFor(instance, as),
  );
  return data.raiseNeed;
}

const NEED_CHANGED = `subscription($areaId: ID!) { needChanged(areaId: $areaId) { id title status isPublic area { name } events { kind } } }`;

interface Received {
  id: string;
  title: string;
  status: string;
  isPublic: boolean;
  area: { name: string };
  events: { kind: string }[];
}

/** A graphql-ws client and everything one subscription of it received. */
class Subscriber {
  readonly received: Received[] = [];
  readonly errors: unknown[] = [];
  private readonly client: Client;

  constructor(url: string, options: { authToken?: string; headers?: Record<string, string> } = {}) {
    const headers = options.headers;
    this.client = createClient({
      url,
      webSocketImpl: headers
        ? class extends WebSocket {
            constructor(address: string, protocols?: string | string[]) {
              super(address, protocols, { headers });
            }
          }
        : WebSocket,
      connectionParams: options.authToken ? { authToken: options.authToken } : undefined,
      retryAttempts: 0,
    });
  }

  subscribe(areaId: string, query = NEED_CHANGED): this {
    this.client.subscribe<{ needChanged: Received }>(
      { query, variables: { areaId } },
      {
        next: (result) => {
          if (result.data?.needChanged) this.received.push(result.data.needChanged);
          if (result.errors) this.errors.push(...result.errors);
        },
        error: (error) => this.errors.push(error),
        complete: () => {},
      },
    );
    return this;
  }

  /** What was received, the probe left out. */
  ids(): string[] {
    return this.received.map((need) => need.id).filter((id) => id !== String(probe?.id));
  }

  async close() {
    await this.client.dispose();
  }
}

let cluster: Cluster;
let area: Record<string, { id: string; path: string }>;
/** A public need everyone may see, published again and again until a new subscription shows it is listening. */
let probe: { id: number; areaPath: string };

/** graphql-ws does not say when a subscription has started listening: send the probe until it arrives. */
async function listening(instance: Instance, ...subscribers: Subscriber[]): Promise<void> {
  const heard = () => subscribers.every((s) => s.received.some((need) => need.id === String(probe.id)));
  // A chain of timeouts, not an interval: one test fakes intervals.
  let timer: NodeJS.Timeout | undefined;
  const send = () => {
    publishNeedChange(instance.app.events, probe);
    timer = setTimeout(send, 50);
  };
  send();
  try {
    await eventually(heard, `the subscriptions to start: ${JSON.stringify(subscribers.map((s) => s.errors))}`);
  } finally {
    clearTimeout(timer);
  }
  for (const s of subscribers) s.received.length = 0;
}

async function areasOf(c: Cluster) {
  const rows = await c.sql<{ id: number; name: string; path: string; parent: string | null }>(
    `select a.id, a.name, a.path, p.name as parent from area a left join area p on p.id = a.parent_id`,
  );
  const byName: Record<string, { id: string; path: string }> = {};
  for (const row of rows) {
    // Buildings repeat their names across grids; the ones used here are in 幸福里第一网格.
    if (row.name.endsWith('号楼') && row.parent !== '幸福里第一网格') continue;
    byName[row.name] = { id: String(row.id), path: row.path };
  }
  return byName;
}

beforeAll(async () => {
  cluster = await startCluster();
  area = await areasOf(cluster);
  const need = await raise(cluster.a, resident, { title: '探针', areaId: area['1号楼']!.id });
  probe = { id: Number(need.id), areaPath: area['1号楼']!.path };
});
afterAll(() => cluster?.close());

describe('needChanged over PostgreSQL LISTEN/NOTIFY', () => {
  it('uses LISTEN/NOTIFY when REDIS_URL is not set', () => {
    expect(cluster.a.app.events.transport).toBe('postgres');
  });

  it('delivers a need raised through one instance to a subscriber on another', async () => {
    const token = await tokenFor(cluster.a, staff);
    const subscriber = new Subscriber(cluster.a.ws, { authToken: token }).subscribe(area['幸福里社区']!.id);
    try {
      await listening(cluster.b, subscriber);
      const need = await raise(cluster.b, resident, { title: '楼道灯坏了', areaId: area['1号楼']!.id });
      await eventually(() => subscriber.ids().includes(need.id), 'the raised need');
      expect(subscriber.received.find((n) => n.id === need.id)).toMatchObject({
        id: need.id,
        title: '楼道灯坏了',
        status: 'SUBMITTED',
        area: { name: '1号楼' },
        events: [{ kind: 'RAISED' }],
      });

      await gql(
        cluster.b,
        'mutation($id: ID!) { acceptNeed(id: $id) { id } }',
        { id: need.id },
        await tokenFor(cluster.b, staff),
      );
      const accepted = () => subscriber.received.find((n) => n.id === need.id && n.status === 'ACCEPTED');
      await eventually(() => accepted() !== undefined, 'the accepted need');
      expect(accepted()!.events.map((e) => e.kind)).toEqual(['RAISED', 'TRANSITION']);
      expect(subscriber.errors).toEqual([]);
    } finally {
      await subscriber.close();
    }
  });

  it('gives each subscriber only the needs they may see', async () => {
    const [staffToken, neighbourToken, residentToken] = await Promise.all(
      [staff, neighbour, resident].map((phone) => tokenFor(cluster.a, phone)),
    );
    const community = area['幸福里社区']!.id;
    const staffSub = new Subscriber(cluster.a.ws, { authToken: staffToken }).subscribe(community);
    const neighbourSub = new Subscriber(cluster.a.ws, { authToken: neighbourToken }).subscribe(community);
    const raiserSub = new Subscriber(cluster.a.ws, { authToken: residentToken }).subscribe(community);
    const anonymous = new Subscriber(cluster.a.ws).subscribe(community);
    const all = [staffSub, neighbourSub, raiserSub, anonymous];
    try {
      await listening(cluster.b, ...all);
      const secret = await raise(cluster.b, resident, {
        title: '家里的私事',
        isPublic: false,
        areaId: area['1号楼']!.id,
      });
      // Published after the private one, through the same instance: when it arrives, the private one has been decided on.
      const open = await raise(cluster.b, resident, { title: '路灯不亮', areaId: area['1号楼']!.id });
      await eventually(() => all.every((s) => s.ids().includes(open.id)), 'the public need everywhere');

      expect(staffSub.ids()).toEqual([secret.id, open.id]);
      expect(raiserSub.ids()).toEqual([secret.id, open.id]);
      expect(neighbourSub.ids()).toEqual([open.id]);
      expect(anonymous.ids()).toEqual([open.id]);
    } finally {
      await Promise.all(all.map((s) => s.close()));
    }
  });

  it('follows the subtree: a grid subscriber hears its grid, not the next one', async () => {
    const token = await tokenFor(cluster.a, gridWorker);
    const gridSub = new Subscriber(cluster.a.ws, { authToken: token }).subscribe(area['幸福里第一网格']!.id);
    try {
      await listening(cluster.b, gridSub);
      const elsewhere = await raise(cluster.b, staff, { title: '别的网格', areaId: area['幸福里第二网格']!.id });
      const here = await raise(cluster.b, staff, { title: '本网格', areaId: area['幸福里第一网格']!.id });
      await eventually(() => gridSub.ids().includes(here.id), 'the need in the grid');
      expect(gridSub.ids()).not.toContain(elsewhere.id);
    } finally {
      await gridSub.close();
    }
  });

  it('counts the session cookie only when the page came from this host', async () => {
    const cookie = `${SESSION_COOKIE}=${await tokenFor(cluster.a, staff)}`;
    const host = new URL(cluster.a.http).host;
    const community = area['幸福里社区']!.id;
    const samePage = new Subscriber(cluster.a.ws, { headers: { cookie, origin: `http://${host}` } }).subscribe(
      community,
    );
    const otherSite = new Subscriber(cluster.a.ws, { headers: { cookie, origin: 'https://evil.example' } }).subscribe(
      community,
    );
    try {
      await listening(cluster.b, samePage, otherSite);
      const secret = await raise(cluster.b, resident, { title: '不公开', isPublic: false, areaId: area['1号楼']!.id });
      const open = await raise(cluster.b, resident, { title: '公开', areaId: area['1号楼']!.id });
      await eventually(() => [samePage, otherSite].every((s) => s.ids().includes(open.id)), 'the public need');
      expect(samePage.ids()).toEqual([secret.id, open.id]);
      expect(otherSite.ids()).toEqual([open.id]);
    } finally {
      await Promise.all([samePage.close(), otherSite.close()]);
    }
  });

  it('answers a subscription to an unknown area with NOT_FOUND, and runs only subscriptions', async () => {
    const subscriber = new Subscriber(cluster.a.ws, { headers: { 'accept-language': 'en' } }).subscribe('999999');
    const query = new Subscriber(cluster.a.ws).subscribe(area['幸福里社区']!.id, '{ me { id } }');
    try {
      await eventually(() => subscriber.errors.length > 0 && query.errors.length > 0, 'the errors');
      expect(subscriber.errors[0]).toMatchObject({ extensions: { code: 'NOT_FOUND' } });
      expect((subscriber.errors[0] as { message: string }).message).not.toMatch(/[\u4e00-\u9fff]/);
      expect((query.errors[0] as { message: string }[])[0]).toMatchObject({
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
      });
    } finally {
      await Promise.all([subscriber.close(), query.close()]);
    }
  });

  it('closes the socket when its session ends, so the client comes back as who it is now', async () => {
    // Only the server's session check (an interval) runs on a fake clock.
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const login = await gql(
      cluster.a,
      'mutation($p: String!, $w: String!) { login(phone: $p, password: $w) { token } }',
      {
        p: staff,
        w: DEMO_PASSWORD,
      },
    );
    const token: string = login.login.token;
    const subscriber = new Subscriber(cluster.a.ws, { authToken: token }).subscribe(area['幸福里社区']!.id);
    try {
      await listening(cluster.b, subscriber);
      await vi.advanceTimersByTimeAsync(SESSION_RECHECK_MS);
      expect(subscriber.errors).toEqual([]);

      await gql(cluster.b, 'mutation { logout }', {}, token);
      await vi.advanceTimersByTimeAsync(SESSION_RECHECK_MS);
      await eventually(() => subscriber.errors.length > 0, 'the socket to close');
      expect(subscriber.errors[0]).toMatchObject({ code: SESSION_CHANGED });
    } finally {
      vi.useRealTimers();
      await subscriber.close();
    }
  });

  it('closes the socket at once when its session is signed out on another instance', async () => {
    const token = await freshToken(cluster.a, staff);
    const other = await freshToken(cluster.a, staff);
    const signedOut = new Subscriber(cluster.a.ws, { authToken: token }).subscribe(area['幸福里社区']!.id);
    const stillIn = new Subscriber(cluster.a.ws, { authToken: other }).subscribe(area['幸福里社区']!.id);
    try {
      await listening(cluster.b, signedOut, stillIn);
      const startedAt = Date.now();
      await gql(cluster.b, 'mutation { logout }', {}, token);
      await eventually(() => signedOut.errors.length > 0, 'the socket to close', 5_000);
      expect(signedOut.errors[0]).toMatchObject({ code: SESSION_CHANGED });
      expect(Date.now() - startedAt).toBeLessThan(SESSION_RECHECK_MS / 10);
      const secret = await raise(cluster.b, resident, {
        title: '退出以后',
        isPublic: false,
        areaId: area['1号楼']!.id,
      });
      await eventually(() => stillIn.ids().includes(secret.id), 'the need on the session still signed in');
      expect(signedOut.ids()).not.toContain(secret.id);
      expect(stillIn.errors).toEqual([]);
    } finally {
      await Promise.all([signedOut.close(), stillIn.close()]);
    }
  });

  it('closes the sockets of the other devices when the password changes', async () => {
    const kept = await freshToken(cluster.a, gridWorker);
    const ended = await freshToken(cluster.a, gridWorker);
    const keptSub = new Subscriber(cluster.a.ws, { authToken: kept }).subscribe(area['幸福里社区']!.id);
    const endedSub = new Subscriber(cluster.a.ws, { authToken: ended }).subscribe(area['幸福里社区']!.id);
    try {
      await listening(cluster.b, keptSub, endedSub);
      const changed = 'mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) }';
      await gql(cluster.b, changed, { c: DEMO_PASSWORD, n: 'another-password-1' }, kept);
      try {
        await eventually(() => endedSub.errors.length > 0, 'the other device’s socket to close', 5_000);
        expect(endedSub.errors[0]).toMatchObject({ code: SESSION_CHANGED });
        await listening(cluster.b, keptSub);
        expect(keptSub.errors).toEqual([]);
      } finally {
        await gql(cluster.b, changed, { c: 'another-password-1', n: DEMO_PASSWORD }, kept);
      }
    } finally {
      await Promise.all([keptSub.close(), endedSub.close()]);
    }
  });

  it('closes every socket of the person when the password is reset with an SMS code', async () => {
    const phone = DEMO_ACCOUNTS.unitRep;
    const sockets = await Promise.all(
      [0, 1].map(async () =>
        new Subscriber(cluster.a.ws, { authToken: await freshToken(cluster.a, phone) }).subscribe(
          area['幸福里社区']!.id,
        ),
      ),
    );
    try {
      await listening(cluster.b, ...sockets);
      await gql(cluster.b, 'mutation($p: String!) { requestSignInCode(phone: $p, purpose: RESET_PASSWORD) }', {
        p: phone,
      });
      const [sent] = await cluster.sql<{ code: string }>(
        `select params->>'code' as code from outbox_message where recipient = ? and template = 'SIGN_IN_CODE' order by id desc limit 1`,
        [phone],
      );
      const reset =
        'mutation($p: String!, $c: String!, $n: String!) { resetPassword(phone: $p, code: $c, newPassword: $n) { token } }';
      await gql(cluster.b, reset, { p: phone, c: sent!.code, n: 'another-password-2' });
      for (const socket of sockets) {
        await eventually(() => socket.errors.length > 0, 'every socket of the person to close', 5_000);
        expect(socket.errors[0]).toMatchObject({ code: SESSION_CHANGED });
      }
    } finally {
      await Promise.all(sockets.map((socket) => socket.close()));
    }
  });

  it('closes the socket when its session expires', async () => {
    const token = await freshToken(cluster.a, staff);
    await cluster.sql(
      `update session set expires_at = now() + interval '1.5 seconds' where id = (select max(id) from session)`,
    );
    const subscriber = new Subscriber(cluster.a.ws, { authToken: token }).subscribe(area['幸福里社区']!.id);
    try {
      await listening(cluster.b, subscriber);
      await eventually(() => subscriber.errors.length > 0, 'the socket to close', 5_000);
      expect(subscriber.errors[0]).toMatchObject({ code: SESSION_CHANGED });
    } finally {
      await subscriber.close();
    }
  });

  it('caps the subscriptions of one socket, with a clear error beyond', async () => {
    const subscriber = new Subscriber(cluster.a.ws, { headers: { 'accept-language': 'en' } });
    for (let i = 0; i <= SUBSCRIPTIONS_PER_SOCKET; i++) subscriber.subscribe(area['幸福里社区']!.id);
    try {
      await eventually(() => subscriber.errors.length > 0, 'the refusal');
      await listening(cluster.b, subscriber);
      expect(subscriber.errors).toHaveLength(1);
      expect((subscriber.errors[0] as GraphQLFormattedError[])[0]).toMatchObject({
        message: `At most ${SUBSCRIPTIONS_PER_SOCKET} live updates per connection, and ${SUBSCRIPTIONS_PER_PERSON} per person.`,
        extensions: { code: 'RATE_LIMITED' },
      });
    } finally {
      await subscriber.close();
    }
  });

  it('caps the subscriptions of one person across sockets, and frees them when a socket closes', async () => {
    const token = await tokenFor(cluster.a, staff);
    const sockets = Array.from({ length: Math.ceil(SUBSCRIPTIONS_PER_PERSON / SUBSCRIPTIONS_PER_SOCKET) }, () => {
      const subscriber = new Subscriber(cluster.a.ws, { authToken: token });
      for (let i = 0; i < SUBSCRIPTIONS_PER_SOCKET; i++) subscriber.subscribe(area['幸福里社区']!.id);
      return subscriber;
    });
    const late = new Subscriber(cluster.a.ws, { authToken: token });
    try {
      await eventually(() => sockets.some((s) => s.errors.length > 0), 'a refusal');
      await listening(cluster.b, ...sockets);
      const refused = sockets.flatMap((s) => s.errors as GraphQLFormattedError[][]).map((errors) => errors[0]);
      expect(refused).toHaveLength(sockets.length * SUBSCRIPTIONS_PER_SOCKET - SUBSCRIPTIONS_PER_PERSON);
      expect(refused.every((error) => error?.extensions?.code === 'RATE_LIMITED')).toBe(true);

      await sockets[0]!.close();
      late.subscribe(area['幸福里社区']!.id);
      await listening(cluster.b, late);
      expect(late.errors).toEqual([]);
    } finally {
      await Promise.all([...sockets, late].map((s) => s.close()));
    }
  });

  it('listens again after the database connection is cut', async () => {
    const subscriber = new Subscriber(cluster.a.ws).subscribe(area['幸福里社区']!.id);
    try {
      await listening(cluster.b, subscriber);
      const cut = await cluster.sql<{ cut: boolean }>(
        'select pg_terminate_backend(pid) as cut from pg_stat_activity where application_name = ? and datname = current_database()',
        [LISTENER_NAME],
      );
      expect(cut.length).toBe(2);
      await listening(cluster.b, subscriber);
      const need = await raise(cluster.b, resident, { title: '断线以后', areaId: area['1号楼']!.id });
      await eventually(() => subscriber.ids().includes(need.id), 'a need after reconnecting');
    } finally {
      await subscriber.close();
    }
  });
});

describe('closing resolved needs nobody confirmed', () => {
  const DAY = 24 * 3600 * 1000;

  async function resolvedNeed(title: string, daysAgo: number): Promise<number> {
    const need = await raise(cluster.a, resident, { title, areaId: area['1号楼']!.id });
    await cluster.sql(`update need set status = 'RESOLVED', resolved_at = ? where id = ?`, [
      new Date(Date.now() - daysAgo * DAY),
      need.id,
    ]);
    return Number(need.id);
  }

  it('closes after 7 days, with an AUTO_CLOSED event, and leaves younger ones', async () => {
    const old = await resolvedNeed('八天前解决', 8);
    const recent = await resolvedNeed('六天前解决', 6);
    const closed = await closeUnconfirmedNeeds(cluster.a.app.orm.em.fork());
    expect(closed).toEqual([{ id: old, areaPath: area['1号楼']!.path }]);

    const rows = await cluster.sql<{ id: number; status: string; closed_at: Date | null; rating: number | null }>(
      'select id, status, closed_at, rating from need where id in (?, ?) order by id',
      [old, recent],
    );
    expect(rows.map((r) => [r.id, r.status])).toEqual([
      [old, 'CLOSED'],
      [recent, 'RESOLVED'],
    ]);
    expect(rows[0]!.closed_at).not.toBeNull();
    expect(rows[0]!.rating).toBeNull();
    const events = await cluster.sql<{ kind: string; from_status: string; to_status: string; actor_id: number | null }>(
      'select kind, from_status, to_status, actor_id from need_event where need_id = ? order by id',
      [old],
    );
    expect(events.at(-1)).toEqual({
      kind: 'AUTO_CLOSED',
      from_status: 'RESOLVED',
      to_status: 'CLOSED',
      actor_id: null,
    });
    expect(await closeUnconfirmedNeeds(cluster.a.app.orm.em.fork())).toEqual([]);
  });

  it('tells subscribers on every instance', async () => {
    const subscriber = new Subscriber(cluster.a.ws).subscribe(area['幸福里社区']!.id);
    try {
      await listening(cluster.b, subscriber);
      const old = await resolvedNeed('没人确认', 9);
      expect(await autoCloseNeeds(cluster.b.app.orm.em.fork(), cluster.b.app.events)).toBe(1);
      const closed = () => subscriber.received.find((n) => n.id === String(old) && n.status === 'CLOSED');
      await eventually(() => closed() !== undefined, 'the closed need');
      expect(closed()!.events.at(-1)).toEqual({ kind: 'AUTO_CLOSED' });
    } finally {
      await subscriber.close();
    }
  });
});

describe.skipIf(!hasRedis && !process.env.CI)('needChanged over Redis', () => {
  let redis: { url: string; stop(): Promise<void> } | undefined;
  let redisCluster: Cluster | undefined;

  beforeAll(async () => {
    redis = await startRedis();
    redisCluster = await startCluster({ REDIS_URL: redis.url });
  });
  afterAll(async () => {
    await redisCluster?.close();
    await redis?.stop();
  });

  it('delivers across instances through Redis', async () => {
    const { a, b } = redisCluster!;
    expect(a.app.events.transport).toBe('redis');
    const redisArea = await areasOf(redisCluster!);
    const subscriber = new Subscriber(a.ws, { authToken: await tokenFor(a, staff) }).subscribe(
      redisArea['幸福里社区']!.id,
    );
    try {
      const first = await raise(b, resident, { title: '探针', areaId: redisArea['1号楼']!.id });
      const timer = setInterval(
        () => publishNeedChange(b.app.events, { id: Number(first.id), areaPath: redisArea['1号楼']!.path }),
        50,
      );
      try {
        await eventually(() => subscriber.received.some((n) => n.id === first.id), 'the subscription to start');
      } finally {
        clearInterval(timer);
      }
      const secret = await raise(b, resident, { title: '经由 Redis', isPublic: false, areaId: redisArea['1号楼']!.id });
      await eventually(() => subscriber.ids().includes(secret.id), 'the need raised on the other instance');
      expect(subscriber.received.find((n) => n.id === secret.id)).toMatchObject({
        title: '经由 Redis',
        isPublic: false,
      });
    } finally {
      await subscriber.close();
    }
  });
});
