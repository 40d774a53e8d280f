import { describe, expect, it } from 'vitest';
import { useAppAndBrowser, newPage, switchLanguage, en, zh, PHONE } from '../helpers/browser.js';

const HAN = /[\u4e00-\u9fff]/;

describe('language and text size', { timeout: 60_000 }, () => {
  const session = useAppAndBrowser();

  it('starts in Chinese, switches to English and back, and remembers the choice', async () => {
    const page = await newPage(session.browser, session.app.url, PHONE);
    await page.goto('/');
    await page.locator('#welcome-title').waitFor();
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('zh-CN');
    await expect(page.locator('h1').textContent()).resolves.toBe(zh.home_guest_title);

    // The switch is in the menu.
    await switchLanguage(page, 'en');
    await page.locator('#welcome-title', { hasText: en.home_guest_title }).waitFor();

    // Still English after a reload, and on other pages.
    await page.goto('/signin');
    await page.locator('h1', { hasText: en.signin_title }).waitFor();
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');

    await switchLanguage(page, 'zh-CN');
    await page.locator('h1', { hasText: zh.signin_title }).waitFor();
    await page.context().close();
  });

  it('gets the server’s field messages in English when English is chosen', async () => {
    const page = await newPage(session.browser, session.app.url, PHONE);
    await page.goto('/register');
    await switchLanguage(page, 'en');
    await page.locator('h1', { hasText: en.register_title }).waitFor();
    await page.locator('#phone').fill('123');
    await page.locator('#password').fill('a-good-password');
    await page.locator('#displayName').fill('Test');
    await page.locator('#homeArea-0').selectOption({ index: 1 });
    await page.locator('#homeArea-1').selectOption({ index: 1 });
    await page.locator('form button[type=submit]').click();
    const message = (await page.locator('#phone-error').textContent())?.trim() ?? '';
    expect(message).toMatch(/[A-Za-z]/);
    expect(message).not.toMatch(HAN);
    await page.context().close();
  });

  it('turns large text on (1.5 times), keeps it after a reload, and keeps the header on one line', async () => {
    const page = await newPage(session.browser, session.app.url, PHONE);
    await page.goto('/');
    await page.locator('#welcome-title').waitFor();
    const size = () => page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
    const before = await size();
    expect(before).toBeGreaterThanOrEqual(16);

    const toggle = page.locator('.header-tools button[aria-pressed]');
    await toggle.click();
    await expect(toggle.getAttribute('aria-pressed')).resolves.toBe('true');
    expect(await size()).toBeCloseTo(before * 1.5, 0);
    // The brand keeps to one line and stays clear of the tools, in both languages.
    for (const locale of ['zh-CN', 'en'] as const) {
      if (locale === 'en') await switchLanguage(page, 'en');
      await page.locator('#welcome-title').waitFor();
      const [brand, tools] = await Promise.all([
        page.locator('.brand').boundingBox(),
        page.locator('.header-tools').boundingBox(),
      ]);
      expect(brand!.x + brand!.width).toBeLessThanOrEqual(tools!.x);
      const name = await page.locator('.brand-name').boundingBox();
      const lineHeight = await page.locator('.brand-name').evaluate((e) => parseFloat(getComputedStyle(e).lineHeight));
      expect(name!.height).toBeLessThan(lineHeight * 1.5);
    }

    await page.reload();
    await page.locator('#welcome-title').waitFor();
    expect(await size()).toBeGreaterThan(before);
    await expect(page.locator('.header-tools button[aria-pressed]').getAttribute('aria-pressed')).resolves.toBe('true');
    await page.context().close();
  });
});
