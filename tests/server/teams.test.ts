import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TEAMS } from '../../server/src/seed/demo-volunteering.data.js';
import { createTestServer, DEMO_ACCOUNTS, type TestServer } from '../helpers/server.js';

let server: TestServer;
let ids: Record<string, string>;
let userIds: Record<string, string>;

const { volunteer, resident, neighbour, communityStaff: staff, otherCommunityStaff, otherStreetAdmin } = DEMO_ACCOUNTS;

type Result = { errors?: { extensions: { code: string; fields?: Record<string, string> } }[] };
const codeOf = (result: Result) => result.errors?.[0]?.extensions.code;
const fieldsOf = (result: Result) => Object.keys(result.errors?.[0]?.extensions.fields ?? {});

const TEAM = `id name description memberCount createdAt area { name } leaders { displayName }
  viewerMembership { status role } availableActions`;
const LIST = `query($areaId: ID!, $search: String, $first: Int, $after: String) {
  teams(areaId: $areaId, search: $search, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { ${TEAM} } } } }`;
const ONE = `query($id: ID!, $statuses: [TeamMembershipStatus!]) { team(id: $id) { ${TEAM}
  members(statuses: $statuses) { totalCount edges { node { id status role user { id } requestedAt decidedAt } } } } }`;
const CREATE = `mutation($input: CreateTeamInput!) { createTeam(input: $input) { ${TEAM} } }`;
const MEMBERSHIP = `id status role requestedAt decidedAt user { id } team { id memberCount }`;
const JOIN = `mutation($teamId: ID!) { joinTeam(teamId: $teamId) { ${MEMBERSHIP} } }`;
const APPROVE = `mutation($id: ID!) { approveTeamMember(membershipId: $id) { ${MEMBERSHIP} } }`;
const DECLINE = `mutation($id: ID!, $reason: String) { declineTeamMember(membershipId: $id, reason: $reason) { ${MEMBERSHIP} } }`;
const LEAVE = `mutation($teamId: ID!) { leaveTeam(teamId: $teamId) { ${MEMBERSHIP} } }`;
const SET_ROLE = `mutation($id: ID!, $role: TeamRole!) { setTeamRole(membershipId: $id, role: $role) { ${MEMBERSHIP} } }`;
const BECOME = `mutation($input: VolunteerProfileInput!) { becomeVolunteer(input: $input) { id status } }`;

/** Seeded residents of 幸福里 who hold no VOLUNTEER yet. */
const JOINERS = ['13900000002', '13900000003', '13900000004'];

async function teamId(name: string) {
  const [row] = await server.sql<{ id: number }>('select id from team where name = ?', [name]);
  return String(row!.id);
}

const memberCount = async (id: string) =>
  (await server.sql<{ member_count: number }>('select member_count from team where id = ?', [id]))[0]!.member_count;

async function makeVolunteer(phone: string) {
  const result = await server.gql(
    BECOME,
    {
      input: {
        skills: ['CHILD_CARE'],
        availability: ['WEEKEND_MORNING'],
        areaIds: [ids['幸福里社区']],
        birthDate: '1980-01-01',
      },
    },
    { as: phone },
  );
  expect(result.errors).toBeUndefined();
}

beforeAll(async () => {
  server = await createTestServer();
  ids = await server.areaIds();
  userIds = await server.userIds();
  for (const phone of JOINERS) await makeVolunteer(phone);
}, 120_000);
afterAll(() => server?.close());

