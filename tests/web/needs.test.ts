import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useAppAndBrowser, newPage, signIn, zh, PHONES, PHONE, DESKTOP } from '../helpers/browser.js';

/** A 2×2 red PNG, as a phone camera would hand over a (much larger) photo. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEElEQVR4nGM4YaMBRAwQCgAjXgSxbgN+HAAAAABJRU5ErkJggg==',
  'base64',
);

/** The demo grid worker of 幸福里第一网格. */
const GRID_WORKER_NAME = '张伟';

/** Raises a need through "我要反映" and returns its id; the page ends on the need's page. */
async function raiseNeed(page: Page, title: string, options: { photo?: boolean } = {}): Promise<string> {
  await page.goto('/needs/new');
  // Tap 1: the category.
  await page.locator('.category-tile[data-category=REPAIR]').click();
  // Tap 2: a short text (and a photo from the "camera").
  await page.locator('#need-title').fill(title);
  await page.locator('#need-description').fill('晚上楼道里一片黑，老人上下楼不安全。');
  if (options.photo) {
    await page.locator('#need-photos').setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: PNG });
    await page.locator('.photo-picker .thumbs img').first().waitFor();
  }
  // The need is public unless switched off.
  await expect(page.locator('.switch input[role=switch]').isChecked()).resolves.toBe(true);
  // Tap 3: send.
  await page.locator('.raise-form button[type=submit]').click();
  await page.waitForURL(/\/needs\/[^/]+\?raised=1$/);
  await page.locator('#need-title').waitFor();
  await expect(page.locator('#need-title').textContent()).resolves.toBe(title);
  const id = new URL(page.url()).pathname.split('/').pop()!;
  return id;
}

/** The status badge on a need's page. */
const statusBadge = (page: Page) => page.locator('.need-detail .badge.status');

async function waitForStatus(page: Page, label: string): Promise<void> {
  await page.waitForFunction(
    (text) => document.querySelector('.need-detail .badge.status')?.textContent?.trim() === text,
    label,
  );
}

/** Unfolds the inbox's filters besides the quick ones. */
async function openFilters(page: Page): Promise<void> {
  await page.locator('details.inbox-filters > summary').click();
}

async function act(page: Page, action: string): Promise<void> {
  await page.locator(`.need-actions button[data-action=${action}]`).click();
}

