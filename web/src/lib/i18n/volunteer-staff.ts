import { m } from '#lib/paraglide/messages.js';
import { getLocale } from '#lib/paraglide/runtime.js';
import type { graphql } from '#lib/graphql/graphql';

// What only the organiser and staff pages need beyond lib/i18n/volunteer.ts (whose labels,
// hours and China-time formats they share): the record notes' kinds and the date/time inputs.
type SchemaEnum<Name extends Parameters<typeof graphql.scalar>[0]> = ReturnType<typeof graphql.scalar<Name>>;
export type RecordNoteKind = SchemaEnum<'RecordNoteKind'>;

const noteKindLabels: Record<RecordNoteKind, () => string> = {
  TRAINING: m.vs_note_training,
  AWARD: m.vs_note_award,
  EVALUATION: m.vs_note_evaluation,
};
export const NOTE_KINDS = Object.keys(noteKindLabels) as RecordNoteKind[];
export const noteKindLabel = (v: RecordNoteKind): string => noteKindLabels[v]();

// Activities happen in China: times are shown and entered in Asia/Shanghai whatever the device's zone.
const CHINA = 'Asia/Shanghai';

/** Only the clock time in China ("16:30"), for the end of a shift on the same day. */
export function formatChinaClock(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(getLocale(), { timeStyle: 'short', timeZone: CHINA }).format(d);
}

const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000; // Asia/Shanghai keeps UTC+8 all year (no summer time).

/** A `datetime-local` input's value for a moment, in China time. */
export function toChinaInput(date: Date): string {
  return new Date(date.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 16);
}

/** A `datetime-local` input's value read as China time, as an ISO moment; null when empty or unreadable. */
export function fromChinaInput(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return null;
  const d = new Date(`${value.slice(0, 16)}:00+08:00`);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** A `date` input's value (YYYY-MM-DD) as the start of that day in China, as an ISO moment. */
export function chinaDayStart(value: string): string | null {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00+08:00`).toISOString() : null;
}
