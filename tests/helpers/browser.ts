import { afterAll, beforeAll, expect } from 'vitest';
import { readFileSync, readdirSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Cookie, type Page } from 'playwright-core';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../server/src/seed/demo.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const screenshotDir = path.join(root, 'tests/web/screenshots');
const axeSource = readFileSync(path.join(root, 'node_modules/axe-core/axe.min.js'), 'utf8');

export { DEMO_PASSWORD };
/** The demo accounts (server/src/seed/demo.ts) under the names the browser tests use. */
export const PHONES = {
  admin: DEMO_ACCOUNTS.streetAdmin,
  staff: DEMO_ACCOUNTS.communityStaff,
  gridWorker: DEMO_ACCOUNTS.gridWorker,
  unitRep: DEMO_ACCOUNTS.unitRep,
  volunteer: DEMO_ACCOUNTS.volunteer,
  resident: DEMO_ACCOUNTS.resident,
  resident2: DEMO_ACCOUNTS.neighbour,
  otherStaff: DEMO_ACCOUNTS.otherCommunityStaff,
} as const;

/** The UI text, read from the same message files the app is built from (one per feature and locale). */
type Messages = Omit<
  typeof import('../../web/messages/zh-CN/app.json', { with: { type: 'json' } }) &
    typeof import('../../web/messages/zh-CN/areas.json', { with: { type: 'json' } }) &
    typeof import('../../web/messages/zh-CN/people.json', { with: { type: 'json' } }) &
    typeof import('../../web/messages/zh-CN/audit.json', { with: { type: 'json' } }) &
    typeof import('../../web/messages/zh-CN/needs.json', { with: { type: 'json' } }) &
    typeof import('../../web/messages/zh-CN/messages.json', { with: { type: 'json' } }) &
    typeof import('../../web/messages/zh-CN/account.json', { with: { type: 'json' } }) &
    typeof import('../../web/messages/zh-CN/units.json', { with: { type: 'json' } }) &
    typeof import('../../web/messages/zh-CN/commitments.json', { with: { type: 'json' } }),
  '$schema'
>;
function catalogue(locale: string): Messages {
  const dir = path.join(root, 'web/messages', locale);
  const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
  return Object.assign({}, ...files.map((f) => JSON.parse(readFileSync(path.join(dir, f), 'utf8'))));
}
export const zh = catalogue('zh-CN');
export const en = catalogue('en');

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

export const PHONE = { width: 360, height: 760 };
export const DESKTOP = { width: 1280, height: 900 };

/** A page in a fresh context (own cookies and localStorage) with the given viewport. */
export async function newPage(
  browser: Browser,
  baseURL: string,
  viewport: { width: number; height: number } = DESKTOP,
): Promise<Page> {
  const context: BrowserContext = await browser.newContext({ baseURL, viewport });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  return page;
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/**
 * Runs axe-core on the page as it is now and returns the serious and critical violations.
 * axe is evaluated through the DevTools protocol, so the app's CSP does not block it.
 */
/** One way people see the app: phone or desk, large text on or off, Chinese or English. */
export interface DisplayVariant {
  /** e.g. "360-large-en", for messages and screenshot names. */
  name: string;
  viewport: { width: number; height: number };
  largeText: boolean;
  locale: 'zh-CN' | 'en';
}

export const DISPLAY_VARIANTS: readonly DisplayVariant[] = [PHONE, DESKTOP].flatMap((viewport) =>
  [false, true].flatMap((largeText) =>
    (['zh-CN', 'en'] as const).map((locale) => ({
      name: `${viewport.width}${largeText ? '-large' : ''}-${locale}`,
      viewport,
      largeText,
      locale,
    })),
  ),
);

/** A page in a fresh context that opens with the variant's size, text size and language. */
export async function newPageIn(browser: Browser, baseURL: string, variant: DisplayVariant): Promise<Page> {
  const page = await newPage(browser, baseURL, variant.viewport);
  await page.context().addInitScript(
    ([largeText, locale]) => {
      localStorage.setItem('gongzhi.largeText', largeText ? '1' : '0');
      localStorage.setItem('PARAGLIDE_LOCALE', locale);
    },
    [variant.largeText, variant.locale] as const,
  );
  return page;
}

const storedSessions = new WeakMap<Browser, Map<string, Cookie[]>>();

/**
 * A page as newPageIn opens it, signed in as `phone`: through the sign-in page the first time in
 * this browser, after that with the session cookie that sign-in left, as a phone that stays
 * signed in would. Later pages start blank (go somewhere first). Only for people whose session no
 * test in the file ends (signing out, changing the password).
 */
export async function signedInPageIn(
  browser: Browser,
  baseURL: string,
  variant: DisplayVariant,
  phone: string,
): Promise<Page> {
  const page = await newPageIn(browser, baseURL, variant);
  const sessions = storedSessions.get(browser) ?? new Map<string, Cookie[]>();
  storedSessions.set(browser, sessions);
  const cookies = sessions.get(phone);
  if (cookies) {
    await page.context().addCookies(cookies);
  } else {
    await signIn(page, phone);
    sessions.set(phone, await page.context().cookies());
  }
  return page;
}

/**
 * Nothing wider than the window (on a phone with large text that would mean sideways scrolling)
 * and no serious or critical axe problems; the screenshot is taken when either fails (or SCREENSHOTS=1).
 */
export async function expectReadable(page: Page, name: string, variant: DisplayVariant): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  const violations = await axeCheck(page);
  await screenshot(page, `${name}-${variant.name}`, { failed: overflow > 0 || violations.length > 0 });
  expect(overflow, `${name} at ${variant.name} is wider than the window`).toBeLessThanOrEqual(0);
  expect(violations, `${name} at ${variant.name}:\n${describeViolations(violations)}`).toEqual([]);
}

