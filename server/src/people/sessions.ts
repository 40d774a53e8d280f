import { createHash, randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Viewer } from '../platform/auth/viewer.js';
import { RoleAssignment } from './role-assignment.entity.js';
import { Session } from './session.entity.js';
import type { User } from './user.entity.js';

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export async function createSession(
  em: EntityManager,
  user: User,
  ttlDays: number,
  userAgent: string | undefined,
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + ttlDays * 24 * 3600 * 1000);
  em.create(Session, { tokenHash: hashToken(token), user, expiresAt, userAgent: userAgent?.slice(0, 300) });
  await em.flush();
  return { token, expiresAt };
}

/** The viewer behind a session token, with the roles they hold; null when unknown or expired. */
export async function findViewer(em: EntityManager, token: string): Promise<Viewer | null> {
  const session = await em.findOne(
    Session,
    { tokenHash: hashToken(token), expiresAt: { $gt: new Date() } },
    { populate: ['user'] },
  );
  if (!session) return null;
  return viewerOf(em, session.user.getEntity());
}

/** The person acting, with the roles they hold (also for the demo seed, which acts as its people). */
export async function viewerOf(em: EntityManager, user: User): Promise<Viewer> {
  const assignments = await em.find(RoleAssignment, { user }, { populate: ['area'] });
  return new Viewer(
    user,
    assignments.map((assignment) => {
      const area = assignment.area.getEntity();
      return { role: assignment.role, areaId: area.id, areaPath: area.path };
    }),
  );
}

export async function endOtherSessions(em: EntityManager, user: User, keepToken: string | null): Promise<void> {
  await em.nativeDelete(Session, { user, ...(keepToken ? { tokenHash: { $ne: hashToken(keepToken) } } : {}) });
}

export async function endSession(em: EntityManager, token: string): Promise<void> {
  await em.nativeDelete(Session, { tokenHash: hashToken(token) });
}
