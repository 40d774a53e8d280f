import { type EntityManager } from '@mikro-orm/postgresql';
import { Area, AreaKind } from '../areas/area.entity.js';
import { getArea } from '../areas/areas.service.js';
import { recordAudit } from '../audit/audit.service.js';
import type { Viewer } from '../platform/auth/viewer.js';
import { badInput } from '../platform/errors.js';
import { requireRule } from '../platform/scope.js';
import { mayViewNeedDeadlines, maySetNeedDeadlines } from './needs.access.js';
import { NeedDeadlinePolicy } from './need.entity.js';
import { NeedCategory, Urgency } from './need.enums.js';
import { defaultDeadline, type DeadlineHours } from './needs.rules.js';

/** The street's deadlines for one category and urgency, or the defaults. */
export async function deadlineFor(
  em: EntityManager,
  streetId: number,
  category: NeedCategory,
  urgency: Urgency,
): Promise<DeadlineHours> {
  const policy = await em.findOne(NeedDeadlinePolicy, { street: streetId, category, urgency });
  return policy ?? defaultDeadline(category, urgency);
}

export interface DeadlineRow extends DeadlineHours {
  category: NeedCategory;
  urgency: Urgency;
}

async function getStreet(em: EntityManager, streetId: string): Promise<Area> {
  const street = await getArea(em, streetId);
  if (street.kind !== AreaKind.STREET) throw badInput({ streetId: { key: 'notAStreet' } });
  return street;
}

/** Every category and urgency: the street's own deadline where it set one, the default otherwise. */
export async function listDeadlines(em: EntityManager, viewer: Viewer, streetId: string): Promise<DeadlineRow[]> {
  const street = await getStreet(em, streetId);
  requireRule(viewer, mayViewNeedDeadlines, street);
  const policies = await em.find(NeedDeadlinePolicy, { street });
  return Object.values(NeedCategory).flatMap((category) =>
    Object.values(Urgency).map((urgency) => {
      const own = policies.find((p) => p.category === category && p.urgency === urgency);
      return {
        category,
        urgency,
        ...(own
          ? { respondHours: own.respondHours, resolveHours: own.resolveHours }
          : defaultDeadline(category, urgency)),
      };
    }),
  );
}

export async function setDeadline(
  em: EntityManager,
  viewer: Viewer,
  args: { streetId: string } & DeadlineRow,
): Promise<DeadlineRow> {
  const street = await getStreet(em, args.streetId);
  requireRule(viewer, maySetNeedDeadlines, street);
  if (args.respondHours > args.resolveHours) throw badInput({ respondHours: { key: 'respondAfterResolve' } });
  const { category, urgency, respondHours, resolveHours } = args;
  return em.transactional(async (tx) => {
    const existing = await tx.findOne(NeedDeadlinePolicy, { street, category, urgency });
    const before = existing
      ? { respondHours: existing.respondHours, resolveHours: existing.resolveHours }
      : defaultDeadline(category, urgency);
    if (existing) Object.assign(existing, { respondHours, resolveHours });
    else tx.create(NeedDeadlinePolicy, { street, category, urgency, respondHours, resolveHours });
    recordAudit(tx, viewer, {
      action: 'needDeadline.set',
      targetType: 'NeedDeadline',
      targetId: `${street.id}:${category}:${urgency}`,
      area: street,
      before: { category, urgency, ...before },
      after: { category, urgency, respondHours, resolveHours },
    });
    return { category, urgency, respondHours, resolveHours };
  });
}
