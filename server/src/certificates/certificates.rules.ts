import { randomBytes } from 'node:crypto';
import { AreaKind } from '../areas/area.entity.js';
import type { FieldErrors } from '../platform/errors.js';
import { CERTIFICATE_PERIOD_MAX_YEARS } from './certificates.limits.js';

/** Crockford's base32: no I, L, O or U, so a printed code reads back without doubt. */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** ZM-<year>-<8 random Crockford characters>: 40 random bits, not guessable from the ones issued before. */
export function certificateCode(year: number, random: Buffer = randomBytes(8)): string {
  const chars = Array.from({ length: 8 }, (_, i) => CROCKFORD[random[i]! & 31]);
  return `ZM-${year}-${chars.join('')}`;
}

/** What a person types or a QR carries, as stored: trimmed, upper case. */
export const normaliseCode = (code: string) => code.trim().toUpperCase();

/** The period a certificate covers, or its errors: from before to, from not in the future, at most 5 years; `to` clamped to now. */
export function certificatePeriod(from: Date, to: Date, now: Date): { to: Date; errors: FieldErrors } {
  const end = to > now ? now : to;
  if (from > now) return { to: end, errors: { from: { key: 'certificatePeriodFuture' } } };
  if (from >= end) return { to: end, errors: { to: { key: 'certificatePeriodOrder' } } };
  const latest = new Date(from);
  latest.setUTCFullYear(latest.getUTCFullYear() + CERTIFICATE_PERIOD_MAX_YEARS);
  if (end > latest) {
    return {
      to: end,
      errors: { from: { key: 'certificatePeriodTooLong', params: { years: CERTIFICATE_PERIOD_MAX_YEARS } } },
    };
  }
  return { to: end, errors: {} };
}

/**
 * 谁记录谁证明, and the certificate is issued where the volunteer is registered: the home
 * community's committee — 幸福里社区 → 幸福里社区居民委员会, a village's 村民委员会 (东岭村 →
 * 东岭村村民委员会). The committee's name is derived from the area's, not stored.
 */
export function issuerName(community: { name: string; kind: AreaKind }): string {
  return `${community.name}${community.kind === AreaKind.VILLAGE ? '村民委员会' : '居民委员会'}`;
}
