import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import type { OutboxConfig } from './config.js';
import type { PeriodicJob } from './module.js';
import { OutboxMessage, OutboxStatus } from './outbox.entity.js';
import { createSender, idempotencyKeyOf, PermanentSendError, type Sender } from './outbox.senders.js';

/**
 * The message outbox. What it promises, and how:
 * - Nothing is lost: a message is a row written in the transaction of the change it tells of;
 *   if that commits, the row is there for a worker, whatever happens to the process after.
 * - Two instances never send one row at once: a claim is one UPDATE over rows taken with
 *   FOR UPDATE SKIP LOCKED, giving the row to one claim (a token) until its lease ends; the
 *   claimer starts no send that could outlast the lease, and only that token can mark the row.
 * - A row marked SENT is never sent again: only PENDING rows and SENDING rows whose lease ran
 *   out are claimed.
 * - The window no outbox can close: the gateway accepted a message and the process died before
 *   marking it SENT. The row is claimed again when its lease runs out and sent with the same
 *   idempotency key (outbox.senders.ts), so a gateway that deduplicates by it delivers once;
 *   one that does not may deliver that one message twice.
 */

export interface OutgoingMessage {
  channel: 'SMS';
  /** The phone number. */
  recipient: string;
  /** e.g. 'SIGN_IN_CODE', 'NEED_RESOLVED'; the gateway's template id comes from SMS_TEMPLATES. */
  template: string;
  params: Record<string, string>;
  /** Urgent ones ignore quiet hours (and `notBefore`). */
  urgent?: boolean;
  /** Quiet hours: computed by the caller (notifications/). */
  notBefore?: Date;
}

/** Written in the caller's transaction (em is the transaction's manager); sent after commit by the outbox worker. */
export function enqueueMessage(em: EntityManager, message: OutgoingMessage, now: Date = new Date()): void {
  const notBefore = !message.urgent && message.notBefore && message.notBefore > now ? message.notBefore : now;
  em.create(OutboxMessage, {
    channel: message.channel,
    recipient: message.recipient,
    template: message.template,
    params: message.params,
    notBefore,
    createdAt: now,
  });
}

const RETRY_MAX_MS = 60 * 60 * 1000;

/** Wait before the next try after `attempts` failed ones: base, 2×, 4×… capped at an hour. */
export function retryDelayMs(attempts: number, baseMs: number): number {
  return Math.min(RETRY_MAX_MS, baseMs * 2 ** Math.max(0, attempts - 1));
}

/** After a failed send: DEAD when refused for good or out of attempts, else PENDING again after the backoff. */
export function afterFailure(
  attempts: number,
  permanent: boolean,
  settings: Pick<OutboxConfig, 'maxAttempts' | 'retryBaseMs'>,
): { status: OutboxStatus.DEAD } | { status: OutboxStatus.PENDING; retryInMs: number } {
  if (permanent || attempts >= settings.maxAttempts) return { status: OutboxStatus.DEAD };
  return { status: OutboxStatus.PENDING, retryInMs: retryDelayMs(attempts, settings.retryBaseMs) };
}

/** Room left in a lease for the marks after the last send. */
const LEASE_MARGIN_MS = 2000;

/** A claim lasts long enough for every send of the batch to time out, one after another. */
export const leaseMsOf = (settings: Pick<OutboxConfig, 'batchSize' | 'sendTimeoutMs'>) =>
  settings.batchSize * settings.sendTimeoutMs + LEASE_MARGIN_MS;

/** This process, as `claimed_by` shows it. */
export const INSTANCE_NAME = `${os.hostname()}:${process.pid}`.slice(0, 100);

interface ClaimedRow {
  id: number;
  channel: string;
  recipient: string;
  template: string;
  params: Record<string, string>;
  attempts: number;
  created_at: Date;
}

export interface DrainResult {
  claimed: number;
  sent: number;
  failed: number;
}

export type DrainSettings = Pick<OutboxConfig, 'batchSize' | 'sendTimeoutMs' | 'maxAttempts' | 'retryBaseMs'>;

/**
 * Claims one batch of due messages and sends them one by one, marking each as soon as its
 * send ends (so a crash re-sends at most the one in flight). Each statement commits on its
 * own: no transaction or row lock is held while sending.
 */
