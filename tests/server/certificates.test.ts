import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_MINOR, DEMO_TEAMS } from '../../server/src/seed/demo-volunteering.data.js';
import { createTestServer, DEMO_ACCOUNTS, type TestServer } from '../helpers/server.js';

let server: TestServer;
let ids: Record<string, string>;
let userIds: Record<string, string>;

const {
  volunteer,
  resident,
  communityStaff: staff,
  streetAdmin,
  otherCommunityStaff,
  otherStreetAdmin,
} = DEMO_ACCOUNTS;

type Result = { errors?: { extensions: { code: string; fields?: Record<string, string> } }[] };
const codeOf = (result: Result) => result.errors?.[0]?.extensions.code;
const fieldsOf = (result: Result) => Object.keys(result.errors?.[0]?.extensions.fields ?? {});

const CERTIFICATE = `id code from to hours activityCount organisations issuer issuedAt revokedAt revokeReason pdfUrl
  holder { id displayName }`;
const ISSUE = `mutation($from: DateTime!, $to: DateTime!) { issueCertificate(from: $from, to: $to) { ${CERTIFICATE} } }`;
const REVOKE = `mutation($code: String!, $reason: String!) { revokeCertificate(code: $code, reason: $reason) { ${CERTIFICATE} } }`;
const VERIFY = `query($code: String!) { verifyCertificate(code: $code) {
  code holder hours from to issuer issuedAt revoked revokedAt revokeReason } }`;
const LIST = `query($areaId: ID!, $search: String, $first: Int, $after: String) {
  certificates(areaId: $areaId, search: $search, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { ${CERTIFICATE} } } } }`;

const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * DAY);

/** A past activity with one shift of `minutes` and the person's VERIFIED sign-up to it (records/ verifies for real). */
async function verifiedActivity(
  title: string,
  options: { phone?: string; daysAgo: number; minutes: number; team?: string; area?: string },
) {
  const area = ids[options.area ?? '幸福里社区']!;
  const teamId = options.team
    ? (await server.sql<{ id: number }>('select id from team where name = ?', [options.team]))[0]!.id
    : null;
  const startsAt = ago(options.daysAgo);
  const endsAt = new Date(startsAt.getTime() + options.minutes * 60_000);
  const [activity] = await server.sql<{ id: number }>(
    `insert into activity (area_id, area_path, street_id, community_id, title, description, place, skills, team_id,
       status, retroactive, starts_at, ends_at, created_by_id, created_at, updated_at)
     select a.id, a.path, ?, a.id, ?, '服务', '社区', '{}', ?, 'PUBLISHED', false, ?, ?, ?, now(), now()
     from area a where a.id = ? returning id`,
    [ids['幸福街道'], title, teamId, startsAt, endsAt, userIds[staff], area],
  );
  const [shift] = await server.sql<{ id: number }>(
    `insert into shift (activity_id, starts_at, ends_at, capacity, signed_up_count, waitlist_count, check_in_secret)
     values (?, ?, ?, 10, 1, 0, 'x') returning id`,
    [activity!.id, startsAt, endsAt],
  );
  await server.sql(
    `insert into shift_signup (shift_id, activity_id, volunteer_id, status, queued_at, recorded_minutes, verified_minutes,
       verified_at, verified_by_id, retroactive, created_at)
     values (?, ?, ?, 'VERIFIED', ?, ?, ?, ?, ?, false, ?)`,
    [
      shift!.id,
      activity!.id,
      userIds[options.phone ?? volunteer],
      startsAt,
      options.minutes,
      options.minutes,
      endsAt,
      userIds[staff],
      startsAt,
    ],
  );
}

async function pdf(path: string, phone?: string) {
  const token = phone ? await server.tokenFor(phone) : undefined;
  return server.app.http.inject({
    method: 'GET',
    url: path,
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
}

async function pdfText(body: Buffer): Promise<string> {
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(body)), { mergePages: true });
  return text;
}

