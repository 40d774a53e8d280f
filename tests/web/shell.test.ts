import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  useAppAndBrowser,
  newPage,
  signIn,
  latestSignInCode,
  raiseNeedAs,
  zh,
  PHONES,
  PHONE,
  DESKTOP,
} from '../helpers/browser.js';

/** The unread count the tab bar shows (0 when it shows none). */
const tabBadge = (page: Page) =>
  page.evaluate(() => Number(document.querySelector('.tab-bar .unread-badge')?.getAttribute('data-count') ?? 0));

describe('the shell: to-dos, messages, sign-in by code', { timeout: 120_000 }, () => {
  const session = useAppAndBrowser();

  it('shows a resident on a phone the need waiting for her rating, and takes her straight to rating it', async () => {
    const page = await newPage(session.browser, session.app.url, PHONE);
    await signIn(page, PHONES.resident);
    const toRate = page.locator('.to-rate');
    await toRate.waitFor();
    await expect(toRate.locator('h2').textContent()).resolves.toBe(zh.home_to_rate.replace('{count}', '1'));

    // Exactly one: the button opens that need at its rating.
    await toRate.locator('a.button').click();
    await page.waitForURL(/\/needs\/[^/]+#rate$/);
    await page.locator('.need-detail').waitFor();
    if (!(await page.locator('.action-form').isVisible())) {
      await page.locator('.need-actions button[data-action=CONFIRM]').click();
    }
    await page.locator('label.star').nth(3).click();
    await page.locator('.action-form button[type=submit]').click();
    await page.waitForFunction(
      (text) => document.querySelector('.need-detail .badge.status')?.textContent?.trim() === text,
      zh.need_status_closed,
    );

    // Nothing left to rate on the home page.
    await page.locator('.tab-bar a[href="/"]').click();
    await page.locator('#me-title').waitFor();
    await expect(page.locator('.to-rate').count()).resolves.toBe(0);
    await page.context().close();
  });

  it('shows a slow page on its way, then moves focus to its heading (not on the first load)', async () => {
    const page = await newPage(session.browser, session.app.url, PHONE);
    await signIn(page, PHONES.gridWorker);
    // A slow link: the page's code takes two seconds to come.
    await page.context().route('**/_app/immutable/nodes/**', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 2000));
      await route.continue();
    });
    await page.locator('.tab-bar a[href="/messages"]').click();
    await page.locator('.nav-progress').waitFor();
    await page.locator('h1', { hasText: zh.messages_title }).waitFor();
    await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
    await expect(page.locator('.tab-bar a[href="/messages"]').getAttribute('aria-current')).resolves.toBe('page');

    await expect(page.locator('.nav-progress').count()).resolves.toBe(0);

    await page.context().unrouteAll();
    await page.reload();
    await page.locator('h1', { hasText: zh.messages_title }).waitFor();
    await expect(page.evaluate(() => document.activeElement?.tagName)).resolves.not.toBe('H1');
    await page.context().close();
  });

  it('shows workers their to-do tiles, each opening the inbox filtered', async () => {
    const page = await newPage(session.browser, session.app.url, PHONE);
    await signIn(page, PHONES.staff);
    const tile = page.locator('.work-tile[data-todo=toAccept]');
    await tile.waitFor();
    // The needs' four, then 共建's for those who confirm pledges and answer report-ins, then 议事's
    // for those who review topics, answer objections and keep resolutions, then 志愿服务's for those who
    // organise activities and manage volunteers.
    await page.locator('.work-tile[data-todo=reportInsToAnswer]').waitFor();
    await page.locator('.work-tile[data-todo=teamRequestsToApprove]').waitFor();
    // A vote waiting for them as a resident of the community is theirs, not work: left aside here.
    const keys = await page
      .locator('.work-tile:not([data-todo=votesToCast])')
      .evaluateAll((tiles) => tiles.map((tile) => (tile as HTMLElement).dataset.todo));
    expect(keys).toEqual([
      'toAccept',
      'dueSoon',
      'overdue',
      'assignedToMe',
      'pledgesToConfirm',
      'reportInsToAnswer',
      'topicsToReview',
      'objectionsToAnswer',
      'lateResolutions',
      'hoursToVerify',
      'correctionsToAnswer',
      'volunteersAwaitingConsent',
      'teamRequestsToApprove',
    ]);
    await tile.click();
    await page.waitForURL((url) => url.pathname === '/needs/inbox' && url.searchParams.get('statuses') === 'SUBMITTED');
    await page.context().close();

    // A resident has none of the workers' tiles (a vote waiting for them is theirs, not work).
    const resident = await newPage(session.browser, session.app.url, PHONE);
    await signIn(resident, PHONES.resident2);
    await resident.locator('#shortcuts-title').waitFor();
    await expect(resident.locator('.work-tile:not([data-todo=votesToCast])').count()).resolves.toBe(0);
    await resident.context().close();
  });

  it('signs in with a code sent by SMS', async () => {
    const page = await newPage(session.browser, session.app.url, PHONE);
    await page.goto('/signin');
    // Sign-in by code is the first tab.
    await expect(page.locator('#signin-method-code').isChecked()).resolves.toBe(true);
    const code = page.locator('#code');
    await expect(code.getAttribute('autocomplete')).resolves.toBe('one-time-code');
    await expect(code.getAttribute('inputmode')).resolves.toBe('numeric');

    await page.locator('#phone').fill(PHONES.volunteer);
    await page.locator('button.send-code').click();
    await page.locator('.code-sent', { hasText: PHONES.volunteer }).waitFor();
    // No second code until the wait is over.
    await expect(page.locator('button.send-code').isDisabled()).resolves.toBe(true);

    // A wrong code is refused next to the field.
    const sent = await latestSignInCode(session.app, PHONES.volunteer);
    await code.fill(sent === '000000' ? '111111' : '000000');
    await page.locator('form button[type=submit]').click();
    await page.locator('form [role=alert] .notice-error').waitFor();
    expect(new URL(page.url()).pathname).toBe('/signin');

    await code.fill(sent);
    await page.locator('form button[type=submit]').click();
    await page.waitForURL((url) => url.pathname === '/');
    await page.locator('#me-title').waitFor();
    await expect(page.locator('.facts').first().textContent()).resolves.toContain(PHONES.volunteer);
    await page.context().close();
  });

  it('sets a new password with a code (忘记密码), signed in at the end', async () => {
    const page = await newPage(session.browser, session.app.url, PHONE);
    await page.goto('/signin');
    await page.locator('#signin-method-password').check();
    await page.locator('a[href="/signin/forgot"]').click();
    await page.locator('h1', { hasText: zh.forgot_title }).waitFor();

    await page.locator('#phone').fill(PHONES.unitRep);
    await page.locator('button.send-code').click();
    await page.locator('.code-sent').waitFor();
    await page.locator('#code').fill(await latestSignInCode(session.app, PHONES.unitRep));
    await page.locator('#newPassword').fill('a-brand-new-password');
    await page.locator('#confirmPassword').fill('a-brand-new-password');
    await page.locator('form button[type=submit]').click();
    await page.waitForURL((url) => url.pathname === '/');
    await page.locator('#me-title').waitFor();
    await page.context().close();

    // The new password works.
    const again = await newPage(session.browser, session.app.url, PHONE);
    await signIn(again, PHONES.unitRep, 'a-brand-new-password');
    await again.context().close();
  });

  it('shows a new message live with an unread badge, opens it, and clears the badge with 全部已读', async () => {
    const staff = await newPage(session.browser, session.app.url, PHONE);
    await signIn(staff, PHONES.staff);
    // Whatever came before is read, so the count starts at nothing.
    await staff.locator('.tab-bar a[href="/messages"]').click();
    await staff.locator('#messages-list-title').waitFor();
    const markAll = staff.locator('button.mark-all');
    if (await markAll.isVisible()) await markAll.click();
    await staff.waitForFunction(() => !document.querySelector('.tab-bar .unread-badge'));

    // A resident raises a need in the staff member's community: the message arrives without a reload.
    const resident = await newPage(session.browser, session.app.url, DESKTOP);
    await signIn(resident, PHONES.resident2);
    const title = `单元门禁坏了 ${Date.now()}`;
    const needId = await raiseNeedAs(resident, title);
    await staff.waitForFunction(
      () => Number(document.querySelector('.tab-bar .unread-badge')?.getAttribute('data-count')) > 0,
    );
    const message = staff.locator('.message.unread', { hasText: title });
    await message.waitFor();

    // Opening it goes to the need and reads it.
    const before = await tabBadge(staff);
    await message.locator('a').click();
    await staff.waitForURL((url) => url.pathname === `/needs/${needId}`);
    await staff.waitForFunction((n) => {
      const shown = Number(document.querySelector('.tab-bar .unread-badge')?.getAttribute('data-count') ?? 0);
      return shown < n;
    }, before);

    // Two more; then 全部已读 clears them all.
    await raiseNeedAs(resident, `${title} 二`);
    await raiseNeedAs(resident, `${title} 三`);
    await staff.waitForFunction(
      () => Number(document.querySelector('.tab-bar .unread-badge')?.getAttribute('data-count')) >= 2,
    );
    await staff.locator('.tab-bar a[href="/messages"]').click();
    await staff.locator('.message.unread').first().waitFor();
    await staff.locator('button.mark-all').click();
    await staff.locator('[role=status] .notice-success').waitFor();
    await expect(staff.locator('.message.unread').count()).resolves.toBe(0);
    await expect(tabBadge(staff)).resolves.toBe(0);
    // Still so after a reload: the server agrees.
    await staff.reload();
    await staff.locator('.message').first().waitFor();
    await expect(staff.locator('.message.unread').count()).resolves.toBe(0);
    await expect(tabBadge(staff)).resolves.toBe(0);
    for (const p of [staff, resident]) await p.context().close();
  });

  it('keeps notification preferences: kinds by SMS (only those offered) and quiet hours', async () => {
    const page = await newPage(session.browser, session.app.url, PHONE);
    await signIn(page, PHONES.resident2);
    await page.locator('.tab-bar a[href="/account"]').click();
    await page.locator('#prefs-title').waitFor();
    const kinds = page.locator('input[name=smsKinds]');
    await kinds.first().waitFor();
    const offered = await kinds.evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
    expect(offered.length).toBeGreaterThan(0);
    // Tick the first, untick the others; quiet hours 21:30 to 06:45.
    for (const [i, kind] of offered.entries()) {
      await page.locator(`input[name=smsKinds][value=${kind}]`).setChecked(i === 0);
    }
    await page.locator('#quiet').setChecked(true);
    await page.locator('#quietFrom').fill('21:30');
    await page.locator('#quietTo').fill('06:45');
    await page.locator('form[aria-labelledby=prefs-title] button[type=submit]').click();
    await page.locator('form[aria-labelledby=prefs-title] [role=status] .notice-success').waitFor();

    await page.reload();
    await page.locator('input[name=smsKinds]').first().waitFor();
    const checked = await page
      .locator('input[name=smsKinds]:checked')
      .evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
    expect(checked).toEqual([offered[0]]);
    await expect(page.locator('#quietFrom').inputValue()).resolves.toBe('21:30');
    await expect(page.locator('#quietTo').inputValue()).resolves.toBe('06:45');
    await page.context().close();
  });

  it('reads the audit log in words, filtered by action and by person', async () => {
    const page = await newPage(session.browser, session.app.url, DESKTOP);
    await signIn(page, PHONES.staff);
    await page.goto('/audit');
    const rows = page.locator('.audit-table .audit-row');
    await rows.first().waitFor();
    // Changes are listed field by field.
    await expect(page.locator('.audit-table .changes li').count()).resolves.toBeGreaterThan(0);
    // What 议事 keeps (a topic, a meeting …) or a volunteer activity is named by its name,
    // with a link to its page (the newest entries are the volunteering demo's, so filter for them).
    await page.locator('.actions-filter summary').click();
    for (const action of ['TOPIC_ADMIT', 'ACTIVITY_CREATE']) {
      await page.locator(`input[name=actions][value=${action}]`).check();
    }
    await page.locator('form[role=search] button[type=submit]').click();
    for (const target of ['/council/topics/', '/volunteer/activities/']) {
      await page.locator(`.audit-table a[href^="${target}"]`).first().waitFor();
    }
    for (const action of ['TOPIC_ADMIT', 'ACTIVITY_CREATE']) {
      await page.locator(`input[name=actions][value=${action}]`).uncheck();
    }

    // With no action ticked the list of actions folds away again.
    await page.locator('.actions-filter summary').click();
    await page.locator('input[name=actions][value=NEED_ACCEPT]').check();
    await page.locator('form[role=search] button[type=submit]').click();
    await page.waitForFunction((label) => {
      const badges = [...document.querySelectorAll('.audit-table .audit-row .badge')];
      return badges.length > 0 && badges.every((b) => b.textContent?.trim() === label);
    }, zh.audit_action_need_accept);
    // A need is named by its title, with a link to it.
    await page.locator('.audit-table a[href^="/needs/"]').first().waitFor();

    await page.locator('#audit-person-search').fill('张伟');
    await page.locator('.actor-picker button', { hasText: zh.audit_filter_person_find }).click();
    await page.locator('.actor-picker .found button').first().click();
    await page.locator('form[role=search] button[type=submit]').click();
    await page.waitForFunction(() => {
      const actors = [...document.querySelectorAll('.audit-table .audit-row td:nth-child(2)')];
      return actors.length > 0 && actors.every((a) => a.textContent?.trim() === '张伟');
    });
    await page.context().close();
  });

  it('promises a guest only what exists', async () => {
    const page = await newPage(session.browser, session.app.url, PHONE);
    for (const path of ['/', '/register']) {
      await page.goto(path);
      await page.locator('h1').waitFor();
      const text = (await page.locator('main').textContent()) ?? '';
      expect(text).not.toMatch(/议事|志愿服务/);
    }
    await page.context().close();
  });

  it('shows community staff roles but no controls to change them, and only their own areas to pick', async () => {
    const page = await newPage(session.browser, session.app.url, DESKTOP);
    await signIn(page, PHONES.staff);
    await page.goto('/users');
    await page.locator('.people .person-name').first().click();
    await page.locator('#roles-title').waitFor();
    await expect(page.locator('#assign-title').count()).resolves.toBe(0);
    await expect(page.locator('.role-list button').count()).resolves.toBe(0);

    // The audit log's area picker starts at the staff member's community, not at every street.
    await page.goto('/audit');
    await page.locator('#audit-area-0').waitFor();
    const options = await page.locator('#audit-area-0 option:not([value=""])').allTextContents();
    expect(options).toEqual(['幸福里社区']);
    await page.context().close();
  });
});
