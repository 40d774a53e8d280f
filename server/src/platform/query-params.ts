import type { FieldErrors } from './errors.js';
import { EARLIEST_YEAR, isSaneDate, LATEST_YEAR } from './input-guards.js';

/*
 * Query parameters of the plain-HTTP routes (exports, reports): each bad one is added to
 * `errors`, so a route names them all in one BAD_USER_INPUT.
 */

export type Query = Record<string, string | string[] | undefined>;

/** Repeated (`statuses=A&statuses=B`) or comma-separated (`statuses=A,B`). */
export function listOf(query: Query, name: string): string[] {
  const raw = query[name];
  const values = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  return values
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter(Boolean);
}

export function one(query: Query, name: string, errors: FieldErrors): string | undefined {
  const values = listOf(query, name);
  if (values.length > 1) errors[name] = { key: 'invalidValue' };
  return values[0];
}

export function enumList<T extends string>(
  query: Query,
  name: string,
  allowed: Record<string, T>,
  errors: FieldErrors,
): T[] | undefined {
  const values = listOf(query, name);
  const known = Object.values(allowed) as string[];
  if (values.some((value) => !known.includes(value))) errors[name] = { key: 'invalidValue' };
  return values.length ? (values as T[]) : undefined;
}

export function booleanOf(query: Query, name: string, errors: FieldErrors): boolean | undefined {
  const value = one(query, name, errors);
  if (value === undefined) return undefined;
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  errors[name] = { key: 'invalidValue' };
  return undefined;
}

export function dateOf(query: Query, name: string, errors: FieldErrors): Date | undefined {
  const value = one(query, name, errors);
  if (value === undefined) return undefined;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) errors[name] = { key: 'invalidValue' };
  else if (!isSaneDate(date))
    errors[name] = { key: 'dateOutOfRange', params: { from: EARLIEST_YEAR, to: LATEST_YEAR } };
  return date;
}
