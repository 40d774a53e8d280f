import type { EntityManager } from '@mikro-orm/postgresql';
import { getArea } from '../areas/areas.service.js';
import { Meeting } from '../meetings/meeting.entity.js';
import type { Viewer } from '../platform/auth/viewer.js';
import type { Context } from '../platform/context.js';
import { badInput } from '../platform/errors.js';
import { requestLoader } from '../platform/loaders.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, type ConnectionShape, type PageArgs } from '../platform/pagination.js';
import { Resolution } from '../resolutions/resolution.entity.js';
import { Vote } from '../votes/vote.entity.js';
import { OBJECTION_ANSWERER_ROLES } from './board.access.js';
import { BoardItemKind } from './board.enums.js';
import { Objection } from './objection.entity.js';

/** One notice on the board, as the query makes it (the GraphQL type is BoardItem). */
export interface BoardNotice {
  id: string;
  kind: BoardItemKind;
  publishedAt: Date;
  inPublicity: boolean;
  vote: Vote | null;
  resolution: Resolution | null;
  meeting: Meeting | null;
}

/**
 * The board's notices of a subtree (`?` is its path prefix, four times): published results,
 * resolutions (when recorded, and at each progress update), published minutes. `key` names a
 * notice uniquely and orders notices published at the same instant.
 */
const NOTICES = `
  select 'V' || v.id as key, 'VOTE_RESULT' as kind, v.published_at as at,
         v.id as vote_id, null::int as resolution_id, null::int as meeting_id
    from vote v where v.published_at is not null and v.area_path like ?
  union all
  select 'R' || r.id, 'RESOLUTION', r.created_at, null, r.id, null from resolution r where r.area_path like ?
  union all
  select 'U' || u.id, 'RESOLUTION', u.created_at, null, r.id, null
    from resolution_update u join resolution r on r.id = u.resolution_id where r.area_path like ?
  union all
  select 'M' || m.id, 'MINUTES', m.minutes_published_at, null, null, m.id
    from meeting m where m.minutes_published_at is not null and m.cancelled_at is null and m.area_path like ?`;

interface NoticeRow {
  key: string;
  kind: BoardItemKind;
  at: Date;
  /** `at` to the microsecond, for the cursor (a JS date keeps milliseconds only). */
  at_text: string;
  vote_id: number | null;
  resolution_id: number | null;
  meeting_id: number | null;
}

const KEY = /^[VRUM][1-9]\d{0,9}$/;
const AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

const encodeCursor = (row: NoticeRow) => Buffer.from(`${row.at_text}|${row.key}`).toString('base64url');

function decodeCursor(after: string): [string, string] {
  const [at, key, ...rest] = Buffer.from(after, 'base64url').toString().split('|');
  if (rest.length || !at || !key || !AT.test(at) || !KEY.test(key) || Number.isNaN(Date.parse(at))) {
    throw badInput({ after: { key: 'badCursor' } });
  }
  return [at, key];
}

function pageSize(first: number | undefined | null): number {
  if (first === undefined || first === null) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw badInput({ first: { key: 'pageTooLarge', params: { max: MAX_PAGE_SIZE } } });
  }
  return first;
}

/** Rows of `entity` by id, in one query (none when there are no ids). */
async function byIds<T extends { id: number }>(em: EntityManager, entity: new () => T, ids: (number | null)[]) {
  const wanted = [...new Set(ids.filter((id): id is number => id !== null))];
  const rows = wanted.length ? await em.find(entity, { id: { $in: wanted } } as never) : [];
  return new Map((rows as T[]).map((row) => [row.id, row]));
}

/**
 * 公示栏 of an area's subtree, newest first, for anyone (signed in or not): a page of notices,
 * their total, and the votes, resolutions and meetings they show, in five statements whatever
 * the page size. The union is paged by its own keyset (published at, key): the rows come from
 * three tables, so the entity paginator does not apply.
 */
export async function publicBoard(
  em: EntityManager,
  areaId: string,
  page: PageArgs,
  now = new Date(),
): Promise<ConnectionShape<BoardNotice>> {
  const size = pageSize(page.first);
  const area = await getArea(em, areaId);
  const prefix = `${area.path}%`;
  const prefixes = [prefix, prefix, prefix, prefix];
  const cursor = page.after ? decodeCursor(page.after) : null;
  const rows = await em.execute<NoticeRow[]>(
    `select key, kind, at, to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at_text,
            vote_id, resolution_id, meeting_id
       from (${NOTICES}) notices
      ${cursor ? 'where (at, key) < (?::timestamptz, ?)' : ''}
      order by at desc, key desc limit ?`,
    [...prefixes, ...(cursor ?? []), size + 1],
  );
  const [count] = await em.execute<{ total: string }[]>(`select count(*) as total from (${NOTICES}) notices`, prefixes);
  const shown = rows.slice(0, size);
  const votes = await byIds(
    em,
    Vote,
    shown.map((row) => row.vote_id),
  );
  const resolutions = await byIds(
    em,
    Resolution,
    shown.map((row) => row.resolution_id),
  );
  const meetings = await byIds(
    em,
    Meeting,
    shown.map((row) => row.meeting_id),
  );
  const edges = shown.map((row) => {
    const vote = row.vote_id ? (votes.get(row.vote_id) ?? null) : null;
    return {
      cursor: encodeCursor(row),
      node: {
        id: row.key,
        kind: row.kind,
        publishedAt: new Date(row.at),
        inPublicity: !!vote?.publicityEndsAt && vote.publicityEndsAt.getTime() > now.getTime(),
        vote,
        resolution: row.resolution_id ? (resolutions.get(row.resolution_id) ?? null) : null,
        meeting: row.meeting_id ? (meetings.get(row.meeting_id) ?? null) : null,
      },
    };
  });
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > size, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount: Number(count?.total ?? 0),
  };
}

/** Vote.objections: each vote's objections, oldest first, for a whole page of votes in one query. */
export const objectionsOf = (ctx: Context) =>
  requestLoader<number, Objection[]>(ctx, 'voteObjections', async (ids) => {
    const rows = await ctx.em.find(
      Objection,
      { vote: { $in: [...ids] } },
      { orderBy: { createdAt: 'asc', id: 'asc' } },
    );
    const groups = new Map<number, Objection[]>(ids.map((id) => [id, []]));
    for (const row of rows) groups.get(row.vote.id)?.push(row);
    return ids.map((id) => groups.get(id)!);
  });

/** Unanswered objections to votes in the areas where the viewer answers them: one count. */
export async function countObjectionsToAnswer(em: EntityManager, viewer: Viewer | null): Promise<number> {
  const scopes = viewer?.scopesFor(OBJECTION_ANSWERER_ROLES) ?? [];
  if (scopes.length === 0) return 0;
  const [row] = await em.execute<{ total: string }[]>(
    `select count(*) as total from objection o join vote v on v.id = o.vote_id
      where o.answered_at is null and v.area_path like any(?::text[])`,
    [`{${scopes.map((path) => `"${path}%"`).join(',')}}`],
  );
  return Number(row?.total ?? 0);
}
