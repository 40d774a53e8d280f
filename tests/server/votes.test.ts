import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { closeDueVotes } from '../../server/src/votes/votes.service.js';
import { createTestServer, DEMO_ACCOUNTS, type TestServer } from '../helpers/server.js';

// Votes (表决), issue 14: opening over a snapshot, casting once across channels (also when the
// same ballot comes many times at once), secret ballots that nothing links to their voter,
// closing by hand or by itself, the topic following the outcome, and the refusals.

let server: TestServer;
let ids: Record<string, string>;
let userIds: Record<string, string>;
/** Every line the server logged, for the secrecy test. */
const logLines: string[] = [];
const {
  resident,
  neighbour,
  volunteer,
  communityStaff: staff,
  streetAdmin,
  otherCommunityStaff,
  otherStreetAdmin,
} = DEMO_ACCOUNTS;

const VOTE_FIELDS = `id title status method maxChoices electorate rulePreset secret eligibleCount ballotsCast turnout
  quorumReached options { id label position } results { option { id label } count area } outcome outcomeExplanation
  viewerEligible viewerHasVoted availableActions eligibleArea participatingArea closedAt publishedAt publicityEndsAt
  area { id } topic { id status } meeting { id }`;

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

beforeAll(async () => {
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  server = await createTestServer({}, { logger: pino({ level: 'trace' }, sink) });
  ids = await server.areaIds();
  userIds = await server.userIds();
});
afterAll(() => {
  if (process.env.VOTES_TEST_LOG)
    console.log(
      logLines
        .filter((l) => l.includes('"level":50'))
        .slice(0, 5)
        .join('\n'),
    );
  return server?.close();
});
// Many votes are opened here, far more than a staff member's hourly limit.
beforeEach(() => server.sql(`delete from rate_limit_window where key like 'vote.%'`));

async function pathOf(areaId: string) {
  const [row] = await server.sql<{ path: string }>('select path from area where id = ?', [Number(areaId)]);
  return row!.path;
}

/** The AreaLevels columns of a row placed in the area (street, community, grid from its path). */
async function levels(areaId: string) {
  const path = await pathOf(areaId);
  const [street, community, grid] = path.split('/').filter(Boolean).map(Number);
  return { area: Number(areaId), path, street: street!, community: community ?? null, grid: grid ?? null };
}

async function insertHousehold(
  building: string,
  label: string,
  floorArea: number | null,
  members: { phone: string; owner: boolean; adult?: boolean }[],
  representative?: string,
) {
  const l = await levels(ids[building]!);
  const [row] = await server.sql<{ id: number }>(
    `insert into household (area_id, area_path, street_id, community_id, grid_id, label, floor_area, representative_id, created_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, now()) returning id`,
    [
      l.area,
      l.path,
      l.street,
      l.community,
      l.grid,
      label,
      floorArea,
      representative ? Number(userIds[representative]) : null,
    ],
  );
  for (const member of members) {
    await server.sql(
      'insert into household_member (household_id, user_id, is_owner, adult, created_at) values (?, ?, ?, ?, now())',
      [row!.id, Number(userIds[member.phone]), member.owner, member.adult ?? true],
    );
  }
  return row!.id;
}

async function insertTopic(title: string, status = 'ADMITTED') {
  const l = await levels(ids['幸福里社区']!);
  const [row] = await server.sql<{ id: number }>(
    `insert into topic (area_id, area_path, street_id, community_id, grid_id, title, description, status, proposer_id, template, created_at)
     values (?, ?, ?, ?, null, ?, '', ?, ?, 'RESIDENT_COUNCIL', now()) returning id`,
    [l.area, l.path, l.street, l.community, title, status, Number(userIds[resident])],
  );
  await server.sql('insert into topic_support (topic_id, user_id, created_at) values (?, ?, now())', [
    row!.id,
    Number(userIds[neighbour]),
  ]);
  return String(row!.id);
}

/** A meeting of 幸福里社区 with the topics on its agenda; `checkedIn` are checked in, `invited` only invited. */
async function insertMeeting(topicIds: string[], checkedIn: string[], invited: string[] = []) {
  const l = await levels(ids['幸福里社区']!);
  const [row] = await server.sql<{ id: number }>(
    `insert into meeting (area_id, area_path, street_id, community_id, grid_id, title, kind, starts_at, check_in_secret,
       created_by_id, created_at, updated_at)
     values (?, ?, ?, ?, null, '议事会', 'RESIDENT_COUNCIL', now(), 'secret', ?, now(), now()) returning id`,
    [l.area, l.path, l.street, l.community, Number(userIds[staff])],
  );
  for (const [position, topicId] of topicIds.entries()) {
    await server.sql('insert into meeting_topic (meeting_id, topic_id, position) values (?, ?, ?)', [
      row!.id,
      Number(topicId),
      position,
    ]);
  }
  for (const phone of [...checkedIn, ...invited]) {
    await server.sql(
      `insert into meeting_participant (meeting_id, user_id, role, invited, checked_in_at, check_in_method, created_at)
       values (?, ?, 'RESIDENT', true, ?, ?, now())`,
      [
        row!.id,
        Number(userIds[phone]),
        checkedIn.includes(phone) ? new Date() : null,
        checkedIn.includes(phone) ? 'STAFF' : null,
      ],
    );
  }
  return String(row!.id);
}

