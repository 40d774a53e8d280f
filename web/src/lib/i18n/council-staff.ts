import { m } from '#lib/paraglide/messages.js';
import { getLocale } from '#lib/paraglide/runtime.js';
import type { graphql } from '#lib/graphql/graphql';

// Labels of the enums only the staff pages show (the others are in council.ts), from the schema
// as in labels.ts: a value the server adds makes a Record below miss its label and fails
// `npm run check:web`.
type SchemaEnum<Name extends Parameters<typeof graphql.scalar>[0]> = ReturnType<typeof graphql.scalar<Name>>;
export type Seat = SchemaEnum<'Seat'>;
export type CheckInMethod = SchemaEnum<'CheckInMethod'>;

const seatLabels: Record<Seat, () => string> = {
  STANDING: m.cs_seat_standing,
  PART_TIME: m.cs_seat_part_time,
};
const checkInMethodLabels: Record<CheckInMethod, () => string> = {
  CODE: m.cs_check_in_method_code,
  STAFF: m.cs_check_in_method_staff,
};

export const SEATS = Object.keys(seatLabels) as Seat[];

export const seatLabel = (v: Seat): string => seatLabels[v]();
export const checkInMethodLabel = (v: CheckInMethod): string => checkInMethodLabels[v]();

/** A day, without the time ("2026年1月1日"), e.g. a committee's term. */
export function formatDay(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : new Intl.DateTimeFormat(getLocale(), { dateStyle: 'medium' }).format(d);
}

/** A `datetime-local` input's value for a moment, in the browser's time zone. */
export function toLocalInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** A `datetime-local` input's value as an ISO moment, or null when empty or unreadable. */
export function fromLocalInput(value: string): string | null {
  if (!value) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}
