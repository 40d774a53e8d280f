import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, DEMO_ACCOUNTS, type TestServer } from '../helpers/server.js';

let server: TestServer;
let ids: Record<string, string>;
let userIds: Record<string, string>;

const {
  resident,
  neighbour,
  communityStaff: staff,
  unitRep,
  streetAdmin,
  otherCommunityStaff,
  otherStreetAdmin,
} = DEMO_ACCOUNTS;

const PROJECT_FIELDS = `id title description status budget area { name } progress contributedValue availableActions
  needs { id title } tasks { id title done overdue dueAt owner { displayName } ownerUnit { name } }
  contributions { kind value description unit { name } contributorName } photos { id url thumbnailUrl width height }`;
const CREATE = `mutation($input: CreateProjectInput!) { createProject(input: $input) { ${PROJECT_FIELDS} } }`;
const PROJECT = `query($id: ID!) { project(id: $id) { ${PROJECT_FIELDS} } }`;
const STATUS = `mutation($id: ID!, $status: ProjectStatus!) { setProjectStatus(id: $id, status: $status) { id status } }`;
const TASK = `mutation($projectId: ID!, $input: ProjectTaskInput!) { addProjectTask(projectId: $projectId, input: $input) {
  id title done owner { displayName } ownerUnit { name } } }`;
const COMPLETE = `mutation($id: ID!) { completeProjectTask(id: $id) { id done doneAt } }`;
const CONTRIBUTE = `mutation($projectId: ID!, $input: ContributionInput!) { contribute(projectId: $projectId, input: $input) {
  id kind value description unit { name } contributorName } }`;
const PHOTOS = `mutation($projectId: ID!, $photoIds: [ID!]!) { addProjectPhotos(projectId: $projectId, photoIds: $photoIds) {
  id photos { id url } } }`;
const ADD_NEEDS = `mutation($id: ID!, $needIds: [ID!]!) { addProjectNeeds(id: $id, needIds: $needIds) { id needs { id } } }`;

const codeOf = (result: { errors?: { extensions: { code: string } }[] }) => result.errors?.[0]?.extensions.code;
const fieldsOf = (result: { errors?: { extensions: { fields?: Record<string, string> } }[] }) =>
  Object.keys(result.errors?.[0]?.extensions.fields ?? {});
const count = async (table: string) =>
  Number((await server.sql<{ n: string }>(`select count(*) n from ${table}`))[0]!.n);

/** Needs of the demo by where they are and whether anyone may see them. */
async function demoNeeds(community: string, isPublic: boolean): Promise<string[]> {
  const rows = await server.sql<{ id: number }>(
    'select id from need where community_id = ? and is_public = ? order by id',
    [Number(ids[community]), isPublic],
  );
  return rows.map((row) => String(row.id));
}

let unitSeq = 0;
/** A unit sitting in `sitsIn`, reported in (accepted) to `reportedIn`, represented by `rep`: a fixture of these tests alone. */
async function makeUnit(sitsIn: string, options: { reportedIn?: string; rep?: string } = {}) {
  unitSeq += 1;
  const [area] = await server.sql<{ id: number; path: string }>('select id, path from area where id = ?', [
    Number(ids[sitsIn]),
  ]);
  const pathIds = area!.path.split('/').filter(Boolean).map(Number);
  const [row] = await server.sql<{ id: number }>(
    `insert into unit (area_id, area_path, street_id, community_id, name, kind, contact_name, contact_phone, created_by_id, created_at)
     values (?, ?, ?, ?, ?, 'OTHER', '联系人', '13900009999', ?, now()) returning id`,
    [area!.id, area!.path, pathIds[0], pathIds[1] ?? null, `项目测试单位${unitSeq}`, Number(userIds[staff])],
  );
  if (options.reportedIn) {
    await server.sql(
      `insert into report_in (unit_id, area_id, status, reported_by_id, created_at) values (?, ?, 'ACCEPTED', ?, now())`,
      [row!.id, Number(ids[options.reportedIn]), Number(userIds[staff])],
    );
  }
  if (options.rep) {
    await server.sql('insert into unit_representative (unit_id, user_id, created_at) values (?, ?, now())', [
      row!.id,
      Number(userIds[options.rep]),
    ]);
  }
  return { id: String(row!.id), name: `项目测试单位${unitSeq}` };
}

