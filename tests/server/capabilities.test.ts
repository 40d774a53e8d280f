import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AreaCapability,
  CAPABILITY_RULES,
  capabilitiesOf,
  topmostAreasWhere,
} from '../../server/src/capabilities/capabilities.js';
import { Role } from '../../server/src/platform/auth/roles.js';
import type { User } from '../../server/src/people/user.entity.js';
import { Viewer, type Grant } from '../../server/src/platform/auth/viewer.js';
import { createTestServer, DEMO_ACCOUNTS, type TestServer } from '../helpers/server.js';

const { streetAdmin, communityStaff, gridWorker, unitRep, volunteer, resident, otherStreetAdmin, otherCommunityStaff } =
  DEMO_ACCOUNTS;
const C = AreaCapability;
/** What staff and admins run of deliberation over their areas. */
const DELIBERATION = [
  C.MANAGE_COMMITTEES,
  C.MANAGE_HOUSEHOLDS,
  C.PROPOSE_TOPICS,
  C.REVIEW_TOPICS,
  C.RUN_MEETINGS,
  C.RUN_VOTES,
  C.ANSWER_OBJECTIONS,
  C.MANAGE_RESOLUTIONS,
];
/** What staff and admins run of volunteering over their areas. */
const VOLUNTEERING = [C.ORGANISE_ACTIVITIES, C.CHECK_IN_VOLUNTEERS, C.MANAGE_VOLUNTEERS];

describe('the capability table (no database)', () => {
  // Street /1/ with community /1/2/ and its grid /1/2/3/; another street /9/.
  const STREET = { path: '/1/' };
  const COMMUNITY = { path: '/1/2/' };
  const GRID = { path: '/1/2/3/' };
  const OTHER_STREET = { path: '/9/' };
  const viewer = (...grants: [Role, string][]) =>
    new Viewer(
      { id: 1 } as User,
      grants.map(([role, areaPath], i): Grant => ({ role, areaId: i + 1, areaPath })),
    );

  it('has one rule for every capability', () => {
    expect(Object.keys(CAPABILITY_RULES).sort()).toEqual(Object.values(AreaCapability).sort());
  });

  it('gives an administrator of the street the street’s settings, areas, roles and figures, not the inbox', () => {
    expect(capabilitiesOf(viewer([Role.ADMIN, STREET.path]), COMMUNITY)).toEqual([
      C.VIEW_NEED_STATS,
      C.VIEW_NEED_DEADLINES,
      C.SET_NEED_DEADLINES,
      C.VIEW_AUDIT_LOG,
      C.MANAGE_AREAS,
      C.MANAGE_ROLES,
      C.SEARCH_PEOPLE,
      C.MANAGE_UNITS,
      C.ANSWER_REPORT_INS,
      C.VIEW_UNIT_RANKING,
      C.REQUEST_PLEDGES,
      C.VIEW_SERVICE_SIGNUPS,
      C.CONFIRM_PLEDGES,
      C.MANAGE_PROJECTS,
      ...DELIBERATION,
      ...VOLUNTEERING,
    ]);
  });

  it('lets community staff work below their community and read the street’s deadlines from anywhere in it', () => {
    const staff = viewer([Role.STAFF, COMMUNITY.path]);
    expect(capabilitiesOf(staff, GRID)).toEqual([
      C.RAISE_NEED_ON_BEHALF,
      C.HANDLE_NEEDS,
      C.EXPORT_NEEDS,
      C.VIEW_NEED_STATS,
      C.VIEW_NEED_DEADLINES,
      C.VIEW_AUDIT_LOG,
      C.SEARCH_PEOPLE,
      C.MANAGE_UNITS,
      C.ANSWER_REPORT_INS,
      C.VIEW_UNIT_RANKING,
      C.REQUEST_PLEDGES,
      C.VIEW_SERVICE_SIGNUPS,
      C.CONFIRM_PLEDGES,
      C.MANAGE_PROJECTS,
      ...DELIBERATION,
      ...VOLUNTEERING,
    ]);
    expect(capabilitiesOf(staff, STREET)).toEqual([C.VIEW_NEED_DEADLINES]);
    expect(capabilitiesOf(staff, OTHER_STREET)).toEqual([]);
  });

  it('never lets an administrator below the street set its deadlines', () => {
    const communityAdmin = viewer([Role.ADMIN, COMMUNITY.path]);
    expect(CAPABILITY_RULES[C.SET_NEED_DEADLINES](communityAdmin, GRID)).toBe(false);
    expect(CAPABILITY_RULES[C.VIEW_NEED_DEADLINES](communityAdmin, GRID)).toBe(true);
  });

  it('gives volunteers and unit contacts nothing, residents their community’s topics, anonymous viewers nothing', () => {
    for (const role of [Role.VOLUNTEER, Role.UNIT_REP]) {
      expect(capabilitiesOf(viewer([role, COMMUNITY.path]), GRID)).toEqual([]);
    }
    expect(capabilitiesOf(viewer([Role.RESIDENT, COMMUNITY.path]), GRID)).toEqual([C.PROPOSE_TOPICS]);
    expect(capabilitiesOf(null, GRID)).toEqual([]);
  });

  it('lets a resident propose topics in the community their home lies in, and nowhere else', () => {
    // Residents hold RESIDENT on their building.
    const resident = viewer([Role.RESIDENT, '/1/2/3/4/']);
    for (const area of [COMMUNITY, GRID, { path: '/1/2/3/4/' }, { path: '/1/2/6/' }]) {
      expect(capabilitiesOf(resident, area), area.path).toEqual([C.PROPOSE_TOPICS]);
    }
    // Not the street above it (proposeTopic would refuse its other communities), not a neighbouring community.
    for (const area of [STREET, { path: '/1/5/' }, { path: '/1/5/7/' }, OTHER_STREET]) {
      expect(capabilitiesOf(resident, area), area.path).toEqual([]);
    }
  });
});