function open(as: string, input: Record<string, unknown>) {
  return server.gql(
    `mutation($input: OpenVoteInput!) { openVote(input: $input) { ${VOTE_FIELDS} } }`,
    {
      input: {
        title: '夜间错时停车方案',
        method: 'YES_NO_ABSTAIN',
        electorate: 'RESIDENTS',
        secret: true,
        closesAt: inDays(3),
        ...input,
      },
    },
    { as },
  );
}

async function opened(as: string, input: Record<string, unknown>) {
  const result = await open(as, input);
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data.openVote;
}

function cast(as: string, voteId: string, optionIds: string[]) {
  return server.gql(
    `mutation($voteId: ID!, $optionIds: [ID!]!) { castBallot(voteId: $voteId, optionIds: $optionIds) { receipt vote { id ballotsCast viewerHasVoted } } }`,
    { voteId, optionIds },
    { as },
  );
}

function paper(as: string, voteId: string, userId: string, optionIds: string[]) {
  return server.gql(
    `mutation($voteId: ID!, $userId: ID!, $optionIds: [ID!]!) { recordPaperBallot(voteId: $voteId, userId: $userId, optionIds: $optionIds) }`,
    { voteId, userId, optionIds },
    { as },
  );
}

function close(as: string, id: string) {
  return server.gql(`mutation($id: ID!) { closeVote(id: $id) { ${VOTE_FIELDS} } }`, { id }, { as });
}

async function readVote(id: string, as?: string) {
  const result = await server.gql(`query($id: ID!) { vote(id: $id) { ${VOTE_FIELDS} } }`, { id }, as ? { as } : {});
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data.vote;
}

const codeOf = (result: { errors?: { extensions: { code: string } }[] }) => result.errors?.[0]?.extensions.code;
const fieldsOf = (result: { errors?: { extensions: { fields?: Record<string, string> } }[] }) =>
  Object.keys(result.errors?.[0]?.extensions.fields ?? {});
const optionId = (vote: { options: { id: string; label: string }[] }, label: string) =>
  vote.options.find((o) => o.label === label)!.id;

