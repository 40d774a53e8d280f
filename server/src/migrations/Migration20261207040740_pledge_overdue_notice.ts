import { Migration } from '@mikro-orm/migrations';

export class Migration20261207040740_pledge_overdue_notice extends Migration {
  override name = 'Migration20261207040740_pledge_overdue_notice';

  override up(): void | Promise<void> {
    this.addSql(`alter table "pledge" add "overdue_notified_at" timestamptz null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "pledge" drop column "overdue_notified_at";`);
  }
}
