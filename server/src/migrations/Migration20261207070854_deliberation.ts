import { Migration } from '@mikro-orm/migrations';

export class Migration20261207070854_deliberation extends Migration {
  override name = 'Migration20261207070854_deliberation';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "topic_threshold" ("area_id" int not null, "threshold" int not null, "set_by_id" int not null, "updated_at" timestamptz not null, primary key ("area_id"));`,
    );

    this.addSql(
      `create table "topic" ("id" serial primary key, "area_id" int not null, "area_path" varchar(400) not null, "street_id" int not null, "community_id" int null, "grid_id" int null, "title" varchar(100) not null, "description" text not null, "status" text not null default 'PROPOSED', "proposer_id" int not null, "need_id" int null, "template" text not null, "stage" int not null default 0, "supporter_count" int not null default 0, "decline_reason" varchar(500) null, "admitted_at" timestamptz null, "created_at" timestamptz not null, "version" int not null default 1);`,
    );
    this.addSql(`create index "topic_proposer_id_index" on "topic" ("proposer_id");`);
    this.addSql(`create index "topic_need_id_index" on "topic" ("need_id");`);
    this.addSql(`create index "topic_street_status_idx" on "topic" ("street_id", "status", "id");`);
    this.addSql(`create index "topic_community_status_idx" on "topic" ("community_id", "status", "id");`);

    this.addSql(
      `create table "topic_support" ("id" serial primary key, "topic_id" int not null, "user_id" int not null, "created_at" timestamptz not null);`,
    );
    this.addSql(`create index "topic_support_user_id_index" on "topic_support" ("user_id");`);
    this.addSql(
      `alter table "topic_support" add constraint "topic_support_topic_id_user_id_unique" unique ("topic_id", "user_id");`,
    );

    this.addSql(
      `create table "topic_stage_entry" ("id" serial primary key, "topic_id" int not null, "stage" int not null, "note" varchar(500) null, "by_id" int not null, "created_at" timestamptz not null);`,
    );
    this.addSql(`create index "topic_stage_entry_topic_id_index" on "topic_stage_entry" ("topic_id");`);

    this.addSql(
      `create table "household" ("id" serial primary key, "area_id" int not null, "area_path" varchar(400) not null, "street_id" int not null, "community_id" int null, "grid_id" int null, "label" varchar(50) not null, "floor_area" numeric(10,2) null, "representative_id" int null, "created_at" timestamptz not null);`,
    );
    this.addSql(`create index "household_representative_id_index" on "household" ("representative_id");`);
    this.addSql(`alter table "household" add constraint "household_area_id_label_unique" unique ("area_id", "label");`);

    this.addSql(
      `create table "household_member" ("id" serial primary key, "household_id" int not null, "user_id" int not null, "is_owner" boolean not null, "adult" boolean not null default true, "created_at" timestamptz not null);`,
    );
    this.addSql(`create index "household_member_user_id_index" on "household_member" ("user_id");`);
    this.addSql(
      `alter table "household_member" add constraint "household_member_household_id_user_id_unique" unique ("household_id", "user_id");`,
    );

    this.addSql(
      `create table "committee" ("id" serial primary key, "area_id" int not null, "area_path" varchar(400) not null, "street_id" int not null, "community_id" int null, "grid_id" int null, "name" varchar(100) not null, "kind" text not null, "term_start" timestamptz not null, "term_end" timestamptz not null, "created_by_id" int not null, "created_at" timestamptz not null);`,
    );
    this.addSql(`create index "committee_area_path_idx" on "committee" ("area_path" text_pattern_ops);`);

    this.addSql(
      `create table "meeting" ("id" serial primary key, "area_id" int not null, "area_path" varchar(400) not null, "street_id" int not null, "community_id" int null, "grid_id" int null, "title" varchar(100) not null, "kind" text not null, "committee_id" int null, "starts_at" timestamptz not null, "ends_at" timestamptz null, "place" varchar(200) null, "online_url" varchar(500) null, "quorum" double precision null, "minutes" text null, "minutes_published_at" timestamptz null, "cancelled_at" timestamptz null, "check_in_secret" varchar(64) not null, "created_by_id" int not null, "created_at" timestamptz not null, "updated_at" timestamptz not null);`,
    );
    this.addSql(`create index "meeting_committee_id_index" on "meeting" ("committee_id");`);
    this.addSql(`create index "meeting_street_starts_idx" on "meeting" ("street_id", "starts_at", "id");`);
    this.addSql(`create index "meeting_community_starts_idx" on "meeting" ("community_id", "starts_at", "id");`);

    this.addSql(
      `create table "meeting_topic" ("id" serial primary key, "meeting_id" int not null, "topic_id" int not null, "position" int not null);`,
    );
    this.addSql(`create index "meeting_topic_topic_id_index" on "meeting_topic" ("topic_id");`);
    this.addSql(
      `alter table "meeting_topic" add constraint "meeting_topic_meeting_id_topic_id_unique" unique ("meeting_id", "topic_id");`,
    );

    this.addSql(
      `create table "meeting_participant" ("id" serial primary key, "meeting_id" int not null, "user_id" int not null, "role" text not null, "invited" boolean not null, "checked_in_at" timestamptz null, "check_in_method" text null, "checked_in_by_id" int null, "created_at" timestamptz not null);`,
    );
    this.addSql(`create index "meeting_participant_user_id_index" on "meeting_participant" ("user_id");`);
    this.addSql(
      `alter table "meeting_participant" add constraint "meeting_participant_meeting_id_user_id_unique" unique ("meeting_id", "user_id");`,
    );

    this.addSql(
      `create table "committee_member" ("id" serial primary key, "committee_id" int not null, "user_id" int not null, "seat" text not null, "title" varchar(50) not null, "unit_id" int null, "created_at" timestamptz not null);`,
    );
    this.addSql(`create index "committee_member_user_id_index" on "committee_member" ("user_id");`);
    this.addSql(`create index "committee_member_unit_id_index" on "committee_member" ("unit_id");`);
    this.addSql(
      `alter table "committee_member" add constraint "committee_member_committee_id_user_id_unique" unique ("committee_id", "user_id");`,
    );

    this.addSql(
      `create table "vote" ("id" serial primary key, "area_id" int not null, "area_path" varchar(400) not null, "street_id" int not null, "community_id" int null, "grid_id" int null, "title" varchar(200) not null, "description" text null, "meeting_id" int null, "topic_id" int null, "committee_id" int null, "method" text not null, "max_choices" int not null, "threshold" text not null, "electorate" text not null, "rule_preset" text not null, "secret" boolean not null, "quorum" double precision null, "opens_at" timestamptz not null, "closes_at" timestamptz not null, "closed_at" timestamptz null, "eligible_count" int not null, "eligible_area" numeric(14,2) null, "ballots_cast_at_close" int null, "participating_area_at_close" numeric(14,2) null, "outcome" text null, "published_at" timestamptz null, "publicity_ends_at" timestamptz null, "opened_by_id" int not null, "closed_by_id" int null, "created_at" timestamptz not null);`,
    );
    this.addSql(`create index "vote_meeting_id_index" on "vote" ("meeting_id");`);
    this.addSql(`create index "vote_topic_id_index" on "vote" ("topic_id");`);
    this.addSql(
      `create index "vote_published_idx" on "vote" ("area_path" text_pattern_ops, "published_at") where "published_at" is not null;`,
    );
    this.addSql(`create index "vote_open_closes_idx" on "vote" ("closes_at") where "closed_at" is null;`);
    this.addSql(`create index "vote_street_created_idx" on "vote" ("street_id", "created_at", "id");`);
    this.addSql(`create index "vote_community_created_idx" on "vote" ("community_id", "created_at", "id");`);

    this.addSql(
      `create table "resolution" ("id" serial primary key, "area_id" int not null, "area_path" varchar(400) not null, "street_id" int not null, "community_id" int null, "grid_id" int null, "title" varchar(200) not null, "vote_id" int null, "topic_id" int null, "owner_user_id" int null, "owner_unit_id" int null, "due_at" timestamptz not null, "percent" int not null default 0, "status" text not null default 'IN_PROGRESS', "done_at" timestamptz null, "overdue_notice_at" timestamptz null, "project_id" int null, "created_by_id" int not null, "created_at" timestamptz not null, "version" int not null default 1);`,
    );
    this.addSql(`create index "resolution_vote_id_index" on "resolution" ("vote_id");`);
    this.addSql(`create index "resolution_topic_id_index" on "resolution" ("topic_id");`);
    this.addSql(`create index "resolution_owner_user_id_index" on "resolution" ("owner_user_id");`);
    this.addSql(`create index "resolution_owner_unit_id_index" on "resolution" ("owner_unit_id");`);
    this.addSql(`create index "resolution_open_due_idx" on "resolution" ("due_at") where "status" = 'IN_PROGRESS';`);
    this.addSql(
      `create index "resolution_community_created_idx" on "resolution" ("community_id", "created_at", "id");`,
    );

    this.addSql(
      `create table "resolution_update" ("id" serial primary key, "resolution_id" int not null, "percent" int not null, "note" varchar(1000) not null, "author_id" int not null, "created_at" timestamptz not null);`,
    );
    this.addSql(`create index "resolution_update_resolution_id_index" on "resolution_update" ("resolution_id");`);

    this.addSql(
      `create table "resolution_photo" ("id" serial primary key, "update_id" int null, "uploaded_by_id" int not null, "storage_key" varchar(64) not null, "width" int not null, "height" int not null, "bytes" int not null, "created_at" timestamptz not null);`,
    );
    this.addSql(`create index "resolution_photo_update_id_index" on "resolution_photo" ("update_id");`);
    this.addSql(`create index "resolution_photo_uploaded_by_id_index" on "resolution_photo" ("uploaded_by_id");`);
    this.addSql(
      `alter table "resolution_photo" add constraint "resolution_photo_storage_key_unique" unique ("storage_key");`,
    );

    this.addSql(
      `create table "objection" ("id" serial primary key, "vote_id" int not null, "author_id" int not null, "reason" varchar(1000) not null, "answer" varchar(1000) null, "answered_by_id" int null, "answered_at" timestamptz null, "created_at" timestamptz not null);`,
    );
    this.addSql(`create index "objection_vote_id_index" on "objection" ("vote_id");`);
    this.addSql(`create index "objection_author_id_index" on "objection" ("author_id");`);
    this.addSql(`create index "objection_unanswered_idx" on "objection" ("vote_id") where "answered_at" is null;`);

    this.addSql(
      `create table "vote_elector" ("id" serial primary key, "vote_id" int not null, "user_id" int null, "household_id" int null, "floor_area" numeric(10,2) null);`,
    );
    this.addSql(`create index "vote_elector_user_idx" on "vote_elector" ("user_id", "vote_id");`);
    this.addSql(
      `create unique index "vote_elector_household_uniq" on "vote_elector" ("vote_id", "household_id") where "household_id" is not null;`,
    );
    this.addSql(
      `create unique index "vote_elector_user_uniq" on "vote_elector" ("vote_id", "user_id") where "household_id" is null;`,
    );

    this.addSql(
      `create table "ballot" ("id" uuid not null, "vote_id" int not null, "option_ids" int[] not null, "floor_area" numeric(10,2) null, "elector_id" int null, "receipt_hash" varchar(64) null, primary key ("id"));`,
    );
    this.addSql(`create index "ballot_vote_idx" on "ballot" ("vote_id");`);
    this.addSql(`alter table "ballot" add constraint "ballot_receipt_uniq" unique ("vote_id", "receipt_hash");`);

    this.addSql(
      `create table "vote_option" ("id" serial primary key, "vote_id" int not null, "label" varchar(200) not null, "position" int not null, "system_key" varchar(10) null, "count_at_close" int null, "area_at_close" numeric(14,2) null);`,
    );
    this.addSql(
      `alter table "vote_option" add constraint "vote_option_vote_id_position_unique" unique ("vote_id", "position");`,
    );

    this.addSql(
      `create table "vote_participation" ("id" serial primary key, "vote_id" int not null, "elector_id" int not null, "cast_by_id" int not null, "channel" text not null, "recorded_by_id" int null, "cast_at" timestamptz not null);`,
    );
    this.addSql(`create index "vote_participation_cast_by_id_index" on "vote_participation" ("cast_by_id");`);
    this.addSql(`create index "vote_participation_vote_idx" on "vote_participation" ("vote_id", "cast_at");`);
    this.addSql(
      `alter table "vote_participation" add constraint "vote_participation_one_per_elector" unique ("elector_id");`,
    );

    this.addSql(`alter table "notification" drop constraint "notification_kind_check";`);
    this.addSql(
      `alter table "notification" add constraint "notification_kind_check" check ("kind" in ('NEED_RAISED', 'NEED_ACCEPTED', 'NEED_ASSIGNED', 'NEED_ASSIGNED_TO_YOU', 'NEED_RESOLVED', 'NEED_REOPENED', 'NEED_REJECTED', 'NEED_AUTO_CLOSED', 'NEED_DUE_SOON', 'NEED_OVERDUE', 'NEED_ESCALATED_TO_YOU', 'REPORT_IN_RECEIVED', 'REPORT_IN_ACCEPTED', 'REPORT_IN_DECLINED', 'UNIT_REPRESENTATIVE_ADDED', 'PLEDGE_REQUESTED', 'PLEDGE_MADE', 'PLEDGE_SETTLED', 'PLEDGE_WITHDRAWN', 'PLEDGE_OVERDUE', 'COMMITTEE_MEMBER_ADDED', 'TOPIC_PROPOSED', 'TOPIC_ADMITTED', 'TOPIC_DECLINED', 'MEETING_SCHEDULED', 'VOTE_OPENED', 'RESULT_PUBLISHED', 'OBJECTION_LODGED', 'OBJECTION_ANSWERED', 'RESOLUTION_ASSIGNED', 'RESOLUTION_OVERDUE'));`,
    );

    this.addSql(
      `alter table "topic_threshold" add constraint "topic_threshold_area_id_foreign" foreign key ("area_id") references "area" ("id") on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table "topic_threshold" add constraint "topic_threshold_set_by_id_foreign" foreign key ("set_by_id") references "app_user" ("id");`,
    );

    this.addSql(
      `alter table "topic" add constraint "topic_area_id_foreign" foreign key ("area_id") references "area" ("id");`,
    );
    this.addSql(
      `alter table "topic" add constraint "topic_proposer_id_foreign" foreign key ("proposer_id") references "app_user" ("id");`,
    );
    this.addSql(
      `alter table "topic" add constraint "topic_need_id_foreign" foreign key ("need_id") references "need" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "topic" add constraint "topic_status_check" check ("status" in ('PROPOSED', 'ADMITTED', 'SCHEDULED', 'PASSED', 'REJECTED', 'DECLINED'));`,
    );
    this.addSql(
      `alter table "topic" add constraint "topic_template_check" check ("template" in ('RESIDENT_COUNCIL', 'FOUR_DELIBERATIONS_TWO_DISCLOSURES'));`,
    );

    this.addSql(
      `alter table "topic_support" add constraint "topic_support_topic_id_foreign" foreign key ("topic_id") references "topic" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "topic_support" add constraint "topic_support_user_id_foreign" foreign key ("user_id") references "app_user" ("id");`,
    );

    this.addSql(
      `alter table "topic_stage_entry" add constraint "topic_stage_entry_topic_id_foreign" foreign key ("topic_id") references "topic" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "topic_stage_entry" add constraint "topic_stage_entry_by_id_foreign" foreign key ("by_id") references "app_user" ("id");`,
    );

    this.addSql(
      `alter table "household" add constraint "household_area_id_foreign" foreign key ("area_id") references "area" ("id");`,
    );
    this.addSql(
      `alter table "household" add constraint "household_representative_id_foreign" foreign key ("representative_id") references "app_user" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "household" add constraint "household_floor_area_positive" check (floor_area is null or floor_area > 0);`,
    );

    this.addSql(
      `alter table "household_member" add constraint "household_member_household_id_foreign" foreign key ("household_id") references "household" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "household_member" add constraint "household_member_user_id_foreign" foreign key ("user_id") references "app_user" ("id");`,
    );

    this.addSql(
      `alter table "committee" add constraint "committee_area_id_foreign" foreign key ("area_id") references "area" ("id");`,
    );
    this.addSql(
      `alter table "committee" add constraint "committee_created_by_id_foreign" foreign key ("created_by_id") references "app_user" ("id");`,
    );
    this.addSql(
      `alter table "committee" add constraint "committee_kind_check" check ("kind" in ('STREET_WORKING_COMMITTEE', 'COMMUNITY_PARTY_COMMITTEE', 'JOINT_MEETING'));`,
    );

    this.addSql(
      `alter table "meeting" add constraint "meeting_area_id_foreign" foreign key ("area_id") references "area" ("id");`,
    );
    this.addSql(
      `alter table "meeting" add constraint "meeting_committee_id_foreign" foreign key ("committee_id") references "committee" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "meeting" add constraint "meeting_created_by_id_foreign" foreign key ("created_by_id") references "app_user" ("id");`,
    );
    this.addSql(
      `alter table "meeting" add constraint "meeting_kind_check" check ("kind" in ('RESIDENT_COUNCIL', 'GRASSROOTS_PARLIAMENT', 'COMMITTEE', 'JOINT_MEETING', 'HEARING'));`,
    );

    this.addSql(
      `alter table "meeting_topic" add constraint "meeting_topic_meeting_id_foreign" foreign key ("meeting_id") references "meeting" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "meeting_topic" add constraint "meeting_topic_topic_id_foreign" foreign key ("topic_id") references "topic" ("id");`,
    );

    this.addSql(
      `alter table "meeting_participant" add constraint "meeting_participant_meeting_id_foreign" foreign key ("meeting_id") references "meeting" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "meeting_participant" add constraint "meeting_participant_user_id_foreign" foreign key ("user_id") references "app_user" ("id");`,
    );
    this.addSql(
      `alter table "meeting_participant" add constraint "meeting_participant_checked_in_by_id_foreign" foreign key ("checked_in_by_id") references "app_user" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "meeting_participant" add constraint "meeting_participant_role_check" check ("role" in ('RESIDENT', 'HOUSEHOLD_REPRESENTATIVE', 'UNIT_CONTACT', 'COMMITTEE_MEMBER'));`,
    );
    this.addSql(
      `alter table "meeting_participant" add constraint "meeting_participant_check_in_method_check" check ("check_in_method" in ('CODE', 'STAFF'));`,
    );

    this.addSql(
      `alter table "committee_member" add constraint "committee_member_committee_id_foreign" foreign key ("committee_id") references "committee" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "committee_member" add constraint "committee_member_user_id_foreign" foreign key ("user_id") references "app_user" ("id");`,
    );
    this.addSql(
      `alter table "committee_member" add constraint "committee_member_unit_id_foreign" foreign key ("unit_id") references "unit" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "committee_member" add constraint "committee_member_seat_check" check ("seat" in ('STANDING', 'PART_TIME'));`,
    );

    this.addSql(
      `alter table "vote" add constraint "vote_area_id_foreign" foreign key ("area_id") references "area" ("id");`,
    );
    this.addSql(
      `alter table "vote" add constraint "vote_meeting_id_foreign" foreign key ("meeting_id") references "meeting" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "vote" add constraint "vote_topic_id_foreign" foreign key ("topic_id") references "topic" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "vote" add constraint "vote_committee_id_foreign" foreign key ("committee_id") references "committee" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "vote" add constraint "vote_opened_by_id_foreign" foreign key ("opened_by_id") references "app_user" ("id");`,
    );
    this.addSql(
      `alter table "vote" add constraint "vote_closed_by_id_foreign" foreign key ("closed_by_id") references "app_user" ("id") on delete set null;`,
    );
    this.addSql(`alter table "vote" add constraint "vote_window" check (closes_at > opens_at);`);
    this.addSql(
      `alter table "vote" add constraint "vote_quorum_share" check (quorum is null or (quorum > 0 and quorum <= 1));`,
    );
    this.addSql(
      `alter table "vote" add constraint "vote_method_check" check ("method" in ('YES_NO_ABSTAIN', 'SINGLE_CHOICE', 'MULTIPLE_CHOICE'));`,
    );
    this.addSql(
      `alter table "vote" add constraint "vote_threshold_check" check ("threshold" in ('SIMPLE_MAJORITY', 'TWO_THIRDS'));`,
    );
    this.addSql(
      `alter table "vote" add constraint "vote_electorate_check" check ("electorate" in ('PARTICIPANTS', 'COMMITTEE', 'RESIDENTS', 'HOUSEHOLDS', 'OWNERS'));`,
    );
    this.addSql(
      `alter table "vote" add constraint "vote_rule_preset_check" check ("rule_preset" in ('CUSTOM', 'RESIDENTS_MEETING', 'VILLAGERS_MEETING', 'VILLAGER_REPRESENTATIVES', 'OWNERS_ORDINARY', 'OWNERS_MAJOR'));`,
    );
    this.addSql(
      `alter table "vote" add constraint "vote_outcome_check" check ("outcome" in ('PASSED', 'FAILED', 'NO_QUORUM'));`,
    );

    this.addSql(
      `alter table "resolution" add constraint "resolution_area_id_foreign" foreign key ("area_id") references "area" ("id");`,
    );
    this.addSql(
      `alter table "resolution" add constraint "resolution_vote_id_foreign" foreign key ("vote_id") references "vote" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "resolution" add constraint "resolution_topic_id_foreign" foreign key ("topic_id") references "topic" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "resolution" add constraint "resolution_owner_user_id_foreign" foreign key ("owner_user_id") references "app_user" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "resolution" add constraint "resolution_owner_unit_id_foreign" foreign key ("owner_unit_id") references "unit" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "resolution" add constraint "resolution_project_id_foreign" foreign key ("project_id") references "project" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "resolution" add constraint "resolution_created_by_id_foreign" foreign key ("created_by_id") references "app_user" ("id");`,
    );
    this.addSql(
      `alter table "resolution" add constraint "resolution_has_owner" check (owner_user_id is not null or owner_unit_id is not null);`,
    );
    this.addSql(
      `alter table "resolution" add constraint "resolution_percent_range" check (percent between 0 and 100);`,
    );
    this.addSql(
      `alter table "resolution" add constraint "resolution_status_check" check ("status" in ('IN_PROGRESS', 'DONE'));`,
    );

    this.addSql(
      `alter table "resolution_update" add constraint "resolution_update_resolution_id_foreign" foreign key ("resolution_id") references "resolution" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "resolution_update" add constraint "resolution_update_author_id_foreign" foreign key ("author_id") references "app_user" ("id");`,
    );

    this.addSql(
      `alter table "resolution_photo" add constraint "resolution_photo_update_id_foreign" foreign key ("update_id") references "resolution_update" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "resolution_photo" add constraint "resolution_photo_uploaded_by_id_foreign" foreign key ("uploaded_by_id") references "app_user" ("id");`,
    );

    this.addSql(
      `alter table "objection" add constraint "objection_vote_id_foreign" foreign key ("vote_id") references "vote" ("id");`,
    );
    this.addSql(
      `alter table "objection" add constraint "objection_author_id_foreign" foreign key ("author_id") references "app_user" ("id");`,
    );
    this.addSql(
      `alter table "objection" add constraint "objection_answered_by_id_foreign" foreign key ("answered_by_id") references "app_user" ("id") on delete set null;`,
    );

    this.addSql(
      `alter table "vote_elector" add constraint "vote_elector_vote_id_foreign" foreign key ("vote_id") references "vote" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "vote_elector" add constraint "vote_elector_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "vote_elector" add constraint "vote_elector_household_id_foreign" foreign key ("household_id") references "household" ("id") on delete set null;`,
    );

    this.addSql(
      `alter table "ballot" add constraint "ballot_vote_id_foreign" foreign key ("vote_id") references "vote" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "ballot" add constraint "ballot_elector_id_foreign" foreign key ("elector_id") references "vote_elector" ("id") on delete set null;`,
    );

    this.addSql(
      `alter table "vote_option" add constraint "vote_option_vote_id_foreign" foreign key ("vote_id") references "vote" ("id") on delete cascade;`,
    );

    this.addSql(
      `alter table "vote_participation" add constraint "vote_participation_vote_id_foreign" foreign key ("vote_id") references "vote" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "vote_participation" add constraint "vote_participation_elector_id_foreign" foreign key ("elector_id") references "vote_elector" ("id") on delete cascade;`,
    );
    this.addSql(
      `alter table "vote_participation" add constraint "vote_participation_cast_by_id_foreign" foreign key ("cast_by_id") references "app_user" ("id");`,
    );
    this.addSql(
      `alter table "vote_participation" add constraint "vote_participation_recorded_by_id_foreign" foreign key ("recorded_by_id") references "app_user" ("id") on delete set null;`,
    );
    this.addSql(
      `alter table "vote_participation" add constraint "vote_participation_channel_check" check ("channel" in ('ONLINE', 'PAPER'));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "topic_support" drop constraint "topic_support_topic_id_foreign";`);
    this.addSql(`alter table "topic_stage_entry" drop constraint "topic_stage_entry_topic_id_foreign";`);
    this.addSql(`alter table "meeting_topic" drop constraint "meeting_topic_topic_id_foreign";`);
    this.addSql(`alter table "vote" drop constraint "vote_topic_id_foreign";`);
    this.addSql(`alter table "resolution" drop constraint "resolution_topic_id_foreign";`);
    this.addSql(`alter table "household_member" drop constraint "household_member_household_id_foreign";`);
    this.addSql(`alter table "vote_elector" drop constraint "vote_elector_household_id_foreign";`);
    this.addSql(`alter table "meeting" drop constraint "meeting_committee_id_foreign";`);
    this.addSql(`alter table "committee_member" drop constraint "committee_member_committee_id_foreign";`);
    this.addSql(`alter table "vote" drop constraint "vote_committee_id_foreign";`);
    this.addSql(`alter table "meeting_topic" drop constraint "meeting_topic_meeting_id_foreign";`);
    this.addSql(`alter table "meeting_participant" drop constraint "meeting_participant_meeting_id_foreign";`);
    this.addSql(`alter table "vote" drop constraint "vote_meeting_id_foreign";`);
    this.addSql(`alter table "resolution" drop constraint "resolution_vote_id_foreign";`);
    this.addSql(`alter table "objection" drop constraint "objection_vote_id_foreign";`);
    this.addSql(`alter table "vote_elector" drop constraint "vote_elector_vote_id_foreign";`);
    this.addSql(`alter table "ballot" drop constraint "ballot_vote_id_foreign";`);
    this.addSql(`alter table "vote_option" drop constraint "vote_option_vote_id_foreign";`);
    this.addSql(`alter table "vote_participation" drop constraint "vote_participation_vote_id_foreign";`);
    this.addSql(`alter table "resolution_update" drop constraint "resolution_update_resolution_id_foreign";`);
    this.addSql(`alter table "resolution_photo" drop constraint "resolution_photo_update_id_foreign";`);
    this.addSql(`alter table "ballot" drop constraint "ballot_elector_id_foreign";`);
    this.addSql(`alter table "vote_participation" drop constraint "vote_participation_elector_id_foreign";`);

    this.addSql(`drop table if exists "topic_threshold" cascade;`);
    this.addSql(`drop table if exists "topic" cascade;`);
    this.addSql(`drop table if exists "topic_support" cascade;`);
    this.addSql(`drop table if exists "topic_stage_entry" cascade;`);
    this.addSql(`drop table if exists "household" cascade;`);
    this.addSql(`drop table if exists "household_member" cascade;`);
    this.addSql(`drop table if exists "committee" cascade;`);
    this.addSql(`drop table if exists "meeting" cascade;`);
    this.addSql(`drop table if exists "meeting_topic" cascade;`);
    this.addSql(`drop table if exists "meeting_participant" cascade;`);
    this.addSql(`drop table if exists "committee_member" cascade;`);
    this.addSql(`drop table if exists "vote" cascade;`);
    this.addSql(`drop table if exists "resolution" cascade;`);
    this.addSql(`drop table if exists "resolution_update" cascade;`);
    this.addSql(`drop table if exists "resolution_photo" cascade;`);
    this.addSql(`drop table if exists "objection" cascade;`);
    this.addSql(`drop table if exists "vote_elector" cascade;`);
    this.addSql(`drop table if exists "ballot" cascade;`);
    this.addSql(`drop table if exists "vote_option" cascade;`);
    this.addSql(`drop table if exists "vote_participation" cascade;`);

    this.addSql(`alter table "notification" drop constraint "notification_kind_check";`);
    this.addSql(
      `alter table "notification" add constraint "notification_kind_check" check ("kind" in ('NEED_RAISED', 'NEED_ACCEPTED', 'NEED_ASSIGNED', 'NEED_ASSIGNED_TO_YOU', 'NEED_RESOLVED', 'NEED_REOPENED', 'NEED_REJECTED', 'NEED_AUTO_CLOSED', 'NEED_DUE_SOON', 'NEED_OVERDUE', 'NEED_ESCALATED_TO_YOU', 'REPORT_IN_RECEIVED', 'REPORT_IN_ACCEPTED', 'REPORT_IN_DECLINED', 'UNIT_REPRESENTATIVE_ADDED', 'PLEDGE_REQUESTED', 'PLEDGE_MADE', 'PLEDGE_SETTLED', 'PLEDGE_WITHDRAWN', 'PLEDGE_OVERDUE'));`,
    );
  }
}
