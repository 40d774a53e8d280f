import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  axeCheck,
  describeViolations,
  newPage,
  screenshot,
  signIn,
  useAppAndBrowser,
  PHONES,
  PHONE,
  DESKTOP,
  DISPLAY_VARIANTS,
  expectReadable,
  newPageIn,
  switchLanguage,
  raiseNeedAs,
} from '../helpers/browser.js';

/** Pages with what to wait for before checking; `signedIn` pages are seen by the street admin. */
const guestPages = [
  { name: 'home-guest', path: '/', ready: '#welcome-title' },
  { name: 'signin', path: '/signin', ready: 'form #phone' },
  { name: 'register', path: '/register', ready: '#homeArea-0' },
];
const adminPages = [
  { name: 'home', path: '/', ready: '#me-title' },
  { name: 'areas', path: '/areas', ready: '.area-list a' },
  { name: 'area-street', path: null, ready: '#create-title' },
  { name: 'users', path: '/users', ready: '.people .person' },
  { name: 'user', path: null, ready: '#assign-title' },
  { name: 'audit', path: '/audit', ready: '#log-title' },
  { name: 'needs-deadlines', path: '/needs/deadlines', ready: '.deadline-form input' },
  // Last: the password form is then refused on the spot below.
  { name: 'password', path: '/account/password', ready: 'form #currentPassword' },
];

/** The needs pages, as a resident and as community staff see them. */
const residentNeedPages = [
  { name: 'needs-raise', path: '/needs/new', ready: '.category-tile' },
  { name: 'needs-mine', path: '/needs', ready: '.need-list .need-card' },
  { name: 'needs-nearby', path: '/needs/nearby', ready: '#nearby-list-title' },
];
const staffNeedPages = [
  { name: 'needs-inbox', path: '/needs/inbox', ready: '.need-list .need-card' },
  { name: 'needs-proxy', path: '/needs/inbox/new', ready: '.category-tile' },
  { name: 'needs-dashboard', path: '/needs/dashboard', ready: '.stat-tiles' },
  { name: 'needs-deadlines-staff', path: '/needs/deadlines', ready: '.deadline-form dd' },
];

describe('accessibility (axe) and screenshots', { timeout: 120_000 }, () => {
  const session = useAppAndBrowser();

  async function check(page: Page, name: string, width: number) {
    const violations = await axeCheck(page);
    await screenshot(page, `${name}-${width}`, { failed: violations.length > 0 });
    expect(violations, describeViolations(violations)).toEqual([]);
  }

  it('has no serious or critical problems in English at 360 px', async () => {
    const page = await newPage(session.browser, session.app.url, PHONE);
    await signIn(page, PHONES.admin);
    await switchLanguage(page, 'en');
    await page.locator('#me-title').waitFor();
    await check(page, 'home-en', PHONE.width);
    await page.goto('/users');
    await page.locator('.people .person').first().waitFor();
    await check(page, 'users-en', PHONE.width);
    await page.locator('.menu-toggle').click();
    await page.locator('#site-nav a[href="/audit"]').click();
    await page.locator('.audit-entry').first().waitFor();
    await check(page, 'audit-en', PHONE.width);
    await page.context().close();
  });

  for (const viewport of [PHONE, DESKTOP]) {
    it(`has no serious or critical problems for a guest at ${viewport.width} px`, async () => {
      const page = await newPage(session.browser, session.app.url, viewport);
      for (const p of guestPages) {
        await page.goto(p.path);
        await page.locator(p.ready).first().waitFor();
        await check(page, p.name, viewport.width);
      }
      // A refused form, with its messages showing.
      await page.locator('form button[type=submit]').click();
      await page.locator('#phone-error').waitFor();
      await check(page, 'register-errors', viewport.width);
      await page.context().close();
    });

    it(`has no serious or critical problems for the admin at ${viewport.width} px`, async () => {
      const page = await newPage(session.browser, session.app.url, viewport);
      await signIn(page, PHONES.admin);
      for (const p of adminPages) {
        if (p.path) {
          await page.goto(p.path);
        } else if (p.name === 'area-street') {
          await page.goto('/areas');
          await page.locator('.area-list a').first().click();
        } else if (p.name === 'user') {
          await page.locator('.people .person-name').first().click();
        }
        await page.locator(p.ready).first().waitFor();
        await check(page, p.name, viewport.width);
      }
      // The password form, refused on the spot: the two new passwords differ.
      await page.locator('#currentPassword').fill('not-my-password');
      await page.locator('#newPassword').fill('a-new-password');
      await page.locator('#confirmPassword').fill('another-password');
      await page.locator('form button[type=submit]').click();
      await page.locator('#confirmPassword-error').waitFor();
      await check(page, 'password-errors', viewport.width);
      // A deadline refused by the server: respond later than resolve.
      await page.goto('/needs/deadlines');
      await page.locator('#dl-CRITICAL-respond').fill('48');
      await page.locator('#dl-CRITICAL-resolve').fill('12');
      await page.locator('.deadline-form[data-urgency=CRITICAL] button[type=submit]').click();
      await page.locator('#dl-CRITICAL-respond-error').waitFor();
      await check(page, 'needs-deadlines-errors', viewport.width);
      if (viewport === PHONE) {
        // The menu, opened.
        await page.locator('.menu-toggle').click();
        await page.locator('#site-nav.open').waitFor();
        await check(page, 'menu-open', viewport.width);
      }
      await page.context().close();
    });

    it(`has no serious or critical problems on the needs pages for a resident at ${viewport.width} px`, async () => {
      const page = await newPage(session.browser, session.app.url, viewport);
      await signIn(page, PHONES.resident);
      // The second step of "raise a need", refused: no title yet.
      await page.goto('/needs/new');
      await page.locator('.category-tile[data-category=ENVIRONMENT]').click();
      await page.locator('#need-title').waitFor();
      await check(page, 'needs-raise-details', viewport.width);
      await page.locator('.raise-form button[type=submit]').click();
      await page.locator('#need-title-error').waitFor();
      await check(page, 'needs-raise-errors', viewport.width);
      await page.locator('#need-title').fill('楼下的健身器材松了');
      await page.locator('.raise-form button[type=submit]').click();
      await page.locator('.need-detail .timeline-item').first().waitFor();
      await check(page, 'needs-detail-resident', viewport.width);
      for (const p of residentNeedPages) {
        await page.goto(p.path);
        await page.locator(p.ready).first().waitFor();
        await check(page, p.name, viewport.width);
      }
      await page.context().close();
    });

    it(`has no serious or critical problems on the needs pages for staff at ${viewport.width} px`, async () => {
      const page = await newPage(session.browser, session.app.url, viewport);
      await signIn(page, PHONES.staff);
      for (const p of staffNeedPages) {
        await page.goto(p.path);
        await page.locator(p.ready).first().waitFor();
        await check(page, p.name, viewport.width);
      }
      // A need as staff see it, with an action's form open.
      await page.goto('/needs/inbox');
      await page.locator('.need-card-title').first().click();
      await page.locator('.need-actions button').first().waitFor();
      await check(page, 'needs-detail-staff', viewport.width);
      const formAction = page.locator(
        '.need-actions button[data-action=ASSIGN], .need-actions button[data-action=RESOLVE], .need-actions button[data-action=COMMENT]',
      );
      if ((await formAction.count()) > 0) {
        await formAction.first().click();
        await page.locator('.action-form').waitFor();
        await check(page, 'needs-detail-action', viewport.width);
      }
      await page.context().close();
    });
  }
});