let photoSeq = 0;
/** A photo as /uploads/commitment-photos leaves it: uploaded by `by`, attached to nothing. */
async function uploadedPhoto(by: string): Promise<string> {
  photoSeq += 1;
  const key = photoSeq.toString(16).padStart(32, 'a');
  const [row] = await server.sql<{ id: number }>(
    `insert into commitment_photo (uploaded_by_id, storage_key, width, height, bytes, created_at)
     values (?, ?, 800, 600, 1000, now()) returning id`,
    [Number(userIds[by]), key],
  );
  return String(row!.id);
}

async function create(as: string, input: Record<string, unknown>) {
  const result = await server.gql(
    CREATE,
    { input: { title: '口袋公园', description: '', areaId: ids['幸福里社区'], ...input } },
    { as },
  );
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data.createProject;
}

beforeAll(async () => {
  server = await createTestServer();
  ids = await server.areaIds();
  userIds = await server.userIds();
});
afterAll(() => server?.close());

describe('creating a project', () => {
  it('lets staff build one from needs of their community; anyone, signed out too, reads it', async () => {
    const needIds = (await demoNeeds('幸福里社区', true)).slice(0, 2);
    const project = await create(staff, {
      title: '幸福里口袋公园',
      description: '把闲置空地改成口袋公园',
      budget: 50000,
      needIds,
    });
    expect(project).toMatchObject({
      title: '幸福里口袋公园',
      status: 'PLANNED',
      budget: 50000,
      area: { name: '幸福里社区' },
      progress: null,
      contributedValue: 0,
      tasks: [],
      contributions: [],
      photos: [],
      availableActions: ['EDIT', 'SET_STATUS', 'ADD_TASK', 'ADD_NEEDS', 'CONTRIBUTE', 'ADD_PHOTOS', 'PLEDGE'],
    });
    expect(project.needs.map((n: { id: string }) => n.id).sort()).toEqual([...needIds].sort());

    const anonymous = await server.gql(PROJECT, { id: project.id });
    expect(anonymous.errors).toBeUndefined();
    expect(anonymous.data.project).toMatchObject({ title: '幸福里口袋公园', availableActions: [] });
    const asResident = await server.gql(PROJECT, { id: project.id }, { as: resident });
    expect(asResident.data.project.availableActions).toEqual(['PLEDGE']);

    const list = await server.gql(
      `query($filter: ProjectFilter) { projects(filter: $filter) { totalCount edges { node { id title } } } }`,
      { filter: { areaId: ids['幸福街道'], statuses: ['PLANNED', 'ACTIVE'], search: '口袋' } },
    );
    expect(list.data.projects.edges.map((e: { node: { id: string } }) => e.node.id)).toContain(project.id);

    const audit = await server.sql<{ n: string }>(
      `select count(*) n from audit_entry where action = 'project.create' and target_id = ?`,
      [project.id],
    );
    expect(Number(audit[0]!.n)).toBe(1);
  });

  it('shows each viewer only the needs they may see', async () => {
    const [privateNeed] = await demoNeeds('幸福里社区', false);
    const [publicNeed] = await demoNeeds('幸福里社区', true);
    const project = await create(staff, { needIds: [privateNeed, publicNeed] });
    expect(project.needs).toHaveLength(2);
    const anonymous = await server.gql(PROJECT, { id: project.id });
    expect(anonymous.data.project.needs.map((n: { id: string }) => n.id)).toEqual([publicNeed]);
    // Need.projects: the need knows the project that takes it up.
    const need = await server.gql(`query($id: ID!) { need(id: $id) { projects { id } } }`, { id: publicNeed });
    expect(need.data.need.projects.map((p: { id: string }) => p.id)).toContain(project.id);
  });

  it('returns the first project when the same idempotency key comes again, also at once', async () => {
    const input = {
      title: '重复提交的项目',
      description: '',
      areaId: ids['幸福里社区'],
      idempotencyKey: 'project-key-0001',
    };
    const before = await count('project');
    const results = await Promise.all(Array.from({ length: 8 }, () => server.gql(CREATE, { input }, { as: staff })));
    expect(results.every((r) => !r.errors)).toBe(true);
    expect(new Set(results.map((r) => r.data.createProject.id)).size).toBe(1);
    expect(await count('project')).toBe(before + 1);
    const reused = await server.gql(CREATE, { input: { ...input, title: '别的项目' } }, { as: staff });
    expect(codeOf(reused)).toBe('CONFLICT');
  });

  it('refuses those who may not manage projects over the area, and changes nothing', async () => {
    const before = await count('project');
    for (const as of [resident, unitRep, otherCommunityStaff, otherStreetAdmin]) {
      const result = await server.gql(
        CREATE,
        { input: { title: 'x', description: '', areaId: ids['幸福里社区'] } },
        { as },
      );
      expect(codeOf(result), as).toBe('FORBIDDEN');
    }
    const signedOut = await server.gql(CREATE, { input: { title: 'x', description: '', areaId: ids['幸福里社区'] } });
    expect(codeOf(signedOut)).toBe('UNAUTHENTICATED');
    // The street's administrator manages projects in every community of the street.
    expect((await create(streetAdmin, { title: '街道项目' })).area.name).toBe('幸福里社区');
    expect(await count('project')).toBe(before + 1);
  });

  it('refuses needs out of reach or outside the area, unknown areas and bad values, field by field', async () => {
    const before = await count('project');
    const [hepingNeed] = await demoNeeds('和平社区', true);
    const cases: [Record<string, unknown>, string][] = [
      [{ needIds: [hepingNeed] }, 'needIds'],
      [{ needIds: ['999999'] }, 'needIds'],
      [{ needIds: ['abc'] }, 'needIds'],
      [{ areaId: '999999' }, 'areaId'],
      [{ title: '' }, 'title'],
      [{ title: '   ' }, 'title'],
      [{ title: '园'.repeat(101) }, 'title'],
      [{ title: 'a\u0000b' }, 'title'],
      [{ description: '字'.repeat(4001) }, 'description'],
      [{ budget: -1 }, 'budget'],
      [{ budget: 1e12 }, 'budget'],
      [{ idempotencyKey: 'short' }, 'idempotencyKey'],
      [{ needIds: Array.from({ length: 51 }, (_, i) => String(i + 1)) }, 'needIds'],
    ];
    for (const [input, field] of cases) {
      const result = await server.gql(
        CREATE,
        { input: { title: '坏输入', description: '', areaId: ids['幸福里社区'], ...input } },
        { as: staff },
      );
      expect(codeOf(result), JSON.stringify(input).slice(0, 80)).toBe('BAD_USER_INPUT');
      expect(fieldsOf(result), JSON.stringify(input).slice(0, 80)).toContain(field);
    }
    // Staff of 和平社区 do not see 幸福里's private needs: they cannot take them up even in a street-wide project.
    const [privateNeed] = await demoNeeds('幸福里社区', false);
    const outside = await server.gql(
      CREATE,
      { input: { title: '街道项目', description: '', areaId: ids['和平社区'], needIds: [privateNeed] } },
      { as: otherCommunityStaff },
    );
    expect(codeOf(outside)).toBe('BAD_USER_INPUT');
    expect(await count('project')).toBe(before);
  });
});

