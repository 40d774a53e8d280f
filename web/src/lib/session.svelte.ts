import { client, resetLiveUpdates } from '#lib/graphql/client';
import { MeQuery, LogoutMutation } from '#lib/graphql/auth';
import type { ResultOf } from '#lib/graphql/graphql';
import type { AreaCapability } from '#lib/i18n/labels';

export type Me = NonNullable<ResultOf<typeof MeQuery>['me']>;

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

// What I may do is the server's answer (`Area.viewerCan` on the areas of my roles); the web
// only shows or hides links and forms by it, and never decides from the role names.

type RoleArea = Me['roles'][number]['area'];

/** The areas of my roles where the server lets me do `capability`, each once, in the order of my roles. */
export function areasWhere(me: Me | null, capability: AreaCapability): RoleArea[] {
  const found: RoleArea[] = [];
  for (const { area } of me?.roles ?? []) {
    if (area.viewerCan.includes(capability) && !found.some((a) => a.id === area.id)) found.push(area);
  }
  return found;
}

/** Whether I may do `capability` somewhere (for the navigation and the home page's shortcuts). */
export const canSomewhere = (me: Me | null, capability: AreaCapability): boolean =>
  areasWhere(me, capability).length > 0;

/**
 * The streets whose need deadlines I may read (the street of one of my roles' areas), each once;
 * `canEdit` when the server also lets me change them. Deadlines are the street's, so the server's
 * answer for the street or for my role's area in it counts.
 */
export function deadlineStreets(me: Me | null): { id: string; name: string; canEdit: boolean }[] {
  const streets: { id: string; name: string; canEdit: boolean }[] = [];
  for (const { area } of me?.roles ?? []) {
    const street = area.kind === 'STREET' ? area : area.ancestors.find((a) => a.kind === 'STREET');
    if (!street) continue;
    const can = (c: AreaCapability) => area.viewerCan.includes(c) || street.viewerCan.includes(c);
    if (!can('VIEW_NEED_DEADLINES')) continue;
    const seen = streets.find((s) => s.id === street.id);
    if (seen) seen.canEdit ||= can('SET_NEED_DEADLINES');
    else streets.push({ id: street.id, name: street.name, canEdit: can('SET_NEED_DEADLINES') });
  }
  return streets;
}

/** The community (or village) I live in: my home area or the ancestor of that kind. */
export function homeCommunity(me: Me | null): { id: string; name: string } | null {
  const home = me?.homeArea;
  if (!home) return null;
  if (home.kind === 'COMMUNITY' || home.kind === 'VILLAGE') return home;
  return home.ancestors.find((a) => a.kind === 'COMMUNITY' || a.kind === 'VILLAGE') ?? null;
}
