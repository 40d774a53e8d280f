import { Migration } from '@mikro-orm/migrations';

export class Migration20261130102121_need_stats_indexes extends Migration {
  override name = 'Migration20261130102121_need_stats_indexes';

  override up(): void | Promise<void> {
    this.addSql(
      `create index "need_community_stats_idx" on "need" ("community_id", "created_at") include ("grid_id", "status", "respond_by", "responded_at", "rating", "due_at");`,
    );
    this.addSql(
      `create index "need_street_stats_idx" on "need" ("street_id", "created_at") include ("community_id", "status", "respond_by", "responded_at", "rating", "due_at");`,
    );
    this.addSql(`create index "need_street_status_idx" on "need" ("street_id", "status", "category");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "need_community_stats_idx";`);
    this.addSql(`drop index "need_street_stats_idx";`);
    this.addSql(`drop index "need_street_status_idx";`);
  }
}
