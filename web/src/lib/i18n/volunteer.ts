import { getLocale } from '#lib/paraglide/runtime.js';
import { m } from '#lib/paraglide/messages.js';
import type { graphql } from '#lib/graphql/graphql';

// Volunteering's enums from the schema, labelled as labels.ts does the others: a value the server
// adds makes a Record below miss a label, which fails `npm run check:web`.
type SchemaEnum<Name extends Parameters<typeof graphql.scalar>[0]> = ReturnType<typeof graphql.scalar<Name>>;
export type VolunteerSkill = SchemaEnum<'VolunteerSkill'>;
export type VolunteerAvailability = SchemaEnum<'VolunteerAvailability'>;
export type VolunteerStatus = SchemaEnum<'VolunteerStatus'>;
export type SignupStatus = SchemaEnum<'SignupStatus'>;
export type SignupCancelReason = SchemaEnum<'SignupCancelReason'>;
export type TeamRole = SchemaEnum<'TeamRole'>;
export type TeamMembershipStatus = SchemaEnum<'TeamMembershipStatus'>;
export type RecordEntryKind = SchemaEnum<'RecordEntryKind'>;
export type CorrectionStatus = SchemaEnum<'CorrectionStatus'>;
export type AttendanceMethod = SchemaEnum<'AttendanceMethod'>;
export type StarAwardStatus = SchemaEnum<'StarAwardStatus'>;

const keysOf = <K extends string>(record: Record<K, unknown>): K[] => Object.keys(record) as K[];

const skillLabels: Record<VolunteerSkill, () => string> = {
  ELDERLY_CARE: m.volunteer_skill_elderly_care,
  CHILD_CARE: m.volunteer_skill_child_care,
  TUTORING: m.volunteer_skill_tutoring,
  DISABILITY_SUPPORT: m.volunteer_skill_disability_support,
  MEDICAL: m.volunteer_skill_medical,
  FIRST_AID: m.volunteer_skill_first_aid,
  PSYCHOLOGICAL_SUPPORT: m.volunteer_skill_psychological_support,
  LEGAL_ADVICE: m.volunteer_skill_legal_advice,
  REPAIR: m.volunteer_skill_repair,
  CLEANING: m.volunteer_skill_cleaning,
  GREENING: m.volunteer_skill_greening,
  PUBLICITY: m.volunteer_skill_publicity,
  PHOTOGRAPHY: m.volunteer_skill_photography,
  IT_HELP: m.volunteer_skill_it_help,
  DRIVING: m.volunteer_skill_driving,
  CULTURE_SPORTS: m.volunteer_skill_culture_sports,
  ORDER_KEEPING: m.volunteer_skill_order_keeping,
  TRANSLATION: m.volunteer_skill_translation,
};
export const VOLUNTEER_SKILLS = keysOf(skillLabels);
export const skillLabel = (s: VolunteerSkill): string => skillLabels[s]();

const availabilityLabels: Record<VolunteerAvailability, () => string> = {
  WEEKDAY_MORNING: m.volunteer_availability_weekday_morning,
  WEEKDAY_AFTERNOON: m.volunteer_availability_weekday_afternoon,
  WEEKDAY_EVENING: m.volunteer_availability_weekday_evening,
  WEEKEND_MORNING: m.volunteer_availability_weekend_morning,
  WEEKEND_AFTERNOON: m.volunteer_availability_weekend_afternoon,
  WEEKEND_EVENING: m.volunteer_availability_weekend_evening,
};
export const VOLUNTEER_AVAILABILITY = keysOf(availabilityLabels);
export const availabilityLabel = (a: VolunteerAvailability): string => availabilityLabels[a]();

const volunteerStatusLabels: Record<VolunteerStatus, () => string> = {
  ACTIVE: m.volunteer_status_active,
  AWAITING_CONSENT: m.volunteer_status_awaiting_consent,
};
export const VOLUNTEER_STATUSES = keysOf(volunteerStatusLabels);
export const volunteerStatusLabel = (s: VolunteerStatus): string => volunteerStatusLabels[s]();

const signupStatusLabels: Record<SignupStatus, () => string> = {
  SIGNED_UP: m.volunteer_signup_signed_up,
  WAITLISTED: m.volunteer_signup_waitlisted,
  CANCELLED: m.volunteer_signup_cancelled,
  CHECKED_IN: m.volunteer_signup_checked_in,
  CHECKED_OUT: m.volunteer_signup_checked_out,
  VERIFIED: m.volunteer_signup_verified,
  NO_SHOW: m.volunteer_signup_no_show,
};
export const signupStatusLabel = (s: SignupStatus): string => signupStatusLabels[s]();

const cancelReasonLabels: Record<SignupCancelReason, () => string> = {
  BY_VOLUNTEER: m.volunteer_cancel_reason_by_volunteer,
  PROMOTION_EXPIRED: m.volunteer_cancel_reason_promotion_expired,
  ACTIVITY_CANCELLED: m.volunteer_cancel_reason_activity_cancelled,
};
export const cancelReasonLabel = (r: SignupCancelReason): string => cancelReasonLabels[r]();

