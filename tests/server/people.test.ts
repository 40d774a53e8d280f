import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, DEMO_ACCOUNTS, DEMO_PASSWORD, type TestServer } from '../helpers/server.js';

let server: TestServer;
let ids: Record<string, string>;

beforeAll(async () => {
  server = await createTestServer();
  ids = await server.areaIds();
});
afterAll(() => server?.close());

const userCount = async () => Number((await server.sql<{ n: string }>('select count(*) n from app_user'))[0]!.n);
const userIdOf = async (phone: string) =>
  String((await server.sql<{ id: number }>('select id from app_user where phone = ?', [phone]))[0]!.id);
const buildingOne = () => ids['1号楼']!;

const REGISTER = `mutation($input: RegisterInput!) {
  register(input: $input) { token user { displayName phone homeArea { name } roles { role area { name } } } }
}`;
const LOGIN =
  'mutation($phone: String!, $password: String!) { login(phone: $phone, password: $password) { token user { displayName } } }';

describe('register', () => {
  it('makes a resident of the chosen home area, signed in with a cookie and a token', async () => {
    const response = await server.app.http.inject({
      method: 'POST',
      url: '/graphql',
      headers: { 'content-type': 'application/json' },
      payload: {
        query: REGISTER,
        variables: {
          input: { phone: '13912345678', password: 'longenough', displayName: '钱多多', homeAreaId: buildingOne() },
        },
      },
    });
    const body = response.json();
    expect(body.errors).toBeUndefined();
    expect(body.data.register.user).toEqual({
      displayName: '钱多多',
      phone: '13912345678',
      homeArea: { name: '1号楼' },
      roles: [{ role: 'RESIDENT', area: { name: '1号楼' } }],
    });
    const cookie = String(response.headers['set-cookie']);
    expect(cookie).toMatch(/gongzhi_session=[\w-]+/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    const me = await server.gql('{ me { displayName } }', {}, { token: body.data.register.token });
    expect(me.data.me.displayName).toBe('钱多多');
    const stored = await server.sql<{ password_hash: string }>('select password_hash from app_user where phone = ?', [
      '13912345678',
    ]);
    expect(stored[0]!.password_hash).toMatch(/^\$argon2id\$/);
  });

  it('refuses bad input next to each field and writes nothing', async () => {
    const before = await userCount();
    const result = await server.gql(REGISTER, {
      input: { phone: '123', password: 'short', displayName: '名'.repeat(51), homeAreaId: buildingOne() },
    });
    expect(result.errors?.[0]?.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      fields: {
        phone: '请输入 11 位手机号（1 开头）。',
        password: '密码至少 8 位。',
        displayName: '不能超过 50 个字。',
      },
    });
    const english = await server.gql(
      REGISTER,
      { input: { phone: '12345678901', password: 'longenough', displayName: ' ', homeAreaId: buildingOne() } },
      { headers: { 'accept-language': 'en' } },
    );
    expect(english.errors?.[0]?.extensions.fields).toEqual({
      phone: 'Enter an 11-digit mainland mobile number starting with 1.',
      displayName: 'This field is required.',
    });
    const missing = await server.gql(REGISTER, {
      input: { phone: '13912345670', password: 'longenough', displayName: '某人' },
    });
    expect(missing.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
    expect(await userCount()).toBe(before);
  });

  it('refuses a street as home, and an unknown area', async () => {
    const input = { phone: '13912345671', password: 'longenough', displayName: '某人' };
    const street = await server.gql(REGISTER, { input: { ...input, homeAreaId: ids['幸福街道'] } });
    expect(street.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { homeAreaId: expect.any(String) },
    });
    const unknown = await server.gql(REGISTER, { input: { ...input, homeAreaId: '987654' } });
    expect(unknown.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { homeAreaId: expect.any(String) },
    });
  });

  it('refuses a phone already registered with CONFLICT, also for a double submit', async () => {
    const input = { phone: '13987654321', password: 'longenough', displayName: '孙悟空', homeAreaId: buildingOne() };
    const results = await Promise.all([server.gql(REGISTER, { input }), server.gql(REGISTER, { input })]);
    expect(results.map((r) => r.errors?.[0]?.extensions.code ?? 'OK').sort()).toEqual(['CONFLICT', 'OK']);
    const taken = await server.gql(REGISTER, { input: { ...input, displayName: '另一个人' } });
    expect(taken.errors?.[0]?.extensions).toEqual({ code: 'CONFLICT', fields: { phone: '该手机号已注册。' } });
    expect(await server.sql('select id from app_user where phone = ?', [input.phone])).toHaveLength(1);
    expect(
      await server.sql('select ra.id from role_assignment ra join app_user u on u.id = ra.user_id where u.phone = ?', [
        input.phone,
      ]),
    ).toHaveLength(1);
  });
  it('answers a registered phone exactly as a free one unless the input is accepted, then hints at signing in', async () => {
    const taken = DEMO_ACCOUNTS.resident;
    const free = '13912340000';
    const valid = { password: 'longenough', displayName: '某人', homeAreaId: buildingOne() };
    const from = { remoteAddress: '198.51.100.30' };
    const answerFor = async (phone: string, change: Record<string, string>) => {
      const result = await server.gql(REGISTER, { input: { ...valid, phone, ...change } }, from);
      return { message: result.errors?.[0]?.message, extensions: result.errors?.[0]?.extensions };
    };
    for (const change of <Record<string, string>[]>[
      { displayName: 'null\u0000byte' },
      { displayName: ' ' },
      { password: 'short' },
      { homeAreaId: '987654' },
    ]) {
      const forTaken = await answerFor(taken, change);
      expect(forTaken.extensions?.code, JSON.stringify(change)).not.toBe('CONFLICT');
      expect(forTaken, JSON.stringify(change)).toEqual(await answerFor(free, change));
    }
    expect(await server.sql('select id from app_user where phone = ?', [free])).toHaveLength(0);
    expect(await answerFor(taken, {})).toEqual({
      message: '该手机号已注册，请直接登录。',
      extensions: { code: 'CONFLICT', fields: { phone: '该手机号已注册。' } },
    });
  });
});