describe('running a project', () => {
  it('moves through the state machine and refuses any other move', async () => {
    const project = await create(staff, { title: '状态测试' });
    expect(codeOf(await server.gql(STATUS, { id: project.id, status: 'DONE' }, { as: staff }))).toBe('INVALID_STATE');
    expect(codeOf(await server.gql(STATUS, { id: project.id, status: 'PLANNED' }, { as: staff }))).toBe(
      'INVALID_STATE',
    );
    expect(codeOf(await server.gql(STATUS, { id: project.id, status: 'ACTIVE' }, { as: otherCommunityStaff }))).toBe(
      'FORBIDDEN',
    );
    expect(codeOf(await server.gql(STATUS, { id: '999999', status: 'ACTIVE' }, { as: staff }))).toBe('NOT_FOUND');
    expect(
      (await server.gql(STATUS, { id: project.id, status: 'ACTIVE' }, { as: staff })).data.setProjectStatus.status,
    ).toBe('ACTIVE');
    // Two at once: one moves it, the other finds it moved (or changed under it); never both.
    const both = await Promise.all([
      server.gql(STATUS, { id: project.id, status: 'DONE' }, { as: staff }),
      server.gql(STATUS, { id: project.id, status: 'CANCELLED' }, { as: staff }),
    ]);
    expect(both.filter((r) => !r.errors)).toHaveLength(1);
    expect(['INVALID_STATE', 'CONFLICT']).toContain(codeOf(both.find((r) => r.errors)!));
    const audit = await server.sql<{ n: string }>(
      `select count(*) n from audit_entry where action = 'project.setStatus' and target_id = ?`,
      [project.id],
    );
    expect(Number(audit[0]!.n)).toBe(2);
    // The audit log reads the change in words, by the project's title.
    const log = await server.gql(
      `query($areaId: ID!) { auditLog(areaId: $areaId, actions: [PROJECT_SET_STATUS], first: 1) {
        edges { node { targetType targetLabel changes { label before after } } } } }`,
      { areaId: ids['幸福里社区'] },
      { as: staff },
    );
    expect(log.data.auditLog.edges[0].node).toMatchObject({
      targetType: 'PROJECT',
      targetLabel: '状态测试',
      changes: [{ label: '项目状态', before: '进行中' }],
    });
    const done = await server.gql(
      `mutation($id: ID!) { updateProject(id: $id, input: { title: "改名" }) { title } }`,
      { id: project.id },
      { as: staff },
    );
    expect(codeOf(done)).toBe('INVALID_STATE');
  });

  it('edits title, description and budget, with field messages for bad values', async () => {
    const project = await create(staff, { title: '编辑测试', budget: 100 });
    const UPDATE = `mutation($id: ID!, $input: UpdateProjectInput!) { updateProject(id: $id, input: $input) { title description budget } }`;
    const edited = await server.gql(UPDATE, { id: project.id, input: { description: '新说明' } }, { as: staff });
    expect(edited.data.updateProject).toEqual({ title: '编辑测试', description: '新说明', budget: 100 });
    const cleared = await server.gql(UPDATE, { id: project.id, input: { budget: null } }, { as: staff });
    expect(cleared.data.updateProject.budget).toBeNull();
    expect(fieldsOf(await server.gql(UPDATE, { id: project.id, input: { title: '' } }, { as: staff }))).toEqual([
      'title',
    ]);
    expect(fieldsOf(await server.gql(UPDATE, { id: project.id, input: { budget: -5 } }, { as: staff }))).toEqual([
      'budget',
    ]);
    expect(codeOf(await server.gql(UPDATE, { id: project.id, input: { title: 'x' } }, { as: resident }))).toBe(
      'FORBIDDEN',
    );
  });

  it('adds needs once each, only visible ones of its area', async () => {
    const project = await create(staff, { title: '加诉求' });
    const [a, b] = await demoNeeds('幸福里社区', true);
    const results = await Promise.all([
      server.gql(ADD_NEEDS, { id: project.id, needIds: [a, b] }, { as: staff }),
      server.gql(ADD_NEEDS, { id: project.id, needIds: [a, b, a] }, { as: staff }),
    ]);
    expect(results.every((r) => !r.errors)).toBe(true);
    const rows = await server.sql<{ n: string }>('select count(*) n from project_need where project_id = ?', [
      project.id,
    ]);
    expect(Number(rows[0]!.n)).toBe(2);
    const [hepingNeed] = await demoNeeds('和平社区', true);
    expect(fieldsOf(await server.gql(ADD_NEEDS, { id: project.id, needIds: [hepingNeed] }, { as: staff }))).toEqual([
      'needIds',
    ]);
    expect(fieldsOf(await server.gql(ADD_NEEDS, { id: project.id, needIds: [] }, { as: staff }))).toEqual(['needIds']);
    expect(codeOf(await server.gql(ADD_NEEDS, { id: project.id, needIds: [a] }, { as: otherStreetAdmin }))).toBe(
      'FORBIDDEN',
    );
  });
});

