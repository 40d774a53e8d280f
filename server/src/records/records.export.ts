import { PassThrough, pipeline, Readable } from 'node:stream';
import { once } from 'node:events';
import { IsolationLevel, type MikroORM } from '@mikro-orm/postgresql';
import { stringify } from 'csv-stringify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AREA_LEVELS } from '../areas/area-levels.js';
import { getArea } from '../areas/areas.service.js';
import { recordAudit } from '../audit/audit.service.js';
import { hoursFromMinutes } from '../activities/activities.rules.js';
import { chinaDay, chinaMinute } from '../platform/china-time.js';
import { badInput, type FieldErrors } from '../platform/errors.js';
import { excelJS } from '../platform/exceljs.js';
import { negotiateLocale, type Locale } from '../platform/i18n/locale.js';
import { translate, type MessageKey } from '../platform/i18n/messages.js';
import { dateOf, one, type Query } from '../platform/query-params.js';
import { requireViewer, type RouteDeps } from '../platform/rest.js';
import { requireRule } from '../platform/scope.js';
import { destroyWhenStalled } from '../platform/write-stall.js';
import { mayManageVolunteers } from '../volunteers/volunteers.access.js';
import { RecordAuditAction, RecordAuditTarget } from './records.audit.js';

/** Rows read per statement: memory stays flat however many records the period holds. */
const EXPORT_BATCH_SIZE = 1000;

type Cell = string | number | Date | null;

interface ExportRow {
  id: number;
  name: string;
  id_number: string | null;
  phone: string;
  verified_minutes: number;
  starts_at: Date;
  ends_at: Date;
  title: string;
  place: string;
  recorder: string;
}

/**
 * The columns of the 全国志愿服务信息系统 (national volunteer information system) hours import, as
 * its time-import template is publicly described: 志愿者姓名, 证件类型, 证件号码, 手机号, 服务时长
 * （小时）, 服务开始时间, 服务结束时间, 活动名称, 服务地点, 记录单位. The system's own template may
 * differ in detail (and change): adjust here. The full ID number and phone are what the import
 * matches volunteers by; this export is for staff only and audited.
 */
const COLUMNS: readonly { header: MessageKey; width: number; value(row: ExportRow, locale: Locale): Cell }[] = [
  { header: 'recordExport.volunteerName', width: 12, value: (r) => r.name },
  {
    header: 'recordExport.idType',
    width: 12,
    value: (r, locale) => (r.id_number ? translate(locale, 'recordExport.residentId') : null),
  },
  { header: 'recordExport.idNumber', width: 20, value: (r) => r.id_number },
  { header: 'recordExport.phone', width: 13, value: (r) => r.phone },
  { header: 'recordExport.hours', width: 10, value: (r) => hoursFromMinutes(r.verified_minutes) },
  { header: 'recordExport.startsAt', width: 17, value: (r) => r.starts_at },
  { header: 'recordExport.endsAt', width: 17, value: (r) => r.ends_at },
  { header: 'recordExport.activity', width: 30, value: (r) => r.title },
  { header: 'recordExport.place', width: 30, value: (r) => r.place },
  { header: 'recordExport.recorder', width: 24, value: (r) => r.recorder },
];

interface ExportFilter {
  areaId: string;
  from?: Date;
  to?: Date;
}

function filterFromQuery(query: Query): ExportFilter {
  const errors: FieldErrors = {};
  const areaId = one(query, 'areaId', errors);
  if (!areaId) errors.areaId = { key: 'required' };
  const from = dateOf(query, 'from', errors);
  const to = dateOf(query, 'to', errors);
  if (from && to && !errors.from && !errors.to && from >= to) errors.to = { key: 'recordRangeOrder' };
  if (Object.keys(errors).length) throw badInput(errors);
  return { areaId: areaId!, from, to };
}

/**
 * Verified records (with hours) of the area's activities with a shift starting in [from, to), oldest first,
 * read in keyset batches from one snapshot. The 记录单位 is the organising team, else the
 * activity's community (谁组织谁记录).
 */
