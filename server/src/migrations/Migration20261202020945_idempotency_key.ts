import { Migration } from '@mikro-orm/migrations';

export class Migration20261202020945_idempotency_key extends Migration {
  override name = 'Migration20261202020945_idempotency_key';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "idempotency_key" ("id" serial primary key, "actor_id" int not null, "operation" varchar(60) not null, "key" varchar(100) not null, "input_hash" varchar(64) not null, "result_id" int null, "created_at" timestamptz not null);`,
    );
    this.addSql(`create index "idempotency_key_created_at_index" on "idempotency_key" ("created_at");`);
    this.addSql(
      `alter table "idempotency_key" add constraint "idempotency_key_actor_id_operation_key_unique" unique ("actor_id", "operation", "key");`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "idempotency_key" cascade;`);
  }
}
