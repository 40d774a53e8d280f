import { once } from 'node:events';
import { PassThrough, pipeline, Readable, type Writable } from 'node:stream';
import { IsolationLevel, type EntityManager, type MikroORM } from '@mikro-orm/postgresql';
import { stringify } from 'csv-stringify';
import { excelJS } from './exceljs.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Viewer } from './auth/viewer.js';
import { CHINA_OFFSET_MS, chinaDay, chinaMinute } from './china-time.js';
import { ConcurrencyLimit } from './concurrency-limit.js';
import type { ExportLimits } from './config.js';
import { tooBusy } from './errors.js';
import { negotiateLocale, type Locale } from './i18n/locale.js';
import { translate, type MessageKey } from './i18n/messages.js';
import type { Query } from './query-params.js';
import { requireViewer, type RouteDeps } from './rest.js';
import { destroyWhenStalled } from './write-stall.js';

/** Rows read per statement: memory stays flat however long the table is. */
export const TABLE_EXPORT_BATCH_SIZE = 1000;
/** One batch is read in milliseconds; a statement running this long is a fault, not a big street. */
const STATEMENT_TIMEOUT_MS = 30_000;
/** What a refused export is told: slots free as soon as earlier downloads end. */
const RETRY_AFTER_SECONDS = 10;

export type TableFormat = 'csv' | 'xlsx';
export type Cell = string | number | Date | null;

export interface TableColumn {
  header: MessageKey;
  width: number;
  /** A date cell in the spreadsheet; its values are Dates. */
  date?: boolean;
}

/** One downloadable table, answered at `<path>.csv` and `<path>.xlsx`. */
export interface TableExport<Plan> {
  path: string;
  /** The file's name without day and extension, in ASCII (the fallback, and the name in the logs): 'needs'. */
  asciiName: string;
  /** The file's and the sheet's name in the requester's language. */
  name: MessageKey;
  columns: readonly TableColumn[];
  /**
   * Reads the query and refuses (in the error vocabulary) whoever may not export it; what it
   * records on `em`, an audit entry, is written before the first row is read.
   */
  authorize(em: EntityManager, viewer: Viewer, query: Query, format: TableFormat): Promise<Plan>;
  /** The rows, cells in `columns`' order, read with `em` inside the export's snapshot transaction. */
  rows(em: EntityManager, plan: Plan, locale: Locale): AsyncIterable<Cell[]>;
}

const CONTENT_TYPES: Record<TableFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** Each export holds a pool connection while it streams: one limit for all of an instance's exports. */
const slotsByServer = new WeakMap<FastifyInstance['server'], ConcurrencyLimit<number>>();

function slotsOf(app: FastifyInstance, limits: ExportLimits): ConcurrencyLimit<number> {
  let slots = slotsByServer.get(app.server);
  if (!slots) {
    slots = new ConcurrencyLimit<number>(limits.maxConcurrent, limits.maxPerPerson);
    slotsByServer.set(app.server, slots);
  }
  return slots;
}

/** GET `<path>.csv` and `<path>.xlsx`; errors answer in the vocabulary through the app-wide handler. */
export function registerTableExport<Plan>(app: FastifyInstance, deps: RouteDeps, table: TableExport<Plan>): void {
  const slots = slotsOf(app, deps.config.exports);
  for (const format of ['csv', 'xlsx'] as const) {
    app.get<{ Querystring: Query }>(`${table.path}.${format}`, (request, reply) =>
      sendTable(deps, slots, table, request, reply, format),
    );
  }
}

async function sendTable<Plan>(
  deps: RouteDeps,
  slots: ConcurrencyLimit<number>,
  table: TableExport<Plan>,
  request: FastifyRequest<{ Querystring: Query }>,
  reply: FastifyReply,
  format: TableFormat,
) {
  const em = deps.orm.em.fork();
  const viewer = await requireViewer(deps, em, request);
  const plan = await table.authorize(em, viewer, request.query, format);
  const release = slots.tryAcquire(viewer.id);
  if (!release) throw tooBusy(RETRY_AFTER_SECONDS, 'tooManyExports');
  const locale = negotiateLocale(request.headers['accept-language']);
  const rows = snapshotRows(deps.orm, deps.config.exports, (snapshot) => table.rows(snapshot, plan, locale));
  // Free again once the response is over (sent, failed or cut) and the transaction has ended, or never began.
  reply.raw.on(
    'close',
    () =>
      void rows
        .return(undefined)
        .catch(() => undefined)
        .finally(release),
  );
  await em.flush();
  request.log.info({ userId: viewer.id, format }, `${table.asciiName} export`);
  destroyWhenStalled(reply.raw, deps.config.exports.stallTimeoutMs, () =>
    request.log.warn({ userId: viewer.id }, `${table.asciiName} export cut off: the client stopped reading`),
  );
  const onError = (error: Error) => request.log.error({ err: error }, `${table.asciiName} export failed midway`);
  // Read first: a stream failing before any byte leaves text/csv on reply.raw; the JSON error can't be sent as that.
  const first = await rows.next();
  const body =
    format === 'csv'
      ? csvStream(table.columns, resumed(first, rows), locale, onError)
      : xlsxStream(table.columns, translate(locale, table.name), resumed(first, rows), locale, onError);
  return (
    reply
      .header('content-disposition', contentDisposition(table, format, locale))
      .header('cache-control', 'no-store')
      // Passed on as it is written, not gathered first by nginx in front.
      .header('x-accel-buffering', 'no')
      .type(CONTENT_TYPES[format])
      .send(body)
  );
}

