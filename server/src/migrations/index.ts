import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261130093811_initial } from './Migration20261130093811_initial.js';

/** Committed migrations in order; `npm run migration:create` adds new ones here. */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261130093811_initial', class: Migration20261130093811_initial },
];
