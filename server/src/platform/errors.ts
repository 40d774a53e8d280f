import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import type { ValidationError } from 'class-validator';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import { ArgumentValidationError } from 'type-graphql';
import { ErrorCode } from './error-codes.js';
import { DEFAULT_LOCALE, type Locale } from './i18n/locale.js';
import { isMessageKey, translate, type MessageKey, type MessageParams } from './i18n/messages.js';

export { ErrorCode } from './error-codes.js';

export interface Translatable {
  key: MessageKey;
  params?: MessageParams;
}

/** Field name → message, for input errors shown next to their field. */
export type FieldErrors = Record<string, Translatable>;

export class AppError extends GraphQLError {
  constructor(
    readonly code: ErrorCode,
    readonly translatable: Translatable = { key: code },
    readonly fields?: FieldErrors,
    extra: Record<string, unknown> = {},
  ) {
    super(translatable.key, { extensions: { code, ...extra } });
  }
}

export const unauthenticated = () => new AppError(ErrorCode.UNAUTHENTICATED);
/** `translatable` says why, when the generic message would leave the person guessing. */
export const forbidden = (translatable?: Translatable) => new AppError(ErrorCode.FORBIDDEN, translatable);
export const notFound = () => new AppError(ErrorCode.NOT_FOUND);
/** `extra` tells the client the state that refused the move, e.g. `{ status }`. */
export const invalidState = (extra: Record<string, unknown>) =>
  new AppError(ErrorCode.INVALID_STATE, { key: 'INVALID_STATE' }, undefined, extra);
export const badInput = (fields: FieldErrors, translatable?: Translatable) =>
  new AppError(ErrorCode.BAD_USER_INPUT, translatable, fields);
export const conflict = (translatable: Translatable, fields?: FieldErrors) =>
  new AppError(ErrorCode.CONFLICT, translatable, fields);
/** The message rounds up to whole minutes; `extensions.retryAfterSeconds` (and REST's Retry-After) is exact. */
export const rateLimited = ({ retryAfterSeconds }: { retryAfterSeconds: number }) => {
  const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
  return new AppError(
    ErrorCode.RATE_LIMITED,
    { key: 'RATE_LIMITED', params: { minutes: Math.ceil(seconds / 60) } },
    undefined,
    { retryAfterSeconds: seconds },
  );
};

/** Refused for now, not for long (a limit on work in progress, not on attempts): try again in some seconds. */
export const tooBusy = (retryAfterSeconds: number, key: MessageKey = 'serverBusy') =>
  new AppError(ErrorCode.RATE_LIMITED, { key, params: { seconds: retryAfterSeconds } }, undefined, {
    retryAfterSeconds,
  });

/** Messages of graphql-armor's limits, set in platform/http so they can be recognised here. */
export const COMPLEXITY_REJECTION = 'QUERY_TOO_COMPLEX';
/** Apollo's message (with no code) for an automatic persisted query whose sha256Hash is not that of its text. */
const APQ_HASH_MISMATCH = 'provided sha does not match query';

// Kept off the JSON: a symbol key is dropped by JSON.stringify, so nothing untranslated leaks.
const PENDING = Symbol('pending translation');
interface PendingTranslation {
  message: Translatable;
  fields?: FieldErrors;
}
type Extensions = Record<string | symbol, unknown>;

function fieldErrorsFromValidation(errors: ValidationError[], prefix = ''): FieldErrors {
  const fields: FieldErrors = {};
  for (const error of errors) {
    const name = prefix + error.property;
    const [constraint] = Object.keys(error.constraints ?? {});
    if (constraint) {
      const context = error.contexts?.[constraint] as Translatable | undefined;
      fields[name] = context && isMessageKey(context.key) ? context : { key: 'invalidValue' };
    }
    if (error.children?.length) Object.assign(fields, fieldErrorsFromValidation(error.children, `${name}.`));
  }
  return fields;
}

function pending(code: ErrorCode, translation: PendingTranslation, extra: Extensions = {}): GraphQLFormattedError {
  return { message: translation.message.key, extensions: { code, ...extra, [PENDING]: translation } };
}

