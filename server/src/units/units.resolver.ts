import {
  Arg,
  Args,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  Float,
  ID,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { Area } from '../areas/area.entity.js';
import { Need, NeedEvent } from '../needs/need.entity.js';
import { Notification } from '../notifications/notification.entity.js';
import { maskPhone } from '../people/people.rules.js';
import { User } from '../people/user.entity.js';
import { CurrentViewer } from '../platform/auth/auth-checker.js';
import { Role } from '../platform/auth/roles.js';
import type { Viewer } from '../platform/auth/viewer.js';
import type { Context } from '../platform/context.js';
import { findById } from '../platform/ids.js';
import { requestLoader } from '../platform/loaders.js';
import { Connection } from '../platform/pagination.js';
import { RateLimited } from '../platform/rate-limit.js';
import { REPORT_IN_RATE_LIMIT, UNIT_CREATE_RATE_LIMIT } from './units.limits.js';
import { Todos } from '../todos/todos.type.js';
import { ReportIn, Unit, UnitRepresentative } from './unit.entity.js';
import { mayAnswerReportIns, mayManageUnits, readsUnitReports, unitIdsOf, requireActingFor } from './units.access.js';
import { ReportInAction, ReportInStatus, UnitAction } from './units.enums.js';
import {
  CreateUnitInput,
  DeclineReportInArgs,
  PeriodArgs,
  ReportInArgs,
  ReportInsArgs,
  UnitRepresentativeArgs,
  UnitsArgs,
} from './units.inputs.js';
import { needRatesOfUnits } from './units.need-rates.js';
import { checkPeriod } from './units.period.js';
import { reportInActions, seesReportIn, seesUnitContacts, unitActions, type UnitViewerFacts } from './units.rules.js';
import {
  addUnitRepresentative,
  answerReportIn,
  countReportInsToAnswer,
  createUnit,
  isReporter,
  listReportIns,
  listUnits,
  myUnits,
  removeUnitRepresentative,
  REPORT_IN_SUBJECT,
  reportIn,
  UNIT_SUBJECT,
} from './units.service.js';

@ObjectType()
class UnitConnection extends Connection(Unit) {}

@ObjectType()
class ReportInConnection extends Connection(ReportIn) {}

@ObjectType({ description: '响应率/解决率/满意率 of the needs assigned to a unit, as needStats defines them' })
class UnitNeedRates {
  @Field(() => Int)
  total: number;

  @Field(() => Int)
  resolved: number;

  @Field(() => Float, { nullable: true })
  responseRate: number | null;

  @Field(() => Float, { nullable: true })
  resolutionRate: number | null;

  @Field(() => Float, { nullable: true })
  satisfactionRate: number | null;

  @Field(() => Float, { nullable: true })
  averageRating: number | null;
}

/** The report-ins of each unit, with their communities: one query for a page of units. */
const reportInsOfUnits = (ctx: Context) =>
  requestLoader<number, ReportIn[]>(ctx, 'unitReportIns', async (ids) => {
    const rows = await ctx.em.find(
      ReportIn,
      { unit: { $in: [...ids] } },
      { populate: ['area'], orderBy: { id: 'asc' } },
    );
    return ids.map((id) => rows.filter((row) => row.unit?.id === id));
  });

const representativesOfUnits = (ctx: Context) =>
  requestLoader<number, User[]>(ctx, 'unitRepresentatives', async (ids) => {
    const rows = await ctx.em.find(
      UnitRepresentative,
      { unit: { $in: [...ids] } },
      { populate: ['user'], orderBy: { id: 'asc' } },
    );
    return ids.map((id) => rows.filter((row) => row.unit.id === id).map((row) => row.user.getEntity()));
  });

/** What the viewer is to the unit; its report-ins are read only for those who might read reports. */
async function factsFor(ctx: Context, unit: Unit): Promise<UnitViewerFacts> {
  const viewer = ctx.viewer;
  const readsReports = await readsUnitReports(viewer, unit, async () =>
    (await reportInsOfUnits(ctx).load(unit.id))
      .filter((r) => r.status === ReportInStatus.ACCEPTED)
      .map((r) => r.area.getEntity()),
  );
  return {
    isRepresentative: unitIdsOf(ctx.viewer).has(unit.id),
    managesArea: !!viewer && mayManageUnits(viewer, { path: unit.areaPath }),
    readsReports,
  };
}

@Resolver(() => Unit)
export class UnitsResolver {
  @Query(() => UnitConnection, {
    description: 'Units are public (name, kind, area); contacts are masked by the usual rule',
  })
  units(@Args() { filter, ...page }: UnitsArgs, @Ctx() { em, viewer }: Context) {
    return listUnits(em, viewer, filter, page);
  }

  @Query(() => Unit, { nullable: true })
  unit(@Arg('id', () => ID) id: string, @Ctx() { em }: Context) {
    return findById(em, Unit, id);
  }

  @Query(() => [Unit], { description: 'The units the viewer represents' })
  myUnits(@Ctx() { em, viewer }: Context) {
    return myUnits(em, viewer);
  }

  @Authorized()
  @RateLimited(UNIT_CREATE_RATE_LIMIT)
  @Mutation(() => Unit, { description: 'Staff or admins over the area' })
  createUnit(@Arg('input') input: CreateUnitInput, @CurrentViewer() viewer: Viewer, @Ctx() { em }: Context) {
    return createUnit(em, viewer, input);
  }

  @Authorized()
  @Mutation(() => Unit, { description: 'Staff or admins over the unit’s area; grants UNIT_REP there' })
  addUnitRepresentative(
    @Args() { unitId, userId }: UnitRepresentativeArgs,
    @CurrentViewer() viewer: Viewer,
    @Ctx() { em }: Context,
  ) {
    return addUnitRepresentative(em, viewer, unitId, userId);
  }

  @Authorized()
  @Mutation(() => Unit, { description: 'Staff or admins over the unit’s area' })
  removeUnitRepresentative(
    @Args() { unitId, userId }: UnitRepresentativeArgs,
    @CurrentViewer() viewer: Viewer,
    @Ctx() { em }: Context,
  ) {
    return removeUnitRepresentative(em, viewer, unitId, userId);
  }

  @FieldResolver(() => Area)
  area(@Root() unit: Unit) {
    return unit.area.loadOrFail({ dataloader: true });
  }

  @FieldResolver(() => String, {
    description:
      'Masked (138****0001) unless the viewer is staff/admin over the unit’s area or one of its representatives',
  })
  async contactPhone(@Root() unit: Unit, @Ctx() ctx: Context) {
    return seesUnitContacts(await factsFor(ctx, unit)) ? unit.contactPhone : maskPhone(unit.contactPhone);
  }

  @FieldResolver(() => [User], {
    description: 'Staff/admins over the area and the unit’s representatives see them; others get []',
  })
  async representatives(@Root() unit: Unit, @Ctx() ctx: Context) {
    if (!seesUnitContacts(await factsFor(ctx, unit))) return [];
    return representativesOfUnits(ctx).load(unit.id);
  }

  @FieldResolver(() => Boolean, { description: 'The viewer represents this unit' })
  async isMine(@Root() unit: Unit, @Ctx() ctx: Context) {
    return unitIdsOf(ctx.viewer).has(unit.id);
  }

  @FieldResolver(() => [ReportIn], {
    description:
      'Communities it reported in to: all states for staff over them and its representatives, ACCEPTED only for others',
  })
  async reportIns(@Root() unit: Unit, @Ctx() ctx: Context) {
    const mine = unitIdsOf(ctx.viewer).has(unit.id);
    const rows = await reportInsOfUnits(ctx).load(unit.id);
    return rows.filter((row) =>
      seesReportIn(
        row.status,
        { isReporter: mine, mayAnswer: !!ctx.viewer && mayAnswerReportIns(ctx.viewer, row.area.getEntity()) },
        true,
      ),
    );
  }

  @FieldResolver(() => UnitNeedRates, {
    description: '响应率/解决率/满意率 of the needs assigned to the unit, created in the period',
  })
  needRates(@Root() unit: Unit, @Args() { from, to }: PeriodArgs, @Ctx() ctx: Context) {
    checkPeriod({ from, to });
    const period = `${from?.toISOString() ?? ''}/${to?.toISOString() ?? ''}`;
    return requestLoader<number, UnitNeedRates>(ctx, `unitNeedRates:${period}`, (ids) =>
      needRatesOfUnits(ctx.em, ids, from, to),
    ).load(unit.id);
  }

  @FieldResolver(() => [UnitAction], { description: 'What the viewer may do with the unit, decided by the server' })
  async availableActions(@Root() unit: Unit, @Ctx() ctx: Context) {
    return unitActions(await factsFor(ctx, unit));
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      'The per-unit report (回单位报告) for a period: /units/<id>/report.pdf and .xlsx?from=&to= ; null when the viewer may not download it',
  })
  async reportUrl(@Root() unit: Unit, @Ctx() ctx: Context) {
    const actions = unitActions(await factsFor(ctx, unit));
    return actions.includes(UnitAction.DOWNLOAD_REPORT) ? `/units/${unit.id}/report.pdf` : null;
  }
}

