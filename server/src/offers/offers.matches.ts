import type { EntityManager } from '@mikro-orm/postgresql';
import { raw } from '@mikro-orm/postgresql';
import { communityPathOf } from '../areas/area-levels.js';
import { findVisibleNeed, mayHandleNeeds, needNotVisible } from '../needs/needs.access.js';
import type { NeedCategory } from '../needs/need.enums.js';
import type { Viewer } from '../platform/auth/viewer.js';
import type { Context } from '../platform/context.js';
import { forbidden, notFound } from '../platform/errors.js';
import type { Locale } from '../platform/i18n/locale.js';
import { translate } from '../platform/i18n/messages.js';
import { findById } from '../platform/ids.js';
import { Project } from '../projects/project.entity.js';
import { mayManageProjects } from '../projects/projects.access.js';
import { Resource, Service } from './offer.entity.js';
import { mayRequestPledges } from './offers.access.js';
import { MATCHES_DEFAULT } from './offers.limits.js';
import {
  kindsFor,
  rankMatches,
  scoreMatch,
  servicesFit,
  type MatchScore,
  type MatchTarget,
} from './offers.matching.js';
import { pathsAbove } from './offers.resources.js';

/** How many candidates of each sort the database hands to the scoring at most: the nearest fit first anyway. */
const CANDIDATES_MAX = 500;

export interface Match {
  resource: Resource | null;
  service: Service | null;
  score: number;
  reason: string;
}

interface Place {
  areaPath: string;
  streetId: number;
  communityId?: number | null;
}

/** What a need or project is matched as: its category (null for a project) and where it is. */
function targetOf(category: NeedCategory | null, place: Place): MatchTarget & { streetId: number } {
  return {
    category,
    areaPath: place.areaPath,
    // Above the community level (a street's project) "nearby" is its own subtree.
    communityPath:
      communityPathOf({ areaPath: place.areaPath, communityId: place.communityId ?? null }) ?? place.areaPath,
    streetId: place.streetId,
  };
}

const mayAskFor = (viewer: Viewer, path: string) =>
  mayHandleNeeds(viewer, { path }) || mayRequestPledges(viewer, { path });

/** Matches for a need the viewer may see and handle (HANDLE_NEEDS or REQUEST_PLEDGES over its area). */
export async function matchesForNeed(ctx: Context, needId: string, first = MATCHES_DEFAULT): Promise<Match[]> {
  const viewer = ctx.viewer!;
  const need = await findVisibleNeed(ctx.em, viewer, needId);
  if (!need) throw needNotVisible();
  if (!mayAskFor(viewer, need.areaPath)) throw forbidden();
  return findMatches(ctx.em, ctx.locale, targetOf(need.category, need), first, new Date());
}

/** Matches for a project (public) the viewer may run or ask pledges for. */
export async function matchesForProject(ctx: Context, projectId: string, first = MATCHES_DEFAULT): Promise<Match[]> {
  const viewer = ctx.viewer!;
  const project = await findById(ctx.em, Project, projectId);
  if (!project) throw notFound();
  const path = { path: project.areaPath };
  if (!mayRequestPledges(viewer, path) && !mayManageProjects(viewer, path)) throw forbidden();
  return findMatches(ctx.em, ctx.locale, targetOf(null, project), first, new Date());
}

interface ResourceCandidateRow {
  id: number;
  kind: Resource['kind'];
  quantity: number | null;
  pledged: number;
  paths: string[];
}

/**
 * Candidates in two statements (resources by the areas they serve, through the area-path
 * index; services of the place), scored in memory, the best `first` loaded in one more:
 * about 5 ms of SQL for a community's share of 100,000 resources.
 */