/**
 * The shell and the pages of issue 12 (header, tab bar, menu, 消息, 我的, to-dos, sign-in by code,
 * 忘记密码, audit log, people) in every combination people use: phone and desk, large text on and
 * off, Chinese and English.
 */
describe('accessibility of the shell and its pages in every size and language', { timeout: 240_000 }, () => {
  const session = useAppAndBrowser();

  const guestPages = [
    { name: 'home-guest', path: '/', ready: '#welcome-title' },
    { name: 'signin-code', path: '/signin', ready: 'form #code' },
    { name: 'forgot', path: '/signin/forgot', ready: 'form #newPassword' },
    { name: 'register', path: '/register', ready: '#homeArea-0' },
  ];
  const staffPages = [
    { name: 'home-worker', path: '/', ready: '.work-tile' },
    { name: 'messages', path: '/messages', ready: '.message' },
    { name: 'account', path: '/account', ready: '#prefs-title' },
    { name: 'audit-staff', path: '/audit', ready: '#log-title' },
    { name: 'users-staff', path: '/users', ready: '.people .person' },
  ];

  for (const variant of DISPLAY_VARIANTS) {
    it(`has no serious or critical problems at ${variant.name}`, async () => {
      const page = await newPageIn(session.browser, session.app.url, variant);
      const check = (name: string) => expectReadable(page, `shell-${name}`, variant);

      for (const p of guestPages) {
        await page.goto(p.path);
        await page.locator(p.ready).first().waitFor();
        await check(p.name);
      }
      // Sign-in by password, the other tab.
      await page.goto('/signin');
      await page.locator('#signin-method-password').check();
      await page.locator('form #password').waitFor();
      await check('signin-password');

      // A resident with a need waiting for a rating.
      await signIn(page, PHONES.resident);
      await page.locator('.to-rate').waitFor();
      await check('home-resident');
      // A notification for community staff: a new need in their community.
      await raiseNeedAs(page, `楼道灯不亮 ${variant.name}`);
      await page.goto('/account');
      await page.locator('#account-security-title').waitFor();
      await page.locator('main button.sign-out').click();
      await page.locator('#welcome-title').waitFor();

      await signIn(page, PHONES.staff);
      for (const p of staffPages) {
        await page.goto(p.path);
        await page.locator(p.ready).first().waitFor();
        await check(p.name);
      }
      // Someone else's page: roles shown, no controls to change them.
      await page.locator('.people .person-name').first().click();
      await page.locator('#roles-title').waitFor();
      await check('user-staff');
      if (variant.viewport === PHONE) {
        await page.locator('.menu-toggle').click();
        await page.locator('#site-nav.open').waitFor();
        await check('menu-open');
      }
      await page.context().close();
    });
  }
});
