import { Entity, PrimaryKey } from '@mikro-orm/decorators/legacy';

/**
 * That the workers of a need were told of its deadline: once per need, step (DUE_SOON or
 * OVERDUE) and deadline, so a new deadline (a reopened need) is told of again. The reminder
 * job inserts these before notifying; a need nobody works on is not looked at twice.
 */
@Entity()
export class NeedDeadlineNotice {
  @PrimaryKey()
  needId: number;

  @PrimaryKey({ length: 10 })
  step: string;

  @PrimaryKey()
  dueAt: Date;
}
