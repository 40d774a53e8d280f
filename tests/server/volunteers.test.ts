import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_MINOR, DEMO_TEAMS } from '../../server/src/seed/demo-volunteering.data.js';
import { createTestServer, DEMO_ACCOUNTS, type TestServer } from '../helpers/server.js';

let server: TestServer;
let ids: Record<string, string>;
let userIds: Record<string, string>;

const {
  volunteer,
  resident,
  neighbour,
  gridWorker,
  communityStaff: staff,
  streetAdmin,
  otherCommunityStaff,
  otherStreetAdmin,
} = DEMO_ACCOUNTS;

type Result = { errors?: { extensions: { code: string; fields?: Record<string, string> } }[] };
const codeOf = (result: Result) => result.errors?.[0]?.extensions.code;
const fieldsOf = (result: Result) => Object.keys(result.errors?.[0]?.extensions.fields ?? {});

const PROFILE = `id number status skills tags availability partyMember birthDate minor maskedIdNumber verifiedHours
  starLevel noShowCount createdAt user { id displayName } community { name } areasServed { name }
  guardianConsent { guardianName relation guardianPhone recordedBy { displayName } recordedAt }
  teams { status role team { name } } notes { kind title occurredOn hours issuer recordedBy { displayName } }`;
const BECOME = `mutation($input: VolunteerProfileInput!) { becomeVolunteer(input: $input) { ${PROFILE} } }`;
const MINE = `{ myVolunteerProfile { ${PROFILE} } }`;
const ONE = `query($id: ID!) { volunteer(id: $id) { ${PROFILE} } }`;
const CONSENT = `mutation($input: GuardianConsentInput!) { recordGuardianConsent(input: $input) { ${PROFILE} } }`;
const NOTE = `mutation($input: RecordNoteInput!) { addVolunteerRecordNote(input: $input) {
  id kind title detail occurredOn hours issuer recordedBy { displayName } createdAt } }`;
const LIST = `query($areaId: ID!, $filter: VolunteerFilter, $first: Int, $after: String) {
  volunteers(areaId: $areaId, filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { ${PROFILE} } } } }`;
const TODOS = `{ myTodos { volunteersAwaitingConsent } }`;

const daysAgo = (days: number, years = 0) => {
  const date = new Date(Date.now() + 8 * 3600_000 - days * 86_400_000);
  date.setUTCFullYear(date.getUTCFullYear() - years);
  return date.toISOString().slice(0, 10);
};

/** A resident of 幸福里 (1390000…, not holding VOLUNTEER) by position among the seeded ones. */
const RESIDENTS = ['13900000002', '13900000003', '13900000004', '13900000005', '13900000008', '13900000009'];

const input = (extra: Record<string, unknown> = {}) => ({
  skills: ['ELDERLY_CARE', 'REPAIR'],
  tags: ['钢琴'],
  availability: ['WEEKEND_MORNING'],
  areaIds: [ids['幸福里社区']],
  birthDate: '1975-03-07',
  ...extra,
});

async function profileIdOf(phone: string) {
  const [row] = await server.sql<{ id: number }>(
    'select p.id from volunteer_profile p join app_user u on u.id = p.user_id where u.phone = ?',
    [phone],
  );
  return String(row!.id);
}

const profileCount = async (phone: string) =>
  Number(
    (
      await server.sql<{ n: string }>(
        'select count(*) as n from volunteer_profile p join app_user u on u.id = p.user_id where u.phone = ?',
        [phone],
      )
    )[0]!.n,
  );

beforeAll(async () => {
  server = await createTestServer();
  ids = await server.areaIds();
  userIds = await server.userIds();
}, 120_000);
afterAll(() => server?.close());