export async function axeCheck(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as any).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
      // Only the violations are read: axe then spends no time gathering every passing node.
      resultTypes: ['violations'],
    });
    return result.violations as AxeViolation[];
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** A readable summary of violations for an assertion message. */
export function describeViolations(violations: AxeViolation[]): string {
  return violations
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`)
    .join('\n');
}

/**
 * Screenshots are for people reviewing the pages; no test reads them. Taking all of them (some 550
 * full pages, over 100 MB) costs a minute of every run, so they are written only when asked for
 * (`SCREENSHOTS=1 npx vitest run tests/web`), and of a page that failed its check.
 */
const SCREENSHOTS = process.env.SCREENSHOTS === '1';

export async function screenshot(page: Page, name: string, { failed = false } = {}): Promise<void> {
  if (!SCREENSHOTS && !failed) return;
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
}

/** Signs in with a password through the sign-in page and waits for the home page to show the person. */
export async function signIn(page: Page, phone: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/signin');
  // The page opens on sign-in by SMS code.
  await page.locator('#signin-method-password').check();
  await page.locator('#phone').fill(phone);
  await page.locator('#password').fill(password);
  await page.locator('form button[type=submit]').click();
  await page.waitForURL((url) => url.pathname === '/');
  await page.locator('#me-title').waitFor();
}

/**
 * The app under test: started fresh by tests/helpers/app.ts, or, when GONGZHI_URL is set,
 * an app that is already running there (handy while working on the web app).
 */
/**
 * The app and a browser for one test file: started before its tests, stopped after them.
 * Read `session.app` and `session.browser` inside tests (they are set by then).
 */
export function useAppAndBrowser(): { app: AppUnderTest; browser: Browser } {
  const session = {} as { app: AppUnderTest; browser: Browser };
  beforeAll(async () => {
    session.app = await appUnderTest();
    session.browser = await launch();
  }, 180_000);
  afterAll(async () => {
    await session.browser?.close();
    await session.app?.stop();
  });
  return session;
}

export interface AppUnderTest {
  url: string;
  stop(): Promise<void>;
  /** Raw SQL against the app's database (not for an app given by GONGZHI_URL). */
  sql<T = Record<string, unknown>>(query: string, params?: unknown[]): Promise<T[]>;
  /** Runs the server's clock this far ahead of real time (0 puts it back); not for an app given by GONGZHI_URL. */
  runClockAhead(ms: number): void;
}

export async function appUnderTest(): Promise<AppUnderTest> {
  const url = process.env.GONGZHI_URL;
  if (url) {
    return {
      url: url.replace(/\/$/, ''),
      stop: async () => {},
      sql: async () => {
        throw new Error('No database access to an app given by GONGZHI_URL');
      },
      runClockAhead: (ms) => {
        if (ms !== 0) throw new Error('The clock of an app given by GONGZHI_URL cannot be moved');
      },
    };
  }
  const { startApp } = await import('./app.js');
  return startApp();
}

/** Switches the language from the menu (opened first on a phone, where it is folded away). */
export async function switchLanguage(page: Page, locale: 'en' | 'zh-CN'): Promise<void> {
  const toggle = page.locator('.menu-toggle');
  await toggle.waitFor({ state: 'attached' });
  // The toggle shows below 48rem (768 px).
  const phone = (page.viewportSize()?.width ?? DESKTOP.width) < 768;
  if (phone && (await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  await page.locator(`#site-nav button.lang-switch[lang="${locale}"]`).click();
  await page.waitForFunction((l) => document.documentElement.lang === l, locale);
}

/** The last sign-in code sent to the phone, read from the outbox as the phone would get it. */
export async function latestSignInCode(app: AppUnderTest, phone: string): Promise<string> {
  const rows = await app.sql<{ code: string }>(
    `select params->>'code' as code from outbox_message where recipient = ? and template = 'SIGN_IN_CODE' order by id desc limit 1`,
    [phone],
  );
  if (!rows[0]?.code) throw new Error(`No sign-in code was sent to ${phone}`);
  return rows[0].code;
}

/** A GraphQL request as the person signed in on `page` (its cookies), for setting the scene quickly. */
export async function gqlAs<T = any>(page: Page, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await page.request.post('/graphql', { data: { query, variables } });
  const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
  if (body.errors?.length || !body.data) throw new Error(`GraphQL failed: ${JSON.stringify(body.errors)}`);
  return body.data;
}

/** Raises a need in the signed-in resident's home area through the API; returns its id. */
export async function raiseNeedAs(page: Page, title: string): Promise<string> {
  const { me } = await gqlAs<{ me: { homeArea: { id: string } } }>(page, '{ me { homeArea { id } } }');
  const data = await gqlAs<{ raiseNeed: { id: string } }>(
    page,
    `mutation($input: RaiseNeedInput!) { raiseNeed(input: $input) { id } }`,
    {
      input: {
        areaId: me.homeArea.id,
        category: 'REPAIR',
        title,
        description: '楼道里的灯坏了，晚上看不见台阶。',
        idempotencyKey: crypto.randomUUID(),
      },
    },
  );
  return data.raiseNeed.id;
}
