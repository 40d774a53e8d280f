import { forgetOldIdempotencyKeys, IdempotencyKey } from './idempotency.js';
import type { FeatureModule } from './module.js';
import { OutboxMessage } from './outbox.entity.js';
import { outboxJobs } from './outbox.js';
import { RateLimitWindow } from './rate-limit.entity.js';
import { deleteStaleRateLimits } from './rate-limit.js';

/** What the platform itself keeps in the database, and its own periodic jobs; composed by app.ts like a feature. */
export const platformModule: FeatureModule = {
  entities: [RateLimitWindow, IdempotencyKey, OutboxMessage],
  jobs: [
    {
      name: 'deleteStaleRateLimits',
      intervalMs: 60 * 60 * 1000,
      async run({ orm }) {
        await deleteStaleRateLimits(orm.em.fork());
      },
    },
    {
      name: 'forgetOldIdempotencyKeys',
      intervalMs: 60 * 60 * 1000,
      async run({ orm }) {
        await forgetOldIdempotencyKeys(orm.em.fork());
      },
    },
    ...outboxJobs,
  ],
};