/** `rest` with its first result, already taken, back in front. */
async function* resumed<T>(first: IteratorResult<T>, rest: AsyncGenerator<T>): AsyncGenerator<T> {
  if (first.done) return;
  yield first.value;
  yield* rest;
}

/** `read`'s rows from one snapshot: a row changing meanwhile is neither skipped nor listed twice. */
async function* snapshotRows(
  orm: MikroORM,
  limits: ExportLimits,
  read: (em: EntityManager) => AsyncIterable<Cell[]>,
): AsyncGenerator<Cell[]> {
  const em = orm.em.fork({ clear: true });
  await em.begin({ isolationLevel: IsolationLevel.REPEATABLE_READ, readOnly: true });
  try {
    // Should the stalled-reader cut ever fail, PostgreSQL itself ends the transaction. Idle time
    // between batches is the client reading one batch, so this allows a slow reader much longer.
    await em.execute(
      `select set_config('statement_timeout', ?, true), set_config('idle_in_transaction_session_timeout', ?, true)`,
      [String(STATEMENT_TIMEOUT_MS), String(Math.max(60_000, 2 * limits.stallTimeoutMs))],
    );
    yield* read(em);
    await em.commit();
  } finally {
    if (em.isInTransaction()) await em.rollback();
  }
}

/** `attachment` with an ASCII fallback and the name in the requester's language in RFC 5987 form. */
export function contentDisposition(
  table: Pick<TableExport<unknown>, 'asciiName' | 'name'>,
  format: TableFormat,
  locale: Locale,
  now = new Date(),
): string {
  const day = chinaDay(now).replaceAll('-', '');
  const name = `${translate(locale, table.name)}-${day}.${format}`;
  return `attachment; filename="${table.asciiName}-${day}.${format}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** Text a spreadsheet would run as a formula (first `=`, `+`, `-`, `@`, a tab or a return) is kept as text. */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** A CSV cell: dates as Beijing minutes, text never a formula. */
export function csvCell(cell: Cell): string | number {
  if (cell === null) return '';
  if (cell instanceof Date) return chinaMinute(cell);
  if (typeof cell === 'string') return neutraliseFormula(cell);
  return cell;
}

/** An XLSX cell: a spreadsheet date has no zone, so a date is written as the Beijing wall-clock time. */
export function xlsxCell(cell: Cell): string | number | Date | null {
  if (cell instanceof Date) return new Date(cell.getTime() + CHINA_OFFSET_MS);
  return cell === '' ? null : cell;
}

function csvStream(
  columns: readonly TableColumn[],
  rows: AsyncIterable<Cell[]>,
  locale: Locale,
  onError: (error: Error) => void,
): Readable {
  const cells = async function* () {
    for await (const row of rows) yield row.map(csvCell);
  };
  // UTF-8 with a byte-order mark: Excel then reads the Chinese correctly.
  const csv = stringify({
    bom: true,
    header: true,
    columns: columns.map((column) => translate(locale, column.header)),
    record_delimiter: 'windows',
  });
  return pipeline(Readable.from(cells()), csv, (error) => {
    if (error) onError(error);
  });
}

function xlsxStream(
  columns: readonly TableColumn[],
  sheetName: string,
  rows: AsyncGenerator<Cell[]>,
  locale: Locale,
  onError: (error: Error) => void,
): Readable {
  const out = new PassThrough();
  const workbook = new (excelJS().stream.xlsx.WorkbookWriter)({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((column, index) => ({
    header: translate(locale, column.header),
    key: String(index),
    width: column.width,
    ...(column.date ? { style: { numFmt: 'yyyy-mm-dd hh:mm' } } : {}),
  }));
  sheet.getRow(1).font = { bold: true };
  void (async () => {
    try {
      for await (const row of rows) {
        sheet.addRow(row.map(xlsxCell)).commit();
        await drained(out);
      }
      sheet.commit();
      await workbook.commit();
    } catch (error) {
      // Ends the read transaction at once, whatever went wrong.
      await rows.return(undefined).catch(() => undefined);
      onError(error as Error);
      out.destroy(error as Error);
    }
  })();
  return out;
}

/** Waits while the client reads what is already written; gives up when it has gone away. */
async function drained(out: Writable): Promise<void> {
  if (!out.writableNeedDrain) return;
  await Promise.race([once(out, 'drain'), once(out, 'close')]);
  if (out.destroyed) throw new Error('export stream closed before it was finished');
}