describe('teams are public', () => {
  it('lists the teams of an area’s subtree with leaders and member counts to anyone', async () => {
    const result = await server.gql(LIST, { areaId: ids['幸福街道'] });
    expect(result.errors).toBeUndefined();
    const byName = new Map(
      result.data.teams.edges.map((e: { node: { name: string } }) => [e.node.name, e.node] as const),
    );
    expect(byName.get(DEMO_TEAMS.afterSchool)).toMatchObject({
      area: { name: '幸福里社区' },
      leaders: [{ displayName: '陈静' }],
      memberCount: 3,
      viewerMembership: null,
      availableActions: [],
    });
    expect(byName.get(DEMO_TEAMS.disability)).toMatchObject({ area: { name: '和平社区' } });
    const xingfuli = await server.gql(LIST, { areaId: ids['幸福里社区'] });
    expect(xingfuli.data.teams.edges.map((e: { node: { name: string } }) => e.node.name)).not.toContain(
      DEMO_TEAMS.disability,
    );
    const searched = await server.gql(LIST, { areaId: ids['幸福街道'], search: '助残' });
    expect(searched.data.teams.totalCount).toBe(1);
    expect(codeOf(await server.gql(LIST, { areaId: '999999' }))).toBe('NOT_FOUND');
  });

  it('members: none to visitors, approved ones to anyone signed in, requests too to leaders and staff', async () => {
    const id = await teamId(DEMO_TEAMS.afterSchool);
    const anonymous = await server.gql(ONE, { id });
    expect(anonymous.data.team.members.totalCount).toBe(0);
    const asResident = await server.gql(ONE, { id, statuses: ['REQUESTED', 'APPROVED'] }, { as: resident });
    expect(asResident.data.team.members.totalCount).toBe(3);
    expect(
      asResident.data.team.members.edges.every((e: { node: { status: string } }) => e.node.status === 'APPROVED'),
    ).toBe(true);
    const asLeader = await server.gql(ONE, { id, statuses: ['REQUESTED'] }, { as: volunteer });
    expect(asLeader.data.team.members.totalCount).toBe(1);
    expect(asLeader.data.team.availableActions.sort()).toEqual(['APPROVE_MEMBERS', 'CREATE_ACTIVITY']);
    const asStaff = await server.gql(ONE, { id }, { as: staff });
    expect(asStaff.data.team.members.totalCount).toBe(4);
    expect(asStaff.data.team.availableActions.sort()).toEqual(['APPROVE_MEMBERS', 'CREATE_ACTIVITY']);
    const asOtherStaff = await server.gql(ONE, { id, statuses: ['REQUESTED'] }, { as: otherCommunityStaff });
    expect(asOtherStaff.data.team.members.totalCount).toBe(0);
    expect((await server.gql(ONE, { id: '999999' })).data.team).toBeNull();
  });
});

