import { client } from '$lib/graphql/client';
import { MeQuery, LogoutMutation } from '$lib/graphql/auth';
import type { ResultOf } from '$lib/graphql/graphql';

export type Me = NonNullable<ResultOf<typeof MeQuery>['me']>;
export type RoleName = Me['roles'][number]['role'];

/** Who is signed in; `loaded` turns true after the first answer. */
export const session = $state<{ me: Me | null; loaded: boolean; failed: boolean }>({
	me: null,
	loaded: false,
	failed: false
});

export async function refreshMe(): Promise<void> {
	const result = await client.query(MeQuery, {}, { requestPolicy: 'network-only' }).toPromise();
	session.failed = !!result.error && !result.data;
	session.me = result.data?.me ?? null;
	session.loaded = true;
}

export async function logout(): Promise<void> {
	await client.mutation(LogoutMutation, {}).toPromise();
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
	roles: RoleName[]
): boolean {
	if (!me) return false;
	const ids = new Set([area.id, ...(area.ancestors ?? []).map((a) => a.id)]);
	return me.roles.some((r) => roles.includes(r.role) && ids.has(r.area.id));
}
