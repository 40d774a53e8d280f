import type { EntityManager } from '@mikro-orm/postgresql';
import { Area } from '../areas/area.entity.js';
import { viewerOf } from '../people/sessions.js';
import { User } from '../people/user.entity.js';
import type { Viewer } from '../platform/auth/viewer.js';

/**
 * Lookups the deliberation seeders share by name and phone (they share no state): people as
 * viewers, areas by their names along the tree.
 */
export async function demoViewer(em: EntityManager, phone: string): Promise<Viewer> {
  return viewerOf(em, await em.findOneOrFail(User, { phone }));
}

export async function demoUser(em: EntityManager, phone: string): Promise<User> {
  return em.findOneOrFail(User, { phone });
}

/** The area at the end of `names` (from the street down): building names repeat in every grid. */
export async function demoArea(em: EntityManager, names: readonly string[]): Promise<Area> {
  let area: Area | null = null;
  for (const name of names) {
    area = await em.findOneOrFail(Area, { name, parent: area ? area.id : null });
  }
  return area!;
}

/** The generated residents (139…) whose home lies in the area's subtree, by phone. */
export async function demoResidentsOf(em: EntityManager, area: Area): Promise<User[]> {
  return em.find(
    User,
    { phone: { $like: '1390000%' }, homeArea: { path: { $like: `${area.path}%` } } },
    { orderBy: { phone: 'asc' }, populate: ['homeArea'] },
  );
}
