import { LockMode, type EntityManager, type FilterQuery } from '@mikro-orm/postgresql';
import { levelsOf } from '../areas/area-levels.js';
import { Area } from '../areas/area.entity.js';
import { recordAudit } from '../audit/audit.service.js';
import { staffOver } from '../board/board.notifications.js';
import { NotificationKind } from '../notifications/notification.kinds.js';
import { notify } from '../notifications/notifications.service.js';
import type { User } from '../people/user.entity.js';
import { Role } from '../platform/auth/roles.js';
import type { Viewer } from '../platform/auth/viewer.js';
import { chinaDay } from '../platform/china-time.js';
import { systemClock, type Clock } from '../platform/clock.js';
import { badInput, forbidden, invalidState, notFound, type FieldErrors } from '../platform/errors.js';
import type { Context } from '../platform/context.js';
import { containing, findById, toId } from '../platform/ids.js';
import { requestLoader } from '../platform/loaders.js';
import { once } from '../platform/idempotency.js';
import { paginate, type PageArgs } from '../platform/pagination.js';
import { requireRule, streetPathOf } from '../platform/scope.js';
import { TeamMembership } from '../teams/team.entity.js';
import { TeamMembershipStatus } from '../teams/teams.enums.js';
import { VolunteerProfile, VolunteerRecordNote, VolunteerServedArea } from './volunteer.entity.js';
import { mayManageVolunteers } from './volunteers.access.js';
import { VolunteerAuditAction, VolunteerAuditTarget } from './volunteers.audit.js';
import { VolunteerStatus } from './volunteers.enums.js';
import type {
  GuardianConsentInput,
  RecordNoteInput,
  VolunteerFilter,
  VolunteerProfileInput,
} from './volunteers.inputs.js';
import { RECORD_NOTE_HOURS_MAX } from './volunteers.limits.js';
import {
  birthDateErrors,
  idNumberErrors,
  isCalendarDay,
  isMinor,
  tagsErrors,
  volunteerNumber,
} from './volunteers.rules.js';

export const VOLUNTEER_SUBJECT = 'volunteer';

/** How the viewer stands to a profile: its volunteer, staff over their community, an organiser of an activity they signed up for, or none. */
export type ProfileAccess = 'self' | 'staff' | 'organiser' | null;

/** The community area of a profile, through the dataloader (one batch for a page). */
export const communityOf = (profile: VolunteerProfile) => profile.community.loadOrFail({ dataloader: true });

/**
 * Of these people, those who signed up for an activity the viewer organises (谁组织谁记录: staff
 * over its area, its creator, its team's approved leaders) — one query.
 */
export async function organisedFor(
  em: EntityManager,
  viewer: Viewer,
  userIds: readonly number[],
): Promise<Set<number>> {
  const scopes = viewer.scopesFor([Role.STAFF, Role.ADMIN]).map((path) => `${path}%`);
  const rows = await em.execute<{ volunteer_id: number }[]>(
    `select distinct s.volunteer_id from shift_signup s join activity a on a.id = s.activity_id
     where s.volunteer_id = any(?::int[]) and (a.created_by_id = ? or a.area_path like any(?::text[])
       or a.team_id in (select team_id from team_membership where user_id = ? and role = 'LEADER' and status = 'APPROVED'))`,
    [`{${userIds.join(',')}}`, viewer.id, `{${scopes.map((scope) => `"${scope}"`).join(',')}}`, viewer.id],
  );
  return new Set(rows.map((row) => row.volunteer_id));
}

/** The viewer's standing to the profile (see ProfileAccess); no query for the volunteer or staff. */
export async function profileAccess(
  em: EntityManager,
  viewer: Viewer | null,
  profile: VolunteerProfile,
): Promise<ProfileAccess> {
  if (!viewer) return null;
  if (profile.user.id === viewer.id) return 'self';
  if (mayManageVolunteers(viewer, await communityOf(profile))) return 'staff';
  return (await organisedFor(em, viewer, [profile.user.id])).has(profile.user.id) ? 'organiser' : null;
}

/** profileAccess for a page of profiles: the organiser case in one query for all of them. */
export const volunteerAccessLoader = (ctx: Context) =>
  requestLoader<VolunteerProfile, ProfileAccess>(ctx, 'volunteerAccess', async (profiles) => {
    const viewer = ctx.viewer;
    if (!viewer) return profiles.map(() => null);
    const direct = await Promise.all(
      profiles.map(async (profile): Promise<ProfileAccess> => {
        if (profile.user.id === viewer.id) return 'self';
        return mayManageVolunteers(viewer, await communityOf(profile)) ? 'staff' : null;
      }),
    );
    const others = profiles.filter((_, i) => !direct[i]).map((profile) => profile.user.id);
    const organised = others.length ? await organisedFor(ctx.em, viewer, others) : new Set<number>();
    return profiles.map((profile, i) => direct[i] ?? (organised.has(profile.user.id) ? 'organiser' : null));
  });

