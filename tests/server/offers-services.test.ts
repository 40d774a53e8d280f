import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertUnit } from '../helpers/offers.js';
import { createTestServer, DEMO_ACCOUNTS, type TestServer } from '../helpers/server.js';

let server: TestServer;
let ids: Record<string, string>;
let school: string;

const { unitRep, volunteer, resident, neighbour, communityStaff, otherCommunityStaff, otherStreetAdmin, streetAdmin } =
  DEMO_ACCOUNTS;

beforeAll(async () => {
  server = await createTestServer();
  ids = await server.areaIds();
  school = await insertUnit(server, { name: '测试小学', areaName: '幸福里社区', reps: [unitRep] });
});
afterAll(() => server?.close());

const SERVICE_FIELDS = `id title description place capacity signupCount remaining closedAt unit { name } provider { displayName }
  area { name } schedule { weekdays startTime endTime } availableActions viewerSignup { id }`;
const PUBLISH = `mutation($input: PublishServiceInput!) { publishService(input: $input) { ${SERVICE_FIELDS} } }`;
const SIGN_UP = `mutation($serviceId: ID!, $note: String) { signUpForService(serviceId: $serviceId, note: $note) { id note person { displayName } service { signupCount remaining } } }`;
const CANCEL = `mutation($id: ID!) { cancelServiceSignup(id: $id) }`;
const SERVICE = `query($id: ID!) { service(id: $id) { ${SERVICE_FIELDS}
  signups(first: 50) { totalCount edges { node { person { displayName phone } note } } } } }`;

const input = (extra: Record<string, unknown> = {}) => ({
  unitId: school,
  title: '四点半课堂',
  description: '作业辅导',
  areaId: ids['幸福里社区'],
  schedule: { weekdays: [5, 1, 2, 3, 4], startTime: '16:30', endTime: '18:00' },
  place: '学校三楼阅览室',
  capacity: 30,
  ...extra,
});

async function publish(as: string, extra: Record<string, unknown> = {}) {
  const result = await server.gql(PUBLISH, { input: input(extra) }, { as });
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data.publishService;
}

const code = (result: { errors?: { extensions: { code: string } }[] }) => result.errors?.[0]?.extensions.code;
const serviceCount = async () => Number((await server.sql<{ n: string }>('select count(*) n from service'))[0]!.n);

describe('publishing a service', () => {
  it('lets a representative publish for their unit, the weekdays in order', async () => {
    const service = await publish(unitRep);
    expect(service).toMatchObject({
      title: '四点半课堂',
      capacity: 30,
      signupCount: 0,
      remaining: 30,
      unit: { name: '测试小学' },
      provider: { displayName: '刘洋' },
      area: { name: '幸福里社区' },
      schedule: { weekdays: [1, 2, 3, 4, 5], startTime: '16:30', endTime: '18:00' },
      // The representative lives in the community: they may sign up like any resident.
      availableActions: ['SIGN_UP', 'VIEW_SIGNUPS', 'CLOSE'],
    });
  });

  it('returns the first service for a retried submit', async () => {
    const before = await serviceCount();
    const [a, b] = await Promise.all([
      publish(unitRep, { idempotencyKey: 'service-key-1' }),
      publish(unitRep, { idempotencyKey: 'service-key-1' }),
    ]);
    expect(a.id).toBe(b.id);
    expect(await serviceCount()).toBe(before + 1);
  });

  it('refuses a unit not one’s own, an area outside the street, and bad schedules, changing nothing', async () => {
    const before = await serviceCount();
    const run = (as: string, extra: Record<string, unknown>) => server.gql(PUBLISH, { input: input(extra) }, { as });
    expect(code(await run(volunteer, {}))).toBe('FORBIDDEN');
    expect(code(await run(unitRep, { areaId: ids['朝阳社区'] }))).toBe('NOT_FOUND');
    const bad: [Record<string, unknown>, string][] = [
      [{ schedule: { weekdays: [1, 1], startTime: '16:30', endTime: '18:00' } }, 'schedule.weekdays'],
      [{ schedule: { weekdays: [0, 8], startTime: '16:30', endTime: '18:00' } }, 'schedule.weekdays'],
      [{ schedule: { weekdays: [], startTime: '16:30', endTime: '18:00' } }, 'schedule.weekdays'],
      [{ schedule: { weekdays: [1], startTime: '4:30', endTime: '18:00' } }, 'schedule.startTime'],
      [{ schedule: { weekdays: [1], startTime: '16:30', endTime: '24:00' } }, 'schedule.endTime'],
      [{ schedule: { weekdays: [1], startTime: '18:00', endTime: '16:30' } }, 'schedule.endTime'],
      [{ capacity: 0 }, 'capacity'],
      [{ capacity: -5 }, 'capacity'],
      [{ capacity: 1_000_000 }, 'capacity'],
      [{ place: '' }, 'place'],
      [{ title: 'x\u0000' }, 'title'],
    ];
    for (const [extra, field] of bad) {
      const result = await run(unitRep, extra);
      expect(code(result), JSON.stringify(extra)).toBe('BAD_USER_INPUT');
      expect(result.errors?.[0]?.extensions.fields?.[field], JSON.stringify(extra)).toBeTruthy();
    }
    expect(await serviceCount()).toBe(before);
  });
});

