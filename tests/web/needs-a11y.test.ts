import { describe, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DISPLAY_VARIANTS, expectReadable, signedInPageIn, useAppAndBrowser, PHONES } from '../helpers/browser.js';

/** The needs pages issue 12 changed, as a grid worker and a resident use them. */
const workerPages = [
  { name: 'inbox', path: '/needs/inbox?statuses=SUBMITTED&worksOn=true', ready: '.need-list .need-card' },
  { name: 'dashboard', path: '/needs/dashboard', ready: '.stat-tiles' },
];
const residentPages = [
  { name: 'mine', path: '/needs', ready: '.tab[aria-current=page]' },
  { name: 'mine-done', path: '/needs?tab=done', ready: '.need-list .need-card' },
];

describe('the needs pages in every size and language', { timeout: 240_000 }, () => {
  const session = useAppAndBrowser();

  for (const variant of DISPLAY_VARIANTS) {
    it(`has no serious or critical problems, and nothing wider than the window, at ${variant.name}`, async () => {
      const check = (page: Page, name: string) => expectReadable(page, `needs-${name}`, variant);
      const open = (phone: string) => signedInPageIn(session.browser, session.app.url, variant, phone);

      const worker = await open(PHONES.gridWorker);
      for (const p of workerPages) {
        await worker.goto(p.path);
        await worker.locator(p.ready).first().waitFor();
        await check(worker, p.name);
      }
      // The inbox with its filters unfolded and several needs being picked for 派单.
      await worker.goto('/needs/inbox');
      await worker.locator('.need-list .need-card').first().waitFor();
      await worker.locator('details.inbox-filters > summary').click();
      await worker.locator('[data-testid=batch-toggle]').click();
      await worker.locator('input[data-pick]').first().check();
      await check(worker, 'inbox-batch');
      // A need's page with its action bar, then with the 办好了 form open.
      await worker.goto('/needs/inbox?assignedToMe=true&statuses=ASSIGNED,IN_PROGRESS');
      await worker.locator('.need-card-title').first().click();
      await worker.locator('.need-actions button[data-action]').first().waitFor();
      await check(worker, 'detail-worker');
      const resolve = worker.locator('.need-actions button[data-action=RESOLVE]');
      if (await resolve.isVisible()) {
        await resolve.click();
        await worker.locator('#action-before-photos').waitFor({ state: 'attached' });
        await check(worker, 'detail-resolve');
      }
      await worker.context().close();

      const resident = await open(PHONES.resident);
      for (const p of residentPages) {
        await resident.goto(p.path);
        await resident.locator(p.ready).first().waitFor();
        await check(resident, p.name);
      }
      await resident.goto('/needs/new');
      await resident.locator('.category-tile[data-category=HEALTH]').click();
      await resident.locator('#need-title').waitFor();
      await check(resident, 'raise');
      await resident.context().close();
    });
  }
});