describe('becoming a volunteer', () => {
  it('a resident with a home becomes an ACTIVE volunteer of their community and holds VOLUNTEER there', async () => {
    const result = await server.gql(
      BECOME,
      { input: input({ idNumber: '11010519750307123X'.slice(0, 17) + 'X', partyMember: true }) },
      { as: resident },
    );
    // The ID number above is only a shape; the real one is checked below.
    expect(codeOf(result)).toBe('BAD_USER_INPUT');
    const made = await server.gql(BECOME, { input: input({ partyMember: true }) }, { as: resident });
    expect(made.errors).toBeUndefined();
    const profile = made.data.becomeVolunteer;
    expect(profile).toMatchObject({
      status: 'ACTIVE',
      skills: ['ELDERLY_CARE', 'REPAIR'],
      tags: ['钢琴'],
      partyMember: true,
      birthDate: '1975-03-07',
      minor: false,
      maskedIdNumber: null,
      verifiedHours: 0,
      starLevel: 0,
      noShowCount: 0,
      community: { name: '幸福里社区' },
      areasServed: [{ name: '幸福里社区' }],
    });
    expect(profile.number).toMatch(new RegExp(`^ZY${new Date().getUTCFullYear()}\\d{6}$`));
    const roles = await server.sql(
      `select ra.role from role_assignment ra where ra.user_id = ? and ra.role = 'VOLUNTEER' and ra.area_id = ?`,
      [userIds[resident], ids['幸福里社区']],
    );
    expect(roles).toHaveLength(1);
    expect((await server.gql(MINE, {}, { as: resident })).data.myVolunteerProfile.id).toBe(profile.id);
  });

  it('again: updates what the volunteer offers, keeps the number, and takes an ID number that agrees with the birth date', async () => {
    const before = (await server.gql(MINE, {}, { as: resident })).data.myVolunteerProfile;
    const result = await server.gql(
      BECOME,
      {
        input: {
          skills: ['TUTORING'],
          tags: ['手语', '书法'],
          availability: ['WEEKDAY_EVENING', 'WEEKDAY_EVENING'],
          areaIds: [ids['幸福里第一网格'], ids['和平社区']],
          idNumber: '110105197503071236',
        },
      },
      { as: resident },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data.becomeVolunteer).toMatchObject({
      id: before.id,
      number: before.number,
      skills: ['TUTORING'],
      tags: ['手语', '书法'],
      availability: ['WEEKDAY_EVENING'],
      partyMember: true,
      maskedIdNumber: '1101**********1236',
    });
    expect(result.data.becomeVolunteer.areasServed.map((a: { name: string }) => a.name).sort()).toEqual(
      ['和平社区', '幸福里第一网格'].sort(),
    );
    expect(await profileCount(resident)).toBe(1);
  });

  it('refuses bad input field by field and changes nothing', async () => {
    const phone = RESIDENTS[0]!;
    const cases: [Record<string, unknown>, string][] = [
      [{ birthDate: null }, 'birthDate'],
      [{ birthDate: '2026-02-30' }, 'birthDate'],
      [{ birthDate: '07/03/1975' }, 'birthDate'],
      [{ birthDate: daysAgo(-2) }, 'birthDate'],
      [{ birthDate: '1900-01-01' }, 'birthDate'],
      [{ idNumber: '110105197503071235' }, 'idNumber'],
      [{ idNumber: '110105197603071234' }, 'idNumber'],
      [{ idNumber: '12345' }, 'idNumber'],
      [{ tags: Array.from({ length: 11 }, (_, i) => `标签${i}`) }, 'tags'],
      [{ tags: ['这是一个超过二十个字的很长很长很长很长的标签'] }, 'tags'],
      [{ tags: ['响铃\u0007'] }, 'tags'],
      [{ tags: ['空\u0000字节'] }, 'tags'],
      [{ tags: ['  '] }, 'tags'],
      [{ areaIds: [] }, 'areaIds'],
      [{ areaIds: Array.from({ length: 11 }, () => ids['幸福里社区']) }, 'areaIds'],
    ];
    for (const [extra, field] of cases) {
      const result = await server.gql(BECOME, { input: input(extra) }, { as: phone });
      expect(codeOf(result), JSON.stringify(extra)).toBe('BAD_USER_INPUT');
      expect(fieldsOf(result), JSON.stringify(extra)).toContain(field);
    }
    expect(await profileCount(phone)).toBe(0);
  });

  it('areas to serve must lie in the viewer’s street: others are NOT_FOUND, as unknown ids', async () => {
    const phone = RESIDENTS[0]!;
    for (const areaIds of [[ids['朝阳社区']], ['999999'], ['abc']]) {
      expect(codeOf(await server.gql(BECOME, { input: input({ areaIds }) }, { as: phone }))).toBe('NOT_FOUND');
    }
    expect(await profileCount(phone)).toBe(0);
  });

  it('needs a signed-in person with a home community', async () => {
    expect(codeOf(await server.gql(BECOME, { input: input() }))).toBe('UNAUTHENTICATED');
    expect(codeOf(await server.gql(BECOME, { input: input() }, { as: otherStreetAdmin }))).toBe('FORBIDDEN');
    expect(codeOf(await server.gql(BECOME, { input: input() }, { as: streetAdmin }))).toBe('FORBIDDEN');
  });

  it('a double submit makes one profile with one number', async () => {
    await server.tokenFor(neighbour);
    const results = await Promise.all(
      Array.from({ length: 8 }, () => server.gql(BECOME, { input: input() }, { as: neighbour })),
    );
    for (const result of results) expect(result.errors).toBeUndefined();
    expect(new Set(results.map((r) => r.data.becomeVolunteer.number)).size).toBe(1);
    expect(await profileCount(neighbour)).toBe(1);
    const roles = await server.sql(`select id from role_assignment where user_id = ? and role = 'VOLUNTEER'`, [
      userIds[neighbour],
    ]);
    expect(roles).toHaveLength(1);
  });
});

