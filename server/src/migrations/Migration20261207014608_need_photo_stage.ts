import { Migration } from '@mikro-orm/migrations';

export class Migration20261207014608_need_photo_stage extends Migration {
  override name = 'Migration20261207014608_need_photo_stage';

  override up(): void | Promise<void> {
    this.addSql(`alter table "need_photo" add "stage" text not null default 'RAISED';`);
    this.addSql(
      `alter table "need_photo" add constraint "need_photo_stage_check" check ("stage" in ('RAISED', 'BEFORE', 'AFTER'));`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "need_photo" drop constraint "need_photo_stage_check";`);
    this.addSql(`alter table "need_photo" drop column "stage";`);
  }
}
