import type { FastifyInstance } from 'fastify';
import { badInput, type FieldErrors } from '../platform/errors.js';
import { negotiateLocale, type Locale } from '../platform/i18n/locale.js';
import { translate, type MessageKey } from '../platform/i18n/messages.js';
import { dateOf, one, type Query } from '../platform/query-params.js';
import { requireViewer, type RouteDeps } from '../platform/rest.js';
import { rankingArea, rankUnits, type RankedRow } from './units.ranking.js';
import { chinaDay } from '../platform/china-time.js';
import { excelJS } from '../platform/exceljs.js';

type Cell = string | number | null;

/** The columns of the ranking sheet: as unitRanking shows it, every unit of the area on one sheet. */
const COLUMNS: readonly { header: MessageKey; width: number; value(row: RankedRow, locale: Locale): Cell }[] = [
  { header: 'unitRanking.rank', width: 6, value: (r) => r.rank },
  { header: 'unitRanking.unit', width: 30, value: (r) => r.unit.name },
  { header: 'unitRanking.kind', width: 14, value: (r, locale) => translate(locale, `unitRanking.kind.${r.unit.kind}`) },
  { header: 'unitRanking.points', width: 8, value: (r) => r.score.points },
  { header: 'unitRanking.pledges', width: 8, value: (r) => r.score.pledges },
  { header: 'unitRanking.fulfilled', width: 8, value: (r) => r.score.fulfilled },
  { header: 'unitRanking.partial', width: 8, value: (r) => r.score.partial },
  { header: 'unitRanking.notFulfilled', width: 8, value: (r) => r.score.notFulfilled },
  { header: 'unitRanking.withdrawn', width: 8, value: (r) => r.score.withdrawn },
  { header: 'unitRanking.open', width: 8, value: (r) => r.score.open },
  { header: 'unitRanking.overdue', width: 8, value: (r) => r.score.overdue },
  { header: 'unitRanking.fulfilmentRate', width: 10, value: (r) => r.score.fulfilmentRate },
  { header: 'unitRanking.onTimeRate', width: 10, value: (r) => r.score.onTimeRate },
  { header: 'unitRanking.averageRating', width: 10, value: (r) => r.score.averageRating },
  { header: 'unitRanking.ratedNeeds', width: 10, value: (r) => r.score.ratedNeeds },
  { header: 'unitRanking.contributionValue', width: 14, value: (r) => r.score.contributionValue },
];

/** The sheet of a ranking, in the requester's language. */
export async function rankingWorkbook(rows: readonly RankedRow[], locale: Locale): Promise<Buffer> {
  const workbook = new (excelJS().Workbook)();
  const sheet = workbook.addWorksheet(translate(locale, 'unitRanking.sheet'), {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  sheet.columns = COLUMNS.map((column) => ({ header: translate(locale, column.header), width: column.width }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) sheet.addRow(COLUMNS.map((column) => column.value(row, locale)));
  for (const index of [12, 13]) sheet.getColumn(index).numFmt = '0.0%';
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** GET /units/ranking.xlsx?areaId=&from=&to=: the whole ranking, for those who may view it (VIEW_UNIT_RANKING). */
export async function registerUnitRankingExport(app: FastifyInstance, deps: RouteDeps): Promise<void> {
  // Errors answer in the vocabulary through the app-wide handler (platform/http-vocabulary).
  app.get<{ Querystring: Query }>('/units/ranking.xlsx', async (request, reply) => {
    const em = deps.orm.em.fork();
    const viewer = await requireViewer(deps, em, request);
    const errors: FieldErrors = {};
    const areaId = one(request.query, 'areaId', errors);
    if (!areaId) errors.areaId = { key: 'required' };
    const period = { from: dateOf(request.query, 'from', errors), to: dateOf(request.query, 'to', errors) };
    if (Object.keys(errors).length) throw badInput(errors);
    const area = await rankingArea(em, viewer, areaId!, period);
    const { rows } = await rankUnits(em, area, period, 0, null);
    const locale = negotiateLocale(request.headers['accept-language']);
    const day = chinaDay(new Date()).replaceAll('-', '');
    const name = `${translate(locale, 'unitRanking.sheet')}-${area.name}-${day}.xlsx`;
    return reply
      .header(
        'content-disposition',
        `attachment; filename="unit-ranking-${day}.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`,
      )
      .header('cache-control', 'no-store')
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .send(await rankingWorkbook(rows, locale));
  });
}
