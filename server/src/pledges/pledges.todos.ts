import { Ctx, FieldResolver, Int, Resolver } from 'type-graphql';
import type { Context } from '../platform/context.js';
import { Todos } from '../todos/todos.type.js';
import type { PledgeFilter } from './pledges.inputs.js';
import { countPledges } from './pledges.queries.js';

/** The pledges' to-dos, each the totalCount of the list its tile opens (`pledges(filter: …)`). */
export const PLEDGE_TODO_FILTERS: Record<'pledgesToConfirm' | 'overduePledges', PledgeFilter> = {
  pledgesToConfirm: { toConfirm: true },
  overduePledges: { mine: true, overdue: true },
};

@Resolver(() => Todos)
export class PledgeTodosResolver {
  @FieldResolver(() => Int, {
    description:
      'Pledges waiting for your confirmation (CONFIRM_PLEDGES) in the areas where you confirm them, not your own',
  })
  pledgesToConfirm(@Ctx() ctx: Context) {
    return countPledges(ctx, PLEDGE_TODO_FILTERS.pledgesToConfirm);
  }

  @FieldResolver(() => Int, { description: 'Your and your units’ open pledges past their date' })
  overduePledges(@Ctx() ctx: Context) {
    return countPledges(ctx, PLEDGE_TODO_FILTERS.overduePledges);
  }
}
