import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIRST_DELAY_SECONDS, FREE_FAILURES_PER_PHONE } from '../../server/src/people/login-throttle.js';
import {
  SIGN_IN_CODE_ADDRESS_LIMIT,
  SIGN_IN_CODE_MAX_WRONG_TRIES,
  SIGN_IN_CODE_RESEND_SECONDS,
} from '../../server/src/people/people.limits.js';
import {
  codeMatches,
  forgetExpiredSignInCodes,
  hashCode,
  mayReceiveCode,
  newCode,
  SIGN_IN_CODE_TEMPLATE,
} from '../../server/src/people/sign-in-codes.js';
import { SignInCodePurpose } from '../../server/src/people/sign-in-code.entity.js';
import { databaseState } from '../helpers/database-state.js';
import {
  createTestServer,
  DEMO_ACCOUNTS,
  DEMO_PASSWORD,
  type GraphQLResponse,
  type TestServer,
} from '../helpers/server.js';

const REQUEST =
  'mutation($phone: String!, $purpose: SignInCodePurpose) { requestSignInCode(phone: $phone, purpose: $purpose) }';
const SIGN_IN =
  'mutation($phone: String!, $code: String!) { signInWithCode(phone: $phone, code: $code) { token user { displayName } } }';
const RESET = `mutation($phone: String!, $code: String!, $pw: String!) {
  resetPassword(phone: $phone, code: $code, newPassword: $pw) { token user { displayName } } }`;
const LOGIN = 'mutation($phone: String!, $password: String!) { login(phone: $phone, password: $password) { token } }';
const REGISTER = 'mutation($input: RegisterInput!) { register(input: $input) { token user { displayName } } }';
const SETTINGS = '{ authSettings { registrationNeedsCode codeLength resendAfterSeconds } }';
/** An operation only a signed-in person may use. */
const SIGNED_IN_ONLY = 'query($id: ID!) { user(id: $id) { id } }';

const codeOf = (result: GraphQLResponse) => result.errors?.[0]?.extensions.code ?? 'OK';

let addressCounter = 0;
/** A fresh client address per request, so the per-address limit stays out of tests about other things. */
const freshAddress = () => `203.0.113.${++addressCounter}`;

function helpers(server: TestServer) {
  return {
    request: (phone: string, purpose?: SignInCodePurpose, remoteAddress = freshAddress()) =>
      server.gql(REQUEST, { phone, purpose }, { remoteAddress }),
    /** The code the phone got, read as the contract says: the newest SIGN_IN_CODE message's params. */
    async sentCode(phone: string): Promise<string | undefined> {
      const [row] = await server.sql<{ code: string }>(
        `select params->>'code' as code from outbox_message where recipient = ? and template = 'SIGN_IN_CODE' order by id desc limit 1`,
        [phone],
      );
      return row?.code;
    },
    /** Codes sent to the phone (the demo's notifications may have sent it other messages). */
    async messagesTo(phone: string): Promise<number> {
      const [row] = await server.sql<{ n: number }>(
        `select count(*)::int as n from outbox_message where recipient = ? and template = ?`,
        [phone, SIGN_IN_CODE_TEMPLATE],
      );
      return row!.n;
    },
    /** As if the resend wait and the hour had passed for the phone. */
    forgetPhoneLimits: (phone: string) =>
      server.sql(`delete from rate_limit_window where key like 'account.code.phone%' and key like ?`, [`%:${phone}`]),
  };
}

describe('one-time codes (no database)', () => {
  it('are six digits, vary, and are kept only as a salted HMAC', () => {
    const codes = new Set(Array.from({ length: 200 }, newCode));
    for (const code of codes) expect(code).toMatch(/^\d{6}$/);
    expect(codes.size).toBeGreaterThan(190);
    const row = { salt: 'aa', codeHash: hashCode('aa', '012345') };
    expect(codeMatches(row, '012345')).toBe(true);
    expect(codeMatches(row, '012346')).toBe(false);
    expect(hashCode('bb', '012345')).not.toBe(row.codeHash);
  });

  it('go to registered phones for signing in and resetting, to free ones for registering', () => {
    expect(mayReceiveCode(SignInCodePurpose.SIGN_IN, true)).toBe(true);
    expect(mayReceiveCode(SignInCodePurpose.SIGN_IN, false)).toBe(false);
    expect(mayReceiveCode(SignInCodePurpose.RESET_PASSWORD, true)).toBe(true);
    expect(mayReceiveCode(SignInCodePurpose.RESET_PASSWORD, false)).toBe(false);
    expect(mayReceiveCode(SignInCodePurpose.REGISTER, false)).toBe(true);
    expect(mayReceiveCode(SignInCodePurpose.REGISTER, true)).toBe(false);
  });
});

