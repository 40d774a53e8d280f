import {
  Arg,
  Args,
  Authorized,
  Ctx,
  Field,
  Float,
  FieldResolver,
  ID,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { hoursFromMinutes } from '../activities/activities.rules.js';
import { Area } from '../areas/area.entity.js';
import { Notification } from '../notifications/notification.entity.js';
import { maskPhone } from '../people/people.rules.js';
import { User } from '../people/user.entity.js';
import { Role } from '../platform/auth/roles.js';
import { CurrentViewer } from '../platform/auth/auth-checker.js';
import type { Viewer } from '../platform/auth/viewer.js';
import type { Context } from '../platform/context.js';
import { requestLoader } from '../platform/loaders.js';
import { Connection } from '../platform/pagination.js';
import { TeamMembership } from '../teams/team.entity.js';
import { TeamMembershipStatus } from '../teams/teams.enums.js';
import { Todos } from '../todos/todos.type.js';
import { VolunteerProfile, VolunteerRecordNote } from './volunteer.entity.js';
import { VolunteerAvailability, VolunteerSkill, VolunteerStatus } from './volunteers.enums.js';
import { GuardianConsentInput, RecordNoteInput, VolunteerProfileInput, VolunteersArgs } from './volunteers.inputs.js';
import { isMinor, maskIdNumber } from './volunteers.rules.js';
import {
  addVolunteerRecordNote,
  becomeVolunteer,
  findVisibleProfile,
  listVolunteers,
  recordGuardianConsent,
  seesPersonalPart,
  VOLUNTEER_SUBJECT,
  volunteerAccessLoader,
  type ProfileAccess,
} from './volunteers.service.js';

@ObjectType()
class VolunteerConnection extends Connection(VolunteerProfile, 'Volunteer') {}

@ObjectType()
export class GuardianConsent {
  @Field()
  guardianName: string;

  @Field({ description: 'e.g. 父亲, 母亲, 祖母' })
  relation: string;

  @Field({ description: 'Masked as User.phone is' })
  guardianPhone: string;

  @Field(() => User)
  recordedBy: User;

  @Field()
  recordedAt: Date;
}

/** The viewer's standing to a profile, batched over a page (one query for the organiser case at most). */
const accessOf = (ctx: Context, profile: VolunteerProfile): Promise<ProfileAccess> =>
  volunteerAccessLoader(ctx).load(profile);

interface PersonalFacts {
  birthDate: string | null;
  idNumber: string | null;
}

/** Birth dates and ID numbers (lazy columns) of a page of profiles, in one query. */
const personalFacts = (ctx: Context) =>
  requestLoader<number, PersonalFacts>(ctx, 'volunteerPersonalFacts', async (ids) => {
    const rows = await ctx.em.execute<{ id: number; birth_date: string | null; id_number: string | null }[]>(
      `select p.id, to_char(u.birth_date, 'YYYY-MM-DD') as birth_date, p.id_number
       from volunteer_profile p join app_user u on u.id = p.user_id where p.id = any(?::int[])`,
      [`{${ids.join(',')}}`],
    );
    const byId = new Map(rows.map((row) => [row.id, { birthDate: row.birth_date, idNumber: row.id_number }]));
    return ids.map((id) => byId.get(id) ?? { birthDate: null, idNumber: null });
  });

@Resolver(() => VolunteerProfile)
export class VolunteersResolver {
  @Query(() => VolunteerProfile, { nullable: true, description: 'null when the viewer is not a volunteer' })
  myVolunteerProfile(@Ctx() { em, viewer }: Context) {
    return viewer ? em.findOne(VolunteerProfile, { user: viewer.id }) : null;
  }

  @Authorized()
  @Query(() => VolunteerConnection, {
    description: 'MANAGE_VOLUNTEERS over the area: volunteers whose community lies in its subtree',
  })
  volunteers(@Args() args: VolunteersArgs, @CurrentViewer() viewer: Viewer, @Ctx() { em }: Context) {
    return listVolunteers(em, viewer, args);
  }

  @Query(() => VolunteerProfile, {
    nullable: true,
    description: 'the volunteer, staff over their community, organisers of an activity they signed up for',
  })
  volunteer(@Arg('id', () => ID) id: string, @Ctx() { em, viewer }: Context) {
    return findVisibleProfile(em, viewer, id);
  }

  @Authorized()
  @Mutation(() => VolunteerProfile, {
    description:
      "signed in with a home area; again: updates the profile. Under 14: AWAITING_CONSENT until staff record a guardian's consent",
  })
  becomeVolunteer(@Arg('input') input: VolunteerProfileInput, @CurrentViewer() viewer: Viewer, @Ctx() { em }: Context) {
    return becomeVolunteer(em, viewer, input);
  }

  @Authorized()
  @Mutation(() => VolunteerProfile, {
    description: "MANAGE_VOLUNTEERS over the volunteer's community; makes the profile ACTIVE and grants VOLUNTEER",
  })
  recordGuardianConsent(
    @Arg('input') input: GuardianConsentInput,
    @CurrentViewer() viewer: Viewer,
    @Ctx() { em }: Context,
  ) {
    return recordGuardianConsent(em, viewer, input);
  }

  @Authorized()
  @Mutation(() => VolunteerRecordNote, {
    description: 'MANAGE_VOLUNTEERS: training, award or evaluation on the record (append-only)',
  })
  addVolunteerRecordNote(
    @Arg('input') input: RecordNoteInput,
    @CurrentViewer() viewer: Viewer,
    @Ctx() { em }: Context,
  ) {
    return addVolunteerRecordNote(em, viewer, input);
  }

  @FieldResolver(() => User)
  user(@Root() profile: VolunteerProfile) {
    return profile.user.loadOrFail({ dataloader: true });
  }

  @FieldResolver(() => [VolunteerSkill])
  skills(@Root() profile: VolunteerProfile) {
    return profile.skills;
  }

  @FieldResolver(() => [String], { description: 'Free tags beside the skill list, e.g. 钢琴, 手语' })
  tags(@Root() profile: VolunteerProfile) {
    return profile.tags;
  }

  @FieldResolver(() => [VolunteerAvailability])
  availability(@Root() profile: VolunteerProfile) {
    return profile.availability;
  }

  @FieldResolver(() => [Area])
  areasServed(@Root() profile: VolunteerProfile, @Ctx() ctx: Context) {
    return requestLoader<number, Area[]>(ctx, 'volunteerAreasServed', async (ids) => {
      const rows = await ctx.em.execute<{ profile_id: number; area_id: number }[]>(
        'select profile_id, area_id from volunteer_served_area where profile_id = any(?::int[]) order by area_id',
        [`{${ids.join(',')}}`],
      );
      const areas = await ctx.em.find(Area, { id: { $in: [...new Set(rows.map((row) => row.area_id))] } });
      const byId = new Map(areas.map((area) => [area.id, area]));
      return ids.map((id) => rows.filter((row) => row.profile_id === id).map((row) => byId.get(row.area_id)!));
    }).load(profile.id);
  }

  @FieldResolver(() => Area, { description: 'The home community, where becoming a volunteer grants VOLUNTEER' })
  community(@Root() profile: VolunteerProfile) {
    return profile.community.loadOrFail({ dataloader: true });
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'YYYY-MM-DD; the volunteer and staff over the community only, else null',
  })
  async birthDate(@Root() profile: VolunteerProfile, @Ctx() ctx: Context) {
    if (!seesPersonalPart(await accessOf(ctx, profile))) return null;
    return (await personalFacts(ctx).load(profile.id)).birthDate;
  }

  @FieldResolver(() => Boolean, { description: 'Under 14 today (Asia/Shanghai)' })
  async minor(@Root() profile: VolunteerProfile, @Ctx() ctx: Context) {
    const { birthDate } = await personalFacts(ctx).load(profile.id);
    return birthDate ? isMinor(birthDate, new Date()) : false;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'e.g. 1101**********1234; the volunteer and staff only, else null',
  })
  async maskedIdNumber(@Root() profile: VolunteerProfile, @Ctx() ctx: Context) {
    if (!seesPersonalPart(await accessOf(ctx, profile))) return null;
    return maskIdNumber((await personalFacts(ctx).load(profile.id)).idNumber);
  }

  @FieldResolver(() => GuardianConsent, { nullable: true, description: 'The volunteer and staff only' })
  async guardianConsent(@Root() profile: VolunteerProfile, @Ctx() ctx: Context): Promise<GuardianConsent | null> {
    if (!profile.consentRecordedAt || !profile.consentRecordedBy) return null;
    if (!seesPersonalPart(await accessOf(ctx, profile))) return null;
    return {
      guardianName: profile.guardianName ?? '',
      relation: profile.guardianRelation ?? '',
      guardianPhone: maskPhone(profile.guardianPhone ?? ''),
      recordedBy: await profile.consentRecordedBy.loadOrFail({ dataloader: true }),
      recordedAt: profile.consentRecordedAt,
    };
  }

  @FieldResolver(() => Float)
  verifiedHours(@Root() profile: VolunteerProfile) {
    return hoursFromMinutes(profile.verifiedMinutes);
  }

  @FieldResolver(() => Int, { description: '0 to 5: the highest star AWARDED' })
  starLevel(@Root() profile: VolunteerProfile) {
    return profile.starLevel;
  }

  @FieldResolver(() => Int, {
    nullable: true,
    description:
      'Shifts signed up for and not attended: the volunteer, staff and organisers of an activity they signed up for',
  })
  async noShowCount(@Root() profile: VolunteerProfile, @Ctx() ctx: Context) {
    return (await accessOf(ctx, profile)) ? profile.noShowCount : null;
  }

  @FieldResolver(() => [TeamMembership], {
    description: 'Approved memberships; requests and past ones too for the volunteer and staff',
  })
  async teams(@Root() profile: VolunteerProfile, @Ctx() ctx: Context) {
    const all = seesPersonalPart(await accessOf(ctx, profile));
    const memberships = await requestLoader<number, TeamMembership[]>(ctx, 'volunteerTeams', async (userIds) => {
      const rows = await ctx.em.find(
        TeamMembership,
        { user: { $in: [...userIds] } },
        { orderBy: { requestedAt: 'asc', id: 'asc' } },
      );
      return userIds.map((id) => rows.filter((row) => row.user.id === id));
    }).load(profile.user.id);
    return all ? memberships : memberships.filter((m) => m.status === TeamMembershipStatus.APPROVED);
  }

  @FieldResolver(() => [VolunteerRecordNote], {
    description: 'Training, awards and evaluations (Art. 4): the volunteer and staff',
  })
  async notes(@Root() profile: VolunteerProfile, @Ctx() ctx: Context) {
    if (!seesPersonalPart(await accessOf(ctx, profile))) return [];
    return requestLoader<number, VolunteerRecordNote[]>(ctx, 'volunteerNotes', async (ids) => {
      const rows = await ctx.em.find(
        VolunteerRecordNote,
        { profile: { $in: [...ids] } },
        { orderBy: { occurredOn: 'desc', id: 'desc' } },
      );
      return ids.map((id) => rows.filter((row) => row.profile.id === id));
    }).load(profile.id);
  }
}

