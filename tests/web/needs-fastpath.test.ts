import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useAppAndBrowser, newPage, screenshot, signIn, zh, PHONES, PHONE, DESKTOP } from '../helpers/browser.js';

/** A 2×2 red PNG, as a phone camera would hand over a (much larger) photo. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEElEQVR4nGM4YaMBRAwQCgAjXgSxbgN+HAAAAABJRU5ErkJggg==',
  'base64',
);
const photo = (name: string) => ({ name, mimeType: 'image/png', buffer: PNG });

/** The demo grid worker of 幸福里第一网格, where the demo resident lives. */
const GRID_WORKER_NAME = '张伟';

/** Raises a need through "我要反映" as the signed-in resident; returns its id. */
async function raiseNeed(page: Page, title: string, category = 'REPAIR'): Promise<string> {
  await page.goto('/needs/new');
  await page.locator(`.category-tile[data-category=${category}]`).click();
  await page.locator('#need-title').fill(title);
  await page.locator('.raise-form button[type=submit]').click();
  await page.waitForURL(/\/needs\/[^/]+\?raised=1$/);
  return new URL(page.url()).pathname.split('/').pop()!;
}

async function waitForStatus(page: Page, label: string): Promise<void> {
  await page.waitForFunction(
    (text) => document.querySelector('.need-detail .badge.status')?.textContent?.trim() === text,
    label,
  );
}

/** Every card's status badge, once the list shows at least one card. */
async function cardStatuses(page: Page): Promise<string[]> {
  await page.locator('.need-list .need-card').first().waitFor();
  return page.locator('.need-list .need-card .badge.status').allTextContents();
}

/** Picks a person in the assign picker of `form` by name (the picker searches the server a page at a time). */
async function pickAssignee(page: Page, form: string, name: string): Promise<void> {
  await page.locator('#assign-search').fill(name);
  await page.locator(`${form} .search-row button`, { hasText: zh.need_assign_search_submit }).click();
  await page.waitForFunction(
    (n) => [...document.querySelectorAll('#assign-to option')].some((o) => o.textContent!.includes(n)),
    name,
  );
  const id = await page
    .locator('#assign-to')
    .evaluate((el, n) => [...(el as HTMLSelectElement).options].find((o) => o.text.includes(n))!.value, name);
  await page.locator('#assign-to').selectOption(id);
}

