import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { EventBus } from '../platform/events.js';
import { Session } from './session.entity.js';

/**
 * Sessions ending, told to every instance so that WebSockets signed in with them close at
 * once (a socket keeps the viewer it started with). Topic `SESSION_ENDED:<user id>`; the
 * payload names sessions by the SHA-256 of their token, as the database stores them.
 */
const SESSION_ENDED = 'SESSION_ENDED';

type SessionEnded = { endedTokenHash: string } | { keptTokenHash: string | null };

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

/** After logout: the session of `token` has ended. */
export function announceSessionEnded(events: EventBus, userId: number, token: string): void {
  events.publish(SESSION_ENDED, userId, { endedTokenHash: tokenHash(token) } satisfies SessionEnded);
}

/** After a password change: every session of the person but `keptToken`'s has ended. */
export function announceOtherSessionsEnded(events: EventBus, userId: number, keptToken: string | null): void {
  events.publish(SESSION_ENDED, userId, {
    keptTokenHash: keptToken ? tokenHash(keptToken) : null,
  } satisfies SessionEnded);
}

/** setTimeout holds at most about 24.8 days; later expiries are caught by the socket's periodic recheck. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Calls `onEnd` once when the session of `token` is signed out (on any instance) or
 * expires. Returns the function that stops watching.
 */
export async function watchSession(options: {
  events: EventBus;
  em: EntityManager;
  token: string;
  userId: number;
  onEnd(): void;
}): Promise<() => void> {
  const { events, em, token, userId, onEnd } = options;
  const mine = tokenHash(token);
  const session = await em.findOne(Session, { tokenHash: mine }, { fields: ['expiresAt'] });
  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    stop();
    onEnd();
  };
  const expiry = setTimeout(end, Math.min(MAX_TIMER_MS, Math.max(0, (session?.expiresAt.getTime() ?? 0) - Date.now())));
  expiry.unref();
  const stream = events.subscribe(SESSION_ENDED, userId)[Symbol.asyncIterator]();
  const stop = () => {
    ended = true;
    clearTimeout(expiry);
    void stream.return?.();
  };
  void (async () => {
    for (let next = await stream.next(); !next.done; next = await stream.next()) {
      const event = next.value as SessionEnded;
      const endsMine = 'endedTokenHash' in event ? event.endedTokenHash === mine : event.keptTokenHash !== mine;
      if (endsMine) return end();
    }
  })();
  return stop;
}