@Resolver(() => ReportIn)
export class ReportInsResolver {
  @Query(() => ReportInConnection, {
    description:
      'Report-ins to the communities where the viewer may answer them, and the viewer’s own and their units’',
  })
  reportIns(@Args() { filter, ...page }: ReportInsArgs, @Ctx() { em, viewer }: Context) {
    return listReportIns(em, viewer, filter, page);
  }

  @Authorized()
  @RateLimited(REPORT_IN_RATE_LIMIT)
  @Mutation(() => ReportIn, {
    description:
      '报到: a unit (unitId, by its representative) or, without unitId, the viewer as an in-service party member (workUnitId: the unit they work for)',
  })
  async reportIn(
    @Args() { unitId, areaId, workUnitId }: ReportInArgs,
    @CurrentViewer() viewer: Viewer,
    @Ctx() ctx: Context,
  ) {
    const unit = unitId !== undefined && unitId !== null ? await requireActingFor(ctx, unitId) : null;
    return reportIn(ctx.em, viewer, { unit, areaId, workUnitId });
  }

  @Authorized()
  @Mutation(() => ReportIn, { description: 'Staff or admins over the community' })
  acceptReportIn(@Arg('id', () => ID) id: string, @CurrentViewer() viewer: Viewer, @Ctx() { em }: Context) {
    return answerReportIn(em, viewer, id, { status: ReportInStatus.ACCEPTED });
  }

