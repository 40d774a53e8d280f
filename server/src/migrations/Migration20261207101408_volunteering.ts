import { Migration } from '@mikro-orm/migrations';

export class Migration20261207101408_volunteering extends Migration {
  override name = 'Migration20261207101408_volunteering';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "team" ("id" serial primary key, "area_id" int not null, "area_path" varchar(400) not null, "street_id" int not null, "community_id" int null, "grid_id" int null, "name" varchar(50) not null, "description" varchar(1000) null, "member_count" int not null default 0, "created_by_id" int not null, "created_at" timestamptz not null);`,
    );
    this.addSql(`create index "team_street_idx" on "team" ("street_id", "id");`);
    this.addSql(`create index "team_community_idx" on "team" ("community_id", "id");`);
    this.addSql(`alter table "team" add constraint "team_area_name_unique" unique ("area_id", "name");`);

    this.addSql(
      `create table "team_membership" ("id" serial primary key, "team_id" int not null, "user_id" int not null, "role" text not null, "status" text not null, "requested_at" timestamptz not null, "decided_by_id" int null, "decided_at" timestamptz null);`,
    );
    this.addSql(`create index "team_membership_user_idx" on "team_membership" ("user_id", "status");`);
    this.addSql(
      `alter table "team_membership" add constraint "team_membership_team_id_user_id_unique" unique ("team_id", "user_id");`,
    );

    this.addSql(
      `create table "certificate" ("id" serial primary key, "code" varchar(20) not null, "holder_id" int not null, "community_id" int not null, "holder_name" varchar(50) not null, "masked_holder_name" varchar(50) not null, "masked_id_number" varchar(18) null, "volunteer_number" varchar(20) not null, "period_from" timestamptz not null, "period_to" timestamptz not null, "minutes" int not null, "activity_count" int not null, "organisations" varchar(100)[] not null, "issuer" varchar(100) not null, "issued_at" timestamptz not null, "revoked_at" timestamptz null, "revoke_reason" varchar(500) null, "revoked_by_id" int null);`,
    );
    this.addSql(`alter table "certificate" add constraint "certificate_code_unique" unique ("code");`);
    this.addSql(`create index "certificate_community_idx" on "certificate" ("community_id", "issued_at", "id");`);
    this.addSql(`create index "certificate_holder_idx" on "certificate" ("holder_id", "issued_at");`);

    this.addSql(
      `create table "volunteer_profile" ("id" serial primary key, "user_id" int not null, "number" varchar(20) not null, "status" text not null, "skills" varchar(40)[] not null, "tags" varchar(20)[] not null, "availability" varchar(40)[] not null, "party_member" boolean not null default false, "community_id" int not null, "id_number" varchar(18) null, "verified_minutes" int not null default 0, "no_show_count" int not null default 0, "star_level" int not null default 0, "guardian_name" varchar(50) null, "guardian_relation" varchar(20) null, "guardian_phone" varchar(11) null, "consent_recorded_by_id" int null, "consent_recorded_at" timestamptz null, "created_at" timestamptz not null);`,
    );
    this.addSql(
      `alter table "volunteer_profile" add constraint "volunteer_profile_user_id_unique" unique ("user_id");`,
    );
    this.addSql(`alter table "volunteer_profile" add constraint "volunteer_profile_number_unique" unique ("number");`);
    this.addSql(`create index "volunteer_profile_community_idx" on "volunteer_profile" ("community_id", "id");`);

    this.addSql(
      `create table "star_award" ("id" serial primary key, "profile_id" int not null, "level" int not null, "community_id" int not null, "status" text not null default 'PUBLICIZING', "reached_at" timestamptz not null, "public_until" timestamptz not null, "awarded_at" timestamptz null, "withheld_reason" varchar(500) null, "withheld_by_id" int null);`,
    );
    this.addSql(`create index "star_award_community_idx" on "star_award" ("community_id", "status", "public_until");`);
    this.addSql(
      `alter table "star_award" add constraint "star_award_profile_id_level_unique" unique ("profile_id", "level");`,
    );

    this.addSql(
      `create table "volunteer_record_note" ("id" serial primary key, "profile_id" int not null, "kind" text not null, "title" varchar(100) not null, "detail" varchar(1000) null, "occurred_on" date not null, "hours" numeric(6,2) null, "issuer" varchar(100) null, "recorded_by_id" int not null, "created_at" timestamptz not null);`,
    );
    this.addSql(`create index "volunteer_record_note_profile_id_index" on "volunteer_record_note" ("profile_id");`);

    this.addSql(
      `create table "volunteer_served_area" ("id" serial primary key, "profile_id" int not null, "area_id" int not null);`,
    );
    this.addSql(`create index "volunteer_served_area_area_id_index" on "volunteer_served_area" ("area_id");`);
    this.addSql(
      `alter table "volunteer_served_area" add constraint "volunteer_served_area_profile_id_area_id_unique" unique ("profile_id", "area_id");`,
    );

    this.addSql(
      `create table "activity" ("id" serial primary key, "area_id" int not null, "area_path" varchar(400) not null, "street_id" int not null, "community_id" int null, "grid_id" int null, "title" varchar(100) not null, "description" varchar(2000) not null, "place" varchar(200) not null, "skills" varchar(40)[] not null, "team_id" int null, "need_id" int null, "project_id" int null, "resolution_id" int null, "status" text not null default 'PUBLISHED', "retroactive" boolean not null default false, "starts_at" timestamptz not null, "ends_at" timestamptz not null, "cancelled_at" timestamptz null, "cancel_reason" varchar(500) null, "created_by_id" int not null, "created_at" timestamptz not null, "updated_at" timestamptz not null);`,
    );
    this.addSql(`create index "activity_team_id_index" on "activity" ("team_id");`);
    this.addSql(`create index "activity_need_id_index" on "activity" ("need_id");`);
    this.addSql(`create index "activity_project_id_index" on "activity" ("project_id");`);
    this.addSql(`create index "activity_resolution_id_index" on "activity" ("resolution_id");`);
    this.addSql(`create index "activity_created_by_id_index" on "activity" ("created_by_id");`);
    this.addSql(`create index "activity_area_path_idx" on "activity" ("area_path" text_pattern_ops);`);
    this.addSql(`create index "activity_street_starts_idx" on "activity" ("street_id", "starts_at", "id");`);
    this.addSql(`create index "activity_community_starts_idx" on "activity" ("community_id", "starts_at", "id");`);

    this.addSql(
      `create table "shift" ("id" serial primary key, "activity_id" int not null, "starts_at" timestamptz not null, "ends_at" timestamptz not null, "capacity" int not null, "signed_up_count" int not null default 0, "waitlist_count" int not null default 0, "check_in_secret" varchar(64) not null);`,
    );
    this.addSql(`create index "shift_starts_idx" on "shift" ("starts_at");`);
    this.addSql(`create index "shift_activity_starts_idx" on "shift" ("activity_id", "starts_at");`);

    this.addSql(
      `create table "shift_signup" ("id" serial primary key, "shift_id" int not null, "activity_id" int not null, "volunteer_id" int not null, "status" text not null, "queued_at" timestamptz not null, "promoted_at" timestamptz null, "confirm_by" timestamptz null, "confirmed_at" timestamptz null, "cancelled_at" timestamptz null, "cancel_reason" text null, "recorded_minutes" int null, "verified_minutes" int null, "verified_at" timestamptz null, "verified_by_id" int null, "retroactive" boolean not null default false, "created_at" timestamptz not null);`,
    );
    this.addSql(`create index "shift_signup_activity_idx" on "shift_signup" ("activity_id", "status");`);
    this.addSql(`create index "shift_signup_volunteer_idx" on "shift_signup" ("volunteer_id", "created_at", "id");`);
    this.addSql(`create index "shift_signup_queue_idx" on "shift_signup" ("shift_id", "status", "queued_at", "id");`);
    this.addSql(
      `create unique index "shift_signup_one_per_volunteer" on "shift_signup" ("shift_id", "volunteer_id") where "status" <> 'CANCELLED';`,
    );

    this.addSql(
      `create table "shift_check_in" ("id" serial primary key, "signup_id" int not null, "activity_id" int not null, "volunteer_id" int not null, "service_day" date not null, "checked_in_at" timestamptz not null, "check_in_method" text not null, "checked_in_by_id" int null, "checked_out_at" timestamptz null, "check_out_method" text null, "checked_out_by_id" int null, "closed_by_organiser" boolean not null default false);`,
    );
    this.addSql(`create index "shift_check_in_signup_idx" on "shift_check_in" ("signup_id", "checked_in_at");`);
    this.addSql(
      `create index "shift_check_in_per_day_idx" on "shift_check_in" ("volunteer_id", "activity_id", "service_day");`,
    );
    this.addSql(
      `create unique index "shift_check_in_one_open" on "shift_check_in" ("signup_id") where "checked_out_at" is null;`,
    );

    this.addSql(
      `create table "service_record_entry" ("id" serial primary key, "signup_id" int not null, "volunteer_id" int not null, "kind" text not null, "minutes" int not null, "previous_minutes" int null, "reason" varchar(500) null, "actor_id" int not null, "created_at" timestamptz not null);`,
    );
    this.addSql(`create index "service_record_entry_volunteer_id_index" on "service_record_entry" ("volunteer_id");`);
    this.addSql(`create index "service_record_entry_signup_idx" on "service_record_entry" ("signup_id", "id");`);

    this.addSql(
      `create table "correction_request" ("id" serial primary key, "signup_id" int not null, "volunteer_id" int not null, "requested_minutes" int not null, "minutes_before" int not null, "reason" varchar(500) not null, "status" text not null default 'OPEN', "answer" varchar(500) null, "answered_by_id" int null, "answered_at" timestamptz null, "due_at" timestamptz not null, "overdue_notified_at" timestamptz null, "created_at" timestamptz not null);`,
    );
    this.addSql(`create index "correction_request_volunteer_id_index" on "correction_request" ("volunteer_id");`);
    this.addSql(
      `create index "correction_request_open_due_idx" on "correction_request" ("due_at") where "status" = 'OPEN';`,
    );
    this.addSql(
      `create unique index "correction_request_one_open" on "correction_request" ("signup_id") where "status" = 'OPEN';`,
    );

    this.addSql(
      `create table "check_in_code_use" ("shift_id" int not null, "volunteer_id" int not null, "code_window" bigint not null, "used_at" timestamptz not null, primary key ("shift_id", "volunteer_id", "code_window"));`,
    );

    this.addSql(
      `create table "activity_photo" ("id" serial primary key, "activity_id" int null, "uploaded_by_id" int not null, "storage_key" varchar(64) not null, "width" int not null, "height" int not null, "bytes" int not null, "created_at" timestamptz not null);`,
    );
    this.addSql(`create index "activity_photo_activity_id_index" on "activity_photo" ("activity_id");`);
    this.addSql(`create index "activity_photo_uploaded_by_id_index" on "activity_photo" ("uploaded_by_id");`);
    this.addSql(
      `alter table "activity_photo" add constraint "activity_photo_storage_key_unique" unique ("storage_key");`,
    );

    this.addSql(`alter table "app_user" add "birth_date" date null;`);

    this.addSql(`alter table "notification" drop constraint "notification_kind_check";`);
    this.addSql(
      `alter table "notification" add constraint "notification_kind_check" check ("kind" in ('NEED_RAISED', 'NEED_ACCEPTED', 'NEED_ASSIGNED', 'NEED_ASSIGNED_TO_YOU', 'NEED_RESOLVED', 'NEED_REOPENED', 'NEED_REJECTED', 'NEED_AUTO_CLOSED', 'NEED_DUE_SOON', 'NEED_OVERDUE', 'NEED_ESCALATED_TO_YOU', 'REPORT_IN_RECEIVED', 'REPORT_IN_ACCEPTED', 'REPORT_IN_DECLINED', 'UNIT_REPRESENTATIVE_ADDED', 'PLEDGE_REQUESTED', 'PLEDGE_MADE', 'PLEDGE_SETTLED', 'PLEDGE_WITHDRAWN', 'PLEDGE_OVERDUE', 'COMMITTEE_MEMBER_ADDED', 'TOPIC_PROPOSED', 'TOPIC_ADMITTED', 'TOPIC_DECLINED', 'MEETING_SCHEDULED', 'VOTE_OPENED', 'RESULT_PUBLISHED', 'OBJECTION_LODGED', 'OBJECTION_ANSWERED', 'RESOLUTION_ASSIGNED', 'RESOLUTION_OVERDUE', 'VOLUNTEER_CONSENT_NEEDED', 'TEAM_JOIN_REQUESTED', 'TEAM_MEMBER_APPROVED', 'TEAM_MEMBER_DECLINED', 'SHIFT_PROMOTED', 'PROMOTION_EXPIRED', 'ACTIVITY_CANCELLED', 'HOURS_VERIFIED', 'CORRECTION_REQUESTED', 'CORRECTION_ACCEPTED', 'CORRECTION_REJECTED', 'CORRECTION_OVERDUE', 'STAR_PUBLICIZED', 'STAR_AWARDED', 'CERTIFICATE_REVOKED'));`,
    );

    this.addSql(
      `alter table "team" add constraint "team_area_id_foreign" foreign key ("area_id") references "area" ("id");`,
    );
    this.addSql(
      `alter table "team" add constraint "team_created_by_id_foreign" foreign key ("created_by_id") references "app_user" ("id");`,
    );

    this.addSql(
      `alter table "team_membership" add constraint "team_membership_team_id_foreign" foreign key ("team_id") references "team" ("id");`,
    );
    this.addSql(
      `alter table "team_membership" add constraint "team_membership_user_id_foreign" foreign key ("user_id") references "app_user" ("id");`,
    );
    this.addSql(
      `alter table "team_membership" add constraint "team_membership_decided_by_id_foreign" foreign key ("decided_by_id") references "app_user" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "team_membership" add constraint "team_membership_role_check" check ("role" in ('LEADER', 'MEMBER'));`,
    );
    this.addSql(
      `alter table "team_membership" add constraint "team_membership_status_check" check ("status" in ('REQUESTED', 'APPROVED', 'DECLINED', 'LEFT'));`,
    );

    this.addSql(
      `alter table "certificate" add constraint "certificate_holder_id_foreign" foreign key ("holder_id") references "app_user" ("id");`,
    );
    this.addSql(
      `alter table "certificate" add constraint "certificate_community_id_foreign" foreign key ("community_id") references "area" ("id");`,
    );
    this.addSql(
      `alter table "certificate" add constraint "certificate_revoked_by_id_foreign" foreign key ("revoked_by_id") references "app_user" ("id") on delete set null;`,
    );

    this.addSql(
      `alter table "volunteer_profile" add constraint "volunteer_profile_user_id_foreign" foreign key ("user_id") references "app_user" ("id");`,
    );
    this.addSql(
      `alter table "volunteer_profile" add constraint "volunteer_profile_community_id_foreign" foreign key ("community_id") references "area" ("id");`,
    );
    this.addSql(
      `alter table "volunteer_profile" add constraint "volunteer_profile_consent_recorded_by_id_foreign" foreign key ("consent_recorded_by_id") references "app_user" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "volunteer_profile" add constraint "volunteer_profile_status_check" check ("status" in ('ACTIVE', 'AWAITING_CONSENT'));`,
    );

    this.addSql(
      `alter table "star_award" add constraint "star_award_profile_id_foreign" foreign key ("profile_id") references "volunteer_profile" ("id");`,
    );
    this.addSql(
      `alter table "star_award" add constraint "star_award_community_id_foreign" foreign key ("community_id") references "area" ("id");`,
    );
    this.addSql(
      `alter table "star_award" add constraint "star_award_withheld_by_id_foreign" foreign key ("withheld_by_id") references "app_user" ("id") on delete set null;`,
    );
    this.addSql(`alter table "star_award" add constraint "star_award_level" check (level >= 1 and level <= 5);`);
    this.addSql(
      `alter table "star_award" add constraint "star_award_status_check" check ("status" in ('PUBLICIZING', 'AWARDED', 'WITHHELD'));`,
    );

    this.addSql(
      `alter table "volunteer_record_note" add constraint "volunteer_record_note_profile_id_foreign" foreign key ("profile_id") references "volunteer_profile" ("id");`,
    );
    this.addSql(
      `alter table "volunteer_record_note" add constraint "volunteer_record_note_recorded_by_id_foreign" foreign key ("recorded_by_id") references "app_user" ("id");`,
    );
    this.addSql(
      `alter table "volunteer_record_note" add constraint "volunteer_record_note_hours" check (hours is null or (hours > 0 and hours <= 1000));`,
    );
    this.addSql(
      `alter table "volunteer_record_note" add constraint "volunteer_record_note_kind_check" check ("kind" in ('TRAINING', 'AWARD', 'EVALUATION'));`,
    );

    this.addSql(
      `alter table "volunteer_served_area" add constraint "volunteer_served_area_profile_id_foreign" foreign key ("profile_id") references "volunteer_profile" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "volunteer_served_area" add constraint "volunteer_served_area_area_id_foreign" foreign key ("area_id") references "area" ("id");`,
    );

    this.addSql(
      `alter table "activity" add constraint "activity_area_id_foreign" foreign key ("area_id") references "area" ("id");`,
    );
    this.addSql(
      `alter table "activity" add constraint "activity_team_id_foreign" foreign key ("team_id") references "team" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "activity" add constraint "activity_need_id_foreign" foreign key ("need_id") references "need" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "activity" add constraint "activity_project_id_foreign" foreign key ("project_id") references "project" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "activity" add constraint "activity_resolution_id_foreign" foreign key ("resolution_id") references "resolution" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "activity" add constraint "activity_created_by_id_foreign" foreign key ("created_by_id") references "app_user" ("id");`,
    );
    this.addSql(
      `alter table "activity" add constraint "activity_status_check" check ("status" in ('PUBLISHED', 'CANCELLED'));`,
    );

    this.addSql(
      `alter table "shift" add constraint "shift_activity_id_foreign" foreign key ("activity_id") references "activity" ("id");`,
    );
    this.addSql(`alter table "shift" add constraint "shift_waitlist_count" check (waitlist_count >= 0);`);
    this.addSql(
      `alter table "shift" add constraint "shift_within_capacity" check (signed_up_count >= 0 and signed_up_count <= capacity);`,
    );
    this.addSql(`alter table "shift" add constraint "shift_capacity_range" check (capacity >= 1 and capacity <= 500);`);
    this.addSql(`alter table "shift" add constraint "shift_times" check (ends_at > starts_at);`);

    this.addSql(
      `alter table "shift_signup" add constraint "shift_signup_shift_id_foreign" foreign key ("shift_id") references "shift" ("id");`,
    );
    this.addSql(
      `alter table "shift_signup" add constraint "shift_signup_activity_id_foreign" foreign key ("activity_id") references "activity" ("id");`,
    );
    this.addSql(
      `alter table "shift_signup" add constraint "shift_signup_volunteer_id_foreign" foreign key ("volunteer_id") references "app_user" ("id");`,
    );
    this.addSql(
      `alter table "shift_signup" add constraint "shift_signup_verified_by_id_foreign" foreign key ("verified_by_id") references "app_user" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "shift_signup" add constraint "shift_signup_minutes" check ((recorded_minutes is null or recorded_minutes >= 0) and (verified_minutes is null or verified_minutes >= 0));`,
    );
    this.addSql(
      `alter table "shift_signup" add constraint "shift_signup_status_check" check ("status" in ('SIGNED_UP', 'WAITLISTED', 'CANCELLED', 'CHECKED_IN', 'CHECKED_OUT', 'VERIFIED', 'NO_SHOW'));`,
    );
    this.addSql(
      `alter table "shift_signup" add constraint "shift_signup_cancel_reason_check" check ("cancel_reason" in ('BY_VOLUNTEER', 'PROMOTION_EXPIRED', 'ACTIVITY_CANCELLED'));`,
    );

    this.addSql(
      `alter table "shift_check_in" add constraint "shift_check_in_signup_id_foreign" foreign key ("signup_id") references "shift_signup" ("id");`,
    );
    this.addSql(
      `alter table "shift_check_in" add constraint "shift_check_in_activity_id_foreign" foreign key ("activity_id") references "activity" ("id");`,
    );
    this.addSql(
      `alter table "shift_check_in" add constraint "shift_check_in_volunteer_id_foreign" foreign key ("volunteer_id") references "app_user" ("id");`,
    );
    this.addSql(
      `alter table "shift_check_in" add constraint "shift_check_in_checked_in_by_id_foreign" foreign key ("checked_in_by_id") references "app_user" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "shift_check_in" add constraint "shift_check_in_checked_out_by_id_foreign" foreign key ("checked_out_by_id") references "app_user" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "shift_check_in" add constraint "shift_check_in_order" check (checked_out_at is null or checked_out_at >= checked_in_at);`,
    );
    this.addSql(
      `alter table "shift_check_in" add constraint "shift_check_in_check_in_method_check" check ("check_in_method" in ('CODE', 'ORGANISER', 'PAPER'));`,
    );
    this.addSql(
      `alter table "shift_check_in" add constraint "shift_check_in_check_out_method_check" check ("check_out_method" in ('CODE', 'ORGANISER', 'PAPER'));`,
    );

    this.addSql(
      `alter table "service_record_entry" add constraint "service_record_entry_signup_id_foreign" foreign key ("signup_id") references "shift_signup" ("id");`,
    );
    this.addSql(
      `alter table "service_record_entry" add constraint "service_record_entry_volunteer_id_foreign" foreign key ("volunteer_id") references "app_user" ("id");`,
    );
    this.addSql(
      `alter table "service_record_entry" add constraint "service_record_entry_actor_id_foreign" foreign key ("actor_id") references "app_user" ("id");`,
    );
    this.addSql(
      `alter table "service_record_entry" add constraint "service_record_entry_minutes" check (minutes >= 0);`,
    );
    this.addSql(
      `alter table "service_record_entry" add constraint "service_record_entry_kind_check" check ("kind" in ('RECORDED', 'CLOSED_BY_ORGANISER', 'PAPER_RECORDED', 'VERIFIED', 'CORRECTED', 'CORRECTION_ACCEPTED'));`,
    );

    this.addSql(
      `alter table "correction_request" add constraint "correction_request_signup_id_foreign" foreign key ("signup_id") references "shift_signup" ("id");`,
    );
    this.addSql(
      `alter table "correction_request" add constraint "correction_request_volunteer_id_foreign" foreign key ("volunteer_id") references "app_user" ("id");`,
    );
    this.addSql(
      `alter table "correction_request" add constraint "correction_request_answered_by_id_foreign" foreign key ("answered_by_id") references "app_user" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "correction_request" add constraint "correction_request_minutes" check (requested_minutes >= 0 and minutes_before >= 0);`,
    );
    this.addSql(
      `alter table "correction_request" add constraint "correction_request_status_check" check ("status" in ('OPEN', 'ACCEPTED', 'REJECTED'));`,
    );

    this.addSql(
      `alter table "check_in_code_use" add constraint "check_in_code_use_shift_id_foreign" foreign key ("shift_id") references "shift" ("id");`,
    );
    this.addSql(
      `alter table "check_in_code_use" add constraint "check_in_code_use_volunteer_id_foreign" foreign key ("volunteer_id") references "app_user" ("id");`,
    );

    this.addSql(
      `alter table "activity_photo" add constraint "activity_photo_activity_id_foreign" foreign key ("activity_id") references "activity" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "activity_photo" add constraint "activity_photo_uploaded_by_id_foreign" foreign key ("uploaded_by_id") references "app_user" ("id");`,
    );

    // 志愿者编号 ZY<year><6 digits>: one sequence, so concurrent sign-ups never collide.
    this.addSql(`create sequence "volunteer_number_seq";`);
    // Records are append-only: the database itself refuses to change or delete an entry (platform/append-only.ts).
    this.addSql(
      `create or replace function "volunteer_record_note_append_only_fn"() returns trigger as $$ begin raise exception 'append-only: rows are never changed or deleted' using errcode = 'restrict_violation'; end; $$ language plpgsql;`,
    );
    this.addSql(
      `create trigger "append_only" BEFORE UPDATE OR DELETE on "volunteer_record_note" for each ROW execute function "volunteer_record_note_append_only_fn"();`,
    );
    this.addSql(
      `create or replace function "service_record_entry_append_only_fn"() returns trigger as $$ begin raise exception 'append-only: rows are never changed or deleted' using errcode = 'restrict_violation'; end; $$ language plpgsql;`,
    );
    this.addSql(
      `create trigger "append_only" BEFORE UPDATE OR DELETE on "service_record_entry" for each ROW execute function "service_record_entry_append_only_fn"();`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop sequence if exists "volunteer_number_seq";`);
    this.addSql(`drop trigger if exists "append_only" on "service_record_entry";`);
    this.addSql(`drop function if exists "service_record_entry_append_only_fn"();`);
    this.addSql(`drop trigger if exists "append_only" on "volunteer_record_note";`);
    this.addSql(`drop function if exists "volunteer_record_note_append_only_fn"();`);
    this.addSql(`alter table "team_membership" drop constraint "team_membership_team_id_foreign";`);
    this.addSql(`alter table "activity" drop constraint "activity_team_id_foreign";`);
    this.addSql(`alter table "star_award" drop constraint "star_award_profile_id_foreign";`);
    this.addSql(`alter table "volunteer_record_note" drop constraint "volunteer_record_note_profile_id_foreign";`);
    this.addSql(`alter table "volunteer_served_area" drop constraint "volunteer_served_area_profile_id_foreign";`);
    this.addSql(`alter table "shift" drop constraint "shift_activity_id_foreign";`);
    this.addSql(`alter table "shift_signup" drop constraint "shift_signup_activity_id_foreign";`);
    this.addSql(`alter table "shift_check_in" drop constraint "shift_check_in_activity_id_foreign";`);
    this.addSql(`alter table "activity_photo" drop constraint "activity_photo_activity_id_foreign";`);
    this.addSql(`alter table "shift_signup" drop constraint "shift_signup_shift_id_foreign";`);
    this.addSql(`alter table "check_in_code_use" drop constraint "check_in_code_use_shift_id_foreign";`);
    this.addSql(`alter table "shift_check_in" drop constraint "shift_check_in_signup_id_foreign";`);
    this.addSql(`alter table "service_record_entry" drop constraint "service_record_entry_signup_id_foreign";`);
    this.addSql(`alter table "correction_request" drop constraint "correction_request_signup_id_foreign";`);

    this.addSql(`drop table if exists "team" cascade;`);
    this.addSql(`drop table if exists "team_membership" cascade;`);
    this.addSql(`drop table if exists "certificate" cascade;`);
    this.addSql(`drop table if exists "volunteer_profile" cascade;`);
    this.addSql(`drop table if exists "star_award" cascade;`);
    this.addSql(`drop table if exists "volunteer_record_note" cascade;`);
    this.addSql(`drop table if exists "volunteer_served_area" cascade;`);
    this.addSql(`drop table if exists "activity" cascade;`);
    this.addSql(`drop table if exists "shift" cascade;`);
    this.addSql(`drop table if exists "shift_signup" cascade;`);
    this.addSql(`drop table if exists "shift_check_in" cascade;`);
    this.addSql(`drop table if exists "service_record_entry" cascade;`);
    this.addSql(`drop table if exists "correction_request" cascade;`);
    this.addSql(`drop table if exists "check_in_code_use" cascade;`);
    this.addSql(`drop table if exists "activity_photo" cascade;`);

    this.addSql(`alter table "app_user" drop column "birth_date";`);

    this.addSql(`alter table "notification" drop constraint "notification_kind_check";`);
    this.addSql(
      `alter table "notification" add constraint "notification_kind_check" check ("kind" in ('NEED_RAISED', 'NEED_ACCEPTED', 'NEED_ASSIGNED', 'NEED_ASSIGNED_TO_YOU', 'NEED_RESOLVED', 'NEED_REOPENED', 'NEED_REJECTED', 'NEED_AUTO_CLOSED', 'NEED_DUE_SOON', 'NEED_OVERDUE', 'NEED_ESCALATED_TO_YOU', 'REPORT_IN_RECEIVED', 'REPORT_IN_ACCEPTED', 'REPORT_IN_DECLINED', 'UNIT_REPRESENTATIVE_ADDED', 'PLEDGE_REQUESTED', 'PLEDGE_MADE', 'PLEDGE_SETTLED', 'PLEDGE_WITHDRAWN', 'PLEDGE_OVERDUE', 'COMMITTEE_MEMBER_ADDED', 'TOPIC_PROPOSED', 'TOPIC_ADMITTED', 'TOPIC_DECLINED', 'MEETING_SCHEDULED', 'VOTE_OPENED', 'RESULT_PUBLISHED', 'OBJECTION_LODGED', 'OBJECTION_ANSWERED', 'RESOLUTION_ASSIGNED', 'RESOLUTION_OVERDUE'));`,
    );
  }
}
