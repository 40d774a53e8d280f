import { Migration } from '@mikro-orm/migrations';

export class Migration20261207042400_offers_area_paths extends Migration {
  override name = 'Migration20261207042400_offers_area_paths';

  override up(): void | Promise<void> {
    this.addSql(`create index "service_area_path_idx" on "service" ("area_path" text_pattern_ops);`);

    this.addSql(`create index "resource_area_path_idx" on "resource_area" ("area_path" text_pattern_ops);`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "resource_area_path_idx";`);

    this.addSql(`drop index "service_area_path_idx";`);
  }
}
