import { client, resetLiveUpdates } from '#lib/graphql/client';
import { MeQuery, LogoutMutation } from '#lib/graphql/auth';
import type { ResultOf } from '#lib/graphql/graphql';

export type Me = NonNullable<ResultOf<typeof MeQuery>['me']>;
export type RoleName = Me['roles'][number]['role'];

/** Who is signed in; `loaded` turns true after the first answer. */
export const session = $state<{ me: Me | null; loaded: boolean; failed: boolean }>({
  me: null,
  loaded: false,
  failed: false,
});

export async function refreshMe(): Promise<void> {
  const result = await client.query(MeQuery, {}, { requestPolicy: 'network-only' }).toPromise();
  session.failed = !!result.error && !result.data;
  session.me = result.data?.me ?? null;
  session.loaded = true;
}

export async function logout(): Promise<void> {
  await client.mutation(LogoutMutation, {}).toPromise();
  resetLiveUpdates();
  session.me = null;
}

export function hasRole(me: Me | null, ...roles: RoleName[]): boolean {
  return !!me?.roles.some((r) => roles.includes(r.role));
}

/** Staff and admins manage people; the nav shows them the management pages. */
export function isStaff(me: Me | null): boolean {
  return hasRole(me, 'STAFF', 'ADMIN');
}

/**
 * Whether one of my roles (of the given kinds) covers the area, i.e. is held on the area
 * itself or on one of its ancestors. The server decides; this only hides useless forms.
 */
export function coversArea(
  me: Me | null,
  area: { id: string; ancestors?: { id: string }[] },
  roles: RoleName[],
): boolean {
  if (!me) return false;
  const ids = [area.id, ...(area.ancestors ?? []).map((a) => a.id)];
  return me.roles.some((r) => roles.includes(r.role) && ids.includes(r.area.id));
}

/** Who works on needs: accepts, assigns and handles them (诉求受理), private ones included. */
export const NEED_WORKER_ROLES: RoleName[] = ['STAFF', 'GRID_WORKER'];
/** Who may see the figures (数据看板) and the deadlines: the workers, administrators and committee members. */
export const NEED_STATS_ROLES: RoleName[] = [...NEED_WORKER_ROLES, 'ADMIN', 'COMMITTEE_MEMBER'];

export function isNeedWorker(me: Me | null): boolean {
  return hasRole(me, ...NEED_WORKER_ROLES);
}

export function mayViewNeedStats(me: Me | null): boolean {
  return hasRole(me, ...NEED_STATS_ROLES);
}

type RoleArea = { id: string; name: string; kind: Me['roles'][number]['area']['kind'] };

/** The areas where I hold one of `roles`, each once, in the order the roles are listed. */
function areasOf(me: Me | null, roles: RoleName[]): RoleArea[] {
  const found: RoleArea[] = [];
  for (const r of me?.roles ?? []) {
    if (roles.includes(r.role) && !found.some((a) => a.id === r.area.id)) found.push(r.area);
  }
  return found;
}

export const needWorkerAreas = (me: Me | null) => areasOf(me, NEED_WORKER_ROLES);
export const needStatsAreas = (me: Me | null) => areasOf(me, NEED_STATS_ROLES);

/**
 * The streets whose need deadlines I may see: those my roles over needs and figures are in, each once.
 * `canEdit` when I am an administrator of the street (the server decides; this only hides forms).
 */
export function deadlineStreets(me: Me | null): { id: string; name: string; canEdit: boolean }[] {
  const streets: { id: string; name: string; canEdit: boolean }[] = [];
  for (const r of me?.roles ?? []) {
    if (!NEED_STATS_ROLES.includes(r.role)) continue;
    const street = r.area.kind === 'STREET' ? r.area : r.area.ancestors.find((a) => a.kind === 'STREET');
    if (!street) continue;
    // Administrators of the street itself; an ADMIN of a community below it may only look.
    const admin = r.role === 'ADMIN' && r.area.id === street.id;
    const seen = streets.find((s) => s.id === street.id);
    if (seen) seen.canEdit ||= admin;
    else streets.push({ id: street.id, name: street.name, canEdit: admin });
  }
  return streets;
}

/** Whether I administer a street, so may set its need deadlines. */
export function isStreetAdmin(me: Me | null): boolean {
  return !!me?.roles.some((r) => r.role === 'ADMIN' && r.area.kind === 'STREET');
}

/** The community (or village) I live in: my home area or the ancestor of that kind. */
export function homeCommunity(me: Me | null): { id: string; name: string } | null {
  const home = me?.homeArea;
  if (!home) return null;
  if (home.kind === 'COMMUNITY' || home.kind === 'VILLAGE') return home;
  return home.ancestors.find((a) => a.kind === 'COMMUNITY' || a.kind === 'VILLAGE') ?? null;
}
