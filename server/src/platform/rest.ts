import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { Viewer } from './auth/viewer.js';
import type { Config } from './config.js';
import { AppError, ErrorCode, unauthenticated } from './errors.js';
import { negotiateLocale } from './i18n/locale.js';
import { translate } from './i18n/messages.js';

/** What the plain-HTTP routes (uploads, media, exports) get from platform/http. */
export interface RouteDeps {
  config: Config;
  orm: MikroORM;
  /** The signed-in person behind the request's cookie or bearer token, or null. */
  viewerOf(em: EntityManager, request: FastifyRequest): Promise<Viewer | null>;
}

/** HTTP status for each code of the vocabulary; a new code that is not listed fails to compile. */
const HTTP_STATUS: Record<ErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  BAD_USER_INPUT: 400,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INVALID_STATE: 409,
  RATE_LIMITED: 429,
  QUERY_TOO_COMPLEX: 400,
  INTERNAL_SERVER_ERROR: 500,
};

/** The JSON body of an error outside GraphQL: `{ code, message, fields?, retryAfterSeconds? }`, in the request's language. */
export function sendAppError(
  request: FastifyRequest,
  reply: FastifyReply,
  error: AppError,
  status = HTTP_STATUS[error.code],
) {
  const locale = negotiateLocale(request.headers['accept-language']);
  const fields = error.fields
    ? Object.fromEntries(Object.entries(error.fields).map(([name, t]) => [name, translate(locale, t.key, t.params)]))
    : undefined;
  const retryAfter = error.extensions.retryAfterSeconds;
  if (typeof retryAfter === 'number') reply.header('retry-after', String(retryAfter));
  return reply.code(status).send({
    code: error.code,
    message: translate(locale, error.translatable.key, error.translatable.params),
    ...(fields ? { fields } : {}),
    ...(typeof retryAfter === 'number' ? { retryAfterSeconds: retryAfter } : {}),
  });
}

/** The code of a Fastify client error (FST_…: body too large, unreadable, of an unknown type) by its status. */
function codeOfClientError(status: number): ErrorCode {
  if (status === 401) return ErrorCode.UNAUTHENTICATED;
  if (status === 403) return ErrorCode.FORBIDDEN;
  if (status === 404) return ErrorCode.NOT_FOUND;
  return ErrorCode.BAD_USER_INPUT;
}

/** Error handler of the whole app and of scopes of plain-HTTP routes: everything in the vocabulary, the status kept. */
export function restErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof AppError) return sendAppError(request, reply, error);
  const status = error.statusCode ?? 500;
  if (status >= 500) {
    request.log.error({ err: error }, 'unexpected error in HTTP request');
    return sendAppError(request, reply, new AppError(ErrorCode.INTERNAL_SERVER_ERROR));
  }
  return sendAppError(request, reply, new AppError(codeOfClientError(status)), status);
}

export async function requireViewer(deps: RouteDeps, em: EntityManager, request: FastifyRequest): Promise<Viewer> {
  const viewer = await deps.viewerOf(em, request);
  if (!viewer) throw unauthenticated();
  return viewer;
}
