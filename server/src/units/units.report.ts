import type { EntityManager } from '@mikro-orm/postgresql';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Area } from '../areas/area.entity.js';
import type { Viewer } from '../platform/auth/viewer.js';
import { badInput, forbidden, notFound, type FieldErrors } from '../platform/errors.js';
import { negotiateLocale, type Locale } from '../platform/i18n/locale.js';
import { translate, type MessageKey } from '../platform/i18n/messages.js';
import { findById } from '../platform/ids.js';
import { EARLIEST_YEAR, isSaneDate, LATEST_YEAR } from '../platform/input-guards.js';
import { excelJS } from '../platform/exceljs.js';
import { renderPdf, type PdfCell } from '../platform/pdf.js';
import { requireViewer, type RouteDeps } from '../platform/rest.js';
import { idsOnPath } from '../platform/scope.js';
import { ReportIn, Unit } from './unit.entity.js';
import { readsUnitReports, unitIdsOf } from './units.access.js';
import { ReportInStatus } from './units.enums.js';
import { needRatesOfUnits, type UnitNeedRatesValue } from './units.need-rates.js';
import { checkPeriod, type Period } from './units.period.js';
import { scoresOf } from './units.ranking.js';
import type { UnitScore } from './units.score.js';
import { mayDownloadUnitReport } from './units.rules.js';
import { chinaDay } from '../platform/china-time.js';

/** What the per-unit report (回单位报告) says, gathered in a handful of statements. */
export interface UnitReport {
  unit: Unit;
  /** The area's names from the street down. */
  areaNames: string[];
  period: Period;
  /** Communities it reported in to (accepted), and since when. */
  reportedIn: { community: string; since: Date | null }[];
  pledges: {
    target: string | null;
    description: string;
    quantity: number | null;
    measure: string | null;
    dueAt: Date | null;
    status: string;
    settledAt: Date | null;
  }[];
  /** Needs assigned to it and resolved in the period, with the residents' ratings. */
  needs: { title: string; resolvedAt: Date; rating: number | null }[];
  /** 响应率/解决率/满意率 of the needs assigned to it and created in the period. */
  rates: UnitNeedRatesValue;
  /** 共建评价 over the same period, as the ranking computes it. */
  score: UnitScore;
  contributions: { project: string; kind: string; description: string; value: number; createdAt: Date }[];
  /** Party members who work there and reported in to a community (accepted), with what they did in the period. */
  members: { name: string; community: string; since: Date | null; needsResolved: number; pledges: number }[];
}

/** The SQL condition and parameters of a period on `column`. */
function during(column: string, period: Period): { sql: string; params: Date[] } {
  const parts: string[] = [];
  const params: Date[] = [];
  if (period.from) {
    parts.push(` and ${column} >= ?`);
    params.push(period.from);
  }
  if (period.to) {
    parts.push(` and ${column} < ?`);
    params.push(period.to);
  }
  return { sql: parts.join(''), params };
}

