import { once } from 'node:events';
import { PassThrough, pipeline, Readable, type Writable } from 'node:stream';
import { IsolationLevel, type EntityManager, type FilterQuery, type MikroORM } from '@mikro-orm/postgresql';
import { stringify } from 'csv-stringify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Area } from '../areas/area.entity.js';
import { getArea } from '../areas/areas.service.js';
import type { ExportLimits } from '../platform/config.js';
import { ConcurrencyLimit } from '../platform/concurrency-limit.js';
import { badInput, tooBusy, type FieldErrors } from '../platform/errors.js';
import { excelJS } from '../platform/exceljs.js';
import { booleanOf, dateOf, enumList, one, type Query } from '../platform/query-params.js';
import { negotiateLocale, type Locale } from '../platform/i18n/locale.js';
import { translate, type MessageKey } from '../platform/i18n/messages.js';
import { requireViewer, type RouteDeps } from '../platform/rest.js';
import { idsOnPath, requireRule } from '../platform/scope.js';
import { destroyWhenStalled } from '../platform/write-stall.js';
import { Need } from './need.entity.js';
import { NeedCategory, NeedChannel, NeedSort, NeedStatus, Urgency } from './need.enums.js';
import type { NeedFilter } from './needs.inputs.js';
import { mayExportNeeds } from './needs.access.js';
import { needFilterQuery, needOrder } from './needs.queries.js';
import { ticketNumber } from './needs.rules.js';
import { CHINA_OFFSET_MS, chinaDay, chinaMinute } from '../platform/china-time.js';

/** Rows read per statement: memory stays flat however long the list is. */
export const EXPORT_BATCH_SIZE = 1000;
const TEXT_FILTER_MAX = 50;
/** One batch is read in milliseconds; a statement running this long is a fault, not a big street. */
const EXPORT_STATEMENT_TIMEOUT_MS = 30_000;
/** What a refused export is told: slots free as soon as earlier downloads end. */
const EXPORT_RETRY_AFTER_SECONDS = 10;

type Cell = string | number | Date | null;

interface Column {
  header: MessageKey;
  width: number;
  /** Text a resident typed: neutralised in CSV so a spreadsheet never runs it as a formula. */
  userText?: boolean;
  date?: boolean;
  value(need: Need, context: RowContext): Cell;
}

interface RowContext {
  areaNames: Map<number, string>;
  now: Date;
  locale: Locale;
}

const nameOf = (user: { displayName: string } | null | undefined) => user?.displayName ?? null;
const yesNo = (yes: boolean, locale: Locale) => translate(locale, yes ? 'needExport.yes' : 'needExport.no');

/** The columns, in order: headers and enum values in the requester's language, as the app shows them. */
export const EXPORT_COLUMNS: readonly Column[] = [
  { header: 'needExport.id', width: 8, value: (n) => n.id },
  { header: 'needExport.ticketNumber', width: 16, value: (n) => ticketNumber(n.createdAt, n.id) },
  { header: 'needExport.title', width: 30, userText: true, value: (n) => n.title },
  { header: 'needExport.description', width: 50, userText: true, value: (n) => n.description },
  {
    header: 'needExport.category',
    width: 10,
    value: (n, { locale }) => translate(locale, `needCategory.${n.category}`),
  },
  { header: 'needExport.urgency', width: 8, value: (n, { locale }) => translate(locale, `needUrgency.${n.urgency}`) },
  { header: 'needExport.channel', width: 12, value: (n, { locale }) => translate(locale, `needChannel.${n.channel}`) },
  { header: 'needExport.status', width: 14, value: (n, { locale }) => translate(locale, `needStatus.${n.status}`) },
  {
    header: 'needExport.area',
    width: 36,
    value: (n, { areaNames }) =>
      idsOnPath(n.areaPath)
        .map((id) => areaNames.get(id) ?? String(id))
        .join(' / '),
  },
  // 反映人 is the resident; when a worker raised it for them (代办), the worker is the 代办人.
  {
    header: 'needExport.resident',
    width: 12,
    userText: true,
    value: (n) => nameOf((n.onBehalfOf ?? n.raisedBy).getEntity()),
  },
  {
    header: 'needExport.onBehalfOf',
    width: 12,
    userText: true,
    value: (n) => (n.onBehalfOf ? nameOf(n.raisedBy.getEntity()) : null),
  },
  { header: 'needExport.assignee', width: 12, userText: true, value: (n) => nameOf(n.assignee?.getEntity()) },
  { header: 'needExport.isPublic', width: 8, value: (n, { locale }) => yesNo(n.isPublic, locale) },
  { header: 'needExport.supporterCount', width: 8, value: (n) => n.supporterCount },
  { header: 'needExport.rating', width: 6, value: (n) => n.rating ?? null },
  { header: 'needExport.respondBy', width: 17, date: true, value: (n) => n.respondBy },
  { header: 'needExport.resolveBy', width: 17, date: true, value: (n) => n.resolveBy },
  { header: 'needExport.overdue', width: 8, value: (n, { now, locale }) => yesNo(n.dueAt < now, locale) },
  { header: 'needExport.createdAt', width: 17, date: true, value: (n) => n.createdAt },
  { header: 'needExport.respondedAt', width: 17, date: true, value: (n) => n.respondedAt ?? null },
  { header: 'needExport.resolvedAt', width: 17, date: true, value: (n) => n.resolvedAt ?? null },
  { header: 'needExport.closedAt', width: 17, date: true, value: (n) => n.closedAt ?? null },
  { header: 'needExport.resolution', width: 40, userText: true, value: (n) => n.resolution ?? null },
];

