import type { CombinedError } from '@urql/core';
import type { ErrorCode } from '#error-codes';
import { m } from '#lib/paraglide/messages.js';

/** What a form shows: one general message and, per input field, its own message. */
export interface FormErrors {
  code: ErrorCode | 'NETWORK' | 'UNKNOWN' | null;
  message: string | null;
  fields: Record<string, string>;
}

export const noErrors = (): FormErrors => ({ code: null, message: null, fields: {} });

/**
 * Turns an urql error into what a form shows. Server messages are already in the
 * user's language (we send Accept-Language), so they are shown as they come.
 */
export function toFormErrors(error: CombinedError | undefined | null): FormErrors {
  if (!error) return noErrors();
  if (error.networkError && error.graphQLErrors.length === 0) {
    return { code: 'NETWORK', message: m.error_network(), fields: {} };
  }
  const fields: Record<string, string> = {};
  const messages: string[] = [];
  let code: FormErrors['code'] = null;
  for (const e of error.graphQLErrors) {
    const ext = (e.extensions ?? {}) as { code?: string; fields?: Record<string, unknown> };
    code ??= (ext.code as ErrorCode | undefined) ?? 'UNKNOWN';
    if (ext.fields && typeof ext.fields === 'object') {
      for (const [name, text] of Object.entries(ext.fields)) {
        // Nested input paths ("input.phone") are keyed by their last part.
        const key = name.split('.').pop() ?? name;
        if (typeof text === 'string' && !(key in fields)) fields[key] = text;
      }
    }
    if (e.message && !messages.includes(e.message)) messages.push(e.message);
  }
  let message: string | null = messages.length > 0 ? messages.join(' ') : null;
  if (!message && Object.keys(fields).length > 0) message = m.error_check_fields();
  if (!message) message = m.error_unknown();
  return { code, message, fields };
}
