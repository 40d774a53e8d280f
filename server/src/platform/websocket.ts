import type { WebsocketHandler } from '@fastify/websocket';
import type { FastifyRequest } from 'fastify';
import {
  createSourceEventStream,
  execute,
  GraphQLError,
  specifiedRules,
  validate,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLFormattedError,
  type GraphQLSchema,
  type ValidationRule,
} from 'graphql';
import { makeHandler } from 'graphql-ws/use/@fastify/websocket';
import type { Logger } from 'pino';
import { SESSION_COOKIE } from './auth/cookies.js';
import type { Viewer } from './auth/viewer.js';
import type { Context } from './context.js';
import { COMPLEXITY_REJECTION, createErrorFormatter, translateFormatted } from './errors.js';
import { negotiateLocale, type Locale } from './i18n/locale.js';
import { withoutSuggestions } from './schema-details.js';
import { SubscriptionQuota } from './subscription-quota.js';

/**
 * A WebSocket stays open for hours, and each subscription keeps the viewer it started
 * with. A sign-out or password change (announced on the event bus) or the session's
 * expiry closes the socket with 4403 at once; roles changing are caught by reading the
 * session again this often. The client reconnects and subscribes again as whoever it is now.
 */
export const SESSION_RECHECK_MS = 60_000;
export const SESSION_CHANGED = 4403;

/** Who the viewer is and what they hold, comparable between two reads of a session. */
function viewerKey(viewer: Viewer | null): string {
  if (!viewer) return 'anonymous';
  return JSON.stringify([viewer.id, viewer.grants.map((g) => `${g.role}@${g.areaPath}`).sort()]);
}

/** What a client may send in graphql-ws' ConnectionInit: a session token when it has no cookie. */
type ConnectionParams = {
  authToken?: unknown;
};

/**
 * Over WebSocket only subscriptions run. Queries and mutations go over HTTP, where the
 * session cookie is set and cleared and Apollo's plugins and CSRF protection apply.
 */
const subscriptionsOnly: ValidationRule = (context) => ({
  OperationDefinition(node) {
    if (node.operation !== 'subscription') {
      context.reportError(
        new GraphQLError('Only subscriptions run over WebSocket; send queries and mutations over HTTP.', {
          nodes: node,
        }),
      );
    }
  },
});

/**
 * The session token of a WebSocket: `authToken` in the connection parameters, else a
 * bearer header (other servers, scripts), else the session cookie. A browser sends the
 * cookie with a WebSocket opened by any site, so the cookie counts only when the page
 * that opened it came from this host (Cross-Site WebSocket Hijacking).
 */
export function webSocketSessionToken(request: FastifyRequest, params: ConnectionParams | undefined): string | null {
  if (typeof params?.authToken === 'string' && params.authToken) return params.authToken;
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim() || null;
  const cookie = request.cookies[SESSION_COOKIE];
  return cookie && fromThisHost(request) ? cookie : null;
}

function fromThisHost(request: FastifyRequest): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true; // not a browser
  try {
    // Hostnames only: a proxy in front may pass on Host without the port the page used.
    return new URL(origin).hostname === request.hostname;
  } catch {
    return false;
  }
}

/**
 * Like graphql-js' subscribe, but each event is resolved with a context of its own (a new
 * EntityManager fork and new request loaders, the same viewer): a subscription lives for
 * hours, and nothing read for one event may be served stale to the next.
 */
async function subscribeWithFreshContexts(
  args: ExecutionArgs,
): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
  const stream = await createSourceEventStream(args);
  if (!(Symbol.asyncIterator in stream)) return stream;
  const context = args.contextValue as Context;
  return mapEvents(stream, (payload) =>
    execute({
      ...args,
      rootValue: payload,
      contextValue: { ...context, em: context.em.fork(), loaders: new Map() } satisfies Context,
    }),
  );
}

/**
 * Maps an event stream; ending the result ends the source at once, also while it waits
 * for its next event (an async generator would wait for that event first).
 */