  @Authorized()
  @Mutation(() => ReportIn, { description: 'Staff or admins over the community, with the reason' })
  declineReportIn(
    @Args() { id, reason }: DeclineReportInArgs,
    @CurrentViewer() viewer: Viewer,
    @Ctx() { em }: Context,
  ) {
    return answerReportIn(em, viewer, id, { status: ReportInStatus.DECLINED, reason });
  }

  @FieldResolver(() => Unit, {
    nullable: true,
    description: 'The unit reporting in; null for a party member reporting in as a person',
  })
  unit(@Root() row: ReportIn) {
    return row.unit?.load({ dataloader: true }) ?? null;
  }

  @FieldResolver(() => User, { nullable: true, description: 'The party member; null for a unit' })
  person(@Root() row: ReportIn) {
    return row.person?.load({ dataloader: true }) ?? null;
  }

  @FieldResolver(() => Unit, {
    nullable: true,
    description: 'For a party member: the unit they work for (回单位报告 goes to it)',
  })
  workUnit(@Root() row: ReportIn) {
    return row.workUnit?.load({ dataloader: true }) ?? null;
  }

  @FieldResolver(() => Area, { description: 'The community reported in to' })
  area(@Root() row: ReportIn) {
    return row.area.loadOrFail({ dataloader: true });
  }

  @FieldResolver(() => [ReportInAction])
  async availableActions(@Root() row: ReportIn, @Ctx() { viewer }: Context) {
    const area = await row.area.loadOrFail({ dataloader: true });
    return reportInActions(row.status, !!viewer && mayAnswerReportIns(viewer, area));
  }
}