describe('needs: the fast path on a phone, the inbox, 我的诉求 and the dashboard', { timeout: 120_000 }, () => {
  const session = useAppAndBrowser();

  it('lets a grid worker take a need with 接单 and resolve it with photos at 360 px; the resident rates it from 待评价', async () => {
    const token = `接单${Date.now()}`;
    const resident = await newPage(session.browser, session.app.url, PHONE);
    await signIn(resident, PHONES.resident);
    const id = await raiseNeed(resident, `楼道扶手松了 ${token}`);
    const ticket = (await resident.locator('[data-testid=ticket-number]').textContent())!.trim();
    expect(ticket).toMatch(/^\d{8}-\d+$/);

    // The worker opens the inbox as the home page's 待受理 tile does, and finds it by its 工单编号.
    const worker = await newPage(session.browser, session.app.url, PHONE);
    await signIn(worker, PHONES.gridWorker);
    await worker.goto(`/needs/inbox?statuses=SUBMITTED&worksOn=true&text=${encodeURIComponent(ticket)}`);
    await expect(worker.locator('[data-chip=toAccept]').getAttribute('aria-pressed')).resolves.toBe('true');
    const card = worker.locator('.need-card', { hasText: token });
    await card.waitFor();
    await expect(card.locator('.due-in').textContent()).resolves.toMatch(/^还剩/);
    await card.locator('.need-card-title').click();
    await worker.waitForURL(`**/needs/${id}`);
    // Back to the inbox as it was filtered; the resident's number to call; the ticket number.
    await expect(worker.locator('.back-link').getAttribute('href')).resolves.toContain('statuses=SUBMITTED');
    await expect(worker.locator('.back-link').textContent()).resolves.toContain(zh.need_back_inbox);
    await expect(worker.locator('a[href^="tel:"]').getAttribute('href')).resolves.toBe(`tel:${PHONES.resident}`);
    await expect(worker.locator('[data-testid=ticket-number]').textContent()).resolves.toBe(ticket);

    // The actions sit in a bar held at the bottom of the screen.
    const take = worker.locator('.need-actions button[data-action=TAKE]');
    await take.waitFor();
    // (on the app's tab bar when it has one: the bar's `bottom` is that bar's height).
    const bar = worker.locator('.action-bar');
    const box = (await bar.boundingBox())!;
    const above = await bar.evaluate((el) => parseFloat(getComputedStyle(el).bottom));
    expect(await bar.evaluate((el) => getComputedStyle(el).position)).toBe('fixed');
    expect(Math.abs(box.y + box.height - (PHONE.height - above))).toBeLessThan(1.5);
    await screenshot(worker, 'needs-fastpath-take-360');

    // 接单: accepted, assigned to me and started in one tap, three steps on the timeline.
    const eventsBefore = await worker.locator('.timeline-item').count();
    await take.click();
    await waitForStatus(worker, zh.need_status_in_progress);
    await expect(worker.locator('[data-testid=need-assignee]').textContent()).resolves.toBe(GRID_WORKER_NAME);
    await expect.poll(() => worker.locator('.timeline-item').count()).toBe(eventsBefore + 3);

    // It is now among 派给我, as the home page's tile opens it.
    await worker.goto('/needs/inbox?assignedToMe=true&statuses=ASSIGNED,IN_PROGRESS');
    await expect(worker.locator('[data-chip=assignedToMe]').getAttribute('aria-pressed')).resolves.toBe('true');
    await worker.locator('.need-card', { hasText: token }).locator('.need-card-title').click();
    await worker.waitForURL(`**/needs/${id}`);

    // 办好了, with a photo from before and one from after the work.
    await worker.locator('.need-actions button[data-action=RESOLVE]').click();
    await worker.locator('#action-text').fill('已拧紧扶手的固定螺丝，并加装了一个固定卡。');
    await worker.locator('#action-before-photos').setInputFiles(photo('before.png'));
    await worker.locator('#action-before-photos').locator('xpath=..').locator('.thumbs img').waitFor();
    await worker.locator('#action-after-photos').setInputFiles(photo('after.png'));
    await worker.locator('#action-after-photos').locator('xpath=..').locator('.thumbs img').waitFor();
    await screenshot(worker, 'needs-fastpath-resolve-form-360');
    await worker.locator('.action-form button[type=submit]').click();
    await waitForStatus(worker, zh.need_status_resolved);
    // The photos are shown by when they were taken.
    await worker.locator('.thumbs[data-stage=BEFORE] img').waitFor();
    await worker.locator('.thumbs[data-stage=AFTER] img').waitFor();
    await screenshot(worker, 'needs-fastpath-resolved-360');
    await worker.context().close();

    // The resident finds it under 待评价, and the button opens the rating at once.
    await resident.goto('/needs?tab=toRate');
    await expect(resident.locator('.tab[data-tab=toRate]').getAttribute('aria-current')).resolves.toBe('page');
    const toRate = resident.locator('.need-card', { hasText: token });
    await toRate.locator('a', { hasText: zh.needs_mine_rate }).click();
    await resident.waitForURL(`**/needs/${id}#rate`);
    await resident.locator('form#rate').waitFor();
    await resident.waitForFunction(() => document.activeElement?.id === 'action-form-title');
    await resident.locator('.thumbs[data-stage=AFTER] img').waitFor();
    await resident.locator('label.star').nth(4).click();
    await resident.locator('.action-form button[type=submit]').click();
    await waitForStatus(resident, zh.need_status_closed);
    await expect(resident.locator('.back-link').textContent()).resolves.toContain(zh.need_back_mine);
    await resident.goto('/needs?tab=done');
    await resident.locator('.need-card', { hasText: token }).waitFor();
    await resident.context().close();
  });

  it('applies the inbox’s quick filters at once, with the other filters folded away on a phone', async () => {
    const staff = await newPage(session.browser, session.app.url, PHONE);
    await signIn(staff, PHONES.staff);
    await staff.goto('/needs/inbox');
    await staff.locator('.need-list .need-card').first().waitFor();
    // The list comes first; the other filters wait behind one line.
    await expect(staff.locator('details.inbox-filters').getAttribute('open')).resolves.toBeNull();
    await expect(staff.locator('#inbox-text').isVisible()).resolves.toBe(false);
    await screenshot(staff, 'needs-inbox-360');

    // 待受理: only submitted ones, with no search button pressed; the address says so.
    await staff.locator('[data-chip=toAccept]').click();
    await staff.waitForURL((url) => url.searchParams.get('statuses') === 'SUBMITTED');
    await expect.poll(async () => [...new Set(await cardStatuses(staff))]).toEqual([zh.need_status_submitted]);

    // 办理中 instead.
    await staff.locator('[data-chip=inHand]').click();
    await expect.poll(async () => (await cardStatuses(staff)).every((s) => s !== zh.need_status_submitted)).toBe(true);
    await expect(staff.locator('[data-chip=toAccept]').getAttribute('aria-pressed')).resolves.toBe('false');

    // 已超时: every card is marked overdue (the demo has one).
    await staff.locator('[data-chip=inHand]').click();
    await staff.locator('[data-chip=overdue]').click();
    await staff.waitForURL((url) => url.searchParams.get('overdue') === 'true');
    await expect
      .poll(async () => {
        const cards = await staff.locator('.need-list .need-card').count();
        const late = await staff.locator('.need-list .need-card.is-overdue').count();
        return cards > 0 && cards === late;
      })
      .toBe(true);

    // Opened as the home page's 即将超时 tile links to it.
    await staff.goto('/needs/inbox?dueSoon=true&worksOn=true');
    await expect(staff.locator('[data-chip=dueSoon]').getAttribute('aria-pressed')).resolves.toBe('true');
    await expect(staff.locator('#inbox-area').inputValue()).resolves.toBe('');
    await staff.context().close();
  });

  it('assigns two needs at once from the inbox and says, per need, what happened', async () => {
    const token = `批量${Date.now()}`;
    const resident = await newPage(session.browser, session.app.url, PHONE);
    await signIn(resident, PHONES.resident);
    const first = await raiseNeed(resident, `路灯不亮 ${token} 甲`);
    const second = await raiseNeed(resident, `井盖松动 ${token} 乙`);
    const third = await raiseNeed(resident, `树枝挡路 ${token} 丙`);
    await resident.context().close();

    const staff = await newPage(session.browser, session.app.url, DESKTOP);
    await signIn(staff, PHONES.staff);
    await staff.goto(`/needs/inbox?worksOn=true&text=${encodeURIComponent(token)}`);
    await expect.poll(() => staff.locator('.need-list .need-card').count()).toBe(3);
    await staff.locator('[data-testid=batch-toggle]').click();
    for (const id of [first, second, third]) await staff.locator(`input[data-pick="${id}"]`).check();
    await expect(staff.locator('[data-testid=batch-count]').textContent()).resolves.toContain('3');

    // Meanwhile someone declines the third: it fails, the other two go.
    const declined = await staff.request.post('/graphql', {
      data: {
        query: 'mutation($id: ID!) { rejectNeed(id: $id, reason: "重复反映") { id } }',
        variables: { id: third },
      },
    });
    expect((await declined.json()).errors).toBeUndefined();

    await staff.locator('.batch button[aria-expanded]').click();
    await pickAssignee(staff, '.batch-form', GRID_WORKER_NAME);
    await screenshot(staff, 'needs-inbox-batch-1280');
    await staff.locator('.batch-form button[type=submit]').click();
    const outcome = staff.locator('[data-testid=batch-outcome]');
    await outcome.waitFor();
    await expect(outcome.textContent()).resolves.toContain(
      zh.inbox_batch_assigned.replace('{name}', GRID_WORKER_NAME).replace('{count}', '2'),
    );
    await expect(outcome.locator('.failures li').count()).resolves.toBe(1);
    await expect(outcome.locator('.failures li').textContent()).resolves.toContain('树枝挡路');

    // The list shows them assigned to the worker.
    await expect
      .poll(async () => staff.locator('.need-card', { hasText: GRID_WORKER_NAME }).filter({ hasText: token }).count())
      .toBe(2);
    await staff.context().close();
  });

  it('raises with 公开 as the category says, clears a fixed field’s banner, and lets the gallery be used', async () => {
    const resident = await newPage(session.browser, session.app.url, PHONE);
    await signIn(resident, PHONES.resident);
    await resident.goto('/needs/new');
    const publicSwitch = resident.locator('.switch input[role=switch]');
    // A health matter is not public unless the resident says so.
    await resident.locator('.category-tile[data-category=HEALTH]').click();
    await expect(publicSwitch.isChecked()).resolves.toBe(false);
    await expect(resident.locator('#need-public-hint').textContent()).resolves.toContain(zh.need_public_off_hint);
    // A repair is public by default, and the hint says what neighbours see.
    await resident.locator('.chosen-category button').click();
    await resident.locator('.category-tile[data-category=REPAIR]').click();
    await expect(publicSwitch.isChecked()).resolves.toBe(true);
    await expect(resident.locator('#need-public-hint').textContent()).resolves.toContain(zh.need_public_on_hint);
    // The photo input offers the gallery as well as the camera.
    await expect(resident.locator('#need-photos').getAttribute('capture')).resolves.toBeNull();
    // No title: the banner and the field's message; once it is filled in, both go.
    await resident.locator('.raise-form button[type=submit]').click();
    await resident.locator('#need-title-error').waitFor();
    await resident.locator('.raise-form .notice-error').waitFor();
    await resident.locator('#need-title').fill('楼下的健身器材松了');
    await resident.locator('.raise-form .notice-error').waitFor({ state: 'detached' });
    await expect(resident.locator('#need-title-error').count()).resolves.toBe(0);
    await resident.context().close();

    // 代办: not public unless the worker says so (the resident did not choose it themself).
    const staff = await newPage(session.browser, session.app.url, PHONE);
    await signIn(staff, PHONES.staff);
    await staff.goto('/needs/inbox/new');
    await staff.locator('.category-tile[data-category=REPAIR]').click();
    await expect(staff.locator('.switch input[role=switch]').isChecked()).resolves.toBe(false);
    await staff.context().close();
  });

  it('tells a street administrator who works the inbox, and points to the dashboard', async () => {
    const admin = await newPage(session.browser, session.app.url, PHONE);
    await signIn(admin, PHONES.admin);
    await admin.goto('/needs/inbox');
    await admin.getByText(zh.inbox_not_allowed).waitFor();
    await admin.locator('.notice a[href="/needs/dashboard"]').click();
    await admin.locator('.stat-tiles').waitFor();
    await admin.context().close();
  });

  it('shows 我的诉求 in three tabs, each in the address', async () => {
    const resident = await newPage(session.browser, session.app.url, PHONE);
    await signIn(resident, PHONES.resident);
    await resident.goto('/needs');
    await expect(resident.locator('.tab[data-tab=active]').getAttribute('aria-current')).resolves.toBe('page');
    const open = [
      zh.need_status_submitted,
      zh.need_status_accepted,
      zh.need_status_assigned,
      zh.need_status_in_progress,
    ];
    expect((await cardStatuses(resident)).every((s) => open.includes(s))).toBe(true);
    await screenshot(resident, 'needs-mine-360');
    await resident.locator('.tab[data-tab=done]').click();
    await resident.waitForURL((url) => url.searchParams.get('tab') === 'done');
    await expect
      .poll(async () =>
        (await cardStatuses(resident)).every((s) => s === zh.need_status_closed || s === zh.need_status_rejected),
      )
      .toBe(true);
    await resident.context().close();
  });

  it('adds a 本级 row to the dashboard so the rows add up, and opens the inbox from a number', async () => {
    const staff = await newPage(session.browser, session.app.url, DESKTOP);
    await signIn(staff, PHONES.staff);
    await staff.goto('/needs/dashboard');
    const own = staff.locator('[data-testid=at-this-level]');
    await own.waitFor();
    await expect(own.locator('th').textContent()).resolves.toBe(
      zh.dashboard_at_this_level.replace('{area}', '幸福里社区'),
    );
    const totals = (await staff.locator('.data-table tbody tr td:nth-of-type(1)').allTextContents()).map(Number);
    const sum = Number(await staff.locator('.data-table tfoot td').first().textContent());
    expect(totals.reduce((a, b) => a + b, 0)).toBe(sum);
    await expect(staff.locator('.data-table thead').textContent()).resolves.toContain(zh.dashboard_avg_response_unit);

    // 本月 fills the dates; the total then opens the inbox with the same needs. The tile's link follows
    // the dates at once, its number only when the month's figures arrive: read it after they have.
    const monthStats = staff.waitForResponse(
      (response) =>
        response.url().endsWith('/graphql') && /needStats[\s\S]*"from":"/.test(response.request().postData() ?? ''),
    );
    await staff.locator('[data-preset=thisMonth]').click();
    await monthStats;
    await staff.evaluate(() => new Promise(requestAnimationFrame));
    await expect(staff.locator('#dash-from').inputValue()).resolves.toMatch(/-01$/);
    await expect(staff.locator('[data-preset=thisMonth]').getAttribute('aria-pressed')).resolves.toBe('true');
    await screenshot(staff, 'needs-dashboard-1280');
    const tile = staff.locator('.stat-tile a.drill').first();
    await staff.waitForFunction(() =>
      document.querySelector('.stat-tile a.drill')?.getAttribute('href')?.includes('createdFrom='),
    );
    const count = (await tile.textContent())!.trim();
    await tile.click();
    await staff.waitForURL((url) => url.pathname === '/needs/inbox' && url.searchParams.has('createdFrom'));
    await expect
      .poll(() => staff.locator('[data-testid=inbox-count]').textContent())
      .toBe(zh.needs_count.replace('{count}', count));
    await staff.context().close();
  });
});