describe('minors and a guardian’s consent', () => {
  it('under 14: AWAITING_CONSENT, no VOLUNTEER role, and the community’s staff are told and see it on their to-dos', async () => {
    const phone = RESIDENTS[1]!;
    const todosBefore = (await server.gql(TODOS, {}, { as: staff })).data.myTodos.volunteersAwaitingConsent;
    const result = await server.gql(BECOME, { input: input({ birthDate: daysAgo(30, 13) }) }, { as: phone });
    expect(result.errors).toBeUndefined();
    expect(result.data.becomeVolunteer).toMatchObject({
      status: 'AWAITING_CONSENT',
      minor: true,
      guardianConsent: null,
    });
    expect(
      await server.sql(`select id from role_assignment where user_id = ? and role = 'VOLUNTEER'`, [userIds[phone]]),
    ).toHaveLength(0);
    const notices = await server.sql<{ params: { volunteer: string } }>(
      `select params from notification where recipient_id = ? and kind = 'VOLUNTEER_CONSENT_NEEDED' and subject_id = ?`,
      [userIds[staff], result.data.becomeVolunteer.id],
    );
    expect(notices).toHaveLength(1);
    expect((await server.gql(TODOS, {}, { as: staff })).data.myTodos.volunteersAwaitingConsent).toBe(todosBefore + 1);
    expect((await server.gql(TODOS, {}, { as: otherCommunityStaff })).data.myTodos.volunteersAwaitingConsent).toBe(0);
    expect((await server.gql(TODOS, {}, { as: resident })).data.myTodos.volunteersAwaitingConsent).toBe(0);
  });

  it('staff over the community record the consent: ACTIVE with VOLUNTEER; others may not; twice is INVALID_STATE', async () => {
    const phone = RESIDENTS[1]!;
    const profileId = await profileIdOf(phone);
    await server.tokenFor(staff);
    const consent = { profileId, guardianName: '王大山', relation: '父亲', guardianPhone: '13912345678' };
    expect(codeOf(await server.gql(CONSENT, { input: consent }, { as: otherCommunityStaff }))).toBe('NOT_FOUND');
    expect(codeOf(await server.gql(CONSENT, { input: consent }, { as: otherStreetAdmin }))).toBe('NOT_FOUND');
    expect(codeOf(await server.gql(CONSENT, { input: consent }, { as: resident }))).toBe('NOT_FOUND');
    expect(codeOf(await server.gql(CONSENT, { input: consent }, { as: phone }))).toBe('FORBIDDEN');
    expect(codeOf(await server.gql(CONSENT, { input: { ...consent, profileId: '999999' } }, { as: staff }))).toBe(
      'NOT_FOUND',
    );
    for (const [bad, field] of [
      [{ guardianPhone: '1234' }, 'guardianPhone'],
      [{ guardianName: ' ' }, 'guardianName'],
      [{ relation: '很长'.repeat(11) }, 'relation'],
    ] as const) {
      const result = await server.gql(CONSENT, { input: { ...consent, ...bad } }, { as: staff });
      expect(codeOf(result)).toBe('BAD_USER_INPUT');
      expect(fieldsOf(result)).toContain(field);
    }
    const results = await Promise.all([1, 2, 3].map(() => server.gql(CONSENT, { input: consent }, { as: staff })));
    const done = results.filter((r) => !r.errors);
    expect(done).toHaveLength(1);
    expect(results.filter((r) => codeOf(r) === 'INVALID_STATE')).toHaveLength(2);
    expect(done[0]!.data.recordGuardianConsent).toMatchObject({
      status: 'ACTIVE',
      guardianConsent: {
        guardianName: '王大山',
        relation: '父亲',
        guardianPhone: '139****5678',
        recordedBy: { displayName: '李秀英' },
      },
    });
    expect(
      await server.sql(`select id from role_assignment where user_id = ? and role = 'VOLUNTEER'`, [userIds[phone]]),
    ).toHaveLength(1);
    const audit = await server.sql(
      `select id from audit_entry where action = 'volunteer.recordConsent' and target_id = ?`,
      [profileId],
    );
    expect(audit).toHaveLength(1);
  });

  it('the demo minor waits for consent', async () => {
    const [row] = await server.sql<{ status: string }>(
      'select p.status from volunteer_profile p join app_user u on u.id = p.user_id where u.phone = ?',
      [DEMO_MINOR.phone],
    );
    expect(row?.status).toBe('AWAITING_CONSENT');
  });
});

