import {
  Arg,
  Args,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  ID,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { Area } from '../areas/area.entity.js';
import { Committee } from '../committees/committee.entity.js';
import { Notification } from '../notifications/notification.entity.js';
import { User } from '../people/user.entity.js';
import { CurrentViewer } from '../platform/auth/auth-checker.js';
import type { Viewer } from '../platform/auth/viewer.js';
import type { Context } from '../platform/context.js';
import { findById } from '../platform/ids.js';
import { requestLoader } from '../platform/loaders.js';
import { Connection, PageArgs } from '../platform/pagination.js';
import { Topic } from '../topics/topic.entity.js';
import { mayRunVotes } from '../votes/votes.access.js';
import { Meeting, MeetingParticipant } from './meeting.entity.js';
import { mayRunMeetings } from './meetings.access.js';
import { MeetingAction } from './meetings.enums.js';
import {
  CancelArgs,
  CheckInArgs,
  InviteArgs,
  MeetingsArgs,
  MinutesArgs,
  ScheduleMeetingInput,
} from './meetings.inputs.js';
import {
  agendaOf,
  committeeMeetings,
  countsOf,
  listMeetings,
  meetingsOfTopic,
  minutesOf,
  myAttendanceOf,
  participantsOf,
  viewerLivesIn,
} from './meetings.queries.js';
import {
  checkInClosedReason,
  isOver,
  mayReadMinutes,
  maySeeParticipants,
  meetingActions,
  quorumNeeded,
  quorumReached,
  staffCheckInClosedReason,
} from './meetings.rules.js';
import {
  cancelMeeting,
  checkIn,
  inviteToMeeting,
  MEETING_SUBJECT,
  meetingCheckInCode,
  publishMinutes,
  scheduleMeeting,
  writeMinutes,
} from './meetings.service.js';

@ObjectType()
export class MeetingConnection extends Connection(Meeting) {}

@ObjectType({ description: 'The code shown in the room, rotating; the QR opens checkInUrl' })
class MeetingCheckInCode {
  @Field()
  code: string;

  @Field({ description: 'When the next code takes over (this one is still accepted for a minute after)' })
  expiresAt: Date;

  @Field({ description: 'The web page that checks the scanner in: /council/meetings/<id>/check-in?code=<code>' })
  checkInUrl: string;

  @Field({ description: 'The QR code of checkInUrl (on this server’s address) as an SVG document' })
  qrSvg: string;
}

const runs = (ctx: Context, meeting: Meeting) => !!ctx.viewer && mayRunMeetings(ctx.viewer, { path: meeting.areaPath });

@Resolver(() => Meeting)
export class MeetingsResolver {
  @Query(() => MeetingConnection, {
    description: 'Public. Upcoming (from without to) soonest first, otherwise latest first',
  })
  meetings(@Args() { filter, ...page }: MeetingsArgs, @Ctx() { em, viewer }: Context) {
    return listMeetings(em, viewer, filter, page);
  }

  @Query(() => Meeting, { nullable: true, description: 'Public; null when there is no such meeting' })
  meeting(@Arg('id', () => ID) id: string, @Ctx() { em }: Context) {
    return findById(em, Meeting, id);
  }

  @Authorized()
  @Query(() => MeetingCheckInCode, {
    description: "RUN_MEETINGS over the meeting's area: the current rotating code and its QR, while check-in is open",
  })
  meetingCheckInCode(
    @Arg('meetingId', () => ID) meetingId: string,
    @CurrentViewer() viewer: Viewer,
    @Ctx() { em, request }: Context,
  ) {
    return meetingCheckInCode(em, viewer, meetingId, `${request.protocol}://${request.host}`);
  }

  @Authorized()
  @Mutation(() => Meeting, { description: 'RUN_MEETINGS over the area (or the committee’s)' })
  scheduleMeeting(@Arg('input') input: ScheduleMeetingInput, @CurrentViewer() viewer: Viewer, @Ctx() { em }: Context) {
    return scheduleMeeting(em, viewer, input);
  }

  @Authorized()
  @Mutation(() => MeetingParticipant, {
    description: 'Self check-in with the code shown in the room, or (userId) staff checking someone in',
  })
  checkIn(@Args() args: CheckInArgs, @CurrentViewer() viewer: Viewer, @Ctx() { em }: Context) {
    return checkIn(em, viewer, args);
  }

  @Authorized()
  @Mutation(() => Meeting)
  inviteToMeeting(
    @Args() { meetingId, participants }: InviteArgs,
    @CurrentViewer() viewer: Viewer,
    @Ctx() { em }: Context,
  ) {
    return inviteToMeeting(em, viewer, meetingId, participants);
  }

  @Authorized()
  @Mutation(() => Meeting, { description: 'Until the minutes are published' })
  writeMinutes(@Args() { meetingId, text }: MinutesArgs, @CurrentViewer() viewer: Viewer, @Ctx() { em }: Context) {
    return writeMinutes(em, viewer, meetingId, text);
  }

  @Authorized()
  @Mutation(() => Meeting, { description: 'Written minutes, once' })
  publishMinutes(
    @Arg('meetingId', () => ID) meetingId: string,
    @CurrentViewer() viewer: Viewer,
    @Ctx() { em }: Context,
  ) {
    return publishMinutes(em, viewer, meetingId);
  }

  @Authorized()
  @Mutation(() => Meeting, { description: 'Before it is over; the reason goes on the record' })
  cancelMeeting(@Args() { id, reason }: CancelArgs, @CurrentViewer() viewer: Viewer, @Ctx() { em }: Context) {
    return cancelMeeting(em, viewer, id, reason);
  }

  @FieldResolver(() => Area)
  area(@Root() meeting: Meeting) {
    return meeting.area.loadOrFail({ dataloader: true });
  }

  @FieldResolver(() => Committee, { nullable: true })
  committee(@Root() meeting: Meeting) {
    return meeting.committee?.load({ dataloader: true }) ?? null;
  }

  @FieldResolver(() => [Topic], { description: 'The agenda, in order' })
  topics(@Root() meeting: Meeting, @Ctx() ctx: Context) {
    return agendaOf(ctx).load(meeting.id);
  }

  @FieldResolver(() => [MeetingParticipant], {
    description: 'Staff over the area and the participants see everyone; others only the counts',
  })
  async participants(@Root() meeting: Meeting, @Ctx() ctx: Context) {
    const participant = !!(await myAttendanceOf(ctx).load(meeting.id));
    if (!maySeeParticipants({ runs: runs(ctx, meeting), participant })) return [];
    return participantsOf(ctx).load(meeting.id);
  }

  @FieldResolver(() => MeetingParticipant, { nullable: true, description: "The viewer's own participation, if any" })
  myAttendance(@Root() meeting: Meeting, @Ctx() ctx: Context) {
    return myAttendanceOf(ctx).load(meeting.id);
  }

  @FieldResolver(() => Int)
  async invitedCount(@Root() meeting: Meeting, @Ctx() ctx: Context) {
    return (await countsOf(ctx).load(meeting.id)).invited;
  }

  @FieldResolver(() => Int, { description: 'Everyone checked in, invited or not' })
  async checkedInCount(@Root() meeting: Meeting, @Ctx() ctx: Context) {
    return (await countsOf(ctx).load(meeting.id)).checkedIn;
  }

  @FieldResolver(() => Int, {
    description: 'Check-ins needed for the quorum (of the invited: quorum share, or more than half)',
  })
  async quorumNeeded(@Root() meeting: Meeting, @Ctx() ctx: Context) {
    return quorumNeeded((await countsOf(ctx).load(meeting.id)).invited, meeting.quorum);
  }

  @FieldResolver(() => Boolean, { description: 'Enough of the invited have checked in' })
  async quorumReached(@Root() meeting: Meeting, @Ctx() ctx: Context) {
    const counts = await countsOf(ctx).load(meeting.id);
    return quorumReached(counts.invited, counts.invitedCheckedIn, meeting.quorum);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'Participants and staff over the area; everyone once published; null for others',
  })
  async minutes(@Root() meeting: Meeting, @Ctx() ctx: Context) {
    const published = !!meeting.minutesPublishedAt;
    const participant = !published && !!(await myAttendanceOf(ctx).load(meeting.id));
    if (!mayReadMinutes({ runs: runs(ctx, meeting), participant, published })) return null;
    return minutesOf(ctx).load(meeting.id);
  }

  @FieldResolver(() => [MeetingAction])
  async availableActions(@Root() meeting: Meeting, @Ctx() ctx: Context): Promise<MeetingAction[]> {
    const viewer = ctx.viewer;
    if (!viewer) return [];
    const now = new Date();
    const attendance = await myAttendanceOf(ctx).load(meeting.id);
    const runsMeeting = runs(ctx, meeting);
    const hasMinutes = runsMeeting && !meeting.minutesPublishedAt && !!(await minutesOf(ctx).load(meeting.id));
    return meetingActions({
      runs: runsMeeting,
      runsVotes: mayRunVotes(viewer, { path: meeting.areaPath }),
      signedIn: true,
      participant: !!attendance,
      checkedIn: !!attendance?.checkedInAt,
      livesInArea: !attendance && (await viewerLivesIn(ctx, meeting.areaPath)),
      kind: meeting.kind,
      cancelled: !!meeting.cancelledAt,
      checkInOpen: checkInClosedReason(meeting, now) === null,
      staffCheckInOpen: staffCheckInClosedReason(meeting, now) === null,
      over: isOver(meeting, now),
      hasMinutes,
      minutesPublished: !!meeting.minutesPublishedAt,
    });
  }
}