describe('login and logout', () => {
  it('signs in with phone and password, and the token works as a bearer', async () => {
    const result = await server.gql(LOGIN, { phone: DEMO_ACCOUNTS.communityStaff, password: DEMO_PASSWORD });
    expect(result.data.login.user.displayName).toBe('李秀英');
    const me = await server.gql(
      '{ me { phone roles { role area { name } } } }',
      {},
      { token: result.data.login.token },
    );
    expect(me.data.me).toEqual({
      phone: DEMO_ACCOUNTS.communityStaff,
      roles: [
        { role: 'STAFF', area: { name: '幸福里社区' } },
        // 书记 of the community's 大党委 (seed/demo-committees.ts), for its term.
        { role: 'COMMITTEE_MEMBER', area: { name: '幸福里社区' } },
      ],
    });
  });

  it('says the same for a wrong password and an unknown phone', async () => {
    const wrong = await server.gql(LOGIN, { phone: DEMO_ACCOUNTS.neighbour, password: 'not-the-password' });
    const unknown = await server.gql(LOGIN, { phone: '13700000000', password: 'whatever1' });
    expect(wrong.errors?.[0]).toMatchObject({
      message: '手机号或密码不正确。',
      extensions: { code: 'UNAUTHENTICATED' },
    });
    expect(unknown.errors?.[0]?.message).toBe(wrong.errors?.[0]?.message);
  });

  it('logout ends the session for good', async () => {
    const { data } = await server.gql(LOGIN, { phone: DEMO_ACCOUNTS.unitRep, password: DEMO_PASSWORD });
    const token = data.login.token;
    expect((await server.gql('mutation { logout }', {}, { token })).data.logout).toBe(true);
    expect((await server.gql('{ me { id } }', {}, { token })).data.me).toBeNull();
  });

  it('stores only a hash of the session token', async () => {
    const token = await server.tokenFor(DEMO_ACCOUNTS.gridWorker);
    expect(await server.sql('select id from session where token_hash = ?', [token])).toHaveLength(0);
  });
});

