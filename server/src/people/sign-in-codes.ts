import { createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { PeriodicJob } from '../platform/module.js';
import { enqueueMessage } from '../platform/outbox.js';
import { systemClock, type Clock } from '../platform/clock.js';
import { consumeRateLimit } from '../platform/rate-limit.js';
import { beginSignInAttempt } from './login-throttle.js';
import {
  SIGN_IN_CODE_LENGTH,
  SIGN_IN_CODE_MAX_WRONG_TRIES,
  SIGN_IN_CODE_MINUTES,
  SIGN_IN_CODE_PHONE_HOURLY_LIMIT,
  SIGN_IN_CODE_PHONE_RESEND_LIMIT,
} from './people.limits.js';
import { SignInCode, SignInCodePurpose } from './sign-in-code.entity.js';
import { User } from './user.entity.js';

/** The template every purpose's code goes out with (the contract's; params: code, minutes). */
export const SIGN_IN_CODE_TEMPLATE = 'SIGN_IN_CODE';

/** Plain rule: six random digits from the operating system's CSPRNG, leading zeros kept. */
export function newCode(): string {
  return String(randomInt(0, 10 ** SIGN_IN_CODE_LENGTH)).padStart(SIGN_IN_CODE_LENGTH, '0');
}

/** Plain rule: what is stored of a code, keyed by its row's random salt. */
export function hashCode(salt: string, code: string): string {
  return createHmac('sha256', salt).update(code).digest('hex');
}

export function codeMatches(row: Pick<SignInCode, 'salt' | 'codeHash'>, code: string): boolean {
  return timingSafeEqual(Buffer.from(hashCode(row.salt, code), 'hex'), Buffer.from(row.codeHash, 'hex'));
}

/** Plain rule: a sign-in or reset code only to a registered phone; a registration code only to a free one. */
export function mayReceiveCode(purpose: SignInCodePurpose, registered: boolean): boolean {
  return purpose === SignInCodePurpose.REGISTER ? !registered : registered;
}

/**
 * Sends a code for `purpose` to `phone` if the phone may receive one, replacing any earlier
 * code for the same phone and purpose. The caller gets nothing back either way, and both ways
 * run the same statements but the two inserts, so neither the answer nor its time tells
 * whether the phone is registered. Limited per phone here (one a minute, five an hour),
 * whoever asks; the resolver limits per address.
 */
export async function requestSignInCode(
  em: EntityManager,
  phone: string,
  purpose: SignInCodePurpose,
  clock: Clock = systemClock,
): Promise<void> {
  await consumeRateLimit(em, SIGN_IN_CODE_PHONE_RESEND_LIMIT, { phone });
  await consumeRateLimit(em, SIGN_IN_CODE_PHONE_HOURLY_LIMIT, { phone });
  const registered = (await em.count(User, { phone })) > 0;
  const send = mayReceiveCode(purpose, registered);
  const now = clock();
  await em.transactional(async (tx) => {
    // The newest code supersedes: earlier ones for this phone and purpose are gone.
    await tx.nativeDelete(SignInCode, { phone, purpose });
    if (!send) return;
    const code = newCode();
    const salt = randomBytes(16).toString('hex');
    tx.create(SignInCode, {
      phone,
      purpose,
      salt,
      codeHash: hashCode(salt, code),
      expiresAt: new Date(now.getTime() + SIGN_IN_CODE_MINUTES * 60_000),
      createdAt: now,
    });
    enqueueMessage(
      tx,
      {
        channel: 'SMS',
        recipient: phone,
        template: SIGN_IN_CODE_TEMPLATE,
        params: { code, minutes: String(SIGN_IN_CODE_MINUTES) },
        urgent: true,
      },
      now,
    );
  });
}

/** A code that matched, not yet used: `useSignInCode` spends it. */
export interface CheckedCode {
  codeId: number;
  attemptId: number;
}

/**
 * Checks `code` against the newest live code for the phone and purpose; null when it does not
 * match (or there is none). Every check counts in the sign-in throttle (login-throttle.ts), so
 * guessing codes is slowed down as guessing passwords is, and a wrong try counts against the
 * code, which dies after a few. Throws RATE_LIMITED while the phone or address must wait.
 */
export async function checkSignInCode(
  em: EntityManager,
  phone: string,
  purpose: SignInCodePurpose,
  code: string,
  ip: string,
  clock: Clock = systemClock,
): Promise<CheckedCode | null> {
  const attemptId = await beginSignInAttempt(em, phone, ip);
  const row = await em
    .fork()
    .findOne(
      SignInCode,
      { phone, purpose, usedAt: null, expiresAt: { $gt: clock() }, wrongTries: { $lt: SIGN_IN_CODE_MAX_WRONG_TRIES } },
      { orderBy: { id: 'desc' } },
    );
  if (!row) return null;
  if (!codeMatches(row, code)) {
    // Counted in SQL, so wrong tries at once all count.
    await em.fork().execute(`update sign_in_code set wrong_tries = wrong_tries + 1 where id = ?`, [row.id]);
    return null;
  }
  return { codeId: row.id, attemptId };
}

/**
 * Spends a checked code in the caller's transaction: one conditional update, so of two uses
 * at once exactly one wins (the other gets false), and an expiry or supersession since the
 * check is seen. The phone's sign-in failures are forgiven once the caller commits.
 */
export async function useSignInCode(
  tx: EntityManager,
  checked: CheckedCode,
  clock: Clock = systemClock,
): Promise<boolean> {
  const now = clock();
  const used = await tx.nativeUpdate(
    SignInCode,
    { id: checked.codeId, usedAt: null, expiresAt: { $gt: now }, wrongTries: { $lt: SIGN_IN_CODE_MAX_WRONG_TRIES } },
    { usedAt: now },
  );
  return used === 1;
}

/** Codes are worth nothing once expired; their rows go an hour later (a delete, so instances running it at once do no harm). */
export async function forgetExpiredSignInCodes(em: EntityManager, clock: Clock = systemClock): Promise<number> {
  return em.nativeDelete(SignInCode, { expiresAt: { $lt: new Date(clock().getTime() - 3600_000) } });
}

export const forgetExpiredSignInCodesJob: PeriodicJob = {
  name: 'forgetExpiredSignInCodes',
  intervalMs: 60 * 60 * 1000,
  async run({ orm }) {
    await forgetExpiredSignInCodes(orm.em.fork());
  },
};