const teamRoleLabels: Record<TeamRole, () => string> = {
  LEADER: m.volunteer_team_role_leader,
  MEMBER: m.volunteer_team_role_member,
};
export const teamRoleLabel = (r: TeamRole): string => teamRoleLabels[r]();

const membershipStatusLabels: Record<TeamMembershipStatus, () => string> = {
  REQUESTED: m.volunteer_membership_requested,
  APPROVED: m.volunteer_membership_approved,
  DECLINED: m.volunteer_membership_declined,
  LEFT: m.volunteer_membership_left,
};
export const membershipStatusLabel = (s: TeamMembershipStatus): string => membershipStatusLabels[s]();

const entryKindLabels: Record<RecordEntryKind, () => string> = {
  RECORDED: m.volunteer_entry_recorded,
  CLOSED_BY_ORGANISER: m.volunteer_entry_closed_by_organiser,
  PAPER_RECORDED: m.volunteer_entry_paper_recorded,
  VERIFIED: m.volunteer_entry_verified,
  CORRECTED: m.volunteer_entry_corrected,
  CORRECTION_ACCEPTED: m.volunteer_entry_correction_accepted,
};
export const entryKindLabel = (k: RecordEntryKind): string => entryKindLabels[k]();

const correctionStatusLabels: Record<CorrectionStatus, () => string> = {
  OPEN: m.volunteer_correction_open,
  ACCEPTED: m.volunteer_correction_accepted,
  REJECTED: m.volunteer_correction_rejected,
};
export const CORRECTION_STATUSES = keysOf(correctionStatusLabels);
export const correctionStatusLabel = (s: CorrectionStatus): string => correctionStatusLabels[s]();

const methodLabels: Record<AttendanceMethod, () => string> = {
  CODE: m.volunteer_method_code,
  ORGANISER: m.volunteer_method_organiser,
  PAPER: m.volunteer_method_paper,
};
export const methodLabel = (a: AttendanceMethod): string => methodLabels[a]();

const starStatusLabels: Record<StarAwardStatus, () => string> = {
  PUBLICIZING: m.volunteer_star_publicizing,
  AWARDED: m.volunteer_star_awarded,
  WITHHELD: m.volunteer_star_withheld,
};
export const starStatusLabel = (s: StarAwardStatus): string => starStatusLabels[s]();

// The star levels by name (一星 … 五星, as the schema's 1 to 5); another level reads by its number.
const starNames: Record<number, () => string> = {
  1: m.volunteer_star_1,
  2: m.volunteer_star_2,
  3: m.volunteer_star_3,
  4: m.volunteer_star_4,
  5: m.volunteer_star_5,
};
/** 一星志愿者 … 五星志愿者, or "no star yet" at 0. */
export const starName = (level: number): string =>
  level <= 0 ? m.volunteer_star_none() : (starNames[level]?.() ?? m.volunteer_star_name({ level: String(level) }));

// Activities happen in China: their times read in Beijing time wherever the phone is set.
const CHINA = 'Asia/Shanghai';

/** A shift or an activity from start to end in China time: "12月8日周二 14:00–16:00". */
export function formatShiftTime(startsAt: string, endsAt: string): string {
  const start = new Date(startsAt);
  const end = new Date(endsAt);
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) return `${startsAt} – ${endsAt}`;
  // The day in words and the times apart: with hours in one pattern, Chinese falls back to "12/8".
  const day = new Intl.DateTimeFormat(getLocale(), {
    timeZone: CHINA,
    month: 'long',
    day: 'numeric',
    weekday: 'short',
  });
  const time = new Intl.DateTimeFormat(getLocale(), {
    timeZone: CHINA,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const dayOf = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: CHINA }).format(d);
  if (dayOf(start) === dayOf(end)) return `${day.format(start)} ${time.formatRange(start, end)}`;
  return `${day.format(start)} ${time.format(start)} – ${day.format(end)} ${time.format(end)}`;
}

/** A moment in China time, e.g. when a promoted place must be confirmed by. */
export function formatChinaTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(getLocale(), {
    timeZone: CHINA,
    dateStyle: 'medium',
    timeStyle: 'short',
    hourCycle: 'h23',
  }).format(d);
}

/** A day in China time (a certificate's period). */
export function formatChinaDate(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(getLocale(), { timeZone: CHINA, dateStyle: 'long' }).format(d);
}

/** Today in China as YYYY-MM-DD (a date input's value). */
export function chinaToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: CHINA }).format(new Date());
}

/** The start of a China day (YYYY-MM-DD) as an instant. */
export const chinaDayStart = (day: string): string => new Date(`${day}T00:00:00+08:00`).toISOString();
/** The end of a China day (YYYY-MM-DD) as an instant: the last millisecond before the next day. */
export const chinaDayEnd = (day: string): string =>
  new Date(new Date(`${day}T00:00:00+08:00`).getTime() + 86_400_000 - 1).toISOString();

/** Service hours as the API gives them (decimal hours): "2.5 小时". */
export function formatServiceHours(hours: number | null | undefined): string {
  if (hours === null || hours === undefined || Number.isNaN(hours)) return '—';
  return new Intl.NumberFormat(getLocale(), {
    style: 'unit',
    unit: 'hour',
    unitDisplay: 'long',
    maximumFractionDigits: 2,
  }).format(hours);
}