@Resolver(() => VolunteerRecordNote)
export class VolunteerRecordNoteResolver {
  @FieldResolver(() => Float, {
    nullable: true,
    description: 'Training hours (not service hours: they never count towards stars)',
  })
  hours(@Root() note: VolunteerRecordNote) {
    return note.hours === null || note.hours === undefined ? null : Number(note.hours);
  }

  @FieldResolver(() => User)
  recordedBy(@Root() note: VolunteerRecordNote) {
    return note.recordedBy.loadOrFail({ dataloader: true });
  }
}

@Resolver(() => User)
export class UserVolunteerProfileResolver {
  @FieldResolver(() => VolunteerProfile, {
    nullable: true,
    description: "the profile, to the person and to staff (as VolunteerProfile's rules)",
  })
  async volunteerProfile(@Root() user: User, @Ctx() ctx: Context) {
    if (!ctx.viewer) return null;
    const profile = await requestLoader<number, VolunteerProfile | null>(ctx, 'volunteerProfileOfUser', async (ids) => {
      const rows = await ctx.em.find(VolunteerProfile, { user: { $in: [...ids] } }, { populate: ['community'] });
      return ids.map((id) => rows.find((row) => row.user.id === id) ?? null);
    }).load(user.id);
    return profile && seesPersonalPart(await accessOf(ctx, profile)) ? profile : null;
  }
}