/** The volunteer and staff over their community: birth date, ID number, consent, notes. */
export const seesPersonalPart = (access: ProfileAccess) => access === 'self' || access === 'staff';

/** A profile the viewer may see (volunteer(id)), or null as for an unknown id. */
export async function findVisibleProfile(em: EntityManager, viewer: Viewer | null, id: string) {
  const profile = await findById(em, VolunteerProfile, id);
  if (!profile) return null;
  return (await profileAccess(em, viewer, profile)) ? profile : null;
}

/** A profile staff may manage: unknown or unseen → NOT_FOUND, seen but not managed (the volunteer) → FORBIDDEN. */
async function managedProfile(tx: EntityManager, viewer: Viewer, id: string): Promise<VolunteerProfile> {
  const profile = await findById(tx, VolunteerProfile, id, {
    populate: ['community'],
    lockMode: LockMode.PESSIMISTIC_WRITE,
    refresh: true,
  });
  if (!profile) throw notFound();
  const access = await profileAccess(tx, viewer, profile);
  if (!access) throw notFound();
  if (access !== 'staff') throw forbidden();
  return profile;
}

/** VOLUNTEER on the community, unless the person already holds it there or above. */
async function grantVolunteer(tx: EntityManager, userId: number, community: Area): Promise<boolean> {
  const granted = await tx.execute<{ id: number }[]>(
    `insert into role_assignment (user_id, role, area_id, created_at)
     select ?, 'VOLUNTEER', ?, now()
     where not exists (
       select 1 from role_assignment ra join area a on a.id = ra.area_id
       where ra.user_id = ? and ra.role = 'VOLUNTEER' and ? like a.path || '%')
     on conflict do nothing returning id`,
    [userId, community.id, userId, community.path],
  );
  return granted.length > 0;
}

/** The areas to serve in: all found and in the viewer's street, else NOT_FOUND as for an unknown id. */
async function servedAreas(tx: EntityManager, home: Area, areaIds: readonly string[]): Promise<Area[]> {
  const ids = [...new Set(areaIds.map(toId))];
  if (ids.some((id) => id === null)) throw notFound();
  const areas = await tx.find(Area, { id: { $in: ids as number[] } });
  const street = streetPathOf(home.path);
  if (areas.length !== ids.length || areas.some((area) => streetPathOf(area.path) !== street)) throw notFound();
  return areas;
}

const trimmedTags = (tags: readonly string[] | null | undefined) => [...new Set((tags ?? []).map((t) => t.trim()))];

/**
 * becomeVolunteer: the first call makes the profile (number ZY<year><sequence>, the home
 * community; 14 or older: ACTIVE with VOLUNTEER granted there; younger: AWAITING_CONSENT and
 * the community's staff are told), a later call updates what the volunteer offers. The
 * person's row is locked first, so two calls at once make one profile.
 */
