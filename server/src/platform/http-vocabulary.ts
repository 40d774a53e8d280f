import type { FastifyInstance } from 'fastify';
import { badInput } from './errors.js';
import { badValuesIn } from './input-guards.js';
import { restErrorHandler, sendAppError } from './rest.js';

/**
 * What no route answers itself comes back in the error vocabulary too, `{ code, message,
 * fields? }` in the caller's language: Fastify's own errors (body too large, of an unknown
 * type, not JSON), and query parameters PostgreSQL could not take (a NUL byte), checked
 * once for every route.
 */
export function answerInVocabulary(app: FastifyInstance): void {
  app.setErrorHandler(restErrorHandler);
  app.addHook('preValidation', async (request, reply) => {
    const fields = badValuesIn((request.query ?? {}) as Record<string, unknown>);
    if (Object.keys(fields).length > 0) return sendAppError(request, reply, badInput(fields));
  });
}
