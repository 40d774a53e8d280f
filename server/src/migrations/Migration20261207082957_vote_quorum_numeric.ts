import { Migration } from '@mikro-orm/migrations';

export class Migration20261207082957_vote_quorum_numeric extends Migration {
  override name = 'Migration20261207082957_vote_quorum_numeric';

  override up(): void | Promise<void> {
    // The check is written again so that PostgreSQL keeps it over numeric, not over a cast to double.
    this.addSql(`alter table "vote" drop constraint "vote_quorum_share";`);
    this.addSql(`alter table "vote" alter column "quorum" type numeric(4,3) using ("quorum"::numeric(4,3));`);
    this.addSql(
      `alter table "vote" add constraint "vote_quorum_share" check (quorum is null or (quorum > 0 and quorum <= 1));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "vote" drop constraint "vote_quorum_share";`);
    this.addSql(`alter table "vote" alter column "quorum" type double precision using ("quorum"::double precision);`);
    this.addSql(
      `alter table "vote" add constraint "vote_quorum_share" check (quorum is null or (quorum > 0 and quorum <= 1));`,
    );
  }
}