let issued: { code: string; pdfUrl: string; id: string };

beforeAll(async () => {
  server = await createTestServer();
  ids = await server.areaIds();
  userIds = await server.userIds();
  await verifiedActivity('四点半课堂作业辅导（测试）', { daysAgo: 20, minutes: 90, team: DEMO_TEAMS.afterSchool });
  await verifiedActivity('楼道清洁（测试）', { daysAgo: 10, minutes: 150 });
  await verifiedActivity('和平社区陪同就医（测试）', { daysAgo: 5, minutes: 60, area: '和平社区' });
  await verifiedActivity('很久以前的活动（测试）', { daysAgo: 800, minutes: 600 });
}, 120_000);
afterAll(() => server?.close());

describe('issuing a certificate (志愿服务证明)', () => {
  it('the volunteer gets a snapshot of their verified hours in the period: hours, activities, organisations, issuer', async () => {
    const result = await server.gql(
      ISSUE,
      { from: ago(60).toISOString(), to: new Date(Date.now() + DAY).toISOString() },
      { as: volunteer },
    );
    expect(result.errors).toBeUndefined();
    const certificate = result.data.issueCertificate;
    expect(certificate.code).toMatch(/^ZM-\d{4}-[0-9A-HJKMNP-TV-Z]{8}$/);
    expect(certificate).toMatchObject({
      hours: 5,
      activityCount: 3,
      organisations: ['和平社区', '幸福里社区', DEMO_TEAMS.afterSchool].sort(),
      issuer: '幸福里社区居民委员会',
      revokedAt: null,
      pdfUrl: `/certificates/${certificate.code}.pdf`,
      holder: { displayName: '陈静' },
    });
    // `to` in the future is clamped to now.
    expect(new Date(certificate.to).getTime()).toBeLessThanOrEqual(Date.now());
    issued = certificate;
    const audit = await server.sql(`select id from audit_entry where action = 'certificate.issue' and target_id = ?`, [
      certificate.id,
    ]);
    expect(audit).toHaveLength(1);
  });

  it('a double submit gives one certificate', async () => {
    const period = { from: ago(30).toISOString(), to: ago(1).toISOString() };
    await server.tokenFor(volunteer);
    const results = await Promise.all([1, 2, 3, 4].map(() => server.gql(ISSUE, period, { as: volunteer })));
    for (const result of results) expect(result.errors).toBeUndefined();
    expect(new Set(results.map((r) => r.data.issueCertificate.code)).size).toBe(1);
    expect(results[0]!.data.issueCertificate.hours).toBe(5);
  });

  it('refuses a bad period, a period without verified hours, and people who are not active volunteers; nothing is issued', async () => {
    const before = await server.sql('select id from certificate');
    const cases: [{ from: Date; to: Date }, string][] = [
      [{ from: ago(1), to: ago(2) }, 'to'],
      [{ from: ago(1), to: ago(1) }, 'to'],
      [{ from: new Date(Date.now() + 2 * DAY), to: new Date(Date.now() + 3 * DAY) }, 'from'],
      [{ from: ago(6 * 366), to: ago(1) }, 'from'],
      [{ from: ago(300), to: ago(200) }, 'from'],
    ];
    for (const [period, field] of cases) {
      const result = await server.gql(
        ISSUE,
        { from: period.from.toISOString(), to: period.to.toISOString() },
        { as: volunteer },
      );
      expect(codeOf(result), JSON.stringify(period)).toBe('BAD_USER_INPUT');
      expect(fieldsOf(result)).toContain(field);
    }
    const fine = { from: ago(60).toISOString(), to: ago(1).toISOString() };
    expect(codeOf(await server.gql(ISSUE, fine))).toBe('UNAUTHENTICATED');
    expect(codeOf(await server.gql(ISSUE, fine, { as: resident }))).toBe('FORBIDDEN');
    expect(codeOf(await server.gql(ISSUE, fine, { as: staff }))).toBe('FORBIDDEN');
    expect(codeOf(await server.gql(ISSUE, fine, { as: DEMO_MINOR.phone }))).toBe('FORBIDDEN');
    expect(await server.sql('select id from certificate')).toHaveLength(before.length);
  });
});

