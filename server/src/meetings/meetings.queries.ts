import { Cursor, raw, type EntityManager, type FilterQuery } from '@mikro-orm/postgresql';
import { inSubtree } from '../areas/area-levels.js';
import { getArea } from '../areas/areas.service.js';
import { Committee } from '../committees/committee.entity.js';
import type { Viewer } from '../platform/auth/viewer.js';
import type { Context } from '../platform/context.js';
import { notFound } from '../platform/errors.js';
import { findById } from '../platform/ids.js';
import { requestLoader } from '../platform/loaders.js';
import { pageSize, paginate, type ConnectionShape, type PageArgs } from '../platform/pagination.js';
import type { Topic } from '../topics/topic.entity.js';
import { Meeting, MeetingParticipant, MeetingTopic } from './meeting.entity.js';
import type { MeetingFilter } from './meetings.inputs.js';

/** Meetings the person has a row at (invited, or checked in uninvited): one indexed subquery. */
const attendedBy = (userId: number): FilterQuery<Meeting> =>
  ({
    [raw(
      (alias) =>
        `exists (select 1 from meeting_participant mp where mp.meeting_id = ${alias}.id and mp.user_id = ${Number(userId)})`,
    )]: true,
  }) as FilterQuery<Meeting>;

/**
 * Meetings are public: the filter narrows, it never hides. Upcoming (with `from` and no `to`)
 * soonest first, otherwise latest first. `mine` for someone signed out matches nothing.
 */
export async function listMeetings(
  em: EntityManager,
  viewer: Viewer | null,
  filter: MeetingFilter | null | undefined,
  page: PageArgs,
): Promise<ConnectionShape<Meeting>> {
  const conditions: FilterQuery<Meeting>[] = [];
  if (filter?.areaId !== undefined && filter.areaId !== null) {
    conditions.push(inSubtree(await getArea(em, filter.areaId)));
  }
  if (filter?.committeeId !== undefined && filter.committeeId !== null) {
    const committee = await findById(em, Committee, filter.committeeId);
    if (!committee) throw notFound();
    conditions.push({ committee: committee.id });
  }
  if (filter?.kinds?.length) conditions.push({ kind: { $in: filter.kinds } });
  if (filter?.mine) conditions.push(viewer ? attendedBy(viewer.id) : { id: { $in: [] } });
  if (filter?.from) conditions.push({ startsAt: { $gte: filter.from } });
  if (filter?.to) conditions.push({ startsAt: { $lte: filter.to } });
  const direction = filter?.from && !filter.to ? 'asc' : 'desc';
  const connection = await paginate(em, Meeting, { $and: conditions }, page, {
    orderBy: { startsAt: direction, id: direction },
  });
  await em.populate(
    connection.edges.map((edge) => edge.node),
    ['area'],
  );
  return connection;
}

const COMMITTEE_ORDER = { startsAt: 'desc', id: 'desc' } as const;

/**
 * A committee's meetings, latest first. The first page of every committee in a list comes
 * from one windowed query (and one for the rows); a later page (`after`) is one committee's.
 */
export function committeeMeetings(
  ctx: Context,
  committeeId: number,
  page: PageArgs,
): Promise<ConnectionShape<Meeting>> {
  if (page.after) return paginate(ctx.em, Meeting, { committee: committeeId }, page, { orderBy: COMMITTEE_ORDER });
  const first = pageSize(page.first);
  return requestLoader<number, ConnectionShape<Meeting>>(ctx, `committeeMeetings:${first}`, async (ids) => {
    const rows = await ctx.em.execute<{ id: number; committee_id: number; total: number }[]>(
      `select id, committee_id, total from (
         select id, committee_id, count(*) over (partition by committee_id)::int as total,
                row_number() over (partition by committee_id order by starts_at desc, id desc) as n
           from meeting where committee_id = any(?::int[])) ranked
        where n <= ? order by committee_id, n`,
      [`{${ids.join(',')}}`, first],
    );
    const meetings = rows.length ? await ctx.em.find(Meeting, { id: { $in: rows.map((row) => row.id) } }) : [];
    const byId = new Map(meetings.map((meeting) => [meeting.id, meeting]));
    const meta = ctx.em.getMetadata(Meeting);
    return ids.map((committeeId) => {
      const mine = rows.filter((row) => row.committee_id === committeeId);
      const nodes = mine.map((row) => byId.get(row.id)!);
      const last = nodes.at(-1);
      return {
        edges: nodes.map((node) => ({ cursor: Cursor.for(meta, node, COMMITTEE_ORDER), node })),
        pageInfo: {
          hasNextPage: (mine[0]?.total ?? 0) > nodes.length,
          endCursor: last ? Cursor.for(meta, last, COMMITTEE_ORDER) : null,
        },
        totalCount: mine[0]?.total ?? 0,
      };
    });
  }).load(committeeId);
}

export interface MeetingCounts {
  invited: number;
  checkedIn: number;
  invitedCheckedIn: number;
}

