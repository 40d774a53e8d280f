import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export type NodeEnv = 'development' | 'production' | 'test';
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface Config {
  nodeEnv: NodeEnv;
  port: number;
  host: string;
  /** Unset: an embedded PostgreSQL is started with its data under dataDir. */
  databaseUrl: string | undefined;
  dataDir: string;
  /** Uploaded photos on local disk: MEDIA_DIR, or DATA_DIR/media. */
  mediaDir: string;
  /** Set (S3_BUCKET): photos go to an S3-compatible store instead of mediaDir. */
  s3: S3Config | null;
  embeddedPgPort: number;
  seedDemo: boolean;
  sessionTtlDays: number;
  cookieSecure: boolean;
  /** Whose X-Forwarded-For to believe: nobody (false), that many proxy hops, or these proxy addresses/CIDRs. */
  trustProxy: TrustProxy;
  logLevel: LogLevel;
  redisUrl: string | undefined;
  webDir: string;
  exports: ExportLimits;
  photoProcessing: PhotoProcessingLimits;
  /** A request (headers and body) must arrive within this; a trickled body is cut off. */
  requestTimeoutMs: number;
  /** A connection silent for this long is closed. */
  connectionTimeoutMs: number;
  /** An idle keep-alive connection is kept this long (longer than a proxy in front keeps its own). */
  keepAliveTimeoutMs: number;
  /** On SIGTERM/SIGINT, requests in flight get this long to finish before their connections are cut. */
  shutdownGraceMs: number;
  // Sign-in by SMS code (people/, issue 12): registration proves the phone with a REGISTER code.
  registrationRequiresCode: boolean;
  /** Message outbox and SMS (notifications, sign-in codes). */
  outbox: OutboxConfig;
}

/** Each export holds a database connection for as long as it streams; these bound how many and for how long. */
export interface ExportLimits {
  /** At once on this instance (the pool has DATABASE_POOL_SIZE connections; the rest of the API keeps the others). */
  maxConcurrent: number;
  maxPerPerson: number;
  /** A reader that takes nothing of what was written for this long is cut off. */
  stallTimeoutMs: number;
}

/** Decoding photos is CPU and memory heavy: this many at once, this many more waiting, the rest refused. */
export interface PhotoProcessingLimits {
  concurrency: number;
  queue: number;
}

// --- Message outbox and SMS sender (notifications, sign-in codes) ---

/** How the outbox worker on each instance drains `outbox_message`, and which sender it hands messages to. */
export interface OutboxConfig {
  /** How often each instance looks for messages due (it keeps draining while it finds full batches). */
  drainIntervalMs: number;
  /** Messages one instance claims at once. */
  batchSize: number;
  /** Failed sends before a message is DEAD (dead-lettered, never tried again). */
  maxAttempts: number;
  /** The first retry waits this long, each further one twice as long (at most an hour). */
  retryBaseMs: number;
  /** One send is abandoned (and counts as failed) after this long. */
  sendTimeoutMs: number;
  sender: 'console' | 'http';
  /** Set when sender is 'http'. */
  http: SmsGatewayConfig | null;
}

/** An HTTP SMS gateway in the style of Aliyun's or Tencent's SendSms: a template id and its parameters. */
export interface SmsGatewayConfig {
  url: string;
  key: string;
  signName: string;
  /** Our template name (SIGN_IN_CODE, NEED_RESOLVED…) → the gateway's template id. */
  templates: Record<string, string>;
}

function smsTemplates(env: Env): Record<string, string> {
  const value = read(env, 'SMS_TEMPLATES') ?? '{}';
  const expected = 'a JSON object from template name to the gateway template id, e.g. {"SIGN_IN_CODE":"SMS_1234"}';
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw new ConfigError('SMS_TEMPLATES', expected, value);
  }
  const valid =
    typeof parsed === 'object' &&
    parsed !== null &&
    !Array.isArray(parsed) &&
    Object.values(parsed).every((id) => typeof id === 'string' && id !== '');
  if (!valid) throw new ConfigError('SMS_TEMPLATES', expected, value);
  return parsed as Record<string, string>;
}

