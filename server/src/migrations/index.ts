import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261207133704_need_rollups } from './Migration20261207133704_need_rollups.js';
import { Migration20261207110603_volunteer_rollups } from './Migration20261207110603_volunteer_rollups.js';
import { Migration20261207111313_activity_job_indexes } from './Migration20261207111313_activity_job_indexes.js';
import { Migration20261207101408_volunteering } from './Migration20261207101408_volunteering.js';
import { Migration20261207082957_vote_quorum_numeric } from './Migration20261207082957_vote_quorum_numeric.js';
import { Migration20261207071856_committee_role_granted } from './Migration20261207071856_committee_role_granted.js';
import { Migration20261207072703_board_objections_resolution_percent } from './Migration20261207072703_board_objections_resolution_percent.js';
import { Migration20261207070854_deliberation } from './Migration20261207070854_deliberation.js';
import { Migration20261207044402_pledge_unit_score_index } from './Migration20261207044402_pledge_unit_score_index.js';
import { Migration20261207042400_offers_area_paths } from './Migration20261207042400_offers_area_paths.js';
import { Migration20261207040740_pledge_overdue_notice } from './Migration20261207040740_pledge_overdue_notice.js';
import { Migration20261207040142_units } from './Migration20261207040142_units.js';
import { Migration20261207014608_need_photo_stage } from './Migration20261207014608_need_photo_stage.js';
import { Migration20261207014450_sign_in_code } from './Migration20261207014450_sign_in_code.js';
import { Migration20261207014802_outbox_notifications } from './Migration20261207014802_outbox_notifications.js';
import { Migration20261202020945_idempotency_key } from './Migration20261202020945_idempotency_key.js';
import { Migration20261202005132_rate_limit_window } from './Migration20261202005132_rate_limit_window.js';
import { Migration20261130103705_need_auto_close_index } from './Migration20261130103705_need_auto_close_index.js';
import { Migration20261130102121_need_stats_indexes } from './Migration20261130102121_need_stats_indexes.js';
import { Migration20261130100845_needs } from './Migration20261130100845_needs.js';
import { Migration20261130093811_initial } from './Migration20261130093811_initial.js';

/** Committed migrations in order; `npm run migration:create` adds new ones here. */
export const migrations: MigrationObject[] = [
  { name: 'Migration20261130093811_initial', class: Migration20261130093811_initial },
  { name: 'Migration20261130100845_needs', class: Migration20261130100845_needs },
  { name: 'Migration20261130102121_need_stats_indexes', class: Migration20261130102121_need_stats_indexes },
  { name: 'Migration20261130103705_need_auto_close_index', class: Migration20261130103705_need_auto_close_index },
  { name: 'Migration20261202005132_rate_limit_window', class: Migration20261202005132_rate_limit_window },
  { name: 'Migration20261202020945_idempotency_key', class: Migration20261202020945_idempotency_key },
  { name: 'Migration20261207014450_sign_in_code', class: Migration20261207014450_sign_in_code },
  { name: 'Migration20261207014608_need_photo_stage', class: Migration20261207014608_need_photo_stage },
  { name: 'Migration20261207014802_outbox_notifications', class: Migration20261207014802_outbox_notifications },
  { name: 'Migration20261207040142_units', class: Migration20261207040142_units },
  { name: 'Migration20261207040740_pledge_overdue_notice', class: Migration20261207040740_pledge_overdue_notice },
  { name: 'Migration20261207042400_offers_area_paths', class: Migration20261207042400_offers_area_paths },
  { name: 'Migration20261207044402_pledge_unit_score_index', class: Migration20261207044402_pledge_unit_score_index },
  { name: 'Migration20261207070854_deliberation', class: Migration20261207070854_deliberation },
  { name: 'Migration20261207071856_committee_role_granted', class: Migration20261207071856_committee_role_granted },
  {
    name: 'Migration20261207072703_board_objections_resolution_percent',
    class: Migration20261207072703_board_objections_resolution_percent,
  },
  { name: 'Migration20261207082957_vote_quorum_numeric', class: Migration20261207082957_vote_quorum_numeric },
  { name: 'Migration20261207101408_volunteering', class: Migration20261207101408_volunteering },
  { name: 'Migration20261207110603_volunteer_rollups', class: Migration20261207110603_volunteer_rollups },
  { name: 'Migration20261207111313_activity_job_indexes', class: Migration20261207111313_activity_job_indexes },
  { name: 'Migration20261207133704_need_rollups', class: Migration20261207133704_need_rollups },
];
