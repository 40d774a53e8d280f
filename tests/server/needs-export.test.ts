import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, DEMO_ACCOUNTS, type TestServer } from '../helpers/server.js';

let server: TestServer;
let ids: Record<string, string>;
const { resident, communityStaff: staff, otherCommunityStaff, gridWorker, streetAdmin } = DEMO_ACCOUNTS;

const HEADER = [
  '编号',
  '工单编号',
  '标题',
  '问题描述',
  '分类',
  '紧急程度',
  '来源渠道',
  '状态',
  '区域',
  '反映人',
  '代办人',
  '承办人',
  '是否公开',
  '附议数',
  '评分',
  '响应时限',
  '解决时限',
  '是否超期',
  '反映时间',
  '响应时间',
  '办好时间',
  '办结时间',
  '处理结果',
];

beforeAll(async () => {
  server = await createTestServer();
  ids = await server.areaIds();
});
afterAll(() => server?.close());

async function raise(as: string, input: Record<string, unknown>): Promise<string> {
  const result = await server.gql(
    'mutation($input: RaiseNeedInput!) { raiseNeed(input: $input) { id } }',
    {
      input: { description: '', areaId: ids['1号楼'], ...input },
    },
    { as },
  );
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data.raiseNeed.id;
}

async function act(as: string, mutation: 'acceptNeed' | 'rejectNeed', id: string, extra = '') {
  const result = await server.gql(`mutation($id: ID!) { ${mutation}(id: $id${extra}) { id } }`, { id }, { as });
  if (result.errors) throw new Error(JSON.stringify(result.errors));
}

function download(as: string | null, url: string, extraHeaders: Record<string, string> = {}) {
  return (async () => {
    const headers = as ? { authorization: `Bearer ${await server.tokenFor(as)}` } : {};
    return server.app.http.inject({ method: 'GET', url, headers: { ...headers, ...extraHeaders } });
  })();
}

function parseCsv(text: string): string[][] {
  return parse(text, { relaxQuotes: false }) as string[][];
}

/** What the database says the filter should give, newest first. */
async function expectedIds(communityId: string, statuses: string[], categories: string[]): Promise<string[]> {
  const rows = await server.sql<{ id: number }>(
    'select id from need where community_id = ? and status in (?) and category in (?) order by created_at desc, id desc',
    [Number(communityId), statuses, categories],
  );
  return rows.map((row) => String(row.id));
}