let server: TestServer;
let ids: Record<string, string>;
beforeAll(async () => {
  server = await createTestServer();
  ids = await server.areaIds();
});
afterAll(() => server?.close());

const VIEWER_CAN = 'query($id: ID!) { area(id: $id) { viewerCan } }';
const canIn = async (as: string | null, area: string) =>
  (await server.gql(VIEWER_CAN, { id: ids[area] }, as ? { as } : {})).data.area.viewerCan;

describe('Area.viewerCan', () => {
  const ADMIN_SET = [
    C.VIEW_NEED_STATS,
    C.VIEW_NEED_DEADLINES,
    C.SET_NEED_DEADLINES,
    C.VIEW_AUDIT_LOG,
    C.MANAGE_AREAS,
    C.MANAGE_ROLES,
    C.SEARCH_PEOPLE,
    C.MANAGE_UNITS,
    C.ANSWER_REPORT_INS,
    C.VIEW_UNIT_RANKING,
    C.REQUEST_PLEDGES,
    C.VIEW_SERVICE_SIGNUPS,
    C.CONFIRM_PLEDGES,
    C.MANAGE_PROJECTS,
    ...DELIBERATION,
    ...VOLUNTEERING,
  ];
  const WORKER_SET = [C.RAISE_NEED_ON_BEHALF, C.HANDLE_NEEDS, C.EXPORT_NEEDS, C.VIEW_NEED_STATS];

  it.each([
    ['ADMIN of 幸福街道', streetAdmin, ADMIN_SET, []],
    ['STAFF of 幸福里社区', communityStaff, [C.VIEW_NEED_DEADLINES], []],
    ['GRID_WORKER', gridWorker, [], []],
    ['UNIT_REP', unitRep, [], []],
    ['VOLUNTEER', volunteer, [], []],
    ['RESIDENT', resident, [], []],
    ['ADMIN of 阳光街道', otherStreetAdmin, [], ADMIN_SET],
    [
      'STAFF of 和平社区, committee of 幸福街道',
      otherCommunityStaff,
      [C.VIEW_NEED_STATS, C.VIEW_NEED_DEADLINES, C.VIEW_UNIT_RANKING],
      [],
    ],
    ['nobody signed in', null, [], []],
  ])('%s: on 幸福街道 and on 阳光街道', async (_, as, onXingfu, onYangguang) => {
    expect(await canIn(as, '幸福街道')).toEqual(onXingfu);
    expect(await canIn(as, '阳光街道')).toEqual(onYangguang);
  });

  it('follows the roles down the tree: community staff and the grid worker in their own areas', async () => {
    expect(await canIn(communityStaff, '幸福里社区')).toEqual([
      C.RAISE_NEED_ON_BEHALF,
      C.HANDLE_NEEDS,
      C.EXPORT_NEEDS,
      C.VIEW_NEED_STATS,
      C.VIEW_NEED_DEADLINES,
      C.VIEW_AUDIT_LOG,
      C.SEARCH_PEOPLE,
      C.MANAGE_UNITS,
      C.ANSWER_REPORT_INS,
      C.VIEW_UNIT_RANKING,
      C.REQUEST_PLEDGES,
      C.VIEW_SERVICE_SIGNUPS,
      C.CONFIRM_PLEDGES,
      C.MANAGE_PROJECTS,
      ...DELIBERATION,
      ...VOLUNTEERING,
    ]);
    expect(await canIn(gridWorker, '幸福里第一网格')).toEqual([
      ...WORKER_SET,
      C.SEARCH_PEOPLE,
      C.REQUEST_PLEDGES,
      C.MANAGE_HOUSEHOLDS,
      C.CHECK_IN_VOLUNTEERS,
    ]);
    expect(await canIn(gridWorker, '幸福里社区')).toEqual([]);
  });

  it('lets residents propose topics in their own community only', async () => {
    for (const as of [resident, volunteer]) {
      expect(await canIn(as, '幸福里社区')).toEqual([C.PROPOSE_TOPICS]);
      expect(await canIn(as, '幸福里第二网格')).toEqual([C.PROPOSE_TOPICS]);
      expect(await canIn(as, '和平社区')).toEqual([]);
    }
    // The school's contact lives in the community but holds no RESIDENT there; as a member of its 大党委 they read its figures.
    expect(await canIn(unitRep, '幸福里社区')).toEqual([C.VIEW_NEED_STATS, C.VIEW_UNIT_RANKING]);
  });

  it('agrees with what the operations allow: deadlines read and set, stats, audit log', async () => {
    const deadlines = 'query($s: ID!) { needDeadlines(streetId: $s) { category } }';
    const stats = 'query($a: ID!) { needStats(areaId: $a) { total } }';
    const audit = 'query($a: ID!) { auditLog(areaId: $a) { totalCount } }';
    for (const as of [streetAdmin, communityStaff, gridWorker, resident, otherStreetAdmin, otherCommunityStaff]) {
      const can = await canIn(as, '幸福街道');
      const allowed = async (query: string, variables: Record<string, unknown>) =>
        !(await server.gql(query, variables, { as })).errors;
      expect(await allowed(deadlines, { s: ids['幸福街道'] })).toBe(can.includes(C.VIEW_NEED_DEADLINES));
      expect(await allowed(stats, { a: ids['幸福街道'] })).toBe(can.includes(C.VIEW_NEED_STATS));
      expect(await allowed(audit, { a: ids['幸福街道'] })).toBe(can.includes(C.VIEW_AUDIT_LOG));
    }
  });

  it('adds no SQL statement to a page of needs, whether 5 or 50', async () => {
    const page = (fields: string) =>
      `query($first: Int) { needs(first: $first) { edges { node { area { ${fields} } } } } }`;
    await server.tokenFor(communityStaff);
    const count = (fields: string, first: number) =>
      server.countQueries(() => server.gql(page(fields), { first }, { as: communityStaff }));
    const [small, large] = [await count('viewerCan', 5), await count('viewerCan', 50)];
    // The same statements as the page with its areas' ids alone: computed from the viewer's grants.
    expect(small).toBe(await count('id', 5));
    expect(large).toBe(await count('id', 50));
    // A larger page may meet a relation the smaller lacks (a 代办 resident): one batched query more, never one per need.
    expect(large).toBeLessThanOrEqual(small + 1);
  });
});

