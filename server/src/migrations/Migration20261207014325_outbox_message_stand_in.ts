import { Migration } from '@mikro-orm/migrations';

export class Migration20261207014325_outbox_message_stand_in extends Migration {
  override name = 'Migration20261207014325_outbox_message_stand_in';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "outbox_message" ("id" serial primary key, "channel" varchar(20) not null, "recipient" varchar(40) not null, "template" varchar(60) not null, "params" jsonb not null, "status" varchar(20) not null default 'PENDING', "created_at" timestamptz not null);`,
    );
    this.addSql(
      `create index "outbox_message_recipient_template_index" on "outbox_message" ("recipient", "template");`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "outbox_message" cascade;`);
  }
}
