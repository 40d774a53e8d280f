import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  DESKTOP,
  DISPLAY_VARIANTS,
  PHONE,
  PHONES,
  DEMO_PASSWORD,
  expectReadable,
  gqlAs,
  newPage,
  newPageIn,
  screenshot,
  signIn,
  useAppAndBrowser,
} from '../helpers/browser.js';
import { DEMO_MEETINGS, DEMO_TOPICS } from '../../server/src/seed/demo-council.data.js';
import councilZh from '../../web/messages/zh-CN/council.json' with { type: 'json' };

/**
 * 议事厅 as residents meet it: a resident proposes a topic and a neighbour supports it; a
 * resident checks in to a meeting with the room's code (typed, or the QR's link after signing
 * in), votes on a phone, keeps the receipt and checks it; anyone reads the public board signed
 * out. Staff set each scene through the API, as their own pages are tested elsewhere.
 */
describe('议事厅 (resident side) in the browser', { timeout: 180_000 }, () => {
  const session = useAppAndBrowser();
  const variant = (name: string) => DISPLAY_VARIANTS.find((v) => v.name === name)!;

  async function open(phone: string, viewport = PHONE): Promise<Page> {
    const page = await newPage(session.browser, session.app.url, viewport);
    await signIn(page, phone);
    return page;
  }

  /** The demo's 幸福里社区, where the resident lives, and the resident's id, read as the resident. */
  async function scene() {
    const resident = await open(PHONES.resident, DESKTOP);
    const { me } = await gqlAs<{ me: { id: string; homeArea: { ancestors: { id: string; kind: string }[] } } }>(
      resident,
      '{ me { id homeArea { ancestors { id kind } } } }',
    );
    await resident.context().close();
    return { community: me.homeArea.ancestors.find((a) => a.kind === 'COMMUNITY')!.id, residentId: me.id };
  }

  async function scheduleMeeting(staff: Page, community: string, title: string, participantIds: string[]) {
    const data = await gqlAs<{ scheduleMeeting: { id: string } }>(
      staff,
      `mutation($input: ScheduleMeetingInput!) { scheduleMeeting(input: $input) { id } }`,
      {
        input: {
          title,
          kind: 'RESIDENT_COUNCIL',
          areaId: community,
          startsAt: new Date(Date.now() + 30 * 60_000).toISOString(),
          place: '幸福里社区党群服务中心二楼',
          participantIds,
          idempotencyKey: crypto.randomUUID(),
        },
      },
    );
    return data.scheduleMeeting.id;
  }

  async function checkInCode(staff: Page, meetingId: string) {
    const data = await gqlAs<{ meetingCheckInCode: { code: string; checkInUrl: string } }>(
      staff,
      `query($id: ID!) { meetingCheckInCode(meetingId: $id) { code checkInUrl } }`,
      { id: meetingId },
    );
    return data.meetingCheckInCode;
  }

  it('lets a resident propose a topic from 议事厅 and a neighbour support it', async () => {
    const TITLE = '2号楼门口的共享单车太多，建议划定停放区';
    const resident = await open(PHONES.resident);
    await resident.goto('/');
    await resident.locator('a.tile[href="/council"]').click();
    await resident.locator('h1', { hasText: councilZh.council_title }).waitFor();
    await resident.locator('a[href="/council/topics/new"]').first().click();
    await resident.locator('#topic-title').fill(TITLE);
    await resident
      .locator('#topic-description')
      .fill('早晚高峰门口被单车堵住，老人和推婴儿车的居民出不去。建议在东侧空地划停放区。');
    await resident.locator('form button[type=submit]').click();
    await resident.waitForURL(/\/council\/topics\/\d+/);
    const topicUrl = new URL(resident.url()).pathname;
    await resident.locator('h1', { hasText: TITLE }).waitFor();
    await resident.locator('.notice-success', { hasText: councilZh.council_proposed_notice }).waitFor();
    // The proposer does not support their own topic: the server offers them no button.
    await expect(resident.locator('.support-button').count()).resolves.toBe(0);
    await expectReadable(resident, 'council-topic-proposed', variant('360-zh-CN'));
    await resident.context().close();

    // The neighbour finds it among the topics collecting support and supports it, with big thumbs.
    const neighbour = await open(PHONES.resident2);
    await neighbour.goto('/council/topics?statuses=PROPOSED');
    await neighbour.locator('.topic-row', { hasText: TITLE }).locator('a').click();
    await neighbour.waitForURL((url) => url.pathname === topicUrl);
    const support = neighbour.locator('.support-button');
    const box = await support.boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(48);
    await support.click();
    await neighbour.locator('.notice-success', { hasText: councilZh.council_support_done }).waitFor();
    await expect(neighbour.locator('.support-count .big').textContent()).resolves.toBe('1');
    await neighbour.locator('.supported', { hasText: councilZh.council_you_support_long }).waitFor();
    await neighbour.context().close();

    // At a desk, the list shows it with one supporter, marked as mine for the neighbour's filter.
    const desk = await open(PHONES.resident2, DESKTOP);
    await desk.goto('/council/topics');
    await desk.locator('details.topic-filters > summary').click();
    await desk.locator('input[name=supported]').check();
    await desk.locator('form[role=search] button[type=submit]').click();
    const row = desk.locator('.topic-row', { hasText: TITLE });
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain(councilZh.council_you_support);
    await expectReadable(desk, 'council-topics', variant('1280-zh-CN'));
    await desk.goto('/council');
    await desk.locator('#council-topics-title').waitFor();
    await expectReadable(desk, 'council-hub', variant('1280-zh-CN'));
    await desk.context().close();
  });

  it('lets staff admit a topic from its page, by what the server offers them', async () => {
    const resident = await open(PHONES.resident);
    const { community } = await scene();
    const topic = await gqlAs<{ proposeTopic: { id: string } }>(
      resident,
      `mutation($input: ProposeTopicInput!) { proposeTopic(input: $input) { id } }`,
      {
        input: {
          title: '小区健身器材老化，建议更换',
          description: '单杠生锈，扭腰器坏了一个。',
          areaId: community,
          idempotencyKey: crypto.randomUUID(),
        },
      },
    );
    await resident.context().close();
    const staff = await open(PHONES.staff, DESKTOP);
    await staff.goto(`/council/topics/${topic.proposeTopic.id}`);
    await staff.locator('button[data-action=ADMIT]').click();
    await staff.locator('.notice-success', { hasText: councilZh.council_admitted }).waitFor();
    await staff.locator('.badge', { hasText: councilZh.council_topic_status_admitted }).first().waitFor();
    await staff.context().close();
  });

  it('checks a resident in from the room’s QR link after signing in first', async () => {
    const staff = await open(PHONES.staff, DESKTOP);
    const { community, residentId } = await scene();
    const meetingId = await scheduleMeeting(staff, community, '单车停放议事会', [residentId]);
    const { checkInUrl } = await checkInCode(staff, meetingId);
    const target = new URL(checkInUrl, session.app.url);
    expect(target.pathname).toBe(`/council/meetings/${meetingId}/check-in`);

    // The phone's camera opens the link signed out: sign-in first, then back with the code.
    const phone = await newPage(session.browser, session.app.url, PHONE);
    await phone.goto(target.pathname + target.search);
    await phone.locator('.notice', { hasText: councilZh.council_check_in_sign_in_first }).waitFor();
    await expectReadable(phone, 'council-check-in-signed-out', variant('360-zh-CN'));
    await phone.locator('a.button', { hasText: '登录' }).click();
    await phone.locator('#signin-method-password').check();
    await phone.locator('#phone').fill(PHONES.resident);
    await phone.locator('#password').fill(DEMO_PASSWORD);
    await phone.locator('form button[type=submit]').click();
    await phone.waitForURL((url) => url.pathname.endsWith('/check-in'));
    await phone.locator('.notice-success', { hasText: councilZh.council_check_in_done }).waitFor();
    await expectReadable(phone, 'council-checked-in', variant('360-zh-CN'));
    await phone.context().close();
    await staff.context().close();
  });

  it('lets a resident check in with the room’s code, vote on a phone, keep the receipt and verify it', async () => {
    const staff = await open(PHONES.staff, DESKTOP);
    const { community, residentId } = await scene();
    const neighbour = await open(PHONES.resident2, DESKTOP);
    const { me: neighbourMe } = await gqlAs<{ me: { id: string } }>(neighbour, '{ me { id } }');
    const meetingId = await scheduleMeeting(staff, community, '健身器材更换议事会', [residentId, neighbourMe.id]);
    const { code } = await checkInCode(staff, meetingId);
    await gqlAs(neighbour, `mutation($id: ID!, $code: String) { checkIn(meetingId: $id, code: $code) { id } }`, {
      id: meetingId,
      code,
    });

    const resident = await open(PHONES.resident);
    await resident.goto('/council/meetings?tab=mine');
    await resident.locator('.meeting-row', { hasText: '健身器材更换议事会' }).locator('a').click();
    await resident.waitForURL(new RegExp(`/council/meetings/${meetingId}$`));
    await resident.locator('#check-in-code').fill('000000' === code ? '111111' : '000000');
    await resident.locator('.check-in-form button[type=submit]').click();
    await resident.locator('.check-in-form .field-error').waitFor();
    await resident.locator('#check-in-code').fill(code);
    await resident.locator('.check-in-form button[type=submit]').click();
    await resident.locator('[data-testid=my-attendance]', { hasText: councilZh.council_checked_in }).waitFor();
    await expect(resident.locator('[data-testid=attendance]').textContent()).resolves.toContain('2');
    await expectReadable(resident, 'council-meeting', variant('360-zh-CN'));

    // Staff open a secret vote of the checked-in participants.
    const vote = await gqlAs<{ openVote: { id: string } }>(
      staff,
      `mutation($input: OpenVoteInput!) { openVote(input: $input) { id } }`,
      {
        input: {
          title: '是否同意更换健身器材',
          meetingId,
          method: 'YES_NO_ABSTAIN',
          electorate: 'PARTICIPANTS',
          rulePreset: 'CUSTOM',
          threshold: 'SIMPLE_MAJORITY',
          secret: true,
          closesAt: new Date(Date.now() + 24 * 3600_000).toISOString(),
          idempotencyKey: crypto.randomUUID(),
        },
      },
    );
    const voteId = vote.openVote.id;
    // The neighbour watches the turnout at a desk while the resident votes.
    await neighbour.goto(`/council/votes/${voteId}`);
    await expect(neighbour.locator('[data-testid=ballots-cast]').textContent()).resolves.toBe('0');

    // The vote is on the home page's to-dos and in 议事厅.
    await resident.goto('/');
    await resident.locator('a[data-todo=votesToCast]').click();
    await resident.locator('.vote-card', { hasText: '是否同意更换健身器材' }).waitFor();
    await expectReadable(resident, 'council-hub', variant('360-zh-CN'));
    await resident.locator('.vote-card', { hasText: '是否同意更换健身器材' }).locator('a.button').click();
    await resident.waitForURL(new RegExp(`/council/votes/${voteId}$`));
    const yes = resident.locator('label.option', { hasText: '赞成' });
    const box = await yes.boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(56);
    expect(box!.width).toBeGreaterThan(PHONE.width * 0.75);
    await yes.click();
    await expectReadable(resident, 'council-ballot', variant('360-zh-CN'));
    await resident.locator('.ballot form button[type=submit]').click();
    await resident.locator('[data-testid=ballot-confirm]', { hasText: '赞成' }).waitFor();
    await resident.locator('[data-testid=ballot-confirm] button.primary').click();
    const receipt = (await resident.locator('[data-testid=receipt]').textContent())!.trim();
    expect(receipt.length).toBeGreaterThanOrEqual(16);
    await expect(resident.locator('[data-testid=ballots-cast]').textContent()).resolves.toBe('1');
    // Live, without reloading: the neighbour's page counts the ballot.
    await neighbour.locator('[data-testid=ballots-cast]', { hasText: '1' }).waitFor();
    await neighbour.context().close();
    // The same ballot in English with large text still fits a phone.
    const large = await newPageIn(session.browser, session.app.url, variant('360-large-en'));
    await signIn(large, PHONES.resident2);
    await large.goto(`/council/votes/${voteId}`);
    await large.locator('label.option').first().waitFor();
    await expectReadable(large, 'council-ballot', variant('360-large-en'));
    await large.context().close();
    await expectReadable(resident, 'council-receipt', variant('360-zh-CN'));

    // The receipt is not shown again: the page says I voted and points to the check.
    await resident.reload();
    await resident.locator('[data-testid=voted]').waitFor();
    await expect(resident.locator('[data-testid=receipt]').count()).resolves.toBe(0);
    await resident.locator(`[data-testid=voted] a[href="/council/votes/${voteId}/verify"]`).click();
    await resident.locator('#verify-receipt').fill(receipt);
    await resident.locator('form button[type=submit]').click();
    await resident.locator('[data-verified=true]').waitFor();
    await expectReadable(resident, 'council-verified', variant('360-zh-CN'));
    await resident.locator('#verify-receipt').fill(`${receipt.slice(0, -1)}${receipt.endsWith('A') ? 'B' : 'A'}`);
    await resident.locator('form button[type=submit]').click();
    await resident.locator('[data-verified=false]').waitFor();
    await resident.context().close();

    // Closed, the result is counted and published, and the resident may object during publicity.
    await gqlAs(staff, `mutation($id: ID!) { closeVote(id: $id) { id } }`, { id: voteId });
    const after = await open(PHONES.resident, DESKTOP);
    await after.goto(`/council/votes/${voteId}`);
    await after.locator('.results-card li[data-option="赞成"]', { hasText: '1' }).waitFor();
    await after.locator('#objection-reason').fill('到会人数太少，建议下次会议再表决一次。');
    await after.locator('.object-form button[type=submit]').click();
    await after.locator('.objection', { hasText: '到会人数太少' }).waitFor();
    await expectReadable(after, 'council-vote-result', variant('1280-zh-CN'));
    await after.context().close();

    // Staff answer it on the same page, offered by the server; the answer is on the record.
    await staff.goto(`/council/votes/${voteId}`);
    const objection = staff.locator('.objection', { hasText: '到会人数太少' });
    await objection.locator('button[data-action=ANSWER]').click();
    await objection.locator('textarea').fill('本次表决到会人数符合规则，结果有效；下次会议前会提前通知。');
    await objection.locator('form.answer-form button[type=submit]').click();
    await staff.locator('.objection[data-answered=true]', { hasText: '结果有效' }).waitFor();
    await staff.context().close();

    // The printable notice (公示) is public: counts, outcome, and the objection waiting for its answer.
    const notice = await newPageIn(session.browser, session.app.url, variant('360-zh-CN'));
    await notice.goto(`/board/${community}/votes/${voteId}`);
    await notice.locator('.result-table').waitFor();
    await expect(notice.locator('.result-table tbody tr', { hasText: '赞成' }).textContent()).resolves.toContain('1');
    await notice.locator('.objections li', { hasText: '结果有效' }).waitFor();
    await expectReadable(notice, 'council-result-notice', variant('360-zh-CN'));
    await notice.emulateMedia({ media: 'print' });
    await screenshot(notice, 'council-result-notice-print-360');
    await notice.context().close();
  });

  it('shows the public board signed out on a phone, ready to print', async () => {
    const staff = await open(PHONES.staff, DESKTOP);
    const { community } = await scene();
    const meetingId = await scheduleMeeting(staff, community, '楼道照明议事会', []);
    await gqlAs(staff, `mutation($id: ID!, $text: String!) { writeMinutes(meetingId: $id, text: $text) { id } }`, {
      id: meetingId,
      text: '一、议定 1号楼楼道灯更换为声控灯，物业两周内完成。\n二、费用由公共收益列支。',
    });
    await gqlAs(staff, `mutation($id: ID!) { publishMinutes(meetingId: $id) { id } }`, { id: meetingId });
    await staff.context().close();

    for (const name of ['360-zh-CN', '360-large-en', '1280-zh-CN']) {
      const page = await newPageIn(session.browser, session.app.url, variant(name));
      await page.goto(`/board/${community}`);
      await page.locator('.notice-item[data-kind=MINUTES]', { hasText: '楼道照明议事会' }).waitFor();
      await expectReadable(page, 'council-board', variant(name));
      // On paper only the notices remain.
      await page.emulateMedia({ media: 'print' });
      await expect(page.locator('.site-header').isVisible()).resolves.toBe(false);
      await expect(page.locator('.notice-item').first().isVisible()).resolves.toBe(true);
      if (name === '360-zh-CN') await screenshot(page, 'council-board-print-360');
      await page.context().close();
    }
  });

  it('shows the resident the demo’s deliberation: the upcoming council, its topic, last month’s minutes', async () => {
    const resident = await open(PHONES.resident);
    // The invitation in 消息 opens the meeting.
    await resident.goto('/messages');
    await resident.locator('.message[data-kind=MEETING_SCHEDULED] a').first().click();
    await resident.waitForURL(/\/council\/meetings\/\d+$/);
    await resident.goto('/council');
    await resident.locator('.meeting-row', { hasText: DEMO_MEETINGS.upcoming }).locator('a').click();
    await resident.locator('h1', { hasText: DEMO_MEETINGS.upcoming }).waitFor();
    await resident.locator('[data-testid=my-attendance]').waitFor();
    await resident.locator('.agenda a', { hasText: DEMO_TOPICS.parking }).click();
    await resident.locator('h1', { hasText: DEMO_TOPICS.parking }).waitFor();
    await resident.locator('.stages li').first().waitFor();
    await expectReadable(resident, 'council-demo-topic', variant('360-zh-CN'));
    await resident.goto('/council/meetings?tab=past');
    await resident.locator('.meeting-row', { hasText: DEMO_MEETINGS.past }).locator('a').click();
    await resident.locator('#meeting-minutes-title').waitFor();
    await expectReadable(resident, 'council-demo-past-meeting', variant('360-zh-CN'));
    await resident.context().close();
  });

  it('reads well in every size and language: hub, topics, a topic, meetings, a meeting', async () => {
    const first = await open(PHONES.resident, DESKTOP);
    const found = await gqlAs<{
      topics: { edges: { node: { id: string } }[] };
      meetings: { edges: { node: { id: string; title: string } }[] };
    }>(
      first,
      `query($search: String) {
        topics(filter: { search: $search }, first: 1) { edges { node { id } } }
        meetings(filter: { mine: true }, first: 20) { edges { node { id title } } }
      }`,
      { search: DEMO_TOPICS.parking },
    );
    await first.context().close();
    const topicId = found.topics.edges[0]!.node.id;
    const meetingId = found.meetings.edges.find((e) => e.node.title === DEMO_MEETINGS.past)!.node.id;
    const pages = [
      { name: 'hub', path: '/council', ready: '#council-topics-title' },
      { name: 'topics', path: '/council/topics', ready: '.topic-row' },
      { name: 'topic', path: `/council/topics/${topicId}`, ready: '.stages li' },
      { name: 'meetings', path: '/council/meetings', ready: '.meeting-row' },
      { name: 'meeting', path: `/council/meetings/${meetingId}`, ready: '#meeting-minutes-title' },
    ];
    for (const v of DISPLAY_VARIANTS) {
      const page = await newPageIn(session.browser, session.app.url, v);
      await signIn(page, PHONES.resident);
      for (const p of pages) {
        await page.goto(p.path);
        await page.locator(p.ready).first().waitFor();
        await expectReadable(page, `council-${p.name}`, v);
      }
      await page.context().close();
    }
  });
});
