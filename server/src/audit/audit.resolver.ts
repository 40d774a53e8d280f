import { IsOptional } from 'class-validator';
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
import { Connection, PageArgs } from '../platform/pagination.js';
import { requireRule } from '../platform/scope.js';
import { User } from '../people/user.entity.js';
import { AuditEntry } from './audit-entry.entity.js';
import { mayReadAuditLog } from './audit.rules.js';
import { listAuditEntries } from './audit.service.js';
import { AuditActionEnum, type AuditAction } from './audit.vocabulary.js';

@ArgsType()
class AuditLogArgs extends PageArgs {
  @Field(() => ID)
  areaId: string;

  @Field(() => [AuditActionEnum], {
    nullable: true,
    description: 'Only these actions, e.g. [ROLE_ASSIGN, ROLE_REVOKE]',
  })
  @IsOptional()
  actions?: AuditAction[];
}

@ObjectType()
class AuditEntryConnection extends Connection(AuditEntry) {}

@Resolver(() => AuditEntry)
export class AuditResolver {
  @Authorized()
  @Query(() => AuditEntryConnection, {
    description: 'Staff and administrators: changes in an area subtree, newest first',
  })
  async auditLog(
    @Args() { areaId, actions, ...page }: AuditLogArgs,
    @CurrentViewer() viewer: Viewer,
    @Ctx() { em }: Context,
  ) {
    const area = await getArea(em, areaId);
    requireRule(viewer, mayReadAuditLog, area);
    return listAuditEntries(em, area, actions, page);
  }

  @FieldResolver(() => User, { nullable: true, description: 'Null for changes made by the system' })
  actor(@Root() entry: AuditEntry) {
    return entry.actor?.load({ dataloader: true }) ?? null;
  }

  @FieldResolver(() => Area, { nullable: true })
  area(@Root() entry: AuditEntry) {
    return entry.area?.load({ dataloader: true }) ?? null;
  }
}