export async function gatherUnitReport(em: EntityManager, unit: Unit, period: Period): Promise<UnitReport> {
  const areas = await em.find(Area, { id: { $in: idsOnPath(unit.areaPath) } });
  const areaNames = idsOnPath(unit.areaPath).map((id) => areas.find((area) => area.id === id)?.name ?? String(id));
  const reportIns = await em.find(
    ReportIn,
    { unit: unit.id, status: ReportInStatus.ACCEPTED },
    { populate: ['area'], orderBy: { answeredAt: 'asc', id: 'asc' } },
  );
  const created = during('p.created_at', period);
  const pledges = await em.execute<
    {
      target: string | null;
      description: string;
      quantity: string | null;
      measure: string | null;
      due_at: string | null;
      status: string;
      settled_at: string | null;
    }[]
  >(
    `select coalesce(n.title, pr.title) as target, p.description, p.quantity, p.measure, p.due_at, p.status, p.settled_at
       from pledge p left join need n on n.id = p.need_id left join project pr on pr.id = p.project_id
      where p.unit_id = ?${created.sql} order by p.created_at, p.id`,
    [unit.id, ...created.params],
  );
  const resolved = during('resolved_at', period);
  const needs = await em.execute<{ title: string; resolved_at: string; rating: number | null }[]>(
    `select title, resolved_at, rating from need
      where assignee_unit_id = ? and resolved_at is not null${resolved.sql} order by resolved_at, id`,
    [unit.id, ...resolved.params],
  );
  const [rates] = await needRatesOfUnits(em, [unit.id], period.from, period.to);
  const [score] = await scoresOf(em, [unit.id], period);
  const given = during('c.created_at', period);
  const contributions = await em.execute<
    { project: string; kind: string; description: string; value: string; created_at: string }[]
  >(
    `select pr.title as project, c.kind, c.description, c.value, c.created_at
       from contribution c join project pr on pr.id = c.project_id
      where c.unit_id = ?${given.sql} order by c.created_at, c.id`,
    [unit.id, ...given.params],
  );
  const memberNeeds = during('n.resolved_at', period);
  const memberPledges = during('p.created_at', period);
  const members = await em.execute<
    { name: string; community: string; since: string | null; needs_resolved: string; pledges: string }[]
  >(
    `select u.display_name as name, a.name as community, r.answered_at as since,
       (select count(*) from need n where n.assignee_id = r.person_id and n.resolved_at is not null${memberNeeds.sql}) as needs_resolved,
       (select count(*) from pledge p where p.pledged_by_id = r.person_id and p.unit_id is null${memberPledges.sql}) as pledges
       from report_in r join app_user u on u.id = r.person_id join area a on a.id = r.area_id
      where r.work_unit_id = ? and r.status = ? order by r.answered_at, r.id`,
    [...memberNeeds.params, ...memberPledges.params, unit.id, ReportInStatus.ACCEPTED],
  );
  const number = (value: string | null) => (value === null ? null : Number(value));
  // Raw statements hand timestamps back as text.
  const date = (value: Date | string | null) => (value === null ? null : new Date(value));
  return {
    unit,
    areaNames,
    period,
    reportedIn: reportIns.map((r) => ({ community: r.area.getEntity().name, since: r.answeredAt ?? null })),
    pledges: pledges.map((p) => ({
      target: p.target,
      description: p.description,
      quantity: number(p.quantity),
      measure: p.measure,
      dueAt: date(p.due_at),
      status: p.status,
      settledAt: date(p.settled_at),
    })),
    needs: needs.map((n) => ({ title: n.title, resolvedAt: date(n.resolved_at)!, rating: n.rating })),
    rates: rates!,
    score: score!,
    contributions: contributions.map((c) => ({
      project: c.project,
      kind: c.kind,
      description: c.description,
      value: Number(c.value),
      createdAt: date(c.created_at)!,
    })),
    members: members.map((m) => ({
      name: m.name,
      community: m.community,
      since: date(m.since),
      needsResolved: Number(m.needs_resolved),
      pledges: Number(m.pledges),
    })),
  };
}

