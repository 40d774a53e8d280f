import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertClosedVote, insertMeetingWithMinutes } from '../helpers/council.js';
import { createTestServer, DEMO_ACCOUNTS, type TestServer } from '../helpers/server.js';

let server: TestServer;
let ids: Record<string, string>;
let userIds: Record<string, string>;

const {
  resident,
  neighbour,
  communityStaff: staff,
  streetAdmin,
  otherCommunityStaff,
  otherStreetAdmin,
} = DEMO_ACCOUNTS;

const codeOf = (result: { errors?: { extensions: { code: string } }[] }) => result.errors?.[0]?.extensions.code;
const fieldsOf = (result: { errors?: { extensions: { fields?: Record<string, string> } }[] }) =>
  Object.keys(result.errors?.[0]?.extensions.fields ?? {});

const BOARD = `query($areaId: ID!, $first: Int, $after: String) { publicBoard(areaId: $areaId, first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor }
  edges { cursor node { id kind publishedAt inPublicity vote { id title outcome resultPdfUrl
    objections { id reason answer author { displayName } availableActions } }
    resolution { id title percent } meeting { id title } } } } }`;
const OBJECT = `mutation($voteId: ID!, $reason: String!) { objectToResult(voteId: $voteId, reason: $reason) {
  id reason answer author { displayName } availableActions vote { id } } }`;
const ANSWER = `mutation($id: ID!, $answer: String!) { answerObjection(id: $id, answer: $answer) {
  id answer answeredAt availableActions } }`;

beforeAll(async () => {
  server = await createTestServer();
  ids = await server.areaIds();
  userIds = await server.userIds();
}, 120_000);
afterAll(() => server?.close());

/** A published vote on the area, open for objections. */
const publishedVote = (
  areaName: string,
  extra: Parameters<typeof insertClosedVote>[1] extends infer O ? Partial<O> : never = {},
) => insertClosedVote(server, { areaId: ids[areaName]!, openedById: userIds[staff]!, ...extra });

async function boardOf(areaName: string, first = 50, as?: string) {
  const result = await server.gql(BOARD, { areaId: ids[areaName], first }, { as });
  expect(result.errors).toBeUndefined();
  return result.data.publicBoard;
}