describe('openVote', () => {
  it('snapshots the residents of the community, leaving out registered minors', async () => {
    const community = await pathOf(ids['幸福里社区']!);
    const residents = await server.sql<{ phone: string }>(
      `select u.phone from app_user u join area a on a.id = u.home_area_id where a.path like ? order by u.id`,
      [`${community}%`],
    );
    const minor = residents.find((r) => r.phone.startsWith('139'))!.phone;
    await insertHousehold('1号楼', '9单元901', 90, [{ phone: minor, owner: false, adult: false }]);

    // Minors registered by the demo's households too, whoever they are.
    const [minors] = await server.sql<{ n: number }>(
      `select count(distinct m.user_id)::int as n from household_member m join app_user u on u.id = m.user_id
         join area a on a.id = u.home_area_id where not m.adult and a.path like ?`,
      [`${community}%`],
    );
    expect(minors!.n).toBeGreaterThan(0);

    const vote = await opened(staff, { areaId: ids['幸福里社区'], rulePreset: 'RESIDENTS_MEETING' });
    expect(vote).toMatchObject({
      status: 'OPEN',
      eligibleCount: residents.length - minors!.n,
      ballotsCast: 0,
      results: null,
      maxChoices: 1,
    });
    // The community's staff member lives there too: she may vote as well as run the vote.
    expect(vote.availableActions).toEqual(['CAST', 'RECORD_PAPER_BALLOT', 'CLOSE', 'VIEW_VOTERS']);
    expect(vote.options.map((o: { label: string }) => o.label)).toEqual(['赞成', '反对', '弃权']);

    const seen = await readVote(vote.id, resident);
    expect(seen).toMatchObject({ viewerEligible: true, viewerHasVoted: false, availableActions: ['CAST'] });
    expect((await readVote(vote.id, minor)).viewerEligible).toBe(false);
    // Anyone may read it, signed in or not.
    expect((await readVote(vote.id)).eligibleCount).toBe(residents.length - minors!.n);

    const todos = await server.gql(
      `{ myTodos { votesToCast } votes(filter: { statuses: [OPEN], eligible: true, notVoted: true }) { totalCount } }`,
      {},
      { as: resident },
    );
    expect(todos.data.myTodos.votesToCast).toBeGreaterThan(0);
    expect(todos.data.myTodos.votesToCast).toBe(todos.data.votes.totalCount);
  });

  it('refuses those who may not run votes there, and unknown or bad input, writing nothing', async () => {
    const [before] = await server.sql<{ n: number }>('select count(*)::int as n from vote');
    const community = { areaId: ids['幸福里社区'] };
    expect(codeOf(await open(resident, community))).toBe('FORBIDDEN');
    expect(codeOf(await open(otherCommunityStaff, community))).toBe('FORBIDDEN');
    expect(codeOf(await open(otherStreetAdmin, community))).toBe('FORBIDDEN');
    expect(
      codeOf(
        await server.gql(
          'mutation { openVote(input: { title: "x", method: YES_NO_ABSTAIN, electorate: RESIDENTS, secret: true, closesAt: "2099-01-01T00:00:00Z", areaId: "1" }) { id } }',
        ),
      ),
    ).toBe('UNAUTHENTICATED');
    expect(codeOf(await open(staff, { areaId: '99999999' }))).toBe('NOT_FOUND');
    expect(codeOf(await open(staff, { areaId: 'abc' }))).toBe('NOT_FOUND');
    expect(codeOf(await open(staff, { ...community, meetingId: '99999999' }))).toBe('NOT_FOUND');
    expect(codeOf(await open(staff, { ...community, topicId: '99999999' }))).toBe('NOT_FOUND');

    const bad = async (input: Record<string, unknown>, field: string) => {
      const result = await open(staff, { ...community, ...input });
      expect(codeOf(result), JSON.stringify(input)).toBe('BAD_USER_INPUT');
      expect(fieldsOf(result)).toContain(field);
    };
    await bad({ title: '' }, 'title');
    await bad({ title: 'x'.repeat(201) }, 'title');
    await bad({ title: 'a\u0000b' }, 'title');
    await bad({ method: 'SINGLE_CHOICE', options: ['甲'] }, 'options');
    await bad({ method: 'SINGLE_CHOICE', options: ['甲', '甲'] }, 'options');
    await bad({ method: 'MULTIPLE_CHOICE', options: ['甲', '乙'], maxChoices: 5 }, 'maxChoices');
    await bad({ method: 'MULTIPLE_CHOICE', options: ['甲', '乙'], maxChoices: -1 }, 'maxChoices');
    await bad({ closesAt: inDays(-1) }, 'closesAt');
    await bad({ closesAt: inDays(91) }, 'closesAt');
    await bad({ quorum: 1.5 }, 'quorum');
    await bad({ quorum: -0.1 }, 'quorum');
    await bad({ rulePreset: 'OWNERS_MAJOR' }, 'rulePreset');
    await bad({ electorate: 'PARTICIPANTS' }, 'meetingId');
    await bad({ electorate: 'COMMITTEE' }, 'committeeId');
    // No household is registered in 幸福里第二网格: a household vote there has nobody to ask.
    const [secondGrid] = await server.sql<{ id: number }>(`select id from area where name = '幸福里第二网格'`);
    await bad({ areaId: String(secondGrid!.id), electorate: 'HOUSEHOLDS' }, 'electorate');

    const [after] = await server.sql<{ n: number }>('select count(*)::int as n from vote');
    expect(after!.n).toBe(before!.n);
  });

  it('answers a retry with the same key with the first vote, and refuses the key for another input', async () => {
    const input = { areaId: ids['1号楼'], idempotencyKey: 'open-vote-retry-1', secret: false, closesAt: inDays(2) };
    const first = await opened(staff, input);
    const again = await opened(staff, input);
    expect(again.id).toBe(first.id);
    expect(codeOf(await open(staff, { ...input, title: '别的表决' }))).toBe('CONFLICT');
  });
});

