import type { EntityManager } from '@mikro-orm/postgresql';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Viewer } from './auth/viewer.js';
import type { Config } from './config.js';
import type { Locale } from './i18n/locale.js';

/** What every resolver gets: its own EntityManager fork, who is asking, in which language. */
export interface Context {
  em: EntityManager;
  viewer: Viewer | null;
  /** The session token the request came with (cookie or bearer), for logout. */
  sessionToken: string | null;
  locale: Locale;
  config: Config;
  request: FastifyRequest;
  reply: FastifyReply;
}
