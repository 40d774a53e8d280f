import { Migration } from '@mikro-orm/migrations';

export class Migration20261207071348_objection_open_per_author extends Migration {

  override name = 'Migration20261207071348_objection_open_per_author';

  override up(): void | Promise<void> {
    this.addSql(`create unique index "objection_open_per_author_uniq" on "objection" ("vote_id", "author_id") where "answered_at" is null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "objection_open_per_author_uniq";`);
  }

}