function mapEvents<T, R>(source: AsyncIterable<T>, map: (value: T) => Promise<R> | R): AsyncIterableIterator<R> {
  const iterator = source[Symbol.asyncIterator]();
  const end = async (): Promise<IteratorResult<R>> => {
    await iterator.return?.();
    return { value: undefined, done: true };
  };
  return {
    async next() {
      const result = await iterator.next();
      return result.done ? { value: undefined, done: true } : { value: await map(result.value), done: false };
    },
    return: end,
    async throw(error: unknown) {
      await end();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

/**
 * graphql-transport-ws at the GraphQL path (graphql-ws on @fastify/websocket): the same
 * schema, limits, context, error vocabulary and languages as over HTTP.
 */
export function graphqlWebSocketHandler(options: {
  schema: GraphQLSchema;
  validationRules: ValidationRule[];
  logger: Logger;
  isProd: boolean;
  createContext(request: FastifyRequest, sessionToken: string | null): Promise<Context>;
  findViewer(sessionToken: string): Promise<Viewer | null>;
  /** Calls `onEnd` when the session is signed out or expires; resolves to the function that stops watching. */
  watchSession(sessionToken: string, userId: number, onEnd: () => void): Promise<() => void>;
}): WebsocketHandler {
  const { schema, validationRules, logger, isProd, createContext, findViewer, watchSession } = options;
  const formatError = createErrorFormatter(logger);
  const quota = new SubscriptionQuota();
  const format = (error: GraphQLError, locale: Locale, fallbackCode?: string): GraphQLFormattedError => {
    const json = error.toJSON();
    const formatted = isProd ? { ...json, message: withoutSuggestions(json.message) } : json;
    const withCode =
      fallbackCode && !formatted.extensions?.code && !formatted.message.includes(COMPLEXITY_REJECTION)
        ? { ...formatted, extensions: { ...formatted.extensions, code: fallbackCode } }
        : formatted;
    return translateFormatted(formatError(withCode, error), locale);
  };
  return makeHandler<ConnectionParams>({
    schema,
    validate: (schema, document) =>
      validate(schema, document, [...specifiedRules, subscriptionsOnly, ...validationRules]),
    onConnect: async (ctx) => {
      const token = webSocketSessionToken(ctx.extra.request, ctx.connectionParams);
      if (!token) {
        quota.join(ctx, `address:${ctx.extra.request.ip}`);
        return true;
      }
      const viewer = await findViewer(token);
      quota.join(ctx, viewer ? `person:${viewer.id}` : `address:${ctx.extra.request.ip}`);
      const key = viewerKey(viewer);
      const { socket } = ctx.extra;
      if (viewer) {
        const stopWatching = await watchSession(token, viewer.id, () => socket.close(SESSION_CHANGED, 'Session ended'));
        socket.once('close', stopWatching);
        if (socket.readyState !== socket.OPEN) stopWatching();
      }
      if (socket.readyState !== socket.OPEN) return true;
      const timer = setInterval(() => {
        findViewer(token).then(
          (viewer) => {
            if (viewerKey(viewer) !== key) socket.close(SESSION_CHANGED, 'Session or roles changed');
          },
          (error: unknown) => logger.warn({ err: error }, 'cannot check the session of a WebSocket'),
        );
      }, SESSION_RECHECK_MS);
      timer.unref();
      socket.once('close', () => clearInterval(timer));
      return true;
    },
    onSubscribe: (ctx) => {
      const refusal = quota.refusal(ctx);
      return refusal ? [refusal] : undefined;
    },
    onClose: (ctx) => quota.leave(ctx),
    context: (ctx) => createContext(ctx.extra.request, webSocketSessionToken(ctx.extra.request, ctx.connectionParams)),
    subscribe: subscribeWithFreshContexts,
    onNext: (_ctx, _id, _payload, args, result) =>
      result.errors
        ? { ...result, errors: result.errors.map((error) => format(error, (args.contextValue as Context).locale)) }
        : undefined,
    // Refused before running: validation (graphql-js' own, the limits, subscriptions only).
    onError: (ctx, _id, _payload, errors) =>
      errors.map((error) =>
        format(error, negotiateLocale(ctx.extra.request.headers['accept-language']), 'GRAPHQL_VALIDATION_FAILED'),
      ),
    isProd,
  });
}
