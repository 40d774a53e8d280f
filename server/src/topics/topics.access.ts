import { Role } from '../platform/auth/roles.js';
import { anyOf, heldOver, idsOnPath, type AreaRule } from '../platform/scope.js';

/** Admit, decline and move topics through their stages, set the support threshold: staff and admins over the community. */
export const mayReviewTopics = heldOver([Role.STAFF, Role.ADMIN]);

/**
 * The community (or village) an area lies in, as a path; null for a street. Communities stand
 * right under streets (areas.rules.ts), so it is the path's first two ids.
 */
export function communityPathOfPath(path: string): string | null {
  const ids = idsOnPath(path);
  return ids.length >= 2 ? `/${ids[0]}/${ids[1]}/` : null;
}

/**
 * RESIDENT held anywhere in the community the area lies in (residents hold it on their
 * building): their own community and what lies inside it. Not the street above it — a
 * resident proposes for their community, so reporting the capability on the street (or a
 * neighbouring community) would offer what proposeTopic refuses.
 */
const residentOfTheCommunity: AreaRule = (viewer, area) => {
  const community = communityPathOfPath(area.path);
  return community !== null && viewer.hasRoleIn([Role.RESIDENT], community);
};

/** Propose and support topics of a community: its residents (home inside it), and its staff. */
export const mayProposeTopics = anyOf(residentOfTheCommunity, mayReviewTopics);
