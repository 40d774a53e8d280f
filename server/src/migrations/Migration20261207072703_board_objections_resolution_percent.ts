import { Migration } from '@mikro-orm/migrations';

export class Migration20261207072703_board_objections_resolution_percent extends Migration {
  override name = 'Migration20261207072703_board_objections_resolution_percent';

  override up(): void | Promise<void> {
    this.addSql(`alter table "resolution" drop constraint "resolution_percent_range";`);
    this.addSql(
      `alter table "resolution" add constraint "resolution_percent_range" check (percent >= 0 and percent <= 100);`,
    );

    this.addSql(
      `create unique index "objection_open_per_author_uniq" on "objection" ("vote_id", "author_id") where "answered_at" is null;`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "objection_open_per_author_uniq";`);

    this.addSql(`alter table "resolution" drop constraint "resolution_percent_range";`);
    this.addSql(
      `alter table "resolution" add constraint "resolution_percent_range" check (percent between 0 and 100);`,
    );
  }
}