describe('the PDF', () => {
  it('the holder and staff over the community read it: name, masked ID, number, period, hours, activities, organisations, issuer, code', async () => {
    for (const phone of [volunteer, staff, streetAdmin]) {
      const response = await pdf(issued.pdfUrl, phone);
      expect(response.statusCode, phone).toBe(200);
      expect(response.headers['content-type']).toContain('application/pdf');
    }
    const text = (await pdfText((await pdf(issued.pdfUrl, volunteer)).rawPayload)).replace(/\s+/g, '');
    for (const expected of [
      '志愿服务证明',
      '陈静',
      '1101**********3122',
      '5',
      '四点半课堂作业辅导（测试）',
      '楼道清洁（测试）',
      DEMO_TEAMS.afterSchool,
      '幸福里社区居民委员会',
      issued.code,
      `/verify/${issued.code}`,
    ]) {
      expect(text, expected).toContain(expected);
    }
    const [number] = await server.sql<{ number: string }>(
      'select p.number from volunteer_profile p join app_user u on u.id = p.user_id where u.phone = ?',
      [volunteer],
    );
    expect(text).toContain(number!.number);
    expect(text).not.toContain('很久以前的活动');
  });

  it('is 404 to anyone else, signed out, and for an unknown code; the code is read case-insensitively', async () => {
    for (const phone of [resident, otherCommunityStaff, otherStreetAdmin, undefined]) {
      expect((await pdf(issued.pdfUrl, phone)).statusCode, String(phone)).toBe(404);
    }
    expect((await pdf('/certificates/ZM-2026-AAAAAAAA.pdf', volunteer)).statusCode).toBe(404);
    expect((await pdf('/certificates/nothing', volunteer)).statusCode).toBe(404);
    expect((await pdf(issued.pdfUrl.toLowerCase().replace('.pdf', '.pdf'), volunteer)).statusCode).toBe(200);
  });
});

describe('the public check', () => {
  it('shows anyone what the certificate states, the name masked; null when unknown', async () => {
    const result = await server.gql(VERIFY, { code: `  ${issued.code.toLowerCase()} ` });
    expect(result.errors).toBeUndefined();
    expect(result.data.verifyCertificate).toMatchObject({
      code: issued.code,
      holder: '陈*',
      hours: 5,
      issuer: '幸福里社区居民委员会',
      revoked: false,
      revokedAt: null,
    });
    expect((await server.gql(VERIFY, { code: 'ZM-2026-00000000' })).data.verifyCertificate).toBeNull();
    expect((await server.gql(VERIFY, { code: 'x'.repeat(500) })).data.verifyCertificate).toBeNull();
  });

  it('is rate limited per address', async () => {
    const codes: (string | undefined)[] = [];
    for (let i = 0; i < 61; i++) {
      codes.push(codeOf(await server.gql(VERIFY, { code: 'ZM-2026-00000000' }, { remoteAddress: '10.9.9.9' })));
    }
    expect(codes.slice(0, 60).every((code) => code === undefined)).toBe(true);
    expect(codes[60]).toBe('RATE_LIMITED');
  });
});

