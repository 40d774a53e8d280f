import { Migration } from '@mikro-orm/migrations';

export class Migration20261207044402_pledge_unit_score_index extends Migration {
  override name = 'Migration20261207044402_pledge_unit_score_index';

  override up(): void | Promise<void> {
    this.addSql(
      `create index "pledge_unit_score_idx" on "pledge" ("unit_id", "created_at") include ("status", "due_at", "settled_at");`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "pledge_unit_score_idx";`);
  }
}