/** The report-ins of each person: one query for a page of people. */
const reportInsOfPeople = (ctx: Context) =>
  requestLoader<number, ReportIn[]>(ctx, 'personReportIns', async (ids) => {
    const rows = await ctx.em.find(ReportIn, { person: { $in: [...ids] } }, { orderBy: { id: 'asc' } });
    return ids.map((id) => rows.filter((row) => row.person?.id === id));
  });

@Resolver(() => User)
export class UserReportInsResolver {
  @FieldResolver(() => [ReportIn], {
    description: 'The person’s own report-ins as a party member: for the person and staff over their home',
  })
  async reportIns(@Root() user: User, @Ctx() ctx: Context) {
    const viewer = ctx.viewer;
    if (!viewer) return [];
    if (viewer.id !== user.id) {
      const home = await user.homeArea?.load({ dataloader: true });
      if (!home || !viewer.hasRoleOver([Role.STAFF, Role.ADMIN], home.path)) return [];
    }
    return reportInsOfPeople(ctx).load(user.id);
  }
}

@Resolver(() => Need)
export class NeedAssigneeUnitResolver {
  @FieldResolver(() => Unit, {
    nullable: true,
    description: 'The unit assigned to work the need (its representatives work it)',
  })
  assigneeUnit(@Root() need: Need) {
    return need.assigneeUnit?.load({ dataloader: true }) ?? null;
  }
}

@Resolver(() => NeedEvent)
export class NeedEventUnitResolver {
  @FieldResolver(() => Unit, {
    nullable: true,
    description: 'The unit assigned (ASSIGN) or pledging (PLEDGED, PLEDGE_SETTLED, PLEDGE_WITHDRAWN)',
  })
  unit(@Root() event: NeedEvent) {
    return event.unit?.load({ dataloader: true }) ?? null;
  }
}

@Resolver(() => Notification)
export class NotificationUnitsResolver {
  @FieldResolver(() => ReportIn, {
    nullable: true,
    description: 'The report-in the notification is about, when visible to the reader',
  })
  async reportIn(@Root() notification: Notification, @Ctx() ctx: Context): Promise<ReportIn | null> {
    if (notification.subjectType !== REPORT_IN_SUBJECT || !notification.subjectId) return null;
    const row = await requestLoader<number, ReportIn | null>(ctx, 'notificationReportIn', async (ids) => {
      const rows = await ctx.em.find(ReportIn, { id: { $in: [...ids] } }, { populate: ['area'] });
      return ids.map((id) => rows.find((found) => found.id === id) ?? null);
    }).load(notification.subjectId);
    if (!row) return null;
    const mayAnswer = !!ctx.viewer && mayAnswerReportIns(ctx.viewer, row.area.getEntity());
    const reporter = isReporter(row, ctx.viewer, unitIdsOf(ctx.viewer));
    return seesReportIn(row.status, { isReporter: reporter, mayAnswer }, false) ? row : null;
  }

  @FieldResolver(() => Unit, {
    nullable: true,
    description: 'The unit the notification is about (UNIT_REPRESENTATIVE_ADDED)',
  })
  unit(@Root() notification: Notification, @Ctx() ctx: Context): Promise<Unit | null> | null {
    if (notification.subjectType !== UNIT_SUBJECT || !notification.subjectId) return null;
    return requestLoader<number, Unit | null>(ctx, 'notificationUnit', async (ids) => {
      const units = await ctx.em.find(Unit, { id: { $in: [...ids] } });
      return ids.map((id) => units.find((unit) => unit.id === id) ?? null);
    }).load(notification.subjectId);
  }
}

@Resolver(() => Todos)
export class UnitTodosResolver {
  @FieldResolver(() => Int, {
    description: 'Report-ins waiting for an answer in the communities where you may answer them',
  })
  reportInsToAnswer(@Ctx() { em, viewer }: Context) {
    return countReportInsToAnswer(em, viewer);
  }
}
