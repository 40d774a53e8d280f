import type { Feature } from '../media/media.module.js';
import { Household, HouseholdMember } from './household.entity.js';

/** Registered households (户) of buildings: members, owners, floor areas, representatives. */
export const householdsModule: Feature = {
  entities: [Household, HouseholdMember],
};