function outboxConfig(env: Env): OutboxConfig {
  const sender = oneOf(env, 'SMS_SENDER', ['console', 'http'] as const, 'console');
  let http: SmsGatewayConfig | null = null;
  if (sender === 'http') {
    const gateway = url(env, 'SMS_GATEWAY_URL', ['https:', 'http:']);
    if (gateway === undefined) throw new ConfigError('SMS_GATEWAY_URL', 'set when SMS_SENDER=http', '');
    http = {
      url: gateway,
      key: read(env, 'SMS_GATEWAY_KEY') ?? '',
      signName: read(env, 'SMS_SIGN_NAME') ?? '',
      templates: smsTemplates(env),
    };
  }
  return {
    drainIntervalMs: integer(env, 'OUTBOX_DRAIN_INTERVAL_MS', 50, 3_600_000, 1000),
    batchSize: integer(env, 'OUTBOX_BATCH_SIZE', 1, 1000, 50),
    maxAttempts: integer(env, 'OUTBOX_MAX_ATTEMPTS', 1, 100, 5),
    retryBaseMs: integer(env, 'OUTBOX_RETRY_BASE_MS', 10, 3_600_000, 30_000),
    sendTimeoutMs: integer(env, 'SMS_TIMEOUT_MS', 100, 120_000, 10_000),
    sender,
    http,
  };
}

// --- end of the outbox block ---

export type TrustProxy = false | number | string[];

export interface S3Config {
  bucket: string;
  /** Unset: AWS S3 itself. */
  endpoint: string | undefined;
  region: string;
  /** `https://host/bucket/key` rather than `https://bucket.host/key`, as most S3-compatible servers want. */
  forcePathStyle: boolean;
  /** Prepended to every object name. */
  prefix: string;
}

/** A bad value stops the server with one line naming the variable. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    expected: string,
    value: string,
  ) {
    super(`Invalid configuration: ${variable} must be ${expected} (got "${value}")`);
  }
}

type Env = Record<string, string | undefined>;

/** Connections in the database pool (platform/orm.ts). */
export const DATABASE_POOL_SIZE = 10;

function read(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === '' ? undefined : value;
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const value = read(env, name);
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new ConfigError(name, `one of ${allowed.join(', ')}`, value);
  }
  return value as T;
}

function integer(env: Env, name: string, min: number, max: number, fallback: number): number {
  const value = read(env, name);
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!/^\d+$/.test(value) || parsed < min || parsed > max) {
    throw new ConfigError(name, `an integer from ${min} to ${max}`, value);
  }
  return parsed;
}

function boolean(env: Env, name: string, fallback: boolean): boolean {
  const value = read(env, name)?.toLowerCase();
  if (value === undefined) return fallback;
  if (['true', '1', 'yes'].includes(value)) return true;
  if (['false', '0', 'no'].includes(value)) return false;
  throw new ConfigError(name, 'true or false', value);
}

function url(env: Env, name: string, protocols: readonly string[]): string | undefined {
  const value = read(env, name);
  if (value === undefined) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new ConfigError(name, `a URL starting with ${protocols.join(' or ')}`, value);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(name, `a URL starting with ${protocols.join(' or ')}`, value);
  }
  return value;
}

const MAX_PROXY_HOPS = 10;
const TRUST_PROXY_EXPECTED = `the number of proxies in front (1 to ${MAX_PROXY_HOPS}), or their addresses or CIDRs separated by commas, or false ("true" would believe any X-Forwarded-For a client sends)`;

function isAddressOrCidr(entry: string): boolean {
  const [address = '', prefix, ...rest] = entry.split('/');
  const version = net.isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128);
}

/**
 * Only what is configured is trusted: with 1, the address the one proxy saw (the last entry
 * of X-Forwarded-For); with addresses, hops from those addresses. Never every hop.
 */
function trustProxy(env: Env): TrustProxy {
  const value = read(env, 'TRUST_PROXY');
  if (value === undefined || ['false', '0', 'no'].includes(value.toLowerCase())) return false;
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops > MAX_PROXY_HOPS) throw new ConfigError('TRUST_PROXY', TRUST_PROXY_EXPECTED, value);
    return hops;
  }
  const entries = value.split(',').map((entry) => entry.trim());
  if (!entries.every(isAddressOrCidr)) throw new ConfigError('TRUST_PROXY', TRUST_PROXY_EXPECTED, value);
  return entries;
}