describe('signing up', () => {
  it('lets a resident of the area sign up and cancel; the provider sees the list with masked phones', async () => {
    const service = await publish(unitRep, { capacity: 3 });
    const seen = await server.gql(SERVICE, { id: service.id }, { as: resident });
    expect(seen.data.service.availableActions).toEqual(['SIGN_UP']);
    const signup = await server.gql(SIGN_UP, { serviceId: service.id, note: '孙子二年级' }, { as: resident });
    expect(signup.data.signUpForService).toMatchObject({
      note: '孙子二年级',
      person: { displayName: '赵桂兰' },
      service: { signupCount: 1, remaining: 2 },
    });
    const after = await server.gql(SERVICE, { id: service.id }, { as: resident });
    expect(after.data.service).toMatchObject({
      viewerSignup: { id: signup.data.signUpForService.id },
      availableActions: ['CANCEL_SIGNUP'],
      signups: { totalCount: 0, edges: [] },
    });
    const provider = await server.gql(SERVICE, { id: service.id }, { as: unitRep });
    expect(provider.data.service.signups.totalCount).toBe(1);
    expect(provider.data.service.signups.edges[0].node.person.phone).toBe('138****0006');
    const staff = await server.gql(SERVICE, { id: service.id }, { as: communityStaff });
    expect(staff.data.service.signups.edges[0].node.person.phone).toBe(resident);
    const otherStaff = await server.gql(SERVICE, { id: service.id }, { as: otherCommunityStaff });
    expect(otherStaff.data.service.signups.totalCount).toBe(0);

    expect(code(await server.gql(CANCEL, { id: signup.data.signUpForService.id }, { as: neighbour }))).toBe(
      'NOT_FOUND',
    );
    const cancelled = await server.gql(CANCEL, { id: signup.data.signUpForService.id }, { as: resident });
    expect(cancelled.data.cancelServiceSignup).toBe(true);
    expect(code(await server.gql(CANCEL, { id: signup.data.signUpForService.id }, { as: resident }))).toBe(
      'INVALID_STATE',
    );
    const [row] = await server.sql<{ signup_count: number }>('select signup_count from service where id = ?', [
      Number(service.id),
    ]);
    expect(row!.signup_count).toBe(0);
    // Cancelled, one may sign up again.
    expect((await server.gql(SIGN_UP, { serviceId: service.id }, { as: resident })).errors).toBeUndefined();
  });

  it('refuses signing up twice, outside the area, full, closed, unknown, and bad notes', async () => {
    const service = await publish(unitRep, { capacity: 1 });
    expect((await server.gql(SIGN_UP, { serviceId: service.id }, { as: resident })).errors).toBeUndefined();
    expect(code(await server.gql(SIGN_UP, { serviceId: service.id }, { as: resident }))).toBe('CONFLICT');
    expect(code(await server.gql(SIGN_UP, { serviceId: service.id }, { as: neighbour }))).toBe('CONFLICT');
    expect(code(await server.gql(SIGN_UP, { serviceId: service.id }, { as: otherCommunityStaff }))).toBe('FORBIDDEN');
    expect(code(await server.gql(SIGN_UP, { serviceId: service.id }, { as: otherStreetAdmin }))).toBe('FORBIDDEN');
    expect(code(await server.gql(SIGN_UP, { serviceId: '999999' }, { as: resident }))).toBe('NOT_FOUND');
    const open = await publish(unitRep, { capacity: 5 });
    const tooLong = await server.gql(SIGN_UP, { serviceId: open.id, note: '长'.repeat(201) }, { as: resident });
    expect(tooLong.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fields: { note: expect.any(String) },
    });
    const CLOSE = `mutation($id: ID!) { closeService(id: $id) { closedAt availableActions } }`;
    expect(code(await server.gql(CLOSE, { id: open.id }, { as: communityStaff }))).toBe('FORBIDDEN');
    expect((await server.gql(CLOSE, { id: open.id }, { as: unitRep })).data.closeService.closedAt).toBeTruthy();
    expect(code(await server.gql(CLOSE, { id: open.id }, { as: unitRep }))).toBe('INVALID_STATE');
    expect(code(await server.gql(SIGN_UP, { serviceId: open.id }, { as: resident }))).toBe('INVALID_STATE');
    const [row] = await server.sql<{ n: string }>('select count(*) n from service_signup where service_id = ?', [
      Number(open.id),
    ]);
    expect(Number(row!.n)).toBe(0);
  });

  it('never passes the capacity: 20 residents at once for 5 places get exactly 5', async () => {
    const service = await publish(unitRep, { capacity: 5, areaId: ids['幸福街道'] });
    const people = Array.from({ length: 20 }, (_, i) => `1390000${String(i + 1).padStart(4, '0')}`);
    for (const phone of people) await server.tokenFor(phone);
    const results = await Promise.all(
      people.map((phone) => server.gql(SIGN_UP, { serviceId: service.id }, { as: phone })),
    );
    const ok = results.filter((result) => !result.errors);
    expect(ok).toHaveLength(5);
    expect(results.filter((result) => code(result) === 'CONFLICT')).toHaveLength(15);
    const [row] = await server.sql<{ signup_count: number; n: string }>(
      `select s.signup_count, (select count(*) from service_signup where service_id = s.id and cancelled_at is null) n
       from service s where s.id = ?`,
      [Number(service.id)],
    );
    expect(row).toMatchObject({ signup_count: 5, n: '5' });
  });

  it('takes one place for a double submit by the same resident', async () => {
    const service = await publish(unitRep, { capacity: 10 });
    const results = await Promise.all(
      Array.from({ length: 8 }, () => server.gql(SIGN_UP, { serviceId: service.id }, { as: neighbour })),
    );
    expect(results.filter((result) => !result.errors)).toHaveLength(1);
    expect(results.filter((result) => code(result) === 'CONFLICT')).toHaveLength(7);
    const [row] = await server.sql<{ signup_count: number }>('select signup_count from service where id = ?', [
      Number(service.id),
    ]);
    expect(row!.signup_count).toBe(1);
  });
});

