import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import type { FastifyInstance } from 'fastify';
import { Area } from '../areas/area.entity.js';
import { getArea } from '../areas/areas.service.js';
import { badInput, type FieldErrors } from '../platform/errors.js';
import { booleanOf, dateOf, enumList, one, type Query } from '../platform/query-params.js';
import type { Locale } from '../platform/i18n/locale.js';
import { translate } from '../platform/i18n/messages.js';
import type { RouteDeps } from '../platform/rest.js';
import { idsOnPath, requireRule } from '../platform/scope.js';
import { registerTableExport, TABLE_EXPORT_BATCH_SIZE, type Cell, type TableColumn } from '../platform/table-export.js';
import { Need } from './need.entity.js';
import { NeedCategory, NeedChannel, NeedSort, NeedStatus, Urgency } from './need.enums.js';
import type { NeedFilter } from './needs.inputs.js';
import { mayExportNeeds } from './needs.access.js';
import { needFilterQuery, needOrder } from './needs.queries.js';
import { ticketNumber } from './needs.rules.js';

const TEXT_FILTER_MAX = 50;

interface Column extends TableColumn {
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
  { header: 'needExport.title', width: 30, value: (n) => n.title },
  { header: 'needExport.description', width: 50, value: (n) => n.description },
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
    value: (n) => nameOf((n.onBehalfOf ?? n.raisedBy).getEntity()),
  },
  {
    header: 'needExport.onBehalfOf',
    width: 12,
    value: (n) => (n.onBehalfOf ? nameOf(n.raisedBy.getEntity()) : null),
  },
  { header: 'needExport.assignee', width: 12, value: (n) => nameOf(n.assignee?.getEntity()) },
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
  { header: 'needExport.resolution', width: 40, value: (n) => n.resolution ?? null },
];

/** Rows in the filter's order, read in keyset batches (from the export's snapshot). */
async function* exportRows(em: EntityManager, { where, sort }: ExportPlan, locale: Locale): AsyncGenerator<Cell[]> {
  const areaNames = new Map<number, string>();
  const now = new Date();
  let after: string | undefined;
  for (;;) {
    const page = await em.findByCursor(Need, {
      // MikroORM may rewrite the condition it is given; each batch gets its own copy.
      where: structuredClone(where),
      orderBy: needOrder(sort),
      first: TABLE_EXPORT_BATCH_SIZE,
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

interface ExportPlan {
  where: FilterQuery<Need>;
  sort: NeedSort | undefined;
}

/** GET /exports/needs.csv and /exports/needs.xlsx: the inbox's filter as query parameters, for those who work on the area. */
export async function registerNeedExportRoutes(app: FastifyInstance, deps: RouteDeps): Promise<void> {
  registerTableExport<ExportPlan>(app, deps, {
    path: '/exports/needs',
    asciiName: 'needs',
    name: 'needExport.name',
    columns: EXPORT_COLUMNS,
    async authorize(em, viewer, query) {
      const filter = filterFromQuery(query);
      requireRule(viewer, mayExportNeeds, await getArea(em, filter.areaId));
      return { where: await needFilterQuery(em, viewer, filter), sort: filter.sort };
    },
    rows: exportRows,
  });
}
