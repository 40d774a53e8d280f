import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  DESKTOP,
  PHONE,
  PHONES,
  axeCheck,
  describeViolations,
  gqlAs,
  newPage,
  newPageIn,
  screenshot,
  signIn,
  useAppAndBrowser,
} from '../helpers/browser.js';
import { DEMO_MEETINGS, DEMO_TOPICS } from '../../server/src/seed/demo-council.data.js';
import { DEMO_RESOLUTIONS } from '../../server/src/seed/demo-board.js';
import staffZh from '../../web/messages/zh-CN/council-staff.json' with { type: 'json' };
import staffEn from '../../web/messages/en/council-staff.json' with { type: 'json' };
import councilZh from '../../web/messages/zh-CN/council.json' with { type: 'json' };

/**
 * The staff side of 议事 as community staff meet it: committees, households, and the main
 * flow end to end — a resident proposes a topic, another supports it and staff admit it; staff
 * schedule a meeting from it in the browser, run the room from the console (the code on the
 * screen, the resident checking in with it, staff checking a neighbour in by hand), open a vote
 * on the topic, take a paper ballot beside the resident's phone ballot, close and count it; the
 * result is on the public board, a resident objects and staff answer; the passed topic becomes a
 * resolution whose owner reports progress with a photo.
 *
 * The resident pages (proposing, supporting, checking in by the QR's address, voting, the board,
 * objecting, answering on the vote's page) are w-council's; this file walks through them only as
 * far as the flow needs, and checks what staff see of each step.
 */