describe('exporting the needs list', () => {
  let lamp: string;
  let bins: string;
  let quoted: string;
  let dog: string;

  beforeAll(async () => {
    lamp = await raise(resident, { title: '楼道灯又坏了', category: 'REPAIR', urgency: 'HIGH' });
    bins = await raise(resident, { title: '垃圾分类点太脏', category: 'ENVIRONMENT' });
    // Commas, quotes, a line break and a leading "=" must survive as plain text.
    quoted = await raise(resident, {
      title: '=HYPERLINK("http://x")',
      description: '第一行, 有逗号\n第二行 "引号"',
      category: 'REPAIR',
    });
    dog = await raise(resident, { title: '小区里流浪狗多', category: 'SAFETY' });
    await act(staff, 'acceptNeed', lamp);
    await act(staff, 'rejectNeed', bins, ', reason: "不属于社区职责"');
  });

  it('gives staff a CSV with a BOM, Chinese headers and labels, and only the rows of the filter', async () => {
    const url = `/exports/needs.csv?areaId=${ids['幸福里社区']}&statuses=SUBMITTED&statuses=ACCEPTED,REJECTED&categories=REPAIR,ENVIRONMENT`;
    const response = await download(staff, url);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['cache-control']).toBe('no-store');
    const day = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10).replaceAll('-', '');
    expect(response.headers['content-disposition']).toBe(
      `attachment; filename="needs-${day}.csv"; filename*=UTF-8''${encodeURIComponent(`诉求清单-${day}.csv`)}`,
    );
    const bytes = response.rawPayload;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);

    const [header, ...rows] = parseCsv(bytes.subarray(3).toString('utf8'));
    expect(header).toEqual(HEADER);
    const wanted = await expectedIds(
      ids['幸福里社区']!,
      ['SUBMITTED', 'ACCEPTED', 'REJECTED'],
      ['REPAIR', 'ENVIRONMENT'],
    );
    expect(wanted).toEqual(expect.arrayContaining([lamp, bins, quoted]));
    expect(wanted).not.toContain(dog);
    expect(rows.map((row) => row[0])).toEqual(wanted);

    const byId = new Map(rows.map((row) => [row[0], Object.fromEntries(HEADER.map((h, i) => [h, row[i]]))]));
    expect(byId.get(lamp)).toMatchObject({
      标题: '楼道灯又坏了',
      分类: '维修设施',
      紧急程度: '较急',
      来源渠道: '手机上提交',
      状态: '已受理',
      区域: '幸福街道 / 幸福里社区 / 幸福里第一网格 / 1号楼',
      反映人: '赵桂兰',
      代办人: '',
      是否公开: '是',
      附议数: '0',
      是否超期: '否',
    });
    // The same 工单编号 as the app shows.
    const shown = await server.gql('query($id: ID!) { need(id: $id) { ticketNumber } }', { id: lamp }, { as: staff });
    expect(byId.get(lamp)!['工单编号']).toBe(shown.data.need.ticketNumber);
    expect(byId.get(lamp)!['反映时间']).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(byId.get(lamp)!['响应时间']).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(byId.get(bins)).toMatchObject({ 分类: '环境卫生', 状态: '未受理' });
    expect(byId.get(quoted)).toMatchObject({
      标题: `'=HYPERLINK("http://x")`,
      问题描述: '第一行, 有逗号\n第二行 "引号"',
    });
  });

  it('reads every other filter from the query, and names what is wrong', async () => {
    const base = `/exports/needs.csv?areaId=${ids['幸福里社区']}`;
    const rowsOf = async (query: string) =>
      parseCsv((await download(staff, base + query)).rawPayload.subarray(3).toString('utf8')).slice(1);
    expect((await rowsOf('&text=流浪狗')).map((row) => row[0])).toEqual([dog]);
    expect((await rowsOf('&urgencies=HIGH&channels=APP&overdue=false')).map((row) => row[0])).toContain(lamp);
    const future = new Date(Date.now() + 3600_000).toISOString();
    expect(await rowsOf(`&createdFrom=${encodeURIComponent(future)}`)).toEqual([]);
    // The to-do tiles' filters, and a ticket number as text, as the list reads them.
    await server.sql(`update need set due_at = now() + interval '1 hour' where id = ?`, [Number(dog)]);
    const dueSoon = (await rowsOf('&worksOn=true&dueSoon=true')).map((row) => row[0]);
    expect(dueSoon).toContain(dog);
    expect(dueSoon).not.toContain(lamp);
    const [dogRow] = await rowsOf('&text=流浪狗');
    expect((await rowsOf(`&text=${dogRow![1]}`)).map((row) => row[0])).toEqual([dog]);
    const oldest = await rowsOf('&sort=OLDEST&categories=SAFETY');
    expect(oldest.at(-1)![0]).toBe(dog);

    const bad = await download(staff, `/exports/needs.csv?statuses=DONE&createdFrom=yesterday&sort=RANDOM`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toEqual({
      code: 'BAD_USER_INPUT',
      message: '输入有误，请检查标出的内容。',
      fields: {
        areaId: '此项必填。',
        statuses: '此项内容不正确。',
        createdFrom: '此项内容不正确。',
        sort: '此项内容不正确。',
      },
    });
  });

  it('writes headers and labels in the language of the request', async () => {
    const url = `/exports/needs.csv?areaId=${ids['幸福里社区']}&statuses=ACCEPTED&categories=REPAIR`;
    const sheetOf = async (language: string) => {
      const response = await download(staff, url, { 'accept-language': language });
      expect(response.statusCode).toBe(200);
      const [header, ...rows] = parseCsv(response.rawPayload.subarray(3).toString('utf8'));
      const row = rows.find((r) => r[0] === lamp)!;
      return {
        disposition: response.headers['content-disposition'],
        row: Object.fromEntries(header!.map((h, i) => [h, row[i]])),
      };
    };
    const english = await sheetOf('en-GB,en;q=0.9');
    expect(english.row).toMatchObject({
      'No.': lamp,
      'Ticket number': expect.stringMatching(/^\d{8}-\d{6}$/),
      Title: '楼道灯又坏了',
      Category: 'Repairs',
      Urgency: 'Urgent',
      Channel: 'In the app',
      Status: 'Accepted',
      Public: 'yes',
      Overdue: 'no',
    });
    expect(english.disposition).toMatch(/filename\*=UTF-8''needs-\d{8}\.csv$/);
    const chinese = await sheetOf('zh-CN,zh;q=0.9,en;q=0.5');
    expect(chinese.row).toMatchObject({
      编号: lamp,
      分类: '维修设施',
      紧急程度: '较急',
      来源渠道: '手机上提交',
      状态: '已受理',
      是否公开: '是',
      是否超期: '否',
    });
    expect(Object.keys(chinese.row)).toEqual(HEADER);
  });

  it('writes the same rows as XLSX, read back with exceljs', async () => {
    const url = `/exports/needs.xlsx?areaId=${ids['幸福里社区']}&statuses=SUBMITTED,ACCEPTED,REJECTED&categories=REPAIR&categories=ENVIRONMENT`;
    const response = await download(staff, url);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(response.headers['content-disposition']).toMatch(
      /filename\*=UTF-8''%E8%AF%89%E6%B1%82%E6%B8%85%E5%8D%95-\d{8}\.xlsx$/,
    );

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('诉求清单')!;
    const values = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1);
    expect(values(1)).toEqual(HEADER);
    const wanted = await expectedIds(
      ids['幸福里社区']!,
      ['SUBMITTED', 'ACCEPTED', 'REJECTED'],
      ['REPAIR', 'ENVIRONMENT'],
    );
    expect(sheet.rowCount).toBe(wanted.length + 1);
    const rows = Array.from({ length: wanted.length }, (_, i) => values(i + 2));
    expect(rows.map((row) => String(row[0]))).toEqual(wanted);
    const lampRow = rows.find((row) => String(row[0]) === lamp)!;
    expect(lampRow[1]).toMatch(new RegExp(`^\\d{8}-${lamp.padStart(6, '0')}$`));
    expect(lampRow.slice(2, 9)).toEqual([
      '楼道灯又坏了',
      undefined,
      '维修设施',
      '较急',
      '手机上提交',
      '已受理',
      '幸福街道 / 幸福里社区 / 幸福里第一网格 / 1号楼',
    ]);
    // Real dates, in Beijing wall-clock time.
    const created = lampRow[HEADER.indexOf('反映时间')] as Date;
    expect(created).toBeInstanceOf(Date);
    const [row] = await server.sql<{ created_at: string | Date }>('select created_at from need where id = ?', [
      Number(lamp),
    ]);
    expect(Math.abs(created.getTime() - (new Date(row!.created_at).getTime() + 8 * 3600_000))).toBeLessThan(1000);
    // A formula-looking title is a string cell, not a formula.
    const quotedRow = rows.find((r) => String(r[0]) === quoted)!;
    expect(quotedRow[2]).toBe('=HYPERLINK("http://x")');
  });

  it('is for staff and grid workers over the area only, not for administrators', async () => {
    const url = (format: string) => `/exports/needs.${format}?areaId=${ids['幸福里社区']}`;
    const anonymous = await download(null, url('csv'));
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json()).toEqual({ code: 'UNAUTHENTICATED', message: '请先登录。' });
    for (const [as, format] of [
      [resident, 'csv'],
      [resident, 'xlsx'],
      [otherCommunityStaff, 'csv'],
      [otherCommunityStaff, 'xlsx'],
    ] as const) {
      const response = await download(as, url(format));
      expect(response.statusCode, `${as} ${format}`).toBe(403);
      expect(response.json()).toEqual({ code: 'FORBIDDEN', message: '您没有权限进行此操作。' });
    }
    // A grid worker for their grid, yes; for the whole community, no.
    expect((await download(gridWorker, `/exports/needs.csv?areaId=${ids['幸福里第一网格']}`)).statusCode).toBe(200);
    expect((await download(gridWorker, url('csv'))).statusCode).toBe(403);
    // Exports hold private needs: for those who work on them, not for administrators.
    expect((await download(streetAdmin, url('xlsx'))).statusCode).toBe(403);
    expect((await download(staff, '/exports/needs.csv?areaId=999999')).statusCode).toBe(404);
  });
});