describe('castBallot', () => {
  let vote: { id: string; options: { id: string; label: string }[] };
  beforeAll(async () => {
    vote = await opened(staff, { areaId: ids['幸福里社区'], title: '投票测试', secret: true });
  });

  it('takes one ballot per elector and gives a receipt that verifies it', async () => {
    const result = await cast(resident, vote.id, [optionId(vote, '赞成')]);
    expect(result.errors).toBeUndefined();
    const { receipt } = result.data.castBallot;
    expect(receipt.length).toBeGreaterThanOrEqual(16);
    expect(result.data.castBallot.vote).toMatchObject({ id: vote.id, ballotsCast: 1, viewerHasVoted: true });

    const verify = (voteId: string, code: string) =>
      server.gql('query($voteId: ID!, $receipt: String!) { verifyBallot(voteId: $voteId, receipt: $receipt) }', {
        voteId,
        receipt: code,
      });
    expect((await verify(vote.id, receipt)).data.verifyBallot).toBe(true);
    expect((await verify(vote.id, `${receipt}x`)).data.verifyBallot).toBe(false);
    expect((await verify('99999999', receipt)).data.verifyBallot).toBe(false);
    // Never stored in clear.
    const [stored] = await server.sql<{ n: number }>('select count(*)::int as n from ballot where receipt_hash = ?', [
      receipt,
    ]);
    expect(stored!.n).toBe(0);

    const twice = await cast(resident, vote.id, [optionId(vote, '反对')]);
    expect(codeOf(twice)).toBe('CONFLICT');
  });

  it('refuses people outside the electorate, unknown votes, bad choices and the signed out', async () => {
    expect(codeOf(await cast(otherStreetAdmin, vote.id, [optionId(vote, '赞成')]))).toBe('FORBIDDEN');
    expect(codeOf(await cast(neighbour, '99999999', [optionId(vote, '赞成')]))).toBe('NOT_FOUND');
    expect(codeOf(await cast(neighbour, 'x', [optionId(vote, '赞成')]))).toBe('NOT_FOUND');
    expect(codeOf(await cast(neighbour, vote.id, []))).toBe('BAD_USER_INPUT');
    expect(codeOf(await cast(neighbour, vote.id, [optionId(vote, '赞成'), optionId(vote, '反对')]))).toBe(
      'BAD_USER_INPUT',
    );
    expect(codeOf(await cast(neighbour, vote.id, ['99999999']))).toBe('BAD_USER_INPUT');
    expect(codeOf(await cast(neighbour, vote.id, ['-1']))).toBe('BAD_USER_INPUT');
    expect(
      codeOf(await server.gql(`mutation { castBallot(voteId: "${vote.id}", optionIds: ["1"]) { receipt } }`)),
    ).toBe('UNAUTHENTICATED');
    const [row] = await server.sql<{ n: number }>(
      'select count(*)::int as n from vote_participation where vote_id = ? and cast_by_id = ?',
      [Number(vote.id), Number(userIds[neighbour])],
    );
    expect(row!.n).toBe(0);
  });

  it('keeps exactly one ballot when the same ballot arrives 30 times at once', async () => {
    const results = await Promise.all(
      Array.from({ length: 30 }, () => cast(neighbour, vote.id, [optionId(vote, '反对')])),
    );
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(results.filter((r) => r.errors).map(codeOf)).toEqual(Array(29).fill('CONFLICT'));
    const [counts] = await server.sql<{ p: number; b: number }>(
      `select (select count(*)::int from vote_participation where vote_id = ?) as p,
              (select count(*)::int from ballot where vote_id = ?) as b`,
      [Number(vote.id), Number(vote.id)],
    );
    expect(counts).toEqual({ p: 2, b: 2 });
  });

  it('refuses ballots once the closing time has passed, before the job closed it', async () => {
    const late = await opened(staff, { areaId: ids['1号楼'], title: '已过截止时间' });
    await server.sql(
      "update vote set opens_at = opens_at - interval '2 days', closes_at = now() - interval '1 minute' where id = ?",
      [Number(late.id)],
    );
    expect(codeOf(await cast(resident, late.id, [optionId(late, '赞成')]))).toBe('INVALID_STATE');
  });
});

