import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useAppAndBrowser, newPage, signIn, zh, PHONES, DESKTOP } from '../helpers/browser.js';

describe('role assignment', { timeout: 90_000 }, () => {
  const session = useAppAndBrowser();

  async function openPerson(page: Page, phone: string): Promise<void> {
    await page.goto('/users');
    await page.locator('#filter-search').fill(phone);
    await page.locator('form[role=search] button[type=submit]').click();
    const link = page.locator('.people .person-name').first();
    await page.waitForFunction(
      (p) =>
        [...document.querySelectorAll('.people .person')].length === 1 &&
        document.querySelector('.people .person')!.textContent!.includes(p.slice(-4)),
      phone,
    );
    await link.click();
    await page.locator('#roles-title').waitFor();
  }

  const gridWorkerRoles = (page: Page) =>
    page.locator('.role-list li', { has: page.locator('.badge', { hasText: zh.role_grid_worker }) });

  it('lets the street admin give a resident the grid worker role, and take it away', async () => {
    const page = await newPage(session.browser, session.app.url, DESKTOP);
    await signIn(page, PHONES.admin);
    await openPerson(page, PHONES.resident2);
    await expect(gridWorkerRoles(page).count()).resolves.toBe(0);

    await page.locator('#assign-role').selectOption('GRID_WORKER');
    // The area picker starts at the admin's street; go down to a community.
    await page.locator('#assign-area-1').waitFor();
    await page.locator('#assign-area-1').selectOption({ index: 1 });
    await page.locator('form[aria-labelledby=assign-title] button[type=submit]').click();

    await page.locator('[role=status] .notice-success').waitFor();
    await gridWorkerRoles(page).first().waitFor();
    await expect(gridWorkerRoles(page).count()).resolves.toBe(1);

    // The person sees it on their own home page.
    const theirs = await newPage(session.browser, session.app.url, DESKTOP);
    await signIn(theirs, PHONES.resident2);
    await expect(theirs.locator('.role-list').textContent()).resolves.toContain(zh.role_grid_worker);
    await theirs.context().close();

    // Taking it away again leaves the demo data as it was.
    page.once('dialog', (d) => d.accept());
    await gridWorkerRoles(page).locator('button').click();
    await page.waitForFunction(
      (label) => ![...document.querySelectorAll('.role-list .badge')].some((b) => b.textContent === label),
      zh.role_grid_worker,
    );
    await page.context().close();
  });

  it('finds people by role, and shows more on request', async () => {
    const page = await newPage(session.browser, session.app.url, DESKTOP);
    await signIn(page, PHONES.admin);
    await page.goto('/users');
    await page.locator('.people .person').first().waitFor();
    // The demo street has more people than one page holds (20), so "show more" is there and adds some.
    const first = await page.locator('.people .person').count();
    expect(first).toBe(20);
    const showMore = page.locator('.results > button.button', { hasText: zh.users_load_more });
    await expect(showMore.isVisible()).resolves.toBe(true);
    await showMore.click();
    await page.waitForFunction((n) => document.querySelectorAll('.people .person').length > n, first);
    // Only residents: every card shows the resident role.
    await page.locator('label.choice', { hasText: zh.role_resident }).click();
    await page.locator('form[role=search] button[type=submit]').click();
    await page.waitForFunction((label) => {
      const cards = [...document.querySelectorAll('.people .person')];
      return cards.length > 0 && cards.every((c) => c.textContent!.includes(label));
    }, zh.role_resident);
    await page.context().close();
  });

  it('keeps the management pages from a resident', async () => {
    const page = await newPage(session.browser, session.app.url, DESKTOP);
    await signIn(page, PHONES.resident);
    await expect(page.locator('#site-nav a[href="/users"]').count()).resolves.toBe(0);
    await page.goto('/users');
    await page.getByText(zh.not_allowed).waitFor();
    await page.context().close();
  });
});