describe('revoking', () => {
  it('staff over the holder’s community revoke with a reason, once; the holder is told; it then verifies as revoked', async () => {
    expect(codeOf(await server.gql(REVOKE, { code: issued.code, reason: '时长有误' }, { as: resident }))).toBe(
      'NOT_FOUND',
    );
    expect(
      codeOf(await server.gql(REVOKE, { code: issued.code, reason: '时长有误' }, { as: otherCommunityStaff })),
    ).toBe('NOT_FOUND');
    expect(codeOf(await server.gql(REVOKE, { code: issued.code, reason: '时长有误' }, { as: otherStreetAdmin }))).toBe(
      'NOT_FOUND',
    );
    expect(codeOf(await server.gql(REVOKE, { code: issued.code, reason: '时长有误' }, { as: volunteer }))).toBe(
      'FORBIDDEN',
    );
    expect(codeOf(await server.gql(REVOKE, { code: 'ZM-2026-00000000', reason: '时长有误' }, { as: staff }))).toBe(
      'NOT_FOUND',
    );
    for (const reason of ['误', ' ', 'x'.repeat(501)]) {
      expect(codeOf(await server.gql(REVOKE, { code: issued.code, reason }, { as: staff })), reason).toBe(
        'BAD_USER_INPUT',
      );
    }
    await server.tokenFor(staff);
    const results = await Promise.all(
      [1, 2, 3].map(() =>
        server.gql(REVOKE, { code: issued.code.toLowerCase(), reason: '所列时长有误' }, { as: staff }),
      ),
    );
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(results.filter((r) => codeOf(r) === 'INVALID_STATE')).toHaveLength(2);
    const notices = await server.sql<{ params: { code: string; reason: string } }>(
      `select params from notification where recipient_id = ? and kind = 'CERTIFICATE_REVOKED'`,
      [userIds[volunteer]],
    );
    expect(notices.map((n) => n.params)).toContainEqual({ code: issued.code, reason: '所列时长有误' });
    const verified = (await server.gql(VERIFY, { code: issued.code })).data.verifyCertificate;
    expect(verified).toMatchObject({ revoked: true, revokeReason: '所列时长有误' });
    const text = await pdfText((await pdf(issued.pdfUrl, volunteer)).rawPayload);
    expect(text.replace(/\s+/g, '')).toContain('撤销');
  });
});

describe('the staff list', () => {
  it('MANAGE_VOLUNTEERS over the area lists its volunteers’ certificates; others may not', async () => {
    const result = await server.gql(LIST, { areaId: ids['幸福里社区'] }, { as: staff });
    expect(result.errors).toBeUndefined();
    expect(result.data.certificates.edges.map((e: { node: { code: string } }) => e.node.code)).toContain(issued.code);
    const searched = await server.gql(
      LIST,
      { areaId: ids['幸福里社区'], search: issued.code.slice(-5) },
      { as: staff },
    );
    expect(searched.data.certificates.totalCount).toBe(1);
    expect(
      (await server.gql(LIST, { areaId: ids['和平社区'] }, { as: otherCommunityStaff })).data.certificates.totalCount,
    ).toBe(0);
    for (const phone of [volunteer, resident, otherCommunityStaff, otherStreetAdmin]) {
      expect(codeOf(await server.gql(LIST, { areaId: ids['幸福里社区'] }, { as: phone })), phone).toBe('FORBIDDEN');
    }
    expect(codeOf(await server.gql(LIST, { areaId: '999999' }, { as: staff }))).toBe('NOT_FOUND');
  });

  it('its SQL does not grow with the page size', async () => {
    await server.sql(
      `insert into certificate (code, holder_id, community_id, holder_name, masked_holder_name, volunteer_number,
         period_from, period_to, minutes, activity_count, organisations, issuer, issued_at)
       select 'ZM-2026-T' || lpad(g::text, 7, '0'), ?, ?, '陈静', '陈*', 'ZY1', now() - interval '1 day', now(), 60, 1, '{x}', 'y', now()
       from generate_series(1, 30) g`,
      [userIds[volunteer], ids['幸福里社区']],
    );
    await server.gql(LIST, { areaId: ids['幸福里社区'], first: 1 }, { as: staff });
    const small = await server.countQueries(() =>
      server.gql(LIST, { areaId: ids['幸福里社区'], first: 2 }, { as: staff }),
    );
    const large = await server.countQueries(() =>
      server.gql(LIST, { areaId: ids['幸福里社区'], first: 25 }, { as: staff }),
    );
    expect(large).toBe(small);
  });
});