describe('council staff pages in the browser', { timeout: 180_000 }, () => {
  const session = useAppAndBrowser();

  async function open(phone: string, viewport = DESKTOP): Promise<Page> {
    const page = await newPage(session.browser, session.app.url, viewport);
    await signIn(page, phone);
    return page;
  }

  async function pickArea(page: Page, id: string, level: number, name: string): Promise<void> {
    const select = page.locator(`#${id}-${level}`);
    await select.locator('option', { hasText: name }).waitFor({ state: 'attached' });
    await select.selectOption({ label: name });
  }

  /** Finds a person with a people picker (its ids start with `prefix`) and picks the first match. */
  async function pickPerson(page: Page, prefix: string, phone: string): Promise<void> {
    const picker = page.locator('fieldset.proxy-resident', { has: page.locator(`#${prefix}-search`) });
    await picker.locator(`#${prefix}-search`).fill(phone);
    await picker.locator('.search-row button').click();
    await picker.locator('.pick-list button', { hasText: phone }).first().click();
  }

  /** Nothing wider than the window and no serious axe problems; the screenshot is taken when either fails. */
  async function readable(page: Page, name: string): Promise<void> {
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    const violations = await axeCheck(page);
    await screenshot(page, name, { failed: overflow > 0 || violations.length > 0 });
    expect(overflow, `${name} is wider than the window`).toBeLessThanOrEqual(0);
    expect(violations, `${name}:\n${describeViolations(violations)}`).toEqual([]);
  }

  const localInput = (date: Date) => {
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
  };

  it('lets staff create a committee for the community and add a part-time member from a unit', async () => {
    const staff = await open(PHONES.staff);
    await staff.goto('/council/committees');
    await staff.locator('#committee-name').fill('幸福里社区联席会议（测试）');
    await staff.locator('#committee-kind').selectOption('JOINT_MEETING');
    await staff.locator('#committee-term-start').fill('2026-01-01');
    await staff.locator('#committee-term-end').fill('2028-12-31');
    await staff.locator('form button[type=submit]').click();
    await staff.locator('.notice-success').waitFor();
    const card = staff.locator('.committee', { hasText: '幸福里社区联席会议（测试）' });
    await card.waitFor();
    await readable(staff, 'council-committees-1280');
    await card.locator('h3 a').click();
    await staff.waitForURL(/\/council\/committees\/\d+$/);

    // A part-time member: the unit representative, from the school.
    await pickPerson(staff, 'member', PHONES.unitRep);
    await staff.locator('#member-seat').selectOption('PART_TIME');
    await staff.locator('#member-title').fill('兼职委员');
    await staff.locator('#member-unit option', { hasText: '幸福街道第一小学' }).waitFor({ state: 'attached' });
    await staff.locator('#member-unit').selectOption({ label: '幸福街道第一小学' });
    await staff.locator('form.add-member button[type=submit]').click();
    await staff.locator('.notice-success').waitFor();
    const member = staff.locator('.member-list li', { hasText: '刘洋' });
    await expect(member.textContent()).resolves.toContain('幸福街道第一小学');

    // A title is needed: the form says so at the field.
    await pickPerson(staff, 'member', PHONES.volunteer);
    await staff.locator('form.add-member button[type=submit]').click();
    await staff.locator('#member-title-error').waitFor();

    // Removing the member takes them off the list.
    await member.locator('button').click();
    await staff.locator('.member-list li', { hasText: '刘洋' }).waitFor({ state: 'detached' });
    await staff.context().close();
  });

  it('tells a resident the committees page is for staff', async () => {
    const resident = await open(PHONES.resident, PHONE);
    await resident.goto('/council/committees');
    await resident.locator('.notice', { hasText: staffZh.cs_committees_refused }).waitFor();
    await resident.context().close();
  });

  it('lets staff register a household in a building, with members, a representative and the floor area', async () => {
    const flat = `9单元${100 + (Date.now() % 900)}`;
    const staff = await open(PHONES.staff, PHONE);
    await staff.goto('/council/households');
    await pickArea(staff, 'household-area', 1, '幸福里第一网格');
    await pickArea(staff, 'household-area', 2, '1号楼');
    await staff.locator('#household-label').fill(flat);
    await staff.locator('#household-floor-area').fill('88.5');
    await staff.locator('form button[type=submit]', { hasText: staffZh.cs_household_register }).click();
    await staff.waitForURL(/\/council\/households\/\d+$/);
    await staff.locator('h1', { hasText: flat }).waitFor();

    await pickPerson(staff, 'household-member', PHONES.resident2);
    await staff.locator('form.add-member .choices input').first().check(); // owner
    await staff.locator('form.add-member button[type=submit]').click();
    const row = staff.locator('.household-members li', { hasText: '孙志强' });
    await row.waitFor();
    await expect(row.locator('input[type=checkbox]').first().isChecked()).resolves.toBe(true);

    await staff.locator('#household-rep').selectOption({ label: '孙志强' });
    await staff.locator('#household-rep').locator('xpath=ancestor::form').locator('button[type=submit]').click();
    await row.locator('.badge', { hasText: staffZh.cs_household_representative }).waitFor();

    await staff.locator('#household-floor-area-edit').fill('90');
    await staff
      .locator('#household-floor-area-edit')
      .locator('xpath=ancestor::form')
      .locator('button[type=submit]')
      .click();
    await staff.locator('.card p.nums', { hasText: '90' }).waitFor();
    await readable(staff, 'council-household-360');

    // The same flat again in the building is refused by the server, shown at the field or above the form.
    await staff.goto('/council/households');
    await pickArea(staff, 'household-area', 1, '幸福里第一网格');
    await pickArea(staff, 'household-area', 2, '1号楼');
    await staff.locator('table.households th a', { hasText: flat }).waitFor();
    await readable(staff, 'council-households-360');
    await staff.locator('#household-label').fill(flat);
    await staff.locator('form button[type=submit]', { hasText: staffZh.cs_household_register }).click();
    await staff.locator('.notice-error').waitFor();
    await staff.context().close();
  });

  it('runs the main flow: topic → meeting → check-in → vote → result on the board → objection answered → resolution', async () => {
    // --- A resident proposes a topic, a neighbour supports it, staff admit it (w-council's pages).
    const resident = await open(PHONES.resident, PHONE);
    const { me } = await gqlAs<{ me: { homeArea: { ancestors: { id: string; kind: string }[] } } }>(
      resident,
      '{ me { homeArea { ancestors { id kind } } } }',
    );
    const communityId = me.homeArea.ancestors.find((a) => a.kind === 'COMMUNITY')!.id;
    const title = `楼下自行车棚改造（${Date.now() % 100000}）`;
    await resident.goto('/council/topics/new');
    await resident.locator('#topic-title').fill(title);
    await resident.locator('#topic-description').fill('车棚漏雨，电动车充电不安全，建议改造并加装充电桩。');
    await resident.locator('form button[type=submit]').click();
    await resident.waitForURL(/\/council\/topics\/\d+(\?|$)/);
    await resident.locator('h1', { hasText: title }).waitFor();
    const topicPath = new URL(resident.url()).pathname;

    const neighbour = await open(PHONES.resident2, PHONE);
    await neighbour.goto(topicPath);
    await neighbour.locator('.support-button').click();
    await neighbour.locator('.notice-success', { hasText: councilZh.council_support_done }).waitFor();

    const staff = await open(PHONES.staff, DESKTOP);
    await staff.goto(topicPath);
    await staff.locator('button[data-action=ADMIT]').click();
    await staff.locator('.notice-success', { hasText: councilZh.council_admitted }).waitFor();

    // --- Staff schedule a meeting with it, inviting both residents.
    await staff.goto('/council');
    await staff.locator('a[href="/council/meetings/new"]').first().click();
    await staff.waitForURL(/\/council\/meetings\/new$/);
    await staff.locator('#meeting-title').fill('车棚改造居民议事会');
    await staff.locator('#meeting-kind').selectOption('RESIDENT_COUNCIL');
    await staff.locator('#meeting-starts').fill(localInput(new Date(Date.now() + 10 * 60 * 1000)));
    await staff.locator('#meeting-ends').fill(localInput(new Date(Date.now() + 130 * 60 * 1000)));
    await staff.locator('#meeting-place').fill('社区活动室');
    await staff.locator('.agenda-topic', { hasText: title }).locator('input').check();
    for (const phone of [PHONES.resident, PHONES.resident2]) {
      await pickPerson(staff, 'participant', phone);
      await staff.locator('#participant-role').selectOption('RESIDENT');
      await staff.locator('button.add-participant').click();
    }
    await expect(staff.locator('.invited li').count()).resolves.toBe(2);
    await readable(staff, 'council-meeting-new-1280');
    await staff.locator('form button[type=submit]', { hasText: staffZh.cs_meeting_schedule }).click();
    await staff.waitForURL(/\/council\/meetings\/\d+\/console$/);
    const meetingId = staff.url().split('/').at(-2)!;
    await staff.locator('.quorum [data-testid=checked-in]', { hasText: '0' }).waitFor();

    // --- The code on the room's screen; the resident checks in with it and the console follows live.
    await staff.locator('button.show-code').click();
    const codeText = (await staff.locator('[data-testid=room-code]').textContent())!.replace(/\s/g, '');
    expect(codeText).toMatch(/^\d{6}$/);
    await expect(staff.locator('dialog.room-code img.qr').isVisible()).resolves.toBe(true);
    await readable(staff, 'council-console-code-1280');
    // The resident scans the QR: its address checks them in on w-council's page.
    await resident.goto(`/council/meetings/${meetingId}/check-in?code=${codeText}`);
    await resident.locator('.notice-success', { hasText: councilZh.council_check_in_done }).waitFor();
    await staff.locator('dialog.room-code [data-testid=checked-in]', { hasText: '1' }).waitFor();
    await screenshot(staff, 'council-console-code-live-1280');
    await staff.locator('dialog.room-code button.close').click();

    // Staff check the neighbour in from the list (paper sign-in).
    const neighbourRow = staff.locator('.participants li', { hasText: '孙志强' });
    await neighbourRow.locator('button.check-in').click();
    await staff.locator('.participants li[data-checked-in=true]', { hasText: '孙志强' }).waitFor();
    await staff.locator('.quorum[data-reached=true] [data-testid=checked-in]', { hasText: '2' }).waitFor();

    // --- A secret yes/no vote of the checked-in participants on the agenda topic.
    await staff.locator('.agenda-item', { hasText: title }).locator('button.open-vote-for').click();
    await expect(staff.locator('#vote-title').inputValue()).resolves.toBe(title);
    await staff.locator('#vote-electorate').selectOption('PARTICIPANTS');
    await readable(staff, 'council-console-open-vote-1280');
    await staff.locator('form.open-vote button[type=submit]').click();
    const votePanel = staff.locator('article.vote[data-status=OPEN]');
    await votePanel.waitFor();
    const voteId = (await votePanel.getAttribute('data-vote'))!;

    // The resident votes on their phone (w-council's page); the console follows live.
    await resident.goto(`/council/votes/${voteId}`);
    await resident.locator('label.option', { hasText: '赞成' }).click();
    await resident.locator('.ballot form button[type=submit]').click();
    await resident.locator('[data-testid=ballot-confirm] button.primary').click();
    await resident.locator('[data-testid=receipt]').waitFor();
    await votePanel.locator('[data-testid=ballots-cast]', { hasText: '1' }).waitFor();

    // The neighbour votes on paper; staff enter it.
    await votePanel.locator('button.paper-toggle').click();
    await votePanel.locator(`#paper-${voteId}-person`).selectOption({ label: '孙志强' });
    await votePanel.locator('form.paper label.choice', { hasText: '赞成' }).locator('input').check();
    await votePanel.locator('form.paper button[type=submit]').click();
    await votePanel.locator('.notice-success').waitFor();
    await votePanel.locator('[data-testid=ballots-cast]', { hasText: '2' }).waitFor();
    // …and then cannot vote online: one person, one ballot, across channels.
    const { vote } = await gqlAs<{ vote: { options: { id: string; label: string }[] } }>(
      neighbour,
      'query($id: ID!) { vote(id: $id) { options { id label } } }',
      { id: voteId },
    );
    const twice = await neighbour.request.post('/graphql', {
      data: {
        query: 'mutation($v: ID!, $o: [ID!]!) { castBallot(voteId: $v, optionIds: $o) { receipt } }',
        variables: { v: voteId, o: [vote.options.find((o) => o.label === '赞成')!.id] },
      },
    });
    const twiceBody = (await twice.json()) as { errors?: { extensions?: { code?: string } }[] };
    expect(twiceBody.errors?.[0]?.extensions?.code).toBe('CONFLICT');

    // A secret vote shows no counts while open.
    await votePanel.locator('p.muted', { hasText: staffZh.cs_vote_results_hidden }).waitFor();
    await screenshot(staff, 'council-console-1280');

    // Close and count.
    await votePanel.locator('button.close-vote').click();
    await votePanel.locator('button.confirm-close').click();
    const closed = staff.locator(`article.vote[data-vote="${voteId}"][data-status=CLOSED]`);
    await closed.waitFor();
    await closed.locator('.outcome[data-outcome=PASSED]').waitFor();
    await closed.locator('.explanation').waitFor();
    await readable(staff, 'council-console-closed-1280');

    // Minutes: written, then published.
    await staff.locator('#minutes-text').fill('出席 2 人，表决通过车棚改造方案。');
    await staff.locator('.minutes button[type=submit]').click();
    await staff.locator('.minutes .notice-success').waitFor();
    await staff.locator('button.publish-minutes').click();
    await staff.locator('.minutes .published').waitFor();

    // --- The result is on the community's public board, read signed out (w-council's page).
    const board = await newPage(session.browser, session.app.url, PHONE);
    await board.goto(`/board/${communityId}`);
    await board.locator('.notice-item[data-kind=VOTE_RESULT]', { hasText: title }).waitFor();
    await board.context().close();

    // --- The neighbour objects during the publicity period; staff answer on the vote's page (w-council's).
    await neighbour.goto(`/council/votes/${voteId}`);
    await neighbour.locator('#objection-reason').fill('充电桩的位置离住户窗户太近，希望再议。');
    await neighbour.locator('.object-form button[type=submit]').click();
    await neighbour.locator('.objection', { hasText: '离住户窗户太近' }).waitFor();
    await staff.goto(`/council/votes/${voteId}`);
    const objection = staff.locator('.objection', { hasText: '离住户窗户太近' });
    await objection.locator('button[data-action=ANSWER]').click();
    await objection.locator('textarea').fill('充电桩将装在车棚北侧，离窗户 10 米以上。');
    await objection.locator('form.answer-form button[type=submit]').click();
    await staff.locator('.objection[data-answered=true]', { hasText: '北侧' }).waitFor();

    // --- Back in the console, the passed vote becomes a resolution, carried out by the property company.
    await staff.goto(`/council/meetings/${meetingId}/console`);
    await closed.locator(`a[href="/council/resolutions/new?voteId=${voteId}"]`).click();
    await staff.waitForURL(/\/council\/resolutions\/new\?voteId=/);
    await expect(staff.locator('#resolution-title').inputValue()).resolves.toBe(title);
    await staff.locator('#resolution-unit option', { hasText: '安居物业幸福里项目部' }).waitFor({ state: 'attached' });
    await staff.locator('#resolution-unit').selectOption({ label: '安居物业幸福里项目部' });
    const due = new Date(Date.now() + 30 * 24 * 3600 * 1000);
    await staff.locator('#resolution-due').fill(localInput(due).slice(0, 10));
    await staff.locator('form button[type=submit]').click();
    await staff.waitForURL(/\/council\/resolutions\/\d+$/);
    const resolutionUrl = new URL(staff.url()).pathname;

    // Progress with a photo.
    await staff.locator('#resolution-percent').fill('30');
    await staff.locator('#resolution-note').fill('车棚顶棚已拆除，新材料进场。');
    await staff.locator('#resolution-photos').setInputFiles({
      name: 'shed.png',
      mimeType: 'image/png',
      buffer: Buffer.from(PNG_2X2, 'base64'),
    });
    await staff.locator('.photo-picker .thumb img').waitFor();
    await staff.locator('form.progress-form button[type=submit]').click();
    await staff.locator('.timeline .update[data-percent="30"]').waitFor();
    await staff.locator('.timeline .update .thumbs img').waitFor();
    // A lower percent than the last is refused by the server, at the field.
    await staff.locator('#resolution-percent').fill('10');
    await staff.locator('#resolution-note').fill('回退');
    await staff.locator('form.progress-form button[type=submit]').click();
    await staff.locator('.notice-error').waitFor();
    await readable(staff, 'council-resolution-1280');
    // It becomes a project of the community's 项目清单.
    await staff.locator('button.make-project').click();
    await staff.locator('.facts a[href^="/projects/"]').waitFor();
    await expect(staff.locator('button.make-project').count()).resolves.toBe(0);

    // The property company's representative (the owner) reports the next step from a phone.
    const owner = await open(PROPERTY_REP, PHONE);
    await owner.goto(resolutionUrl);
    await owner.locator('#resolution-percent').fill('60');
    await owner.locator('#resolution-note').fill('新顶棚安装完毕，充电桩下周接电。');
    await owner.locator('form.progress-form button[type=submit]').click();
    await owner.locator('.timeline .update[data-percent="60"]').waitFor();
    await readable(owner, 'council-resolution-owner-360');
    await owner.goto('/council/resolutions');
    await owner.locator(`.resolution a[href="${resolutionUrl}"]`).waitFor();
    await readable(owner, 'council-resolutions-owner-360');
    await owner.context().close();

    // The list shows it, with its progress.
    await staff.goto('/council/resolutions');
    await staff.locator(`.resolution a[href="${resolutionUrl}"]`).waitFor();

    // --- The console on a phone in the room.
    const phone = await open(PHONES.staff, PHONE);
    await phone.goto(`/council/meetings/${meetingId}/console`);
    await phone.locator('.quorum [data-testid=checked-in]', { hasText: '2' }).waitFor();
    await readable(phone, 'council-console-360');
    await phone.locator('button.show-code').click();
    await phone.locator('[data-testid=room-code]').waitFor();
    await screenshot(phone, 'council-console-code-360');
    await phone.context().close();

    // …and in English, with large text: longer words, still no sideways scrolling.
    const english = await newPageIn(session.browser, session.app.url, {
      name: '360-large-en',
      viewport: PHONE,
      largeText: true,
      locale: 'en',
    });
    await signIn(english, PHONES.staff);
    await english.goto(`/council/meetings/${meetingId}/console`);
    await english.locator('.quorum', { hasText: staffEn.cs_quorum_reached }).waitFor();
    await readable(english, 'council-console-360-large-en');
    await english.context().close();

    await staff.context().close();
    await resident.context().close();
    await neighbour.context().close();
  });

  it('opens the demo’s upcoming council’s console from its page: the list filtered, no check-in before it opens', async () => {
    const staff = await open(PHONES.staff, DESKTOP);
    const { meetings } = await gqlAs<{ meetings: { edges: { node: { id: string; title: string } }[] } }>(
      staff,
      '{ meetings(first: 50) { edges { node { id title } } } }',
    );
    const upcoming = meetings.edges.find((e) => e.node.title === DEMO_MEETINGS.upcoming)!.node;
    await staff.goto(`/council/meetings/${upcoming.id}`);
    await staff.locator('h1', { hasText: DEMO_MEETINGS.upcoming }).waitFor();
    // Staff go from the meeting's page (w-council's) to its console.
    await staff.locator('a[href$="/console"]').click();
    await staff.waitForURL(/\/console$/);
    await staff.locator('.agenda-item', { hasText: DEMO_TOPICS.parking }).waitFor();
    // A long list is filtered by name; only those not yet here.
    await staff.locator('#participant-filter').fill('孙志强');
    await expect(staff.locator('.participants li').count()).resolves.toBe(1);
    // Three days ahead, check-in has not opened: the server offers no check-in, so neither does the list.
    const row = staff.locator('.participants li', { hasText: '孙志强' });
    await row.locator('.muted', { hasText: staffZh.cs_not_checked_in }).waitFor();
    await expect(row.locator('button.check-in').count()).resolves.toBe(0);
    await staff.locator('.check-in-closed', { hasText: staffZh.cs_check_in_closed }).waitFor();
    await staff.locator('#participant-filter').fill('');
    await staff.locator('.list-tools input[type=checkbox]').check();
    await expect(staff.locator('.participants li[data-checked-in=true]').count()).resolves.toBe(0);
    await expect(staff.locator('.participants li').count()).resolves.toBeGreaterThan(8);
    await readable(staff, 'council-console-demo-1280');
    await staff.context().close();
  });

  it('opens the late resolutions from the to-do’s address and shows the demo’s late one', async () => {
    const staff = await open(PHONES.staff, PHONE);
    await staff.goto('/council/resolutions?late=true');
    await expect(staff.locator('#resolution-late').isChecked()).resolves.toBe(true);
    const late = staff.locator('.resolution[data-late=true]', { hasText: DEMO_RESOLUTIONS.late });
    await late.waitFor();
    await expect(staff.locator('.resolution[data-late=false]').count()).resolves.toBe(0);
    await late.locator('h3 a').click();
    await staff.locator('h1', { hasText: DEMO_RESOLUTIONS.late }).waitFor();
    await staff.locator('.badge.late').waitFor();
    await readable(staff, 'council-resolution-late-360');
    await staff.context().close();
  });

  it('shows a meeting’s console to the other community’s staff without the room’s tools', async () => {
    const staff = await open(PHONES.staff);
    const { meetings } = await gqlAs<{ meetings: { edges: { node: { id: string } }[] } }>(
      staff,
      '{ meetings(first: 1) { edges { node { id } } } }',
    );
    const meetingId = meetings.edges[0]?.node.id;
    expect(meetingId).toBeTruthy();
    await staff.context().close();

    const other = await open(PHONES.otherStaff, PHONE);
    await other.goto(`/council/meetings/${meetingId}/console`);
    await other.locator('.quorum').waitFor();
    await expect(other.locator('button.show-code').count()).resolves.toBe(0);
    await expect(other.locator('button.check-in').count()).resolves.toBe(0);
    await expect(other.locator('button.open-vote-for').count()).resolves.toBe(0);
    await other.context().close();
  });
});

/** The property company's representative (安居物业幸福里项目部) in the demo. */
const PROPERTY_REP = '13900000103';

/** A 2×2 red PNG for the progress photo. */
const PNG_2X2 = 'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEElEQVR4nGM4YaMBRAwQCgAjXgSxbgN+HAAAAABJRU5ErkJggg==';
