import { Migration } from '@mikro-orm/migrations';

export class Migration20261207014450_sign_in_code extends Migration {
  override name = 'Migration20261207014450_sign_in_code';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "sign_in_code" ("id" serial primary key, "phone" varchar(11) not null, "purpose" text not null, "salt" varchar(32) not null, "code_hash" varchar(64) not null, "wrong_tries" int not null default 0, "expires_at" timestamptz not null, "used_at" timestamptz null, "created_at" timestamptz not null);`,
    );
    this.addSql(`create index "sign_in_code_phone_purpose_id_index" on "sign_in_code" ("phone", "purpose", "id");`);

    this.addSql(
      `alter table "sign_in_code" add constraint "sign_in_code_purpose_check" check ("purpose" in ('SIGN_IN', 'RESET_PASSWORD', 'REGISTER'));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "sign_in_code" cascade;`);
  }
}