async function* exportRows(
  orm: MikroORM,
  level: { column: string; id: number },
  filter: ExportFilter,
  locale: Locale,
): AsyncGenerator<Cell[]> {
  const em = orm.em.fork({ clear: true });
  await em.begin({ isolationLevel: IsolationLevel.REPEATABLE_READ, readOnly: true });
  try {
    let afterId = 0;
    for (;;) {
      const rows = await em.execute<ExportRow[]>(
        `select s.id, u.display_name as name, p.id_number, u.phone, s.verified_minutes, sh.starts_at, sh.ends_at,
                a.title, a.place, coalesce(t.name, c.name, '') as recorder
         from shift_signup s join shift sh on sh.id = s.shift_id join activity a on a.id = s.activity_id
           join app_user u on u.id = s.volunteer_id
           left join volunteer_profile p on p.user_id = s.volunteer_id
           left join team t on t.id = a.team_id left join area c on c.id = a.community_id
         where s.verified_minutes > 0 and a.${level.column} = ? and s.id > ?
           and sh.starts_at >= ? and sh.starts_at < ?
         order by s.id limit ?`,
        [
          level.id,
          afterId,
          filter.from ?? new Date('1900-01-01T00:00:00Z'),
          filter.to ?? new Date('9999-01-01T00:00:00Z'),
          EXPORT_BATCH_SIZE,
        ],
      );
      for (const row of rows) yield COLUMNS.map((column) => column.value(row, locale));
      if (rows.length < EXPORT_BATCH_SIZE) break;
      afterId = rows.at(-1)!.id;
    }
    await em.commit();
  } finally {
    if (em.isInTransaction()) await em.rollback();
  }
}

function csvStream(rows: AsyncGenerator<Cell[]>, locale: Locale, onError: (error: Error) => void): Readable {
  // Names and titles are people's text: neutralised so a spreadsheet never runs one as a formula.
  const neutralise = (value: string) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);
  const cells = async function* () {
    for await (const row of rows) {
      yield row.map((cell) =>
        cell === null
          ? ''
          : cell instanceof Date
            ? chinaMinute(cell)
            : typeof cell === 'string'
              ? neutralise(cell)
              : cell,
      );
    }
  };
  // UTF-8 with a byte-order mark: Excel then reads the Chinese correctly.
  const csv = stringify({
    bom: true,
    header: true,
    columns: COLUMNS.map((column) => translate(locale, column.header)),
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
  const sheet = workbook.addWorksheet(translate(locale, 'recordExport.name'), {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  sheet.columns = COLUMNS.map((column, index) => ({
    header: translate(locale, column.header),
    key: String(index),
    width: column.width,
  }));
  sheet.getRow(1).font = { bold: true };
  void (async () => {
    try {
      for await (const row of rows) {
        // A spreadsheet date has no zone: write the Beijing wall-clock time, as text in the import's format.
        sheet.addRow(row.map((cell) => (cell instanceof Date ? chinaMinute(cell) : cell))).commit();
        if (out.writableNeedDrain) await Promise.race([once(out, 'drain'), once(out, 'close')]);
        if (out.destroyed) throw new Error('export stream closed before it was finished');
      }
      sheet.commit();
      await workbook.commit();
    } catch (error) {
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
  const area = await getArea(em, filter.areaId);
  requireRule(viewer, mayManageVolunteers, area);
  recordAudit(em, viewer, {
    action: RecordAuditAction.EXPORT_HOURS,
    targetType: RecordAuditTarget.HOURS_EXPORT,
    targetId: area.id,
    area,
    after: { format, from: filter.from?.toISOString() ?? null, to: filter.to?.toISOString() ?? null },
  });
  await em.flush();
  const locale = negotiateLocale(request.headers['accept-language']);
  const rows = exportRows(deps.orm, { column: AREA_LEVELS[area.kind].column, id: area.id }, filter, locale);
  reply.raw.on('close', () => void rows.return(undefined).catch(() => undefined));
  destroyWhenStalled(reply.raw, deps.config.exports.stallTimeoutMs);
  const onError = (error: Error) => request.log.error({ err: error }, 'volunteer hours export failed midway');
  const day = chinaDay(new Date()).replaceAll('-', '');
  const name = `${translate(locale, 'recordExport.name')}-${day}.${format}`;
  return reply
    .header(
      'content-disposition',
      `attachment; filename="volunteer-hours-${day}.${format}"; filename*=UTF-8''${encodeURIComponent(name)}`,
    )
    .header('cache-control', 'no-store')
    .type(
      format === 'csv'
        ? 'text/csv; charset=utf-8'
        : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    )
    .send(format === 'csv' ? csvStream(rows, locale, onError) : xlsxStream(rows, locale, onError));
}

/** GET /exports/volunteer-hours.csv and .xlsx?areaId=&from=&to=: MANAGE_VOLUNTEERS over the area. */
export async function registerHoursExportRoutes(app: FastifyInstance, deps: RouteDeps): Promise<void> {
  app.get<{ Querystring: Query }>('/exports/volunteer-hours.csv', (request, reply) =>
    sendExport(deps, request, reply, 'csv'),
  );
  app.get<{ Querystring: Query }>('/exports/volunteer-hours.xlsx', (request, reply) =>
    sendExport(deps, request, reply, 'xlsx'),
  );
}