function s3Config(env: Env): S3Config | null {
  const bucket = read(env, 'S3_BUCKET');
  if (bucket === undefined) return null;
  const endpoint = url(env, 'S3_ENDPOINT', ['https:', 'http:']);
  return {
    bucket,
    endpoint,
    region: read(env, 'S3_REGION') ?? 'us-east-1',
    forcePathStyle: boolean(env, 'S3_FORCE_PATH_STYLE', endpoint !== undefined),
    prefix: read(env, 'S3_PREFIX') ?? 'media/',
  };
}

function exportLimits(env: Env): ExportLimits {
  // Exports may take at most half the pool, so GraphQL and /readyz always find a connection.
  const maxConcurrent = integer(env, 'EXPORT_MAX_CONCURRENT', 1, DATABASE_POOL_SIZE / 2, 3);
  return {
    maxConcurrent,
    maxPerPerson: integer(env, 'EXPORT_MAX_PER_PERSON', 1, maxConcurrent, Math.min(2, maxConcurrent)),
    stallTimeoutMs: integer(env, 'EXPORT_STALL_TIMEOUT_MS', 100, 600_000, 30_000),
  };
}

/**
 * One photo at a time per core, but never more than leaves two of libuv's threads (which sharp
 * shares with password hashing and file access) free, so sign-ins stay fast during a burst.
 */
function photoProcessingLimits(env: Env): PhotoProcessingLimits {
  const threadPool = Number(env.UV_THREADPOOL_SIZE) || 4;
  const fallback = Math.max(1, Math.min(os.availableParallelism(), threadPool - 2));
  const concurrency = integer(env, 'PHOTO_PROCESSING_CONCURRENCY', 1, 64, fallback);
  return { concurrency, queue: integer(env, 'PHOTO_PROCESSING_QUEUE', 0, 1000, concurrency * 4) };
}

export function loadConfig(env: Env = process.env, root = process.cwd()): Config {
  const nodeEnv = oneOf(env, 'NODE_ENV', ['development', 'production', 'test'] as const, 'development');
  const production = nodeEnv === 'production';
  const dataDir = path.resolve(root, read(env, 'DATA_DIR') ?? '.data');
  return {
    nodeEnv,
    port: integer(env, 'PORT', 0, 65535, 4000),
    host: read(env, 'HOST') ?? '0.0.0.0',
    databaseUrl: url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']),
    dataDir,
    mediaDir: path.resolve(root, read(env, 'MEDIA_DIR') ?? path.join(dataDir, 'media')),
    s3: s3Config(env),
    embeddedPgPort: integer(env, 'EMBEDDED_PG_PORT', 1024, 65535, 54329),
    // Demo accounts share a known password, so production never gets them.
    seedDemo: production ? false : boolean(env, 'SEED_DEMO', true),
    sessionTtlDays: integer(env, 'SESSION_TTL_DAYS', 1, 365, 30),
    cookieSecure: boolean(env, 'COOKIE_SECURE', production),
    trustProxy: trustProxy(env),
    logLevel: oneOf(env, 'LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, 'info'),
    redisUrl: url(env, 'REDIS_URL', ['redis:', 'rediss:']),
    webDir: path.resolve(root, read(env, 'WEB_DIR') ?? 'web/build'),
    exports: exportLimits(env),
    photoProcessing: photoProcessingLimits(env),
    requestTimeoutMs: integer(env, 'REQUEST_TIMEOUT_MS', 100, 3_600_000, 60_000),
    connectionTimeoutMs: integer(env, 'CONNECTION_TIMEOUT_MS', 100, 3_600_000, 30_000),
    keepAliveTimeoutMs: integer(env, 'KEEP_ALIVE_TIMEOUT_MS', 100, 3_600_000, 72_000),
    shutdownGraceMs: integer(env, 'SHUTDOWN_GRACE_MS', 0, 3_600_000, 10_000),
    // Sign-in by SMS code (people/, issue 12): on in production, where a phone must be its owner's;
    // off elsewhere, so development and tests register without reading the outbox.
    registrationRequiresCode: boolean(env, 'REGISTRATION_REQUIRES_CODE', production),
    outbox: outboxConfig(env),
  };
}