const USERS = `query($areaId: ID!, $roles: [Role!], $search: String, $first: Int, $after: String) {
  users(areaId: $areaId, roles: $roles, search: $search, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id displayName phone homeArea { name } roles { role area { name } } } }
  }
}`;

describe('users', () => {
  it('lists the people of a community for its staff, filtered by several roles at once', async () => {
    const result = await server.gql(
      USERS,
      { areaId: ids['幸福里社区'], roles: ['GRID_WORKER', 'VOLUNTEER'] },
      { as: DEMO_ACCOUNTS.communityStaff },
    );
    const names = result.data.users.edges.map((e: { node: { displayName: string } }) => e.node.displayName);
    expect(names).toContain('张伟');
    expect(names).toContain('陈静');
    expect(names).not.toContain('赵桂兰');
    for (const { node } of result.data.users.edges) {
      expect(node.roles.some((r: { role: string }) => ['GRID_WORKER', 'VOLUNTEER'].includes(r.role))).toBe(true);
    }
  });

  it('searches by name or phone', async () => {
    const byName = await server.gql(
      USERS,
      { areaId: ids['幸福街道'], search: '桂兰' },
      { as: DEMO_ACCOUNTS.streetAdmin },
    );
    expect(byName.data.users.edges.map((e: { node: { phone: string } }) => e.node.phone)).toEqual([
      DEMO_ACCOUNTS.resident,
    ]);
    const byPhone = await server.gql(
      USERS,
      { areaId: ids['幸福街道'], search: DEMO_ACCOUNTS.neighbour },
      { as: DEMO_ACCOUNTS.streetAdmin },
    );
    expect(byPhone.data.users.totalCount).toBe(1);
  });

  it('pages through the list with cursors', async () => {
    const as = { as: DEMO_ACCOUNTS.streetAdmin };
    const first = await server.gql(USERS, { areaId: ids['幸福街道'], first: 5 }, as);
    const { totalCount, pageInfo, edges } = first.data.users;
    expect(edges).toHaveLength(5);
    expect(pageInfo.hasNextPage).toBe(true);
    const second = await server.gql(USERS, { areaId: ids['幸福街道'], first: 5, after: pageInfo.endCursor }, as);
    const seen = new Set([...edges, ...second.data.users.edges].map((e: { node: { id: string } }) => e.node.id));
    expect(seen.size).toBe(10);
    expect(second.data.users.totalCount).toBe(totalCount);
    const bad = await server.gql(USERS, { areaId: ids['幸福街道'], after: 'not-a-cursor' }, as);
    expect(bad.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { after: expect.any(String) },
    });
  });

  it('costs the same number of SQL statements for 5 or 50 people with their areas and roles', async () => {
    const as = { as: DEMO_ACCOUNTS.streetAdmin };
    await server.tokenFor(DEMO_ACCOUNTS.streetAdmin);
    const small = await server.countQueries(() => server.gql(USERS, { areaId: ids['幸福街道'], first: 5 }, as));
    const large = await server.countQueries(() => server.gql(USERS, { areaId: ids['幸福街道'], first: 50 }, as));
    expect(large).toBe(small);
    expect(small).toBeLessThanOrEqual(10);
  });

  it('lets a grid worker find the residents of their grid, with phone numbers, for 代办', async () => {
    const grid = await server.sql<{ id: number }>("select id from area where name = '幸福里第一网格'");
    const result = await server.gql(
      USERS,
      { areaId: String(grid[0]!.id), roles: ['RESIDENT'], search: '赵桂兰' },
      { as: DEMO_ACCOUNTS.gridWorker },
    );
    expect(result.data.users.edges.map((e: { node: { phone: string } }) => e.node.phone)).toEqual([
      DEMO_ACCOUNTS.resident,
    ]);
  });

  it('is refused to residents, grid workers beyond their grid and staff of other communities', async () => {
    for (const phone of [
      DEMO_ACCOUNTS.resident,
      DEMO_ACCOUNTS.gridWorker,
      DEMO_ACCOUNTS.otherCommunityStaff,
      DEMO_ACCOUNTS.otherStreetAdmin,
    ]) {
      const result = await server.gql(USERS, { areaId: ids['幸福里社区'] }, { as: phone });
      expect(result.errors?.[0]?.extensions.code, phone).toBe('FORBIDDEN');
    }
  });
});