/** A spreadsheet cell's date has no zone: it shows the Beijing wall-clock time. */
const asChinaWallClock = (date: Date) => new Date(date.getTime() + CHINA_OFFSET_MS);

/** Rows in the filter's order, read in keyset batches from one snapshot of the database. */
async function* exportRows(
  orm: MikroORM,
  where: FilterQuery<Need>,
  sort: NeedSort | undefined,
  locale: Locale,
  limits: ExportLimits,
): AsyncGenerator<Cell[]> {
  const em = orm.em.fork({ clear: true });
  // One snapshot: a need changing meanwhile is neither skipped nor listed twice.
  await em.begin({ isolationLevel: IsolationLevel.REPEATABLE_READ, readOnly: true });
  try {
    // Should the stalled-reader cut ever fail, PostgreSQL itself ends the transaction. Idle time
    // between batches is the client reading one batch, so this allows a slow reader much longer.
    await em.execute(
      `select set_config('statement_timeout', ?, true), set_config('idle_in_transaction_session_timeout', ?, true)`,
      [String(EXPORT_STATEMENT_TIMEOUT_MS), String(Math.max(60_000, 2 * limits.stallTimeoutMs))],
    );
    const areaNames = new Map<number, string>();
    const now = new Date();
    let after: string | undefined;
    for (;;) {
      const page = await em.findByCursor(Need, {
        // MikroORM may rewrite the condition it is given; each batch gets its own copy.
        where: structuredClone(where),
        orderBy: needOrder(sort),
        first: EXPORT_BATCH_SIZE,
        after,
        includeCount: false,
        populate: ['raisedBy', 'onBehalfOf', 'assignee'],
      });
      await loadAreaNames(em, page.items, areaNames);
      const rows = page.items.map((need) =>
        EXPORT_COLUMNS.map((column) => column.value(need, { areaNames, now, locale })),
      );
      // Nothing of this batch stays in the identity map.
      em.clear();
      yield* rows;
      if (!page.hasNextPage || !page.endCursor) break;
      after = page.endCursor;
    }
    await em.commit();
  } finally {
    if (em.isInTransaction()) await em.rollback();
  }
}

/** Names of the areas on the rows' paths not met in an earlier batch (a street has a few hundred at most). */
async function loadAreaNames(em: EntityManager, needs: Need[], names: Map<number, string>) {
  const missing = [...new Set(needs.flatMap((need) => idsOnPath(need.areaPath)))].filter((id) => !names.has(id));
  if (missing.length === 0) return;
  const areas = await em.find(Area, { id: { $in: missing } }, { fields: ['name'] });
  for (const area of areas) names.set(area.id, area.name);
}

/** The NeedFilter of the list, from query parameters; every bad one is named in one BAD_USER_INPUT. */
export function filterFromQuery(query: Query): NeedFilter & { areaId: string } {
  const errors: FieldErrors = {};
  const areaId = one(query, 'areaId', errors);
  if (!areaId) errors.areaId = { key: 'required' };
  const text = one(query, 'text', errors);
  if (text && text.length > TEXT_FILTER_MAX) errors.text = { key: 'tooLong', params: { max: TEXT_FILTER_MAX } };
  const sort = one(query, 'sort', errors);
  if (sort !== undefined && !(Object.values(NeedSort) as string[]).includes(sort))
    errors.sort = { key: 'invalidValue' };
  const filter = {
    areaId: areaId ?? '',
    statuses: enumList(query, 'statuses', NeedStatus, errors),
    categories: enumList(query, 'categories', NeedCategory, errors),
    urgencies: enumList(query, 'urgencies', Urgency, errors),
    channels: enumList(query, 'channels', NeedChannel, errors),
    overdue: booleanOf(query, 'overdue', errors),
    mine: booleanOf(query, 'mine', errors),
    assignedToMe: booleanOf(query, 'assignedToMe', errors),
    dueSoon: booleanOf(query, 'dueSoon', errors),
    worksOn: booleanOf(query, 'worksOn', errors),
    text,
    createdFrom: dateOf(query, 'createdFrom', errors),
    createdTo: dateOf(query, 'createdTo', errors),
    sort: sort as NeedSort | undefined,
  };
  if (Object.keys(errors).length) throw badInput(errors);
  return filter;
}