describe('tasks', () => {
  it('are owned by a reachable person or a unit serving the community, and ticked off once', async () => {
    const project = await create(staff, { title: '任务测试' });
    const serving = await makeUnit('和平社区', { reportedIn: '幸福里社区', rep: unitRep });
    const elsewhere = await makeUnit('和平社区');
    const dueAt = new Date(Date.now() - 86_400_000).toISOString();
    const byUnit = await server.gql(
      TASK,
      { projectId: project.id, input: { title: '平整场地', ownerUnitId: serving.id, dueAt } },
      { as: staff },
    );
    expect(byUnit.data.addProjectTask).toMatchObject({
      title: '平整场地',
      done: false,
      ownerUnit: { name: serving.name },
    });
    const byPerson = await server.gql(
      TASK,
      { projectId: project.id, input: { title: '采购花苗', ownerUserId: userIds[resident] } },
      { as: staff },
    );
    expect(byPerson.data.addProjectTask.owner.displayName).toBe('赵桂兰');

    const refusals: [Record<string, unknown>, string][] = [
      [{ ownerUnitId: elsewhere.id }, 'ownerUnitId'],
      [{ ownerUnitId: '999999' }, 'ownerUnitId'],
      [{ ownerUserId: userIds[otherStreetAdmin] }, 'ownerUserId'],
      [{ ownerUserId: 'x' }, 'ownerUserId'],
      [{ title: '' }, 'title'],
      [{ title: '任'.repeat(201) }, 'title'],
      [{ dueAt: '0001-01-01T00:00:00Z' }, 'dueAt'],
    ];
    for (const [input, field] of refusals) {
      const result = await server.gql(
        TASK,
        { projectId: project.id, input: { title: '坏任务', ...input } },
        { as: staff },
      );
      expect(codeOf(result), field).toBe('BAD_USER_INPUT');
      expect(fieldsOf(result), field).toContain(field);
    }
    expect(codeOf(await server.gql(TASK, { projectId: project.id, input: { title: 't' } }, { as: unitRep }))).toBe(
      'FORBIDDEN',
    );

    const overview = await server.gql(PROJECT, { id: project.id });
    expect(overview.data.project.tasks).toHaveLength(2);
    expect(overview.data.project.tasks[0]).toMatchObject({ overdue: true, done: false });
    expect(overview.data.project.progress).toBe(0);

    const taskId = byUnit.data.addProjectTask.id;
    expect(codeOf(await server.gql(COMPLETE, { id: taskId }, { as: resident }))).toBe('FORBIDDEN');
    expect(codeOf(await server.gql(COMPLETE, { id: '999999' }, { as: staff }))).toBe('NOT_FOUND');
    // The owner unit's representative ticks it off; five taps at once tick it once.
    const taps = await Promise.all(
      Array.from({ length: 5 }, () => server.gql(COMPLETE, { id: taskId }, { as: unitRep })),
    );
    expect(taps.filter((r) => !r.errors)).toHaveLength(1);
    expect(taps.filter((r) => codeOf(r) === 'INVALID_STATE')).toHaveLength(4);
    // The owner person ticks theirs.
    const own = await server.gql(COMPLETE, { id: byPerson.data.addProjectTask.id }, { as: resident });
    expect(own.data.completeProjectTask.done).toBe(true);
    expect((await server.gql(PROJECT, { id: project.id })).data.project.progress).toBe(1);
  });

  it('returns the first task for a repeated idempotency key', async () => {
    const project = await create(staff, { title: '任务幂等' });
    const input = { title: '同一个任务', idempotencyKey: 'task-key-000001' };
    const results = await Promise.all(
      Array.from({ length: 5 }, () => server.gql(TASK, { projectId: project.id, input }, { as: staff })),
    );
    expect(new Set(results.map((r) => r.data?.addProjectTask.id)).size).toBe(1);
    const rows = await server.sql<{ n: string }>('select count(*) n from project_task where project_id = ?', [
      project.id,
    ]);
    expect(Number(rows[0]!.n)).toBe(1);
  });
});

