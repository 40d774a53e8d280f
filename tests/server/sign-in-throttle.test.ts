import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FIRST_DELAY_SECONDS,
  FREE_FAILURES_PER_PHONE,
  MAX_PHONES_PER_ADDRESS,
} from '../../server/src/people/login-throttle.js';
import { createTestServer, DEMO_ACCOUNTS, DEMO_PASSWORD, type TestServer } from '../helpers/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await createTestServer();
});
afterAll(() => server?.close());

const LOGIN = 'mutation($phone: String!, $password: String!) { login(phone: $phone, password: $password) { token } }';
const CHANGE =
  'mutation($current: String!, $next: String!) { changePassword(currentPassword: $current, newPassword: $next) }';

const login = (phone: string, password: string, remoteAddress?: string) =>
  server.gql(LOGIN, { phone, password }, remoteAddress ? { remoteAddress } : {});
const codeOf = (result: { errors?: { extensions: { code: string } }[] }) => result.errors?.[0]?.extensions.code ?? 'OK';
/** Moves a phone's recorded attempts into the past, as if that much time had gone by. */
const letTimePass = (phone: string, seconds: number) =>
  server.sql(`update login_attempt set at = at - make_interval(secs => ?) where phone = ?`, [seconds, phone]);
const attemptsOf = async (phone: string) =>
  Number((await server.sql<{ n: string }>('select count(*) n from login_attempt where phone = ?', [phone]))[0]!.n);

describe('sign-in throttle', () => {
  it('slows a phone down after repeated failures, even with the right password, waiting longer each time', async () => {
    const phone = DEMO_ACCOUNTS.volunteer;
    for (let i = 0; i < FREE_FAILURES_PER_PHONE; i++) {
      expect(codeOf(await login(phone, `wrong-${i}`))).toBe('UNAUTHENTICATED');
    }
    const slowed = await login(phone, DEMO_PASSWORD);
    expect(slowed.errors?.[0]).toMatchObject({
      message: '尝试次数过多，请 1 分钟后再试。',
      extensions: { code: 'RATE_LIMITED' },
    });
    const firstWait = slowed.errors?.[0]?.extensions.retryAfterSeconds as number;
    expect(firstWait).toBeGreaterThan(FIRST_DELAY_SECONDS - 5);
    expect(firstWait).toBeLessThanOrEqual(FIRST_DELAY_SECONDS);
    // Once the wait is over a password is checked again; another failure doubles the wait.
    await letTimePass(phone, FIRST_DELAY_SECONDS + 1);
    expect(codeOf(await login(phone, 'wrong-again'))).toBe('UNAUTHENTICATED');
    const secondWait = (await login(phone, DEMO_PASSWORD)).errors?.[0]?.extensions.retryAfterSeconds as number;
    expect(secondWait).toBeGreaterThan(2 * FIRST_DELAY_SECONDS - 5);
    expect(secondWait).toBeLessThanOrEqual(2 * FIRST_DELAY_SECONDS);
    // The owner gets in after the wait, and the failures are forgiven.
    await letTimePass(phone, 2 * FIRST_DELAY_SECONDS + 1);
    expect(codeOf(await login(phone, DEMO_PASSWORD))).toBe('OK');
    expect(codeOf(await login(phone, 'one-typo'))).toBe('UNAUTHENTICATED');
    expect(codeOf(await login(phone, DEMO_PASSWORD))).toBe('OK');
    // Other people are not slowed down by it.
    expect(codeOf(await login(DEMO_ACCOUNTS.resident, DEMO_PASSWORD))).toBe('OK');
  });

  it('checks at most the free attempts when 20 wrong passwords for one phone arrive at once', async () => {
    const phone = DEMO_ACCOUNTS.unitRep;
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => login(phone, `parallel-${i}`)));
    const codes = results.map(codeOf);
    expect(codes.filter((code) => code === 'UNAUTHENTICATED')).toHaveLength(FREE_FAILURES_PER_PHONE);
    expect(codes.filter((code) => code === 'RATE_LIMITED')).toHaveLength(20 - FREE_FAILURES_PER_PHONE);
    expect(await attemptsOf(phone)).toBe(FREE_FAILURES_PER_PHONE);
  });

  it('counts different phones per address, so one office is not locked out by its typos', async () => {
    const office = '198.51.100.7';
    // Six colleagues behind one NAT each mistype five times: 30 failures, six phones.
    const colleagues = Array.from({ length: 6 }, (_, i) => `1360000${String(i).padStart(4, '0')}`);
    for (const phone of colleagues) {
      for (let i = 0; i < FREE_FAILURES_PER_PHONE; i++)
        expect(codeOf(await login(phone, `typo-${i}`, office))).toBe('UNAUTHENTICATED');
    }
    expect(codeOf(await login(DEMO_ACCOUNTS.gridWorker, DEMO_PASSWORD, office))).toBe('OK');

    // Trying many phones from one address is what is stopped, in parallel too.
    const sprayer = '198.51.100.8';
    const phones = Array.from(
      { length: MAX_PHONES_PER_ADDRESS + 10 },
      (_, i) => `1350000${String(i).padStart(4, '0')}`,
    );
    const results = await Promise.all(phones.map((phone) => login(phone, 'guess-1234', sprayer)));
    expect(results.map(codeOf).filter((code) => code === 'UNAUTHENTICATED')).toHaveLength(MAX_PHONES_PER_ADDRESS);
    const refused = results.find((result) => codeOf(result) === 'RATE_LIMITED')!;
    expect(refused.errors?.[0]?.extensions.retryAfterSeconds).toBeGreaterThan(0);
    // A phone already tried from there is still governed by its own throttle; other addresses are not held back.
    expect(codeOf(await login(phones[0]!, 'guess-5678', sprayer))).toBe('UNAUTHENTICATED');
    expect(codeOf(await login(DEMO_ACCOUNTS.communityStaff, DEMO_PASSWORD, '198.51.100.9'))).toBe('OK');
  });

  it('throttles wrong current passwords in changePassword the same way', async () => {
    const token = await server.tokenFor(DEMO_ACCOUNTS.otherStreetAdmin);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        server.gql(CHANGE, { current: `wrong-${i}`, next: 'a-new-password' }, { token }),
      ),
    );
    const codes = results.map(codeOf);
    expect(codes.filter((code) => code === 'BAD_USER_INPUT')).toHaveLength(FREE_FAILURES_PER_PHONE);
    expect(codes.filter((code) => code === 'RATE_LIMITED')).toHaveLength(20 - FREE_FAILURES_PER_PHONE);
    // Signing in is slowed down for the phone as well: the two share one count.
    expect(codeOf(await login(DEMO_ACCOUNTS.otherStreetAdmin, DEMO_PASSWORD))).toBe('RATE_LIMITED');
  });
});
