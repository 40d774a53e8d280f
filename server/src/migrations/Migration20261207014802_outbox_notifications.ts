import { Migration } from '@mikro-orm/migrations';

export class Migration20261207014802_outbox_notifications extends Migration {
  override name = 'Migration20261207014802_outbox_notifications';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "need_deadline_notice" ("need_id" int not null, "step" varchar(10) not null, "due_at" timestamptz not null, primary key ("need_id", "step", "due_at"));`,
    );

    this.addSql(
      `create table "outbox_message" ("id" serial primary key, "channel" varchar(20) not null, "recipient" varchar(100) not null, "template" varchar(60) not null, "params" jsonb not null, "status" text not null default 'PENDING', "attempts" int not null default 0, "not_before" timestamptz not null, "claim_token" uuid null, "claimed_by" varchar(100) null, "last_error" varchar(500) null, "created_at" timestamptz not null, "sent_at" timestamptz null);`,
    );
    this.addSql(
      `create index "outbox_message_recipient_template_id_index" on "outbox_message" ("recipient", "template", "id");`,
    );
    this.addSql(`create index "outbox_message_sent_idx" on "outbox_message" ("sent_at") where "status" = 'SENT';`);
    this.addSql(
      `create index "outbox_message_due_idx" on "outbox_message" ("not_before", "id") where "status" in ('PENDING', 'SENDING');`,
    );

    this.addSql(
      `create table "notification_preference" ("user_id" int not null, "sms_kinds" varchar(40)[] not null, "quiet_from" varchar(5) null, "quiet_to" varchar(5) null, "updated_at" timestamptz not null, primary key ("user_id"));`,
    );

    this.addSql(
      `create table "notification" ("id" serial primary key, "recipient_id" int not null, "kind" text not null, "subject_type" varchar(40) null, "subject_id" int null, "params" jsonb not null, "read_at" timestamptz null, "created_at" timestamptz not null, "dedupe_key" varchar(200) null);`,
    );
    this.addSql(
      `create index "notification_unread_idx" on "notification" ("recipient_id", "id") where "read_at" is null;`,
    );
    this.addSql(`create index "notification_recipient_id_id_index" on "notification" ("recipient_id", "id");`);
    this.addSql(
      `alter table "notification" add constraint "notification_recipient_id_dedupe_key_unique" unique ("recipient_id", "dedupe_key");`,
    );

    this.addSql(
      `alter table "outbox_message" add constraint "outbox_message_status_check" check ("status" in ('PENDING', 'SENDING', 'SENT', 'DEAD'));`,
    );

    this.addSql(
      `alter table "notification_preference" add constraint "notification_preference_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table "notification" add constraint "notification_recipient_id_foreign" foreign key ("recipient_id") references "app_user" ("id");`,
    );
    this.addSql(
      `alter table "notification" add constraint "notification_kind_check" check ("kind" in ('NEED_RAISED', 'NEED_ACCEPTED', 'NEED_ASSIGNED', 'NEED_ASSIGNED_TO_YOU', 'NEED_RESOLVED', 'NEED_REOPENED', 'NEED_REJECTED', 'NEED_AUTO_CLOSED', 'NEED_DUE_SOON', 'NEED_OVERDUE', 'NEED_ESCALATED_TO_YOU'));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "need_deadline_notice" cascade;`);
    this.addSql(`drop table if exists "outbox_message" cascade;`);
    this.addSql(`drop table if exists "notification_preference" cascade;`);
    this.addSql(`drop table if exists "notification" cascade;`);
  }
}
