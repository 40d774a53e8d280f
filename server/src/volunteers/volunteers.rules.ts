import { chinaDay } from '../platform/china-time.js';
import type { FieldErrors } from '../platform/errors.js';
import {
  VOLUNTEER_CONSENT_AGE,
  VOLUNTEER_MAX_AGE,
  VOLUNTEER_TAG_MAX_LENGTH,
  VOLUNTEER_TAGS_MAX,
} from './volunteers.limits.js';

/**
 * A name as the public sees it on rankings, notices and the certificate check: first and last
 * character, the middle starred (王小明 → 王*明, 欧阳小明 → 欧**明, 王明 → 王*). Shared by every
 * volunteering feature; people/ masks more (赵**) where a resident's name must not be guessed.
 */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length <= 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

/** 110101199003071234 → 1101**********1234: the region's first four and the last four, as certificates print it. */
export function maskIdNumber(idNumber: string | null | undefined): string | null {
  if (!idNumber) return null;
  return `${idNumber.slice(0, 4)}${'*'.repeat(Math.max(0, idNumber.length - 8))}${idNumber.slice(-4)}`;
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK_CHARS = '10X98765432';

/** The GB 11643 check character of the first 17 digits of a 居民身份证号. */
export function idNumberCheckChar(first17: string): string {
  const sum = ID_WEIGHTS.reduce((total, weight, i) => total + weight * Number(first17[i]), 0);
  return ID_CHECK_CHARS[sum % 11]!;
}

/** A well-formed 18-character number whose check character is right (a lower-case x is accepted). */
export function isValidIdNumber(idNumber: string): boolean {
  const id = idNumber.toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return false;
  return idNumberCheckChar(id.slice(0, 17)) === id[17] && isCalendarDay(birthDateOfIdNumber(id));
}

/** YYYY-MM-DD from positions 7–14 of the number. */
export function birthDateOfIdNumber(idNumber: string): string {
  const digits = idNumber.slice(6, 14);
  return `${digits.slice(0, 4)}-${digits.slice(4, 6)}-${digits.slice(6, 8)}`;
}

/** A real calendar day written YYYY-MM-DD (2026-02-30 is not). */
export function isCalendarDay(day: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return false;
  const date = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === day;
}

/** Whole years of age on `today` (YYYY-MM-DD): a birthday counts from its own day (29 Feb from 1 Mar in other years). */
export function ageOn(birthDate: string, today: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  const hadBirthday = tm > bm || (tm === bm && td >= bd);
  return ty - by - (hadBirthday ? 0 : 1);
}

/** Under 14 today in China. */
export function isMinor(birthDate: string, now: Date): boolean {
  return ageOn(birthDate, chinaDay(now)) < VOLUNTEER_CONSENT_AGE;
}

/** The birth date's errors: a real day, not in the future, at most 100 years ago. */
export function birthDateErrors(birthDate: string, now: Date): FieldErrors {
  if (!isCalendarDay(birthDate)) return { birthDate: { key: 'volunteerBirthDateFormat' } };
  const today = chinaDay(now);
  if (birthDate > today) return { birthDate: { key: 'volunteerBirthDateFuture' } };
  if (ageOn(birthDate, today) > VOLUNTEER_MAX_AGE) {
    return { birthDate: { key: 'volunteerBirthDateTooOld', params: { max: VOLUNTEER_MAX_AGE } } };
  }
  return {};
}

/** The ID number's errors: 18 characters with the right check character, born on `birthDate`. */
export function idNumberErrors(idNumber: string, birthDate: string): FieldErrors {
  if (!isValidIdNumber(idNumber)) return { idNumber: { key: 'volunteerIdNumberInvalid' } };
  if (birthDateOfIdNumber(idNumber) !== birthDate) return { idNumber: { key: 'volunteerIdNumberBirthDate' } };
  return {};
}

// Control characters (C0, DEL, C1): a tag is printed on lists and certificates, one line each.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** Tags: at most 10, each 1–20 characters with no control characters. */
export function tagsErrors(tags: readonly string[]): FieldErrors {
  if (tags.length > VOLUNTEER_TAGS_MAX)
    return { tags: { key: 'volunteerTooManyTags', params: { max: VOLUNTEER_TAGS_MAX } } };
  for (const tag of tags) {
    const length = Array.from(tag.trim()).length;
    if (length === 0 || CONTROL.test(tag)) return { tags: { key: 'volunteerTagInvalid' } };
    if (length > VOLUNTEER_TAG_MAX_LENGTH) {
      return { tags: { key: 'volunteerTagTooLong', params: { max: VOLUNTEER_TAG_MAX_LENGTH } } };
    }
  }
  return {};
}

/** 志愿者编号: ZY + the year joined + the sequence's value in six digits (more once past a million). */
export function volunteerNumber(year: number, sequence: number): string {
  return `ZY${year}${String(sequence).padStart(6, '0')}`;
}