@Resolver(() => Todos)
export class VolunteerTodosResolver {
  @FieldResolver(() => Int, {
    description: "volunteers under 14 waiting for a guardian's consent where the viewer manages volunteers",
  })
  async volunteersAwaitingConsent(@Ctx() { em, viewer }: Context) {
    const scopes = viewer?.scopesFor([Role.STAFF, Role.ADMIN]) ?? [];
    if (scopes.length === 0) return 0;
    return em.count(VolunteerProfile, {
      status: VolunteerStatus.AWAITING_CONSENT,
      $or: scopes.map((path) => ({ community: { path: { $like: `${path}%` } } })),
    });
  }
}

/** Notification.volunteer: the profile it is about (VOLUNTEER_CONSENT_NEEDED), to those who may see it. */
@Resolver(() => Notification)
export class NotificationVolunteerResolver {
  @FieldResolver(() => VolunteerProfile, {
    nullable: true,
    description: 'The volunteer the notification is about (VOLUNTEER_CONSENT_NEEDED)',
  })
  async volunteer(@Root() notification: Notification, @Ctx() ctx: Context): Promise<VolunteerProfile | null> {
    if (notification.subjectType !== VOLUNTEER_SUBJECT || !notification.subjectId) return null;
    const profile = await requestLoader<number, VolunteerProfile | null>(ctx, 'notificationVolunteer', async (ids) => {
      const rows = await ctx.em.find(VolunteerProfile, { id: { $in: [...ids] } });
      return ids.map((id) => rows.find((row) => row.id === id) ?? null);
    }).load(notification.subjectId);
    return profile && (await accessOf(ctx, profile)) ? profile : null;
  }
}
