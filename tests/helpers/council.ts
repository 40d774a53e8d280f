import type { TestServer } from './server.js';

// Votes, meetings and resolutions the board's tests stand on, written straight to the database:
// opening and closing votes belongs to votes/, whose own tests go through the API. Only the
// columns the board reads are filled (those closeVote stores).

export interface ClosedVoteOptions {
  /** The area of the vote (its levels are copied from the area tree). */
  areaId: string;
  openedById: string;
  title?: string;
  outcome?: 'PASSED' | 'FAILED' | 'NO_QUORUM';
  electorate?: 'PARTICIPANTS' | 'COMMITTEE' | 'RESIDENTS' | 'HOUSEHOLDS' | 'OWNERS';
  rulePreset?: string;
  secret?: boolean;
  /** Options with their counts at close (and floor areas for OWNERS). */
  options?: { label: string; count: number; area?: number }[];
  eligibleCount?: number;
  /** Published this many hours ago (null: closed but not published). */
  publishedHoursAgo?: number | null;
  /** The publicity period's length in days (5 by default). */
  publicityDays?: number;
  /** People in the electorate (vote_elector rows). */
  electorIds?: string[];
  topicId?: string | null;
}

/** A closed vote as closeVote leaves it: counts on the options, the outcome, published (公示) unless told otherwise. */
export async function insertClosedVote(server: TestServer, options: ClosedVoteOptions): Promise<string> {
  const choices = options.options ?? [
    { label: '赞成', count: 30 },
    { label: '反对', count: 10 },
    { label: '弃权', count: 2 },
  ];
  const cast = choices.reduce((sum, choice) => sum + choice.count, 0);
  const publishedHoursAgo = options.publishedHoursAgo === undefined ? 1 : options.publishedHoursAgo;
  const owners = options.electorate === 'OWNERS';
  const [vote] = await server.sql<{ id: number }>(
    `insert into vote (area_id, area_path, street_id, community_id, grid_id, title, description, topic_id, method, max_choices,
                       threshold, electorate, rule_preset, secret, opens_at, closes_at, closed_at, eligible_count, eligible_area,
                       ballots_cast_at_close, participating_area_at_close, outcome, published_at, publicity_ends_at, opened_by_id, created_at)
     select a.id, a.path,
            (select s.id from area s where s.id = any(string_to_array(trim(both '/' from a.path), '/')::int[]) and s.kind = 'STREET'),
            (select c.id from area c where c.id = any(string_to_array(trim(both '/' from a.path), '/')::int[]) and c.kind in ('COMMUNITY', 'VILLAGE')),
            (select g.id from area g where g.id = any(string_to_array(trim(both '/' from a.path), '/')::int[]) and g.kind = 'GRID'),
            ?, '说明', ?, 'YES_NO_ABSTAIN', 1, 'SIMPLE_MAJORITY', ?, ?, ?,
            now() - interval '3 days', now() - interval '2 hours', now() - interval '2 hours', ?, ?, ?, ?, ?,
            case when ?::float is null then null else now() - make_interval(secs => ?::float * 3600) end,
            case when ?::float is null then null else now() - make_interval(secs => ?::float * 3600) + make_interval(days => ?) end,
            ?, now() - interval '3 days'
       from area a where a.id = ? returning id`,
    [
      options.title ?? '小区绿化改造表决',
      options.topicId ? Number(options.topicId) : null,
      options.electorate ?? 'RESIDENTS',
      options.rulePreset ?? 'RESIDENTS_MEETING',
      options.secret ?? true,
      options.eligibleCount ?? 60,
      owners ? 1000 : null,
      cast,
      owners ? choices.reduce((sum, choice) => sum + (choice.area ?? 0), 0) : null,
      options.outcome ?? 'PASSED',
      publishedHoursAgo,
      publishedHoursAgo,
      publishedHoursAgo,
      publishedHoursAgo,
      options.publicityDays ?? 5,
      Number(options.openedById),
      Number(options.areaId),
    ],
  );
  const voteId = vote!.id;
  for (const [position, choice] of choices.entries()) {
    await server.sql(
      'insert into vote_option (vote_id, label, position, count_at_close, area_at_close) values (?, ?, ?, ?, ?)',
      [voteId, choice.label, position, choice.count, owners ? (choice.area ?? 0) : null],
    );
  }
  for (const userId of options.electorIds ?? []) {
    await server.sql('insert into vote_elector (vote_id, user_id) values (?, ?)', [voteId, Number(userId)]);
  }
  return String(voteId);
}

/** A meeting of the area whose minutes were published `hoursAgo`. */
export async function insertMeetingWithMinutes(
  server: TestServer,
  options: { areaId: string; createdById: string; title?: string; hoursAgo?: number },
): Promise<string> {
  const [meeting] = await server.sql<{ id: number }>(
    `insert into meeting (area_id, area_path, street_id, community_id, grid_id, title, kind, starts_at, minutes, minutes_published_at,
                          check_in_secret, created_by_id, created_at, updated_at)
     select a.id, a.path,
            (select s.id from area s where s.id = any(string_to_array(trim(both '/' from a.path), '/')::int[]) and s.kind = 'STREET'),
            (select c.id from area c where c.id = any(string_to_array(trim(both '/' from a.path), '/')::int[]) and c.kind in ('COMMUNITY', 'VILLAGE')),
            (select g.id from area g where g.id = any(string_to_array(trim(both '/' from a.path), '/')::int[]) and g.kind = 'GRID'),
            ?, 'RESIDENT_COUNCIL', now() - interval '2 days', '会议纪要', now() - make_interval(secs => ?::float * 3600),
            md5(random()::text), ?, now() - interval '3 days', now()
       from area a where a.id = ? returning id`,
    [options.title ?? '居民议事会', options.hoursAgo ?? 2, Number(options.createdById), Number(options.areaId)],
  );
  return String(meeting!.id);
}