describe('needs (接诉即办)', { timeout: 120_000 }, () => {
  const session = useAppAndBrowser();

  it('goes from a resident’s photo to a rated, closed need', async () => {
    const title = `3号楼楼道灯坏了 ${Date.now()}`;

    // The resident, on a phone, raises it with a photo.
    const resident = await newPage(session.browser, session.app.url, PHONE);
    await signIn(resident, PHONES.resident);
    const id = await raiseNeed(resident, title, { photo: true });
    await waitForStatus(resident, zh.need_status_submitted);
    await resident.locator('.need-detail .thumbs img').first().waitFor();
    await resident.locator('.timeline-item').first().waitFor();

    // It is in the resident's own list.
    await resident.goto('/needs');
    await resident.locator('.need-card-title', { hasText: title }).waitFor();

    // Community staff accept it and assign it to the grid worker.
    const staff = await newPage(session.browser, session.app.url, DESKTOP);
    await signIn(staff, PHONES.staff);
    await staff.goto(`/needs/${id}`);
    // The resident watches the need's page meanwhile.
    await resident.goto(`/needs/${id}`);
    await resident.locator('.timeline-item').first().waitFor();
    await act(staff, 'ACCEPT');
    await waitForStatus(staff, zh.need_status_accepted);
    // The resident's page follows without a reload.
    await waitForStatus(resident, zh.need_status_accepted);
    await resident.getByText(zh.need_live_updated).waitFor();
    await act(staff, 'ASSIGN');
    // The picker lists whom the server lets the need go to, a page at a time; find the worker by name.
    await staff.locator('#assign-search').fill(GRID_WORKER_NAME);
    await staff.locator('.action-form .search-row button').click();
    const select = staff.locator('#assign-to');
    await staff.waitForFunction(
      (name) => [...document.querySelectorAll('#assign-to option')].some((o) => o.textContent!.includes(name)),
      GRID_WORKER_NAME,
    );
    const workerId = await select.evaluate(
      (el, name) => [...(el as HTMLSelectElement).options].find((o) => o.text.includes(name))!.value,
      GRID_WORKER_NAME,
    );
    await select.selectOption(workerId);
    await staff.locator('.action-form button[type=submit]').click();
    await waitForStatus(staff, zh.need_status_assigned);
    await expect(staff.locator('[data-testid=need-assignee]').textContent()).resolves.toBe(GRID_WORKER_NAME);

    // The grid worker starts and resolves it.
    const worker = await newPage(session.browser, session.app.url, PHONE);
    await signIn(worker, PHONES.gridWorker);
    await worker.goto(`/needs/${id}`);
    await act(worker, 'START');
    await waitForStatus(worker, zh.need_status_in_progress);
    await act(worker, 'RESOLVE');
    await worker.locator('#action-text').fill('已换上新的声控灯。');
    await worker.locator('.action-form button[type=submit]').click();
    await waitForStatus(worker, zh.need_status_resolved);

    // The resident confirms it with five stars.
    await resident.goto(`/needs/${id}`);
    await waitForStatus(resident, zh.need_status_resolved);
    await act(resident, 'CONFIRM');
    // A rating is required.
    await resident.locator('.action-form button[type=submit]').click();
    await resident.locator('#action-rating-error').waitFor();
    await resident.locator('label.star').nth(4).click();
    await resident.locator('#action-text').fill('很快就修好了，谢谢！');
    await resident.locator('.action-form button[type=submit]').click();
    await waitForStatus(resident, zh.need_status_closed);
    await expect(resident.locator('.need-detail .facts').textContent()).resolves.toContain('很快就修好了');
    // Every step is on the timeline.
    await expect(resident.locator('.timeline-item').count()).resolves.toBeGreaterThanOrEqual(6);
    expect(await statusBadge(resident).textContent()).toContain(zh.need_status_closed);

    for (const p of [resident, staff, worker]) await p.context().close();
  });

  it('shows a new need in the staff inbox without a reload', async () => {
    const token = `实时${Date.now()}`;
    const staff = await newPage(session.browser, session.app.url, DESKTOP);
    await signIn(staff, PHONES.staff);
    await staff.goto('/needs/inbox');
    await openFilters(staff);
    await staff.locator('#inbox-text').fill(token);
    await staff.locator('form[role=search] button[type=submit]').click();
    await staff.locator('.results').getByText(zh.inbox_none).waitFor();
    const navigations: string[] = [];
    staff.on('framenavigated', (f) => {
      if (f === staff.mainFrame()) navigations.push(f.url());
    });

    const resident = await newPage(session.browser, session.app.url, PHONE);
    await signIn(resident, PHONES.resident2);
    await raiseNeed(resident, `楼下垃圾没人清 ${token}`);

    await staff.locator('.need-card-title', { hasText: token }).waitFor({ timeout: 15_000 });
    expect(navigations).toEqual([]);
    await resident.context().close();
    await staff.context().close();
  });

  it('catches up after the live connection drops and comes back', async () => {
    const token = `断线${Date.now()}`;
    const staff = await newPage(session.browser, session.app.url, DESKTOP);
    await signIn(staff, PHONES.staff);
    // Every live connection of the inbox goes through the test, which can cut it (the home page's
    // own, for its to-dos and messages, was opened before and ends as the inbox loads).
    let cut: (() => Promise<void>) | null = null;
    let connections = 0;
    await staff.routeWebSocket(/\/graphql$/, (ws) => {
      connections++;
      const server = ws.connectToServer();
      cut = async () => {
        await server.close();
        await ws.close();
      };
    });
    await staff.goto('/needs/inbox');
    await openFilters(staff);
    await staff.locator('#inbox-text').fill(token);
    await staff.locator('form[role=search] button[type=submit]').click();
    await staff.locator('.results').getByText(zh.inbox_none).waitFor();
    await expect.poll(() => connections).toBe(1);

    // Block reconnecting until the need has been raised, so its event is missed for sure.
    let allowReconnect!: () => void;
    const reconnectAllowed = new Promise<void>((resolve) => (allowReconnect = resolve));
    await staff.unrouteAll();
    await staff.routeWebSocket(/\/graphql$/, async (ws) => {
      await reconnectAllowed;
      connections++;
      ws.connectToServer();
    });
    await cut!();

    const resident = await newPage(session.browser, session.app.url, PHONE);
    await signIn(resident, PHONES.resident2);
    await raiseNeed(resident, `路灯又坏了 ${token}`);
    allowReconnect();

    await staff.locator('.need-card-title', { hasText: token }).waitFor({ timeout: 20_000 });
    expect(connections).toBeGreaterThanOrEqual(2);
    await resident.context().close();
    await staff.context().close();
  });

  it('lets staff raise a need for a resident (代办), which the resident then sees as theirs', async () => {
    const title = `电话反映：家里水管漏水 ${Date.now()}`;
    const staff = await newPage(session.browser, session.app.url, PHONE);
    await signIn(staff, PHONES.staff);
    await staff.goto('/needs/inbox/new');
    await staff.locator('.category-tile[data-category=ELDERLY_CARE]').click();
    await staff.locator('#proxy-search').fill(PHONES.resident);
    await staff.locator('.proxy-resident button', { hasText: zh.need_proxy_search_submit }).click();
    await staff.locator('.pick-list button').first().click();
    await staff.locator('[data-testid=chosen-resident]').waitFor();
    await staff.locator('#need-channel').selectOption('PHONE');
    await staff.locator('#need-title').fill(title);
    await staff.locator('.raise-form button[type=submit]').click();
    await staff.waitForURL(/\/needs\/[^/]+\?raised=1$/);
    await expect(staff.locator('.need-detail .facts').textContent()).resolves.toContain(zh.need_channel_phone);

    const resident = await newPage(session.browser, session.app.url, PHONE);
    await signIn(resident, PHONES.resident);
    await resident.goto('/needs');
    await resident.locator('.need-card-title', { hasText: title }).waitFor();
    await resident.context().close();
    await staff.context().close();
  });

  it('lets a grid worker record what they found on patrol', async () => {
    const title = `巡查发现：消防通道被占 ${Date.now()}`;
    const worker = await newPage(session.browser, session.app.url, PHONE);
    await signIn(worker, PHONES.gridWorker);
    await worker.goto('/needs/inbox/new');
    await worker.locator('.category-tile[data-category=SAFETY]').click();
    await worker.locator('#need-channel').selectOption('GRID_PATROL');
    await worker.locator('#need-title').fill(title);
    await worker.locator('.raise-form button[type=submit]').click();
    await worker.waitForURL(/\/needs\/[^/]+\?raised=1$/);
    await expect(worker.locator('.need-detail .facts').textContent()).resolves.toContain(zh.need_channel_grid_patrol);
    await worker.goto('/needs/inbox');
    await worker.locator('.need-card-title', { hasText: title }).waitFor();
    await worker.context().close();
  });

  it('says so, and reloads, when someone else changed the need first', async () => {
    const resident = await newPage(session.browser, session.app.url, PHONE);
    await signIn(resident, PHONES.resident);
    const id = await raiseNeed(resident, `单元门禁坏了 ${Date.now()}`);
    await resident.context().close();

    const first = await newPage(session.browser, session.app.url, DESKTOP);
    const second = await newPage(session.browser, session.app.url, DESKTOP);
    await signIn(first, PHONES.staff);
    await signIn(second, PHONES.staff);
    // The second page gets no live updates (its socket goes nowhere), so it goes stale.
    await second.routeWebSocket(/\/graphql$/, () => {});
    await first.goto(`/needs/${id}`);
    await second.goto(`/needs/${id}`);
    await first.locator('.need-actions button[data-action=REJECT]').waitFor();
    await second.locator('.need-actions button[data-action=REJECT]').waitFor();
    // The first one declines it; the second, not having looked again, tries to as well.
    await act(first, 'REJECT');
    await first.locator('#action-text').fill('不属于社区职责范围，请联系物业。');
    await first.locator('.action-form button[type=submit]').click();
    await waitForStatus(first, zh.need_status_rejected);
    await act(second, 'REJECT');
    await second.locator('#action-text').fill('重复');
    await second.locator('.action-form button[type=submit]').click();
    await second.getByText(zh.need_conflict_reloaded).waitFor();
    await waitForStatus(second, zh.need_status_rejected);
    await first.context().close();
    await second.context().close();
  });

  it('filters the inbox by several values at once, and shows more on request', async () => {
    const staff = await newPage(session.browser, session.app.url, DESKTOP);
    await signIn(staff, PHONES.staff);
    await staff.goto('/needs/inbox');
    await staff.locator('.need-list .need-card').first().waitFor();
    await openFilters(staff);
    // Every status: more than one page.
    for (const label of [zh.need_status_resolved, zh.need_status_closed, zh.need_status_rejected]) {
      await staff.locator('label.choice', { hasText: label }).click();
    }
    await staff.locator('form[role=search] button[type=submit]').click();
    const more = staff.locator('.results > button.button');
    await more.waitFor();
    const before = await staff.locator('.need-list .need-card').count();
    await more.click();
    await staff.waitForFunction((n) => document.querySelectorAll('.need-list .need-card').length > n, before);

    // Two categories at once: every card is one of them.
    await staff.locator('.more-filters summary').click();
    await staff.locator('label.choice', { hasText: zh.need_category_repair }).click();
    await staff.locator('label.choice', { hasText: zh.need_category_environment }).click();
    await staff.locator('form[role=search] button[type=submit]').click();
    await staff.waitForFunction(
      (labels) => {
        const cards = [...document.querySelectorAll('.need-list .need-card .need-card-category')];
        return cards.length > 0 && cards.every((c) => labels.some((l) => c.textContent!.includes(l)));
      },
      [zh.need_category_repair, zh.need_category_environment],
    );
    await staff.context().close();
  });

  it('exports what the inbox shows', async () => {
    const staff = await newPage(session.browser, session.app.url, DESKTOP);
    await signIn(staff, PHONES.staff);
    await staff.goto('/needs/inbox');
    await staff.locator('.need-list .need-card').first().waitFor();
    // The quick filter applies at once.
    await staff.locator('[data-chip=overdue]').click();
    const csv = staff.locator('.export-links a[href*="needs.csv"]');
    await staff.waitForFunction(() =>
      document.querySelector('.export-links a[href*="needs.csv"]')!.getAttribute('href')!.includes('overdue=true'),
    );
    const href = (await csv.getAttribute('href'))!;
    expect(href).toContain('statuses=SUBMITTED');
    const response = await staff.request.get(href);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toContain('csv');
    const xlsx = await staff.request.get(
      (await staff.locator('.export-links a[href*="needs.xlsx"]').getAttribute('href'))!,
    );
    expect(xlsx.status()).toBe(200);
    await staff.context().close();
  });

  it('lets a neighbour support a public need, and keeps the inbox from residents', async () => {
    const title = `小区路灯不亮 ${Date.now()}`;
    const resident = await newPage(session.browser, session.app.url, PHONE);
    await signIn(resident, PHONES.resident);
    await raiseNeed(resident, title);
    await resident.context().close();

    const neighbour = await newPage(session.browser, session.app.url, PHONE);
    await signIn(neighbour, PHONES.resident2);
    await neighbour.goto('/needs/nearby');
    const card = neighbour.locator('.need-card', { hasText: title });
    await card.waitFor();
    await card.locator('button', { hasText: zh.need_action_support }).click();
    await card.getByText(zh.need_supported_by_me).waitFor();
    // Opened from 附近, its page leads back there, not to 我的诉求 (it is not the neighbour's).
    await card.locator('.need-card-title').click();
    await neighbour.locator('#need-title').waitFor();
    await expect(neighbour.locator('.back-link').textContent()).resolves.toContain(zh.need_back_nearby);
    await expect(neighbour.locator('.back-link').getAttribute('href')).resolves.toBe('/needs/nearby');

    await neighbour.goto('/needs/inbox');
    await neighbour.getByText(zh.inbox_not_allowed).waitFor();
    await neighbour.context().close();
  });
});
