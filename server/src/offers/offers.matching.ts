import { NeedCategory } from '../needs/need.enums.js';
import { idsOnPath, isWithin } from '../platform/scope.js';
import { ResourceKind } from './offers.enums.js';

/**
 * Matching (资源对接): which resources and services fit a need or a project, scored 0..1 by a
 * plain function over candidates the database has already narrowed to the place and to what is
 * available now. The words of the reason come from the messages catalogue (offers.messages.ts).
 */

/** The resource kinds that help with a need of each category, the most fitting first. */
export const KINDS_FOR_CATEGORY: Record<NeedCategory, readonly ResourceKind[]> = {
  [NeedCategory.ELDERLY_CARE]: [ResourceKind.SKILL, ResourceKind.LABOR, ResourceKind.VENUE],
  [NeedCategory.CHILD_CARE]: [ResourceKind.VENUE, ResourceKind.SKILL, ResourceKind.LABOR],
  [NeedCategory.DISABILITY]: [ResourceKind.SKILL, ResourceKind.LABOR, ResourceKind.GOODS, ResourceKind.TECHNOLOGY],
  [NeedCategory.REPAIR]: [ResourceKind.LABOR, ResourceKind.SKILL, ResourceKind.GOODS, ResourceKind.FUNDS],
  [NeedCategory.ENVIRONMENT]: [ResourceKind.LABOR, ResourceKind.GOODS, ResourceKind.FUNDS],
  [NeedCategory.SAFETY]: [ResourceKind.LABOR, ResourceKind.SKILL, ResourceKind.TECHNOLOGY, ResourceKind.GOODS],
  [NeedCategory.DISPUTE]: [ResourceKind.SKILL, ResourceKind.POLICY],
  [NeedCategory.EMPLOYMENT]: [ResourceKind.POLICY, ResourceKind.SKILL, ResourceKind.TECHNOLOGY],
  [NeedCategory.HEALTH]: [ResourceKind.SKILL, ResourceKind.GOODS],
  [NeedCategory.EDUCATION]: [ResourceKind.VENUE, ResourceKind.SKILL, ResourceKind.TECHNOLOGY],
  [NeedCategory.CULTURE]: [ResourceKind.VENUE, ResourceKind.SKILL, ResourceKind.FUNDS],
  [NeedCategory.OTHER]: [ResourceKind.LABOR, ResourceKind.SKILL, ResourceKind.GOODS, ResourceKind.FUNDS],
};

/** Categories a standing service (课堂, 巡诊, 陪伴) can answer: care and learning, where a weekly slot helps. */
export const SERVICE_CATEGORIES: readonly NeedCategory[] = [
  NeedCategory.ELDERLY_CARE,
  NeedCategory.CHILD_CARE,
  NeedCategory.DISABILITY,
  NeedCategory.EDUCATION,
  NeedCategory.HEALTH,
  NeedCategory.CULTURE,
];

/** A project takes money, goods and labour first (捐款、捐物、捐工), then the rest. */
export const KINDS_FOR_PROJECT: readonly ResourceKind[] = [
  ResourceKind.FUNDS,
  ResourceKind.GOODS,
  ResourceKind.LABOR,
  ResourceKind.VENUE,
  ResourceKind.SKILL,
  ResourceKind.TECHNOLOGY,
  ResourceKind.POLICY,
];

/** The kinds worth fetching for a need's category (null: a project). */
export const kindsFor = (category: NeedCategory | null): readonly ResourceKind[] =>
  category === null ? KINDS_FOR_PROJECT : KINDS_FOR_CATEGORY[category];

export const servicesFit = (category: NeedCategory | null): boolean =>
  category !== null && SERVICE_CATEGORIES.includes(category);

/**
 * How near what is offered is: it serves the target's grid (or building), its community, its
 * whole street, or it serves somewhere else in the same community.
 */
export enum Proximity {
  GRID = 'GRID',
  COMMUNITY = 'COMMUNITY',
  STREET = 'STREET',
  NEARBY = 'NEARBY',
}