/** Invited, checked-in and invited-and-checked-in counts of a page of meetings, in one grouped query. */
export const countsOf = (ctx: Context) =>
  requestLoader<number, MeetingCounts>(ctx, 'meetingCounts', async (ids) => {
    const rows = await ctx.em.execute<
      { meeting_id: number; invited: number; checked_in: number; invited_checked_in: number }[]
    >(
      `select meeting_id,
              count(*) filter (where invited)::int as invited,
              count(*) filter (where checked_in_at is not null)::int as checked_in,
              count(*) filter (where invited and checked_in_at is not null)::int as invited_checked_in
         from meeting_participant where meeting_id = any(?::int[]) group by meeting_id`,
      [`{${ids.join(',')}}`],
    );
    const byId = new Map(rows.map((row) => [row.meeting_id, row]));
    return ids.map((id) => {
      const row = byId.get(id);
      return {
        invited: row?.invited ?? 0,
        checkedIn: row?.checked_in ?? 0,
        invitedCheckedIn: row?.invited_checked_in ?? 0,
      };
    });
  });

/** The viewer's own row at each meeting of a page, in one query. */
export const myAttendanceOf = (ctx: Context) =>
  requestLoader<number, MeetingParticipant | null>(ctx, 'meetingMyAttendance', async (ids) => {
    if (!ctx.viewer) return ids.map(() => null);
    const rows = await ctx.em.find(MeetingParticipant, { meeting: { $in: [...ids] }, user: ctx.viewer.id });
    const byMeeting = new Map(rows.map((row) => [row.meeting.id, row]));
    return ids.map((id) => byMeeting.get(id) ?? null);
  });

/** Everyone at each meeting of a page with their names, in one query: invited first, then by time. */
export const participantsOf = (ctx: Context) =>
  requestLoader<number, MeetingParticipant[]>(ctx, 'meetingParticipants', async (ids) => {
    const rows = await ctx.em.find(
      MeetingParticipant,
      { meeting: { $in: [...ids] } },
      { populate: ['user'], orderBy: { invited: 'desc', createdAt: 'asc', id: 'asc' } },
    );
    const groups = new Map<number, MeetingParticipant[]>(ids.map((id) => [id, []]));
    for (const row of rows) groups.get(row.meeting.id)?.push(row);
    return ids.map((id) => groups.get(id)!);
  });

/** The agenda of each meeting of a page, in order, in one query. */
export const agendaOf = (ctx: Context) =>
  requestLoader<number, Topic[]>(ctx, 'meetingAgenda', async (ids) => {
    const rows = await ctx.em.find(
      MeetingTopic,
      { meeting: { $in: [...ids] } },
      { populate: ['topic'], orderBy: { position: 'asc', id: 'asc' } },
    );
    const groups = new Map<number, Topic[]>(ids.map((id) => [id, []]));
    for (const row of rows) groups.get(row.meeting.id)?.push(row.topic.getEntity());
    return ids.map((id) => groups.get(id)!);
  });

/** Topic.meetings: the meetings with each topic on their agenda, latest first, in one query. */
export const meetingsOfTopic = (ctx: Context) =>
  requestLoader<number, Meeting[]>(ctx, 'topicMeetings', async (ids) => {
    const rows = await ctx.em.find(
      MeetingTopic,
      { topic: { $in: [...ids] } },
      { populate: ['meeting'], orderBy: { meeting: { startsAt: 'desc' }, id: 'desc' } },
    );
    const groups = new Map<number, Meeting[]>(ids.map((id) => [id, []]));
    for (const row of rows) groups.get(row.topic.id)?.push(row.meeting.getEntity());
    return ids.map((id) => groups.get(id)!);
  });

/** The minutes of those meetings of a page the viewer may read (the column is lazy), in one query. */
export const minutesOf = (ctx: Context) =>
  requestLoader<number, string | null>(ctx, 'meetingMinutes', async (ids) => {
    const rows = await ctx.em.execute<{ id: number; minutes: string | null }[]>(
      'select id, minutes from meeting where id = any(?::int[])',
      [`{${ids.join(',')}}`],
    );
    const byId = new Map(rows.map((row) => [row.id, row.minutes]));
    return ids.map((id) => byId.get(id) ?? null);
  });

/** Whether the viewer's home lies in the area at `path`: the viewer's home is read once per request. */
export async function viewerLivesIn(ctx: Context, path: string): Promise<boolean> {
  if (!ctx.viewer) return false;
  const viewer = ctx.viewer;
  const home = await requestLoader<number, string | null>(ctx, 'viewerHomePath', async (userIds) => {
    const rows = await ctx.em.execute<{ id: number; path: string }[]>(
      'select u.id, a.path from app_user u join area a on a.id = u.home_area_id where u.id = any(?::int[])',
      [`{${userIds.join(',')}}`],
    );
    const byId = new Map(rows.map((row) => [row.id, row.path]));
    return userIds.map((id) => byId.get(id) ?? null);
  }).load(viewer.id);
  return home !== null && home.startsWith(path);
}