describe('the public board (公示栏)', () => {
  it('shows published results, resolutions with each progress update and published minutes of the subtree, newest first, signed out', async () => {
    const unpublished = await publishedVote('光明社区', { title: '未公示的表决', publishedHoursAgo: null });
    const vote = await publishedVote('光明第一网格', { title: '光明路面修补表决', publishedHoursAgo: 5 });
    const meeting = await insertMeetingWithMinutes(server, {
      areaId: ids['光明社区']!,
      createdById: userIds[staff]!,
      title: '光明社区议事会',
      hoursAgo: 3,
    });
    const elsewhere = await publishedVote('和平社区', { title: '和平社区的表决', publishedHoursAgo: 1 });
    const [resolution] = await server.sql<{ id: number }>(
      `insert into resolution (area_id, area_path, street_id, community_id, grid_id, title, vote_id, owner_user_id, due_at, percent, status, created_by_id, created_at, version)
       select area_id, area_path, street_id, community_id, grid_id, '修补路面', id, ?, now() + interval '30 days', 0, 'IN_PROGRESS', ?, now() - interval '4 hours', 1
         from vote where id = ? returning id`,
      [Number(userIds[staff]), Number(userIds[staff]), Number(vote)],
    );
    await server.sql(
      `insert into resolution_update (resolution_id, percent, note, author_id, created_at) values (?, 30, '已开工', ?, now() - interval '2 hours')`,
      [resolution!.id, Number(userIds[staff])],
    );

    const board = await boardOf('光明社区');
    const notices = board.edges.map((edge: any) => [edge.node.kind, edge.node.id]);
    expect(notices).toEqual([
      ['RESOLUTION', expect.stringMatching(/^U/)],
      ['MINUTES', `M${meeting}`],
      ['RESOLUTION', `R${resolution!.id}`],
      ['VOTE_RESULT', `V${vote}`],
    ]);
    expect(board.totalCount).toBe(4);
    const result = board.edges[3].node;
    expect(result).toMatchObject({
      inPublicity: true,
      vote: { id: vote, title: '光明路面修补表决', outcome: 'PASSED', resultPdfUrl: `/votes/${vote}/result.pdf` },
    });
    expect(board.edges[0].node.resolution).toEqual({ id: String(resolution!.id), title: '修补路面', percent: 0 });
    expect(board.edges[1].node.meeting).toEqual({ id: meeting, title: '光明社区议事会' });
    const shown = JSON.stringify(board);
    expect(shown).not.toContain(`"V${unpublished}"`);
    expect(shown).not.toContain(`"V${elsewhere}"`);
    // A publicity period that is over: still on the board, no longer open for objections.
    const old = await publishedVote('光明社区', { title: '去年的表决', publishedHoursAgo: 24 * 30 });
    const later = await boardOf('光明社区');
    expect(later.edges.at(-1).node).toMatchObject({ id: `V${old}`, inPublicity: false });
  });

  it('pages by cursor through every notice once, and refuses a bad cursor or page size', async () => {
    for (let i = 0; i < 5; i++)
      await publishedVote('东岭村', { title: `东岭村表决${i}`, publishedHoursAgo: 1 + (i % 2) });
    const seen: string[] = [];
    let after: string | null = null;
    let total: number;
    do {
      const result: any = await server.gql(BOARD, { areaId: ids['东岭村'], first: 2, after });
      expect(result.errors).toBeUndefined();
      total = result.data.publicBoard.totalCount;
      seen.push(...result.data.publicBoard.edges.map((edge: any) => edge.node.id));
      after = result.data.publicBoard.pageInfo.hasNextPage ? result.data.publicBoard.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
    expect(total).toBeGreaterThanOrEqual(5);

    for (const bad of [
      'x',
      Buffer.from('2026-01-01|V1').toString('base64url'),
      Buffer.from("x|V1'; drop").toString('base64url'),
    ]) {
      const result = await server.gql(BOARD, { areaId: ids['东岭村'], first: 2, after: bad });
      expect(codeOf(result)).toBe('BAD_USER_INPUT');
      expect(fieldsOf(result)).toEqual(['after']);
    }
    for (const first of [0, -1, 101]) {
      expect(codeOf(await server.gql(BOARD, { areaId: ids['东岭村'], first }))).toBe('BAD_USER_INPUT');
    }
    expect(codeOf(await server.gql(BOARD, { areaId: '999999' }))).toBe('NOT_FOUND');
    expect(codeOf(await server.gql(BOARD, { areaId: 'abc' }))).toBe('NOT_FOUND');
  });

  it('reads a page of any size in the same number of statements', async () => {
    for (let i = 0; i < 30; i++) await publishedVote('和平第二网格', { title: `和平表决${i}` });
    await insertMeetingWithMinutes(server, { areaId: ids['和平第二网格']!, createdById: userIds[staff]! });
    const statements = async (first: number) => {
      const counts: number[] = [];
      for (let i = 0; i < 3; i++)
        counts.push(await server.countQueries(() => server.gql(BOARD, { areaId: ids['和平第二网格'], first })));
      return Math.min(...counts);
    };
    const small = await statements(3);
    const large = await statements(30);
    expect(large).toBeLessThanOrEqual(small);
    expect(small).toBeLessThanOrEqual(8);
  });
});

describe('objections (异议) to a published result', () => {
  it('are lodged by a resident of the area during publicity, answered once by staff, and the author is shown only to them', async () => {
    const vote = await publishedVote('幸福里第一网格', { title: '1号楼外墙翻新表决' });
    const lodged = await server.gql(
      OBJECT,
      { voteId: vote, reason: '计票时没有公开唱票，希望复核。' },
      { as: resident },
    );
    expect(lodged.errors).toBeUndefined();
    const objection = lodged.data.objectToResult;
    expect(objection).toMatchObject({ reason: '计票时没有公开唱票，希望复核。', answer: null, availableActions: [] });
    expect(objection.author.displayName).toBe('赵桂兰');

    // Staff over the area hear of it and have it as a to-do.
    const told = await server.sql<{ kind: string; params: { vote: string } }>(
      `select kind, params from notification where recipient_id = ? and subject_type = 'objection' and subject_id = ?`,
      [Number(userIds[staff]), Number(objection.id)],
    );
    expect(told).toEqual([{ kind: 'OBJECTION_LODGED', params: { vote: '1号楼外墙翻新表决' } }]);
    // The notification links the objection, and through it the vote's page.
    const inbox = await server.gql(
      '{ notifications(first: 1) { edges { node { kind objection { id vote { id } } } } } }',
      {},
      { as: staff },
    );
    expect(inbox.data.notifications.edges[0].node).toEqual({
      kind: 'OBJECTION_LODGED',
      objection: { id: objection.id, vote: { id: vote } },
    });
    const todos = async (as: string) =>
      (await server.gql('{ myTodos { objectionsToAnswer } }', {}, { as })).data.myTodos;
    const before = (await todos(staff)).objectionsToAnswer;
    expect(before).toBeGreaterThanOrEqual(1);
    expect((await todos(otherCommunityStaff)).objectionsToAnswer).toBe(0);
    expect((await todos(resident)).objectionsToAnswer).toBe(0);

    // Public, the author named to staff and the author only.
    const authorAs = async (as?: string) => {
      const board = await boardOf('幸福里第一网格', 100, as);
      const item = board.edges.find((edge: any) => edge.node.id === `V${vote}`);
      return item.node.vote.objections[0];
    };
    expect((await authorAs(undefined)).author).toBeNull();
    expect((await authorAs(neighbour)).author).toBeNull();
    expect((await authorAs(otherCommunityStaff)).author).toBeNull();
    expect((await authorAs(resident)).author).toEqual({ displayName: '赵桂兰' });
    expect(await authorAs(staff)).toMatchObject({ author: { displayName: '赵桂兰' }, availableActions: ['ANSWER'] });

    // Answered by staff over the area only, once.
    expect(codeOf(await server.gql(ANSWER, { id: objection.id, answer: '好的' }, { as: resident }))).toBe('FORBIDDEN');
    expect(codeOf(await server.gql(ANSWER, { id: objection.id, answer: '好的' }, { as: otherCommunityStaff }))).toBe(
      'FORBIDDEN',
    );
    expect(codeOf(await server.gql(ANSWER, { id: objection.id, answer: '好的' }, { as: otherStreetAdmin }))).toBe(
      'FORBIDDEN',
    );
    expect(codeOf(await server.gql(ANSWER, { id: '999999', answer: '好的' }, { as: staff }))).toBe('NOT_FOUND');
    expect(fieldsOf(await server.gql(ANSWER, { id: objection.id, answer: '  ' }, { as: staff }))).toEqual(['answer']);
    expect(fieldsOf(await server.gql(ANSWER, { id: objection.id, answer: 'x'.repeat(1001) }, { as: staff }))).toEqual([
      'answer',
    ]);
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        server.gql(
          ANSWER,
          { id: objection.id, answer: `已复核计票记录，结果无误。${i}` },
          { as: i % 2 ? staff : streetAdmin },
        ),
      ),
    );
    expect(answers.filter((result) => !result.errors)).toHaveLength(1);
    expect(answers.filter((result) => codeOf(result) === 'INVALID_STATE')).toHaveLength(5);
    const answered = answers.find((result) => !result.errors)!.data.answerObjection;
    expect(answered.answer).toMatch(/^已复核计票记录，结果无误。/);
    expect(answered.availableActions).toEqual([]);
    const [row] = await server.sql<{ answer: string }>('select answer from objection where id = ?', [
      Number(objection.id),
    ]);
    expect(row!.answer).toBe(answered.answer);
    expect((await todos(staff)).objectionsToAnswer).toBe(before - 1);

    // The author hears the answer; the answer is on the record.
    const [notice] = await server.sql<{ params: { vote: string; answer: string } }>(
      `select params from notification where recipient_id = ? and kind = 'OBJECTION_ANSWERED' and subject_id = ?`,
      [Number(userIds[resident]), Number(objection.id)],
    );
    expect(notice!.params).toEqual({ vote: '1号楼外墙翻新表决', answer: answered.answer });
    const audit = await server.sql<{ action: string }>(
      `select action from audit_entry where target_type = 'Objection' and target_id = ?`,
      [objection.id],
    );
    expect(audit).toEqual([{ action: 'objection.answer' }]);

    // Answered: the author may object again.
    const again = await server.gql(OBJECT, { voteId: vote, reason: '答复没有说明唱票的情况。' }, { as: resident });
    expect(again.errors).toBeUndefined();
  });

  it('are refused outside the publicity period, to people the result does not concern, and with a bad reason, changing nothing', async () => {
    const vote = await publishedVote('幸福里第一网格', { title: '拒绝测试表决' });
    const unpublished = await publishedVote('幸福里第一网格', { publishedHoursAgo: null });
    const over = await publishedVote('幸福里第一网格', { publishedHoursAgo: 24 * 6 });
    const count = async () =>
      Number(
        (
          await server.sql<{ n: string }>('select count(*) n from objection where vote_id = any(?::int[])', [
            `{${vote},${unpublished},${over}}`,
          ])
        )[0]!.n,
      );
    const reason = '我对结果有疑问，请说明。';

    expect(codeOf(await server.gql(OBJECT, { voteId: vote, reason }))).toBe('UNAUTHENTICATED');
    expect(codeOf(await server.gql(OBJECT, { voteId: unpublished, reason }, { as: resident }))).toBe('INVALID_STATE');
    expect(codeOf(await server.gql(OBJECT, { voteId: over, reason }, { as: resident }))).toBe('INVALID_STATE');
    expect(codeOf(await server.gql(OBJECT, { voteId: '999999', reason }, { as: resident }))).toBe('NOT_FOUND');
    expect(codeOf(await server.gql(OBJECT, { voteId: 'x', reason }, { as: resident }))).toBe('NOT_FOUND');
    // Lives elsewhere and was no elector.
    expect(codeOf(await server.gql(OBJECT, { voteId: vote, reason }, { as: otherCommunityStaff }))).toBe('FORBIDDEN');
    expect(codeOf(await server.gql(OBJECT, { voteId: vote, reason }, { as: otherStreetAdmin }))).toBe('FORBIDDEN');
    for (const bad of ['短', '    四个字    ', 'x'.repeat(1001), '有异议\u0000有异议', '']) {
      const result = await server.gql(OBJECT, { voteId: vote, reason: bad }, { as: resident });
      expect(codeOf(result)).toBe('BAD_USER_INPUT');
      expect(fieldsOf(result)).toEqual(['reason']);
    }
    expect(await count()).toBe(0);
  });

  it('may be lodged by an elector who lives elsewhere', async () => {
    const vote = await publishedVote('幸福里第一网格', { electorIds: [userIds[otherCommunityStaff]!] });
    const result = await server.gql(
      OBJECT,
      { voteId: vote, reason: '选民名单里有我，结果有疑问。' },
      { as: otherCommunityStaff },
    );
    expect(result.errors).toBeUndefined();
  });

  it('are one open objection per person and vote, even sent many times at once', async () => {
    const vote = await publishedVote('幸福里第一网格', { title: '并发异议表决' });
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        server.gql(OBJECT, { voteId: vote, reason: '同一条异议，连点了很多次。' }, { as: neighbour }),
      ),
    );
    expect(results.filter((result) => !result.errors)).toHaveLength(1);
    expect(results.filter((result) => codeOf(result) === 'CONFLICT')).toHaveLength(9);
    const rows = await server.sql('select id from objection where vote_id = ?', [Number(vote)]);
    expect(rows).toHaveLength(1);
  });

  it('are limited per person: a script lodging them over and over is slowed down', async () => {
    const [person] = await server.sql<{ phone: string }>(
      `select u.phone from app_user u join area a on a.id = u.home_area_id
        where a.path like (select path || '%' from area where id = ?) and u.phone like '139%' order by u.id desc limit 1`,
      [Number(ids['幸福里第一网格'])],
    );
    const vote = await publishedVote('幸福里第一网格');
    const codes: (string | undefined)[] = [];
    for (let i = 0; i < 21; i++) {
      codes.push(codeOf(await server.gql(OBJECT, { voteId: vote, reason: `第${i}次提出异议` }, { as: person!.phone })));
    }
    expect(codes[0]).toBeUndefined();
    expect(codes.slice(1, 20).every((code) => code === 'CONFLICT')).toBe(true);
    expect(codes[20]).toBe('RATE_LIMITED');
  });
});