describe('a list longer than one batch', () => {
  it('streams every row exactly once, in order, however the created times tie', async () => {
    const [{ id: template }] = (await server.sql<{ id: number }>(
      "select id from need where title = '小区里流浪狗多'",
    )) as [{ id: number }];
    // 2,345 copies sharing one created time: the keyset must still step on the id.
    await server.sql(
      `insert into need (title, description, category, urgency, channel, status, is_public, area_id, area_path, street_id,
         community_id, grid_id, responsible_area_id, responsible_path, raised_by_id, respond_by, resolve_by, due_at, created_at, updated_at)
       select '批量' || g, description, 'CULTURE', urgency, channel, status, is_public, area_id, area_path, street_id,
         community_id, grid_id, responsible_area_id, responsible_path, raised_by_id, respond_by, resolve_by, due_at,
         timestamptz '2026-01-01 08:00:00+08', now()
       from need, generate_series(1, 2345) g where need.id = ?`,
      [template],
    );
    const wanted = (
      await server.sql<{ id: number }>(
        `select id from need where community_id = ? and category = 'CULTURE' order by created_at desc, id desc`,
        [Number(ids['幸福里社区'])],
      )
    ).map((row) => String(row.id));
    expect(wanted.length).toBeGreaterThan(2345);

    const csv = await download(staff, `/exports/needs.csv?areaId=${ids['幸福里社区']}&categories=CULTURE`);
    const csvIds = parseCsv(csv.rawPayload.subarray(3).toString('utf8'))
      .slice(1)
      .map((row) => row[0]);
    expect(csvIds).toEqual(wanted);

    const xlsx = await download(
      staff,
      `/exports/needs.xlsx?areaId=${ids['幸福里社区']}&categories=CULTURE&sort=OLDEST`,
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('诉求清单')!;
    const xlsxIds = Array.from({ length: sheet.rowCount - 1 }, (_, i) => String(sheet.getRow(i + 2).getCell(1).value));
    const oldestFirst = (
      await server.sql<{ id: number }>(
        `select id from need where community_id = ? and category = 'CULTURE' order by created_at asc, id asc`,
        [Number(ids['幸福里社区'])],
      )
    ).map((row) => String(row.id));
    expect(xlsxIds).toEqual(oldestFirst);
  });
});