const day = (date: Date | null | undefined) => (date ? chinaDay(date) : null);
const percent = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 100)}%`);

interface Section {
  title: MessageKey;
  headers: MessageKey[];
  widths: number[];
  rows: PdfCell[][];
}

/** The report as sections of label–value pairs and tables, in the reader's language: the PDF and the XLSX show the same. */
function reportContent(report: UnitReport, locale: Locale, now: Date) {
  const t = (key: MessageKey, params?: Record<string, string | number>) => translate(locale, key, params);
  const { unit, period } = report;
  const periodText =
    period.from || period.to ? `${day(period.from) ?? '…'} — ${day(period.to) ?? '…'}` : t('unitReport.allTime');
  const counts = new Map<string, number>();
  for (const pledge of report.pledges) counts.set(pledge.status, (counts.get(pledge.status) ?? 0) + 1);
  const contributionTotal = report.contributions.reduce((sum, c) => sum + c.value, 0);
  const { rates } = report;
  const pairs: [string, PdfCell][] = [
    [t('unitReport.unit'), unit.name],
    [t('unitReport.kind'), t(`unitKind.${unit.kind}`)],
    [t('unitReport.area'), report.areaNames.join(' / ')],
    [t('unitReport.partyOrganization'), unit.partyOrganization ?? t('unitReport.none')],
    [t('unitReport.period'), periodText],
    [t('unitReport.generatedAt'), day(now)],
    [
      t('unitReport.reportedIn'),
      report.reportedIn.map((r) => `${r.community}（${day(r.since) ?? ''}）`).join('、') || t('unitReport.none'),
    ],
    [
      t('unitReport.pledgeCount'),
      [
        String(report.pledges.length),
        ...[...counts].map(([status, n]) => `${t(`unitReport.pledgeStatus.${status}` as MessageKey)} ${n}`),
      ].join('，'),
    ],
    [
      t('unitReport.needRates'),
      `${percent(rates.responseRate)} / ${percent(rates.resolutionRate)} / ${percent(rates.satisfactionRate)}`,
    ],
    [t('unitReport.averageRating'), rates.averageRating === null ? '—' : rates.averageRating.toFixed(1)],
    [t('unitReport.contributionTotal'), contributionTotal.toFixed(2)],
    [
      t('unitReport.score'),
      `${percent(report.score.fulfilmentRate)} / ${percent(report.score.onTimeRate)} / ${report.score.points?.toFixed(1) ?? '—'}`,
    ],
  ];
  const sections: Section[] = [
    {
      title: 'unitReport.pledges',
      headers: [
        'unitReport.target',
        'unitReport.description',
        'unitReport.quantity',
        'unitReport.dueAt',
        'unitReport.status',
        'unitReport.settledAt',
      ],
      widths: [3, 4, 1.5, 1.6, 1.4, 1.6],
      rows: report.pledges.map((p) => [
        p.target,
        p.description,
        p.quantity === null ? null : `${p.quantity}${p.measure ?? ''}`,
        day(p.dueAt),
        t(`unitReport.pledgeStatus.${p.status}` as MessageKey),
        day(p.settledAt),
      ]),
    },
    {
      title: 'unitReport.needs',
      headers: ['unitReport.needTitle', 'unitReport.resolvedAt', 'unitReport.rating'],
      widths: [5, 2, 1],
      rows: report.needs.map((n) => [n.title, day(n.resolvedAt), n.rating]),
    },
    {
      title: 'unitReport.contributions',
      headers: [
        'unitReport.project',
        'unitReport.contributionKind',
        'unitReport.description',
        'unitReport.value',
        'unitReport.dueAt',
      ],
      widths: [3, 1.2, 4, 1.5, 1.6],
      rows: report.contributions.map((c) => [
        c.project,
        t(`unitReport.contributionKind.${c.kind}` as MessageKey),
        c.description,
        c.value,
        day(c.createdAt),
      ]),
    },
    {
      title: 'unitReport.members',
      headers: [
        'unitReport.member',
        'unitReport.community',
        'unitReport.since',
        'unitReport.memberNeeds',
        'unitReport.memberPledges',
      ],
      widths: [2, 2.5, 2, 1.5, 1.5],
      rows: report.members.map((m) => [m.name, m.community, day(m.since), m.needsResolved, m.pledges]),
    },
  ];
  return { title: t('unitReport.title'), pairs, sections, t };
}

export function unitReportPdf(report: UnitReport, locale: Locale, now = new Date()): Promise<Buffer> {
  const { title, pairs, sections, t } = reportContent(report, locale, now);
  return renderPdf({ title: `${report.unit.name} ${title}` }, (pdf) => {
    pdf.title(title);
    pdf.pairs(pairs);
    for (const section of sections) {
      pdf.heading(t(section.title));
      pdf.table({
        headers: section.headers.map((key) => t(key)),
        rows: section.rows,
        widths: section.widths,
        empty: t('unitReport.none'),
      });
    }
  });
}

/** Text a unit or a resident typed: a spreadsheet must never take it for a formula. */
const neutralised = (cell: PdfCell) => (typeof cell === 'string' && /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell);

export async function unitReportXlsx(report: UnitReport, locale: Locale, now = new Date()): Promise<Buffer> {
  const { pairs, sections, t } = reportContent(report, locale, now);
  const workbook = new (excelJS().Workbook)();
  const summary = workbook.addWorksheet(t('unitReport.sheetSummary'));
  summary.columns = [{ width: 22 }, { width: 60 }];
  for (const [label, value] of pairs)
    summary.addRow([label, neutralised(value) ?? null]).getCell(1).font = { bold: true };
  for (const section of sections) {
    const sheet = workbook.addWorksheet(t(section.title), { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = section.headers.map((key, i) => ({ header: t(key), width: Math.round(section.widths[i]! * 8) }));
    sheet.getRow(1).font = { bold: true };
    for (const row of section.rows) sheet.addRow(row.map((cell) => neutralised(cell) ?? null));
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

type Query = Record<string, string | string[] | undefined>;

/** from and to, each optional: BAD_USER_INPUT naming every bad one. */
export function periodFromQuery(query: Query): Period {
  const errors: FieldErrors = {};
  const dateOf = (name: 'from' | 'to') => {
    const raw = query[name];
    if (raw === undefined || raw === '') return undefined;
    const date = typeof raw === 'string' ? new Date(raw) : new Date(Number.NaN);
    if (Number.isNaN(date.getTime())) errors[name] = { key: 'invalidValue' };
    else if (!isSaneDate(date))
      errors[name] = { key: 'dateOutOfRange', params: { from: EARLIEST_YEAR, to: LATEST_YEAR } };
    return date;
  };
  const period = { from: dateOf('from'), to: dateOf('to') };
  if (Object.keys(errors).length) throw badInput(errors);
  checkPeriod(period);
  return period;
}

/** Unit.availableActions' DOWNLOAD_REPORT, for one unit outside GraphQL. */
export async function mayDownloadReport(em: EntityManager, viewer: Viewer, unit: Unit): Promise<boolean> {
  const isRepresentative = unitIdsOf(viewer).has(unit.id);
  const readsReports = await readsUnitReports(viewer, unit, async () => {
    const accepted = await em.find(
      ReportIn,
      { unit: unit.id, status: ReportInStatus.ACCEPTED },
      { populate: ['area'] },
    );
    return accepted.map((r) => r.area.getEntity());
  });
  return mayDownloadUnitReport({ isRepresentative, managesArea: false, readsReports });
}

/** `attachment` with an ASCII fallback and the unit's name in RFC 5987 form. */
function contentDisposition(unit: Unit, extension: 'pdf' | 'xlsx', locale: Locale): string {
  const name = `${unit.name}-${translate(locale, 'unitReport.title')}.${extension}`;
  return `attachment; filename="unit-${unit.id}-report.${extension}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

