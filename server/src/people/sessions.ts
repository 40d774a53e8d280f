import { createHash, randomBytes } from 'node:crypto';
import { ReferenceKind, sql, type EntityManager, type QBFilterQuery } from '@mikro-orm/postgresql';
import { Viewer } from '../platform/auth/viewer.js';
import { Session } from './session.entity.js';
import { User } from './user.entity.js';

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
export function findViewer(em: EntityManager, token: string): Promise<Viewer | null> {
  const session = em
    .createQueryBuilder(Session, 's')
    .select('s.user')
    .where({ tokenHash: hashToken(token), expiresAt: { $gt: new Date() } });
  return loadViewer(em, { id: { $in: session } });
}

/** The person acting, with the roles they hold (also for the demo seed, which acts as its people). */
export async function viewerOf(em: EntityManager, user: User): Promise<Viewer> {
  // The seed acts as people (and roles) it has just created: write them first, as a find would.
  await em.flush();
  const viewer = await loadViewer(em, { id: user.id });
  if (!viewer) throw new Error(`user ${user.id} is not in the database`);
  return viewer;
}

/**
 * The person, their roles with the areas' rows and the units they represent, in ONE statement
 * (every request starts here). The person, roles and areas become managed entities of `em`, with
 * the roles collection loaded, so reading them again later in the request costs nothing.
 */
async function loadViewer(em: EntityManager, where: QBFilterQuery<User>): Promise<Viewer | null> {
  const [row] = await em
    .createQueryBuilder(User, 'u')
    .select(eagerFields(em))
    .leftJoinAndSelect('u.roles', 'r')
    .leftJoinAndSelect('r.area', 'a')
    // units/ builds on people/, so the table is named here rather than its entity imported.
    .addSelect(
      sql`array(select ur.unit_id from unit_representative ur where ur.user_id = u.id)`.as('represented_unit_ids'),
    )
    .where(where)
    .orderBy({ roles: { id: 'asc' } })
    .execute('all', true);
  if (!row) return null;
  const { represented_unit_ids: unitIds, ...data } = row;
  const user = em.map(User, data, { mapped: true });
  return new Viewer(
    user,
    user.roles.getItems().map((assignment) => {
      const area = assignment.area.getEntity();
      return { role: assignment.role, areaId: area.id, areaPath: area.path };
    }),
    new Set(unitIds as number[]),
  );
}

/** The person's columns as a find reads them: not the lazy ones (the password hash, the birth date). */
const eagerFields = (em: EntityManager) =>
  em
    .getMetadata(User)
    .props.filter(
      (prop) =>
        !prop.lazy &&
        prop.persist !== false &&
        (prop.kind === ReferenceKind.SCALAR || prop.kind === ReferenceKind.MANY_TO_ONE),
    )
    .map((prop) => prop.name);

export async function endOtherSessions(em: EntityManager, user: User, keepToken: string | null): Promise<void> {
  await em.nativeDelete(Session, { user, ...(keepToken ? { tokenHash: { $ne: hashToken(keepToken) } } : {}) });
}

export async function endSession(em: EntityManager, token: string): Promise<void> {
  await em.nativeDelete(Session, { tokenHash: hashToken(token) });
}