/**
 * The field a graphql-js coercion error is about, named as validation names fields:
 * `Variable "$filter" got invalid value … at "filter.createdTo"` → createdTo, and
 * `Variable "$note" got invalid value …` → note.
 */
function coercedField(message: string): string | null {
  const variable = /^Variable "\$([^"]+)" got invalid value/.exec(message);
  if (!variable) return null;
  const path = /^Variable "\$[^"]+" got invalid value .* at "([^"]+)"; /s.exec(message)?.[1];
  const segments = path?.replace(/\[\d+\]/g, '').split('.') ?? [];
  return segments.length > 1 ? segments.slice(1).join('.') : (variable[1] ?? null);
}

/** Apollo's formatError: turns any error into the vocabulary; hides internals, logs them. */
export function createErrorFormatter(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const path = formatted.path ? { path: formatted.path } : {};
    if (original instanceof AppError) {
      const { code: _code, ...extra } = original.extensions;
      return { ...pending(original.code, { message: original.translatable, fields: original.fields }, extra), ...path };
    }
    if (original instanceof ArgumentValidationError) {
      const validationErrors = original.extensions.validationErrors as ValidationError[];
      return {
        ...pending(ErrorCode.BAD_USER_INPUT, {
          message: { key: 'BAD_USER_INPUT' },
          fields: fieldErrorsFromValidation(validationErrors),
        }),
        ...path,
      };
    }
    const code = formatted.extensions?.code;
    if (formatted.message === APQ_HASH_MISMATCH) {
      return pending(ErrorCode.BAD_USER_INPUT, {
        message: { key: 'BAD_USER_INPUT' },
        fields: { persistedQuery: { key: 'invalidValue' } },
      });
    }
    if (typeof formatted.message === 'string' && formatted.message.includes(COMPLEXITY_REJECTION)) {
      return pending(ErrorCode.QUERY_TOO_COMPLEX, { message: { key: 'QUERY_TOO_COMPLEX' } });
    }
    if (code === 'BAD_USER_INPUT') {
      // graphql-js' own coercion errors (a string where an Int belongs): keep its detail for developers.
      const field = coercedField(formatted.message);
      return pending(
        ErrorCode.BAD_USER_INPUT,
        { message: { key: 'WRONG_TYPE' }, ...(field ? { fields: { [field]: { key: 'invalidValue' } } } : {}) },
        { detail: formatted.message },
      );
    }
    if (typeof code === 'string' && code.startsWith('GRAPHQL_')) return formatted;
    if (code === 'BAD_REQUEST' || code === 'PERSISTED_QUERY_NOT_FOUND' || code === 'OPERATION_RESOLUTION_FAILURE') {
      return formatted;
    }
    logger.error({ err: original, path: formatted.path }, 'unexpected error in GraphQL request');
    return { ...pending(ErrorCode.INTERNAL_SERVER_ERROR, { message: { key: 'INTERNAL_SERVER_ERROR' } }), ...path };
  };
}

/** Puts a formatted error into the language of the request (Apollo does this in the plugin below; the WebSocket endpoint itself). */
export function translateFormatted(error: GraphQLFormattedError, locale: Locale): GraphQLFormattedError {
  const extensions = error.extensions as Extensions | undefined;
  const translation = extensions?.[PENDING] as PendingTranslation | undefined;
  if (!extensions || !translation) return error;
  const { [PENDING]: _pending, ...rest } = extensions;
  const fields = translation.fields
    ? Object.fromEntries(
        Object.entries(translation.fields).map(([name, t]) => [name, translate(locale, t.key, t.params)]),
      )
    : undefined;
  return {
    ...error,
    message: translate(locale, translation.message.key, translation.message.params),
    extensions: fields ? { ...rest, fields } : rest,
  };
}

/** Translates formatted errors into the request's language once the context (and so the locale) is known. */
export function errorTranslationPlugin(): ApolloServerPlugin<{ locale?: Locale }> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          const locale = contextValue?.locale ?? DEFAULT_LOCALE;
          const body = response.body;
          if (body.kind === 'single' && body.singleResult.errors) {
            body.singleResult.errors = body.singleResult.errors.map((e) => translateFormatted(e, locale));
          }
        },
      };
    },
  };
}