const PROXIMITY_WEIGHT: Record<Proximity, number> = {
  [Proximity.GRID]: 1,
  [Proximity.COMMUNITY]: 0.8,
  [Proximity.STREET]: 0.6,
  [Proximity.NEARBY]: 0.4,
};

/** Depth of each level in an area path: a street is the root. */
const COMMUNITY_DEPTH = 2;

export interface MatchTarget {
  /** Null for a project. */
  category: NeedCategory | null;
  /** The need's or project's area path. */
  areaPath: string;
  /** The path of its community, when it lies in one. */
  communityPath: string | null;
}

export interface MatchCandidate {
  /** A resource's kind, or null for a service. */
  kind: ResourceKind | null;
  /** The paths of the areas it serves (a service: its own area). */
  servedPaths: readonly string[];
  /** Null when not counted (a standing skill, a policy). For a service: places left. */
  remaining: number | null;
  /** The quantity offered (a service: its capacity); null when not counted. */
  quantity: number | null;
  availableFrom?: Date | null;
  availableTo?: Date | null;
  /** Withdrawn or closed. */
  ended?: boolean;
}

export interface MatchScore {
  /** 0..1, higher fits better. */
  score: number;
  proximity: Proximity;
  /** Position of the kind among those that fit the category, 0 the best; null for a service. */
  kindRank: number | null;
}

/** The nearest way any served area reaches the target, or null when none does. */
export function proximityOf(target: Pick<MatchTarget, 'areaPath' | 'communityPath'>, servedPaths: readonly string[]) {
  let best: Proximity | null = null;
  for (const path of servedPaths) {
    let found: Proximity | null = null;
    if (isWithin(target.areaPath, path)) {
      const depth = idsOnPath(path).length;
      found =
        depth > COMMUNITY_DEPTH ? Proximity.GRID : depth === COMMUNITY_DEPTH ? Proximity.COMMUNITY : Proximity.STREET;
    } else if (target.communityPath && isWithin(path, target.communityPath)) {
      found = Proximity.NEARBY;
    }
    if (found && (!best || PROXIMITY_WEIGHT[found] > PROXIMITY_WEIGHT[best])) best = found;
  }
  return best;
}

/**
 * The score of one candidate for a target, or null when it does not fit at all: a kind the
 * category has no use for, nothing left, not available at `now`, or serving elsewhere.
 * Half the score is the fit of the kind, a third the nearness, the rest how much is left.
 */
export function scoreMatch(target: MatchTarget, candidate: MatchCandidate, now: Date): MatchScore | null {
  if (candidate.ended) return null;
  if (candidate.availableFrom && candidate.availableFrom > now) return null;
  if (candidate.availableTo && candidate.availableTo <= now) return null;
  if (candidate.remaining !== null && candidate.remaining <= 0) return null;
  let fit: number;
  let kindRank: number | null = null;
  if (candidate.kind === null) {
    if (!servicesFit(target.category)) return null;
    fit = 0.9;
  } else {
    kindRank = kindsFor(target.category).indexOf(candidate.kind);
    if (kindRank < 0) return null;
    fit = Math.max(0.4, 1 - kindRank * 0.2);
  }
  const proximity = proximityOf(target, candidate.servedPaths);
  if (!proximity) return null;
  const plenty =
    candidate.remaining === null || !candidate.quantity
      ? 1
      : 0.5 + 0.5 * Math.min(1, candidate.remaining / candidate.quantity);
  const score = 0.5 * fit + 0.35 * PROXIMITY_WEIGHT[proximity] + 0.15 * plenty;
  return { score: Math.round(score * 1000) / 1000, proximity, kindRank };
}

/** The best `first`, best first; ties go to the newer offer (the larger id). */
export function rankMatches<T extends { id: number; score: MatchScore }>(scored: readonly T[], first: number): T[] {
  return [...scored].sort((a, b) => b.score.score - a.score.score || b.id - a.id).slice(0, first);
}
