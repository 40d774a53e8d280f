import type { Logger } from 'pino';
import type { OutboxConfig, SmsGatewayConfig } from './config.js';

/** One message as a sender gets it. */
export interface Envelope {
  id: number;
  channel: string;
  recipient: string;
  template: string;
  params: Record<string, string>;
  /**
   * Stable for the row, the same on every attempt. The one window no outbox can close is
   * "the gateway accepted, the process died before marking the row SENT": the row is sent
   * again after its lease runs out, with this same key, so a gateway that deduplicates by
   * it (Aliyun's OutId, an Idempotency-Key header) delivers it once.
   */
  idempotencyKey: string;
}

/** Hands a message to the outside world. Throws when it was not accepted (the outbox retries). */
export interface Sender {
  send(message: Envelope, signal: AbortSignal): Promise<void>;
}

/** Refused for good (an unknown template, a 4xx from the gateway): dead-lettered at once, never retried. */
export class PermanentSendError extends Error {}

/** The row's id plus its creation time: stable across attempts, and unique even after a database is rebuilt. */
export function idempotencyKeyOf(row: { id: number; createdAt: Date }): string {
  return `gz-${row.id}-${row.createdAt.getTime().toString(36)}`;
}

/**
 * Development and tests: one log line per message, with its id and key, so a person can read
 * the sign-in code and a test can count that no message went out twice.
 */
export function consoleSender(logger: Logger): Sender {
  return {
    send(message) {
      logger.info(
        {
          outboxId: message.id,
          idempotencyKey: message.idempotencyKey,
          channel: message.channel,
          recipient: message.recipient,
          template: message.template,
          params: message.params,
        },
        'outbox message (console sender)',
      );
      return Promise.resolve();
    },
  };
}

/**
 * An SMS gateway over HTTP in the shape of Aliyun's and Tencent's SendSms: a JSON POST with the
 * phone, the sign name, the gateway's template id and our parameters as the template's. Vendors'
 * own request signing is left to a relay in front of them; this sends the key as a bearer token.
 * A 2xx is accepted unless its JSON body has a `Code` other than `OK` (Aliyun's business
 * errors: retried); 4xx other than 408/429 is permanent; the rest is retried.
 */
export function httpSmsSender(gateway: SmsGatewayConfig): Sender {
  return {
    async send(message, signal) {
      const templateCode = gateway.templates[message.template];
      if (templateCode === undefined) throw new PermanentSendError(`no gateway template for ${message.template}`);
      const response = await fetch(gateway.url, {
        method: 'POST',
        signal,
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${gateway.key}`,
          'idempotency-key': message.idempotencyKey,
        },
        body: JSON.stringify({
          PhoneNumbers: message.recipient,
          SignName: gateway.signName,
          TemplateCode: templateCode,
          TemplateParam: JSON.stringify(message.params),
          // The gateway's own deduplication id (Aliyun OutId, Tencent SessionContext).
          OutId: message.idempotencyKey,
        }),
      });
      // The body is read so that the connection can be reused.
      const text = await response.text();
      // Aliyun answers business errors (rate limits, a bad number) with 200 and a Code other than OK.
      const code = response.ok ? codeIn(text) : undefined;
      if (response.ok && (code === undefined || code === 'OK')) return;
      if (response.ok) throw new Error(`gateway refused: ${code}`);
      const detail = `gateway answered ${response.status}: ${text.slice(0, 200)}`;
      const retryable = response.status >= 500 || response.status === 408 || response.status === 429;
      throw retryable ? new Error(detail) : new PermanentSendError(detail);
    },
  };
}

function codeIn(body: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(body);
    const code = (parsed as { Code?: unknown } | null)?.Code;
    return typeof code === 'string' ? code : undefined;
  } catch {
    return undefined;
  }
}

export function createSender(config: OutboxConfig, logger: Logger): Sender {
  return config.sender === 'http' && config.http ? httpSmsSender(config.http) : consoleSender(logger);
}
