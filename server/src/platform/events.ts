import { createPubSub, type PubSub, type PubSubEventTarget } from '@graphql-yoga/subscription';
import pg from 'pg';
import type { Logger } from 'pino';

/**
 * Topics are `<name>:<id>`; a feature declares its own names and payloads. Payloads are
 * small JSON (ids and paths, never rows): each subscriber reads what it may see itself.
 */
type Topics = Record<string, [id: string | number, payload: unknown]>;

/**
 * Events that reach every instance of the app: type-graphql subscriptions listen here
 * (buildSchema's `pubSub`), and features publish here after their transaction commits.
 * Delivery is at most once: an event sent while a connection is down is lost, so pages
 * treat events as hints to refetch, never as the data itself.
 */
export interface EventBus extends PubSub<Topics> {
  readonly transport: 'postgres' | 'redis' | 'memory';
  close(): Promise<void>;
}

type Target = PubSubEventTarget<Topics>;

/** The one PostgreSQL channel; the topic travels in the payload. */
export const NOTIFY_CHANNEL = 'gongzhi_events';
/** `application_name` of the listening connection, as pg_stat_activity shows it. */
export const LISTENER_NAME = 'gongzhi-events';
/** PostgreSQL refuses NOTIFY payloads of 8000 bytes or more. */
const MAX_NOTIFY_BYTES = 7900;
const RECONNECT_MAX_MS = 30_000;

interface Envelope {
  topic: string;
  detail: unknown;
}

/**
 * LISTEN/NOTIFY on one dedicated connection (a pooled one could be handed to another
 * query between LISTEN and the notification). Dispatching sends a NOTIFY; every
 * instance on the database, this one included, dispatches it to its local listeners
 * when PostgreSQL delivers it. A dropped connection is re-made with backoff.
 */
class PostgresEventTarget extends EventTarget {
  private client: pg.Client | null = null;
  private closed = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private attempt = 0;
  /** NOTIFYs go one after another: a pg.Client runs one query at a time. */
  private sending: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly databaseUrl: string,
    private readonly logger: Logger,
  ) {
    super();
  }

  /** Resolves once listening; a first connection that fails fails the start. */
  async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.databaseUrl, application_name: LISTENER_NAME });
    let ended = false;
    client.on('notification', (message) => this.deliver(message.payload));
    client.on('error', (error) => {
      this.logger.warn({ err: error }, 'live updates: PostgreSQL connection failed');
      this.lost(client);
    });
    client.on('end', () => {
      ended = true;
      this.lost(client);
    });
    try {
      await client.connect();
      await client.query(`listen ${NOTIFY_CHANNEL}`);
    } catch (error) {
      await client.end().catch(() => {});
      throw error;
    }
    if (this.closed || ended) {
      await client.end().catch(() => {});
      if (ended && !this.closed) throw new Error('connection ended while starting to listen');
      return;
    }
    this.client = client;
    this.attempt = 0;
  }

  private lost(client: pg.Client) {
    if (this.client !== client) return;
    this.client = null;
    client.end().catch(() => {});
    if (!this.closed) this.scheduleReconnect();
  }

  private scheduleReconnect() {
    const delay = Math.min(RECONNECT_MAX_MS, 250 * 2 ** this.attempt++);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.connect().then(
        () => this.logger.info('live updates: listening on PostgreSQL again'),
        (error: unknown) => {
          this.logger.warn({ err: error, retryInMs: delay }, 'live updates: cannot reconnect to PostgreSQL');
          if (!this.closed) this.scheduleReconnect();
        },
      );
    }, delay);
    this.retryTimer.unref();
  }

  private deliver(payload: string | undefined) {
    if (!payload) return;
    let envelope: Envelope;
    try {
      envelope = JSON.parse(payload) as Envelope;
    } catch {
      return;
    }
    if (typeof envelope.topic === 'string') {
      super.dispatchEvent(new CustomEvent(envelope.topic, { detail: envelope.detail }));
    }
  }

  override dispatchEvent(event: Event): boolean {
    const payload = JSON.stringify({ topic: event.type, detail: (event as CustomEvent).detail } satisfies Envelope);
    if (Buffer.byteLength(payload) > MAX_NOTIFY_BYTES) {
      this.logger.error({ topic: event.type }, 'live updates: event too large for NOTIFY, dropped');
      return false;
    }
    if (!this.client) {
      this.logger.warn({ topic: event.type }, 'live updates: not connected to PostgreSQL, event dropped');
      return false;
    }
    const client = this.client;
    this.sending = this.sending
      .then(() => client.query('select pg_notify($1, $2)', [NOTIFY_CHANNEL, payload]))
      .catch((error: unknown) => {
        this.logger.warn({ err: error, topic: event.type }, 'live updates: NOTIFY failed, event dropped');
      });
    return true;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => {});
  }
}

