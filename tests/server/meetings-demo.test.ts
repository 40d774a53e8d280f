import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_MEETINGS } from '../../server/src/seed/demo-council.data.js';
import { createTestServer, DEMO_ACCOUNTS, type TestServer } from '../helpers/server.js';

let server: TestServer;

beforeAll(async () => {
  server = await createTestServer();
});

afterAll(async () => {
  await server.close();
});

const FIELDS = `title startsAt place invitedCount checkedInCount quorumReached minutes minutesPublishedAt
  myAttendance { role checkedInAt } participants { checkInMethod }`;

describe('the demo meetings', () => {
  it('has the upcoming council with the demo resident and neighbour invited, nobody checked in yet', async () => {
    const result = await server.gql(
      `query($from: DateTime) { meetings(filter: { mine: true, from: $from }) { edges { node { ${FIELDS} } } } }`,
      { from: new Date().toISOString() },
      { as: DEMO_ACCOUNTS.resident },
    );
    const [upcoming] = result.data.meetings.edges.map((edge: { node: unknown }) => edge.node);
    expect(upcoming).toMatchObject({
      title: DEMO_MEETINGS.upcoming,
      invitedCount: 12,
      checkedInCount: 0,
      minutes: null,
    });
    expect(upcoming.myAttendance).toEqual({ role: 'RESIDENT', checkedInAt: null });
    const startsAt = new Date(upcoming.startsAt);
    expect(startsAt.getTime()).toBeGreaterThan(Date.now() + 2 * 86_400_000);
    expect(startsAt.getUTCHours()).toBe(11); // 19:00 in Shanghai
    const told = await server.sql<{ n: number }>(
      `select count(*)::int n from notification n join app_user u on u.id = n.recipient_id
        where n.kind = 'MEETING_SCHEDULED' and u.phone = ?`,
      [DEMO_ACCOUNTS.neighbour],
    );
    expect(told[0]!.n).toBe(2);
  });

  it('has last month’s council with 14 checked in, some by staff, and its minutes published for all', async () => {
    const result = await server.gql(
      `query($to: DateTime) { meetings(filter: { to: $to, kinds: [RESIDENT_COUNCIL] }) { edges { node { ${FIELDS} } } } }`,
      { to: new Date().toISOString() },
      { as: DEMO_ACCOUNTS.communityStaff },
    );
    const past = result.data.meetings.edges
      .map((edge: { node: { title: string } }) => edge.node)
      .find((node: { title: string }) => node.title === DEMO_MEETINGS.past);
    expect(past.checkedInCount).toBe(14);
    expect(past.quorumReached).toBe(true);
    const methods = past.participants.map((p: { checkInMethod: string | null }) => p.checkInMethod);
    expect(methods.filter((m: string | null) => m === 'STAFF').length).toBeGreaterThan(0);
    expect(methods.filter((m: string | null) => m === 'CODE').length).toBeGreaterThan(0);
    expect(past.minutesPublishedAt).not.toBeNull();
    const anonymous = await server.gql(
      `{ meetings(filter: { kinds: [RESIDENT_COUNCIL] }) { edges { node { title minutes } } } }`,
    );
    const seen = anonymous.data.meetings.edges.find(
      (edge: { node: { title: string } }) => edge.node.title === DEMO_MEETINGS.past,
    );
    expect(seen.node.minutes).toContain('加装电梯');
  });
});