export async function findMatches(
  em: EntityManager,
  locale: Locale,
  target: MatchTarget & { streetId: number },
  first: number,
  now: Date,
): Promise<Match[]> {
  const above = pathsAbove(target.areaPath);
  const nearby = `${target.communityPath ?? target.areaPath}%`;
  const served = `(ra.area_path = any(?::text[]) or ra.area_path like ?)`;
  const place = [`{${above.join(',')}}`, nearby];
  // The ids come from the area-path index first and the resources by primary key: joined
  // instead, the planner reads the whole street's resources (100k in the bench) to hash them.
  const rows = await em.execute<ResourceCandidateRow[]>(
    `select r.id, r.kind, r.quantity::float8 as quantity, r.quantity_pledged::float8 as pledged,
            (select array_agg(ra.area_path) from resource_area ra where ra.resource_id = r.id and ${served}) as paths
     from resource r
     where r.id = any(array(select ra.resource_id from resource_area ra where ${served}))
       and r.street_id = ? and r.kind = any(?::text[]) and r.withdrawn_at is null
       and (r.quantity is null or r.quantity_pledged < r.quantity)
       and (r.available_from is null or r.available_from <= ?) and (r.available_to is null or r.available_to > ?)
     order by r.id desc
     limit ?`,
    [...place, ...place, target.streetId, `{${kindsFor(target.category).join(',')}}`, now, now, CANDIDATES_MAX],
  );
  const services = servicesFit(target.category)
    ? await em.find(
        Service,
        {
          streetId: target.streetId,
          closedAt: null,
          $or: [{ areaPath: { $in: above } }, { areaPath: { $like: nearby } }],
          [raw((alias) => `(${alias}.signup_count < ${alias}.capacity)`)]: true,
        },
        { orderBy: { id: 'desc' }, limit: CANDIDATES_MAX, populate: ['unit', 'provider', 'area'] },
      )
    : [];

  type Scored = { id: number; score: MatchScore } & ({ resourceId: number } | { service: Service });
  const scored: Scored[] = [];
  for (const row of rows) {
    const quantity = row.quantity === null ? null : Number(row.quantity);
    const remaining = quantity === null ? null : quantity - Number(row.pledged);
    const score = scoreMatch(target, { kind: row.kind, servedPaths: row.paths, remaining, quantity }, now);
    if (score) scored.push({ id: row.id, score, resourceId: row.id });
  }
  for (const service of services) {
    const remaining = service.capacity - service.signupCount;
    const score = scoreMatch(
      target,
      { kind: null, servedPaths: [service.areaPath], remaining, quantity: service.capacity },
      now,
    );
    // Services and resources share the tie-break on id; a service's id is its own, which is fine for ordering.
    if (score) scored.push({ id: service.id, score, service });
  }
  const best = rankMatches(scored, first);
  const resourceIds = best.flatMap((match) => ('resourceId' in match ? [match.resourceId] : []));
  const resources = resourceIds.length
    ? await em.find(Resource, { id: { $in: resourceIds } }, { populate: ['unit', 'offeredBy'] })
    : [];
  const byId = new Map(resources.map((resource) => [resource.id, resource]));
  return best.map((match) => {
    if ('service' in match) {
      const service = match.service;
      return {
        resource: null,
        service,
        score: match.score.score,
        reason: serviceReason(locale, target, match.score, service),
      };
    }
    const resource = byId.get(match.resourceId)!;
    return {
      resource,
      service: null,
      score: match.score.score,
      reason: resourceReason(locale, target, match.score, resource),
    };
  });
}

function resourceReason(locale: Locale, target: MatchTarget, score: MatchScore, resource: Resource): string {
  const remaining =
    resource.quantity === null || resource.quantity === undefined
      ? null
      : Number(resource.quantity) - Number(resource.quantityPledged);
  const left =
    remaining === null ? '' : translate(locale, 'match.left', { remaining, measure: resource.measure ?? '' });
  return translate(locale, target.category ? 'match.resource' : 'match.resourceForProject', {
    kind: `@resourceKind.${resource.kind}`,
    category: target.category ? `@needCategory.${target.category}` : '',
    where: `@match.where.${score.proximity}`,
    left: left.trimEnd(),
  });
}

function serviceReason(locale: Locale, target: MatchTarget, score: MatchScore, service: Service): string {
  return translate(locale, 'match.service', {
    category: `@needCategory.${target.category}`,
    where: `@match.where.${score.proximity}`,
    left: translate(locale, 'match.places', { remaining: service.capacity - service.signupCount }),
  });
}
