import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { fastifyApolloHandler } from '@as-integrations/fastify';
import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyWebsocket from '@fastify/websocket';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { GraphQLError, GraphQLSchema, ValidationContext } from 'graphql';
import type { Logger } from 'pino';
import { SESSION_COOKIE } from './auth/cookies.js';
import type { Viewer } from './auth/viewer.js';
import type { Config } from './config.js';
import type { Context } from './context.js';
import { COMPLEXITY_REJECTION, createErrorFormatter, errorTranslationPlugin, notFound } from './errors.js';
import type { EventBus } from './events.js';
import { negotiateLocale } from './i18n/locale.js';
import { enforceRequestDeadline } from './request-deadline.js';
import { graphqlWebSocketHandler } from './websocket.js';
import { answerInVocabulary } from './http-vocabulary.js';
import { sendAppError, type RouteDeps } from './rest.js';
import { serveWebFiles } from './web-files.js';

export const GRAPHQL_PATH = '/graphql';
export const MAX_QUERY_DEPTH = 12;
export const MAX_QUERY_COST = 20_000;
export const MAX_ALIASES = 30;

/** graphql-armor throws by default, which Apollo reports as an internal error; report a validation error instead. */
const rejectAsValidationError = {
  errorMessage: COMPLEXITY_REJECTION,
  exposeLimits: false,
  propagateOnRejection: false,
  onReject: [(context: ValidationContext | null, error: GraphQLError) => context?.reportError(error)],
};

function sessionTokenOf(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim() || null;
  return request.cookies[SESSION_COOKIE] ?? null;
}

/** Hashes of the inline scripts SvelteKit writes into index.html, so the CSP can allow exactly those. */
function inlineScriptHashes(indexHtml: string): string[] {
  return [...indexHtml.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
    ([, body]) =>
      `'sha256-${createHash('sha256')
        .update(body ?? '')
        .digest('base64')}'`,
  );
}

