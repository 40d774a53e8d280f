import { Migration } from '@mikro-orm/migrations';

export class Migration20261207110603_volunteer_rollups extends Migration {
  override name = 'Migration20261207110603_volunteer_rollups';

  override up(): void | Promise<void> {
    this.addSql(
      `create table "team_hours_rollup" ("area_id" int not null, "period" int not null, "team_id" int not null, "user_id" int not null, "minutes" int not null, primary key ("area_id", "period", "team_id", "user_id"));`,
    );

    this.addSql(
      `create table "volunteer_hours_rollup" ("area_id" int not null, "period" int not null, "user_id" int not null, "minutes" int not null, "activity_count" int not null, primary key ("area_id", "period", "user_id"));`,
    );
    this.addSql(
      `create index "volunteer_hours_rollup_rank_idx" on "volunteer_hours_rollup" ("area_id", "period", "minutes" desc, "user_id");`,
    );

    this.addSql(
      `create table "volunteer_rollup_count" ("area_id" int not null, "period" int not null, "volunteers" int not null, primary key ("area_id", "period"));`,
    );

    this.addSql(`create index "correction_request_signup_id_index" on "correction_request" ("signup_id");`);

    this.addSql(`alter table "team_hours_rollup" add constraint "team_hours_rollup_minutes" check (minutes >= 0);`);

    this.addSql(
      `alter table "volunteer_hours_rollup" add constraint "volunteer_hours_rollup_counts" check (minutes >= 0 and activity_count >= 0);`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "team_hours_rollup" cascade;`);
    this.addSql(`drop table if exists "volunteer_hours_rollup" cascade;`);
    this.addSql(`drop table if exists "volunteer_rollup_count" cascade;`);

    this.addSql(`drop index "correction_request_signup_id_index";`);
  }
}