describe('notes on the record (training, awards, evaluations)', () => {
  it('staff over the community add one, once per idempotency key, also when sent at once', async () => {
    const profileId = await profileIdOf(volunteer);
    const note = {
      profileId,
      kind: 'TRAINING',
      title: '急救技能培训',
      detail: '心肺复苏与AED使用',
      occurredOn: daysAgo(3),
      hours: 3.5,
      issuer: '区红十字会',
      idempotencyKey: 'note-key-0001',
    };
    const results = await Promise.all([1, 2, 3, 4].map(() => server.gql(NOTE, { input: note }, { as: staff })));
    for (const result of results) expect(result.errors).toBeUndefined();
    expect(new Set(results.map((r) => r.data.addVolunteerRecordNote.id)).size).toBe(1);
    expect(results[0]!.data.addVolunteerRecordNote).toMatchObject({
      kind: 'TRAINING',
      title: '急救技能培训',
      hours: 3.5,
      occurredOn: note.occurredOn,
      recordedBy: { displayName: '李秀英' },
    });
    const notes = (await server.gql(MINE, {}, { as: volunteer })).data.myVolunteerProfile.notes;
    expect(notes.filter((n: { title: string }) => n.title === '急救技能培训')).toHaveLength(1);
  });

  it('refuses the volunteer (FORBIDDEN), staff elsewhere (NOT_FOUND) and bad input', async () => {
    const profileId = await profileIdOf(volunteer);
    const note = { profileId, kind: 'AWARD', title: '优秀志愿者', occurredOn: daysAgo(1) };
    expect(codeOf(await server.gql(NOTE, { input: note }, { as: volunteer }))).toBe('FORBIDDEN');
    expect(codeOf(await server.gql(NOTE, { input: note }, { as: otherCommunityStaff }))).toBe('NOT_FOUND');
    expect(codeOf(await server.gql(NOTE, { input: note }, { as: otherStreetAdmin }))).toBe('NOT_FOUND');
    const before = await server.sql('select id from volunteer_record_note');
    for (const [bad, field] of [
      [{ occurredOn: daysAgo(-3) }, 'occurredOn'],
      [{ occurredOn: '2026-13-01' }, 'occurredOn'],
      [{ hours: -1 }, 'hours'],
      [{ hours: 1e9 }, 'hours'],
      [{ title: '' }, 'title'],
      [{ title: 'x'.repeat(101) }, 'title'],
      [{ title: 'a\u0000b' }, 'title'],
    ] as const) {
      const result = await server.gql(NOTE, { input: { ...note, ...bad } }, { as: staff });
      expect(codeOf(result), JSON.stringify(bad)).toBe('BAD_USER_INPUT');
      expect(fieldsOf(result), JSON.stringify(bad)).toContain(field);
    }
    expect(await server.sql('select id from volunteer_record_note')).toHaveLength(before.length);
  });
});

