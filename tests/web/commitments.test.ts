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
  raiseNeedAs,
  screenshot,
  signIn,
  useAppAndBrowser,
  zh,
} from '../helpers/browser.js';

/** A 2×2 red PNG, as a phone camera would hand over a (much larger) photo. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEElEQVR4nGM4YaMBRAwQCgAjXgSxbgN+HAAAAABJRU5ErkJggg==',
  'base64',
);

/** The demo school (the unit 13800000004 represents) and its score over all time, read through the API. */
async function schoolScore(page: Page): Promise<{ id: string; fulfilled: number; pledges: number }> {
  const { myUnits } = await gqlAs<{ myUnits: { id: string; score: { fulfilled: number; pledges: number } }[] }>(
    page,
    '{ myUnits { id score { fulfilled pledges } } }',
  );
  const unit = myUnits[0]!;
  return { id: unit.id, ...unit.score };
}

/** The number in the unit page's score tile with this label. */
async function scoreTile(page: Page, label: string): Promise<string> {
  const tile = page.locator('[data-testid=unit-score] li', { has: page.locator('.stat-label', { hasText: label }) });
  return ((await tile.locator('.stat-value').textContent()) ?? '').trim();
}

/** A service the school publishes through the API, for the tests that sign up to it. */
async function publishService(rep: Page, title: string, capacity: number): Promise<string> {
  const { myUnits } = await gqlAs<{ myUnits: { id: string; area: { id: string } }[] }>(
    rep,
    '{ myUnits { id area { id } } }',
  );
  const unit = myUnits[0]!;
  const data = await gqlAs<{ publishService: { id: string } }>(
    rep,
    `mutation($input: PublishServiceInput!) { publishService(input: $input) { id } }`,
    {
      input: {
        unitId: unit.id,
        title,
        description: '小学生放学后写作业、老师答疑。',
        areaId: unit.area.id,
        schedule: { weekdays: [1, 2, 3, 4, 5], startTime: '16:30', endTime: '18:00' },
        place: '学校一楼阅览室',
        capacity,
        idempotencyKey: crypto.randomUUID(),
      },
    },
  );
  return data.publishService.id;
}