describe('creating a team', () => {
  const input = (extra: Record<string, unknown> = {}) => ({
    areaId: ids['幸福里社区'],
    name: '幸福里文明劝导队',
    description: '劝导不文明行为',
    leaderIds: [userIds[JOINERS[0]!]],
    ...extra,
  });

  it('staff over the area create it with volunteer leaders, approved at once; the name is unique in the area', async () => {
    const result = await server.gql(CREATE, { input: input() }, { as: staff });
    expect(result.errors).toBeUndefined();
    expect(result.data.createTeam).toMatchObject({
      name: '幸福里文明劝导队',
      memberCount: 1,
      area: { name: '幸福里社区' },
    });
    expect(result.data.createTeam.leaders).toHaveLength(1);
    const again = await server.gql(CREATE, { input: input({ leaderIds: [] }) }, { as: staff });
    expect(codeOf(again)).toBe('CONFLICT');
    expect(fieldsOf(again)).toContain('name');
    const audit = await server.sql(`select id from audit_entry where action = 'team.create' and target_id = ?`, [
      result.data.createTeam.id,
    ]);
    expect(audit).toHaveLength(1);
  });

  it('at once with one name: one team; with one idempotency key: the first team back', async () => {
    await server.tokenFor(staff);
    const racing = await Promise.all(
      [1, 2, 3, 4].map(() => server.gql(CREATE, { input: input({ name: '并发队', leaderIds: [] }) }, { as: staff })),
    );
    expect(racing.filter((r) => !r.errors)).toHaveLength(1);
    expect(racing.filter((r) => codeOf(r) === 'CONFLICT')).toHaveLength(3);
    const keyed = await Promise.all(
      [1, 2, 3].map(() =>
        server.gql(
          CREATE,
          { input: input({ name: '重试队', leaderIds: [], idempotencyKey: 'team-key-001' }) },
          { as: staff },
        ),
      ),
    );
    for (const result of keyed) expect(result.errors).toBeUndefined();
    expect(new Set(keyed.map((r) => r.data.createTeam.id)).size).toBe(1);
  });

  it('refuses others, leaders out of reach or not volunteers, and bad input; nothing changes', async () => {
    const before = await server.sql('select id from team');
    expect(codeOf(await server.gql(CREATE, { input: input({ name: 'A队' }) }, { as: volunteer }))).toBe('FORBIDDEN');
    expect(codeOf(await server.gql(CREATE, { input: input({ name: 'A队' }) }, { as: otherCommunityStaff }))).toBe(
      'FORBIDDEN',
    );
    expect(codeOf(await server.gql(CREATE, { input: input({ name: 'A队' }) }, { as: otherStreetAdmin }))).toBe(
      'FORBIDDEN',
    );
    expect(codeOf(await server.gql(CREATE, { input: input({ name: 'A队', areaId: '999999' }) }, { as: staff }))).toBe(
      'NOT_FOUND',
    );
    // Not a volunteer; a volunteer of 和平社区 (beyond 李秀英's people); an unknown id.
    const [heping] = await server.sql<{ id: number }>(
      `select u.id from app_user u join volunteer_profile p on p.user_id = u.id join area c on c.id = p.community_id
       where c.name = '和平社区' limit 1`,
    );
    for (const leaderIds of [[userIds[resident]], [String(heping!.id)], ['999999']]) {
      expect(codeOf(await server.gql(CREATE, { input: input({ name: 'B队', leaderIds }) }, { as: staff }))).toBe(
        'NOT_FOUND',
      );
    }
    for (const [bad, field] of [
      [{ name: ' ' }, 'name'],
      [{ name: '队'.repeat(51) }, 'name'],
      [{ name: 'a\u0000b' }, 'name'],
      [{ description: 'x'.repeat(1001) }, 'description'],
      [{ leaderIds: Array.from({ length: 11 }, (_, i) => String(i + 1)) }, 'leaderIds'],
      [{ idempotencyKey: 'bad key!' }, 'idempotencyKey'],
    ] as const) {
      const result = await server.gql(CREATE, { input: input(bad) }, { as: staff });
      expect(codeOf(result), JSON.stringify(bad)).toBe('BAD_USER_INPUT');
      expect(fieldsOf(result)).toContain(field);
    }
    expect(await server.sql('select id from team')).toHaveLength(before.length);
  });
});