/** `attachment` with an ASCII fallback and the name in the requester's language in RFC 5987 form. */
export function contentDisposition(extension: 'csv' | 'xlsx', locale: Locale, now = new Date()): string {
  const day = chinaDay(now).replaceAll('-', '');
  const name = `${translate(locale, 'needExport.name')}-${day}.${extension}`;
  return `attachment; filename="needs-${day}.${extension}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** Waits while the client reads what is already written; gives up when it has gone away. */
async function drained(out: Writable): Promise<void> {
  if (!out.writableNeedDrain) return;
  await Promise.race([once(out, 'drain'), once(out, 'close')]);
  if (out.destroyed) throw new Error('export stream closed before it was finished');
}

function csvStream(rows: AsyncGenerator<Cell[]>, locale: Locale, onError: (error: Error) => void): Readable {
  const neutralise = (value: string) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);
  const cells = async function* () {
    for await (const row of rows) {
      yield row.map((cell, index) => {
        if (cell === null) return '';
        if (cell instanceof Date) return chinaMinute(cell);
        if (typeof cell === 'string' && EXPORT_COLUMNS[index]?.userText) return neutralise(cell);
        return cell;
      });
    }
  };
  // UTF-8 with a byte-order mark: Excel then reads the Chinese correctly.
  const csv = stringify({
    bom: true,
    header: true,
    columns: EXPORT_COLUMNS.map((column) => translate(locale, column.header)),
    record_delimiter: 'windows',
  });
  return pipeline(Readable.from(cells()), csv, (error) => {
    if (error) onError(error);
  });
}

function xlsxStream(rows: AsyncGenerator<Cell[]>, locale: Locale, onError: (error: Error) => void): Readable {
  const out = new PassThrough();
  const workbook = new (excelJS().stream.xlsx.WorkbookWriter)({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet(translate(locale, 'needExport.name'), {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  sheet.columns = EXPORT_COLUMNS.map((column, index) => ({
    header: translate(locale, column.header),
    key: String(index),
    width: column.width,
    ...(column.date ? { style: { numFmt: 'yyyy-mm-dd hh:mm' } } : {}),
  }));
  sheet.getRow(1).font = { bold: true };
  void (async () => {
    try {
      for await (const row of rows) {
        // A spreadsheet date has no zone: write the Beijing wall-clock time.
        sheet
          .addRow(row.map((cell) => (cell instanceof Date ? asChinaWallClock(cell) : cell === '' ? null : cell)))
          .commit();
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

async function sendExport(
  deps: RouteDeps,
  running: ConcurrencyLimit<number>,
  request: FastifyRequest<{ Querystring: Query }>,
  reply: FastifyReply,
  format: 'csv' | 'xlsx',
) {
  const em = deps.orm.em.fork();
  const viewer = await requireViewer(deps, em, request);
  const filter = filterFromQuery(request.query);
  requireRule(viewer, mayExportNeeds, await getArea(em, filter.areaId));
  const where = await needFilterQuery(em, viewer, filter);
  // Each export holds a pool connection while it streams: a few at once, the rest refused.
  const release = running.tryAcquire(viewer.id);
  if (!release) throw tooBusy(EXPORT_RETRY_AFTER_SECONDS, 'tooManyExports');
  request.log.info({ userId: viewer.id, areaId: filter.areaId, format }, 'needs export');
  const locale = negotiateLocale(request.headers['accept-language']);
  const rows = exportRows(deps.orm, where, filter.sort, locale, deps.config.exports);
  // Free again once the response is over (sent, failed or cut) and the transaction has ended, or never began.
  reply.raw.on(
    'close',
    () =>
      void rows
        .return(undefined)
        .catch(() => undefined)
        .finally(release),
  );
  destroyWhenStalled(reply.raw, deps.config.exports.stallTimeoutMs, () =>
    request.log.warn({ userId: viewer.id }, 'needs export cut off: the client stopped reading'),
  );
  const onError = (error: Error) => request.log.error({ err: error }, 'needs export failed midway');
  return (
    reply
      .header('content-disposition', contentDisposition(format, locale))
      .header('cache-control', 'no-store')
      // Passed on as it is written, not gathered first by nginx in front.
      .header('x-accel-buffering', 'no')
      .type(
        format === 'csv'
          ? 'text/csv; charset=utf-8'
          : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      )
      .send(format === 'csv' ? csvStream(rows, locale, onError) : xlsxStream(rows, locale, onError))
  );
}

/** GET /exports/needs.csv and /exports/needs.xlsx: the inbox's filter as query parameters, for those who work on the area. */
export async function registerNeedExportRoutes(app: FastifyInstance, deps: RouteDeps): Promise<void> {
  const { maxConcurrent, maxPerPerson } = deps.config.exports;
  const running = new ConcurrencyLimit<number>(maxConcurrent, maxPerPerson);
  // Errors answer in the vocabulary through the app-wide handler (platform/http-vocabulary).
  app.get<{ Querystring: Query }>('/exports/needs.csv', (request, reply) =>
    sendExport(deps, running, request, reply, 'csv'),
  );
  app.get<{ Querystring: Query }>('/exports/needs.xlsx', (request, reply) =>
    sendExport(deps, running, request, reply, 'xlsx'),
  );
}
