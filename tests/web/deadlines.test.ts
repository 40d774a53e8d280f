import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useAppAndBrowser, newPage, signIn, zh, PHONES, PHONE, DESKTOP } from '../helpers/browser.js';

/** The server's message for a response deadline longer than the resolution deadline. */
const RESPOND_AFTER_RESOLVE = '响应时限不能长于解决时限。';

/** The form (or the read-only card) of one urgency of the chosen category. */
const card = (page: Page, urgency: string) => page.locator(`.deadline-form[data-urgency=${urgency}]`);

async function openRepair(page: Page): Promise<void> {
  await page.goto('/needs/deadlines');
  await page.locator('#deadlines-category').selectOption('REPAIR');
  await card(page, 'CRITICAL').waitFor();
}

describe('need deadlines (处理时限)', { timeout: 60_000 }, () => {
  const session = useAppAndBrowser();

  it('lets the street admin change one, on a phone, and refuses an impossible one', async () => {
    const admin = await newPage(session.browser, session.app.url, PHONE);
    await signIn(admin, PHONES.admin);
    // The page is in the menu for the street admin, and linked from the dashboard.
    await admin.locator('.menu-toggle').click();
    await admin.locator('#site-nav a[href="/needs/deadlines"]').click();
    await admin.waitForURL((url) => url.pathname === '/needs/deadlines');
    await admin.goto('/needs/dashboard');
    await admin.locator('a[href="/needs/deadlines"]', { hasText: zh.dashboard_deadlines_link }).click();
    await admin.waitForURL((url) => url.pathname === '/needs/deadlines');

    await admin.locator('#deadlines-category').selectOption('REPAIR');
    const critical = card(admin, 'CRITICAL');
    await critical.waitFor();
    // The defaults for a critical need: respond in 2 hours, resolve in a day.
    await expect(admin.locator('#dl-CRITICAL-respond').inputValue()).resolves.toBe('2');
    await expect(admin.locator('#dl-CRITICAL-resolve').inputValue()).resolves.toBe('24');
    await expect(admin.locator('#dl-CRITICAL-resolve-hint').textContent()).resolves.toContain('1');

    await admin.locator('#dl-CRITICAL-respond').fill('1');
    await admin.locator('#dl-CRITICAL-resolve').fill('12');
    await critical.locator('button[type=submit]').click();
    const status = critical.locator('[role=status] .notice-success');
    await status.waitFor();
    const saved = (await status.textContent())!;
    expect(saved).toContain(zh.need_category_repair);
    expect(saved).toContain(zh.need_urgency_critical);
    // The overview shows the new values too.
    await admin.waitForFunction(() => {
      const row = [...document.querySelectorAll('.deadline-table tbody tr')].find((tr) =>
        tr.classList.contains('chosen'),
      );
      return !!row && /1\s*小时/.test(row.textContent!) && /12\s*小时/.test(row.textContent!);
    });

    // Kept on the server: a fresh load shows them.
    await openRepair(admin);
    await expect(admin.locator('#dl-CRITICAL-respond').inputValue()).resolves.toBe('1');
    await expect(admin.locator('#dl-CRITICAL-resolve').inputValue()).resolves.toBe('12');

    // Respond in 48 hours but resolve in 12: the server's message is next to the field.
    await admin.locator('#dl-CRITICAL-respond').fill('48');
    await critical.locator('button[type=submit]').click();
    const error = admin.locator('#dl-CRITICAL-respond-error');
    await error.waitFor();
    await expect(error.textContent()).resolves.toBe(RESPOND_AFTER_RESOLVE);
    await expect(admin.locator('#dl-CRITICAL-respond').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(admin.locator('#dl-CRITICAL-respond').getAttribute('aria-describedby')).resolves.toContain(
      'dl-CRITICAL-respond-error',
    );
    // Focus goes to the field to put right.
    await expect(admin.evaluate(() => document.activeElement?.id)).resolves.toBe('dl-CRITICAL-respond');
    await expect(critical.locator('[role=status] .notice-success').count()).resolves.toBe(0);
    await admin.context().close();
  });

  it('shows community staff the deadlines without a way to change them', async () => {
    const staff = await newPage(session.browser, session.app.url, DESKTOP);
    await signIn(staff, PHONES.staff);
    // Not in the menu: it is for those who set deadlines.
    await expect(staff.locator('#site-nav a[href="/needs/deadlines"]').count()).resolves.toBe(0);
    await openRepair(staff);
    await staff.locator('[data-testid=deadlines-read-only]').waitFor();
    await expect(staff.locator('.deadline-form input').count()).resolves.toBe(0);
    await expect(staff.locator('.deadline-form button').count()).resolves.toBe(0);
    await expect(card(staff, 'CRITICAL').locator('[data-testid=respond]').textContent()).resolves.toMatch(/\d/);
    // Other categories can be looked at from the overview.
    await staff.locator('.deadline-table button', { hasText: zh.need_category_safety }).click();
    await staff.locator('#deadlines-category-title', { hasText: zh.need_category_safety }).waitFor();
    await staff.context().close();
  });
});