describe('sign-in by SMS code', () => {
  let server: TestServer;
  let h: ReturnType<typeof helpers>;
  let ids: Record<string, string>;
  beforeAll(async () => {
    server = await createTestServer();
    h = helpers(server);
    ids = await server.userIds();
  });
  afterAll(() => server?.close());

  it('signs a registered person in with the code sent to their phone, kept only hashed', async () => {
    const phone = DEMO_ACCOUNTS.resident;
    expect((await h.request(phone)).data).toEqual({ requestSignInCode: true });
    const code = await h.sentCode(phone);
    expect(code).toMatch(/^\d{6}$/);
    const [message] = await server.sql<{ params: Record<string, string>; status: string; channel: string }>(
      `select params, status, channel from outbox_message where recipient = ? order by id desc limit 1`,
      [phone],
    );
    expect(message).toMatchObject({ params: { code, minutes: '5' }, status: 'PENDING', channel: 'SMS' });
    const stored = await server.sql<Record<string, unknown>>(`select * from sign_in_code where phone = ?`, [phone]);
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(stored)).not.toContain(code!);

    const result = await server.gql(SIGN_IN, { phone, code });
    expect(result.errors).toBeUndefined();
    expect(result.data.signInWithCode.user.displayName).toBe('赵桂兰');
    const me = await server.gql('{ me { phone } }', {}, { token: result.data.signInWithCode.token });
    expect(me.data.me.phone).toBe(phone);
  });

  it('answers true for an unregistered phone and sends nothing; REGISTER codes never go to a registered phone', async () => {
    const free = '13312345678';
    expect((await h.request(free)).data).toEqual({ requestSignInCode: true });
    expect((await h.request('13312345679', SignInCodePurpose.RESET_PASSWORD)).data).toEqual({
      requestSignInCode: true,
    });
    expect((await h.request(DEMO_ACCOUNTS.neighbour, SignInCodePurpose.REGISTER)).data).toEqual({
      requestSignInCode: true,
    });
    expect(await h.messagesTo(free)).toBe(0);
    expect(await h.messagesTo('13312345679')).toBe(0);
    expect(await h.messagesTo(DEMO_ACCOUNTS.neighbour)).toBe(0);
    // A guessed code for the unregistered phone gets the same answer as a wrong one for a registered phone.
    const guessed = await server.gql(SIGN_IN, { phone: free, code: '123456' });
    expect(guessed.errors?.[0]).toMatchObject({ message: '验证码不正确或已失效，请重新获取。' });
    expect(codeOf(guessed)).toBe('UNAUTHENTICATED');
  });

  it('refuses an expired code', async () => {
    const phone = DEMO_ACCOUNTS.volunteer;
    await h.request(phone);
    const code = (await h.sentCode(phone))!;
    await server.sql(`update sign_in_code set expires_at = now() - interval '1 second' where phone = ?`, [phone]);
    expect(codeOf(await server.gql(SIGN_IN, { phone, code }))).toBe('UNAUTHENTICATED');
  });

  it('refuses a code used once already, and one superseded by a newer code', async () => {
    const phone = DEMO_ACCOUNTS.unitRep;
    await h.request(phone);
    const first = (await h.sentCode(phone))!;
    await h.forgetPhoneLimits(phone);
    await h.request(phone);
    const second = (await h.sentCode(phone))!;
    if (first !== second) expect(codeOf(await server.gql(SIGN_IN, { phone, code: first }))).toBe('UNAUTHENTICATED');
    expect(codeOf(await server.gql(SIGN_IN, { phone, code: second }))).toBe('OK');
    expect(codeOf(await server.gql(SIGN_IN, { phone, code: second }))).toBe('UNAUTHENTICATED');
  });

  it('gives exactly one session for one code used twice at once', async () => {
    const phone = DEMO_ACCOUNTS.gridWorker;
    await h.request(phone);
    const code = (await h.sentCode(phone))!;
    const sessions = async () =>
      (await server.sql<{ n: number }>(`select count(*)::int as n from session where user_id = ?`, [ids[phone]]))[0]!.n;
    const before = await sessions();
    const results = await Promise.all(Array.from({ length: 4 }, () => server.gql(SIGN_IN, { phone, code })));
    expect(results.map(codeOf).filter((c) => c === 'OK')).toHaveLength(1);
    expect(
      results
        .map(codeOf)
        .filter((c) => c !== 'OK')
        .every((c) => c === 'UNAUTHENTICATED'),
    ).toBe(true);
    expect(await sessions()).toBe(before + 1);
  });

  it('counts wrong codes in the sign-in throttle, and a few wrong tries kill the code', async () => {
    const phone = DEMO_ACCOUNTS.otherCommunityStaff;
    await h.request(phone);
    const code = (await h.sentCode(phone))!;
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < Math.max(FREE_FAILURES_PER_PHONE, SIGN_IN_CODE_MAX_WRONG_TRIES); i++) {
      expect(codeOf(await server.gql(SIGN_IN, { phone, code: wrong }))).toBe('UNAUTHENTICATED');
    }
    // Slowed down like wrong passwords: the phone waits, even for the right code or password.
    const slowed = await server.gql(SIGN_IN, { phone, code });
    expect(codeOf(slowed)).toBe('RATE_LIMITED');
    expect(codeOf(await server.gql(LOGIN, { phone, password: DEMO_PASSWORD }))).toBe('RATE_LIMITED');
    const letTimePass = (seconds: number) =>
      server.sql(`update login_attempt set at = at - make_interval(secs => ?) where phone = ?`, [seconds, phone]);
    // After the wait the code is still dead: too many wrong tries.
    await letTimePass(FIRST_DELAY_SECONDS + 1);
    expect(codeOf(await server.gql(SIGN_IN, { phone, code }))).toBe('UNAUTHENTICATED');
    // After the next, doubled wait a fresh code works.
    await letTimePass(2 * FIRST_DELAY_SECONDS + 1);
    await h.forgetPhoneLimits(phone);
    await h.request(phone);
    expect(codeOf(await server.gql(SIGN_IN, { phone, code: (await h.sentCode(phone))! }))).toBe('OK');
  });

  it('sends one code a minute per phone, whoever asks', async () => {
    const phone = '13900000012';
    expect(codeOf(await h.request(phone))).toBe('OK');
    const again = await h.request(phone);
    expect(codeOf(again)).toBe('RATE_LIMITED');
    const wait = again.errors?.[0]?.extensions.retryAfterSeconds as number;
    expect(wait).toBeGreaterThan(SIGN_IN_CODE_RESEND_SECONDS - 5);
    expect(wait).toBeLessThanOrEqual(SIGN_IN_CODE_RESEND_SECONDS);
    expect(await h.messagesTo(phone)).toBe(1);
    // Unregistered phones are limited alike, so the limit tells nothing either.
    expect(codeOf(await h.request('13512340000'))).toBe('OK');
    expect(codeOf(await h.request('13512340000'))).toBe('RATE_LIMITED');
  });

  it('limits the codes one address asks for, for any phones', async () => {
    const address = '198.51.100.20';
    for (let i = 0; i < SIGN_IN_CODE_ADDRESS_LIMIT.limit; i++) {
      expect(codeOf(await h.request(`1370000${String(i).padStart(4, '0')}`, undefined, address))).toBe('OK');
    }
    const refused = await h.request('13799999999', undefined, address);
    expect(codeOf(refused)).toBe('RATE_LIMITED');
    expect(refused.errors?.[0]?.extensions.retryAfterSeconds).toBeGreaterThan(0);
    expect(codeOf(await h.request('13799999999', undefined, '198.51.100.21'))).toBe('OK');
  });

  it('forgets codes an hour after they expire', async () => {
    const [stale, fresh] = ['13900000013', '13900000014'];
    await h.request(stale);
    await h.request(fresh);
    await server.sql(`update sign_in_code set expires_at = now() - interval '61 minutes' where phone = ?`, [stale]);
    expect(await forgetExpiredSignInCodes(server.app.orm.em.fork())).toBeGreaterThanOrEqual(1);
    const phones = await server.sql<{ phone: string }>(`select phone from sign_in_code where phone in (?, ?)`, [
      stale,
      fresh,
    ]);
    expect(phones.map((row) => row.phone)).toEqual([fresh]);
  });

  it('resets the password with a code: every old session ends, the old password stops working', async () => {
    const phone = '13900000010';
    const oldToken = await server.tokenFor(phone);
    const otherDevice = (await server.gql(LOGIN, { phone, password: DEMO_PASSWORD })).data.login.token;
    expect(codeOf(await server.gql(SIGNED_IN_ONLY, { id: ids[phone] }, { token: oldToken }))).toBe('OK');

    await h.request(phone, SignInCodePurpose.RESET_PASSWORD);
    const code = (await h.sentCode(phone))!;
    // A reset code does not sign in, nor a sign-in code reset.
    expect(codeOf(await server.gql(SIGN_IN, { phone, code }))).toBe('UNAUTHENTICATED');
    const reset = await server.gql(RESET, { phone, code, pw: 'a-new-password' });
    expect(reset.errors).toBeUndefined();
    const newToken = reset.data.resetPassword.token;

    for (const token of [oldToken, otherDevice]) {
      expect(codeOf(await server.gql(SIGNED_IN_ONLY, { id: ids[phone] }, { token }))).toBe('UNAUTHENTICATED');
    }
    expect(codeOf(await server.gql(SIGNED_IN_ONLY, { id: ids[phone] }, { token: newToken }))).toBe('OK');
    expect(codeOf(await server.gql(LOGIN, { phone, password: DEMO_PASSWORD }))).toBe('UNAUTHENTICATED');
    expect(codeOf(await server.gql(LOGIN, { phone, password: 'a-new-password' }))).toBe('OK');
    // The code is spent.
    expect(codeOf(await server.gql(RESET, { phone, code, pw: 'yet-another-one' }))).toBe('BAD_USER_INPUT');

    const [audit] = await server.sql<{ action: string; actor_id: number; target_id: string }>(
      `select action, actor_id, target_id from audit_entry where action = 'account.password_reset' order by id desc limit 1`,
    );
    expect(audit).toMatchObject({ actor_id: Number(ids[phone]), target_id: ids[phone] });
  });

  it('refuses a wrong reset code on the code field and changes nothing', async () => {
    const phone = '13900000011';
    await h.request(phone, SignInCodePurpose.RESET_PASSWORD);
    const code = (await h.sentCode(phone))!;
    const before = await databaseState(server.sql);
    const result = await server.gql(RESET, {
      phone,
      code: code === '999999' ? '888888' : '999999',
      pw: 'whatever-new',
    });
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { code: expect.any(String) },
    });
    expect(await databaseState(server.sql)).toBe(before);
    expect(codeOf(await server.gql(LOGIN, { phone, password: DEMO_PASSWORD }))).toBe('OK');
  });

  it.each([
    ['requestSignInCode', { phone: '1380000000a' }, 'phone', REQUEST],
    ['requestSignInCode', { phone: '138000000011' }, 'phone', REQUEST],
    ['requestSignInCode', { phone: '1380000\u00000001' }, 'phone', REQUEST],
    ['requestSignInCode', { phone: '1'.repeat(5000) }, 'phone', REQUEST],
    ['signInWithCode', { phone: DEMO_ACCOUNTS.resident, code: '12345a' }, 'code', SIGN_IN],
    ['signInWithCode', { phone: DEMO_ACCOUNTS.resident, code: '1234567' }, 'code', SIGN_IN],
    ['signInWithCode', { phone: DEMO_ACCOUNTS.resident, code: '12\u00003456' }, 'code', SIGN_IN],
    ['signInWithCode', { phone: DEMO_ACCOUNTS.resident, code: '１２３４５６' }, 'code', SIGN_IN],
    ['signInWithCode', { phone: 'x', code: '123456' }, 'phone', SIGN_IN],
    ['resetPassword', { phone: DEMO_ACCOUNTS.resident, code: '123456', pw: 'short' }, 'newPassword', RESET],
    ['resetPassword', { phone: DEMO_ACCOUNTS.resident, code: '123456', pw: 'p'.repeat(201) }, 'newPassword', RESET],
    ['resetPassword', { phone: DEMO_ACCOUNTS.resident, code: '12 456', pw: 'long-enough' }, 'code', RESET],
    ['resetPassword', { phone: DEMO_ACCOUNTS.resident, code: '123456', pw: 'long\u0000enough' }, 'pw', RESET],
  ])('%s refuses %j on the field %s, changing nothing', async (_, variables, field, query) => {
    const state = () => databaseState(server.sql, /^(login_attempt|.*rate_limit.*|mikro_orm_migrations)$/);
    const before = await state();
    const result = await server.gql(query, variables, { remoteAddress: freshAddress() });
    expect(result.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    expect(Object.keys(result.errors?.[0]?.extensions.fields ?? {})).toContain(field === 'pw' ? 'newPassword' : field);
    expect(await state()).toBe(before);
  });
});

