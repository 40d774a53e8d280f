import { describe, expect, it } from 'vitest';
import { useAppAndBrowser, newPage, signIn, zh, PHONES, PHONE } from '../helpers/browser.js';

describe('area browser', { timeout: 60_000 }, () => {
  const session = useAppAndBrowser();

  it('lets the street admin drill down, add a building to a grid and rename it', async () => {
    const page = await newPage(session.browser, session.app.url, PHONE);
    await signIn(page, PHONES.admin);
    await page.goto('/areas');
    await page.locator('.area-list a', { hasText: '幸福街道' }).click();
    await page.locator('h1', { hasText: '幸福街道' }).waitFor();
    // Down two levels: a community, then a grid.
    await page.locator('.area-list a').first().click();
    await page.locator('.breadcrumbs li').nth(2).waitFor();
    await page.locator('.area-list a', { hasText: zh.kind_grid }).first().click();
    await page.locator('.breadcrumbs li').nth(3).waitFor();
    const crumbs = await page.locator('.breadcrumbs li').allTextContents();
    expect(crumbs[0]).toContain(zh.areas_all);
    expect(crumbs[1]).toContain('幸福街道');

    // Inside a grid only a building fits, so the form asks for its name alone.
    await expect(page.locator('#create-title').textContent()).resolves.toBe(zh.areas_create_title);
    await expect(page.locator('input[name=kind]').count()).resolves.toBe(0);
    const name = `测试楼${Date.now() % 100000}`;
    await page.locator('#new-area-name').fill(name);
    await page.locator('form[aria-labelledby=create-title] button[type=submit]').click();
    await page.locator('.area-list a', { hasText: name }).waitFor();

    await page.locator('.area-list a', { hasText: name }).click();
    await page.locator('h1', { hasText: name }).waitFor();
    await expect(page.locator('#create-title').count()).resolves.toBe(0); // nothing fits in a building
    await page.locator('#rename-area').fill(`${name}（新）`);
    await page.locator('form[aria-labelledby=rename-title] button[type=submit]').click();
    await page.locator('h1', { hasText: `${name}（新）` }).waitFor();
    await page.context().close();
  });

  it('shows no admin forms to a resident', async () => {
    const page = await newPage(session.browser, session.app.url, PHONE);
    await signIn(page, PHONES.resident);
    await page.goto('/areas');
    await page.locator('.area-list a').first().click();
    await page.locator('.breadcrumbs li').nth(1).waitFor();
    await expect(page.locator('#create-title').count()).resolves.toBe(0);
    await expect(page.locator('#rename-title').count()).resolves.toBe(0);
    await page.context().close();
  });
});