@Resolver(() => MeetingParticipant)
export class AttendanceResolver {
  @FieldResolver(() => User, { description: 'Display name only; the phone as User.phone shows it' })
  user(@Root() attendance: MeetingParticipant) {
    return attendance.user.loadOrFail({ dataloader: true });
  }

  @FieldResolver(() => Meeting)
  meeting(@Root() attendance: MeetingParticipant) {
    return attendance.meeting.loadOrFail({ dataloader: true });
  }
}

@Resolver(() => Committee)
export class CommitteeMeetingsResolver {
  @FieldResolver(() => MeetingConnection, { description: 'Meetings of this committee, newest first' })
  meetings(@Root() committee: Committee, @Args() page: PageArgs, @Ctx() ctx: Context) {
    return committeeMeetings(ctx, committee.id, page);
  }
}

@Resolver(() => Topic)
export class TopicMeetingsResolver {
  @FieldResolver(() => [Meeting], { description: 'Meetings that have it on their agenda' })
  meetings(@Root() topic: Topic, @Ctx() ctx: Context) {
    return meetingsOfTopic(ctx).load(topic.id);
  }
}

/** Notification.meeting: the meeting it is about, batched per request (meetings are public). */
@Resolver(() => Notification)
export class NotificationMeetingResolver {
  @FieldResolver(() => Meeting, { nullable: true, description: 'Null when about no meeting' })
  meeting(@Root() notification: Notification, @Ctx() ctx: Context): Promise<Meeting | null> | null {
    if (notification.subjectType !== MEETING_SUBJECT || !notification.subjectId) return null;
    return requestLoader<number, Meeting | null>(ctx, 'notificationMeeting', async (ids) => {
      const meetings = await ctx.em.find(Meeting, { id: { $in: [...ids] } });
      const byId = new Map(meetings.map((found) => [found.id, found]));
      return ids.map((id) => byId.get(id) ?? null);
    }).load(notification.subjectId);
  }
}
