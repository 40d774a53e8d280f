// Plain constants with no imports: the server validates with them and the web app imports them
// for its fields, so a limit is written once. They match the columns of household.entity.ts.

export const HOUSEHOLD_LABEL_MAX = 50;
/**
 * Exclusive floor area in m²: above any flat's, so a slip (15000 for 150.00) is refused rather
 * than outweighing a building in an owners' vote.
 */
export const HOUSEHOLD_FLOOR_AREA_MAX = 5000;
export const HOUSEHOLD_SEARCH_MAX = 50;

/** Staff entering a building's households in an afternoon stay far below it. */
export const HOUSEHOLD_REGISTER_RATE_LIMIT = {
  name: 'household.register',
  per: 'person',
  limit: 600,
  windowSeconds: 3600,
} as const;
