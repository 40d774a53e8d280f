import type { EntityManager } from '@mikro-orm/postgresql';
import { issueCertificate, revokeCertificate } from '../certificates/certificates.service.js';
import { viewerOf } from '../people/sessions.js';
import { User } from '../people/user.entity.js';
import { CHINA_OFFSET_MS, chinaDay } from '../platform/china-time.js';
import { clockAt } from '../platform/clock.js';

const XINGFULI_STAFF = '13800000002';
const VOLUNTEER = '13800000005';
const DAY = 86_400_000;

/** Midnight in China on 1 January of `year`. */
const chinaNewYear = (year: number) => new Date(Date.UTC(year, 0, 1) - CHINA_OFFSET_MS);

/**
 * Runs last, after the verified history (records/): 陈静's certificate for this year so far, and
 * an older one for last year's months that staff revoked. Without verified hours in a period
 * (the records not seeded) there is nothing to certify, and that certificate is left out.
 */
export async function seedDemoCertificates(tx: EntityManager): Promise<void> {
  const volunteer = await viewerOf(tx, await tx.findOneOrFail(User, { phone: VOLUNTEER }));
  const staff = await viewerOf(tx, await tx.findOneOrFail(User, { phone: XINGFULI_STAFF }));
  const now = new Date();
  const year = Number(chinaDay(now).slice(0, 4));
  const hours = async (from: Date, to: Date) => {
    const [row] = await tx.execute<{ minutes: number }[]>(
      `select coalesce(sum(s.verified_minutes), 0)::int as minutes from shift_signup s join shift sh on sh.id = s.shift_id
       where s.volunteer_id = ? and s.status = 'VERIFIED' and sh.starts_at >= ? and sh.starts_at < ?`,
      [volunteer.id, from, to],
    );
    return row?.minutes ?? 0;
  };
  const lastYear = { from: chinaNewYear(year - 1), to: chinaNewYear(year) };
  if ((await hours(lastYear.from, lastYear.to)) > 0) {
    const older = await issueCertificate(tx, volunteer, lastYear, clockAt(new Date(lastYear.to.getTime() + 5 * DAY)));
    await revokeCertificate(
      tx,
      staff,
      { code: older.code, reason: '所列一次活动的时长事后更正，请重新开具证明。' },
      clockAt(new Date(lastYear.to.getTime() + 20 * DAY)),
    );
  }
  const thisYear = { from: chinaNewYear(year), to: now };
  if ((await hours(thisYear.from, thisYear.to)) > 0) await issueCertificate(tx, volunteer, thisYear);
}
