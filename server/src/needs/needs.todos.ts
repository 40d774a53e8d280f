import type { EntityManager } from '@mikro-orm/postgresql';
import { Ctx, FieldResolver, Int, Resolver } from 'type-graphql';
import type { Viewer } from '../platform/auth/viewer.js';
import type { Context } from '../platform/context.js';
import { Todos } from '../todos/todos.type.js';
import { Need } from './need.entity.js';
import { NeedStatus } from './need.enums.js';
import type { NeedFilter } from './needs.inputs.js';
import { needFilterQuery } from './needs.queries.js';

/**
 * The needs' to-dos, each the totalCount of the list the home page's tile opens: the filter is
 * the list's own, so the number on the tile is the number of needs the list shows.
 */
export const NEED_TODO_FILTERS: Record<'toRate' | 'toAccept' | 'dueSoon' | 'overdue' | 'assignedToMe', NeedFilter> = {
  toRate: { mine: true, statuses: [NeedStatus.RESOLVED] },
  toAccept: { worksOn: true, statuses: [NeedStatus.SUBMITTED] },
  dueSoon: { worksOn: true, dueSoon: true },
  overdue: { worksOn: true, overdue: true },
  assignedToMe: { assignedToMe: true, statuses: [NeedStatus.ASSIGNED, NeedStatus.IN_PROGRESS] },
};

async function countNeeds(em: EntityManager, viewer: Viewer | null, filter: NeedFilter): Promise<number> {
  return em.count(Need, await needFilterQuery(em, viewer, filter));
}

@Resolver(() => Todos)
export class NeedTodosResolver {
  @FieldResolver(() => Int, { description: 'Your needs done and waiting for your rating (待您评价)' })
  toRate(@Ctx() { em, viewer }: Context) {
    return countNeeds(em, viewer, NEED_TODO_FILTERS.toRate);
  }

  @FieldResolver(() => Int, {
    description: 'Needs waiting to be accepted in the areas where you are staff or grid worker',
  })
  toAccept(@Ctx() { em, viewer }: Context) {
    return countNeeds(em, viewer, NEED_TODO_FILTERS.toAccept);
  }

  @FieldResolver(() => Int, { description: 'Open needs you work on due within 2 hours, not yet overdue' })
  dueSoon(@Ctx() { em, viewer }: Context) {
    return countNeeds(em, viewer, NEED_TODO_FILTERS.dueSoon);
  }

  @FieldResolver(() => Int, { description: 'Open needs you work on past their deadline' })
  overdue(@Ctx() { em, viewer }: Context) {
    return countNeeds(em, viewer, NEED_TODO_FILTERS.overdue);
  }

  @FieldResolver(() => Int, { description: 'Needs assigned to you, not yet done' })
  assignedToMe(@Ctx() { em, viewer }: Context) {
    return countNeeds(em, viewer, NEED_TODO_FILTERS.assignedToMe);
  }
}
