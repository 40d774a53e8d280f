import { createClient, type Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { publishMeetingChange } from '../../server/src/meetings/meetings.live.js';
import { codeFor } from '../../server/src/platform/rotating-codes.js';
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
 * meetingChanged over graphql-ws: two apps on one database (events through PostgreSQL
 * LISTEN/NOTIFY, as without Redis), subscribed on one, check-ins and minutes through the other.
 */
const { resident, neighbour, communityStaff: staff } = DEMO_ACCOUNTS;

let cluster: Cluster;

beforeAll(async () => {
  cluster = await startCluster();
});

afterAll(async () => {
  await cluster?.close();
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

const tokens = new Map<string, string>();
async function signIn(instance: Instance, phone: string): Promise<string> {
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

const sql = <T = any>(instance: Instance, query: string, params: unknown[] = []) =>
  instance.app.orm.em.fork().execute<T[]>(query, params);

interface Received {
  id: string;
  checkedInCount: number;
  invitedCount: number;
  quorumReached: boolean;
  minutes: string | null;
  cancelledAt: string | null;
  participants: { user: { displayName: string } }[];
}

const MEETING_CHANGED = `subscription($id: ID!) { meetingChanged(id: $id) {
  id checkedInCount invitedCount quorumReached minutes cancelledAt participants { user { displayName } } } }`;

class Subscriber {
  readonly received: Received[] = [];
  readonly errors: any[] = [];
  private readonly client: Client;

  constructor(url: string, meetingId: string, authToken?: string) {
    this.client = createClient({
      url,
      webSocketImpl: WebSocket,
      connectionParams: authToken ? { authToken } : undefined,
      retryAttempts: 0,
    });
    this.client.subscribe<{ meetingChanged: Received }>(
      { query: MEETING_CHANGED, variables: { id: meetingId } },
      {
        next: (result) => {
          if (result.data?.meetingChanged) this.received.push(result.data.meetingChanged);
          if (result.errors) this.errors.push(...result.errors);
        },
        error: (error) => this.errors.push(error),
        complete: () => {},
      },
    );
  }

  get last(): Received | undefined {
    return this.received.at(-1);
  }

  close() {
    return this.client.dispose();
  }
}

async function scheduleOn(instance: Instance, title: string, participantIds: string[]): Promise<string> {
  const [area] = await sql<{ id: number }>(instance, `select id from area where name = '幸福里社区'`);
  const data = await gql(
    instance,
    'mutation($input: ScheduleMeetingInput!) { scheduleMeeting(input: $input) { id } }',
    {
      input: {
        title,
        kind: 'RESIDENT_COUNCIL',
        areaId: String(area!.id),
        startsAt: new Date(Date.now() + 3_600_000).toISOString(),
        place: '社区活动室',
        participantIds,
      },
    },
    await signIn(instance, staff),
  );
  return data.scheduleMeeting.id;
}

/**
 * Subscribed on `a` (as staff and signed out), the steps taken through `b`: each subscriber hears
 * of each check-in, the minutes and the cancellation, with what it may see.
 */
async function followsTheMeeting({ a, b }: Cluster): Promise<void> {
  const people = await sql<{ id: number; phone: string }>(
    a,
    `select id, phone from app_user where phone = any(?::text[])`,
    [`{${resident},${neighbour}}`],
  );
  const idOf = (phone: string) => String(people.find((p) => p.phone === phone)!.id);
  const meetingId = await scheduleOn(b, '直播议事会', [idOf(resident), idOf(neighbour)]);
  const otherId = await scheduleOn(b, '另一场', [idOf(resident)]);
  const forStaff = new Subscriber(a.ws, meetingId, await signIn(a, staff));
  const anonymous = new Subscriber(a.ws, meetingId);
  // graphql-ws does not say when a subscription listens: publish until both have heard once.
  const timer = setInterval(() => publishMeetingChange(a.app.events, Number(meetingId)), 50);
  try {
    await eventually(
      () => forStaff.received.length > 0 && anonymous.received.length > 0,
      `the subscriptions: ${JSON.stringify([forStaff.errors, anonymous.errors])}`,
    );
  } finally {
    clearInterval(timer);
  }
  await new Promise((resolve) => setTimeout(resolve, 200));
  forStaff.received.length = 0;
  anonymous.received.length = 0;

  // Another meeting's change does not reach these subscribers.
  await gql(
    b,
    'mutation($m: ID!, $u: ID!) { checkIn(meetingId: $m, userId: $u) { id } }',
    { m: otherId, u: idOf(resident) },
    await signIn(b, staff),
  );

  const [row] = await sql<{ check_in_secret: string }>(a, 'select check_in_secret from meeting where id = ?', [
    Number(meetingId),
  ]);
  const code = codeFor(row!.check_in_secret, `meeting:${meetingId}`, new Date()).code;
  await gql(
    b,
    'mutation($m: ID!, $c: String) { checkIn(meetingId: $m, code: $c) { id } }',
    { m: meetingId, c: code },
    await signIn(b, resident),
  );
  await eventually(() => forStaff.last?.checkedInCount === 1, 'the first check-in');
  expect(forStaff.received).toHaveLength(1);
  expect(forStaff.last).toMatchObject({ invitedCount: 2, quorumReached: false });
  expect(forStaff.last!.participants).toHaveLength(2);
  await eventually(() => anonymous.last?.checkedInCount === 1, 'the first check-in, signed out');
  expect(anonymous.last!.participants).toEqual([]);

  await gql(
    b,
    'mutation($m: ID!, $u: ID!) { checkIn(meetingId: $m, userId: $u) { id } }',
    { m: meetingId, u: idOf(neighbour) },
    await signIn(b, staff),
  );
  await eventually(() => forStaff.last?.checkedInCount === 2, 'the staff check-in');
  expect(forStaff.last!.quorumReached).toBe(true);

  await gql(
    b,
    'mutation($m: ID!, $t: String!) { writeMinutes(meetingId: $m, text: $t) { id } }',
    { m: meetingId, t: '纪要草稿' },
    await signIn(b, staff),
  );
  await eventually(() => forStaff.last?.minutes === '纪要草稿', 'the minutes');
  await eventually(() => anonymous.received.length === 3, 'the minutes, signed out');
  expect(anonymous.last!.minutes).toBeNull();

  await gql(
    b,
    'mutation($id: ID!) { cancelMeeting(id: $id, reason: "改期") { id } }',
    { id: meetingId },
    await signIn(b, staff),
  );
  await eventually(() => !!forStaff.last?.cancelledAt, 'the cancellation');
  expect(forStaff.received).toHaveLength(4);
  expect([forStaff.errors, anonymous.errors]).toEqual([[], []]);
  await Promise.all([forStaff.close(), anonymous.close()]);
}

describe('meetingChanged', () => {
  it('tells every subscriber on another instance of check-ins, the quorum, minutes and a cancellation', async () => {
    expect(cluster.a.app.events.transport).toBe('postgres');
    await followsTheMeeting(cluster);
  });

  it('refuses an unknown meeting', async () => {
    const subscriber = new Subscriber(cluster.a.ws, '999999');
    await eventually(() => subscriber.errors.length > 0, 'the refusal');
    expect(JSON.stringify(subscriber.errors)).toContain('NOT_FOUND');
    await subscriber.close();
  });
});

describe.skipIf(!hasRedis && !process.env.CI)('meetingChanged over Redis', () => {
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
    expect(redisCluster!.a.app.events.transport).toBe('redis');
    await followsTheMeeting(redisCluster!);
  });
});