describe('personal data', () => {
  it('shows a phone in full to its owner and staff over them, masked to others', async () => {
    const staffView = await server.gql(
      USERS,
      { areaId: ids['幸福里社区'], search: '赵桂兰' },
      { as: DEMO_ACCOUNTS.communityStaff },
    );
    expect(staffView.data.users.edges[0].node.phone).toBe(DEMO_ACCOUNTS.resident);
    // Community staff reading the audit log see the street administrator, who is above them: masked.
    await server.gql(
      'mutation($input: CreateAreaInput!) { createArea(input: $input) { id } }',
      { input: { name: '幸福里第三网格', kind: 'GRID', parentId: ids['幸福里社区'] } },
      { as: DEMO_ACCOUNTS.streetAdmin },
    );
    const log = await server.gql(
      'query($areaId: ID!) { auditLog(areaId: $areaId, first: 1) { edges { node { action actor { displayName phone } } } } }',
      { areaId: ids['幸福里社区'] },
      { as: DEMO_ACCOUNTS.communityStaff },
    );
    expect(log.data.auditLog.edges[0].node).toEqual({
      action: 'AREA_CREATE',
      actor: { displayName: '王建国', phone: '138****0001' },
    });
  });

  it('lets staff look up a person of their area but not of another', async () => {
    const resident = await userIdOf(DEMO_ACCOUNTS.resident);
    const query = 'query($id: ID!) { user(id: $id) { displayName phone } }';
    expect((await server.gql(query, { id: resident }, { as: DEMO_ACCOUNTS.communityStaff })).data.user).toEqual({
      displayName: '赵桂兰',
      phone: DEMO_ACCOUNTS.resident,
    });
    expect((await server.gql(query, { id: resident }, { as: DEMO_ACCOUNTS.otherCommunityStaff })).data.user).toBeNull();
    expect((await server.gql(query, { id: resident }, { as: DEMO_ACCOUNTS.neighbour })).data.user).toBeNull();
  });
});

const ASSIGN = `mutation($userId: ID!, $role: Role!, $areaId: ID!) {
  assignRole(userId: $userId, role: $role, areaId: $areaId) { id role area { name } user { displayName } }
}`;
const REVOKE = 'mutation($id: ID!) { revokeRole(assignmentId: $id) }';