describe('joining, approving, declining, leaving', () => {
  it('an ACTIVE volunteer asks once (also at once), the leaders are told; others may not ask', async () => {
    const id = await teamId(DEMO_TEAMS.afterSchool);
    expect(codeOf(await server.gql(JOIN, { teamId: id }, { as: resident }))).toBe('FORBIDDEN');
    expect(codeOf(await server.gql(JOIN, { teamId: '999999' }, { as: JOINERS[1]! }))).toBe('NOT_FOUND');
    await server.tokenFor(JOINERS[1]!);
    const results = await Promise.all([1, 2, 3].map(() => server.gql(JOIN, { teamId: id }, { as: JOINERS[1]! })));
    for (const result of results) expect(result.errors).toBeUndefined();
    expect(new Set(results.map((r) => r.data.joinTeam.id)).size).toBe(1);
    expect(results[0]!.data.joinTeam).toMatchObject({ status: 'REQUESTED', role: 'MEMBER', decidedAt: null });
    const notices = await server.sql(
      `select id from notification where recipient_id = ? and kind = 'TEAM_JOIN_REQUESTED' and subject_id = ?
       and params->>'person' = ?`,
      [
        userIds[volunteer],
        id,
        (
          await server.sql<{ display_name: string }>('select display_name from app_user where phone = ?', [JOINERS[1]])
        )[0]!.display_name,
      ],
    );
    expect(notices).toHaveLength(1);
    const todos = await server.gql(`{ myTodos { teamRequestsToApprove } }`, {}, { as: volunteer });
    expect(todos.data.myTodos.teamRequestsToApprove).toBe(2);
    expect(
      (await server.gql(`{ myTodos { teamRequestsToApprove } }`, {}, { as: staff })).data.myTodos.teamRequestsToApprove,
    ).toBe(0);
  });

  it('a leader or staff over the area approves once; the count follows in the same step; others may not', async () => {
    const id = await teamId(DEMO_TEAMS.afterSchool);
    const [request] = await server.sql<{ id: number }>(
      `select id from team_membership where team_id = ? and user_id = ?`,
      [id, userIds[JOINERS[1]!]],
    );
    const membershipId = String(request!.id);
    const count = await memberCount(id);
    for (const phone of [JOINERS[1]!, resident, otherCommunityStaff, otherStreetAdmin]) {
      expect(codeOf(await server.gql(APPROVE, { id: membershipId }, { as: phone })), phone).toBe('FORBIDDEN');
    }
    expect(codeOf(await server.gql(APPROVE, { id: '999999' }, { as: volunteer }))).toBe('NOT_FOUND');
    await server.tokenFor(volunteer);
    const results = await Promise.all(
      [1, 2, 3].map(() => server.gql(APPROVE, { id: membershipId }, { as: volunteer })),
    );
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(results.filter((r) => codeOf(r) === 'INVALID_STATE')).toHaveLength(2);
    expect(await memberCount(id)).toBe(count + 1);
    const notices = await server.sql(
      `select id from notification where recipient_id = ? and kind = 'TEAM_MEMBER_APPROVED'`,
      [userIds[JOINERS[1]!]],
    );
    expect(notices).toHaveLength(1);
    expect(codeOf(await server.gql(JOIN, { teamId: id }, { as: JOINERS[1]! }))).toBe('CONFLICT');
    const view = await server.gql(ONE, { id }, { as: JOINERS[1]! });
    expect(view.data.team.viewerMembership).toMatchObject({ status: 'APPROVED', role: 'MEMBER' });
    expect(view.data.team.availableActions).toEqual(['LEAVE']);
  });

  it('declined with a reason, a person may ask again: the same row', async () => {
    const id = await teamId(DEMO_TEAMS.afterSchool);
    const asked = await server.gql(JOIN, { teamId: id }, { as: JOINERS[2]! });
    const membershipId = asked.data.joinTeam.id;
    expect(codeOf(await server.gql(DECLINE, { id: membershipId, reason: 'x'.repeat(501) }, { as: staff }))).toBe(
      'BAD_USER_INPUT',
    );
    const declined = await server.gql(DECLINE, { id: membershipId, reason: '名额已满' }, { as: staff });
    expect(declined.errors).toBeUndefined();
    expect(declined.data.declineTeamMember.status).toBe('DECLINED');
    expect(codeOf(await server.gql(DECLINE, { id: membershipId }, { as: staff }))).toBe('INVALID_STATE');
    const [notice] = await server.sql<{ params: { reason: string } }>(
      `select params from notification where recipient_id = ? and kind = 'TEAM_MEMBER_DECLINED'`,
      [userIds[JOINERS[2]!]],
    );
    expect(notice!.params.reason).toBe('名额已满');
    const again = await server.gql(JOIN, { teamId: id }, { as: JOINERS[2]! });
    expect(again.data.joinTeam).toMatchObject({ id: membershipId, status: 'REQUESTED' });
  });

  it('a member leaves (the count follows); the last leader cannot until another leads', async () => {
    const id = await teamId(DEMO_TEAMS.afterSchool);
    const count = await memberCount(id);
    const left = await server.gql(LEAVE, { teamId: id }, { as: JOINERS[1]! });
    expect(left.data.leaveTeam.status).toBe('LEFT');
    expect(await memberCount(id)).toBe(count - 1);
    expect(codeOf(await server.gql(LEAVE, { teamId: id }, { as: JOINERS[1]! }))).toBe('INVALID_STATE');
    expect(codeOf(await server.gql(LEAVE, { teamId: id }, { as: resident }))).toBe('INVALID_STATE');
    expect(codeOf(await server.gql(LEAVE, { teamId: '999999' }, { as: resident }))).toBe('NOT_FOUND');
    const last = await server.gql(LEAVE, { teamId: id }, { as: volunteer });
    expect(codeOf(last)).toBe('INVALID_STATE');
    // 陈静 makes an approved member a leader; then she may step down and leave.
    const [member] = await server.sql<{ id: number }>(
      `select id from team_membership where team_id = ? and status = 'APPROVED' and role = 'MEMBER' order by id limit 1`,
      [id],
    );
    const [own] = await server.sql<{ id: number }>(`select id from team_membership where team_id = ? and user_id = ?`, [
      id,
      userIds[volunteer],
    ]);
    expect(
      codeOf(await server.gql(SET_ROLE, { id: String(member!.id), role: 'LEADER' }, { as: otherCommunityStaff })),
    ).toBe('FORBIDDEN');
    expect(codeOf(await server.gql(SET_ROLE, { id: String(own!.id), role: 'MEMBER' }, { as: volunteer }))).toBe(
      'INVALID_STATE',
    );
    const promoted = await server.gql(SET_ROLE, { id: String(member!.id), role: 'LEADER' }, { as: volunteer });
    expect(promoted.data.setTeamRole.role).toBe('LEADER');
    expect((await server.gql(LEAVE, { teamId: id }, { as: volunteer })).data.leaveTeam.status).toBe('LEFT');
    expect(await memberCount(id)).toBe(count - 2);
    const leaders = (await server.gql(ONE, { id })).data.team.leaders;
    expect(leaders).toHaveLength(1);
  });
});

