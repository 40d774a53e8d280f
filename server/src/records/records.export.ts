import type { EntityManager } from '@mikro-orm/postgresql';
import type { FastifyInstance } from 'fastify';
import { AREA_LEVELS } from '../areas/area-levels.js';
import { getArea } from '../areas/areas.service.js';
import { recordAudit } from '../audit/audit.service.js';
import { hoursFromMinutes } from '../activities/activities.rules.js';
import { chinaMinute } from '../platform/china-time.js';
import { badInput, type FieldErrors } from '../platform/errors.js';
import type { Locale } from '../platform/i18n/locale.js';
import { translate } from '../platform/i18n/messages.js';
import { dateOf, one, type Query } from '../platform/query-params.js';
import type { RouteDeps } from '../platform/rest.js';
import { requireRule } from '../platform/scope.js';
import { registerTableExport, TABLE_EXPORT_BATCH_SIZE, type Cell, type TableColumn } from '../platform/table-export.js';
import { mayManageVolunteers } from '../volunteers/volunteers.access.js';
import { RecordAuditAction, RecordAuditTarget } from './records.audit.js';

interface ExportRow {
  id: number;
  name: string;
  id_number: string | null;
  phone: string;
  verified_minutes: number;
  /** Timestamps of a raw statement come as PostgreSQL's text, not as Dates. */
  starts_at: string;
  ends_at: string;
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
const COLUMNS: readonly (TableColumn & { value(row: ExportRow, locale: Locale): Cell })[] = [
  { header: 'recordExport.volunteerName', width: 12, value: (r) => r.name },
  {
    header: 'recordExport.idType',
    width: 12,
    value: (r, locale) => (r.id_number ? translate(locale, 'recordExport.residentId') : null),
  },
  { header: 'recordExport.idNumber', width: 20, value: (r) => r.id_number },
  { header: 'recordExport.phone', width: 13, value: (r) => r.phone },
  { header: 'recordExport.hours', width: 10, value: (r) => hoursFromMinutes(r.verified_minutes) },
  // Beijing wall-clock time as text, in the import's format (in the spreadsheet too).
  { header: 'recordExport.startsAt', width: 17, value: (r) => chinaMinute(new Date(r.starts_at)) },
  { header: 'recordExport.endsAt', width: 17, value: (r) => chinaMinute(new Date(r.ends_at)) },
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

interface ExportPlan {
  level: { column: string; id: number };
  filter: ExportFilter;
}

/**
 * Verified records (with hours) of the area's activities with a shift starting in [from, to), oldest first,
 * read in keyset batches (from the export's snapshot). The 记录单位 is the organising team, else the
 * activity's community (谁组织谁记录).
 */
async function* exportRows(em: EntityManager, { level, filter }: ExportPlan, locale: Locale): AsyncGenerator<Cell[]> {
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
        TABLE_EXPORT_BATCH_SIZE,
      ],
    );
    for (const row of rows) yield COLUMNS.map((column) => column.value(row, locale));
    if (rows.length < TABLE_EXPORT_BATCH_SIZE) break;
    afterId = rows.at(-1)!.id;
  }
}

/** GET /exports/volunteer-hours.csv and .xlsx?areaId=&from=&to=: MANAGE_VOLUNTEERS over the area, audited. */
export async function registerHoursExportRoutes(app: FastifyInstance, deps: RouteDeps): Promise<void> {
  registerTableExport<ExportPlan>(app, deps, {
    path: '/exports/volunteer-hours',
    asciiName: 'volunteer-hours',
    name: 'recordExport.name',
    columns: COLUMNS,
    async authorize(em, viewer, query, format) {
      const filter = filterFromQuery(query);
      const area = await getArea(em, filter.areaId);
      requireRule(viewer, mayManageVolunteers, area);
      recordAudit(em, viewer, {
        action: RecordAuditAction.EXPORT_HOURS,
        targetType: RecordAuditTarget.HOURS_EXPORT,
        targetId: area.id,
        area,
        after: { format, from: filter.from?.toISOString() ?? null, to: filter.to?.toISOString() ?? null },
      });
      return { level: { column: AREA_LEVELS[area.kind].column, id: area.id }, filter };
    },
    rows: exportRows,
  });
}
