import { Migration } from '@mikro-orm/migrations';

export class Migration20261130093811_initial extends Migration {
  override name = 'Migration20261130093811_initial';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "area" ("id" serial primary key, "name" varchar(100) not null, "kind" text not null, "parent_id" int null, "path" varchar(400) not null, "depth" int not null, "created_at" timestamptz not null);`,
    );
    this.addSql(`create index "area_parent_id_index" on "area" ("parent_id");`);
    this.addSql(`create unique index "area_parent_name_uniq" on "area" (coalesce("parent_id", 0), "name");`);
    this.addSql(`create index "area_path_prefix_idx" on "area" ("path" text_pattern_ops);`);

    this.addSql(
      `create table "login_attempt" ("id" serial primary key, "phone" varchar(20) not null, "ip" varchar(64) not null, "succeeded" boolean not null, "at" timestamptz not null);`,
    );
    this.addSql(`create index "login_attempt_ip_at_index" on "login_attempt" ("ip", "at");`);
    this.addSql(`create index "login_attempt_phone_at_index" on "login_attempt" ("phone", "at");`);

    this.addSql(
      `create table "app_user" ("id" serial primary key, "phone" varchar(11) not null, "password_hash" varchar(200) not null, "display_name" varchar(50) not null, "home_area_id" int null, "created_at" timestamptz not null);`,
    );
    this.addSql(`alter table "app_user" add constraint "app_user_phone_unique" unique ("phone");`);
    this.addSql(`create index "app_user_home_area_id_index" on "app_user" ("home_area_id");`);

    this.addSql(
      `create table "session" ("id" serial primary key, "token_hash" varchar(64) not null, "user_id" int not null, "created_at" timestamptz not null, "expires_at" timestamptz not null, "user_agent" varchar(300) null);`,
    );
    this.addSql(`alter table "session" add constraint "session_token_hash_unique" unique ("token_hash");`);
    this.addSql(`create index "session_user_id_index" on "session" ("user_id");`);
    this.addSql(`create index "session_expires_at_index" on "session" ("expires_at");`);

    this.addSql(
      `create table "role_assignment" ("id" serial primary key, "user_id" int not null, "role" text not null, "area_id" int not null, "created_at" timestamptz not null);`,
    );
    this.addSql(`create index "role_assignment_area_id_index" on "role_assignment" ("area_id");`);
    this.addSql(
      `alter table "role_assignment" add constraint "role_assignment_user_id_role_area_id_unique" unique ("user_id", "role", "area_id");`,
    );

    this.addSql(
      `create table "audit_entry" ("id" serial primary key, "at" timestamptz not null, "actor_id" int null, "action" varchar(60) not null, "target_type" varchar(60) not null, "target_id" varchar(40) not null, "area_id" int null, "area_path" varchar(400) not null, "before" jsonb null, "after" jsonb null);`,
    );
    this.addSql(`create index "audit_entry_area_path_idx" on "audit_entry" ("area_path" text_pattern_ops, "id" desc);`);

    this.addSql(
      `alter table "area" add constraint "area_parent_id_foreign" foreign key ("parent_id") references "area" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "area" add constraint "area_kind_check" check ("kind" in ('STREET', 'COMMUNITY', 'VILLAGE', 'GRID', 'BUILDING'));`,
    );

    this.addSql(
      `alter table "app_user" add constraint "app_user_home_area_id_foreign" foreign key ("home_area_id") references "area" ("id") on delete set null;`,
    );

    this.addSql(
      `alter table "session" add constraint "session_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on delete cascade;`,
    );

    this.addSql(
      `alter table "role_assignment" add constraint "role_assignment_user_id_foreign" foreign key ("user_id") references "app_user" ("id");`,
    );
    this.addSql(
      `alter table "role_assignment" add constraint "role_assignment_area_id_foreign" foreign key ("area_id") references "area" ("id");`,
    );
    this.addSql(
      `alter table "role_assignment" add constraint "role_assignment_role_check" check ("role" in ('RESIDENT', 'VOLUNTEER', 'UNIT_REP', 'GRID_WORKER', 'STAFF', 'COMMITTEE_MEMBER', 'ADMIN'));`,
    );

    this.addSql(
      `alter table "audit_entry" add constraint "audit_entry_actor_id_foreign" foreign key ("actor_id") references "app_user" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "audit_entry" add constraint "audit_entry_area_id_foreign" foreign key ("area_id") references "area" ("id") on delete set null;`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "area" drop constraint "area_parent_id_foreign";`);
    this.addSql(`alter table "app_user" drop constraint "app_user_home_area_id_foreign";`);
    this.addSql(`alter table "role_assignment" drop constraint "role_assignment_area_id_foreign";`);
    this.addSql(`alter table "audit_entry" drop constraint "audit_entry_area_id_foreign";`);
    this.addSql(`alter table "session" drop constraint "session_user_id_foreign";`);
    this.addSql(`alter table "role_assignment" drop constraint "role_assignment_user_id_foreign";`);
    this.addSql(`alter table "audit_entry" drop constraint "audit_entry_actor_id_foreign";`);

    this.addSql(`drop table if exists "area" cascade;`);
    this.addSql(`drop table if exists "login_attempt" cascade;`);
    this.addSql(`drop table if exists "app_user" cascade;`);
    this.addSql(`drop table if exists "session" cascade;`);
    this.addSql(`drop table if exists "role_assignment" cascade;`);
    this.addSql(`drop table if exists "audit_entry" cascade;`);
  }
}