describe('a secret vote', () => {
  it('links no voter to a choice: not the ballot row, the API, the audit log or the server log', async () => {
    const vote = await opened(staff, { areaId: ids['幸福里社区'], title: '秘密表决', secret: true });
    const firstLog = logLines.length;
    const chosen = optionId(vote, '反对');
    const result = await cast(resident, vote.id, [chosen]);
    expect(result.errors).toBeUndefined();
    const receipt: string = result.data.castBallot.receipt;
    // Paper too.
    const onPaper = await paper(staff, vote.id, userIds[neighbour]!, [chosen]);
    expect(onPaper.errors).toBeUndefined();
    expect(onPaper.data.recordPaperBallot).toBe(true);

    // The ballot: random id, the choice, no elector, no time; nothing else in the table could order it.
    const columns = await server.sql<{ column_name: string }>(
      `select column_name from information_schema.columns where table_name = 'ballot' order by column_name`,
    );
    expect(columns.map((c) => c.column_name)).toEqual([
      'elector_id',
      'floor_area',
      'id',
      'option_ids',
      'receipt_hash',
      'vote_id',
    ]);
    const ballots = await server.sql<{ elector_id: number | null; id: string }>(
      'select elector_id, id from ballot where vote_id = ?',
      [Number(vote.id)],
    );
    expect(ballots).toHaveLength(2);
    expect(ballots.every((b) => b.elector_id === null)).toBe(true);
    // Version-4 (random) uuids, not time-ordered ones.
    expect(ballots.every((b) => b.id[14] === '4')).toBe(true);

    // The API: no results while open, voters without choices, no open ballots.
    const seen = await server.gql(
      `query($id: ID!) { vote(id: $id) { results { count } openBallots { totalCount } voters { totalCount edges { node { user { id } channel castAt } } } } }`,
      { id: vote.id },
      { as: staff },
    );
    expect(seen.data.vote.results).toBeNull();
    expect(seen.data.vote.openBallots).toBeNull();
    expect(seen.data.vote.voters.totalCount).toBe(2);
    expect(JSON.stringify(seen.data)).not.toContain(`"${chosen}"`);

    // The audit log: who was entered on paper, never what.
    const audit = await server.sql<{ action: string; before: unknown; after: unknown }>(
      `select action, before, after from audit_entry where target_type = 'Vote' and target_id = ?`,
      [vote.id],
    );
    expect(audit.map((a) => a.action).sort()).toEqual(['vote.open', 'vote.paperBallot']);
    for (const entry of audit) expect(JSON.stringify(entry)).not.toMatch(/option|反对|赞成/);

    // The server log of those requests: never the choice, the receipt or the ballot.
    const logged = logLines.slice(firstLog).join('\n');
    expect(logged.length).toBeGreaterThan(0);
    expect(logged).not.toContain(receipt);
    expect(logged).not.toMatch(/optionIds|option_ids|反对/);
    for (const ballot of ballots) expect(logged).not.toContain(ballot.id);
  });
});

