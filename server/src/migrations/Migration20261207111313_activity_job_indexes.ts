import { Migration } from '@mikro-orm/migrations';

export class Migration20261207111313_activity_job_indexes extends Migration {
  override name = 'Migration20261207111313_activity_job_indexes';

  override up(): void | Promise<void> {
    this.addSql(
      `create index "shift_signup_signed_up_idx" on "shift_signup" ("shift_id") where "status" = 'SIGNED_UP';`,
    );
    this.addSql(
      `create index "shift_signup_promotion_hold_idx" on "shift_signup" ("confirm_by") where "status" = 'SIGNED_UP' and "confirmed_at" is null and "confirm_by" is not null;`,
    );
  }

  override down(): void | Promise<void> {
    this.addSql(`drop index "shift_signup_signed_up_idx";`);
    this.addSql(`drop index "shift_signup_promotion_hold_idx";`);
  }
}