describe('listing services', () => {
  const LIST = `query($filter: ServiceFilter, $first: Int) { services(filter: $filter, first: $first) {
    totalCount edges { node { id title closedAt } } } }`;
  const titles = async (filter: Record<string, unknown>, as?: string) => {
    const result = await server.gql(LIST, { filter, first: 100 }, as ? { as } : {});
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    return result.data.services.edges.map((edge: { node: { title: string } }) => edge.node.title) as string[];
  };

  it('filters by area (subtree and above), near me, unit, words, signed up, closed', async () => {
    await publish(unitRep, { title: '老年人上门巡诊', areaId: ids['幸福里第一网格'] });
    await publish(unitRep, { title: '便民维修日', areaId: ids['幸福街道'] });
    await publish(resident, { unitId: null, title: '和平社区书法班', areaId: ids['和平社区'] });
    expect(await titles({ areaId: ids['幸福里第一网格'] })).toEqual(
      expect.arrayContaining(['老年人上门巡诊', '便民维修日', '四点半课堂']),
    );
    expect(await titles({ areaId: ids['和平社区'] })).not.toContain('老年人上门巡诊');
    const nearResident = await titles({ nearMe: true }, resident);
    expect(nearResident).toEqual(expect.arrayContaining(['老年人上门巡诊', '便民维修日']));
    expect(nearResident).not.toContain('和平社区书法班');
    expect(await titles({ nearMe: true }, otherCommunityStaff)).toContain('和平社区书法班');
    expect(await titles({ nearMe: true })).toEqual([]);
    expect(await titles({ search: '巡诊' })).toEqual(['老年人上门巡诊']);
    expect(await titles({ unitId: school, search: '书法' })).toEqual([]);
    expect((await titles({ signedUp: true }, resident)).length).toBeGreaterThan(0);
    expect(await titles({ signedUp: true }, streetAdmin)).toEqual([]);
    const all = await titles({ includeClosed: true });
    const open = await titles({});
    expect(all.length).toBeGreaterThan(open.length);
  });

  it('costs the same statements for 2 services as for 12, with sign-ups and actions', async () => {
    const query = `query($first: Int) { services(first: $first, filter: { search: "服务" }) { edges { node { ${SERVICE_FIELDS}
      signups(first: 5) { totalCount edges { node { person { displayName phone } } } } } } } }`;
    // Twelve services alike, each with sign-ups by several people: a small page holds what a large one does.
    for (let i = 0; i < 12; i++) {
      const service = await publish(unitRep, { title: `服务${i}` });
      for (const phone of [resident, neighbour]) await server.gql(SIGN_UP, { serviceId: service.id }, { as: phone });
    }
    const small = await server.countQueries(() => server.gql(query, { first: 2 }, { as: communityStaff }));
    const large = await server.countQueries(() => server.gql(query, { first: 12 }, { as: communityStaff }));
    expect(large).toBeLessThanOrEqual(small);
  });
});