describe('共建: pledges, services and projects in the browser', { timeout: 180_000 }, () => {
  const session = useAppAndBrowser();

  it('a unit pledges to a need from its page, staff confirm it with a photo, and the unit’s score moves', async () => {
    const title = `小区健身器材松动 ${Date.now()}`;
    const resident = await newPage(session.browser, session.app.url, PHONE);
    await signIn(resident, PHONES.resident);
    const needId = await raiseNeedAs(resident, title);

    // The school's representative, on a phone, opens the need and pledges as the school.
    const rep = await newPage(session.browser, session.app.url, PHONE);
    await signIn(rep, PHONES.unitRep);
    const before = await schoolScore(rep);
    await rep.goto(`/needs/${needId}`);
    await rep.locator('[data-testid=pledge-open]').click();
    await expect(rep.locator('#need-pledge-form-title')).toBeDefined();
    // Without a description the form says so and sends nothing.
    await rep.locator('#need-pledge-form button[type=submit]').click();
    await rep.locator('#need-pledge-form-description[aria-invalid=true]').waitFor();
    await rep.locator('#need-pledge-form-description').fill('派两名后勤师傅周六上午来紧固器材。');
    await rep.locator('#need-pledge-form-quantity').fill('2');
    await rep.locator('#need-pledge-form-measure').fill('人');
    await screenshot(rep, 'commitments-pledge-form-360');
    await rep.locator('#need-pledge-form button[type=submit]').click();
    const card = rep.locator('.need-pledges .pledge-card').last();
    await card.locator('.pledge-status', { hasText: zh.pledge_status_pledged }).waitFor();
    await rep.getByText(zh.pledge_made).waitFor();
    // The pledger may withdraw, never confirm their own pledge: the server lists what they may do.
    await expect(card.locator('[data-pledge-action=CONFIRM]').count()).resolves.toBe(0);
    await expect(card.locator('[data-pledge-action=WITHDRAW]').count()).resolves.toBe(1);
    // The timeline tells of it.
    await rep.locator('.timeline-item.kind-pledged').waitFor();
    await screenshot(rep, 'commitments-need-pledged-360');

    // Community staff, at a desk, confirm it as fulfilled with a photo of the work.
    const staff = await newPage(session.browser, session.app.url, DESKTOP);
    await signIn(staff, PHONES.staff);
    await staff.goto(`/needs/${needId}`);
    const staffCard = staff.locator('.need-pledges .pledge-card').last();
    await staffCard.locator('[data-pledge-action=CONFIRM]').click();
    const pledgeId = await staffCard.getAttribute('data-pledge');
    await staff
      .locator(`#pledge-${pledgeId}-photos`)
      .setInputFiles({ name: 'done.png', mimeType: 'image/png', buffer: PNG });
    await staffCard.locator('.photo-picker .thumbs img').waitFor();
    await staff.locator(`#pledge-${pledgeId}-note`).fill('器材已全部紧固，居民试用无异常。');
    await screenshot(staff, 'commitments-confirm-form-1280');
    await staffCard.locator('.pledge-form button[type=submit]').click();
    await staffCard.locator('.pledge-status', { hasText: zh.pledge_status_fulfilled }).waitFor();
    await staffCard.locator('ul.thumbs img').waitFor();
    await staff.locator('.timeline-item.kind-pledge_settled').waitFor();
    await screenshot(staff, 'commitments-need-confirmed-1280');

    // The school's score counts it, through the API and on the unit's page.
    const after = await schoolScore(rep);
    expect(after.pledges).toBe(before.pledges + 1);
    expect(after.fulfilled).toBe(before.fulfilled + 1);
    await rep.goto(`/units/${after.id}`);
    await rep.locator('[data-testid=unit-score]').waitFor();
    await rep.waitForFunction(() => document.querySelector('[data-testid=unit-points]')?.textContent?.trim() !== '');
    await expect(scoreTile(rep, zh.unit_score_fulfilled)).resolves.toBe(String(after.fulfilled));
    await screenshot(rep, 'commitments-unit-score-360');
  });

  it('a resident signs up for a service near them and cancels; the provider sees who signed up', async () => {
    const rep = await newPage(session.browser, session.app.url, DESKTOP);
    await signIn(rep, PHONES.unitRep);
    const title = `四点半课堂（测试）${Date.now()}`;
    const serviceId = await publishService(rep, title, 3);

    const resident = await newPage(session.browser, session.app.url, PHONE);
    await signIn(resident, PHONES.resident);
    await resident.goto('/services');
    const card = resident.locator(`.service-card[data-service="${serviceId}"]`);
    await card.waitFor();
    await expect(card.locator('[data-testid=service-places]').textContent()).resolves.toContain('3');
    await card.locator('[data-service-action=SIGN_UP]').click();
    await card.locator('[data-testid=signed-up]').waitFor();
    await card.locator('[data-service-action=CANCEL_SIGNUP]').waitFor();
    await expect(card.locator('[data-testid=service-places] strong').textContent()).resolves.toContain('2');
    await screenshot(resident, 'commitments-services-signed-up-360');

    // It is among the services I signed up for.
    await resident.goto('/services?tab=mine');
    await resident.locator(`.service-card[data-service="${serviceId}"]`).waitFor();

    // The provider sees the resident on the service's page.
    await rep.goto(`/services/${serviceId}`);
    // Her name as the server shows it to the provider (masked or not is the server's rule).
    const { me } = await gqlAs<{ me: { id: string } }>(resident, '{ me { id } }');
    const shownName = await gqlAs<{
      service: { signups: { edges: { node: { person: { id: string; displayName: string } } }[] } };
    }>(
      rep,
      `query($id: ID!) { service(id: $id) { signups(first: 10) { edges { node { person { id displayName } } } } } }`,
      { id: serviceId },
    ).then((d) => d.service.signups.edges.find((e) => e.node.person.id === me.id)!.node.person.displayName);
    await rep.locator('.signup-list .signup', { hasText: shownName }).waitFor();
    await screenshot(rep, 'commitments-service-signups-1280');

    // The resident cancels from the service's page; the place is free again.
    await resident.goto(`/services/${serviceId}`);
    await resident.locator('[data-service-action=CANCEL_SIGNUP]').click();
    await resident.locator('[data-service-action=SIGN_UP]').waitFor();
    await expect(resident.locator('[data-testid=signed-up]').count()).resolves.toBe(0);
    await expect(resident.locator('[data-testid=service-places] strong').textContent()).resolves.toContain('3');
    await screenshot(resident, 'commitments-service-cancelled-360');
    await rep.reload();
    await rep.getByText(zh.service_signups_none).waitFor();
  });

  it('staff build a project from needs in the inbox; its page shows progress and who gave what, to everyone', async () => {
    const resident = await newPage(session.browser, session.app.url, PHONE);
    await signIn(resident, PHONES.resident);
    const stamp = Date.now();
    await raiseNeedAs(resident, `楼下空地堆满杂物 ${stamp}`);
    await raiseNeedAs(resident, `想要一处晒太阳的座椅 ${stamp}`);

    const staff = await newPage(session.browser, session.app.url, DESKTOP);
    await signIn(staff, PHONES.staff);
    await staff.goto(`/needs/inbox?statuses=SUBMITTED&text=${stamp}`);
    await staff.locator('.need-list .need-card').nth(1).waitFor();
    await staff.locator('[data-testid=batch-toggle]').click();
    for (const pick of await staff.locator('input[data-pick]').all()) await pick.check();
    await staff.locator('[data-testid=batch-project]').click();
    await staff.waitForURL(/\/projects\/new\?needIds=/);
    await staff.locator('.picked-needs li').nth(1).waitFor();
    const projectTitle = `口袋花园（测试）${stamp}`;
    await staff.locator('#project-title').fill(projectTitle);
    await staff.locator('#project-description').fill('把空地清理出来，种花、放两张座椅。');
    // The area picker starts at the areas where the server lets me manage projects.
    await staff.locator('#project-area-0 option:not([value=""])').first().waitFor({ state: 'attached' });
    await staff.locator('#project-area-0').selectOption({ label: '幸福里社区' });
    await staff.locator('#project-budget').fill('5000');
    await screenshot(staff, 'commitments-project-new-1280');
    await staff.locator('form button[type=submit]').click();
    await staff.waitForURL((url) => /^\/projects\/(?!new$)[^/]+$/.test(url.pathname));
    const projectUrl = new URL(staff.url()).pathname;
    await staff.locator('h1#project-title', { hasText: projectTitle }).waitFor();
    await expect(staff.locator('.project-needs li').count()).resolves.toBe(2);

    // Two tasks, one done: half way.
    for (const task of ['清运杂物', '安装座椅']) {
      await staff.locator('#task-title').fill(task);
      await staff.locator('.task-form button[type=submit]').click();
      await staff.locator('.task', { hasText: task }).waitFor();
    }
    await staff.locator('.task', { hasText: '清运杂物' }).locator('button').click();
    await staff.waitForFunction(() =>
      document.querySelector('[data-testid=project-progress]')?.textContent?.includes('50'),
    );
    // A contribution from the school, and one from a neighbour who gave no name.
    await staff.locator('#contribute-unit').selectOption({ label: '幸福街道第一小学' });
    await staff.locator('#contribute-kind').selectOption('MONEY');
    await staff.locator('#contribute-description').fill('购买花苗和座椅');
    await staff.locator('#contribute-value').fill('1200');
    await staff.locator('#contribute-unit').evaluate((el) => el.closest('form')!.requestSubmit());
    await staff.locator('.contribution', { hasText: '幸福街道第一小学' }).waitFor();
    await staff.locator('#contribute-unit').selectOption('');
    await staff.locator('#contribute-kind').selectOption('LABOR');
    await staff.locator('#contribute-description').fill('周末义务劳动半天');
    await staff.locator('#contribute-value').fill('0');
    await staff.locator('#contribute-unit').evaluate((el) => el.closest('form')!.requestSubmit());
    await staff.locator('.contribution', { hasText: zh.contribution_anonymous }).waitFor();
    await staff.locator('#project-status').selectOption('ACTIVE');
    await staff.locator('#project-status').evaluate((el) => el.closest('form')!.requestSubmit());
    await staff.locator('.badge.project-status[data-status=ACTIVE]').waitFor();
    await screenshot(staff, 'commitments-project-staff-1280');

    // Signed out, on a phone, anyone sees the progress and who gave what; no management forms.
    const visitor = await newPage(session.browser, session.app.url, PHONE);
    await visitor.goto(projectUrl);
    await visitor.locator('#project-title').waitFor();
    await expect(visitor.locator('[data-testid=project-progress]').textContent()).resolves.toContain('50');
    await visitor.locator('.contribution', { hasText: '幸福街道第一小学' }).waitFor();
    await visitor.locator('.contribution', { hasText: zh.contribution_anonymous }).waitFor();
    await expect(visitor.locator('.project-manage').count()).resolves.toBe(0);
    await expect(visitor.locator('.task button').count()).resolves.toBe(0);
    await screenshot(visitor, 'commitments-project-public-360');
    // And it is in the public list.
    await visitor.goto('/projects');
    await visitor.locator('.project-card', { hasText: projectTitle }).waitFor();
  });

  it('staff ask a unit to pledge from the suggested matches; its representative answers the request', async () => {
    const resident = await newPage(session.browser, session.app.url, PHONE);
    await signIn(resident, PHONES.resident);
    const needId = await raiseNeedAs(resident, `单元门禁坏了 ${Date.now()}`);

    // The school offers its handymen to the need's grid (a repair need fits labour; the nearest offers come first).
    const { need } = await gqlAs<{
      need: { area: { id: string; kind: string; ancestors: { id: string; kind: string }[] } };
    }>(resident, 'query($id: ID!) { need(id: $id) { area { id kind ancestors { id kind } } } }', { id: needId });
    const grid = [need.area, ...need.area.ancestors].find((a) => a.kind === 'GRID')!;
    const rep = await newPage(session.browser, session.app.url, PHONE);
    await signIn(rep, PHONES.unitRep);
    const { myUnits } = await gqlAs<{ myUnits: { id: string }[] }>(rep, '{ myUnits { id } }');
    const resourceTitle = `后勤维修师傅 ${Date.now()}`;
    await gqlAs(rep, `mutation($input: OfferResourceInput!) { offerResource(input: $input) { id } }`, {
      input: {
        unitId: myUnits[0]!.id,
        kind: 'LABOR',
        title: resourceTitle,
        description: '水电、门窗小修。',
        quantity: 4,
        measure: '人次',
        areaIds: [grid.id],
        idempotencyKey: crypto.randomUUID(),
      },
    });

    // Staff see it among the matches on the need's page and ask in one tap.
    const staff = await newPage(session.browser, session.app.url, DESKTOP);
    await signIn(staff, PHONES.staff);
    await staff.goto(`/needs/${needId}`);
    const match = staff.locator('.matches .match', { hasText: resourceTitle });
    await match.waitFor();
    await match.locator('[data-testid=request-pledge]').click();
    await match.getByText(zh.match_request_sent).waitFor();
    await screenshot(staff, 'commitments-matches-requested-1280');

    // The representative finds the request and pledges from it: the school and its resource are chosen already.
    await rep.goto('/pledges/requests');
    const card = rep.locator('.request-card', { hasText: resourceTitle });
    await card.waitFor();
    await card.locator('button', { hasText: zh.pledge_request_pledge }).click();
    await expect(card.locator('[data-testid=pledge-as]').textContent()).resolves.toContain('幸福街道第一小学');
    await card.locator('textarea').fill('周六上午派两位师傅来修门禁。');
    await card.locator('input[inputmode=decimal]').first().fill('2');
    await screenshot(rep, 'commitments-request-pledge-360');
    await card.locator('button[type=submit]').click();
    await rep.getByText(zh.pledge_made).waitFor();
    // Answered, it leaves the open requests.
    await rep.locator('.request-card', { hasText: resourceTitle }).waitFor({ state: 'detached' });
    await rep.goto('/pledges/requests?tab=answered');
    await rep.locator('.request-card[data-status=PLEDGED]', { hasText: resourceTitle }).waitFor();

    // The pledge is on the need's page, from the resource.
    await staff.goto(`/needs/${needId}`);
    await staff.locator('.need-pledges .pledge-card', { hasText: resourceTitle }).waitFor();
  });

  for (const variant of DISPLAY_VARIANTS) {
    it(`the 共建 pages read well at ${variant.name}`, async () => {
      const check = (page: Page, name: string) => expectReadable(page, `commitments-${name}`, variant);
      const open = (phone: string) => signedInPageIn(session.browser, session.app.url, variant, phone);

      // A resident: the services near them, a need of theirs with a pledge on it.
      const resident = await open(PHONES.resident);
      const needId = await raiseNeedAs(resident, `共建可读性 ${variant.name} ${Date.now()}`);
      const rep = await open(PHONES.unitRep);
      await publishService(rep, `便民理发 ${variant.name}`, 10);
      const { myUnits } = await gqlAs<{ myUnits: { id: string }[] }>(rep, '{ myUnits { id } }');
      await gqlAs(rep, `mutation($input: PledgeInput!) { pledge(input: $input) { id } }`, {
        input: {
          needId,
          unitId: myUnits[0]!.id,
          description: '周末派人来修。',
          quantity: 2,
          measure: '人',
          idempotencyKey: crypto.randomUUID(),
        },
      });
      await resident.goto('/services');
      await resident.locator('.service-card').first().waitFor();
      await check(resident, 'services');
      await resident.goto(`/needs/${needId}`);
      await resident.locator('.need-pledges .pledge-card').first().waitFor();
      await check(resident, 'need-resident');

      // The unit's representative: the pledge form on the need's page, and their pledges.
      await rep.goto(`/needs/${needId}`);
      await rep.locator('[data-testid=pledge-open]').click();
      await rep.locator('#need-pledge-form-description').waitFor();
      await check(rep, 'need-pledge-form');
      await rep.goto('/pledges');
      await rep.locator('.pledge-card').first().waitFor();
      await check(rep, 'pledges-mine');
      await rep.goto('/services/new');
      await rep.locator('#service-title').waitFor();
      await check(rep, 'service-new');

      // Staff: the confirm form, the pledges to confirm, the project page with its management forms.
      const staff = await open(PHONES.staff);
      await staff.goto(`/needs/${needId}`);
      await staff.locator('.need-pledges [data-pledge-action=CONFIRM]').first().click();
      await staff.locator('.pledge-form').waitFor();
      await check(staff, 'need-confirm-form');
      await staff.goto('/pledges?tab=toConfirm');
      await staff.locator('.pledge-card').first().waitFor();
      await check(staff, 'pledges-to-confirm');
      const { myAreas } = await gqlAs<{ myAreas: { id: string }[] }>(
        staff,
        '{ myAreas(capability: MANAGE_PROJECTS) { id } }',
      );
      const { createProject } = await gqlAs<{ createProject: { id: string } }>(
        staff,
        `mutation($input: CreateProjectInput!) { createProject(input: $input) { id } }`,
        {
          input: {
            title: `楼道微改造 ${variant.name}`,
            description: '粉刷墙面、加装扶手。',
            areaId: myAreas[0]!.id,
            budget: 3000,
            needIds: [needId],
            idempotencyKey: crypto.randomUUID(),
          },
        },
      );
      await staff.goto('/projects?tab=all');
      await staff.locator(`.project-card[data-project="${createProject.id}"] a`).click();
      await staff.locator('h1#project-title').waitFor();
      await check(staff, 'project-staff');
      await staff.goto('/');
      await staff.locator('[data-todo=pledgesToConfirm]').waitFor();
      await check(staff, 'home-staff');
      await Promise.all([resident, rep, staff].map((p) => p.context().close()));
    });
  }
});