describe('assignRole and revokeRole', () => {
  it('lets the street administrator make a resident a grid worker, then revoke it, both audited', async () => {
    const userId = await userIdOf(DEMO_ACCOUNTS.neighbour);
    const as = { as: DEMO_ACCOUNTS.streetAdmin };
    const assigned = await server.gql(ASSIGN, { userId, role: 'GRID_WORKER', areaId: ids['幸福里第二网格'] }, as);
    expect(assigned.data.assignRole).toMatchObject({
      role: 'GRID_WORKER',
      area: { name: '幸福里第二网格' },
      user: { displayName: '孙志强' },
    });
    const neighbourToken = await server.tokenFor(DEMO_ACCOUNTS.neighbour);
    const roles = await server.gql('{ me { roles { role } } }', {}, { token: neighbourToken });
    expect(roles.data.me.roles.map((r: { role: string }) => r.role)).toEqual(['RESIDENT', 'GRID_WORKER']);

    expect((await server.gql(REVOKE, { id: assigned.data.assignRole.id }, as)).data.revokeRole).toBe(true);
    const after = await server.gql('{ me { roles { role } } }', {}, { token: neighbourToken });
    expect(after.data.me.roles.map((r: { role: string }) => r.role)).toEqual(['RESIDENT']);
    const audit = await server.sql<{ action: string }>(
      "select action from audit_entry where action like 'role.%' order by id",
    );
    expect(audit.map((a) => a.action)).toEqual(['role.assign', 'role.revoke']);
  });

  it('refuses a duplicate assignment with CONFLICT, also for a double submit', async () => {
    const userId = await userIdOf(DEMO_ACCOUNTS.resident);
    const as = { as: DEMO_ACCOUNTS.streetAdmin };
    const variables = { userId, role: 'VOLUNTEER', areaId: ids['幸福里社区'] };
    const results = await Promise.all([server.gql(ASSIGN, variables, as), server.gql(ASSIGN, variables, as)]);
    expect(results.map((r) => r.errors?.[0]?.extensions.code ?? 'OK').sort()).toEqual(['CONFLICT', 'OK']);
    const rows = await server.sql("select id from role_assignment where user_id = ? and role = 'VOLUNTEER'", [
      Number(userId),
    ]);
    expect(rows).toHaveLength(1);
  });

  it('refuses staff, residents and administrators of another street, changing nothing', async () => {
    const userId = await userIdOf(DEMO_ACCOUNTS.resident);
    const before = await server.sql('select id from role_assignment');
    for (const phone of [DEMO_ACCOUNTS.communityStaff, DEMO_ACCOUNTS.resident, DEMO_ACCOUNTS.otherStreetAdmin]) {
      const result = await server.gql(ASSIGN, { userId, role: 'STAFF', areaId: ids['幸福里社区'] }, { as: phone });
      expect(result.errors?.[0]?.extensions.code, phone).toBe('FORBIDDEN');
    }
    const staffAssignment = await server.sql<{ id: number }>(
      "select ra.id from role_assignment ra join app_user u on u.id = ra.user_id where u.phone = ? and ra.role = 'STAFF'",
      [DEMO_ACCOUNTS.communityStaff],
    );
    const revoke = await server.gql(
      REVOKE,
      { id: String(staffAssignment[0]!.id) },
      { as: DEMO_ACCOUNTS.otherStreetAdmin },
    );
    expect(revoke.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    expect(await server.sql('select id from role_assignment')).toHaveLength(before.length);
  });

  it('answers NOT_FOUND for unknown people and assignments, BAD_USER_INPUT for an unknown role', async () => {
    const as = { as: DEMO_ACCOUNTS.streetAdmin };
    expect(
      (await server.gql(ASSIGN, { userId: '999999', role: 'STAFF', areaId: ids['幸福里社区'] }, as)).errors?.[0]
        ?.extensions.code,
    ).toBe('NOT_FOUND');
    expect((await server.gql(REVOKE, { id: '999999' }, as)).errors?.[0]?.extensions.code).toBe('NOT_FOUND');
    const userId = await userIdOf(DEMO_ACCOUNTS.resident);
    expect(
      (await server.gql(ASSIGN, { userId, role: 'KING', areaId: ids['幸福里社区'] }, as)).errors?.[0]?.extensions.code,
    ).toBe('BAD_USER_INPUT');
  });
});

describe('reach of an administrator', () => {
  const USER = 'query($id: ID!) { user(id: $id) { displayName phone homeArea { name } } }';

  it('cannot pull a person of another street into their own by giving them a role: NOT_FOUND as for an unknown id', async () => {
    const as = { as: DEMO_ACCOUNTS.otherStreetAdmin };
    const areaId = ids['朝阳社区'];
    const before = await server.sql('select id from role_assignment');
    for (const phone of [DEMO_ACCOUNTS.resident, DEMO_ACCOUNTS.streetAdmin, DEMO_ACCOUNTS.communityStaff]) {
      const outsider = await server.gql(ASSIGN, { userId: await userIdOf(phone), role: 'STAFF', areaId }, as);
      const unknown = await server.gql(ASSIGN, { userId: '999999', role: 'STAFF', areaId }, as);
      expect(outsider.errors?.[0]?.extensions.code, phone).toBe('NOT_FOUND');
      expect({
        ...outsider,
        errors: outsider.errors?.map(({ message, extensions }) => ({ message, extensions })),
      }).toEqual({ ...unknown, errors: unknown.errors?.map(({ message, extensions }) => ({ message, extensions })) });
    }
    expect(await server.sql('select id from role_assignment')).toHaveLength(before.length);
    // So their phone and home stay out of reach, by id and by list.
    const resident = await userIdOf(DEMO_ACCOUNTS.resident);
    expect((await server.gql(USER, { id: resident }, as)).data.user).toBeNull();
    const listed = await server.gql(USERS, { areaId: ids['阳光街道'], search: DEMO_ACCOUNTS.resident }, as);
    expect(listed.data.users.totalCount).toBe(0);
  });

  it('still gives roles to people of their own street, wherever in it they live', async () => {
    const userId = await userIdOf(DEMO_ACCOUNTS.neighbour);
    const result = await server.gql(
      ASSIGN,
      { userId, role: 'VOLUNTEER', areaId: ids['光明社区'] },
      { as: DEMO_ACCOUNTS.streetAdmin },
    );
    expect(result.data.assignRole).toMatchObject({ role: 'VOLUNTEER', area: { name: '光明社区' } });
    // The administrator of the other street sees no more of them than before.
    const seen = await server.gql(USER, { id: userId }, { as: DEMO_ACCOUNTS.otherStreetAdmin });
    expect(seen.data.user).toBeNull();
  });
});

describe('changePassword', () => {
  const CHANGE =
    'mutation($current: String!, $next: String!) { changePassword(currentPassword: $current, newPassword: $next) }';

  it('needs the current password, keeps this session and ends the others', async () => {
    const phone = DEMO_ACCOUNTS.otherCommunityStaff;
    const login = async (password: string) =>
      (await server.gql(LOGIN, { phone, password })).data?.login?.token as string | undefined;
    const here = (await login(DEMO_PASSWORD))!;
    const elsewhere = (await login(DEMO_PASSWORD))!;
    const wrong = await server.gql(CHANGE, { current: 'not-it-at-all', next: 'a-new-password' }, { token: here });
    expect(wrong.errors?.[0]?.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      fields: { currentPassword: '当前密码不正确。' },
    });
    const short = await server.gql(CHANGE, { current: DEMO_PASSWORD, next: 'short' }, { token: here });
    expect(short.errors?.[0]?.extensions.fields).toEqual({ newPassword: '密码至少 8 位。' });
    expect(await login(DEMO_PASSWORD)).toBeDefined();

    expect(
      (await server.gql(CHANGE, { current: DEMO_PASSWORD, next: 'a-new-password' }, { token: here })).data
        .changePassword,
    ).toBe(true);
    expect((await server.gql('{ me { id } }', {}, { token: here })).data.me).not.toBeNull();
    expect((await server.gql('{ me { id } }', {}, { token: elsewhere })).data.me).toBeNull();
    const withOld = await server.gql(LOGIN, { phone, password: DEMO_PASSWORD });
    expect(withOld.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
    expect(withOld.errors?.[0]?.message).toBe('手机号或密码不正确。');
    expect(withOld.data?.login ?? null).toBeNull();
    expect(await login('a-new-password')).toBeDefined();
  });

  it('asks a visitor to sign in', async () => {
    const result = await server.gql(CHANGE, { current: 'x', next: 'a-new-password' });
    expect(result.errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
  });
});
