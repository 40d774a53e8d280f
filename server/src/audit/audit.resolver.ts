import { ArrayMaxSize, IsOptional } from 'class-validator';
import {
  Args,
  ArgsType,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  ID,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { Area } from '../areas/area.entity.js';
import { getArea } from '../areas/areas.service.js';
import { CurrentViewer } from '../platform/auth/auth-checker.js';
import type { Viewer } from '../platform/auth/viewer.js';
import type { Context } from '../platform/context.js';
import { requestLoader } from '../platform/loaders.js';
import { Connection, PageArgs } from '../platform/pagination.js';
import { requireRule } from '../platform/scope.js';
import { User } from '../people/user.entity.js';
import { AuditEntry } from './audit-entry.entity.js';
import { changesOf, labelsOf, type AuditChangeText } from './audit.reading.js';
import { mayReadAuditLog } from './audit.rules.js';
import { listAuditEntries } from './audit.service.js';
import { AuditActionEnum, type AuditAction } from './audit.vocabulary.js';

/** More would be a list no one picks by hand. */
const AUDIT_FILTER_LIST_MAX = 100;
const listMax = () =>
  ArrayMaxSize(AUDIT_FILTER_LIST_MAX, {
    context: { key: 'auditFilterTooLong', params: { max: AUDIT_FILTER_LIST_MAX } },
  });

@ArgsType()
class AuditLogArgs extends PageArgs {
  @Field(() => ID)
  areaId: string;

  @Field(() => [AuditActionEnum], {
    nullable: true,
    description: 'Only these actions, e.g. [ROLE_ASSIGN, ROLE_REVOKE]',
  })
  @IsOptional()
  @listMax()
  actions?: AuditAction[];

  @Field(() => [ID], { nullable: true, description: 'Only changes made by these people' })
  @IsOptional()
  @listMax()
  actorIds?: string[];

  @Field(() => Date, { nullable: true, description: 'Changes at or after this time' })
  from?: Date;

  @Field(() => Date, { nullable: true, description: 'Changes before this time' })
  to?: Date;
}

@ObjectType()
class AuditEntryConnection extends Connection(AuditEntry) {}

@ObjectType({ description: 'One field of an audited change, in the reader’s language' })
class AuditChange implements AuditChangeText {
  @Field({ description: 'The field as recorded, e.g. status' })
  field: string;

  @Field({ description: 'The field in words, e.g. 状态' })
  label: string;

  @Field(() => String, { nullable: true, description: 'In words (a status, a person’s name); null when it had none' })
  before: string | null;

  @Field(() => String, { nullable: true })
  after: string | null;
}

@Resolver(() => AuditEntry)
export class AuditResolver {
  @Authorized()
  @Query(() => AuditEntryConnection, {
    description:
      'Staff and administrators: changes in an area subtree, newest first, filtered by actions, people and time',
  })
  async auditLog(
    @Args() { areaId, actions, actorIds, from, to, ...page }: AuditLogArgs,
    @CurrentViewer() viewer: Viewer,
    @Ctx() { em }: Context,
  ) {
    const area = await getArea(em, areaId);
    requireRule(viewer, mayReadAuditLog, area);
    return listAuditEntries(em, area, { actions, actorIds, from, to }, page);
  }

  @FieldResolver(() => User, { nullable: true, description: 'Null for changes made by the system' })
  actor(@Root() entry: AuditEntry) {
    return entry.actor?.load({ dataloader: true }) ?? null;
  }

  @FieldResolver(() => Area, { nullable: true })
  area(@Root() entry: AuditEntry) {
    return entry.area?.load({ dataloader: true }) ?? null;
  }

  @Authorized()
  @FieldResolver(() => String, {
    nullable: true,
    description:
      'What was changed, in words: the need’s title, the area’s name, the person’s name; null when gone or not yours to see',
  })
  targetLabel(@Root() entry: AuditEntry, @CurrentViewer() viewer: Viewer, @Ctx() ctx: Context) {
    return requestLoader(ctx, 'audit.targetLabel', (entries: readonly AuditEntry[]) =>
      labelsOf(ctx.em, entries, { viewer, locale: ctx.locale }),
    ).load(entry);
  }

  @FieldResolver(() => [AuditChange], { description: 'Field by field, in your language' })
  changes(@Root() entry: AuditEntry, @Ctx() ctx: Context) {
    return requestLoader(ctx, 'audit.changes', (entries: readonly AuditEntry[]) =>
      changesOf(ctx.em, entries, ctx.locale),
    ).load(entry);
  }
}
