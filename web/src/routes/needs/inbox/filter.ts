import type { NeedFilter } from '#lib/graphql/needList.svelte';
import {
  NEED_CATEGORIES,
  NEED_CHANNELS,
  NEED_STATUSES,
  URGENCIES,
  type NeedCategory,
  type NeedChannel,
  type NeedStatus,
  type Urgency,
} from '#lib/i18n/labels';

export type Sort = 'DEADLINE' | 'NEWEST' | 'OLDEST';
const SORTS: Sort[] = ['DEADLINE', 'NEWEST', 'OLDEST'];

/**
 * What the inbox shows, as its address says (so the home page's tiles and the dashboard's numbers
 * open it filtered): `?statuses=SUBMITTED&worksOn=true`, `?dueSoon=true&worksOn=true`,
 * `?areaId=…&createdFrom=…&overdue=true`, … Lists are comma-separated. No `areaId` with
 * `worksOn=true` (or `assignedToMe=true`) is every area where I work on needs; no `areaId` and
 * neither of them is the first such area.
 */
export interface InboxFilter {
  /** '' = every area I work on (worksOn). */
  areaId: string;
  statuses: NeedStatus[];
  categories: NeedCategory[];
  urgencies: Urgency[];
  channels: NeedChannel[];
  overdue: boolean;
  dueSoon: boolean;
  assignedToMe: boolean;
  text: string;
  sort: Sort;
  createdFrom: string;
  createdTo: string;
}

/** What needs doing: the inbox's statuses when the address names none. */
export const WORK_STATUSES: NeedStatus[] = ['SUBMITTED', 'ACCEPTED', 'ASSIGNED', 'IN_PROGRESS'];

/** What is read of an address's query (SvelteKit hands a read-only one). */
type Params = Pick<URLSearchParams, 'get' | 'getAll' | 'has'>;

function list<T extends string>(params: Params, key: string, allowed: readonly T[]): T[] {
  const values = params.getAll(key).flatMap((v) => v.split(','));
  return allowed.filter((a) => values.includes(a));
}

/** The filter an address asks for; `defaultAreaId` when it names no area and does not ask for all of mine. */
export function parseFilter(params: Params, defaultAreaId: string): InboxFilter {
  const flag = (key: string) => params.get(key) === 'true';
  const sort = params.get('sort') as Sort | null;
  const statuses = list(params, 'statuses', NEED_STATUSES);
  return {
    areaId: params.get('areaId') ?? (flag('worksOn') || flag('assignedToMe') ? '' : defaultAreaId),
    statuses: params.has('statuses') ? statuses : [...WORK_STATUSES],
    categories: list(params, 'categories', NEED_CATEGORIES),
    urgencies: list(params, 'urgencies', URGENCIES),
    channels: list(params, 'channels', NEED_CHANNELS),
    overdue: flag('overdue'),
    dueSoon: flag('dueSoon'),
    assignedToMe: flag('assignedToMe'),
    text: params.get('text') ?? '',
    sort: sort && SORTS.includes(sort) ? sort : 'DEADLINE',
    createdFrom: params.get('createdFrom') ?? '',
    createdTo: params.get('createdTo') ?? '',
  };
}

/** The address's query for a filter, every value spelled out, so the same filter gives the same address. */
export function filterQuery(f: InboxFilter): string {
  const params = new URLSearchParams();
  if (f.areaId) params.set('areaId', f.areaId);
  else params.set('worksOn', 'true');
  params.set('statuses', f.statuses.join(','));
  for (const key of ['categories', 'urgencies', 'channels'] as const) {
    if (f[key].length) params.set(key, f[key].join(','));
  }
  for (const key of ['overdue', 'dueSoon', 'assignedToMe'] as const) {
    if (f[key]) params.set(key, 'true');
  }
  if (f.text) params.set('text', f.text);
  if (f.sort !== 'DEADLINE') params.set('sort', f.sort);
  if (f.createdFrom) params.set('createdFrom', f.createdFrom);
  if (f.createdTo) params.set('createdTo', f.createdTo);
  return params.toString();
}

/** The filter as the needs query takes it. */
export function toNeedFilter(f: InboxFilter): NeedFilter {
  return {
    areaId: f.areaId || null,
    // Every area I work on; 派给我 alone is already mine wherever it is (as the home page counts it).
    worksOn: f.areaId || f.assignedToMe ? null : true,
    statuses: f.statuses.length ? [...f.statuses] : null,
    categories: f.categories.length ? [...f.categories] : null,
    urgencies: f.urgencies.length ? [...f.urgencies] : null,
    channels: f.channels.length ? [...f.channels] : null,
    overdue: f.overdue || null,
    dueSoon: f.dueSoon || null,
    assignedToMe: f.assignedToMe || null,
    text: f.text.trim() || null,
    sort: f.sort,
    createdFrom: f.createdFrom || null,
    createdTo: f.createdTo || null,
  };
}

/** A link to the inbox with this filter (the home page and the dashboard build theirs the same way). */
export function inboxHref(f: Partial<InboxFilter>): string {
  return `/needs/inbox?${filterQuery({ ...parseFilter(new URLSearchParams(), ''), ...f })}`;
}
