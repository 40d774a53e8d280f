import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  DESKTOP,
  DISPLAY_VARIANTS,
  PHONE,
  PHONES,
  axeCheck,
  describeViolations,
  gqlAs,
  newPage,
  newPageIn,
  screenshot,
  signIn,
  useAppAndBrowser,
} from '../helpers/browser.js';
import staffZh from '../../web/messages/zh-CN/volunteer-staff.json' with { type: 'json' };

/**
 * The organiser's and staff's side of 志愿服务 as community staff (李秀英) meet it: an activity with
 * two shifts created in the browser; the demo volunteer (陈静) signs up and checks in with the code
 * the console shows (through the API, as her phone would); staff check her out from the list and
 * verify the hours; she asks for a correction and staff accept it in the inbox; a paper sheet is
 * recorded (补录) on an activity after the fact and verified per shift; the ranking shows the hours.
 * The volunteer's own pages are w-volunteer's; this file uses the API for her steps.
 */
describe('volunteer organiser and staff pages in the browser', { timeout: 240_000 }, () => {
  const session = useAppAndBrowser();

  async function open(phone: string, viewport = DESKTOP): Promise<Page> {
    const page = await newPage(session.browser, session.app.url, viewport);
    await signIn(page, phone);
    return page;
  }

  /** Nothing wider than the window and no serious axe problems; the screenshot is taken when either fails. */
  async function readable(page: Page, name: string): Promise<void> {
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    const violations = await axeCheck(page);
    await screenshot(page, name, { failed: overflow > 0 || violations.length > 0 });
    expect(overflow, `${name} is wider than the window`).toBeLessThanOrEqual(0);
    expect(violations, `${name}:\n${describeViolations(violations)}`).toEqual([]);
  }

  /** A moment as a `datetime-local` value in China time (what the forms take, whatever the machine's zone). */
  const chinaInput = (date: Date) => new Date(date.getTime() + 8 * 3600_000).toISOString().slice(0, 16);
  const minutes = (n: number) => new Date(Date.now() + n * 60_000);

  /** The demo volunteer is one (seeded); becoming one again only updates the profile. */
  async function ensureVolunteer(page: Page): Promise<void> {
    const { myVolunteerProfile } = await gqlAs<{ myVolunteerProfile: { id: string } | null }>(
      page,
      '{ myVolunteerProfile { id } }',
    );
    if (myVolunteerProfile) return;
    const { me } = await gqlAs<{ me: { homeArea: { id: string } } }>(page, '{ me { homeArea { id } } }');
    await gqlAs(page, 'mutation($input: VolunteerProfileInput!) { becomeVolunteer(input: $input) { id } }', {
      input: {
        skills: ['CLEANING'],
        availability: ['WEEKEND_MORNING'],
        areaIds: [me.homeArea.id],
        birthDate: '1990-05-01',
      },
    });
  }

  async function shiftsOf(page: Page, activityId: string): Promise<{ id: string; startsAt: string }[]> {
    const { activity } = await gqlAs<{ activity: { shifts: { id: string; startsAt: string }[] } }>(
      page,
      'query($id: ID!) { activity(id: $id) { shifts { id startsAt } } }',
      { id: activityId },
    );
    return activity.shifts;
  }

  async function fillShift(page: Page, prefix: string, i: number, start: Date, end: Date, capacity: number) {
    await page.locator(`#${prefix}-${i}-start`).fill(chinaInput(start));
    await page.locator(`#${prefix}-${i}-end`).fill(chinaInput(end));
    await page.locator(`#${prefix}-${i}-capacity`).fill(String(capacity));
  }

  it('runs an activity: two shifts → sign-up → code → check-in → check-out → verify → correction answered', async () => {
    const title = `楼道清洁志愿活动（${Date.now() % 100000}）`;
    const staff = await open(PHONES.staff, DESKTOP);

    // The home page offers the organiser's page and the to-do tiles (by capability).
    await staff.locator('[data-todo=hoursToVerify]').waitFor();
    await staff.goto('/volunteer/organise');
    await staff.locator('a[href="/volunteer/activities/new"]').first().click();
    await staff.waitForURL(/\/volunteer\/activities\/new$/);

    // --- Create it with two shifts: one starting soon (its code works from 30 minutes before), one tomorrow.
    await staff.locator('#activity-title').fill(title);
    await staff.locator('#activity-description').fill('清扫楼道、清理堆放杂物，请自带手套。');
    await staff.locator('#activity-place').fill('幸福里社区 3号楼');
    await staff.locator('input[name=activity-skills][value=CLEANING]').check();
    await fillShift(staff, 'shift', 0, minutes(20), minutes(200), 5);
    await staff.locator('button.add-shift').click();
    await fillShift(staff, 'shift', 1, minutes(24 * 60 + 20), minutes(24 * 60 + 140), 3);
    await readable(staff, 'volunteer-staff-new-1280');
    await staff.locator('form.new-activity button[type=submit]').click();
    await staff.waitForURL(/\/volunteer\/activities\/\d+\/console$/);
    const activityId = staff.url().split('/').at(-2)!;
    const [first, second] = await shiftsOf(staff, activityId);
    expect(second).toBeDefined();

    // --- The volunteer signs up for the first shift (her phone: the API).
    const volunteer = await open(PHONES.volunteer, PHONE);
    await ensureVolunteer(volunteer);
    const { signUpForShift } = await gqlAs<{ signUpForShift: { id: string; status: string } }>(
      volunteer,
      'mutation($id: ID!) { signUpForShift(shiftId: $id) { id status } }',
      { id: first!.id },
    );
    expect(signUpForShift.status).toBe('SIGNED_UP');
    const signupId = signUpForShift.id;

    // --- The console shows the code full screen; she checks in with it.
    await staff.reload();
    await staff.locator(`[data-signup="${signupId}"][data-status=SIGNED_UP]`).waitFor();
    await readable(staff, 'volunteer-staff-console-1280');
    await staff.locator('button.show-code').click();
    const code = (await staff.locator('[data-testid=shift-code]').textContent())!.replace(/\s/g, '');
    expect(code).toMatch(/^\d{6}$/);
    await expect(staff.locator('dialog.room-code img.qr').isVisible()).resolves.toBe(true);
    await readable(staff, 'volunteer-staff-code-1280');
    await staff.locator('dialog.room-code button.close').click();

    await gqlAs(
      volunteer,
      'mutation($shiftId: ID!, $code: String!) { checkInVolunteer(shiftId: $shiftId, code: $code) { id } }',
      {
        shiftId: first!.id,
        code,
      },
    );

    // --- Staff see her here and check her out from the list.
    await staff.reload();
    const row = staff.locator(`[data-signup="${signupId}"]`);
    await staff.locator(`[data-signup="${signupId}"][data-status=CHECKED_IN]`).waitFor();
    await row.locator('button.check-out').click();
    await staff.locator(`[data-signup="${signupId}"][data-status=CHECKED_OUT]`).waitFor();

    // --- Verify her hours one by one, as recorded.
    await row.locator('button.verify').click();
    await staff.locator(`[data-signup="${signupId}"][data-status=VERIFIED]`).waitFor();

    // --- She asks for a correction (she came early to set up); staff accept it in the inbox.
    await gqlAs(
      volunteer,
      'mutation($id: ID!) { requestRecordCorrection(signupId: $id, hours: 2, reason: "提前到场布置，实际服务两小时") { id } }',
      { id: signupId },
    );
    await staff.goto('/volunteer/corrections');
    const card = staff.locator('li.correction[data-status=OPEN]', { hasText: title });
    await card.waitFor();
    await readable(staff, 'volunteer-staff-corrections-1280');
    await card.locator('textarea').fill('已与带队老师核实，同意更正。');
    await card.locator('button.accept').click();
    await staff.locator('li.correction[data-status=ACCEPTED]', { hasText: title }).waitFor();

    const { activity } = await gqlAs<{
      activity: { signups: { edges: { node: { id: string; verifiedHours: number; status: string } }[] } };
    }>(staff, 'query($id: ID!) { activity(id: $id) { signups { edges { node { id verifiedHours status } } } } }', {
      id: activityId,
    });
    const verified = activity.signups.edges.find((e) => e.node.id === signupId)!.node;
    expect(verified).toMatchObject({ status: 'VERIFIED', verifiedHours: 2 });

    // The same console on a phone: the list and the code button fit.
    const phone = await open(PHONES.staff, PHONE);
    await phone.goto(`/volunteer/activities/${activityId}/console`);
    await phone.locator(`[data-signup="${signupId}"][data-status=VERIFIED]`).waitFor();
    await readable(phone, 'volunteer-staff-console-360');
    await phone.locator('button.show-code').click();
    await phone.locator('[data-testid=shift-code]').waitFor();
    await readable(phone, 'volunteer-staff-code-360');
    await phone.context().close();

    // In English with large text on a phone, nothing runs off the screen.
    const large = await newPageIn(
      session.browser,
      session.app.url,
      DISPLAY_VARIANTS.find((v) => v.name === '360-large-en')!,
    );
    await signIn(large, PHONES.staff);
    await large.goto(`/volunteer/activities/${activityId}/console`);
    await large.locator(`[data-signup="${signupId}"][data-status=VERIFIED]`).waitFor();
    await readable(large, 'volunteer-staff-console-360-large-en');
    await large.goto('/volunteer/manage?tab=ranking');
    await large.locator('table.ranking').waitFor();
    await readable(large, 'volunteer-staff-ranking-360-large-en');
    await large.context().close();
    await volunteer.context().close();
    await staff.context().close();
  });

  it('records a paper sign-in sheet after the fact (补录) and verifies the shift; the ranking shows the hours', async () => {
    const title = `社区义诊协助（纸质补录 ${Date.now() % 100000}）`;
    const staff = await open(PHONES.staff, PHONE);
    const volunteer = await open(PHONES.volunteer, PHONE);
    await ensureVolunteer(volunteer);

    await staff.goto('/volunteer/activities/new');
    await staff.locator('#activity-title').fill(title);
    await staff.locator('#activity-description').fill('协助医生登记、引导老人排队。');
    await staff.locator('#activity-place').fill('幸福里社区卫生服务中心');
    await staff.locator('#activity-retroactive').check();
    const start = new Date(Date.now() - 2 * 24 * 3600_000);
    await fillShift(staff, 'shift', 0, start, new Date(start.getTime() + 3 * 3600_000), 10);
    await readable(staff, 'volunteer-staff-new-360');
    await staff.locator('form.new-activity button[type=submit]').click();
    await staff.waitForURL(/\/volunteer\/activities\/\d+\/console$/);

    // The paper form is open at once on an activity with nobody yet; the volunteer is found by phone.
    const paper = staff.locator('details.paper');
    await paper.locator('#paper-search').fill(PHONES.volunteer);
    await paper.locator('.search-row button').click();
    await paper
      .locator('.pick-list button', { hasText: PHONES.volunteer.slice(-4) })
      .first()
      .click();
    await paper.locator('form.paper-form button[type=submit]').click();
    await paper.locator('.notice-success').waitFor();
    const row = staff.locator('li.signup[data-status=CHECKED_OUT]', { hasText: '陈静' });
    await row.waitFor();
    await readable(staff, 'volunteer-staff-paper-360');

    // The same person twice is refused by the server, and the form says so.
    await paper.locator('#paper-search').fill(PHONES.volunteer);
    await paper.locator('.search-row button').click();
    await paper
      .locator('.pick-list button', { hasText: PHONES.volunteer.slice(-4) })
      .first()
      .click();
    await paper.locator('form.paper-form button[type=submit]').click();
    await paper.locator('.notice-error').waitFor();

    // Verify everyone checked out on the shift at once.
    await staff.locator('button.verify-shift').click();
    await staff.locator('li.signup[data-status=VERIFIED]', { hasText: '陈静' }).waitFor();

    // --- The ranking of the community this year: staff see names and hours, with the export links.
    const desk = await open(PHONES.staff, DESKTOP);
    await desk.goto('/volunteer/manage?tab=ranking');
    const ranking = desk.locator('table.ranking tbody tr', { hasText: '陈静' });
    await ranking.waitFor();
    expect(Number.parseFloat((await ranking.locator('td').nth(1).textContent()) ?? '0')).toBeGreaterThan(0);
    const csv = await desk.locator('a[data-export=csv]').getAttribute('href');
    expect(csv).toMatch(/^\/exports\/volunteer-hours\.csv\?areaId=\d+&from=/);
    await readable(desk, 'volunteer-staff-ranking-1280');
    await staff.goto('/volunteer/manage?tab=ranking');
    await staff.locator('table.ranking tbody tr', { hasText: '陈静' }).waitFor();
    await readable(staff, 'volunteer-staff-ranking-360');

    // The other tabs, for the screenshots and the accessibility check.
    for (const tab of ['volunteers', 'teams', 'certificates', 'stars'] as const) {
      await desk.goto(`/volunteer/manage?tab=${tab}`);
      await desk.locator(`.tabs a[data-tab=${tab}][aria-current=page]`).waitFor();
      await desk.locator('section h2 .nums').first().waitFor();
      await readable(desk, `volunteer-staff-manage-${tab}-1280`);
    }
    await staff.goto('/volunteer/manage?tab=volunteers');
    await staff.locator('li.volunteer').first().waitFor();
    await readable(staff, 'volunteer-staff-manage-volunteers-360');
    await staff.goto('/volunteer/organise');
    await staff.locator('li.activity').first().waitFor();
    await readable(staff, 'volunteer-staff-organise-360');

    await desk.context().close();
    await volunteer.context().close();
    await staff.context().close();
  });

  it('tells a resident the staff pages are not theirs, and shows a volunteer no console', async () => {
    const resident = await open(PHONES.resident, PHONE);
    await resident.goto('/volunteer/manage');
    await resident.locator('.notice', { hasText: staffZh.vs_manage_refused }).waitFor();
    // No organiser's links or to-do tiles on the home page.
    await resident.goto('/');
    await resident.locator('#me-title').waitFor();
    await expect(resident.locator('a[href="/volunteer/organise"]').count()).resolves.toBe(0);
    await expect(resident.locator('[data-todo=hoursToVerify]').count()).resolves.toBe(0);
    await resident.context().close();

    // An activity staff created without a team: the demo volunteer neither organises it nor checks people in.
    const staff = await open(PHONES.staff, PHONE);
    const { me } = await gqlAs<{ me: { roles: { area: { id: string } }[] } }>(
      staff,
      '{ me { roles { area { id } } } }',
    );
    const { createActivity } = await gqlAs<{ createActivity: { id: string } }>(
      staff,
      'mutation($input: CreateActivityInput!) { createActivity(input: $input) { id } }',
      {
        input: {
          areaId: me.roles[0]!.area.id,
          title: '垃圾分类宣传',
          description: '在小区门口宣传垃圾分类。',
          place: '幸福里社区南门',
          shifts: [{ startsAt: minutes(60).toISOString(), endsAt: minutes(180).toISOString(), capacity: 4 }],
          idempotencyKey: crypto.randomUUID(),
        },
      },
    );
    await staff.context().close();
    const volunteer = await open(PHONES.volunteer, PHONE);
    await volunteer.goto(`/volunteer/activities/${createActivity.id}/console`);
    await volunteer.locator('.notice', { hasText: staffZh.vs_console_refused }).waitFor();
    await expect(volunteer.locator('button.show-code').count()).resolves.toBe(0);
    await volunteer.context().close();
  });
});