export async function becomeVolunteer(
  em: EntityManager,
  viewer: Viewer,
  input: VolunteerProfileInput,
  clock: Clock = systemClock,
): Promise<VolunteerProfile> {
  const now = clock();
  const user = viewer.user as User;
  const home = await user.homeArea?.load();
  if (!home) throw forbidden({ key: 'volunteerNeedsHome' });
  const levels = await levelsOf(em, home);
  if (levels.communityId === null) throw forbidden({ key: 'volunteerNeedsHome' });
  const tags = trimmedTags(input.tags);
  const errors: FieldErrors = { ...tagsErrors(input.tags ?? []) };
  if (Object.keys(errors).length) throw badInput(errors);
  return em.transactional(async (tx) => {
    await tx.execute('select id from app_user where id = ? for update', [viewer.id]);
    const areas = await servedAreas(tx, home, input.areaIds);
    const existing = await tx.findOne(
      VolunteerProfile,
      { user: viewer.id },
      { refresh: true, populate: ['community'] },
    );
    const [stored] = await tx.execute<{ birth_date: string | null; id_number: string | null }[]>(
      `select to_char(u.birth_date, 'YYYY-MM-DD') as birth_date, p.id_number
       from app_user u left join volunteer_profile p on p.user_id = u.id where u.id = ?`,
      [viewer.id],
    );
    const birthDate = existing ? stored?.birth_date : input.birthDate?.trim();
    if (!birthDate) throw badInput({ birthDate: { key: 'volunteerBirthDateRequired' } });
    const dateErrors = existing
      ? input.birthDate && input.birthDate.trim() !== birthDate
        ? { birthDate: { key: 'volunteerBirthDateFixed' } as const }
        : {}
      : birthDateErrors(birthDate, now);
    const idNumber = input.idNumber?.trim().toUpperCase() || null;
    const fieldErrors = { ...dateErrors, ...(idNumber ? idNumberErrors(idNumber, birthDate) : {}) };
    if (Object.keys(fieldErrors).length) throw badInput(fieldErrors);
    const offer = {
      skills: [...new Set(input.skills)],
      tags,
      availability: [...new Set(input.availability)],
      partyMember: input.partyMember ?? existing?.partyMember ?? false,
    };
    const community = await tx.findOneOrFail(Area, levels.communityId!);
    let profile: VolunteerProfile;
    if (existing) {
      profile = existing;
      const before = { ...offer, skills: profile.skills, tags: profile.tags, availability: profile.availability };
      Object.assign(profile, offer, idNumber ? { idNumber } : {});
      await tx.nativeDelete(VolunteerServedArea, { profile: profile.id });
      recordAudit(tx, viewer, {
        action: VolunteerAuditAction.UPDATE,
        targetType: VolunteerAuditTarget.VOLUNTEER_PROFILE,
        targetId: profile.id,
        area: profile.community.getEntity(),
        at: now,
        before,
        after: { ...offer, areaIds: areas.map((a) => a.id) },
      });
    } else {
      const [seq] = await tx.execute<{ n: string }[]>(`select nextval('volunteer_number_seq') as n`);
      const minor = isMinor(birthDate, now);
      profile = tx.create(VolunteerProfile, {
        user: viewer.id,
        number: volunteerNumber(Number(chinaDay(now).slice(0, 4)), Number(seq!.n)),
        status: minor ? VolunteerStatus.AWAITING_CONSENT : VolunteerStatus.ACTIVE,
        ...offer,
        community,
        idNumber,
        createdAt: now,
      });
      await tx.execute(`update app_user set birth_date = ? where id = ?`, [birthDate, viewer.id]);
      await tx.flush();
      const granted = minor ? false : await grantVolunteer(tx, viewer.id, community);
      recordAudit(tx, viewer, {
        action: VolunteerAuditAction.BECOME,
        targetType: VolunteerAuditTarget.VOLUNTEER_PROFILE,
        targetId: profile.id,
        area: community,
        at: now,
        after: { number: profile.number, status: profile.status, ...offer, roleGranted: granted },
      });
      if (minor) {
        await notify(tx, {
          recipients: await staffOver(tx, community.path),
          kind: NotificationKind.VOLUNTEER_CONSENT_NEEDED,
          subject: { type: VOLUNTEER_SUBJECT, id: profile.id },
          params: { volunteer: user.displayName },
          now,
        });
      }
    }
    await tx.flush();
    for (const area of areas) tx.create(VolunteerServedArea, { profile, area });
    await tx.flush();
    return profile;
  });
}

/** Staff over the community record a guardian's consent for a volunteer under 14: ACTIVE, and VOLUNTEER granted. */
export async function recordGuardianConsent(
  em: EntityManager,
  viewer: Viewer,
  input: GuardianConsentInput,
  clock: Clock = systemClock,
): Promise<VolunteerProfile> {
  const now = clock();
  return em.transactional(async (tx) => {
    const profile = await managedProfile(tx, viewer, input.profileId);
    if (profile.status !== VolunteerStatus.AWAITING_CONSENT) throw invalidState({ status: profile.status });
    Object.assign(profile, {
      status: VolunteerStatus.ACTIVE,
      guardianName: input.guardianName.trim(),
      guardianRelation: input.relation.trim(),
      guardianPhone: input.guardianPhone,
      consentRecordedBy: viewer.id,
      consentRecordedAt: now,
    });
    await tx.flush();
    const community = profile.community.getEntity();
    const granted = await grantVolunteer(tx, profile.user.id, community);
    recordAudit(tx, viewer, {
      action: VolunteerAuditAction.RECORD_CONSENT,
      targetType: VolunteerAuditTarget.VOLUNTEER_PROFILE,
      targetId: profile.id,
      area: community,
      at: now,
      before: { status: VolunteerStatus.AWAITING_CONSENT },
      after: {
        status: profile.status,
        guardianName: profile.guardianName,
        guardianRelation: profile.guardianRelation,
        roleGranted: granted,
      },
    });
    return profile;
  });
}

