import type { EntityManager } from '@mikro-orm/postgresql';
import { rateLimited } from '../platform/errors.js';

/** Wrong passwords for a phone that cost nothing; after them each attempt waits longer. */
export const FREE_FAILURES_PER_PHONE = 5;
export const FIRST_DELAY_SECONDS = 30;
export const MAX_DELAY_SECONDS = 15 * 60;
/** A phone's failures are forgotten at its next success, or after this long. */
export const FAILURE_MEMORY_HOURS = 24;
/**
 * One address may fail for at most this many different phones in the window; one person's
 * typos count once, so an office behind one NAT is not shut out by them.
 */
export const MAX_PHONES_PER_ADDRESS = 20;
export const ADDRESS_WINDOW_MINUTES = 15;

export interface SignInHistory {
  /** Failed (or still unresolved) attempts for the phone since its last success. */
  phoneFailures: number;
  /** Seconds since the last of them; null when there is none. */
  secondsSinceLastFailure: number | null;
  /** Different phones with failures from the address in the window, and whether this phone is one. */
  addressPhones: number;
  addressHasPhone: boolean;
  /** Seconds until the earliest of those phones leaves the address window. */
  secondsUntilAddressFrees: number;
}

/** Plain rule: the pause a phone's next attempt must keep after its last failure, doubling from 30 s to 15 min. */
export function phoneDelaySeconds(failures: number): number {
  if (failures < FREE_FAILURES_PER_PHONE) return 0;
  return Math.min(MAX_DELAY_SECONDS, FIRST_DELAY_SECONDS * 2 ** (failures - FREE_FAILURES_PER_PHONE));
}

/** Plain rule: 0 when the attempt may be checked, otherwise the seconds to wait. */
export function signInWaitSeconds(history: SignInHistory): number {
  const phoneWait = Math.max(0, phoneDelaySeconds(history.phoneFailures) - (history.secondsSinceLastFailure ?? 0));
  const addressFull = history.addressPhones >= MAX_PHONES_PER_ADDRESS && !history.addressHasPhone;
  return Math.max(phoneWait, addressFull ? Math.max(1, history.secondsUntilAddressFrees) : 0);
}

/**
 * Decides whether a password may be checked for `phone` from `ip`, and if so records the
 * attempt as failed until `markSignInSucceeded`. Counting and recording happen under
 * advisory locks on the address and the phone, so N attempts at once are checked at most
 * as often as the rules allow. Throws RATE_LIMITED with the seconds to wait.
 */
export async function beginSignInAttempt(em: EntityManager, phone: string, ip: string): Promise<number> {
  const key = { phone: phone.slice(0, 20), ip: ip.slice(0, 64) };
  return em.fork().transactional(async (tx) => {
    // Always the address first, then the phone: no two attempts wait on each other in a circle.
    await tx.execute(`select pg_advisory_xact_lock(hashtextextended(?, 0))`, [`sign-in:ip:${key.ip}`]);
    await tx.execute(`select pg_advisory_xact_lock(hashtextextended(?, 0))`, [`sign-in:phone:${key.phone}`]);
    const [forPhone] = await tx.execute<{ failures: string; since: string | null }[]>(
      `select count(*) as failures, extract(epoch from clock_timestamp() - max(at)) as since
       from login_attempt
       where phone = ? and not succeeded and at > clock_timestamp() - make_interval(hours => ?)
         and at > coalesce((select max(at) from login_attempt where phone = ? and succeeded), '-infinity')`,
      [key.phone, FAILURE_MEMORY_HOURS, key.phone],
    );
    const [fromAddress] = await tx.execute<{ phones: string; has_phone: boolean | null; frees_in: string | null }[]>(
      `select count(*) as phones, bool_or(phone = ?) as has_phone,
         extract(epoch from min(last_at) + make_interval(mins => ?) - clock_timestamp()) as frees_in
       from (select f.phone, max(f.at) as last_at from login_attempt f
             where f.ip = ? and not f.succeeded and f.at > clock_timestamp() - make_interval(mins => ?)
               and not exists (select 1 from login_attempt s where s.phone = f.phone and s.succeeded and s.at > f.at)
             group by f.phone) failing`,
      [key.phone, ADDRESS_WINDOW_MINUTES, key.ip, ADDRESS_WINDOW_MINUTES],
    );
    const wait = signInWaitSeconds({
      phoneFailures: Number(forPhone?.failures ?? 0),
      secondsSinceLastFailure: forPhone?.since == null ? null : Number(forPhone.since),
      addressPhones: Number(fromAddress?.phones ?? 0),
      addressHasPhone: fromAddress?.has_phone === true,
      secondsUntilAddressFrees: Number(fromAddress?.frees_in ?? 0),
    });
    if (wait > 0) throw rateLimited({ retryAfterSeconds: wait });
    const [attempt] = await tx.execute<{ id: number }[]>(
      `insert into login_attempt (phone, ip, succeeded, at) values (?, ?, false, clock_timestamp()) returning id`,
      [key.phone, key.ip],
    );
    return attempt!.id;
  });
}

/** The password was right: the phone's failures are forgiven from now on. */
export async function markSignInSucceeded(em: EntityManager, attemptId: number): Promise<void> {
  await em
    .fork()
    .execute(`update login_attempt set succeeded = true, at = clock_timestamp() where id = ?`, [attemptId]);
}