describe('the printable result (公示 PDF)', () => {
  async function pdfText(body: Buffer): Promise<string> {
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(body)), { mergePages: true });
    return text;
  }

  it('is public once published: the figures, each option, the outcome, the period, objections and answers', async () => {
    const vote = await publishedVote('3号楼', {
      title: '3号楼屋顶防水维修表决',
      electorate: 'OWNERS',
      rulePreset: 'OWNERS_MAJOR',
      options: [
        { label: '赞成', count: 20, area: 1900.5 },
        { label: '反对', count: 3, area: 280 },
        { label: '弃权', count: 1, area: 90 },
      ],
      eligibleCount: 30,
    });
    const [objection] = await server.sql<{ id: number }>(
      `insert into objection (vote_id, author_id, reason, answer, answered_at, answered_by_id, created_at)
       values (?, ?, '面积统计有误', '已按房产证面积复核', now(), ?, now()) returning id`,
      [Number(vote), Number(userIds[resident]), Number(userIds[staff])],
    );
    expect(objection).toBeDefined();
    const response = await server.app.http.inject({ method: 'GET', url: `/votes/${vote}/result.pdf` });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    const text = (await pdfText(response.rawPayload)).replace(/\s+/g, '');
    for (const expected of [
      '表决结果公示',
      '3号楼屋顶防水维修表决',
      '幸福街道幸福里社区幸福里第一网格3号楼',
      '业主共同决定重大事项',
      '应参与：30',
      '实际参与：24',
      '80.0%',
      '1900.50',
      '通过',
      '面积统计有误',
      '已按房产证面积复核',
    ]) {
      expect(text).toContain(expected);
    }
    const english = await server.app.http.inject({
      method: 'GET',
      url: `/votes/${vote}/result.pdf`,
      headers: { 'accept-language': 'en' },
    });
    expect((await pdfText(english.rawPayload)).replace(/\s+/g, ' ')).toContain('Published result of a vote');
  });

  it('is not there before publication, nor for no such vote', async () => {
    const vote = await publishedVote('幸福里社区', { publishedHoursAgo: null });
    for (const id of [vote, '999999', 'abc']) {
      const response = await server.app.http.inject({ method: 'GET', url: `/votes/${id}/result.pdf` });
      expect(response.statusCode).toBe(404);
      expect(response.json().code).toBe('NOT_FOUND');
    }
  });
});
