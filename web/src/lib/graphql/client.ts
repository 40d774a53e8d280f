import { Client, cacheExchange, fetchExchange, subscriptionExchange } from '@urql/core';
import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws';
import { getLocale } from '#lib/paraglide/runtime.js';

/**
 * Live updates (subscriptions) go over one WebSocket at /graphql (graphql-ws). It opens
 * with the first subscription and closes after the last; the session cookie goes with it.
 */
let ws: WsClient | null = null;
const reconnectListeners = new Set<() => void>();
function wsClient(): WsClient {
  ws ??= createWsClient({
    url: () => `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`,
    retryAttempts: 20,
    shouldRetry: () => true,
    on: {
      // Changes made while the connection was down were not announced: pages reload what they show.
      connected: (_socket, _payload, wasRetry) => {
        if (wasRetry) reconnectListeners.forEach((listener) => listener());
      },
    },
  });
  return ws;
}

/** Calls `listener` each time the live connection comes back after a drop; returns the unsubscribe. */
export function onLiveReconnect(listener: () => void): () => void {
  reconnectListeners.add(listener);
  return () => reconnectListeners.delete(listener);
}

/** Drops the live connection, e.g. after signing out, so the next one carries the new session. */
export function resetLiveUpdates(): void {
  ws?.terminate();
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
            const dispose = wsClient().subscribe(input, sink);
            return { unsubscribe: dispose };
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
