import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  DEMO_PASSWORD,
  DESKTOP,
  DISPLAY_VARIANTS,
  PHONE,
  PHONES,
  expectReadable,
  gqlAs,
  newPage,
  newPageIn,
  signIn,
  useAppAndBrowser,
} from '../helpers/browser.js';
import volunteerZh from '../../web/messages/zh-CN/volunteer.json' with { type: 'json' };

/**
 * 志愿服务 as volunteers and the public meet it: a resident becomes a volunteer, signs up for a
 * shift, checks in with the code shown on site (typed), sees the hours once the organiser has
 * checked them out and verified them, issues a certificate, and anyone checks it signed out; a
 * volunteer on the waiting list confirms the place that came free. Organisers set each scene
 * through the API, as their pages are tested with the organiser's side.
 */
describe('志愿服务 (volunteer side) in the browser', { timeout: 180_000 }, () => {
  const session = useAppAndBrowser();
  afterEach(() => session.app.runClockAhead(0));
  const variant = (name: string) => DISPLAY_VARIANTS.find((v) => v.name === name)!;

  async function open(phone: string, viewport = PHONE): Promise<Page> {
    const page = await newPage(session.browser, session.app.url, viewport);
    await signIn(page, phone);
    return page;
  }

  /** The community (幸福里社区) of the person signed in on `page`, where the staff member organises activities. */
  async function community(page: Page): Promise<string> {
    type Area = { id: string; kind: string };
    const { me } = await gqlAs<{ me: { homeArea: Area & { ancestors: Area[] } } }>(
      page,
      '{ me { homeArea { id kind ancestors { id kind } } } }',
    );
    const home = me.homeArea;
    return home.kind === 'COMMUNITY' ? home.id : home.ancestors.find((a) => a.kind === 'COMMUNITY')!.id;
  }

  async function createActivity(
    staff: Page,
    areaId: string,
    title: string,
    shift: { startsAt: Date; endsAt: Date; capacity: number },
  ): Promise<{ id: string; shiftId: string }> {
    const data = await gqlAs<{ createActivity: { id: string; shifts: { id: string }[] } }>(
      staff,
      `mutation($input: CreateActivityInput!) { createActivity(input: $input) { id shifts { id } } }`,
      {
        input: {
          areaId,
          title,
          description: '清理楼道杂物、擦拭扶手，请穿方便活动的衣服。',
          place: '幸福里社区党群服务中心门口集合',
          skills: ['CLEANING'],
          shifts: [
            { startsAt: shift.startsAt.toISOString(), endsAt: shift.endsAt.toISOString(), capacity: shift.capacity },
          ],
          idempotencyKey: crypto.randomUUID(),
        },
      },
    );
    return { id: data.createActivity.id, shiftId: data.createActivity.shifts[0]!.id };
  }

  let certificateCode = '';

  it('takes a resident from becoming a volunteer to a certificate anyone can check', async () => {
    const staff = await open(PHONES.staff, DESKTOP);
    const resident = await open(PHONES.resident);
    const areaId = await community(resident);

    // From home to 志愿服务, where a resident who is not a volunteer is asked to become one.
    await resident.locator('a.tile[href="/volunteer"]').click();
    await resident.locator('h1', { hasText: volunteerZh.volunteer_title }).waitFor();
    await resident.locator('.join-call a[href="/volunteer/join"]').click();
    await resident.locator('h1', { hasText: volunteerZh.volunteer_join_title }).waitFor();
    await resident.locator('[data-testid=areas-served] li').first().waitFor(); // the home community, offered
    await resident.locator('input[name=skills][value=ELDERLY_CARE]').check();
    await resident.locator('input[name=availability][value=WEEKEND_MORNING]').check();
    await resident.locator('#join-tag').fill('手语');
    await resident.getByRole('button', { name: volunteerZh.volunteer_join_tag_add, exact: true }).click();
    await resident.locator('#join-birth-date').fill('1956-03-12');
    await resident.locator('form button[type=submit]').click();
    await resident.locator('[data-testid=join-saved]').waitFor();
    await expect(resident.locator('[data-testid=join-saved]').textContent()).resolves.toMatch(/ZY\d{4}\d{6}/);

    // An activity starting soon (not in the past, which only 补录 may be), found among those near her, and signed up for.
    const TITLE = `楼道清洁日 ${Date.now()}`;
    const start = new Date(Date.now() + 75_000);
    const { id, shiftId } = await createActivity(staff, areaId, TITLE, {
      startsAt: start,
      endsAt: new Date(start.getTime() + 2 * 3_600_000),
      capacity: 5,
    });
    await resident.goto('/volunteer/activities');
    await resident.locator('.activity-title a', { hasText: TITLE }).click();
    await resident.waitForURL(`**/volunteer/activities/${id}`);
    await resident.locator(`[data-shift="${shiftId}"] [data-shift-action=SIGN_UP]`).click();
    await resident
      .locator(`[data-shift="${shiftId}"] [data-testid=my-signup-status]`, {
        hasText: volunteerZh.volunteer_signup_signed_up,
      })
      .waitFor();
    await expectReadable(resident, 'volunteer-activity', variant('360-zh-CN'));

    // On site: the organiser shows the code; she types it.
    const { issueCheckInCode } = await gqlAs<{ issueCheckInCode: { code: string } }>(
      staff,
      `mutation($shiftId: ID!) { issueCheckInCode(shiftId: $shiftId) { code } }`,
      { shiftId },
    );
    await resident.goto('/volunteer/check-in');
    await resident.locator(`input[name=shift][value="${shiftId}"]`).check();
    await resident.locator('#check-in-code').fill(issueCheckInCode.code);
    await resident.locator('form.check-in-form button[type=submit]').click();
    await resident.locator('[data-testid=check-in-done]', { hasText: volunteerZh.volunteer_checked_in_ok }).waitFor();

    // The organiser checks her out and verifies 1.5 hours (a correction with a reason).
    const { activity } = await gqlAs<{ activity: { viewerSignups: { id: string }[] } }>(
      resident,
      `query($id: ID!) { activity(id: $id) { viewerSignups { id } } }`,
      { id },
    );
    const signupId = activity.viewerSignups[0]!.id;
    await gqlAs(staff, `mutation($id: ID!) { checkOutVolunteer(signupId: $id) { id } }`, { id: signupId });
    await gqlAs(
      staff,
      `mutation($id: ID!) { verifyHours(signupId: $id, hours: 1.5, reason: "按现场签到表核定") { id } }`,
      {
        id: signupId,
      },
    );

    // My record shows the hours, the entries behind them, and issues a certificate once the shift has begun
    // (a certificate counts started shifts): the server's clock and her phone's run ahead to just after its start.
    const ahead = Math.max(0, start.getTime() + 2_000 - Date.now());
    session.app.runClockAhead(ahead);
    await resident.clock.setSystemTime(Date.now() + ahead);
    await resident.goto('/volunteer/me');
    await resident.locator('[data-testid=verified-hours]', { hasText: '1.5' }).waitFor();
    const record = resident.locator(`[data-record="${signupId}"]`);
    await record.locator('[data-testid=record-verified]', { hasText: '1.5' }).waitFor();
    await record.locator('summary').click();
    await record.getByText('按现场签到表核定').waitFor();
    await resident
      .locator('#certificate-issue, form button[type=submit]', { hasText: volunteerZh.volunteer_certificate_issue })
      .click();
    const issued = resident.locator('[data-testid=certificate-issued]');
    await issued.waitFor();
    certificateCode = ((await issued.textContent()) ?? '').match(/ZM-\d{4}-[0-9A-Z]{8}/)?.[0] ?? '';
    expect(certificateCode).not.toBe('');
    await expectReadable(resident, 'volunteer-me', variant('360-zh-CN'));
    await resident.context().close();
    await staff.context().close();

    // Anyone holding the number checks it, signed out: what it states, with the name masked.
    const guest = await newPage(session.browser, session.app.url, PHONE);
    await guest.goto('/verify');
    await guest.locator('#verify-code').fill(` ${certificateCode.toLowerCase()} `);
    await guest.locator('form button[type=submit]').click();
    const card = guest.locator('[data-verified=valid]');
    await card.waitFor();
    await expect(card.locator('[data-testid=certificate-hours]').textContent()).resolves.toContain('1.5');
    await expect(card.locator('[data-testid=certificate-holder]').textContent()).resolves.toContain('*');
    await expectReadable(guest, 'volunteer-verify', variant('360-zh-CN'));
    await guest.goto('/verify/ZM-2000-00000000');
    await guest.locator('[data-verified=unknown]').waitFor();
    await guest.context().close();
  });

  it('lets a volunteer on the waiting list confirm the place that came free', async () => {
    const staff = await open(PHONES.staff, DESKTOP);
    const neighbour = await open(PHONES.resident2, DESKTOP);
    const areaId = await community(neighbour);
    // The neighbour becomes a volunteer and takes the only place.
    await gqlAs(neighbour, `mutation($input: VolunteerProfileInput!) { becomeVolunteer(input: $input) { id } }`, {
      input: {
        skills: ['CLEANING'],
        availability: ['WEEKEND_MORNING'],
        areaIds: [areaId],
        birthDate: '1980-05-01',
      },
    });
    const TITLE = `助老陪护 ${Date.now()}`;
    const start = new Date(Date.now() + 26 * 3_600_000);
    const { id, shiftId } = await createActivity(staff, areaId, TITLE, {
      startsAt: start,
      endsAt: new Date(start.getTime() + 2 * 3_600_000),
      capacity: 1,
    });
    const { signUpForShift } = await gqlAs<{ signUpForShift: { id: string; status: string } }>(
      neighbour,
      `mutation($shiftId: ID!) { signUpForShift(shiftId: $shiftId) { id status } }`,
      { shiftId },
    );
    expect(signUpForShift.status).toBe('SIGNED_UP');

    // 陈静 finds it full and joins the waiting list.
    const volunteer = await open(PHONES.volunteer);
    await volunteer.goto(`/volunteer/activities/${id}`);
    await volunteer.locator(`[data-shift="${shiftId}"] [data-shift-action=JOIN_WAITLIST]`).click();
    await volunteer
      .locator(`[data-shift="${shiftId}"] [data-testid=my-signup-status]`, {
        hasText: volunteerZh.volunteer_signup_waitlisted,
      })
      .waitFor();

    // The neighbour cancels: 陈静 moves up, and home tells her to confirm.
    await gqlAs(neighbour, `mutation($id: ID!) { cancelShiftSignup(id: $id) { id } }`, { id: signUpForShift.id });
    await volunteer.goto('/');
    const tile = volunteer.locator('.work-tile[data-todo=promotionsToConfirm]');
    await tile.waitFor();
    await tile.click();
    await volunteer.waitForURL('**/volunteer#promotions');
    const row = volunteer.locator('#promotions li', { hasText: TITLE });
    await row.locator('[data-testid=promotion]').waitFor();
    await expectReadable(volunteer, 'volunteer-hub-promotion', variant('360-zh-CN'));
    await row.locator('[data-signup-action=CONFIRM_PROMOTION]').click();
    await volunteer.locator('.notice-success', { hasText: TITLE }).waitFor();
    // Confirmed, it leaves the places waiting for confirmation (the hub asks again).
    await volunteer.locator('#promotions li', { hasText: TITLE }).waitFor({ state: 'detached' });

    const { activity } = await gqlAs<{ activity: { viewerSignups: { status: string; confirmedAt: string | null }[] } }>(
      volunteer,
      `query($id: ID!) { activity(id: $id) { viewerSignups { status confirmedAt } } }`,
      { id },
    );
    expect(activity.viewerSignups.find((s) => s.status === 'SIGNED_UP')?.confirmedAt).toBeTruthy();
    await Promise.all([volunteer, neighbour, staff].map((p) => p.context().close()));
  });

  it('checks a volunteer in, and then out, from the QR link after signing in first', async () => {
    const staff = await open(PHONES.staff, DESKTOP);
    const areaId = await community(staff);
    const start = new Date(Date.now() + 10 * 60_000);
    const { id, shiftId } = await createActivity(staff, areaId, `垃圾分类宣传 ${Date.now()}`, {
      startsAt: start,
      endsAt: new Date(start.getTime() + 2 * 3_600_000),
      capacity: 5,
    });
    const { issueCheckInCode } = await gqlAs<{ issueCheckInCode: { checkInUrl: string; changesAt: string } }>(
      staff,
      `mutation($shiftId: ID!) { issueCheckInCode(shiftId: $shiftId) { checkInUrl changesAt } }`,
      { shiftId },
    );
    const target = new URL(issueCheckInCode.checkInUrl, session.app.url);
    expect(target.pathname).toBe('/volunteer/check-in');

    // 陈静 has not signed up: the code signs her up as a walk-in, once she has signed in.
    const phone = await newPage(session.browser, session.app.url, PHONE);
    await phone.goto(target.pathname + target.search);
    await phone.locator('.notice', { hasText: volunteerZh.volunteer_check_in_sign_in_first }).waitFor();
    await phone.locator('.notice a.button').click();
    await phone.locator('#signin-method-password').check();
    await phone.locator('#phone').fill(PHONES.volunteer);
    await phone.locator('#password').fill(DEMO_PASSWORD);
    await phone.locator('form button[type=submit]').click();
    await phone.waitForURL((url) => url.pathname === '/volunteer/check-in');
    await phone.locator('[data-testid=check-in-done]', { hasText: volunteerZh.volunteer_checked_in_ok }).waitFor();
    await expectReadable(phone, 'volunteer-checked-in', variant('360-zh-CN'));

    // Scanning again checks her out: with the next code, as the same code twice is a replay. The server's
    // clock runs ahead to the next code's minute.
    session.app.runClockAhead(Math.max(0, Date.parse(issueCheckInCode.changesAt) + 1_500 - Date.now()));
    const again = await gqlAs<{ issueCheckInCode: { checkInUrl: string } }>(
      staff,
      `mutation($shiftId: ID!) { issueCheckInCode(shiftId: $shiftId) { checkInUrl } }`,
      { shiftId },
    );
    await phone.goto(again.issueCheckInCode.checkInUrl);
    await phone.locator('[data-testid=check-in-done]', { hasText: volunteerZh.volunteer_checked_out_ok }).waitFor();
    const { activity } = await gqlAs<{ activity: { viewerSignups: { status: string }[] } }>(
      phone,
      `query($id: ID!) { activity(id: $id) { viewerSignups { status } } }`,
      { id },
    );
    expect(activity.viewerSignups.map((s) => s.status)).toEqual(['CHECKED_OUT']);
    await phone.context().close();
    await staff.context().close();
  });

  it('reads well on a phone and a desk, in large text and in English', async () => {
    const pages = [
      { name: 'volunteer-hub', path: '/volunteer', ready: '#my-shifts-title' },
      { name: 'volunteer-activities', path: '/volunteer/activities', ready: '.activity-list .activity-card' },
      { name: 'volunteer-check-in', path: '/volunteer/check-in', ready: 'form.check-in-form' },
      { name: 'volunteer-me-record', path: '/volunteer/me', ready: '[data-testid=verified-hours]' },
      { name: 'volunteer-join', path: '/volunteer/join', ready: 'form button[type=submit]' },
      { name: 'volunteer-teams', path: '/volunteer/teams', ready: '.team-list .team-card' },
    ];
    for (const name of ['360-zh-CN', '1280-zh-CN', '360-large-zh-CN', '360-en']) {
      const v = variant(name);
      const page = await newPageIn(session.browser, session.app.url, v);
      await signIn(page, PHONES.volunteer);
      for (const p of pages) {
        await page.goto(p.path);
        await page.locator(p.ready).first().waitFor();
        await expectReadable(page, p.name, v);
      }
      // A team's page, from the list.
      await page.goto('/volunteer/teams');
      await page.locator('.team-card h3 a').first().click();
      await page.locator('#team-people-title').waitFor();
      await expectReadable(page, 'volunteer-team', v);
      await page.context().close();

      // The public pages, signed out.
      const guest = await newPageIn(session.browser, session.app.url, v);
      for (const p of [
        { name: 'volunteer-guest-hub', path: '/volunteer', ready: 'a[href="/volunteer/activities"]' },
        { name: 'volunteer-guest-activities', path: '/volunteer/activities', ready: '.activity-list .activity-card' },
        { name: 'verify-form', path: '/verify', ready: '#verify-code' },
        ...(certificateCode
          ? [{ name: 'verify-certificate', path: `/verify/${certificateCode}`, ready: '[data-verified]' }]
          : []),
      ]) {
        await guest.goto(p.path);
        await guest.locator(p.ready).first().waitFor();
        await expectReadable(guest, p.name, v);
      }
      await guest.context().close();
    }
  });
});
