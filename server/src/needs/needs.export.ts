import { once } from 'node:events';
import { PassThrough, pipeline, Readable, type Writable } from 'node:stream';
import { IsolationLevel, type EntityManager, type FilterQuery, type MikroORM } from '@mikro-orm/postgresql';
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Area } from '../areas/area.entity.js';
import { idsOnPath } from '../areas/areas.rules.js';
import { getArea } from '../areas/areas.service.js';
import { badInput, type FieldErrors } from '../platform/errors.js';
import { EARLIEST_YEAR, isSaneDate, LATEST_YEAR } from '../platform/input-guards.js';
import { requireViewer, restErrorHandler, type RouteDeps } from '../platform/rest.js';
import { requireRole } from '../platform/scope.js';
import { Need } from './need.entity.js';
import { NeedCategory, NeedChannel, NeedSort, NeedStatus, Urgency } from './need.enums.js';
import type { NeedFilter } from './needs.inputs.js';
import { NEED_WORKERS, needFilterQuery, needOrder } from './needs.service.js';

/** Rows read per statement: memory stays flat however long the list is. */
export const EXPORT_BATCH_SIZE = 1000;
const TEXT_FILTER_MAX = 50;

const STATUS_LABELS: Record<NeedStatus, string> = {
  SUBMITTED: '已提交',
  ACCEPTED: '已受理',
  ASSIGNED: '已派单',
  IN_PROGRESS: '正在办',
  RESOLVED: '已办好，待确认',
  CLOSED: '已办结',
  REJECTED: '未受理',
};
const CATEGORY_LABELS: Record<NeedCategory, string> = {
  ELDERLY_CARE: '养老助老',
  CHILD_CARE: '儿童看护',
  DISABILITY: '助残',
  REPAIR: '维修设施',
  ENVIRONMENT: '环境卫生',
  SAFETY: '安全隐患',
  DISPUTE: '矛盾调解',
  EMPLOYMENT: '就业',
  HEALTH: '看病健康',
  EDUCATION: '上学教育',
  CULTURE: '文体活动',
  OTHER: '其他',
};
const URGENCY_LABELS: Record<Urgency, string> = { LOW: '不急', NORMAL: '一般', HIGH: '较急', CRITICAL: '特急' };
const CHANNEL_LABELS: Record<NeedChannel, string> = {
  APP: '手机上提交',
  PHONE: '打电话',
  WALK_IN: '上门来访',
  HOTLINE_12345: '12345 热线',
  GRID_PATROL: '网格巡查',
};

type Cell = string | number | Date | null;

interface Column {
  header: string;
  width: number;
  /** Text a resident typed: neutralised in CSV so a spreadsheet never runs it as a formula. */
  userText?: boolean;
  date?: boolean;
  value(need: Need, context: RowContext): Cell;
}

interface RowContext {
  areaNames: Map<number, string>;
  now: Date;
}

const nameOf = (user: { displayName: string } | null | undefined) => user?.displayName ?? null;

