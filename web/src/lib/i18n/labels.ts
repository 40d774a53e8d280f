import { m } from '$lib/paraglide/messages.js';

export type AreaKind = 'STREET' | 'COMMUNITY' | 'VILLAGE' | 'GRID' | 'BUILDING';
export type Role =
	| 'RESIDENT'
	| 'VOLUNTEER'
	| 'UNIT_REP'
	| 'GRID_WORKER'
	| 'STAFF'
	| 'COMMITTEE_MEMBER'
	| 'ADMIN';

export const ROLES: Role[] = [
	'RESIDENT',
	'VOLUNTEER',
	'UNIT_REP',
	'GRID_WORKER',
	'STAFF',
	'COMMITTEE_MEMBER',
	'ADMIN'
];

const kindLabels: Record<AreaKind, () => string> = {
	STREET: m.kind_street,
	COMMUNITY: m.kind_community,
	VILLAGE: m.kind_village,
	GRID: m.kind_grid,
	BUILDING: m.kind_building
};

const roleLabels: Record<Role, () => string> = {
	RESIDENT: m.role_resident,
	VOLUNTEER: m.role_volunteer,
	UNIT_REP: m.role_unit_rep,
	GRID_WORKER: m.role_grid_worker,
	STAFF: m.role_staff,
	COMMITTEE_MEMBER: m.role_committee_member,
	ADMIN: m.role_admin
};

const actionLabels: Record<string, () => string> = {
	'area.create': m.action_area_create,
	'area.rename': m.action_area_rename,
	'role.assign': m.action_role_assign,
	'role.revoke': m.action_role_revoke
};

const targetLabels: Record<string, () => string> = {
	Area: m.target_area,
	RoleAssignment: m.target_role_assignment
};

export const kindLabel = (kind: AreaKind): string => kindLabels[kind]();
export const roleLabel = (role: Role): string => roleLabels[role]();
/** Unknown actions (added on the server later) are shown as they are. */
export const actionLabel = (action: string): string => actionLabels[action]?.() ?? action;
export const targetLabel = (type: string): string => targetLabels[type]?.() ?? type;

/** Which kinds of area may sit directly inside an area of this kind. */
export function childKinds(kind: AreaKind | null): AreaKind[] {
	switch (kind) {
		case null:
			return ['STREET'];
		case 'STREET':
			return ['COMMUNITY', 'VILLAGE'];
		case 'COMMUNITY':
		case 'VILLAGE':
			return ['GRID'];
		case 'GRID':
			return ['BUILDING'];
		case 'BUILDING':
			return [];
	}
}