/** Training, an award or an evaluation on the record (Art. 4), by staff over the community; append-only. */
export async function addVolunteerRecordNote(
  em: EntityManager,
  viewer: Viewer,
  input: RecordNoteInput,
  clock: Clock = systemClock,
): Promise<VolunteerRecordNote> {
  const now = clock();
  const { idempotencyKey, ...rest } = input;
  const errors: FieldErrors = {};
  if (!isCalendarDay(input.occurredOn) || input.occurredOn > chinaDay(now)) {
    errors.occurredOn = { key: 'volunteerNoteDateFormat' };
  }
  const hours = input.hours ?? null;
  if (hours !== null && (!Number.isFinite(hours) || hours <= 0 || hours > RECORD_NOTE_HOURS_MAX)) {
    errors.hours = { key: 'volunteerNoteHours', params: { max: RECORD_NOTE_HOURS_MAX } };
  }
  return em.transactional(async (tx) => {
    const profile = await managedProfile(tx, viewer, input.profileId);
    if (Object.keys(errors).length) throw badInput(errors);
    return once(
      tx,
      { actorId: viewer.id, operation: 'volunteer.addNote', key: idempotencyKey, input: rest },
      async () => {
        const note = tx.create(VolunteerRecordNote, {
          profile,
          kind: input.kind,
          title: input.title.trim(),
          detail: input.detail?.trim() || null,
          occurredOn: input.occurredOn,
          hours: hours === null ? null : hours.toFixed(2),
          issuer: input.issuer?.trim() || null,
          recordedBy: viewer.id,
          createdAt: now,
        });
        await tx.flush();
        recordAudit(tx, viewer, {
          action: VolunteerAuditAction.ADD_NOTE,
          targetType: VolunteerAuditTarget.VOLUNTEER_PROFILE,
          targetId: profile.id,
          area: profile.community.getEntity(),
          at: now,
          after: { noteId: note.id, kind: note.kind, note: note.title, occurredOn: note.occurredOn },
        });
        return note;
      },
      (id) => tx.findOneOrFail(VolunteerRecordNote, id),
    );
  });
}

/** The filter of the volunteer list (and of the to-do that counts those awaiting consent). */
export function volunteerFilterQuery(
  em: EntityManager,
  communityPaths: readonly string[],
  filter: VolunteerFilter | null | undefined,
): FilterQuery<VolunteerProfile> {
  const conditions: FilterQuery<VolunteerProfile>[] = [
    { $or: communityPaths.map((path) => ({ community: { path: { $like: `${path}%` } } })) },
  ];
  if (filter?.statuses?.length) conditions.push({ status: { $in: filter.statuses } });
  if (filter?.skills?.length) conditions.push({ skills: { $overlap: filter.skills } });
  if (filter?.availability?.length) conditions.push({ availability: { $overlap: filter.availability } });
  if (typeof filter?.partyMember === 'boolean') conditions.push({ partyMember: filter.partyMember });
  if (filter?.teamIds?.length) {
    const teamIds = filter.teamIds.map(toId).filter((id): id is number => id !== null);
    const members = em
      .createQueryBuilder(TeamMembership, 'tm')
      .select('tm.user')
      .where({ team: { $in: teamIds }, status: TeamMembershipStatus.APPROVED });
    conditions.push({ user: { $in: members } });
  }
  const search = filter?.search?.trim();
  if (search) {
    const pattern = containing(search);
    conditions.push({
      $or: [
        { number: { $ilike: pattern } },
        { user: { displayName: { $ilike: pattern } } },
        { user: { phone: { $like: pattern } } },
      ],
    });
  }
  return { $and: conditions };
}

/** volunteers(areaId): MANAGE_VOLUNTEERS over the area; profiles whose community lies in its subtree, newest first. */
export async function listVolunteers(
  em: EntityManager,
  viewer: Viewer,
  args: { areaId: string; filter?: VolunteerFilter | null } & PageArgs,
) {
  const area = await findById(em, Area, args.areaId);
  if (!area) throw notFound();
  requireRule(viewer, mayManageVolunteers, area);
  return paginate(em, VolunteerProfile, volunteerFilterQuery(em, [area.path], args.filter), args, {
    orderBy: { id: 'desc' },
    populate: ['user', 'community'],
  });
}