describe('who sees a profile', () => {
  it('the volunteer and staff over the community see the personal part; organisers the number and no-shows; others nothing', async () => {
    const profileId = await profileIdOf(volunteer);
    const own = (await server.gql(ONE, { id: profileId }, { as: volunteer })).data.volunteer;
    expect(own).toMatchObject({ birthDate: '1988-05-16', maskedIdNumber: '1101**********3122', partyMember: true });
    expect(own.notes.length).toBeGreaterThanOrEqual(2);
    const staffView = (await server.gql(ONE, { id: profileId }, { as: staff })).data.volunteer;
    expect(staffView).toMatchObject({ birthDate: '1988-05-16', maskedIdNumber: '1101**********3122' });
    for (const phone of [resident, otherCommunityStaff, otherStreetAdmin, gridWorker]) {
      expect((await server.gql(ONE, { id: profileId }, { as: phone })).data.volunteer, phone).toBeNull();
    }
    expect((await server.gql(ONE, { id: profileId })).data.volunteer).toBeNull();
    // The grid worker organises an activity 陈静 signed up for: number and no-shows, no personal part.
    const [activity] = await server.sql<{ id: number }>(
      `insert into activity (area_id, area_path, street_id, community_id, grid_id, title, description, place, skills,
         status, retroactive, starts_at, ends_at, created_by_id, created_at, updated_at)
       select a.id, a.path, ?, ?, a.id, '楼道清理', '清理杂物', '1号楼', '{}', 'PUBLISHED', false, now(), now() + interval '2 hours', ?, now(), now()
       from area a where a.id = ? returning id`,
      [ids['幸福街道'], ids['幸福里社区'], userIds[gridWorker], ids['幸福里第一网格']],
    );
    const [shift] = await server.sql<{ id: number }>(
      `insert into shift (activity_id, starts_at, ends_at, capacity, signed_up_count, waitlist_count, check_in_secret)
       values (?, now(), now() + interval '2 hours', 5, 1, 0, 'x') returning id`,
      [activity!.id],
    );
    await server.sql(
      `insert into shift_signup (shift_id, activity_id, volunteer_id, status, queued_at, retroactive, created_at)
       values (?, ?, ?, 'SIGNED_UP', now(), false, now())`,
      [shift!.id, activity!.id, userIds[volunteer]],
    );
    const organiserView = (await server.gql(ONE, { id: profileId }, { as: gridWorker })).data.volunteer;
    expect(organiserView).toMatchObject({
      number: own.number,
      noShowCount: 0,
      birthDate: null,
      maskedIdNumber: null,
      guardianConsent: null,
      notes: [],
    });
  });

  it('User.volunteerProfile: to the person and staff over their community, to no one else', async () => {
    const query = `query($id: ID!) { user(id: $id) { volunteerProfile { number birthDate } } }`;
    const mine = await server.gql(`{ me { volunteerProfile { number birthDate } } }`, {}, { as: volunteer });
    expect(mine.data.me.volunteerProfile).toMatchObject({
      number: expect.stringMatching(/^ZY/),
      birthDate: '1988-05-16',
    });
    const asStaff = await server.gql(query, { id: userIds[volunteer] }, { as: staff });
    expect(asStaff.data.user.volunteerProfile.number).toBe(mine.data.me.volunteerProfile.number);
    for (const phone of [otherCommunityStaff, streetAdmin]) {
      const seen = await server.gql(query, { id: userIds[volunteer] }, { as: phone });
      // The street administrator manages the volunteers of the whole street; 和平社区's staff see no one of 幸福里.
      if (phone === streetAdmin) expect(seen.data.user.volunteerProfile).not.toBeNull();
      else expect(seen.data.user?.volunteerProfile ?? null).toBeNull();
    }
    const staffProfile = await server.gql(`{ me { volunteerProfile { number } } }`, {}, { as: staff });
    expect(staffProfile.data.me.volunteerProfile).toBeNull();
  });

  it('Notification.volunteer links the consent notice to the profile for the staff told', async () => {
    const result = await server.gql(
      `{ notifications(first: 50) { edges { node { kind volunteer { user { displayName } status } } } } }`,
      {},
      { as: staff },
    );
    expect(result.errors).toBeUndefined();
    const notice = result.data.notifications.edges.find(
      (e: { node: { kind: string; volunteer: { user: { displayName: string } } | null } }) =>
        e.node.kind === 'VOLUNTEER_CONSENT_NEEDED' && e.node.volunteer?.user.displayName === DEMO_MINOR.name,
    );
    expect(notice?.node.volunteer.status).toBe('AWAITING_CONSENT');
  });
});

