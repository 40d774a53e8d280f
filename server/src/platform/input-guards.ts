import type { MiddlewareFn } from 'type-graphql';
import { badInput, type FieldErrors } from './errors.js';

/**
 * Checks every argument of every GraphQL operation (and the query parameters of the
 * plain-HTTP routes) for what PostgreSQL refuses to store or compare, so that it is the
 * client's BAD_USER_INPUT on the field rather than a failed statement: a NUL byte in text,
 * half of a surrogate pair (jsonb refuses it), a date outside the years PostgreSQL and the
 * app make sense of.
 */
export const EARLIEST_YEAR = 1900;
export const LATEST_YEAR = 9999;

export function isSaneDate(date: Date): boolean {
  const year = date.getUTCFullYear();
  return !Number.isNaN(date.getTime()) && year >= EARLIEST_YEAR && year <= LATEST_YEAR;
}

/** Adds a field error for each bad value inside `value`, named by its path (array positions left out). */
function collect(value: unknown, path: string, errors: FieldErrors): void {
  if (typeof value === 'string') {
    if (value.includes('\u0000') || !value.isWellFormed()) errors[path] ??= { key: 'invalidCharacters' };
  } else if (value instanceof Date) {
    if (!isSaneDate(value)) {
      errors[path] ??= { key: 'dateOutOfRange', params: { from: EARLIEST_YEAR, to: LATEST_YEAR } };
    }
  } else if (Array.isArray(value)) {
    for (const item of value) collect(item, path, errors);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) collect(item, path ? `${path}.${key}` : key, errors);
  }
}

/** The field errors of a set of arguments; an input object's fields are named without the argument (as validation names them). */
export function badValuesIn(args: Record<string, unknown>): FieldErrors {
  const errors: FieldErrors = {};
  for (const [name, value] of Object.entries(args)) {
    const isInputObject =
      value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date);
    collect(value, isInputObject ? '' : name, errors);
  }
  return errors;
}

/** type-graphql global middleware: runs before argument validation and the resolver. */
export const rejectBadValues: MiddlewareFn = async ({ args }, next) => {
  const errors = badValuesIn(args);
  if (Object.keys(errors).length > 0) throw badInput(errors);
  return next();
};
