import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Short numeric codes that change every minute (a meeting's check-in code shown in the room, a
 * volunteer shift's sign-in): HMAC(secret, subject, time window), cut to 6 digits as HOTP
 * (RFC 4226) does. Whoever holds the secret shows the code; whoever enters it proves they saw it
 * within the last minute or two. The subject binds a code to what it opens (`meeting:12`, or
 * `shift:5:user:9` for a code only one person may use), so a code of one never opens another.
 *
 * A code is accepted in its own window and the next one, so a code read just before it turns
 * still works. Within those two minutes it can be entered again: a caller for whom a replay
 * matters records the window `matchCode` returns (e.g. a unique row per subject and window)
 * and refuses a second use; one for whom it does not (attendance is one row per person
 * anyway) just checks `isValidCode`.
 */

export const ROTATING_CODE_WINDOW_SECONDS = 60;
export const ROTATING_CODE_DIGITS = 6;
/** Codes are accepted in their own window and this many after it. */
const GRACE_WINDOWS = 1;

const WINDOW_MS = ROTATING_CODE_WINDOW_SECONDS * 1000;
const CODE_PATTERN = new RegExp(`^\\d{${ROTATING_CODE_DIGITS}}$`);

/** A new secret for one subject's codes: 32 random bytes as 64 hex characters. */
export function newCodeSecret(): string {
  return randomBytes(32).toString('hex');
}

/** The window (a count of 60-second steps since 1970) that `now` lies in. */
export function windowAt(now: Date): number {
  return Math.floor(now.getTime() / WINDOW_MS);
}

function codeOfWindow(secret: string, subject: string, window: number): string {
  const digest = createHmac('sha256', secret).update(`${subject}\n${window}`).digest();
  // HOTP's dynamic truncation: 4 bytes at an offset the digest itself chooses, top bit cleared.
  const offset = digest[digest.length - 1]! & 0x0f;
  const value = digest.readUInt32BE(offset) & 0x7fffffff;
  return String(value % 10 ** ROTATING_CODE_DIGITS).padStart(ROTATING_CODE_DIGITS, '0');
}

export interface RotatingCode {
  code: string;
  /** The window it belongs to. */
  window: number;
  /** When the next code takes over (a display refreshes then). */
  changesAt: Date;
  /** When it stops being accepted: the end of the grace window after its own. */
  expiresAt: Date;
}

/** The code to show for `subject` at `now`. */
export function codeFor(secret: string, subject: string, now: Date): RotatingCode {
  const window = windowAt(now);
  return {
    code: codeOfWindow(secret, subject, window),
    window,
    changesAt: new Date((window + 1) * WINDOW_MS),
    expiresAt: new Date((window + 1 + GRACE_WINDOWS) * WINDOW_MS),
  };
}

/**
 * The window whose code `code` is, if it is accepted at `now` (the current window or the grace
 * one before it); null otherwise, also for anything that is not 6 digits. Compared in constant time.
 */
export function matchCode(secret: string, subject: string, code: string, now: Date): number | null {
  if (!CODE_PATTERN.test(code)) return null;
  const given = Buffer.from(code);
  const current = windowAt(now);
  let matched: number | null = null;
  // Every candidate is compared, matched or not, so the time taken says nothing about which one it was.
  for (let window = current - GRACE_WINDOWS; window <= current; window++) {
    if (timingSafeEqual(Buffer.from(codeOfWindow(secret, subject, window)), given)) matched ??= window;
  }
  return matched;
}

/** Whether `code` opens `subject` at `now`. */
export function isValidCode(secret: string, subject: string, code: string, now: Date): boolean {
  return matchCode(secret, subject, code, now) !== null;
}
