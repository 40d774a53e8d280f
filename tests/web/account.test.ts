import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useAppAndBrowser, newPage, signIn, zh, DEMO_PASSWORD, PHONES, DESKTOP } from '../helpers/browser.js';

const NEW_PASSWORD = 'a-new-password-42';

describe('changing one’s password', { timeout: 90_000 }, () => {
  const session = useAppAndBrowser();

  /** Fills the three fields and presses the button. */
  async function submit(page: Page, current: string, next: string, again: string): Promise<void> {
    await page.locator('#currentPassword').fill(current);
    await page.locator('#newPassword').fill(next);
    await page.locator('#confirmPassword').fill(again);
    await page.locator('form button[type=submit]').click();
  }

  const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');

  it('refuses a wrong or short password and a mismatch, then changes it and signs out other devices', async () => {
    const page = await newPage(session.browser, session.app.url, DESKTOP);
    await signIn(page, PHONES.otherStaff);
    // Another device, signed in as the same person.
    const other = await newPage(session.browser, session.app.url, DESKTOP);
    await signIn(other, PHONES.otherStaff);

    // From the home page.
    await page.locator('main a[href="/account/password"]').click();
    await page.locator('h1', { hasText: zh.password_title }).waitFor();
    // Under 我的 in the navigation.
    await expect(page.locator('#site-nav a[href="/account"]').getAttribute('aria-current')).resolves.toBe('page');

    // A wrong current password: the server's message next to that field, and focus on it.
    await submit(page, 'not-my-password', NEW_PASSWORD, NEW_PASSWORD);
    const currentError = page.locator('#currentPassword-error');
    await currentError.waitFor();
    expect((await currentError.textContent())?.trim()).toMatch(/\S/);
    const current = page.locator('#currentPassword');
    await expect(current.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(current.getAttribute('aria-describedby')).resolves.toContain('currentPassword-error');
    await expect(page.locator('#newPassword').getAttribute('aria-invalid')).resolves.toBeNull();
    await expect(page.locator('form [role=alert] .notice-error').isVisible()).resolves.toBe(true);
    await expect(focusedId(page)).resolves.toBe('currentPassword');

    // The two new passwords differ: refused here, without asking the server.
    const sent: string[] = [];
    const onRequest = (r: import('playwright-core').Request) => {
      if (r.url().endsWith('/graphql') && r.postData()?.includes('changePassword')) sent.push(r.url());
    };
    page.on('request', onRequest);
    await submit(page, DEMO_PASSWORD, NEW_PASSWORD, `${NEW_PASSWORD}x`);
    const confirmError = page.locator('#confirmPassword-error');
    await confirmError.waitFor();
    await expect(confirmError.textContent()).resolves.toBe(zh.password_mismatch);
    await expect(page.locator('#currentPassword-error').count()).resolves.toBe(0);
    await expect(page.locator('#confirmPassword').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(focusedId(page)).resolves.toBe('confirmPassword');
    page.off('request', onRequest);
    expect(sent).toEqual([]);

    // Too short: the server's message next to the new password.
    await submit(page, DEMO_PASSWORD, 'short', 'short');
    await page.locator('#newPassword-error').waitFor();
    await expect(page.locator('#newPassword').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(focusedId(page)).resolves.toBe('newPassword');

    // Now right: a confirmation, the fields emptied, and still signed in here.
    await submit(page, DEMO_PASSWORD, NEW_PASSWORD, NEW_PASSWORD);
    const done = page.locator('form [role=status] .notice-success');
    await done.waitFor();
    await expect(done.textContent()).resolves.toBe(zh.password_changed);
    await expect(page.locator('form [role=alert] .notice-error').count()).resolves.toBe(0);
    await expect(page.locator('#currentPassword').inputValue()).resolves.toBe('');
    await expect(page.locator('#confirmPassword').inputValue()).resolves.toBe('');
    await page.goto('/');
    await page.locator('#me-title').waitFor();

    // The other device is signed out.
    await other.reload();
    await other.locator('#welcome-title').waitFor();
    await other.context().close();

    // Sign out; the old password no longer works (focus goes to the alert), the new one does.
    await page.locator('#site-nav button', { hasText: zh.nav_sign_out }).click();
    await page.locator('#welcome-title').waitFor();
    await page.goto('/signin');
    await page.locator('#signin-method-password').check();
    await page.locator('#phone').fill(PHONES.otherStaff);
    await page.locator('#password').fill(DEMO_PASSWORD);
    await page.locator('form button[type=submit]').click();
    await page.locator('form [role=alert] .notice-error').waitFor();
    await expect(page.evaluate(() => document.activeElement?.classList.contains('notice-error'))).resolves.toBe(true);
    expect(new URL(page.url()).pathname).toBe('/signin');
    await signIn(page, PHONES.otherStaff, NEW_PASSWORD);

    // Put the demo password back, so the demo data is left as it was.
    await page.goto('/account/password');
    await submit(page, NEW_PASSWORD, DEMO_PASSWORD, DEMO_PASSWORD);
    await page.locator('form [role=status] .notice-success').waitFor();
    await page.context().close();
  });

  it('asks a guest to sign in first', async () => {
    const page = await newPage(session.browser, session.app.url, DESKTOP);
    await page.goto('/account/password');
    const link = page.locator('main a[href="/signin?next=%2Faccount%2Fpassword"]');
    await link.waitFor();
    await expect(page.locator('#currentPassword').count()).resolves.toBe(0);
    await page.context().close();
  });
});