describe('the demo', () => {
  it('陈静: a party member with skills, an ID number, a training and an award; the teams and the minor as described', async () => {
    const chen = (await server.gql(MINE, {}, { as: volunteer })).data.myVolunteerProfile;
    expect(chen).toMatchObject({ status: 'ACTIVE', partyMember: true, maskedIdNumber: '1101**********3122' });
    expect(chen.skills).toEqual(expect.arrayContaining(['TUTORING', 'ELDERLY_CARE']));
    expect(chen.notes.map((n: { kind: string }) => n.kind)).toEqual(expect.arrayContaining(['TRAINING', 'AWARD']));
    const teams = new Map(
      chen.teams.map((m: { team: { name: string }; role: string; status: string }) => [m.team.name, m]),
    );
    expect(teams.get(DEMO_TEAMS.afterSchool)).toMatchObject({ role: 'LEADER', status: 'APPROVED' });
    expect(teams.get(DEMO_TEAMS.elderCare)).toMatchObject({ role: 'MEMBER', status: 'APPROVED' });
    const counts = await server.sql<{ name: string; status: string; n: string }>(
      `select t.name, m.status, count(*) as n from team t join team_membership m on m.team_id = t.id group by t.name, m.status`,
    );
    const count = (name: string, status: string) =>
      Number(counts.find((c) => c.name === name && c.status === status)?.n ?? 0);
    expect(count(DEMO_TEAMS.afterSchool, 'APPROVED')).toBe(3);
    expect(count(DEMO_TEAMS.afterSchool, 'REQUESTED')).toBe(1);
    const [disability] = await server.sql<{ name: string }>(
      `select a.name from team t join area a on a.id = t.area_id where t.name = ?`,
      [DEMO_TEAMS.disability],
    );
    expect(disability!.name).toBe('和平社区');
    // Every resident holding VOLUNTEER has a profile.
    const missing = await server.sql(
      `select u.phone from app_user u join role_assignment ra on ra.user_id = u.id and ra.role = 'VOLUNTEER'
       where not exists (select 1 from volunteer_profile p where p.user_id = u.id)`,
    );
    expect(missing).toEqual([]);
  });
});

