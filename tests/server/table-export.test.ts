import ExcelJS from 'exceljs';
import type { EntityManager } from '@mikro-orm/postgresql';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { User } from '../../server/src/people/user.entity.js';
import { Viewer } from '../../server/src/platform/auth/viewer.js';
import { loadConfig } from '../../server/src/platform/config.js';
import { answerInVocabulary } from '../../server/src/platform/http-vocabulary.js';
import {
  contentDisposition,
  csvCell,
  neutraliseFormula,
  registerTableExport,
  xlsxCell,
  type Cell,
  type TableExport,
} from '../../server/src/platform/table-export.js';
import { createTestServer, DEMO_ACCOUNTS, type TestServer } from '../helpers/server.js';

describe('table cells', () => {
  it('keeps text a spreadsheet would run as a formula as text, and nothing else', () => {
    for (const formula of ['=HYPERLINK("http://x")', '+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1']) {
      expect(neutraliseFormula(formula)).toBe(`'${formula}`);
    }
    for (const text of ['楼道灯坏了', '1-2', 'a=b', '', ' =1']) expect(neutraliseFormula(text)).toBe(text);
  });

  it('writes CSV dates as the Beijing minute, numbers as they are, nothing as empty', () => {
    expect(csvCell(new Date('2026-03-01T16:30:59Z'))).toBe('2026-03-02 00:30');
    expect(csvCell(12.5)).toBe(12.5);
    expect(csvCell(null)).toBe('');
    expect(csvCell('-1')).toBe("'-1");
  });

  it('writes XLSX dates as the Beijing wall-clock time, empty text as an empty cell, formulas as plain text', () => {
    expect(xlsxCell(new Date('2026-03-01T16:30:00Z'))).toEqual(new Date('2026-03-02T00:30:00Z'));
    expect(xlsxCell('')).toBeNull();
    expect(xlsxCell('=1+1')).toBe('=1+1');
  });
});

/** A promise and the function that settles it. */
function deferred() {
  let resolve = () => {};
  const promise = new Promise<void>((settle) => (resolve = settle));
  return { promise, resolve };
}