describe('registration verified by code', () => {
  let server: TestServer;
  let h: ReturnType<typeof helpers>;
  let ids: Record<string, string>;
  beforeAll(async () => {
    server = await createTestServer({ REGISTRATION_REQUIRES_CODE: 'true' });
    h = helpers(server);
    ids = await server.areaIds();
  });
  afterAll(() => server?.close());

  const input = (phone: string, code?: string) => ({
    phone,
    password: 'new-resident-pw',
    displayName: '新居民',
    homeAreaId: ids['1号楼'],
    ...(code === undefined ? {} : { code }),
  });
  const users = async (phone: string) =>
    (await server.sql<{ n: number }>(`select count(*)::int as n from app_user where phone = ?`, [phone]))[0]!.n;

  it('says so in authSettings', async () => {
    expect((await server.gql(SETTINGS)).data.authSettings).toEqual({
      registrationNeedsCode: true,
      codeLength: 6,
      resendAfterSeconds: SIGN_IN_CODE_RESEND_SECONDS,
    });
  });

  it('refuses registration without a code, or with a wrong one, on the code field', async () => {
    const phone = '13600001111';
    const missing = await server.gql(REGISTER, { input: input(phone) }, { remoteAddress: freshAddress() });
    expect(missing.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: { code: '此项必填。' } });
    await h.request(phone, SignInCodePurpose.REGISTER);
    const code = (await h.sentCode(phone))!;
    const wrong = await server.gql(
      REGISTER,
      { input: input(phone, code === '000001' ? '000002' : '000001') },
      { remoteAddress: freshAddress() },
    );
    expect(wrong.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { code: expect.any(String) },
    });
    const letters = await server.gql(REGISTER, { input: input(phone, 'abcdef') }, { remoteAddress: freshAddress() });
    expect(letters.errors?.[0]?.extensions.fields).toHaveProperty('code');
    expect(await users(phone)).toBe(0);
  });

  it('registers with the REGISTER code sent to the phone, once', async () => {
    const phone = '13600002222';
    await h.request(phone, SignInCodePurpose.REGISTER);
    const code = (await h.sentCode(phone))!;
    const registered = await server.gql(REGISTER, { input: input(phone, code) }, { remoteAddress: freshAddress() });
    expect(registered.errors).toBeUndefined();
    expect(registered.data.register.user.displayName).toBe('新居民');
    expect(await users(phone)).toBe(1);
    // A registered phone gets no REGISTER code; any code for it is simply wrong.
    await h.forgetPhoneLimits(phone);
    await h.request(phone, SignInCodePurpose.REGISTER);
    expect(await h.sentCode(phone)).toBe(code);
    const again = await server.gql(REGISTER, { input: input(phone, code) }, { remoteAddress: freshAddress() });
    expect(again.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
  });
});

describe('registration without a required code', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await createTestServer();
  });
  afterAll(() => server?.close());

  it('is the default outside production, and authSettings says so', async () => {
    expect((await server.gql(SETTINGS)).data.authSettings.registrationNeedsCode).toBe(false);
    const ids = await server.areaIds();
    const result = await server.gql(REGISTER, {
      input: { phone: '13600003333', password: 'new-resident-pw', displayName: '新居民', homeAreaId: ids['1号楼'] },
    });
    expect(result.errors).toBeUndefined();
  });
});