describe('contributions', () => {
  it('are recorded by staff for units of the street, people and anonymous residents, and by a rep for their own unit', async () => {
    const project = await create(staff, { title: '捐赠测试' });
    const bank = await makeUnit('光明社区', { reportedIn: '光明社区' });
    const repsUnit = await makeUnit('幸福里社区', { rep: unitRep });
    const otherStreet = await makeUnit('朝阳社区');

    const money = await server.gql(
      CONTRIBUTE,
      { projectId: project.id, input: { kind: 'MONEY', description: '捐款', value: 20000, unitId: bank.id } },
      { as: staff },
    );
    expect(money.data.contribute).toMatchObject({ kind: 'MONEY', value: 20000, unit: { name: bank.name } });
    const labour = await server.gql(
      CONTRIBUTE,
      {
        projectId: project.id,
        input: { kind: 'LABOR', description: '义务劳动两天', value: 800.5, unitId: repsUnit.id },
      },
      { as: unitRep },
    );
    expect(labour.data.contribute.unit.name).toBe(repsUnit.name);
    const person = await server.gql(
      CONTRIBUTE,
      {
        projectId: project.id,
        input: { kind: 'GOODS', description: '月季花苗 20 株', value: 300, contributorUserId: userIds[neighbour] },
      },
      { as: staff },
    );
    expect(person.data.contribute.contributorName).toBe('孙志强');
    const anonymous = await server.gql(
      CONTRIBUTE,
      { projectId: project.id, input: { kind: 'GOODS', description: '花盆', value: 0 } },
      { as: staff },
    );
    expect(anonymous.data.contribute).toMatchObject({ unit: null, contributorName: null });

    const read = await server.gql(PROJECT, { id: project.id });
    expect(read.data.project.contributedValue).toBe(21100.5);
    expect(read.data.project.contributions).toHaveLength(4);
    // A person's name is their display name alone, masked for a signed-out visitor.
    expect(read.data.project.contributions[2].contributorName).toBe('孙**');

    const before = await count('contribution');
    const refusals: [string, Record<string, unknown>, string, string?][] = [
      [unitRep, { unitId: bank.id }, 'FORBIDDEN'],
      [unitRep, {}, 'FORBIDDEN'],
      [resident, {}, 'FORBIDDEN'],
      [otherCommunityStaff, {}, 'FORBIDDEN'],
      [staff, { unitId: otherStreet.id }, 'BAD_USER_INPUT', 'unitId'],
      [staff, { unitId: '999999' }, 'BAD_USER_INPUT', 'unitId'],
      [staff, { contributorUserId: userIds[otherStreetAdmin] }, 'BAD_USER_INPUT', 'contributorUserId'],
      [staff, { unitId: bank.id, contributorUserId: userIds[neighbour] }, 'BAD_USER_INPUT', 'contributorUserId'],
      [staff, { value: -1 }, 'BAD_USER_INPUT', 'value'],
      [staff, { value: 1e9 }, 'BAD_USER_INPUT', 'value'],
      [staff, { description: '' }, 'BAD_USER_INPUT', 'description'],
      [staff, { description: '捐'.repeat(501) }, 'BAD_USER_INPUT', 'description'],
      [staff, { description: 'a\u0000' }, 'BAD_USER_INPUT', 'description'],
    ];
    for (const [as, input, code, field] of refusals) {
      const result = await server.gql(
        CONTRIBUTE,
        { projectId: project.id, input: { kind: 'MONEY', description: '捐款', value: 10, ...input } },
        { as },
      );
      expect(codeOf(result), JSON.stringify(input)).toBe(code);
      if (field) expect(fieldsOf(result)).toContain(field);
    }
    expect(
      codeOf(
        await server.gql(
          CONTRIBUTE,
          { projectId: '999999', input: { kind: 'MONEY', description: 'x', value: 1 } },
          { as: staff },
        ),
      ),
    ).toBe('NOT_FOUND');
    expect(await count('contribution')).toBe(before);
  });

  it('records one contribution for many submits with the same key, and none for a cancelled project', async () => {
    const project = await create(staff, { title: '捐赠幂等' });
    const input = { kind: 'MONEY', description: '一次捐款', value: 500, idempotencyKey: 'contribution-key-01' };
    const results = await Promise.all(
      Array.from({ length: 10 }, () => server.gql(CONTRIBUTE, { projectId: project.id, input }, { as: staff })),
    );
    expect(results.every((r) => !r.errors)).toBe(true);
    expect(new Set(results.map((r) => r.data.contribute.id)).size).toBe(1);
    expect((await server.gql(PROJECT, { id: project.id })).data.project.contributedValue).toBe(500);

    await server.gql(STATUS, { id: project.id, status: 'CANCELLED' }, { as: staff });
    const late = await server.gql(
      CONTRIBUTE,
      { projectId: project.id, input: { kind: 'MONEY', description: '取消后', value: 1 } },
      { as: staff },
    );
    expect(codeOf(late)).toBe('INVALID_STATE');
  });
});

