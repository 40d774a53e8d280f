import type { EntityManager } from '@mikro-orm/postgresql';
import { Arg, Ctx, ID, Resolver, Root, Subscription } from 'type-graphql';
import type { Context } from '../platform/context.js';
import { notFound } from '../platform/errors.js';
import type { EventBus } from '../platform/events.js';
import { findById } from '../platform/ids.js';
import { Meeting } from './meeting.entity.js';

const MEETING_CHANGED = 'MEETING_CHANGED';

/** What travels between instances: which meeting, nothing else (each subscriber reads what it may see). */
export interface MeetingChange {
  meetingId: number;
}

/**
 * Tells the meeting's subscribers on every instance (through the event bus: Redis, or
 * PostgreSQL LISTEN/NOTIFY) that check-ins, minutes or its state changed. Call after commit
 * (services use afterCommit).
 */
export function publishMeetingChange(events: EventBus, meetingId: number): void {
  events.publish(MEETING_CHANGED, meetingId, { meetingId } satisfies MeetingChange);
}

/**
 * The meeting as committed, read once per event on this instance and shared by its subscribers
 * (they get the same payload object): a room's worth of phones is one read, not one each.
 */
const meetingsByChange = new WeakMap<MeetingChange, Promise<Meeting | null>>();

function freshMeeting(change: MeetingChange, em: EntityManager): Promise<Meeting | null> {
  let meeting = meetingsByChange.get(change);
  if (!meeting) {
    meeting = em.fork().findOne(Meeting, change.meetingId);
    meetingsByChange.set(change, meeting);
  }
  return meeting;
}

@Resolver()
export class MeetingsLiveResolver {
  @Subscription(() => Meeting, {
    description: 'Check-ins, quorum, minutes as they change, from any instance',
    subscribe: async ({ args, context }) => {
      const ctx = context as Context;
      // Meetings are public; each field still answers what this subscriber may see.
      const meeting = await findById(ctx.em, Meeting, (args as { id: string }).id);
      if (!meeting) throw notFound();
      return ctx.events.subscribe(MEETING_CHANGED, meeting.id) as AsyncIterable<MeetingChange>;
    },
  })
  async meetingChanged(
    @Arg('id', () => ID) _id: string,
    @Root() change: MeetingChange,
    @Ctx() { em }: Context,
  ): Promise<Meeting> {
    const meeting = await freshMeeting(change, em);
    if (!meeting) throw notFound();
    return meeting;
  }
}
