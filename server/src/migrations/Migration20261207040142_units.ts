import { Migration } from '@mikro-orm/migrations';

export class Migration20261207040142_units extends Migration {
  override name = 'Migration20261207040142_units';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "unit" ("id" serial primary key, "area_id" int not null, "area_path" varchar(400) not null, "street_id" int not null, "community_id" int null, "grid_id" int null, "name" varchar(100) not null, "kind" text not null, "address" varchar(200) null, "contact_name" varchar(50) not null, "contact_phone" varchar(11) not null, "party_organization" varchar(100) null, "created_by_id" int not null, "created_at" timestamptz not null);`,
    );
    this.addSql(`create index "unit_area_path_idx" on "unit" ("area_path" text_pattern_ops);`);
    this.addSql(`create index "unit_community_idx" on "unit" ("community_id", "id");`);
    this.addSql(`create index "unit_street_idx" on "unit" ("street_id", "id");`);

    this.addSql(
      `create table "unit_representative" ("id" serial primary key, "unit_id" int not null, "user_id" int not null, "created_at" timestamptz not null);`,
    );
    this.addSql(`create index "unit_representative_user_id_index" on "unit_representative" ("user_id");`);
    this.addSql(
      `alter table "unit_representative" add constraint "unit_representative_unit_id_user_id_unique" unique ("unit_id", "user_id");`,
    );

    this.addSql(
      `create table "service" ("id" serial primary key, "area_id" int not null, "area_path" varchar(400) not null, "street_id" int not null, "community_id" int null, "grid_id" int null, "unit_id" int null, "provider_id" int not null, "title" varchar(100) not null, "description" varchar(2000) not null, "weekdays" text[] not null, "start_time" varchar(5) not null, "end_time" varchar(5) not null, "place" varchar(200) not null, "capacity" int not null, "signup_count" int not null default 0, "closed_at" timestamptz null, "created_at" timestamptz not null);`,
    );
    this.addSql(`create index "service_provider_id_index" on "service" ("provider_id");`);
    this.addSql(`create index "service_unit_idx" on "service" ("unit_id", "id");`);
    this.addSql(`create index "service_street_idx" on "service" ("street_id", "id");`);

    this.addSql(
      `create table "service_signup" ("id" serial primary key, "service_id" int not null, "person_id" int not null, "note" varchar(200) null, "cancelled_at" timestamptz null, "created_at" timestamptz not null);`,
    );
    this.addSql(`create index "service_signup_service_id_index" on "service_signup" ("service_id");`);
    this.addSql(`create index "service_signup_person_id_index" on "service_signup" ("person_id");`);
    this.addSql(
      `create unique index "service_signup_one_live" on "service_signup" ("service_id", "person_id") where "cancelled_at" is null;`,
    );

    this.addSql(
      `create table "resource" ("id" serial primary key, "area_id" int not null, "area_path" varchar(400) not null, "street_id" int not null, "community_id" int null, "grid_id" int null, "unit_id" int null, "offered_by_id" int not null, "kind" text not null, "title" varchar(100) not null, "description" varchar(2000) not null, "quantity" numeric(14,2) null, "measure" varchar(20) null, "quantity_pledged" numeric(14,2) not null default 0, "quantity_delivered" numeric(14,2) not null default 0, "available_from" timestamptz null, "available_to" timestamptz null, "withdrawn_at" timestamptz null, "created_at" timestamptz not null);`,
    );
    this.addSql(`create index "resource_offered_by_id_index" on "resource" ("offered_by_id");`);
    this.addSql(`create index "resource_unit_idx" on "resource" ("unit_id", "id");`);
    this.addSql(`create index "resource_street_idx" on "resource" ("street_id", "kind", "id");`);

    this.addSql(
      `create table "resource_area" ("id" serial primary key, "resource_id" int not null, "area_id" int not null, "area_path" varchar(400) not null);`,
    );
    this.addSql(`create index "resource_area_area_id_index" on "resource_area" ("area_id");`);
    this.addSql(
      `alter table "resource_area" add constraint "resource_area_resource_id_area_id_unique" unique ("resource_id", "area_id");`,
    );

    this.addSql(
      `create table "report_in" ("id" serial primary key, "unit_id" int null, "person_id" int null, "work_unit_id" int null, "area_id" int not null, "status" text not null default 'PENDING', "reason" varchar(500) null, "reported_by_id" int not null, "answered_by_id" int null, "answered_at" timestamptz null, "created_at" timestamptz not null);`,
    );
    this.addSql(`create index "report_in_unit_id_index" on "report_in" ("unit_id");`);
    this.addSql(`create index "report_in_person_id_index" on "report_in" ("person_id");`);
    this.addSql(`create index "report_in_work_unit_id_index" on "report_in" ("work_unit_id");`);
    this.addSql(
      `create unique index "report_in_one_open_per_person" on "report_in" ("person_id", "area_id") where "status" <> 'DECLINED' and "person_id" is not null;`,
    );
    this.addSql(
      `create unique index "report_in_one_open_per_unit" on "report_in" ("unit_id", "area_id") where "status" <> 'DECLINED' and "unit_id" is not null;`,
    );
    this.addSql(`create index "report_in_area_status_idx" on "report_in" ("area_id", "status", "id");`);

    this.addSql(
      `create table "project" ("id" serial primary key, "area_id" int not null, "area_path" varchar(400) not null, "street_id" int not null, "community_id" int null, "grid_id" int null, "title" varchar(100) not null, "description" varchar(4000) not null, "budget" numeric(14,2) null, "status" text not null default 'PLANNED', "created_by_id" int not null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1);`,
    );
    this.addSql(`create index "project_community_idx" on "project" ("community_id", "created_at", "id");`);
    this.addSql(`create index "project_street_idx" on "project" ("street_id", "created_at", "id");`);

    this.addSql(
      `create table "project_task" ("id" serial primary key, "project_id" int not null, "title" varchar(200) not null, "owner_id" int null, "owner_unit_id" int null, "due_at" timestamptz null, "done_at" timestamptz null, "created_at" timestamptz not null);`,
    );
    this.addSql(`create index "project_task_project_id_index" on "project_task" ("project_id");`);

    this.addSql(
      `create table "project_need" ("id" serial primary key, "project_id" int not null, "need_id" int not null);`,
    );
    this.addSql(`create index "project_need_need_id_index" on "project_need" ("need_id");`);
    this.addSql(
      `alter table "project_need" add constraint "project_need_project_id_need_id_unique" unique ("project_id", "need_id");`,
    );

    this.addSql(
      `create table "pledge_request" ("id" serial primary key, "need_id" int null, "project_id" int null, "resource_id" int null, "service_id" int null, "unit_id" int null, "person_id" int null, "requested_by_id" int not null, "note" varchar(500) null, "status" text not null default 'OPEN', "decline_reason" varchar(500) null, "answered_at" timestamptz null, "created_at" timestamptz not null);`,
    );
    this.addSql(`create index "pledge_request_need_id_index" on "pledge_request" ("need_id");`);
    this.addSql(`create index "pledge_request_project_id_index" on "pledge_request" ("project_id");`);
    this.addSql(`create index "pledge_request_person_id_index" on "pledge_request" ("person_id");`);
    this.addSql(`create index "pledge_request_unit_status_idx" on "pledge_request" ("unit_id", "status", "id");`);

    this.addSql(
      `create table "pledge" ("id" serial primary key, "area_id" int not null, "area_path" varchar(400) not null, "street_id" int not null, "community_id" int null, "grid_id" int null, "need_id" int null, "project_id" int null, "unit_id" int null, "pledged_by_id" int not null, "resource_id" int null, "request_id" int null, "description" varchar(1000) not null, "quantity" numeric(14,2) null, "measure" varchar(20) null, "due_at" timestamptz null, "status" text not null default 'PLEDGED', "quantity_delivered" numeric(14,2) null, "note" varchar(1000) null, "settled_by_id" int null, "settled_at" timestamptz null, "created_at" timestamptz not null, "version" int not null default 1);`,
    );
    this.addSql(`create index "pledge_need_id_index" on "pledge" ("need_id");`);
    this.addSql(`create index "pledge_project_id_index" on "pledge" ("project_id");`);
    this.addSql(`create index "pledge_pledged_by_id_index" on "pledge" ("pledged_by_id");`);
    this.addSql(`create index "pledge_resource_id_index" on "pledge" ("resource_id");`);
    this.addSql(`create index "pledge_open_due_idx" on "pledge" ("due_at") where "status" = 'PLEDGED';`);
    this.addSql(`create index "pledge_community_created_idx" on "pledge" ("community_id", "created_at", "id");`);
    this.addSql(`create index "pledge_street_created_idx" on "pledge" ("street_id", "created_at", "id");`);
    this.addSql(`create index "pledge_unit_created_idx" on "pledge" ("unit_id", "created_at", "id");`);

    this.addSql(
      `create table "contribution" ("id" serial primary key, "project_id" int not null, "kind" text not null, "description" varchar(500) not null, "value" numeric(14,2) not null, "unit_id" int null, "contributor_id" int null, "recorded_by_id" int not null, "created_at" timestamptz not null);`,
    );
    this.addSql(`create index "contribution_project_id_index" on "contribution" ("project_id");`);
    this.addSql(`create index "contribution_unit_idx" on "contribution" ("unit_id", "created_at");`);

    this.addSql(
      `create table "commitment_photo" ("id" serial primary key, "pledge_id" int null, "project_id" int null, "uploaded_by_id" int not null, "storage_key" varchar(64) not null, "width" int not null, "height" int not null, "bytes" int not null, "created_at" timestamptz not null);`,
    );
    this.addSql(`create index "commitment_photo_pledge_id_index" on "commitment_photo" ("pledge_id");`);
    this.addSql(`create index "commitment_photo_project_id_index" on "commitment_photo" ("project_id");`);
    this.addSql(`create index "commitment_photo_uploaded_by_id_index" on "commitment_photo" ("uploaded_by_id");`);
    this.addSql(
      `alter table "commitment_photo" add constraint "commitment_photo_storage_key_unique" unique ("storage_key");`,
    );

    this.addSql(`alter table "notification" drop constraint "notification_kind_check";`);
    this.addSql(
      `alter table "notification" add constraint "notification_kind_check" check ("kind" in ('NEED_RAISED', 'NEED_ACCEPTED', 'NEED_ASSIGNED', 'NEED_ASSIGNED_TO_YOU', 'NEED_RESOLVED', 'NEED_REOPENED', 'NEED_REJECTED', 'NEED_AUTO_CLOSED', 'NEED_DUE_SOON', 'NEED_OVERDUE', 'NEED_ESCALATED_TO_YOU', 'REPORT_IN_RECEIVED', 'REPORT_IN_ACCEPTED', 'REPORT_IN_DECLINED', 'UNIT_REPRESENTATIVE_ADDED', 'PLEDGE_REQUESTED', 'PLEDGE_MADE', 'PLEDGE_SETTLED', 'PLEDGE_WITHDRAWN', 'PLEDGE_OVERDUE'));`,
    );

    this.addSql(`alter table "need" add "assignee_unit_id" int null;`);
    this.addSql(
      `alter table "need" add constraint "need_assignee_unit_id_foreign" foreign key ("assignee_unit_id") references "unit" ("id") on delete set null;`,
    );
    this.addSql(`create index "need_assignee_unit_id_index" on "need" ("assignee_unit_id");`);

    this.addSql(`alter table "need_event" drop constraint "need_event_kind_check";`);
    this.addSql(`alter table "need_event" add "unit_id" int null;`);
    this.addSql(
      `alter table "need_event" add constraint "need_event_unit_id_foreign" foreign key ("unit_id") references "unit" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "need_event" add constraint "need_event_kind_check" check ("kind" in ('RAISED', 'TRANSITION', 'ESCALATED', 'COMMENT', 'AUTO_CLOSED', 'PLEDGED', 'PLEDGE_SETTLED', 'PLEDGE_WITHDRAWN'));`,
    );

    this.addSql(
      `alter table "unit" add constraint "unit_area_id_foreign" foreign key ("area_id") references "area" ("id");`,
    );
    this.addSql(
      `alter table "unit" add constraint "unit_created_by_id_foreign" foreign key ("created_by_id") references "app_user" ("id");`,
    );
    this.addSql(
      `alter table "unit" add constraint "unit_kind_check" check ("kind" in ('GOVERNMENT', 'STATE_ENTERPRISE', 'PRIVATE_ENTERPRISE', 'SOCIAL_ORGANIZATION', 'SCHOOL', 'HOSPITAL', 'PROPERTY_MANAGEMENT', 'OTHER'));`,
    );

    this.addSql(
      `alter table "unit_representative" add constraint "unit_representative_unit_id_foreign" foreign key ("unit_id") references "unit" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "unit_representative" add constraint "unit_representative_user_id_foreign" foreign key ("user_id") references "app_user" ("id");`,
    );

    this.addSql(
      `alter table "service" add constraint "service_area_id_foreign" foreign key ("area_id") references "area" ("id");`,
    );
    this.addSql(
      `alter table "service" add constraint "service_unit_id_foreign" foreign key ("unit_id") references "unit" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "service" add constraint "service_provider_id_foreign" foreign key ("provider_id") references "app_user" ("id");`,
    );
    this.addSql(
      `alter table "service" add constraint "service_within_capacity" check (signup_count >= 0 and signup_count <= capacity);`,
    );

    this.addSql(
      `alter table "service_signup" add constraint "service_signup_service_id_foreign" foreign key ("service_id") references "service" ("id");`,
    );
    this.addSql(
      `alter table "service_signup" add constraint "service_signup_person_id_foreign" foreign key ("person_id") references "app_user" ("id");`,
    );

    this.addSql(
      `alter table "resource" add constraint "resource_area_id_foreign" foreign key ("area_id") references "area" ("id");`,
    );
    this.addSql(
      `alter table "resource" add constraint "resource_unit_id_foreign" foreign key ("unit_id") references "unit" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "resource" add constraint "resource_offered_by_id_foreign" foreign key ("offered_by_id") references "app_user" ("id");`,
    );
    this.addSql(
      `alter table "resource" add constraint "resource_not_overpledged" check (quantity is null or quantity_pledged <= quantity);`,
    );
    this.addSql(
      `alter table "resource" add constraint "resource_kind_check" check ("kind" in ('FUNDS', 'VENUE', 'SKILL', 'TECHNOLOGY', 'GOODS', 'LABOR', 'POLICY'));`,
    );

    this.addSql(
      `alter table "resource_area" add constraint "resource_area_resource_id_foreign" foreign key ("resource_id") references "resource" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "resource_area" add constraint "resource_area_area_id_foreign" foreign key ("area_id") references "area" ("id");`,
    );

    this.addSql(
      `alter table "report_in" add constraint "report_in_unit_id_foreign" foreign key ("unit_id") references "unit" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "report_in" add constraint "report_in_person_id_foreign" foreign key ("person_id") references "app_user" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "report_in" add constraint "report_in_work_unit_id_foreign" foreign key ("work_unit_id") references "unit" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "report_in" add constraint "report_in_area_id_foreign" foreign key ("area_id") references "area" ("id");`,
    );
    this.addSql(
      `alter table "report_in" add constraint "report_in_reported_by_id_foreign" foreign key ("reported_by_id") references "app_user" ("id");`,
    );
    this.addSql(
      `alter table "report_in" add constraint "report_in_answered_by_id_foreign" foreign key ("answered_by_id") references "app_user" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "report_in" add constraint "report_in_status_check" check ("status" in ('PENDING', 'ACCEPTED', 'DECLINED'));`,
    );

    this.addSql(
      `alter table "project" add constraint "project_area_id_foreign" foreign key ("area_id") references "area" ("id");`,
    );
    this.addSql(
      `alter table "project" add constraint "project_created_by_id_foreign" foreign key ("created_by_id") references "app_user" ("id");`,
    );
    this.addSql(
      `alter table "project" add constraint "project_status_check" check ("status" in ('PLANNED', 'ACTIVE', 'DONE', 'CANCELLED'));`,
    );

    this.addSql(
      `alter table "project_task" add constraint "project_task_project_id_foreign" foreign key ("project_id") references "project" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "project_task" add constraint "project_task_owner_id_foreign" foreign key ("owner_id") references "app_user" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "project_task" add constraint "project_task_owner_unit_id_foreign" foreign key ("owner_unit_id") references "unit" ("id") on delete set null;`,
    );

    this.addSql(
      `alter table "project_need" add constraint "project_need_project_id_foreign" foreign key ("project_id") references "project" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "project_need" add constraint "project_need_need_id_foreign" foreign key ("need_id") references "need" ("id");`,
    );

    this.addSql(
      `alter table "pledge_request" add constraint "pledge_request_need_id_foreign" foreign key ("need_id") references "need" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "pledge_request" add constraint "pledge_request_project_id_foreign" foreign key ("project_id") references "project" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "pledge_request" add constraint "pledge_request_resource_id_foreign" foreign key ("resource_id") references "resource" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "pledge_request" add constraint "pledge_request_service_id_foreign" foreign key ("service_id") references "service" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "pledge_request" add constraint "pledge_request_unit_id_foreign" foreign key ("unit_id") references "unit" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "pledge_request" add constraint "pledge_request_person_id_foreign" foreign key ("person_id") references "app_user" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "pledge_request" add constraint "pledge_request_requested_by_id_foreign" foreign key ("requested_by_id") references "app_user" ("id");`,
    );
    this.addSql(
      `alter table "pledge_request" add constraint "pledge_request_status_check" check ("status" in ('OPEN', 'PLEDGED', 'DECLINED'));`,
    );

    this.addSql(
      `alter table "pledge" add constraint "pledge_area_id_foreign" foreign key ("area_id") references "area" ("id");`,
    );
    this.addSql(
      `alter table "pledge" add constraint "pledge_need_id_foreign" foreign key ("need_id") references "need" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "pledge" add constraint "pledge_project_id_foreign" foreign key ("project_id") references "project" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "pledge" add constraint "pledge_unit_id_foreign" foreign key ("unit_id") references "unit" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "pledge" add constraint "pledge_pledged_by_id_foreign" foreign key ("pledged_by_id") references "app_user" ("id");`,
    );
    this.addSql(
      `alter table "pledge" add constraint "pledge_resource_id_foreign" foreign key ("resource_id") references "resource" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "pledge" add constraint "pledge_request_id_foreign" foreign key ("request_id") references "pledge_request" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "pledge" add constraint "pledge_settled_by_id_foreign" foreign key ("settled_by_id") references "app_user" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "pledge" add constraint "pledge_has_one_target" check ((need_id is null) <> (project_id is null));`,
    );
    this.addSql(
      `alter table "pledge" add constraint "pledge_status_check" check ("status" in ('PLEDGED', 'FULFILLED', 'PARTIAL', 'NOT_FULFILLED', 'WITHDRAWN'));`,
    );

    this.addSql(
      `alter table "contribution" add constraint "contribution_project_id_foreign" foreign key ("project_id") references "project" ("id");`,
    );
    this.addSql(
      `alter table "contribution" add constraint "contribution_unit_id_foreign" foreign key ("unit_id") references "unit" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "contribution" add constraint "contribution_contributor_id_foreign" foreign key ("contributor_id") references "app_user" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "contribution" add constraint "contribution_recorded_by_id_foreign" foreign key ("recorded_by_id") references "app_user" ("id");`,
    );
    this.addSql(`alter table "contribution" add constraint "contribution_value_positive" check (value >= 0);`);
    this.addSql(
      `alter table "contribution" add constraint "contribution_kind_check" check ("kind" in ('MONEY', 'GOODS', 'LABOR'));`,
    );

    this.addSql(
      `alter table "commitment_photo" add constraint "commitment_photo_pledge_id_foreign" foreign key ("pledge_id") references "pledge" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "commitment_photo" add constraint "commitment_photo_project_id_foreign" foreign key ("project_id") references "project" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "commitment_photo" add constraint "commitment_photo_uploaded_by_id_foreign" foreign key ("uploaded_by_id") references "app_user" ("id");`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "unit_representative" drop constraint "unit_representative_unit_id_foreign";`);
    this.addSql(`alter table "service" drop constraint "service_unit_id_foreign";`);
    this.addSql(`alter table "resource" drop constraint "resource_unit_id_foreign";`);
    this.addSql(`alter table "report_in" drop constraint "report_in_unit_id_foreign";`);
    this.addSql(`alter table "report_in" drop constraint "report_in_work_unit_id_foreign";`);
    this.addSql(`alter table "project_task" drop constraint "project_task_owner_unit_id_foreign";`);
    this.addSql(`alter table "need" drop constraint "need_assignee_unit_id_foreign";`);
    this.addSql(`alter table "pledge_request" drop constraint "pledge_request_unit_id_foreign";`);
    this.addSql(`alter table "pledge" drop constraint "pledge_unit_id_foreign";`);
    this.addSql(`alter table "need_event" drop constraint "need_event_unit_id_foreign";`);
    this.addSql(`alter table "contribution" drop constraint "contribution_unit_id_foreign";`);
    this.addSql(`alter table "service_signup" drop constraint "service_signup_service_id_foreign";`);
    this.addSql(`alter table "pledge_request" drop constraint "pledge_request_service_id_foreign";`);
    this.addSql(`alter table "resource_area" drop constraint "resource_area_resource_id_foreign";`);
    this.addSql(`alter table "pledge_request" drop constraint "pledge_request_resource_id_foreign";`);
    this.addSql(`alter table "pledge" drop constraint "pledge_resource_id_foreign";`);
    this.addSql(`alter table "project_task" drop constraint "project_task_project_id_foreign";`);
    this.addSql(`alter table "project_need" drop constraint "project_need_project_id_foreign";`);
    this.addSql(`alter table "pledge_request" drop constraint "pledge_request_project_id_foreign";`);
    this.addSql(`alter table "pledge" drop constraint "pledge_project_id_foreign";`);
    this.addSql(`alter table "contribution" drop constraint "contribution_project_id_foreign";`);
    this.addSql(`alter table "commitment_photo" drop constraint "commitment_photo_project_id_foreign";`);
    this.addSql(`alter table "pledge" drop constraint "pledge_request_id_foreign";`);
    this.addSql(`alter table "commitment_photo" drop constraint "commitment_photo_pledge_id_foreign";`);

    this.addSql(`drop table if exists "unit" cascade;`);
    this.addSql(`drop table if exists "unit_representative" cascade;`);
    this.addSql(`drop table if exists "service" cascade;`);
    this.addSql(`drop table if exists "service_signup" cascade;`);
    this.addSql(`drop table if exists "resource" cascade;`);
    this.addSql(`drop table if exists "resource_area" cascade;`);
    this.addSql(`drop table if exists "report_in" cascade;`);
    this.addSql(`drop table if exists "project" cascade;`);
    this.addSql(`drop table if exists "project_task" cascade;`);
    this.addSql(`drop table if exists "project_need" cascade;`);
    this.addSql(`drop table if exists "pledge_request" cascade;`);
    this.addSql(`drop table if exists "pledge" cascade;`);
    this.addSql(`drop table if exists "contribution" cascade;`);
    this.addSql(`drop table if exists "commitment_photo" cascade;`);

    this.addSql(`drop index "need_assignee_unit_id_index";`);
    this.addSql(`alter table "need" drop column "assignee_unit_id";`);

    this.addSql(`alter table "need_event" drop constraint "need_event_kind_check";`);
    this.addSql(`alter table "need_event" drop column "unit_id";`);
    this.addSql(
      `alter table "need_event" add constraint "need_event_kind_check" check ("kind" in ('RAISED', 'TRANSITION', 'ESCALATED', 'COMMENT', 'AUTO_CLOSED'));`,
    );

    this.addSql(`alter table "notification" drop constraint "notification_kind_check";`);
    this.addSql(
      `alter table "notification" add constraint "notification_kind_check" check ("kind" in ('NEED_RAISED', 'NEED_ACCEPTED', 'NEED_ASSIGNED', 'NEED_ASSIGNED_TO_YOU', 'NEED_RESOLVED', 'NEED_REOPENED', 'NEED_REJECTED', 'NEED_AUTO_CLOSED', 'NEED_DUE_SOON', 'NEED_OVERDUE', 'NEED_ESCALATED_TO_YOU'));`,
    );
  }
}