describe('the volunteer list', () => {
  it('staff with MANAGE_VOLUNTEERS over the area list the volunteers of its communities, filtered', async () => {
    const all = await server.gql(LIST, { areaId: ids['幸福里社区'] }, { as: staff });
    expect(all.errors).toBeUndefined();
    const names = all.data.volunteers.edges.map(
      (e: { node: { user: { displayName: string } } }) => e.node.user.displayName,
    );
    expect(names).toContain('陈静');
    expect(names).toContain(DEMO_MINOR.name);
    expect(
      all.data.volunteers.edges.every(
        (e: { node: { community: { name: string } } }) => e.node.community.name === '幸福里社区',
      ),
    ).toBe(true);
    const waiting = await server.gql(
      LIST,
      { areaId: ids['幸福里社区'], filter: { statuses: ['AWAITING_CONSENT'] } },
      { as: staff },
    );
    expect(
      waiting.data.volunteers.edges.every((e: { node: { status: string } }) => e.node.status === 'AWAITING_CONSENT'),
    ).toBe(true);
    const tutors = await server.gql(
      LIST,
      { areaId: ids['幸福里社区'], filter: { skills: ['TUTORING', 'MEDICAL'], partyMember: true } },
      { as: staff },
    );
    expect(
      tutors.data.volunteers.edges.map((e: { node: { user: { displayName: string } } }) => e.node.user.displayName),
    ).toContain('陈静');
    for (const edge of tutors.data.volunteers.edges) expect(edge.node.partyMember).toBe(true);
    const searched = await server.gql(LIST, { areaId: ids['幸福里社区'], filter: { search: '陈静' } }, { as: staff });
    expect(searched.data.volunteers.totalCount).toBe(1);
    const byStreet = await server.gql(LIST, { areaId: ids['幸福街道'] }, { as: streetAdmin });
    expect(byStreet.data.volunteers.totalCount).toBeGreaterThan(all.data.volunteers.totalCount);
  });

  it('is refused to others: FORBIDDEN over an area they do not manage, NOT_FOUND for an unknown area', async () => {
    for (const phone of [resident, volunteer, gridWorker, otherCommunityStaff, otherStreetAdmin]) {
      expect(codeOf(await server.gql(LIST, { areaId: ids['幸福里社区'] }, { as: phone })), phone).toBe('FORBIDDEN');
    }
    expect(codeOf(await server.gql(LIST, { areaId: '999999' }, { as: staff }))).toBe('NOT_FOUND');
    expect(codeOf(await server.gql(LIST, { areaId: ids['幸福里社区'], first: 500 }, { as: staff }))).toBe(
      'BAD_USER_INPUT',
    );
    expect(codeOf(await server.gql(LIST, { areaId: ids['幸福里社区'], after: 'nonsense' }, { as: staff }))).toBe(
      'BAD_USER_INPUT',
    );
  });

  it('pages by cursor, and its SQL does not grow with the page size', async () => {
    const first = await server.gql(LIST, { areaId: ids['幸福街道'], first: 2 }, { as: streetAdmin });
    const second = await server.gql(
      LIST,
      { areaId: ids['幸福街道'], first: 2, after: first.data.volunteers.pageInfo.endCursor },
      { as: streetAdmin },
    );
    expect(second.data.volunteers.edges[0].node.id).not.toBe(first.data.volunteers.edges[0].node.id);
    // Thirty more volunteers like the seeded ones (each with an area served, a team, a note), so both pages are full.
    await server.sql(
      `insert into app_user (phone, password_hash, display_name, home_area_id, created_at)
       select '1370000' || lpad(g::text, 4, '0'), 'x', '志愿者' || g, ?, now() from generate_series(1, 30) g`,
      [ids['幸福里第一网格']],
    );
    await server.sql(
      `insert into volunteer_profile (user_id, number, status, skills, tags, availability, party_member, community_id,
         verified_minutes, no_show_count, star_level, created_at)
       select id, 'ZYT' || id, 'ACTIVE', '{REPAIR}', '{}', '{WEEKDAY_MORNING}', false, ?, 0, 0, 0, now()
       from app_user where phone like '1370000%'`,
      [ids['幸福里社区']],
    );
    await server.sql(
      `insert into volunteer_served_area (profile_id, area_id)
       select p.id, ? from volunteer_profile p join app_user u on u.id = p.user_id where u.phone like '1370000%'`,
      [ids['幸福里社区']],
    );
    const COUNTED = LIST.replace(/guardianConsent \{[^}]*\{[^}]*\}[^}]*\}/, '');
    await server.gql(COUNTED, { areaId: ids['幸福街道'], first: 1 }, { as: streetAdmin });
    const small = await server.countQueries(() =>
      server.gql(COUNTED, { areaId: ids['幸福街道'], first: 3 }, { as: streetAdmin }),
    );
    const large = await server.countQueries(() =>
      server.gql(COUNTED, { areaId: ids['幸福街道'], first: 25 }, { as: streetAdmin }),
    );
    expect(large).toBe(small);
  });
});
