import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  DESKTOP,
  DISPLAY_VARIANTS,
  PHONE,
  PHONES,
  expectReadable,
  gqlAs,
  newPage,
  signedInPageIn,
  signIn,
  useAppAndBrowser,
} from '../helpers/browser.js';
import unitsZh from '../../web/messages/zh-CN/units.json' with { type: 'json' };

/**
 * The unit side of 共建 as its three kinds of user meet it: staff register a unit and answer
 * report-ins, a unit's representative reports it in and offers a resource, a resident reports
 * in as a party member from 我的. Each test sets its own scene, so none hangs on the demo units.
 */
describe('units (共建) in the browser', { timeout: 120_000 }, () => {
  const session = useAppAndBrowser();
  const UNIT_NAME = '幸福里测试科技有限公司';
  let unitId = '';

  async function open(phone: string, viewport = DESKTOP): Promise<Page> {
    const page = await newPage(session.browser, session.app.url, viewport);
    await signIn(page, phone);
    return page;
  }

  /** Picks an option by its text in an area picker's level (they load one after another). */
  async function pickArea(page: Page, id: string, level: number, name: string): Promise<void> {
    const select = page.locator(`#${id}-${level}`);
    await select.locator('option', { hasText: name }).waitFor({ state: 'attached' });
    await select.selectOption({ label: name });
  }

  it('lets staff register a unit and make a person its representative, who reports it in; the other community’s staff accept it', async () => {
    const staff = await open(PHONES.staff);
    await staff.goto('/together');
    await staff.locator('a.tile[href="/units/new"]').click();
    await staff.locator('#unit-name').fill(UNIT_NAME);
    await staff.locator('#unit-kind').selectOption('PRIVATE_ENTERPRISE');
    await pickArea(staff, 'unit-area', 0, '幸福里社区');
    await staff.locator('#unit-address').fill('幸福路 99 号');
    await staff.locator('#unit-contact-name').fill('钱多多');
    await staff.locator('#unit-contact-phone').fill('13900000999');
    await staff.locator('form button[type=submit]').click();
    await staff.waitForURL(/\/units\/\d+$/);
    unitId = staff.url().split('/').pop()!;
    await staff.locator('h1', { hasText: UNIT_NAME }).waitFor();

    // The representative is found with the people picker and added.
    await staff.locator('#proxy-search').fill(PHONES.unitRep);
    await staff.locator('.proxy-resident .search-row button').click();
    await staff.locator('.pick-list button').first().click();
    await staff.locator('form.add-rep button[type=submit]').click();
    await staff.locator('.notice-success').waitFor();
    await expect(staff.locator('#unit-reps-title + .role-list, .role-list').first().textContent()).resolves.toContain(
      '刘洋',
    );
    await staff.context().close();

    // The representative reports the unit in to another community (和平社区).
    const rep = await open(PHONES.unitRep, PHONE);
    await rep.goto(`/units/${unitId}`);
    await rep.locator('details.report-in-form > summary').click();
    await pickArea(rep, 'unit-report-in-area', 0, '幸福街道');
    await pickArea(rep, 'unit-report-in-area', 1, '和平社区');
    await rep.locator('details.report-in-form button[type=submit]').click();
    await rep.locator('details.report-in-form .notice-success').waitFor();
    await rep.locator('.report-in[data-status=PENDING]').waitFor();

    // 和平社区's staff are told, and the message opens the report-ins waiting, where they accept it.
    const other = await open(PHONES.otherStaff, PHONE);
    await other.goto('/messages');
    await other.locator('.message[data-kind=REPORT_IN_RECEIVED]', { hasText: UNIT_NAME }).locator('a').first().click();
    await other.waitForURL(/\/units\/report-ins$/);
    const row = other.locator('.report-in', { hasText: UNIT_NAME });
    await row.locator('button[data-action=ACCEPT]').click();
    await other.locator('.report-in[data-status=ACCEPTED]', { hasText: UNIT_NAME }).waitFor();
    await other.context().close();

    // The representative is told, and the message opens the unit's page, which shows it accepted.
    await rep.goto('/messages');
    await rep.locator(`.message[data-kind=REPORT_IN_ACCEPTED] a[href="/units/${unitId}"]`).first().click();
    await rep.waitForURL(new RegExp(`/units/${unitId}$`));
    await rep.locator('.report-in[data-status=ACCEPTED]').waitFor();
    await expect(rep.locator('.report-in[data-status=ACCEPTED]').textContent()).resolves.toContain('和平社区');
    await rep.context().close();
  });

  it('has staff give a reason to decline a report-in, which the list then shows', async () => {
    // The demo's 幸福街道第一小学 still waits for 和平社区's answer.
    const other = await open(PHONES.otherStaff, PHONE);
    await other.goto('/units/report-ins');
    const row = other.locator('.report-in[data-status=PENDING]', { hasText: '幸福街道第一小学' });
    await row.locator('button[data-action=DECLINE]').click();
    await row.locator('form.decline-form button[type=submit]').click();
    await row.locator('.field-error', { hasText: unitsZh.report_in_decline_reason_required }).waitFor();
    await row.locator('textarea').fill('本社区已有对口学校，请与幸福里社区对接。');
    await row.locator('form.decline-form button[type=submit]').click();
    const declined = other.locator('.report-in[data-status=DECLINED]', { hasText: '幸福街道第一小学' });
    await declined.waitFor();
    await expect(declined.textContent()).resolves.toContain('本社区已有对口学校');
    await other.context().close();
  });

  it('lets a unit’s representative offer a resource from 共建 and see it on the unit’s page', async () => {
    expect(unitId).not.toBe('');
    const rep = await open(PHONES.unitRep, PHONE);
    await rep.goto('/together');
    const mine = rep.locator('.my-unit', { hasText: UNIT_NAME });
    await mine.locator(`a[href="/resources/new?unitId=${unitId}"]`).click();
    await rep.locator('#offer-as').waitFor();
    await expect(rep.locator('#offer-as').inputValue()).resolves.toBe(unitId);
    await rep.locator('#offer-kind').selectOption('VENUE');
    await rep.locator('#offer-title').fill('周末开放的会议室');
    await rep.locator('#offer-description').fill('周六、周日全天，可坐 30 人。');
    await rep.locator('#offer-quantity').fill('2');
    await rep.locator('#offer-measure').fill('间');
    // The unit's own area is already chosen as the area served.
    await rep.locator('.served .badge', { hasText: '幸福里社区' }).waitFor();
    await rep.locator('form button[type=submit]').last().click();
    await rep.waitForURL(new RegExp(`/units/${unitId}`));
    const card = rep.locator('.resource', { hasText: '周末开放的会议室' });
    await card.waitFor();
    await expect(card.textContent()).resolves.toContain('2 间');

    // And in the resource list, as one of mine.
    await rep.goto('/resources?mine=true');
    await rep.locator('.resource', { hasText: '周末开放的会议室' }).waitFor();
    await rep.context().close();
  });

  it('shows staff the ranking of their area and a unit’s report, whose downloads work', async () => {
    const staff = await open(PHONES.staff);
    await staff.goto('/units/ranking');
    await staff.locator('.ranking-table tbody tr').first().waitFor();
    await expect(staff.locator('.ranking-table').textContent()).resolves.toContain(UNIT_NAME);
    const href = await staff.locator('[data-testid=ranking-export]').getAttribute('href');
    expect(href).toMatch(/^\/units\/ranking\.xlsx\?areaId=\d+/);
    const response = await staff.request.get(href!);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toContain('spreadsheetml');
    expect((await response.body()).subarray(0, 2).toString()).toBe('PK');

    // The unit's own report (回单位报告) for a period downloads as PDF and as Excel.
    await staff.goto(`/units/${unitId}`);
    await staff.locator('#unit-period-kind').selectOption('thisYear');
    await staff.waitForFunction(() =>
      document.querySelector('[data-testid=unit-report-pdf]')?.getAttribute('href')?.includes('from='),
    );
    const pdf = await staff.request.get((await staff.locator('[data-testid=unit-report-pdf]').getAttribute('href'))!);
    expect(pdf.status()).toBe(200);
    expect((await pdf.body()).subarray(0, 4).toString()).toBe('%PDF');
    const xlsx = await staff.request.get((await staff.locator('[data-testid=unit-report-xlsx]').getAttribute('href'))!);
    expect(xlsx.status()).toBe(200);
    expect((await xlsx.body()).subarray(0, 2).toString()).toBe('PK');

    // Someone the server does not let see it is told so, and gets no table.
    const resident = await open(PHONES.resident);
    await resident.goto('/units/ranking');
    await resident.locator('.notice', { hasText: unitsZh.ranking_not_allowed }).waitFor();
    await resident.context().close();
    await staff.context().close();
  });

  it('lets a resident report in as a party member from 我的, naming the unit they work for', async () => {
    // 孙志强 (the demo's 赵桂兰 has reported in already).
    const resident = await open(PHONES.resident2, PHONE);
    await resident.goto('/account');
    await resident.locator('#party-report-in').waitFor();
    await resident.locator('#party-work-unit-search').fill('测试科技');
    await resident.locator('#party-report-in-section .search-row button').click();
    await resident.locator('#party-work-unit').selectOption({ label: UNIT_NAME });
    await resident.locator('#party-report-in-section button[type=submit]').click();
    const reportIn = resident.locator('#party-report-in-section .report-in[data-status=PENDING]');
    await reportIn.waitFor();
    await expect(reportIn.textContent()).resolves.toContain(UNIT_NAME);
    await resident.context().close();

    // Their community's staff see it among the party members waiting.
    const staff = await open(PHONES.staff, PHONE);
    await staff.goto('/units/report-ins');
    await staff.locator('#report-ins-who').selectOption('people');
    await staff.locator('.report-in', { hasText: '孙志强' }).waitFor();
    await staff.context().close();
  });

  for (const variant of DISPLAY_VARIANTS) {
    it(`reads well for staff, a unit contact and a resident at ${variant.name}`, async () => {
      if (!unitId) {
        const rep = await open(PHONES.unitRep);
        const data = await gqlAs<{ myUnits: { id: string }[] }>(rep, '{ myUnits { id } }');
        unitId = data.myUnits[0]!.id;
        await rep.context().close();
      }
      const check = async (page: Page, name: string) => {
        await expectReadable(page, `units-${name}`, variant);
        // The tab bar is fixed, so the page's width does not show it: its fifth tab must be in the window too.
        const tabsEnd = await page.evaluate(() => {
          const last = document.querySelector('.tab-bar li:last-child');
          return last && getComputedStyle(document.querySelector('.tab-bar')!).display !== 'none'
            ? last.getBoundingClientRect().right - window.innerWidth
            : 0;
        });
        expect(tabsEnd, `the tab bar on ${name} at ${variant.name} is wider than the window`).toBeLessThanOrEqual(0);
      };
      const as = (phone: string) => signedInPageIn(session.browser, session.app.url, variant, phone);

      const staff = await as(PHONES.staff);
      const staffPages = [
        { name: 'together-staff', path: '/together', ready: '#together-staff-title' },
        { name: 'directory', path: '/units', ready: '.unit-row' },
        { name: 'unit-staff', path: `/units/${unitId}`, ready: '[data-testid=unit-score]' },
        { name: 'report-ins', path: '/units/report-ins', ready: '#report-ins-results-title .count' },
        { name: 'ranking', path: '/units/ranking', ready: '.ranking-table tbody tr' },
        { name: 'new-unit', path: '/units/new', ready: '#unit-name' },
        { name: 'resources', path: '/resources', ready: '.resource' },
      ];
      for (const p of staffPages) {
        await staff.goto(p.path);
        await staff.locator(p.ready).first().waitFor();
        await check(staff, p.name);
      }
      // The directory with its filters open, and a report-in being declined.
      await staff.goto('/units');
      await staff.locator('.unit-row').first().waitFor();
      await staff.locator('details.unit-filters > summary').click();
      await check(staff, 'directory-filters');
      await staff.context().close();

      const rep = await as(PHONES.unitRep);
      await rep.goto('/together');
      await rep.locator('.my-unit').first().waitFor();
      await check(rep, 'together-rep');
      await rep.goto(`/units/${unitId}`);
      await rep.locator('.resource').first().waitFor();
      await rep.locator('details.report-in-form > summary').click();
      await check(rep, 'unit-rep');
      await rep.goto(`/resources/new?unitId=${unitId}`);
      await rep.locator('.served .badge').first().waitFor();
      await check(rep, 'offer');
      await rep.context().close();

      const resident = await as(PHONES.resident);
      await resident.goto('/account');
      await resident.locator('#party-report-in-section .report-in').first().waitFor();
      await check(resident, 'account-party');
      await resident.goto('/together');
      await resident.locator('#together-party-title').waitFor();
      await check(resident, 'together-resident');
      await resident.context().close();
    });
  }
});
