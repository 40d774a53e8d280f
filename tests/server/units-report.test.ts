import ExcelJS from 'exceljs';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_UNITS } from '../../server/src/seed/demo-units.data.js';
import { createTestServer, DEMO_ACCOUNTS, type TestServer } from '../helpers/server.js';

let server: TestServer;
let units: Record<string, string>;

const { resident, gridWorker, unitRep, communityStaff: staff, otherCommunityStaff, otherStreetAdmin } = DEMO_ACCOUNTS;

beforeAll(async () => {
  server = await createTestServer();
  const rows = await server.sql<{ id: number; name: string }>('select id, name from unit');
  units = Object.fromEntries(rows.map((row) => [row.name, String(row.id)]));
  const school = Number(units[DEMO_UNITS.school.name]);
  // A pledge in every outcome and a contribution, as the pledges and projects features write them.
  const [need] = await server.sql<{
    id: number;
    area_id: number;
    area_path: string;
    street_id: number;
    community_id: number;
  }>(`select id, area_id, area_path, street_id, community_id from need where title = '放学后孩子没人看管'`);
  const [rep] = await server.sql<{ id: number }>(`select id from app_user where phone = ?`, [unitRep]);
  for (const [status, description] of [
    ['FULFILLED', '教师志愿者每天看护'],
    ['NOT_FULFILLED', '周末开放操场'],
    ['PLEDGED', '=HYPERLINK("x")'],
  ]) {
    await server.sql(
      `insert into pledge (area_id, area_path, street_id, community_id, need_id, unit_id, pledged_by_id, description, status, created_at, version)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, now() - interval '2 days', 1)`,
      [
        need!.area_id,
        need!.area_path,
        need!.street_id,
        need!.community_id,
        need!.id,
        school,
        rep!.id,
        description,
        status,
      ],
    );
  }
  const [project] = await server.sql<{ id: number }>(
    `insert into project (area_id, area_path, street_id, community_id, title, description, status, created_by_id, created_at, updated_at, version)
     values (?, ?, ?, ?, '口袋公园', '', 'ACTIVE', ?, now(), now(), 1) returning id`,
    [need!.area_id, need!.area_path, need!.street_id, need!.community_id, rep!.id],
  );
  await server.sql(
    `insert into contribution (project_id, kind, description, value, unit_id, recorded_by_id, created_at)
     values (?, 'LABOR', '师生义务劳动两天', 1200, ?, ?, now() - interval '1 day')`,
    [project!.id, school, rep!.id],
  );
});
afterAll(() => server?.close());

const unitId = (key: keyof typeof DEMO_UNITS) => units[DEMO_UNITS[key].name]!;

async function get(url: string, as?: string, headers: Record<string, string> = {}) {
  const token = as ? await server.tokenFor(as) : undefined;
  return server.app.http.inject({
    method: 'GET',
    url,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
  });
}

async function pdfText(body: Buffer): Promise<string> {
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(body)), { mergePages: true });
  return text;
}