describe('photos', () => {
  it('attaches the viewer’s own free photos once, and refuses others', async () => {
    const project = await create(staff, { title: '照片测试' });
    const other = await create(staff, { title: '照片测试二' });
    const mine = [await uploadedPhoto(staff), await uploadedPhoto(staff)];
    const attached = await server.gql(PHOTOS, { projectId: project.id, photoIds: mine }, { as: staff });
    expect(attached.data.addProjectPhotos.photos.map((p: { id: string }) => p.id)).toEqual(mine);
    expect(attached.data.addProjectPhotos.photos[0].url).toMatch(/^\/media\/[0-9a-f]{32}\.webp$/);

    const neighbours = await uploadedPhoto(neighbour);
    for (const photoIds of [[mine[0]], [neighbours], ['999999'], ['x']]) {
      const result = await server.gql(PHOTOS, { projectId: other.id, photoIds }, { as: staff });
      expect(codeOf(result), photoIds.join()).toBe('BAD_USER_INPUT');
      expect(fieldsOf(result)).toEqual(['photoIds']);
    }
    expect(codeOf(await server.gql(PHOTOS, { projectId: other.id, photoIds: [neighbours] }, { as: neighbour }))).toBe(
      'FORBIDDEN',
    );

    // The same photo to two projects at once: one takes it.
    const contested = await uploadedPhoto(staff);
    const both = await Promise.all([
      server.gql(PHOTOS, { projectId: project.id, photoIds: [contested] }, { as: staff }),
      server.gql(PHOTOS, { projectId: other.id, photoIds: [contested] }, { as: staff }),
    ]);
    expect(both.filter((r) => !r.errors)).toHaveLength(1);
    expect(['BAD_USER_INPUT', 'CONFLICT']).toContain(codeOf(both.find((r) => r.errors)!));
  });
});