async function sendReport(
  deps: RouteDeps,
  request: FastifyRequest<{ Params: { id: string }; Querystring: Query }>,
  reply: FastifyReply,
  format: 'pdf' | 'xlsx',
) {
  const em = deps.orm.em.fork();
  const viewer = await requireViewer(deps, em, request);
  const unit = await findById(em, Unit, request.params.id);
  if (!unit) throw notFound();
  if (!(await mayDownloadReport(em, viewer, unit))) throw forbidden();
  const period = periodFromQuery(request.query);
  const locale = negotiateLocale(request.headers['accept-language']);
  const report = await gatherUnitReport(em, unit, period);
  const body = format === 'pdf' ? await unitReportPdf(report, locale) : await unitReportXlsx(report, locale);
  request.log.info({ userId: viewer.id, unitId: unit.id, format }, 'unit report');
  return reply
    .header('content-disposition', contentDisposition(unit, format, locale))
    .header('cache-control', 'no-store')
    .type(format === 'pdf' ? 'application/pdf' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .send(body);
}

/** GET /units/:id/report.pdf and /units/:id/report.xlsx?from=&to= (回单位报告). */
export async function registerUnitReportRoutes(app: FastifyInstance, deps: RouteDeps): Promise<void> {
  app.get<{ Params: { id: string }; Querystring: Query }>('/units/:id/report.pdf', (request, reply) =>
    sendReport(deps, request, reply, 'pdf'),
  );
  app.get<{ Params: { id: string }; Querystring: Query }>('/units/:id/report.xlsx', (request, reply) =>
    sendReport(deps, request, reply, 'xlsx'),
  );
}