describe('Need.assignableUsers', () => {
  const RAISE = `mutation($input: RaiseNeedInput!) { raiseNeed(input: $input) { id } }`;
  const ASSIGNABLE = `query($id: ID!, $search: String, $first: Int, $after: String) {
    need(id: $id) { assignableUsers(search: $search, first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { node { id displayName } } } } }`;
  const ASSIGN = 'mutation($id: ID!, $u: ID) { assignNeed(id: $id, assigneeUserId: $u) { assignee { displayName } } }';
  let needId: string;

  beforeAll(async () => {
    const raised = await server.gql(
      RAISE,
      { input: { title: '楼道灯不亮', description: '', category: 'REPAIR', areaId: ids['1号楼'] } },
      { as: resident },
    );
    needId = raised.data.raiseNeed.id;
    await server.gql('mutation($id: ID!) { acceptNeed(id: $id) { id } }', { id: needId }, { as: gridWorker });
  });

  it('lists grid workers, staff, volunteers and unit contacts of the area, each of whom ASSIGN accepts', async () => {
    const result = await server.gql(ASSIGNABLE, { id: needId, first: 100 }, { as: gridWorker });
    const names: string[] = result.data.need.assignableUsers.edges.map((edge: any) => edge.node.displayName);
    expect(names).toEqual(expect.arrayContaining(['李秀英', '张伟', '刘洋', '陈静']));
    expect(names).not.toContain('赵桂兰');
    expect(names).not.toContain('王建国');
    expect(result.data.need.assignableUsers.totalCount).toBe(names.length);
    const unitContact = result.data.need.assignableUsers.edges.find((edge: any) => edge.node.displayName === '刘洋');
    const assigned = await server.gql(ASSIGN, { id: needId, u: unitContact.node.id }, { as: gridWorker });
    expect(assigned.data.assignNeed.assignee.displayName).toBe('刘洋');
  });

  it('searches and pages with the shared connection', async () => {
    const searched = await server.gql(ASSIGNABLE, { id: needId, search: '刘' }, { as: gridWorker });
    expect(searched.data.need.assignableUsers.edges.map((edge: any) => edge.node.displayName)).toContain('刘洋');
    const first = await server.gql(ASSIGNABLE, { id: needId, first: 1 }, { as: gridWorker });
    const { pageInfo, totalCount } = first.data.need.assignableUsers;
    expect(pageInfo.hasNextPage).toBe(totalCount > 1);
    const second = await server.gql(
      ASSIGNABLE,
      { id: needId, first: 1, after: pageInfo.endCursor },
      { as: gridWorker },
    );
    expect(second.data.need.assignableUsers.edges[0].node.id).not.toBe(
      first.data.need.assignableUsers.edges[0].node.id,
    );
  });

  it('is only for those who may assign the need', async () => {
    const result = await server.gql(ASSIGNABLE, { id: needId }, { as: resident });
    expect(result.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
  });
});

describe('myAreas', () => {
  const MY_AREAS = 'query($c: AreaCapability!) { myAreas(capability: $c) { name } }';
  const namesFor = async (as: string | null, capability: AreaCapability) => {
    const result = await server.gql(MY_AREAS, { c: capability }, as ? { as } : {});
    expect(result.errors).toBeUndefined();
    return result.data.myAreas.map((area: { name: string }) => area.name);
  };

  it.each([
    ['ADMIN of 幸福街道', streetAdmin, C.MANAGE_ROLES, ['幸福街道']],
    ['ADMIN of 阳光街道', otherStreetAdmin, C.MANAGE_ROLES, ['阳光街道']],
    ['STAFF of 幸福里社区', communityStaff, C.MANAGE_ROLES, []],
    ['STAFF of 幸福里社区', communityStaff, C.HANDLE_NEEDS, ['幸福里社区']],
    ['STAFF of 幸福里社区', communityStaff, C.VIEW_AUDIT_LOG, ['幸福里社区']],
    ['STAFF of 幸福里社区 (a street-wide rule)', communityStaff, C.VIEW_NEED_DEADLINES, ['幸福街道']],
    ['GRID_WORKER', gridWorker, C.HANDLE_NEEDS, ['幸福里第一网格']],
    ['GRID_WORKER', gridWorker, C.VIEW_AUDIT_LOG, []],
    ['ADMIN of 幸福街道 (no inbox)', streetAdmin, C.HANDLE_NEEDS, []],
    ['STAFF of 和平社区, committee of 幸福街道', otherCommunityStaff, C.VIEW_NEED_STATS, ['幸福街道']],
    ['STAFF of 和平社区, committee of 幸福街道', otherCommunityStaff, C.HANDLE_NEEDS, ['和平社区']],
    ['RESIDENT', resident, C.SEARCH_PEOPLE, []],
    ['RESIDENT (their home community)', resident, C.PROPOSE_TOPICS, ['幸福里社区']],
    ['VOLUNTEER', volunteer, C.HANDLE_NEEDS, []],
    ['nobody signed in', null, C.VIEW_NEED_STATS, []],
  ])('%s, %s: %j', async (_, as, capability, expected) => {
    expect(await namesFor(as, capability)).toEqual(expected);
  });

  it('agrees with viewerCan: every area offered has the capability, its parent does not', async () => {
    for (const as of [streetAdmin, communityStaff, gridWorker, otherCommunityStaff, resident]) {
      for (const capability of Object.values(AreaCapability)) {
        const result = await server.gql(
          'query($c: AreaCapability!) { myAreas(capability: $c) { viewerCan parent { viewerCan } } }',
          { c: capability },
          { as },
        );
        for (const area of result.data.myAreas) {
          expect(area.viewerCan).toContain(capability);
          if (area.parent) expect(area.parent.viewerCan).not.toContain(capability);
        }
      }
    }
  });

  it('reads the areas in one statement', async () => {
    await server.tokenFor(otherCommunityStaff);
    const count = await server.countQueries(() =>
      server.gql(MY_AREAS, { c: C.VIEW_NEED_STATS }, { as: otherCommunityStaff }),
    );
    // The session with its grants (two), then the areas on the grants' paths.
    expect(count).toBeLessThanOrEqual(3);
  });
});

describe('topmostAreasWhere (no database)', () => {
  it('keeps the highest areas where the rule holds and drops those below them', () => {
    const v = new Viewer({ id: 1 } as User, [
      { role: Role.STAFF, areaId: 2, areaPath: '/1/2/' },
      { role: Role.STAFF, areaId: 3, areaPath: '/1/2/3/' },
      { role: Role.STAFF, areaId: 5, areaPath: '/1/5/' },
    ]);
    const areas = ['/1/', '/1/2/', '/1/2/3/', '/1/5/'].map((path) => ({ path }));
    expect(topmostAreasWhere(v, CAPABILITY_RULES[C.HANDLE_NEEDS], areas).map((a) => a.path)).toEqual([
      '/1/2/',
      '/1/5/',
    ]);
    expect(topmostAreasWhere(v, CAPABILITY_RULES[C.VIEW_NEED_DEADLINES], areas).map((a) => a.path)).toEqual(['/1/']);
  });
});
