import { m } from '#lib/paraglide/messages.js';
import { getLocale } from '#lib/paraglide/runtime.js';
import type { graphql } from '#lib/graphql/graphql';

// Labels of the volunteering enums the organiser and staff pages show, from the schema as in
// labels.ts: a value the server adds makes a Record below miss its label and fails
// `npm run check:web`. (The volunteer pages keep theirs in volunteer.ts; the two may be joined.)
type SchemaEnum<Name extends Parameters<typeof graphql.scalar>[0]> = ReturnType<typeof graphql.scalar<Name>>;
export type SignupStatus = SchemaEnum<'SignupStatus'>;
export type VolunteerSkill = SchemaEnum<'VolunteerSkill'>;
export type VolunteerStatus = SchemaEnum<'VolunteerStatus'>;
export type AttendanceMethod = SchemaEnum<'AttendanceMethod'>;
export type RecordEntryKind = SchemaEnum<'RecordEntryKind'>;
export type CorrectionStatus = SchemaEnum<'CorrectionStatus'>;
export type StarAwardStatus = SchemaEnum<'StarAwardStatus'>;
export type RecordNoteKind = SchemaEnum<'RecordNoteKind'>;

const keysOf = <K extends string>(record: Record<K, unknown>): K[] => Object.keys(record) as K[];

const signupStatusLabels: Record<SignupStatus, () => string> = {
  SIGNED_UP: m.vs_signup_signed_up,
  WAITLISTED: m.vs_signup_waitlisted,
  CHECKED_IN: m.vs_signup_checked_in,
  CHECKED_OUT: m.vs_signup_checked_out,
  VERIFIED: m.vs_signup_verified,
  NO_SHOW: m.vs_signup_no_show,
  CANCELLED: m.vs_signup_cancelled,
};

const skillLabels: Record<VolunteerSkill, () => string> = {
  ELDERLY_CARE: m.vs_skill_elderly_care,
  CHILD_CARE: m.vs_skill_child_care,
  TUTORING: m.vs_skill_tutoring,
  DISABILITY_SUPPORT: m.vs_skill_disability_support,
  MEDICAL: m.vs_skill_medical,
  FIRST_AID: m.vs_skill_first_aid,
  PSYCHOLOGICAL_SUPPORT: m.vs_skill_psychological_support,
  LEGAL_ADVICE: m.vs_skill_legal_advice,
  REPAIR: m.vs_skill_repair,
  CLEANING: m.vs_skill_cleaning,
  GREENING: m.vs_skill_greening,
  PUBLICITY: m.vs_skill_publicity,
  PHOTOGRAPHY: m.vs_skill_photography,
  IT_HELP: m.vs_skill_it_help,
  DRIVING: m.vs_skill_driving,
  CULTURE_SPORTS: m.vs_skill_culture_sports,
  ORDER_KEEPING: m.vs_skill_order_keeping,
  TRANSLATION: m.vs_skill_translation,
};

const volunteerStatusLabels: Record<VolunteerStatus, () => string> = {
  ACTIVE: m.vs_volunteer_active,
  AWAITING_CONSENT: m.vs_volunteer_awaiting_consent,
};

const attendanceMethodLabels: Record<AttendanceMethod, () => string> = {
  CODE: m.vs_method_code,
  ORGANISER: m.vs_method_organiser,
  PAPER: m.vs_method_paper,
};

const entryKindLabels: Record<RecordEntryKind, () => string> = {
  RECORDED: m.vs_entry_recorded,
  CLOSED_BY_ORGANISER: m.vs_entry_closed_by_organiser,
  PAPER_RECORDED: m.vs_entry_paper_recorded,
  VERIFIED: m.vs_entry_verified,
  CORRECTED: m.vs_entry_corrected,
  CORRECTION_ACCEPTED: m.vs_entry_correction_accepted,
};

const correctionStatusLabels: Record<CorrectionStatus, () => string> = {
  OPEN: m.vs_correction_open,
  ACCEPTED: m.vs_correction_accepted,
  REJECTED: m.vs_correction_rejected,
};

const starStatusLabels: Record<StarAwardStatus, () => string> = {
  PUBLICIZING: m.vs_star_publicizing,
  AWARDED: m.vs_star_awarded,
  WITHHELD: m.vs_star_withheld,
};

const noteKindLabels: Record<RecordNoteKind, () => string> = {
  TRAINING: m.vs_note_training,
  AWARD: m.vs_note_award,
  EVALUATION: m.vs_note_evaluation,
};

export const SKILLS = keysOf(skillLabels);
export const VOLUNTEER_STATUSES = keysOf(volunteerStatusLabels);
export const CORRECTION_STATUSES = keysOf(correctionStatusLabels);
export const NOTE_KINDS = keysOf(noteKindLabels);

export const signupStatusLabel = (v: SignupStatus): string => signupStatusLabels[v]();
export const skillLabel = (v: VolunteerSkill): string => skillLabels[v]();
export const volunteerStatusLabel = (v: VolunteerStatus): string => volunteerStatusLabels[v]();
export const attendanceMethodLabel = (v: AttendanceMethod): string => attendanceMethodLabels[v]();
export const entryKindLabel = (v: RecordEntryKind): string => entryKindLabels[v]();
export const correctionStatusLabel = (v: CorrectionStatus): string => correctionStatusLabels[v]();
export const starStatusLabel = (v: StarAwardStatus): string => starStatusLabels[v]();
export const noteKindLabel = (v: RecordNoteKind): string => noteKindLabels[v]();

/** Hours as the records show them ("2.5 小时"), or a dash when there are none yet. */
export function formatServiceHours(hours: number | null | undefined): string {
  if (hours === null || hours === undefined) return '—';
  return new Intl.NumberFormat(getLocale(), {
    style: 'unit',
    unit: 'hour',
    unitDisplay: 'short',
    maximumFractionDigits: 2,
  }).format(hours);
}

// Activities happen in China: times are shown and entered in Asia/Shanghai whatever the device's zone.
const CHINA = 'Asia/Shanghai';

/** A moment in China time, e.g. "2026年12月7日 16:30". */
export function formatChinaTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(getLocale(), { dateStyle: 'medium', timeStyle: 'short', timeZone: CHINA }).format(d);
}

/** Only the clock time in China ("16:30"), for the end of a shift on the same day. */
export function formatChinaClock(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(getLocale(), { timeStyle: 'short', timeZone: CHINA }).format(d);
}

/** A shift as "12月7日 周一 08:00–20:00" (the end's date too when it ends on another day). */
export function formatShift(startsAt: string, endsAt: string): string {
  const day = (iso: string) =>
    new Intl.DateTimeFormat(getLocale(), { month: 'short', day: 'numeric', weekday: 'short', timeZone: CHINA }).format(
      new Date(iso),
    );
  const start = `${day(startsAt)} ${formatChinaClock(startsAt)}`;
  const end = day(endsAt) === day(startsAt) ? formatChinaClock(endsAt) : `${day(endsAt)} ${formatChinaClock(endsAt)}`;
  return `${start}–${end}`;
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

/** Today in China as a `date` input's value. */
export function chinaToday(now = new Date()): string {
  return toChinaInput(now).slice(0, 10);
}