/** The database's name keeps apps on other databases sharing a Redis apart. */
function redisPrefix(databaseUrl: string): string {
  return `gongzhi:${decodeURIComponent(new URL(databaseUrl).pathname.slice(1))}:`;
}

/**
 * Redis publish/subscribe (@graphql-yoga/redis-event-target) on two connections, as Redis
 * requires; ioredis reconnects and subscribes again by itself. Publishing is wrapped so
 * that a Redis outage drops the event with a warning instead of an unhandled rejection.
 * Both libraries are loaded only here, so a start without REDIS_URL does not pay for them.
 */
async function redisEventTarget(
  redisUrl: string,
  databaseUrl: string,
  logger: Logger,
): Promise<{ target: Target; close(): Promise<void> }> {
  const [{ Redis }, { createRedisEventTarget }] = await Promise.all([
    import('ioredis'),
    import('@graphql-yoga/redis-event-target'),
  ]);
  const options = { lazyConnect: true, connectionName: 'gongzhi-events' };
  const publisher = new Redis(redisUrl, options);
  // Subscribing waits for the connection however long Redis is away.
  const subscriber = new Redis(redisUrl, { ...options, maxRetriesPerRequest: null });
  for (const client of [publisher, subscriber]) {
    client.on('error', (error: unknown) => logger.warn({ err: error }, 'live updates: Redis connection failed'));
  }
  try {
    await Promise.all([publisher.connect(), subscriber.connect()]);
  } catch (error) {
    publisher.disconnect();
    subscriber.disconnect();
    throw error;
  }
  const prefix = redisPrefix(databaseUrl);
  const inner = createRedisEventTarget<CustomEvent>({ publishClient: publisher, subscribeClient: subscriber });
  type Listener = Parameters<typeof inner.addEventListener>[1];
  let closed = false;
  const target = {
    addEventListener: (topic: string, listener: Listener) => inner.addEventListener(prefix + topic, listener),
    // Subscriptions still ending after close would UNSUBSCRIBE on a closed connection.
    removeEventListener: (topic: string, listener: Listener) =>
      closed || inner.removeEventListener(prefix + topic, listener),
    dispatchEvent(event: Event) {
      const detail = (event as CustomEvent).detail;
      publisher
        .publish(prefix + event.type, detail === undefined ? '' : JSON.stringify(detail))
        .catch((error: unknown) => {
          logger.warn({ err: error, topic: event.type }, 'live updates: Redis publish failed, event dropped');
        });
      return true;
    },
  } as Target;
  return {
    target,
    async close() {
      closed = true;
      await Promise.all([publisher.quit().catch(() => {}), subscriber.quit().catch(() => {})]);
    },
  };
}

/**
 * Redis when `redisUrl` is set, PostgreSQL LISTEN/NOTIFY on `databaseUrl` otherwise.
 * One per app (never module-wide): several apps may run in one process.
 */
export async function createEventBus(options: {
  databaseUrl: string;
  redisUrl?: string;
  logger: Logger;
}): Promise<EventBus> {
  const { databaseUrl, redisUrl, logger } = options;
  if (redisUrl) {
    const redis = await redisEventTarget(redisUrl, databaseUrl, logger);
    return { ...createPubSub<Topics>({ eventTarget: redis.target }), transport: 'redis', close: redis.close };
  }
  const postgres = new PostgresEventTarget(databaseUrl, logger);
  await postgres.connect();
  return {
    ...createPubSub<Topics>({ eventTarget: postgres as unknown as Target }),
    transport: 'postgres',
    close: () => postgres.close(),
  };
}

/** In this process only: for printing the schema, and for tools that run no server. */
export function createLocalEventBus(): EventBus {
  return { ...createPubSub<Topics>(), transport: 'memory', close: async () => {} };
}
