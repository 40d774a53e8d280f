import type { Feature } from '../media/media.module.js';
import { Household, HouseholdMember } from './household.entity.js';
import { HOUSEHOLD_AUDIT_READING, HouseholdAuditAction, HouseholdAuditTarget } from './households.audit.js';
import { HouseholdMemberResolver, HouseholdsResolver } from './households.resolver.js';

/** Registered households (户) of buildings: members, owners, floor areas, representatives. */
export const householdsModule: Feature = {
  entities: [Household, HouseholdMember],
  resolvers: [HouseholdsResolver, HouseholdMemberResolver],
  auditVocabulary: {
    prefix: 'HOUSEHOLD',
    actions: HouseholdAuditAction,
    targets: HouseholdAuditTarget,
    reading: HOUSEHOLD_AUDIT_READING,
  },
};