describe('closeVote and the topic', () => {
  it('counts, publishes for five days, moves the topic and tells its people; then takes no more ballots', async () => {
    const topicId = await insertTopic('楼下增设充电桩');
    const meetingId = await insertMeeting([topicId], [resident, neighbour, volunteer], [otherCommunityStaff]);
    const bad = await open(staff, {
      meetingId,
      electorate: 'PARTICIPANTS',
      topicId: await insertTopic('不在议程上的议题'),
    });
    expect(codeOf(bad)).toBe('BAD_USER_INPUT');
    expect(fieldsOf(bad)).toEqual(['topicId']);

    const vote = await opened(staff, {
      meetingId,
      topicId,
      electorate: 'PARTICIPANTS',
      rulePreset: 'RESIDENTS_MEETING',
      secret: false,
    });
    expect(vote).toMatchObject({ eligibleCount: 3, meeting: { id: meetingId }, topic: { id: topicId } });
    expect(vote.results).toEqual(
      vote.options.map((o: { id: string; label: string }) => ({
        option: { id: o.id, label: o.label },
        count: 0,
        area: null,
      })),
    );
    const notified = await server.sql<{ recipient_id: number }>(
      `select recipient_id from notification where kind = 'VOTE_OPENED' and subject_id = ? order by recipient_id`,
      [Number(vote.id)],
    );
    expect(notified.map((n) => String(n.recipient_id)).sort()).toEqual(
      [resident, neighbour, volunteer].map((p) => userIds[p]!).sort(),
    );

    expect(codeOf(await close(resident, vote.id))).toBe('FORBIDDEN');
    expect(codeOf(await close(otherCommunityStaff, vote.id))).toBe('FORBIDDEN');
    expect(codeOf(await close(otherStreetAdmin, vote.id))).toBe('FORBIDDEN');
    expect(codeOf(await close(staff, '99999999'))).toBe('NOT_FOUND');

    expect((await cast(resident, vote.id, [optionId(vote, '赞成')])).errors).toBeUndefined();
    expect((await paper(staff, vote.id, userIds[neighbour]!, [optionId(vote, '赞成')])).data.recordPaperBallot).toBe(
      true,
    );
    expect(codeOf(await cast(neighbour, vote.id, [optionId(vote, '反对')]))).toBe('CONFLICT');
    // An open vote shows its running count.
    expect(
      (await readVote(vote.id)).results.find((r: { option: { label: string } }) => r.option.label === '赞成').count,
    ).toBe(2);

    const closed = await close(staff, vote.id);
    expect(closed.errors).toBeUndefined();
    const result = closed.data.closeVote;
    expect(result).toMatchObject({
      status: 'CLOSED',
      outcome: 'PASSED',
      ballotsCast: 2,
      quorumReached: true,
      topic: { status: 'PASSED' },
    });
    expect(result.outcomeExplanation).toBe('参与 2/3，超过半数；赞成 2/2（参与表决者），超过半数');
    expect(new Date(result.publicityEndsAt).getTime() - new Date(result.publishedAt).getTime()).toBe(5 * 86_400_000);
    const published = await server.sql<{ recipient_id: number }>(
      `select recipient_id from notification where kind = 'RESULT_PUBLISHED' and subject_id = ?`,
      [Number(vote.id)],
    );
    expect(published.map((n) => String(n.recipient_id)).sort()).toEqual(
      [userIds[resident]!, userIds[neighbour]!].sort(),
    );
    // Notification.vote links the notice to the vote.
    const inbox = await server.gql(
      '{ notifications(first: 5) { edges { node { kind vote { id title } } } } }',
      {},
      { as: resident },
    );
    const notice = inbox.data.notifications.edges.find(
      (e: { node: { kind: string } }) => e.node.kind === 'RESULT_PUBLISHED',
    );
    expect(notice.node.vote).toEqual({ id: vote.id, title: vote.title });

    expect(codeOf(await close(staff, vote.id))).toBe('INVALID_STATE');
    expect(codeOf(await cast(volunteer, vote.id, [optionId(vote, '赞成')]))).toBe('INVALID_STATE');
    expect(codeOf(await paper(staff, vote.id, userIds[volunteer]!, [optionId(vote, '赞成')]))).toBe('INVALID_STATE');

    const english = await server.gql(
      `query($id: ID!) { vote(id: $id) { outcomeExplanation } }`,
      { id: vote.id },
      {
        headers: { 'accept-language': 'en' },
      },
    );
    expect(english.data.vote.outcomeExplanation).toBe(
      'took part: 2 of 3, more than half; for: 2 of 2 who took part, more than half',
    );

    // The open ballots: for staff and the meeting's participants.
    const ballots = await server.gql(
      `query($id: ID!) { vote(id: $id) { openBallots { totalCount edges { node { voter { id } options { label } } } } } }`,
      { id: vote.id },
      { as: volunteer },
    );
    expect(ballots.data.vote.openBallots.totalCount).toBe(2);
    expect(
      ballots.data.vote.openBallots.edges.map((e: { node: { voter: { id: string } } }) => e.node.voter.id).sort(),
    ).toEqual([userIds[resident]!, userIds[neighbour]!].sort());
    const stranger = await server.gql(
      `query($id: ID!) { vote(id: $id) { openBallots { totalCount } voters { totalCount } } }`,
      {
        id: vote.id,
      },
      { as: otherStreetAdmin },
    );
    expect(stranger.data.vote).toEqual({ openBallots: null, voters: null });
  });

  it('counts every ballot written when closing races with casting, and writes none after', async () => {
    const vote = await opened(staff, { areaId: ids['幸福里社区'], title: '边投边结束' });
    const voters = await server.sql<{ phone: string }>(
      `select u.phone from vote_elector e join app_user u on u.id = e.user_id where e.vote_id = ? order by u.id limit 12`,
      [Number(vote.id)],
    );
    await Promise.all(voters.map((v) => server.tokenFor(v.phone)));
    const [closing, ...ballots] = await Promise.all([
      new Promise((resolve) => setTimeout(resolve, 5)).then(() => close(staff, vote.id)),
      ...voters.map((v) => cast(v.phone, vote.id, [optionId(vote, '赞成')])),
    ]);
    expect(closing.errors).toBeUndefined();
    const accepted = ballots.filter((b) => !b.errors).length;
    expect(ballots.filter((b) => b.errors).map(codeOf)).toEqual(Array(voters.length - accepted).fill('INVALID_STATE'));
    const [stored] = await server.sql<{ p: number; b: number; counted: number }>(
      `select (select count(*)::int from vote_participation where vote_id = ?) as p,
              (select count(*)::int from ballot where vote_id = ?) as b,
              (select ballots_cast_at_close from vote where id = ?) as counted`,
      [Number(vote.id), Number(vote.id), Number(vote.id)],
    );
    expect(stored).toEqual({ p: accepted, b: accepted, counted: accepted });
  });

  it('closes by itself once past its closing time, once whatever the instances', async () => {
    const vote = await opened(staff, { areaId: ids['1号楼'], title: '自动截止' });
    await server.sql(
      `update vote set opens_at = now() - interval '2 days', closes_at = now() - interval '1 second' where id = ?`,
      [Number(vote.id)],
    );
    const runs = await Promise.all([
      closeDueVotes(server.app.orm.em.fork()),
      closeDueVotes(server.app.orm.em.fork()),
      closeDueVotes(server.app.orm.em.fork()),
    ]);
    expect(runs.flat().filter((id) => String(id) === vote.id)).toHaveLength(1);
    const closed = await readVote(vote.id);
    expect(closed).toMatchObject({ status: 'CLOSED', outcome: 'NO_QUORUM' });
    const [audits] = await server.sql<{ n: number }>(
      `select count(*)::int as n from audit_entry where action = 'vote.close' and target_id = ?`,
      [vote.id],
    );
    expect(audits!.n).toBe(1);
  });
});

