import type { EntityManager } from '@mikro-orm/postgresql';
import { LoginAttempt } from './session.entity.js';

export const THROTTLE_WINDOW_MINUTES = 15;
export const MAX_FAILURES_PER_PHONE = 5;
export const MAX_FAILURES_PER_ADDRESS = 30;

export interface RecentFailures {
  forPhone: number;
  fromAddress: number;
}

/** Plain rule: sign-in is refused once either counter reaches its limit within the window. */
export function isThrottled(failures: RecentFailures): boolean {
  return failures.forPhone >= MAX_FAILURES_PER_PHONE || failures.fromAddress >= MAX_FAILURES_PER_ADDRESS;
}

/** Failures in the window; a phone's count restarts at its last successful sign-in. */
export async function countRecentFailures(em: EntityManager, phone: string, ip: string): Promise<RecentFailures> {
  const [row] = await em.execute<{ for_phone: string; from_address: string }[]>(
    `select
       count(*) filter (where phone = ? and at > coalesce(
         (select max(at) from login_attempt where phone = ? and succeeded), '-infinity')) as for_phone,
       count(*) filter (where ip = ?) as from_address
     from login_attempt
     where not succeeded and at > now() - make_interval(mins => ?) and (phone = ? or ip = ?)`,
    [phone, phone, ip, THROTTLE_WINDOW_MINUTES, phone, ip],
  );
  return { forPhone: Number(row?.for_phone ?? 0), fromAddress: Number(row?.from_address ?? 0) };
}

export async function recordLoginAttempt(em: EntityManager, phone: string, ip: string, succeeded: boolean) {
  em.create(LoginAttempt, { phone: phone.slice(0, 20), ip: ip.slice(0, 64), succeeded });
  await em.flush();
}