describe('the projects list', () => {
  it('costs no more SQL statements for 50 projects with their tasks, contributions and needs than for 5', async () => {
    const unit = await makeUnit('幸福里社区', { reportedIn: '幸福里社区', rep: unitRep });
    const needIds = (await demoNeeds('幸福里社区', true)).slice(0, 3);
    for (let i = 0; i < 55; i++) {
      const project = await create(staff, { title: `批量项目 ${i}`, needIds });
      await server.gql(TASK, { projectId: project.id, input: { title: '任务', ownerUnitId: unit.id } }, { as: staff });
      await server.gql(
        TASK,
        { projectId: project.id, input: { title: '任务二', ownerUserId: userIds[resident] } },
        { as: staff },
      );
      await server.gql(
        CONTRIBUTE,
        {
          projectId: project.id,
          input: { kind: 'GOODS', description: '物资', value: 10, contributorUserId: userIds[neighbour] },
        },
        { as: staff },
      );
      await server.gql(
        CONTRIBUTE,
        { projectId: project.id, input: { kind: 'MONEY', description: '捐款', value: 10, unitId: unit.id } },
        { as: staff },
      );
    }
    const query = `query($first: Int) { projects(first: $first, filter: { search: "批量项目" }) { totalCount
      edges { node { ${PROJECT_FIELDS} needs { id title status area { name } raisedBy { displayName } } } } } }`;
    // The fewest of three runs: how MikroORM's dataloader splits a batch across ticks varies a little from run to run.
    const statements = async (first: number, as: string | undefined) => {
      const counts = [];
      for (let run = 0; run < 3; run++)
        counts.push(await server.countQueries(() => server.gql(query, { first }, { as })));
      return Math.min(...counts);
    };
    for (const as of [staff, undefined]) {
      if (as) await server.tokenFor(as);
      const small = await statements(5, as);
      const large = await statements(50, as);
      const result = await server.gql(query, { first: 50 }, { as });
      expect(result.errors).toBeUndefined();
      expect(result.data.projects.edges).toHaveLength(50);
      expect(result.data.projects.edges[0].node.tasks).toHaveLength(2);
      expect(large).toBeLessThanOrEqual(small);
      expect(small).toBeLessThanOrEqual(16);
    }
  }, 180_000);
});
