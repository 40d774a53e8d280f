import { Migration } from '@mikro-orm/migrations';

export class Migration20261202005132_rate_limit_window extends Migration {
  override name = 'Migration20261202005132_rate_limit_window';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "rate_limit_window" ("key" varchar(200) not null, "hits" timestamptz[] not null, "last_allowed" boolean not null, primary key ("key"));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "rate_limit_window" cascade;`);
  }
}