/** The columns, in order: Chinese headers, enum values as the words the app shows. */
export const EXPORT_COLUMNS: readonly Column[] = [
  { header: '编号', width: 8, value: (n) => n.id },
  { header: '标题', width: 30, userText: true, value: (n) => n.title },
  { header: '问题描述', width: 50, userText: true, value: (n) => n.description },
  { header: '分类', width: 10, value: (n) => CATEGORY_LABELS[n.category] },
  { header: '紧急程度', width: 8, value: (n) => URGENCY_LABELS[n.urgency] },
  { header: '来源渠道', width: 12, value: (n) => CHANNEL_LABELS[n.channel] },
  { header: '状态', width: 14, value: (n) => STATUS_LABELS[n.status] },
  {
    header: '区域',
    width: 36,
    value: (n, { areaNames }) =>
      idsOnPath(n.areaPath)
        .map((id) => areaNames.get(id) ?? String(id))
        .join(' / '),
  },
  // 反映人 is the resident; when a worker raised it for them (代办), the worker is the 代办人.
  { header: '反映人', width: 12, userText: true, value: (n) => nameOf((n.onBehalfOf ?? n.raisedBy).getEntity()) },
  { header: '代办人', width: 12, userText: true, value: (n) => (n.onBehalfOf ? nameOf(n.raisedBy.getEntity()) : null) },
  { header: '承办人', width: 12, userText: true, value: (n) => nameOf(n.assignee?.getEntity()) },
  { header: '是否公开', width: 8, value: (n) => (n.isPublic ? '是' : '否') },
  { header: '附议数', width: 8, value: (n) => n.supporterCount },
  { header: '评分', width: 6, value: (n) => n.rating ?? null },
  { header: '响应时限', width: 17, date: true, value: (n) => n.respondBy },
  { header: '解决时限', width: 17, date: true, value: (n) => n.resolveBy },
  { header: '是否超期', width: 8, value: (n, { now }) => (n.dueAt < now ? '是' : '否') },
  { header: '反映时间', width: 17, date: true, value: (n) => n.createdAt },
  { header: '响应时间', width: 17, date: true, value: (n) => n.respondedAt ?? null },
  { header: '办好时间', width: 17, date: true, value: (n) => n.resolvedAt ?? null },
  { header: '办结时间', width: 17, date: true, value: (n) => n.closedAt ?? null },
  { header: '处理结果', width: 40, userText: true, value: (n) => n.resolution ?? null },
];

/** Times are shown as in Beijing (UTC+8 all year), whatever the server's zone. */
const CHINA_OFFSET_MS = 8 * 3600 * 1000;
const inChina = (date: Date) => new Date(date.getTime() + CHINA_OFFSET_MS);
const chinaDateTime = (date: Date) => inChina(date).toISOString().slice(0, 16).replace('T', ' ');

/** Rows in the filter's order, read in keyset batches from one snapshot of the database. */
async function* exportRows(
  orm: MikroORM,
  where: FilterQuery<Need>,
  sort: NeedSort | undefined,
): AsyncGenerator<Cell[]> {
  const em = orm.em.fork({ clear: true });
  // One snapshot: a need changing meanwhile is neither skipped nor listed twice.
  await em.begin({ isolationLevel: IsolationLevel.REPEATABLE_READ, readOnly: true });
  try {
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
      const rows = page.items.map((need) => EXPORT_COLUMNS.map((column) => column.value(need, { areaNames, now })));
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

type Query = Record<string, string | string[] | undefined>;

/** Repeated (`statuses=A&statuses=B`) or comma-separated (`statuses=A,B`). */
function listOf(query: Query, name: string): string[] {
  const raw = query[name];
  const values = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  return values
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter(Boolean);
}

function one(query: Query, name: string, errors: FieldErrors): string | undefined {
  const values = listOf(query, name);
  if (values.length > 1) errors[name] = { key: 'invalidValue' };
  return values[0];
}

function enumList<T extends string>(
  query: Query,
  name: string,
  allowed: Record<string, T>,
  errors: FieldErrors,
): T[] | undefined {
  const values = listOf(query, name);
  const known = Object.values(allowed) as string[];
  if (values.some((value) => !known.includes(value))) errors[name] = { key: 'invalidValue' };
  return values.length ? (values as T[]) : undefined;
}

function booleanOf(query: Query, name: string, errors: FieldErrors): boolean | undefined {
  const value = one(query, name, errors);
  if (value === undefined) return undefined;
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  errors[name] = { key: 'invalidValue' };
  return undefined;
}

function dateOf(query: Query, name: string, errors: FieldErrors): Date | undefined {
  const value = one(query, name, errors);
  if (value === undefined) return undefined;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) errors[name] = { key: 'invalidValue' };
  else if (!isSaneDate(date))
    errors[name] = { key: 'dateOutOfRange', params: { from: EARLIEST_YEAR, to: LATEST_YEAR } };
  return date;
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
    text,
    createdFrom: dateOf(query, 'createdFrom', errors),
    createdTo: dateOf(query, 'createdTo', errors),
    sort: sort as NeedSort | undefined,
  };
  if (Object.keys(errors).length) throw badInput(errors);
  return filter;
}

