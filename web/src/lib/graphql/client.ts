import { Client, cacheExchange, fetchExchange, subscriptionExchange } from '@urql/core';
import type { Client as WsClient } from 'graphql-ws';
import { getLocale } from '#lib/paraglide/runtime.js';

/**
 * Live updates (subscriptions) go over one WebSocket at /graphql (graphql-ws). It opens
 * with the first subscription and closes after the last; the session cookie goes with it.
 * Its code comes with the first subscription too: the sign-in page has none.
 */
let ws: Promise<WsClient> | null = null;
const reconnectListeners = new Set<() => void>();
function wsClient(): Promise<WsClient> {
  if (ws) return ws;
  const loading = import('graphql-ws').then(({ createClient }) =>
    createClient({
      url: () => `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`,
      retryAttempts: 20,
      shouldRetry: () => true,
      on: {
        // Changes made while the connection was down were not announced: pages reload what they show.
        connected: (_socket, _payload, wasRetry) => {
          if (wasRetry) reconnectListeners.forEach((listener) => listener());
        },
      },
    }),
  );
  // Code that did not come (a dropped link) is asked for again by the next subscription.
  loading.catch(() => {
    if (ws === loading) ws = null;
  });
  ws = loading;
  return ws;
}

/** Calls `listener` each time the live connection comes back after a drop; returns the unsubscribe. */
export function onLiveReconnect(listener: () => void): () => void {
  reconnectListeners.add(listener);
  return () => reconnectListeners.delete(listener);
}

/** Drops the live connection, e.g. after signing out, so the next one carries the new session. */
export function resetLiveUpdates(): void {
  ws?.then((client) => client.terminate());
  ws = null;
}

/**
 * The one GraphQL client. The session lives in an httpOnly cookie on the same origin,
 * and the chosen language goes out as Accept-Language so that the server's error
 * messages come back in it.
 */
export const client = new Client({
  url: '/graphql',
  exchanges: [
    cacheExchange,
    fetchExchange,
    subscriptionExchange({
      forwardSubscription(request) {
        const input = { ...request, query: request.query || '' };
        return {
          subscribe(sink) {
            let dispose: (() => void) | null = null;
            let ended = false;
            wsClient().then(
              (live) => {
                if (!ended) dispose = live.subscribe(input, sink);
              },
              (error: unknown) => sink.error(error),
            );
            return {
              unsubscribe: () => {
                ended = true;
                dispose?.();
              },
            };
          },
        };
      },
    }),
  ],
  // POST with a JSON body: Apollo Server's CSRF protection refuses plain GET queries.
  preferGetMethod: false,
  fetchOptions: () => ({
    credentials: 'same-origin',
    headers: { 'Accept-Language': getLocale() },
  }),
});