describe('the audit log', () => {
  it('reads team entries by the team’s name, with what changed', async () => {
    const result = await server.gql(
      `query($areaId: ID!) { auditLog(areaId: $areaId, actions: [TEAM_CREATE, TEAM_APPROVE_MEMBER], first: 50) {
        edges { node { action targetLabel changes { field label after } } } } }`,
      { areaId: ids['幸福里社区'] },
      { as: staff },
    );
    expect(result.errors).toBeUndefined();
    const approvals = result.data.auditLog.edges.filter(
      (e: { node: { action: string; targetLabel: string } }) =>
        e.node.action === 'TEAM_APPROVE_MEMBER' && e.node.targetLabel === DEMO_TEAMS.afterSchool,
    );
    expect(approvals.length).toBeGreaterThan(0);
    expect(approvals[0].node.changes).toContainEqual(expect.objectContaining({ field: 'status', after: 'APPROVED' }));
  });
});

describe('the team list’s SQL', () => {
  it('does not grow with the page size', async () => {
    for (let i = 0; i < 12; i++) {
      await server.sql(
        `insert into team (area_id, area_path, street_id, community_id, name, member_count, created_by_id, created_at)
         select a.id, a.path, ?, a.id, ?, 0, ?, now() from area a where a.id = ?`,
        [ids['幸福街道'], `批量队${i}`, userIds[staff], ids['幸福里社区']],
      );
    }
    await server.gql(LIST, { areaId: ids['幸福街道'], first: 1 }, { as: neighbour });
    const small = await server.countQueries(() =>
      server.gql(LIST, { areaId: ids['幸福街道'], first: 2 }, { as: neighbour }),
    );
    const large = await server.countQueries(() =>
      server.gql(LIST, { areaId: ids['幸福街道'], first: 15 }, { as: neighbour }),
    );
    expect(large).toBe(small);
  });
});
