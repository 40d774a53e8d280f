import { Migration } from '@mikro-orm/migrations';

export class Migration20261130103705_need_auto_close_index extends Migration {
  override name = 'Migration20261130103705_need_auto_close_index';

  override up(): void | Promise<void> {
    this.addSql(`create index "need_resolved_waiting_idx" on "need" ("resolved_at") where "status" = 'RESOLVED';`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "need_resolved_waiting_idx";`);
  }
}
