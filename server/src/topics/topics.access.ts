import { Role } from '../platform/auth/roles.js';
import { anyOf, heldIn, heldOver } from '../platform/scope.js';

/** Admit, decline and move topics through their stages, set the support threshold: staff and admins over the community. */
export const mayReviewTopics = heldOver([Role.STAFF, Role.ADMIN]);

/** Propose and support topics of a community: its residents (home inside it), and its staff. */
export const mayProposeTopics = anyOf(heldIn([Role.RESIDENT]), mayReviewTopics);