describe('a table export over HTTP', () => {
  let server: TestServer;
  let app: FastifyInstance;
  /** The `held` table's export waits after its first row until `opened`, having told `reached`. */
  const reached = deferred();
  const opened = deferred();

  const columns = [
    { header: 'needExport.title', width: 30 },
    { header: 'needExport.createdAt', width: 17, date: true },
    { header: 'needExport.supporterCount', width: 8 },
  ] as const;

  function table(path: string, rows: TableExport<null>['rows']): TableExport<null> {
    return { path, asciiName: 'needs', name: 'needExport.name', columns, authorize: async () => null, rows };
  }

  /** Rows that say how they were read (isolation, read-only, statement timeout), then one with a formula. */
  async function* snapshotRows(em: EntityManager): AsyncGenerator<Cell[]> {
    const [setting] = await em.execute<{ isolation: string; readonly: string; timeout: string }[]>(
      `select current_setting('transaction_isolation') isolation, current_setting('transaction_read_only') readonly,
              current_setting('statement_timeout') timeout`,
    );
    yield [`${setting!.isolation}/${setting!.readonly}/${setting!.timeout}`, new Date('2026-03-01T16:30:00Z'), 1];
    yield ['=HYPERLINK("http://x")', null, 2];
  }

  async function openTransactions(): Promise<number> {
    const [row] = await server.sql<{ n: string }>(
      `select count(*) n from pg_stat_activity
       where datname = current_database() and xact_start is not null and pid <> pg_backend_pid()`,
    );
    return Number(row!.n);
  }

  beforeAll(async () => {
    server = await createTestServer();
    app = Fastify();
    answerInVocabulary(app);
    const viewer = new Viewer(
      await server.app.orm.em.fork().findOneOrFail(User, { phone: DEMO_ACCOUNTS.communityStaff }),
      [],
    );
    // One export at a time on the instance, whichever table.
    const config = loadConfig({ EXPORT_MAX_CONCURRENT: '1' });
    const deps = { config, orm: server.app.orm, viewerOf: async () => viewer };
    registerTableExport(app, deps, table('/exports/snapshot', snapshotRows));
    registerTableExport(
      app,
      deps,
      table('/exports/failing', async function* (em) {
        // The first batch's statement fails (division by zero).
        for (const row of await em.execute<{ n: number }[]>('select 1 / 0 as n')) yield [null, null, row.n];
      }),
    );
    registerTableExport(
      app,
      deps,
      table('/exports/held', async function* () {
        yield ['first', null, 1];
        reached.resolve();
        await opened.promise;
        yield ['last', null, 2];
      }),
    );
    await app.ready();
    // The jobs' first runs at start are done: every transaction open from here on is an export's.
    for (let waited = 0; (await openTransactions()) > 0 && waited < 10_000; waited += 100) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });
  afterAll(async () => {
    await app?.close();
    await server?.close();
  });

  it('streams CSV with a BOM, translated headers, Beijing minutes and neutralised text, from a read-only snapshot', async () => {
    const response = await app.inject({ method: 'GET', url: '/exports/snapshot.csv' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['x-accel-buffering']).toBe('no');
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="needs-\d{8}\.csv"/);
    expect([...response.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(response.rawPayload.subarray(3).toString('utf8')).toBe(
      '标题,反映时间,附议数\r\nrepeatable read/on/30s,2026-03-02 00:30,1\r\n"\'=HYPERLINK(""http://x"")",,2\r\n',
    );
    expect(await openTransactions()).toBe(0);
  });

  it('streams the same rows as XLSX: a named sheet, date cells, text as it was typed', async () => {
    const response = await app.inject({ method: 'GET', url: '/exports/snapshot.xlsx' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('诉求清单')!;
    expect(sheet.getRow(1).values).toEqual([undefined, '标题', '反映时间', '附议数']);
    expect(sheet.getRow(2).getCell(2).value).toEqual(new Date('2026-03-02T00:30:00Z'));
    expect(sheet.getRow(3).getCell(1).value).toBe('=HYPERLINK("http://x")');
  });

  it('answers a failure before the first row as a 500 in the vocabulary, and frees the slot and the connection', async () => {
    for (const format of ['csv', 'xlsx']) {
      const response = await app.inject({ method: 'GET', url: `/exports/failing.${format}` });
      expect(response.statusCode).toBe(500);
      expect(response.json()).toMatchObject({ code: 'INTERNAL_SERVER_ERROR' });
      expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(response.headers['content-disposition']).toBeUndefined();
    }
    expect(await openTransactions()).toBe(0);
    expect((await app.inject({ method: 'GET', url: '/exports/snapshot.csv' })).statusCode).toBe(200);
  });

  it('names the file in ASCII and, in RFC 5987 form, in the requester’s language, by the Beijing day', () => {
    const table = { asciiName: 'needs', name: 'needExport.name' } as const;
    expect(contentDisposition(table, 'xlsx', 'zh-CN', new Date('2026-03-01T16:30:00Z'))).toBe(
      `attachment; filename="needs-20260302.xlsx"; filename*=UTF-8''${encodeURIComponent('诉求清单-20260302.xlsx')}`,
    );
  });

  it('counts every table against one limit for the instance', async () => {
    const first = app.inject({ method: 'GET', url: '/exports/held.csv' });
    await reached.promise;
    const refused = await app.inject({ method: 'GET', url: '/exports/snapshot.csv' });
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['retry-after']).toBe('10');
    expect(refused.json()).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 10 });
    opened.resolve();
    expect((await first).body).toBe('\uFEFF标题,反映时间,附议数\r\nfirst,,1\r\nlast,,2\r\n');
    expect((await app.inject({ method: 'GET', url: '/exports/snapshot.csv' })).statusCode).toBe(200);
  });
});
