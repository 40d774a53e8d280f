import { describe, expect, it } from 'vitest';
import { useAppAndBrowser, newPage, signIn, zh, PHONES, PHONE, DESKTOP } from '../helpers/browser.js';

describe('signing in and registering', { timeout: 60_000 }, () => {
  const session = useAppAndBrowser();

  it('signs the street admin in and shows who they are and their roles', async () => {
    const page = await newPage(session.browser, session.app.url, DESKTOP);
    await signIn(page, PHONES.admin);
    await expect(page.locator('h1').textContent()).resolves.toContain('，您好');
    // Their own number in full, and their admin role on the street.
    await expect(page.locator('.facts').textContent()).resolves.toContain(PHONES.admin);
    const roles = await page.locator('.role-list').textContent();
    expect(roles).toContain(zh.role_admin);
    expect(roles).toContain('幸福街道');
    // Staff pages are in the menu.
    await expect(page.locator('#site-nav a[href="/users"]').isVisible()).resolves.toBe(true);

    await page.locator('#site-nav button', { hasText: zh.nav_sign_out }).click();
    await page.locator('#welcome-title').waitFor();
    await expect(page.locator('#site-nav a[href="/users"]').count()).resolves.toBe(0);
    await page.context().close();
  });

  it('refuses a wrong password with a message in an alert', async () => {
    const page = await newPage(session.browser, session.app.url, PHONE);
    await page.goto('/signin');
    await page.locator('#signin-method-password').check();
    await page.locator('#phone').fill(PHONES.resident);
    await page.locator('#password').fill('not-the-password');
    await page.locator('form button[type=submit]').click();
    const alert = page.locator('form [role=alert] .notice-error');
    await alert.waitFor();
    expect((await alert.textContent())?.trim().length).toBeGreaterThan(0);
    expect(new URL(page.url()).pathname).toBe('/signin');
    await page.context().close();
  });

  it('shows the server’s message for a bad phone number next to the phone field', async () => {
    const page = await newPage(session.browser, session.app.url, PHONE);
    await page.goto('/register');
    await page.locator('#phone').fill('123');
    await page.locator('#password').fill('a-good-password');
    await page.locator('#displayName').fill('测试居民');
    await pickHomeArea(page);
    await page.locator('form button[type=submit]').click();

    const phoneError = page.locator('#phone-error');
    await phoneError.waitFor();
    expect((await phoneError.textContent())?.trim()).toMatch(/\S/);
    const phone = page.locator('#phone');
    await expect(phone.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(phone.getAttribute('aria-describedby')).resolves.toContain('phone-error');
    // The message sits in the phone field's own block, and the other fields are not marked.
    await expect(page.locator('.field.invalid #phone').count()).resolves.toBe(1);
    await expect(page.locator('#displayName').getAttribute('aria-invalid')).resolves.toBeNull();
    await expect(page.locator('form [role=alert] .notice-error').isVisible()).resolves.toBe(true);
    expect(new URL(page.url()).pathname).toBe('/register');
    await page.context().close();
  });

  it('registers a new resident, who is then signed in', async () => {
    const page = await newPage(session.browser, session.app.url, PHONE);
    const phone = `139${String(Date.now()).slice(-8)}`;
    await page.goto('/register');
    await page.locator('#phone').fill(phone);
    await page.locator('#password').fill('a-good-password');
    await page.locator('#displayName').fill('新居民');
    await pickHomeArea(page);
    await page.locator('form button[type=submit]').click();
    await page.waitForURL((url) => url.pathname === '/');
    await page.locator('#me-title').waitFor();
    await expect(page.locator('h1').textContent()).resolves.toContain('新居民');
    await expect(page.locator('.facts').textContent()).resolves.toContain(phone);
    await page.context().close();
  });
});

/** Picks the first street and the first community or village in it. */
async function pickHomeArea(page: import('playwright-core').Page): Promise<void> {
  const street = page.locator('#homeArea-0');
  await street.waitFor();
  await street.selectOption({ index: 1 });
  const community = page.locator('#homeArea-1');
  await community.waitFor();
  await community.selectOption({ index: 1 });
}