/** `attachment` with an ASCII fallback and the Chinese name in RFC 5987 form. */
export function contentDisposition(extension: 'csv' | 'xlsx', now = new Date()): string {
  const day = inChina(now).toISOString().slice(0, 10).replaceAll('-', '');
  return `attachment; filename="needs-${day}.${extension}"; filename*=UTF-8''${encodeURIComponent(`需求清单-${day}.${extension}`)}`;
}

/** Waits while the client reads what is already written; gives up when it has gone away. */
async function drained(out: Writable): Promise<void> {
  if (!out.writableNeedDrain) return;
  await Promise.race([once(out, 'drain'), once(out, 'close')]);
  if (out.destroyed) throw new Error('export stream closed before it was finished');
}

function csvStream(rows: AsyncGenerator<Cell[]>, onError: (error: Error) => void): Readable {
  const neutralise = (value: string) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);
  const cells = async function* () {
    for await (const row of rows) {
      yield row.map((cell, index) => {
        if (cell === null) return '';
        if (cell instanceof Date) return chinaDateTime(cell);
        if (typeof cell === 'string' && EXPORT_COLUMNS[index]?.userText) return neutralise(cell);
        return cell;
      });
    }
  };
  // UTF-8 with a byte-order mark: Excel then reads the Chinese correctly.
  const csv = stringify({
    bom: true,
    header: true,
    columns: EXPORT_COLUMNS.map((column) => column.header),
    record_delimiter: 'windows',
  });
  return pipeline(Readable.from(cells()), csv, (error) => {
    if (error) onError(error);
  });
}

function xlsxStream(rows: AsyncGenerator<Cell[]>, onError: (error: Error) => void): Readable {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet('需求清单', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = EXPORT_COLUMNS.map((column, index) => ({
    header: column.header,
    key: String(index),
    width: column.width,
    ...(column.date ? { style: { numFmt: 'yyyy-mm-dd hh:mm' } } : {}),
  }));
  sheet.getRow(1).font = { bold: true };
  void (async () => {
    try {
      for await (const row of rows) {
        // A spreadsheet date has no zone: write the Beijing wall-clock time.
        sheet.addRow(row.map((cell) => (cell instanceof Date ? inChina(cell) : cell === '' ? null : cell))).commit();
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
  request: FastifyRequest<{ Querystring: Query }>,
  reply: FastifyReply,
  format: 'csv' | 'xlsx',
) {
  const em = deps.orm.em.fork();
  const viewer = await requireViewer(deps, em, request);
  const filter = filterFromQuery(request.query);
  requireRole(viewer, NEED_WORKERS, await getArea(em, filter.areaId));
  const where = await needFilterQuery(em, viewer, filter);
  request.log.info({ userId: viewer.id, areaId: filter.areaId, format }, 'needs export');
  const rows = exportRows(deps.orm, where, filter.sort);
  const onError = (error: Error) => request.log.error({ err: error }, 'needs export failed midway');
  return (
    reply
      .header('content-disposition', contentDisposition(format))
      .header('cache-control', 'no-store')
      // Passed on as it is written, not gathered first by nginx in front.
      .header('x-accel-buffering', 'no')
      .type(
        format === 'csv'
          ? 'text/csv; charset=utf-8'
          : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      )
      .send(format === 'csv' ? csvStream(rows, onError) : xlsxStream(rows, onError))
  );
}

/** GET /exports/needs.csv and /exports/needs.xlsx: the inbox's filter as query parameters, for those who work on the area. */
export async function registerNeedExportRoutes(app: FastifyInstance, deps: RouteDeps): Promise<void> {
  await app.register(async (scope) => {
    scope.setErrorHandler(restErrorHandler);
    scope.get<{ Querystring: Query }>('/exports/needs.csv', (request, reply) =>
      sendExport(deps, request, reply, 'csv'),
    );
    scope.get<{ Querystring: Query }>('/exports/needs.xlsx', (request, reply) =>
      sendExport(deps, request, reply, 'xlsx'),
    );
  });
}
