import { Migration } from '@mikro-orm/migrations';

export class Migration20261207071856_committee_role_granted extends Migration {
  override name = 'Migration20261207071856_committee_role_granted';

  override up(): void | Promise<void> {
    this.addSql(`alter table "committee_member" add "role_granted" boolean not null default false;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "committee_member" drop column "role_granted";`);
  }
}
