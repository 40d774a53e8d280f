import type { EntityManager } from '@mikro-orm/postgresql';
import type DataLoader from 'dataloader';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Viewer } from './auth/viewer.js';
import type { Config } from './config.js';
import type { EventBus } from './events.js';
import type { Locale } from './i18n/locale.js';

/** What every resolver gets: its own EntityManager fork, who is asking, in which language. */
export interface Context {
  em: EntityManager;
  viewer: Viewer | null;
  /** The session token the request came with (cookie or bearer), for logout. */
  sessionToken: string | null;
  locale: Locale;
  config: Config;
  /** For a subscription, the WebSocket's upgrade request. */
  request: FastifyRequest;
  /** Null over WebSocket, where only subscriptions run: nothing there sets cookies. */
  reply: FastifyReply | null;
  /** Per-request batch loaders, see platform/loaders. */
  loaders: Map<string, DataLoader<unknown, unknown>>;
  /** Live updates across instances: publish after commit, subscriptions listen. */
  events: EventBus;
}