export async function createHttpApp(options: {
  config: Config;
  orm: MikroORM;
  schema: GraphQLSchema;
  logger: Logger;
  events: EventBus;
  /** The signed-in person behind a session token, or null when it is unknown or expired. */
  findViewer(em: EntityManager, sessionToken: string): Promise<Viewer | null>;
  /** Calls `onEnd` once when the session is signed out (on any instance) or expires; returns the stop. */
  watchSession(em: EntityManager, sessionToken: string, userId: number, onEnd: () => void): Promise<() => void>;
  /** The features' plain-HTTP routes (uploads, media, exports). */
  registerRoutes(app: FastifyInstance, deps: RouteDeps): Promise<void>;
}): Promise<FastifyInstance> {
  const { config, orm, schema, logger, events, findViewer, watchSession, registerRoutes } = options;
  const { trustProxy } = config;
  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    // A hop count as the function Fastify builds for one (its types take no number): the nearest `hops` hops.
    trustProxy: typeof trustProxy === 'number' ? (_address: string, hop: number) => hop < trustProxy : trustProxy,
    bodyLimit: 1024 * 1024,
    requestTimeout: config.requestTimeoutMs,
    connectionTimeout: config.connectionTimeoutMs,
    keepAliveTimeout: config.keepAliveTimeoutMs,
    // Node checks the request timeout this often (30 s by default): check often enough to honour it.
    http: { connectionsCheckingInterval: Math.min(30_000, Math.ceil(config.requestTimeoutMs / 4)) },
  });

  enforceRequestDeadline(app, config.requestTimeoutMs);
  answerInVocabulary(app);

  const indexPath = path.join(config.webDir, 'index.html');
  const indexHtml = fs.existsSync(indexPath) ? fs.readFileSync(indexPath, 'utf8') : null;

  await app.register(fastifyCookie);
  await app.register(fastifyWebsocket, { options: { maxPayload: 1024 * 1024 } });
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", ...(indexHtml ? inlineScriptHashes(indexHtml) : [])],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        upgradeInsecureRequests: config.cookieSecure ? [] : null,
      },
    },
    // Photos and exports are fetched by the app itself; nothing is embedded cross-origin.
    crossOriginEmbedderPolicy: false,
  });

  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    try {
      await orm.em.fork().execute('select 1');
      return { status: 'ready' };
    } catch {
      return reply.code(503).send({ status: 'database unreachable' });
    }
  });

  const validationRules = [
    maxDepthRule({ n: MAX_QUERY_DEPTH, ...rejectAsValidationError }),
    costLimitRule({ maxCost: MAX_QUERY_COST, ...rejectAsValidationError }),
    maxAliasesRule({ n: MAX_ALIASES, ...rejectAsValidationError }),
  ];
  const apollo = new ApolloServer<Context>({
    schema,
    formatError: createErrorFormatter(logger),
    includeStacktraceInErrorResponses: false,
    // No "Did you mean …?" in production, where introspection is off too.
    hideSchemaDetailsFromClientErrors: config.nodeEnv === 'production',
    validationRules,
    plugins: [errorTranslationPlugin(), ApolloServerPluginLandingPageDisabled()],
    // main.ts owns the shutdown order; Apollo's own signal handlers would stop it midway and re-raise the signal.
    stopOnTerminationSignals: false,
  });
  await apollo.start();
  // fastify.close() first lets requests in flight finish, then Apollo stops.
  app.addHook('onClose', () => apollo.stop());

  const createContext = async (
    request: FastifyRequest,
    reply: FastifyReply | null,
    sessionToken: string | null,
  ): Promise<Context> => {
    const em = orm.em.fork();
    return {
      em,
      viewer: sessionToken ? await findViewer(em, sessionToken) : null,
      sessionToken,
      locale: negotiateLocale(request.headers['accept-language']),
      config,
      request,
      reply,
      loaders: new Map(),
      events,
    };
  };
  const apolloHandler = fastifyApolloHandler(apollo, {
    context: (request, reply) => createContext(request, reply, sessionTokenOf(request)),
  });
  // Subscriptions: a WebSocket upgrade of GET /graphql (graphql-ws), beside queries over HTTP.
  app.route({
    url: GRAPHQL_PATH,
    method: 'GET',
    handler: apolloHandler,
    wsHandler: graphqlWebSocketHandler({
      schema,
      validationRules,
      logger,
      isProd: config.nodeEnv === 'production',
      createContext: (request, sessionToken) => createContext(request, null, sessionToken),
      findViewer: (sessionToken) => findViewer(orm.em.fork(), sessionToken),
      watchSession: (token, userId, onEnd) => watchSession(orm.em.fork(), token, userId, onEnd),
    }),
  });
  app.route({ url: GRAPHQL_PATH, method: ['POST', 'OPTIONS'], handler: apolloHandler });

  const routeDeps: RouteDeps = {
    config,
    orm,
    viewerOf: async (em, request) => {
      const sessionToken = sessionTokenOf(request);
      return sessionToken ? findViewer(em, sessionToken) : null;
    },
  };
  await registerRoutes(app, routeDeps);

  if (indexHtml !== null) await serveWebFiles(app, config.webDir);
  app.setNotFoundHandler((request, reply) => {
    // The web app routes on the client: any other GET for a page gets index.html.
    if (indexHtml !== null && request.method === 'GET' && request.headers.accept?.includes('text/html')) {
      // Through the static files, so it goes out compressed like they do.
      return reply.sendFile('index.html');
    }
    return sendAppError(request, reply, notFound());
  });
  return app;
}

/**
 * fastify.close(): no new connections, new requests on open ones get 503, WebSockets
 * close, and requests in flight finish. A request still running after `graceMs` has its
 * connection cut, so a stalled client cannot hold the shutdown.
 */
export async function closeHttp(app: FastifyInstance, graceMs: number, logger: Logger): Promise<void> {
  const deadline = setTimeout(() => {
    logger.warn({ graceMs }, 'requests still in flight at the end of the shutdown grace period; cutting them');
    app.server.closeAllConnections();
  }, graceMs);
  try {
    await app.close();
  } finally {
    clearTimeout(deadline);
  }
}
