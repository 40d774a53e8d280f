import { Migration } from '@mikro-orm/migrations';

export class Migration20261130100845_needs extends Migration {
  override name = 'Migration20261130100845_needs';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "need_deadline_policy" ("id" serial primary key, "street_id" int not null, "category" text not null, "urgency" text not null, "respond_hours" int not null, "resolve_hours" int not null, "updated_at" timestamptz not null);`,
    );
    this.addSql(
      `alter table "need_deadline_policy" add constraint "need_deadline_policy_street_id_category_urgency_unique" unique ("street_id", "category", "urgency");`,
    );

    this.addSql(
      `create table "need" ("id" serial primary key, "title" varchar(80) not null, "description" varchar(2000) not null, "category" text not null, "urgency" text not null, "channel" text not null, "status" text not null default 'SUBMITTED', "is_public" boolean not null, "area_id" int not null, "area_path" varchar(400) not null, "street_id" int not null, "community_id" int null, "grid_id" int null, "responsible_area_id" int not null, "responsible_path" varchar(400) not null, "raised_by_id" int not null, "on_behalf_of_id" int null, "assignee_id" int null, "supporter_count" int not null default 0, "rating" smallint null, "rating_comment" varchar(1000) null, "resolution" varchar(2000) null, "respond_by" timestamptz not null, "resolve_by" timestamptz not null, "due_at" timestamptz not null, "responded_at" timestamptz null, "resolved_at" timestamptz null, "closed_at" timestamptz null, "reopen_count" int not null default 0, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1);`,
    );
    this.addSql(`create index "need_raised_by_id_index" on "need" ("raised_by_id");`);
    this.addSql(`create index "need_on_behalf_of_id_index" on "need" ("on_behalf_of_id");`);
    this.addSql(`create index "need_assignee_id_index" on "need" ("assignee_id");`);
    this.addSql(`create index "need_area_path_idx" on "need" ("area_path" text_pattern_ops);`);
    this.addSql(`create index "need_street_due_idx" on "need" ("street_id", "due_at", "id");`);
    this.addSql(`create index "need_grid_created_idx" on "need" ("grid_id", "created_at", "id");`);
    this.addSql(`create index "need_community_created_idx" on "need" ("community_id", "created_at", "id");`);
    this.addSql(`create index "need_street_created_idx" on "need" ("street_id", "created_at", "id");`);

    this.addSql(
      `create table "need_support" ("id" serial primary key, "need_id" int not null, "user_id" int not null, "at" timestamptz not null);`,
    );
    this.addSql(`create index "need_support_user_id_index" on "need_support" ("user_id");`);
    this.addSql(
      `alter table "need_support" add constraint "need_support_need_id_user_id_unique" unique ("need_id", "user_id");`,
    );

    this.addSql(
      `create table "need_photo" ("id" serial primary key, "need_id" int null, "uploaded_by_id" int not null, "storage_key" varchar(64) not null, "width" int not null, "height" int not null, "bytes" int not null, "created_at" timestamptz not null);`,
    );
    this.addSql(`create index "need_photo_need_id_index" on "need_photo" ("need_id");`);
    this.addSql(`create index "need_photo_uploaded_by_id_index" on "need_photo" ("uploaded_by_id");`);
    this.addSql(`alter table "need_photo" add constraint "need_photo_storage_key_unique" unique ("storage_key");`);

    this.addSql(
      `create table "need_event" ("id" serial primary key, "need_id" int not null, "at" timestamptz not null, "actor_id" int null, "kind" text not null, "from_status" text null, "to_status" text null, "note" varchar(2000) null, "area_id" int null);`,
    );
    this.addSql(`create index "need_event_need_id_id_index" on "need_event" ("need_id", "id");`);

    this.addSql(
      `alter table "need_deadline_policy" add constraint "need_deadline_policy_street_id_foreign" foreign key ("street_id") references "area" ("id");`,
    );
    this.addSql(
      `alter table "need_deadline_policy" add constraint "need_deadline_policy_category_check" check ("category" in ('ELDERLY_CARE', 'CHILD_CARE', 'DISABILITY', 'REPAIR', 'ENVIRONMENT', 'SAFETY', 'DISPUTE', 'EMPLOYMENT', 'HEALTH', 'EDUCATION', 'CULTURE', 'OTHER'));`,
    );
    this.addSql(
      `alter table "need_deadline_policy" add constraint "need_deadline_policy_urgency_check" check ("urgency" in ('LOW', 'NORMAL', 'HIGH', 'CRITICAL'));`,
    );

    this.addSql(
      `alter table "need" add constraint "need_area_id_foreign" foreign key ("area_id") references "area" ("id");`,
    );
    this.addSql(
      `alter table "need" add constraint "need_responsible_area_id_foreign" foreign key ("responsible_area_id") references "area" ("id");`,
    );
    this.addSql(
      `alter table "need" add constraint "need_raised_by_id_foreign" foreign key ("raised_by_id") references "app_user" ("id");`,
    );
    this.addSql(
      `alter table "need" add constraint "need_on_behalf_of_id_foreign" foreign key ("on_behalf_of_id") references "app_user" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "need" add constraint "need_assignee_id_foreign" foreign key ("assignee_id") references "app_user" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "need" add constraint "need_category_check" check ("category" in ('ELDERLY_CARE', 'CHILD_CARE', 'DISABILITY', 'REPAIR', 'ENVIRONMENT', 'SAFETY', 'DISPUTE', 'EMPLOYMENT', 'HEALTH', 'EDUCATION', 'CULTURE', 'OTHER'));`,
    );
    this.addSql(
      `alter table "need" add constraint "need_urgency_check" check ("urgency" in ('LOW', 'NORMAL', 'HIGH', 'CRITICAL'));`,
    );
    this.addSql(
      `alter table "need" add constraint "need_channel_check" check ("channel" in ('APP', 'PHONE', 'WALK_IN', 'HOTLINE_12345', 'GRID_PATROL'));`,
    );
    this.addSql(
      `alter table "need" add constraint "need_status_check" check ("status" in ('SUBMITTED', 'ACCEPTED', 'ASSIGNED', 'IN_PROGRESS', 'RESOLVED', 'CLOSED', 'REJECTED'));`,
    );

    this.addSql(
      `alter table "need_support" add constraint "need_support_need_id_foreign" foreign key ("need_id") references "need" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "need_support" add constraint "need_support_user_id_foreign" foreign key ("user_id") references "app_user" ("id");`,
    );

    this.addSql(
      `alter table "need_photo" add constraint "need_photo_need_id_foreign" foreign key ("need_id") references "need" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "need_photo" add constraint "need_photo_uploaded_by_id_foreign" foreign key ("uploaded_by_id") references "app_user" ("id");`,
    );

    this.addSql(
      `alter table "need_event" add constraint "need_event_need_id_foreign" foreign key ("need_id") references "need" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "need_event" add constraint "need_event_actor_id_foreign" foreign key ("actor_id") references "app_user" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "need_event" add constraint "need_event_area_id_foreign" foreign key ("area_id") references "area" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "need_event" add constraint "need_event_kind_check" check ("kind" in ('RAISED', 'TRANSITION', 'ESCALATED', 'COMMENT', 'AUTO_CLOSED'));`,
    );
    this.addSql(
      `alter table "need_event" add constraint "need_event_from_status_check" check ("from_status" in ('SUBMITTED', 'ACCEPTED', 'ASSIGNED', 'IN_PROGRESS', 'RESOLVED', 'CLOSED', 'REJECTED'));`,
    );
    this.addSql(
      `alter table "need_event" add constraint "need_event_to_status_check" check ("to_status" in ('SUBMITTED', 'ACCEPTED', 'ASSIGNED', 'IN_PROGRESS', 'RESOLVED', 'CLOSED', 'REJECTED'));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "need_support" drop constraint "need_support_need_id_foreign";`);
    this.addSql(`alter table "need_photo" drop constraint "need_photo_need_id_foreign";`);
    this.addSql(`alter table "need_event" drop constraint "need_event_need_id_foreign";`);

    this.addSql(`drop table if exists "need_deadline_policy" cascade;`);
    this.addSql(`drop table if exists "need" cascade;`);
    this.addSql(`drop table if exists "need_support" cascade;`);
    this.addSql(`drop table if exists "need_photo" cascade;`);
    this.addSql(`drop table if exists "need_event" cascade;`);
  }
}