export async function drainBatch(
  em: EntityManager,
  sender: Sender,
  settings: DrainSettings,
  logger: Logger,
  stopping?: AbortSignal,
): Promise<DrainResult> {
  // Started before the claim's now(): time measured here is never shorter than the lease's.
  const started = performance.now();
  const leaseMs = leaseMsOf(settings);
  const token = randomUUID();
  const rows = await em.execute<ClaimedRow[]>(
    `update outbox_message m
        set status = 'SENDING', attempts = m.attempts + 1, claim_token = ?, claimed_by = ?,
            not_before = now() + ? * interval '1 millisecond'
      where m.id in (select id from outbox_message
                      where status in ('PENDING', 'SENDING') and not_before <= now()
                      order by not_before, id limit ? for update skip locked)
      returning m.id, m.channel, m.recipient, m.template, m.params, m.attempts, m.created_at`,
    [token, INSTANCE_NAME, leaseMs, settings.batchSize],
  );
  rows.sort((a, b) => a.id - b.id);
  const result: DrainResult = { claimed: rows.length, sent: 0, failed: 0 };
  for (const [index, row] of rows.entries()) {
    const outlastsLease = performance.now() - started + settings.sendTimeoutMs > leaseMs - LEASE_MARGIN_MS / 2;
    if (outlastsLease || stopping?.aborted) {
      // This send could outlast the lease and race another instance, or the app is stopping: give the rest back.
      await em.execute(
        `update outbox_message set status = 'PENDING', attempts = attempts - 1, not_before = now(), claim_token = null
          where id = any(?::int[]) and claim_token = ?`,
        [
          `{${rows
            .slice(index)
            .map((rest) => rest.id)
            .join(',')}}`,
          token,
        ],
      );
      break;
    }
    let failure: unknown = null;
    try {
      await sender.send(
        {
          id: row.id,
          channel: row.channel,
          recipient: row.recipient,
          template: row.template,
          params: row.params,
          idempotencyKey: idempotencyKeyOf({ id: row.id, createdAt: new Date(row.created_at) }),
        },
        // Not cut short by stopping: a send abandoned halfway is the one window described above.
        AbortSignal.timeout(settings.sendTimeoutMs),
      );
    } catch (error) {
      failure = error;
    }
    if (failure === null) {
      const marked = await em.execute<{ affectedRows: number }>(
        // Committed without waiting for the disk (synchronous_commit off for this statement alone):
        // PostgreSQL crashing within its next WAL flush can forget the mark, and then the message is
        // sent again after its lease with the same key, the window already described above. The
        // claim keeps waiting, since a forgotten claim could let two instances send at once.
        `update outbox_message set status = 'SENT', sent_at = now(), claim_token = null, last_error = null
           from (select set_config('synchronous_commit', 'off', true)) as async_commit
          where id = ? and claim_token = ?`,
        [row.id, token],
        'run',
      );
      if (marked.affectedRows === 0) logger.warn({ outboxId: row.id }, 'outbox: sent after its lease was lost');
      result.sent++;
      continue;
    }
    result.failed++;
    const next = afterFailure(row.attempts, failure instanceof PermanentSendError, settings);
    const error = (failure instanceof Error ? failure.message : String(failure)).slice(0, 500);
    logger.warn({ outboxId: row.id, attempts: row.attempts, next: next.status, error }, 'outbox: send failed');
    await em.execute(
      `update outbox_message set status = ?, claim_token = null, last_error = ?,
              not_before = now() + ? * interval '1 millisecond'
        where id = ? and claim_token = ?`,
      [next.status, error, next.status === OutboxStatus.PENDING ? next.retryInMs : 0, row.id, token],
    );
  }
  return result;
}

/** One run of the worker keeps draining full batches for at most this long, then lets the next run go on. */
const RUN_BUDGET_MS = 5000;

/** Drains while batches come back full, within the run's budget. */
export async function drainOutbox(
  em: EntityManager,
  sender: Sender,
  settings: DrainSettings,
  logger: Logger,
  stopping?: AbortSignal,
): Promise<DrainResult> {
  const total: DrainResult = { claimed: 0, sent: 0, failed: 0 };
  const started = performance.now();
  for (;;) {
    if (stopping?.aborted) return total;
    const batch = await drainBatch(em.fork(), sender, settings, logger, stopping);
    total.claimed += batch.claimed;
    total.sent += batch.sent;
    total.failed += batch.failed;
    if (batch.claimed < settings.batchSize || performance.now() - started > RUN_BUDGET_MS) return total;
  }
}

/** SENT rows are kept a week (a person asking "did the code go out?"), then deleted. */
export const SENT_KEPT_DAYS = 7;

export async function deleteOldSentMessages(em: EntityManager, now = new Date()): Promise<number> {
  const result = await em.execute<{ affectedRows: number }>(
    `delete from outbox_message where status = 'SENT' and sent_at < ?`,
    [new Date(now.getTime() - SENT_KEPT_DAYS * 24 * 3600 * 1000)],
    'run',
  );
  return result.affectedRows;
}

const senders = new WeakMap<OutboxConfig, Sender>();

export const outboxJobs: readonly PeriodicJob[] = [
  {
    name: 'drainOutbox',
    intervalMs: (config) => config.outbox.drainIntervalMs,
    async run({ orm, config, logger, stopping }) {
      let sender = senders.get(config.outbox);
      if (!sender) {
        sender = createSender(config.outbox, logger);
        senders.set(config.outbox, sender);
      }
      await drainOutbox(orm.em.fork(), sender, config.outbox, logger, stopping);
    },
  },
  {
    name: 'deleteOldSentMessages',
    intervalMs: 60 * 60 * 1000,
    async run({ orm }) {
      await deleteOldSentMessages(orm.em.fork());
    },
  },
];
