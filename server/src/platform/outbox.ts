import type { EntityManager } from '@mikro-orm/postgresql';
import { OutboxMessage } from './outbox-message.entity.js';

/*
 * Stand-in for s-notify's outbox (issue 12), with exactly the contract's signature: it only
 * writes the row. The real module (worker, senders, retries, quiet hours) replaces this file.
 */

export interface OutgoingMessage {
  channel: 'SMS';
  /** The phone number. */
  recipient: string;
  /** e.g. 'SIGN_IN_CODE', 'NEED_RESOLVED' */
  template: string;
  params: Record<string, string>;
  /** Urgent ones ignore quiet hours. */
  urgent?: boolean;
  /** Quiet hours: computed by the caller (notifications/). */
  notBefore?: Date;
}

/** Written in the caller's transaction (em is the transaction's manager); sent after commit by the outbox worker. */
export function enqueueMessage(em: EntityManager, message: OutgoingMessage, now: Date = new Date()): void {
  em.create(OutboxMessage, {
    channel: message.channel,
    recipient: message.recipient,
    template: message.template,
    params: message.params,
    createdAt: now,
  });
}
