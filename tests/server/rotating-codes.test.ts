import { describe, expect, it } from 'vitest';
import {
  codeFor,
  isValidCode,
  matchCode,
  newCodeSecret,
  ROTATING_CODE_WINDOW_SECONDS,
} from '../../server/src/platform/rotating-codes.js';

const secret = 'a'.repeat(64);
const at = (seconds: number) => new Date(Date.UTC(2026, 11, 7, 8, 0, 0) + seconds * 1000);

describe('rotating codes', () => {
  it('are six digits, the same within a minute, and change with the next', () => {
    const first = codeFor(secret, 'meeting:1', at(0));
    expect(first.code).toMatch(/^\d{6}$/);
    expect(codeFor(secret, 'meeting:1', at(59)).code).toBe(first.code);
    expect(first.changesAt).toEqual(at(ROTATING_CODE_WINDOW_SECONDS));
    expect(first.expiresAt).toEqual(at(2 * ROTATING_CODE_WINDOW_SECONDS));
    // Over an hour of windows the codes differ (a collision among 60 six-digit codes is possible but not with this secret).
    const codes = new Set(Array.from({ length: 60 }, (_, i) => codeFor(secret, 'meeting:1', at(i * 60)).code));
    expect(codes.size).toBe(60);
  });

  it('keep leading zeros', () => {
    const codes = Array.from({ length: 2000 }, (_, i) => codeFor(secret, `s:${i}`, at(0)).code);
    expect(codes.every((code) => code.length === 6)).toBe(true);
    expect(codes.some((code) => code.startsWith('0'))).toBe(true);
  });

  it('are accepted in their own window and the next, not before nor after', () => {
    const { code, window } = codeFor(secret, 'meeting:1', at(30));
    expect(matchCode(secret, 'meeting:1', code, at(0))).toBe(window);
    expect(matchCode(secret, 'meeting:1', code, at(119))).toBe(window);
    expect(isValidCode(secret, 'meeting:1', code, at(120))).toBe(false);
    expect(isValidCode(secret, 'meeting:1', code, at(-1))).toBe(false);
  });

  it('are bound to their subject and secret', () => {
    const { code } = codeFor(secret, 'meeting:1', at(0));
    expect(isValidCode(secret, 'meeting:2', code, at(0))).toBe(false);
    expect(isValidCode('b'.repeat(64), 'meeting:1', code, at(0))).toBe(false);
    // A code bound to a person opens it for them only.
    const personal = codeFor(secret, 'shift:5:user:9', at(0)).code;
    expect(isValidCode(secret, 'shift:5:user:9', personal, at(0))).toBe(true);
    expect(isValidCode(secret, 'shift:5:user:10', personal, at(0))).toBe(false);
  });

  it('refuse anything that is not six digits', () => {
    const { code } = codeFor(secret, 'meeting:1', at(0));
    for (const wrong of [
      '',
      code.slice(1),
      `${code}0`,
      ` ${code}`,
      '１２３４５６',
      'abcdef',
      `${code.slice(0, 5)}\u0000`,
    ]) {
      expect(matchCode(secret, 'meeting:1', wrong, at(0)), JSON.stringify(wrong)).toBeNull();
    }
  });

  it('give the window a caller records to refuse a replay', () => {
    const { code } = codeFor(secret, 'shift:5', at(10));
    const used = new Set<number>();
    const consume = (now: Date) => {
      const window = matchCode(secret, 'shift:5', code, now);
      if (window === null || used.has(window)) return false;
      used.add(window);
      return true;
    };
    expect(consume(at(20))).toBe(true);
    expect(consume(at(70))).toBe(false);
  });

  it('come from fresh random secrets', () => {
    const a = newCodeSecret();
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(newCodeSecret()).not.toBe(a);
  });
});