describe('the per-unit report (回单位报告)', () => {
  it('is a PDF of the unit, its pledges and outcomes, needs resolved with ratings, contributions and members', async () => {
    const response = await get(`/units/${unitId('school')}/report.pdf`, staff);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toContain(`filename="unit-${unitId('school')}-report.pdf"`);
    const text = await pdfText(response.rawPayload);
    for (const words of [
      '驻区单位共建情况报告',
      DEMO_UNITS.school.name,
      '中共幸福街道第一小学支部委员会',
      '全部时间',
      '认领与兑现',
      '教师志愿者每天看护',
      '已兑现',
      '未兑现',
      '放学后孩子没人看管',
      '口袋公园',
      '师生义务劳动两天',
      '1200',
      '在职党员到社区服务',
      '赵桂兰',
      '共建评价',
    ]) {
      expect(text, words).toContain(words);
    }
    // The score as the ranking computes it, for the same (whole) period.
    const { data } = await server.gql(`query($id: ID!) { unit(id: $id) { score { fulfilmentRate } } }`, {
      id: unitId('school'),
    });
    const rate = data.unit.score.fulfilmentRate as number | null;
    expect(text).toContain(rate === null ? '— /' : `${Math.round(rate * 100)}% /`);
  });

  it('is an XLSX with the same content, sheet by sheet, formulas neutralised', async () => {
    const response = await get(`/units/${unitId('school')}/report.xlsx`, unitRep);
    expect(response.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      '概况',
      '认领与兑现',
      '办结的诉求',
      '项目贡献',
      '在职党员到社区服务',
    ]);
    const values = (name: string) =>
      workbook
        .getWorksheet(name)!
        .getSheetValues()
        .slice(1)
        .map((row) => (row as unknown[]).slice(1));
    expect(values('概况')[0]).toEqual(['单位', DEMO_UNITS.school.name]);
    const pledges = values('认领与兑现');
    expect(pledges[0]).toEqual(['认领对象', '内容', '数量', '承诺日期', '状态', '确认时间']);
    expect(pledges.map((row) => row[1])).toContain(`'=HYPERLINK("x")`);
    expect(values('办结的诉求').slice(1)).toEqual([['放学后孩子没人看管', expect.any(String), 5]]);
    // The demo's own contributions of the school are there too.
    expect(values('项目贡献').slice(1)).toContainEqual([
      '口袋公园',
      '捐工',
      '师生义务劳动两天',
      1200,
      expect.any(String),
    ]);
    expect(values('在职党员到社区服务')[1]).toEqual(['赵桂兰', '幸福里社区', expect.any(String), 0, 0]);
  });

  it('covers the period asked, in the reader’s language', async () => {
    const from = new Date(Date.now() - 3 * 24 * 3600 * 1000).toISOString();
    const response = await get(`/units/${unitId('school')}/report.pdf?from=${from}`, staff, {
      'accept-language': 'en',
    });
    expect(response.statusCode).toBe(200);
    expect(await pdfText(response.rawPayload)).toContain('Co-building report of a resident unit');
    const xlsx = await get(`/units/${unitId('school')}/report.xlsx?from=${from}`, staff);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    // The pledges of two days ago are in; the need resolved 18 days ago is not.
    expect(workbook.getWorksheet('认领与兑现')!.rowCount).toBe(4);
    expect(workbook.getWorksheet('办结的诉求')!.rowCount).toBe(1);
  });

  it('is for staff over the unit or a community it reported in to, committee members over it, and its representatives', async () => {
    // 国网幸福供电所 sits in 和平社区 and reported in to 幸福里社区: 幸福里's staff reads its report.
    expect((await get(`/units/${unitId('power')}/report.pdf`, staff)).statusCode).toBe(200);
    // 工商银行 is 光明社区's alone.
    expect((await get(`/units/${unitId('bank')}/report.xlsx`, staff)).statusCode).toBe(403);
    // 和平's staff is a committee member over the whole street.
    expect((await get(`/units/${unitId('bank')}/report.xlsx`, otherCommunityStaff)).statusCode).toBe(200);
    for (const as of [resident, gridWorker, otherStreetAdmin]) {
      const refused = await get(`/units/${unitId('school')}/report.pdf`, as);
      expect(refused.statusCode, as).toBe(403);
      expect(refused.json().code).toBe('FORBIDDEN');
    }
    // A representative reads their own unit's only (and, as a member of 幸福里社区's 大党委, those of that community).
    expect((await get(`/units/${unitId('bank')}/report.pdf`, unitRep)).statusCode).toBe(403);
    expect((await get(`/units/${unitId('hospital')}/report.pdf`, unitRep)).statusCode).toBe(200);
    expect((await get(`/units/${unitId('school')}/report.pdf`)).statusCode).toBe(401);
    expect((await get(`/units/99999999/report.pdf`, staff)).statusCode).toBe(404);
    expect((await get(`/units/abc/report.xlsx`, staff)).statusCode).toBe(404);
    const urls = await server.gql(
      `{ units(first: 50) { edges { node { id reportUrl availableActions } } } }`,
      {},
      { as: staff },
    );
    const byId = new Map(
      urls.data.units.edges.map((e: { node: { id: string; reportUrl: string | null } }) => [
        e.node.id,
        e.node.reportUrl,
      ]),
    );
    expect(byId.get(unitId('power'))).toBe(`/units/${unitId('power')}/report.pdf`);
    expect(byId.get(unitId('bank'))).toBeNull();
  });

  it('refuses a bad period field by field', async () => {
    const cases: [string, string, string][] = [
      ['from=yesterday', 'from', '此项内容不正确。'],
      ['to=0001-01-01', 'to', '日期要在 1900 年到 9999 年之间。'],
      ['from=2026-03-01&to=2026-02-01', 'from', '开始时间要早于结束时间。'],
      ['from=2026-01-01&from=2026-02-01', 'from', '此项内容不正确。'],
    ];
    for (const [query, field, message] of cases) {
      const response = await get(`/units/${unitId('school')}/report.xlsx?${query}`, staff);
      expect(response.statusCode, query).toBe(400);
      expect(response.json()).toMatchObject({ code: 'BAD_USER_INPUT', fields: { [field]: message } });
    }
  });
});