describe('households and owners', () => {
  it('owners: one ballot per flat, whichever owner casts it (two at once: one), counted by head and area', async () => {
    const [owner1, owner2, owner3] = (
      await server.sql<{ phone: string }>(`select phone from app_user where phone like '1390000%' order by id limit 3`)
    ).map((r) => r.phone);
    await insertHousehold('4号楼', '9单元101', 100, [
      { phone: owner1!, owner: true },
      { phone: owner2!, owner: true },
    ]);
    await insertHousehold('4号楼', '9单元102', 50, [{ phone: owner3!, owner: true }]);
    // A tenant household: no owner, not in the electorate.
    await insertHousehold('4号楼', '9单元103', 70, [{ phone: volunteer, owner: false }]);
    const noArea = await insertHousehold('4号楼', '9单元104', null, [{ phone: streetAdmin, owner: true }]);
    const refused = await open(staff, { areaId: ids['4号楼'], electorate: 'OWNERS', rulePreset: 'OWNERS_ORDINARY' });
    expect(codeOf(refused)).toBe('BAD_USER_INPUT');
    expect(refused.errors![0]!.extensions.fields!.electorate).toContain('1');
    await server.sql('update household set floor_area = 30 where id = ?', [noArea]);

    const vote = await opened(staff, {
      areaId: ids['4号楼'],
      electorate: 'OWNERS',
      rulePreset: 'OWNERS_ORDINARY',
      secret: true,
    });
    expect(vote).toMatchObject({ eligibleCount: 3, eligibleArea: 180, participatingArea: 0 });
    expect((await readVote(vote.id, owner2)).viewerEligible).toBe(true);
    expect((await readVote(vote.id, volunteer)).viewerEligible).toBe(false);

    const both = await Promise.all([
      cast(owner1!, vote.id, [optionId(vote, '赞成')]),
      cast(owner2!, vote.id, [optionId(vote, '反对')]),
    ]);
    expect(both.filter((r) => !r.errors)).toHaveLength(1);
    expect(both.filter((r) => r.errors).map(codeOf)).toEqual(['CONFLICT']);
    expect((await readVote(vote.id, owner2)).viewerHasVoted).toBe(true);
    expect(codeOf(await cast(owner1!, vote.id, [optionId(vote, '赞成')]))).toBe('CONFLICT');
    expect((await cast(owner3!, vote.id, [optionId(vote, '赞成')])).errors).toBeUndefined();
    expect(codeOf(await paper(staff, vote.id, userIds[volunteer]!, [optionId(vote, '赞成')]))).toBe('BAD_USER_INPUT');
    expect(codeOf(await paper(resident, vote.id, userIds[streetAdmin]!, [optionId(vote, '赞成')]))).toBe('FORBIDDEN');
    expect((await paper(staff, vote.id, userIds[streetAdmin]!, [optionId(vote, '反对')])).data.recordPaperBallot).toBe(
      true,
    );

    const closed = (await close(staff, vote.id)).data.closeVote;
    // 3 of 3 flats, 180 of 180 m². 101 (100 m²) and 102 (50 m²) for or one of them against, 104 (30 m²) against.
    expect(closed.ballotsCast).toBe(3);
    expect(closed.participatingArea).toBe(180);
    const yes = closed.results.find((r: { option: { label: string } }) => r.option.label === '赞成');
    expect(yes.count + closed.results.find((r: { option: { label: string } }) => r.option.label === '反对').count).toBe(
      3,
    );
    expect(closed.outcome).toBe(yes.count >= 2 && yes.area > 90 ? 'PASSED' : 'FAILED');
  });

  it('households: the representative casts the household’s ballot, another member cannot', async () => {
    const [member] = (
      await server.sql<{ phone: string }>(
        `select phone from app_user where phone like '1390000%' order by id offset 5 limit 1`,
      )
    ).map((r) => r.phone);
    await insertHousehold(
      '4号楼',
      '9单元301',
      80,
      [
        { phone: neighbour, owner: true },
        { phone: member!, owner: false },
      ],
      neighbour,
    );
    const vote = await opened(staff, {
      areaId: ids['4号楼'],
      electorate: 'HOUSEHOLDS',
      rulePreset: 'RESIDENTS_MEETING',
    });
    expect(vote.eligibleCount).toBe(1);
    expect(codeOf(await cast(member!, vote.id, [optionId(vote, '赞成')]))).toBe('FORBIDDEN');
    expect((await cast(neighbour, vote.id, [optionId(vote, '赞成')])).errors).toBeUndefined();
  });
});

describe('votes list', () => {
  it('filters by several statuses, meeting and topic, and reads a page without a query per vote', async () => {
    for (let i = 0; i < 22; i++) await opened(staff, { areaId: ids['1号楼'], title: `列表 ${i}`, secret: i % 2 === 0 });
    expect(
      (await close(staff, (await opened(staff, { areaId: ids['1号楼'], title: '已结束' })).id)).errors,
    ).toBeUndefined();
    const list = (first: number) =>
      server.gql(
        `query($first: Int) { votes(first: $first, filter: { areaId: "${ids['幸福里社区']}", statuses: [OPEN, CLOSED] }) {
           totalCount edges { node { ${VOTE_FIELDS} } } } }`,
        { first },
        { as: staff },
      );
    const small = await server.countQueries(() => list(3));
    const large = await server.countQueries(() => list(20));
    expect(large).toBe(small);
    const page = await list(20);
    expect(page.errors).toBeUndefined();
    expect(page.data.votes.edges).toHaveLength(20);

    const closedOnly = await server.gql(`{ votes(filter: { statuses: [CLOSED] }) { edges { node { status } } } }`);
    expect(closedOnly.data.votes.edges.every((e: { node: { status: string } }) => e.node.status === 'CLOSED')).toBe(
      true,
    );
    expect(closedOnly.data.votes.edges.length).toBeGreaterThan(0);
    const none = await server.gql(`{ votes(filter: { meetingId: "99999999" }) { totalCount } }`);
    expect(none.data.votes.totalCount).toBe(0);
  });
});

describe('live turnout and the cost of a ballot', () => {
  it('tells subscribers of many ballots in one message per second, from any instance', async () => {
    const vote = await opened(staff, { areaId: ids['幸福里社区'], title: '实时投票率' });
    const heard: unknown[] = [];
    const subscription = server.app.events.subscribe('VOTE_CHANGED', Number(vote.id))[Symbol.asyncIterator]();
    const listening = (async () => {
      for (;;) {
        const next = await subscription.next();
        if (next.done) return;
        heard.push(next.value);
      }
    })();
    const voters = await server.sql<{ phone: string }>(
      `select u.phone from vote_elector e join app_user u on u.id = e.user_id where e.vote_id = ? order by u.id limit 8`,
      [Number(vote.id)],
    );
    const results = await Promise.all(voters.map((v) => cast(v.phone, vote.id, [optionId(vote, '赞成')])));
    expect(results.every((r) => !r.errors)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 2500));
    await subscription.return?.();
    await listening;
    // Eight ballots: one message (two if they straddled a window), never eight.
    expect(heard.length).toBeGreaterThanOrEqual(1);
    expect(heard.length).toBeLessThanOrEqual(2);
    expect(heard[0]).toEqual({ voteId: Number(vote.id) });
  });

  it('costs four statements: the session, the roles, the lookup, and participation with ballot together', async () => {
    const vote = await opened(staff, { areaId: ids['幸福里社区'], title: '语句数' });
    await Promise.all([server.tokenFor(volunteer), server.tokenFor(neighbour)]);
    let answer: Awaited<ReturnType<typeof cast>> | undefined;
    const statements = await server.countQueries(async () => {
      answer = await cast(volunteer, vote.id, [optionId(vote, '赞成')]);
    });
    expect(answer!.data.castBallot.receipt).toBeTruthy();
    // The cast helper asks for the vote back too: that is the client's choice, read after the ballot.
    const [vote2] = [answer!.data.castBallot.vote];
    expect(vote2.ballotsCast).toBe(1);
    const lean = await server.countQueries(() =>
      server.gql(
        `mutation($voteId: ID!, $optionIds: [ID!]!) { castBallot(voteId: $voteId, optionIds: $optionIds) { receipt } }`,
        { voteId: vote.id, optionIds: [optionId(vote, '赞成')] },
        { as: neighbour },
      ),
    );
    expect(lean).toBeLessThanOrEqual(4);
    expect(statements).toBeGreaterThan(lean);
  });
});
