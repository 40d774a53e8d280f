import { graphql, PageInfoFields, type ResultOf } from './graphql';
import { AreaFields } from './areas';

// The staff side of 议事 (deliberation): committees, households, meetings and their console
// (check-in, votes, minutes), resolutions. What a viewer may do comes with each object
// (availableActions) or with its area (viewerCan); the pages only show what those allow.

// ---------- committees ----------

export const CommitteeMemberFields = graphql(`
  fragment CommitteeMemberFields on CommitteeMember {
    id
    seat
    title
    user {
      id
      displayName
    }
    unit {
      id
      name
    }
  }
`);

export const CommitteeFields = graphql(
  `
    fragment CommitteeFields on Committee {
      id
      name
      kind
      termStart
      termEnd
      active
      availableActions
      area {
        ...AreaFields
      }
      members {
        ...CommitteeMemberFields
      }
    }
  `,
  [AreaFields, CommitteeMemberFields],
);

export const CommitteesQuery = graphql(
  `
    query Committees($areaId: ID!) {
      committees(areaId: $areaId) {
        ...CommitteeFields
      }
    }
  `,
  [CommitteeFields],
);

export type CommitteeItem = ResultOf<typeof CommitteesQuery>['committees'][number];

export const CommitteeQuery = graphql(
  `
    query Committee($id: ID!) {
      committee(id: $id) {
        ...CommitteeFields
        area {
          viewerCan
        }
      }
    }
  `,
  [CommitteeFields],
);

export const CreateCommitteeMutation = graphql(
  `
    mutation CreateCommittee($input: CreateCommitteeInput!) {
      createCommittee(input: $input) {
        ...CommitteeFields
      }
    }
  `,
  [CommitteeFields],
);

export const AddCommitteeMemberMutation = graphql(
  `
    mutation AddCommitteeMember($input: AddCommitteeMemberInput!) {
      addCommitteeMember(input: $input) {
        ...CommitteeMemberFields
      }
    }
  `,
  [CommitteeMemberFields],
);

export const RemoveCommitteeMemberMutation = graphql(
  `
    mutation RemoveCommitteeMember($id: ID!) {
      removeCommitteeMember(id: $id) {
        ...CommitteeFields
      }
    }
  `,
  [CommitteeFields],
);

// ---------- households ----------

export const HouseholdFields = graphql(
  `
    fragment HouseholdFields on Household {
      id
      label
      floorArea
      building {
        ...AreaFields
      }
      representative {
        id
        displayName
      }
      members {
        id
        isOwner
        adult
        user {
          id
          displayName
        }
      }
    }
  `,
  [AreaFields],
);

export const HouseholdsQuery = graphql(
  `
    query Households($areaId: ID!, $search: String, $first: Int, $after: String) {
      households(areaId: $areaId, search: $search, first: $first, after: $after) {
        totalCount
        pageInfo {
          ...PageInfoFields
        }
        edges {
          cursor
          node {
            ...HouseholdFields
          }
        }
      }
    }
  `,
  [HouseholdFields, PageInfoFields],
);

export type HouseholdItem = ResultOf<typeof HouseholdsQuery>['households']['edges'][number]['node'];

export const HouseholdQuery = graphql(
  `
    query Household($id: ID!) {
      household(id: $id) {
        ...HouseholdFields
        building {
          ancestors {
            ...AreaFields
          }
        }
      }
    }
  `,
  [HouseholdFields, AreaFields],
);

export const RegisterHouseholdMutation = graphql(
  `
    mutation RegisterHousehold($input: RegisterHouseholdInput!) {
      registerHousehold(input: $input) {
        ...HouseholdFields
      }
    }
  `,
  [HouseholdFields],
);

export const SetHouseholdMemberMutation = graphql(
  `
    mutation SetHouseholdMember($input: HouseholdMemberInput!) {
      setHouseholdMember(input: $input) {
        ...HouseholdFields
      }
    }
  `,
  [HouseholdFields],
);

export const RemoveHouseholdMemberMutation = graphql(
  `
    mutation RemoveHouseholdMember($householdId: ID!, $userId: ID!) {
      removeHouseholdMember(householdId: $householdId, userId: $userId) {
        ...HouseholdFields
      }
    }
  `,
  [HouseholdFields],
);

export const SetHouseholdRepresentativeMutation = graphql(
  `
    mutation SetHouseholdRepresentative($householdId: ID!, $userId: ID) {
      setHouseholdRepresentative(householdId: $householdId, userId: $userId) {
        ...HouseholdFields
      }
    }
  `,
  [HouseholdFields],
);

export const SetHouseholdFloorAreaMutation = graphql(
  `
    mutation SetHouseholdFloorArea($householdId: ID!, $floorArea: Float) {
      setHouseholdFloorArea(householdId: $householdId, floorArea: $floorArea) {
        ...HouseholdFields
      }
    }
  `,
  [HouseholdFields],
);

// ---------- scheduling a meeting ----------

/** Topics that may go on an agenda: admitted (or already scheduled) ones of the area. */
export const AgendaTopicsQuery = graphql(`
  query AgendaTopics($areaId: ID!) {
    topics(filter: { areaId: $areaId, statuses: [ADMITTED, SCHEDULED] }, first: 50) {
      totalCount
      edges {
        node {
          id
          title
          status
          supporterCount
          area {
            id
            name
          }
        }
      }
    }
  }
`);

export const ScheduleMeetingMutation = graphql(`
  mutation ScheduleMeeting($input: ScheduleMeetingInput!) {
    scheduleMeeting(input: $input) {
      id
    }
  }
`);

// ---------- the meeting console ----------

export const StaffVoteFields = graphql(`
  fragment StaffVoteFields on Vote {
    id
    title
    status
    method
    maxChoices
    electorate
    rulePreset
    threshold
    secret
    closesAt
    closedAt
    eligibleCount
    ballotsCast
    turnout
    quorumReached
    outcome
    outcomeExplanation
    publishedAt
    availableActions
    topic {
      id
      title
    }
    options {
      id
      label
      position
    }
    results {
      count
      area
      option {
        id
      }
    }
  }
`);

/** What changes in the room as people arrive: the console takes it from the query and from meetingChanged. */
export const MeetingLiveFields = graphql(`
  fragment MeetingLiveFields on Meeting {
    id
    invitedCount
    checkedInCount
    quorumNeeded
    quorumReached
    minutes
    minutesPublishedAt
    cancelledAt
    availableActions
    participants {
      id
      role
      invited
      checkedInAt
      checkInMethod
      user {
        id
        displayName
      }
    }
  }
`);

export const MeetingConsoleQuery = graphql(
  `
    query MeetingConsole($id: ID!) {
      meeting(id: $id) {
        ...MeetingLiveFields
        title
        kind
        startsAt
        endsAt
        place
        onlineUrl
        quorum
        area {
          ...AreaFields
          viewerCan
        }
        committee {
          id
          name
        }
        topics {
          id
          title
          status
        }
        votes {
          ...StaffVoteFields
        }
      }
    }
  `,
  [MeetingLiveFields, StaffVoteFields, AreaFields],
);

export type MeetingConsole = NonNullable<ResultOf<typeof MeetingConsoleQuery>['meeting']>;
export type MeetingLive = ResultOf<typeof MeetingLiveFields>;
export type StaffVote = MeetingConsole['votes'][number];
export type Participant = MeetingConsole['participants'][number];

export const MeetingChangedSubscription = graphql(
  `
    subscription MeetingChanged($id: ID!) {
      meetingChanged(id: $id) {
        ...MeetingLiveFields
      }
    }
  `,
  [MeetingLiveFields],
);

export const StaffVoteQuery = graphql(
  `
    query StaffVote($id: ID!) {
      vote(id: $id) {
        ...StaffVoteFields
      }
    }
  `,
  [StaffVoteFields],
);

export const VoteChangedSubscription = graphql(
  `
    subscription StaffVoteChanged($id: ID!) {
      voteChanged(id: $id) {
        ...StaffVoteFields
      }
    }
  `,
  [StaffVoteFields],
);

export const MeetingCheckInCodeQuery = graphql(`
  query MeetingCheckInCode($meetingId: ID!) {
    meetingCheckInCode(meetingId: $meetingId) {
      code
      expiresAt
      checkInUrl
      qrSvg
    }
  }
`);

export const StaffCheckInMutation = graphql(`
  mutation StaffCheckIn($meetingId: ID!, $userId: ID!) {
    checkIn(meetingId: $meetingId, userId: $userId) {
      id
      checkedInAt
      checkInMethod
    }
  }
`);

export const OpenVoteMutation = graphql(
  `
    mutation OpenVote($input: OpenVoteInput!) {
      openVote(input: $input) {
        ...StaffVoteFields
      }
    }
  `,
  [StaffVoteFields],
);

export const CloseVoteMutation = graphql(
  `
    mutation CloseVote($id: ID!) {
      closeVote(id: $id) {
        ...StaffVoteFields
      }
    }
  `,
  [StaffVoteFields],
);

export const RecordPaperBallotMutation = graphql(`
  mutation RecordPaperBallot($voteId: ID!, $userId: ID!, $optionIds: [ID!]!) {
    recordPaperBallot(voteId: $voteId, userId: $userId, optionIds: $optionIds)
  }
`);

export const WriteMinutesMutation = graphql(
  `
    mutation WriteMinutes($meetingId: ID!, $text: String!) {
      writeMinutes(meetingId: $meetingId, text: $text) {
        ...MeetingLiveFields
      }
    }
  `,
  [MeetingLiveFields],
);

export const PublishMinutesMutation = graphql(
  `
    mutation PublishMinutes($meetingId: ID!) {
      publishMinutes(meetingId: $meetingId) {
        ...MeetingLiveFields
      }
    }
  `,
  [MeetingLiveFields],
);

// ---------- resolutions ----------

export const ResolutionListFields = graphql(
  `
    fragment ResolutionListFields on Resolution {
      id
      title
      percent
      status
      dueAt
      doneAt
      late
      area {
        ...AreaFields
      }
      ownerUser {
        id
        displayName
      }
      ownerUnit {
        id
        name
      }
    }
  `,
  [AreaFields],
);

export const ResolutionsQuery = graphql(
  `
    query Resolutions($filter: ResolutionFilter, $first: Int, $after: String) {
      resolutions(filter: $filter, first: $first, after: $after) {
        totalCount
        pageInfo {
          ...PageInfoFields
        }
        edges {
          cursor
          node {
            ...ResolutionListFields
          }
        }
      }
    }
  `,
  [ResolutionListFields, PageInfoFields],
);

export type ResolutionItem = ResultOf<typeof ResolutionsQuery>['resolutions']['edges'][number]['node'];

export const ResolutionDetailFields = graphql(
  `
    fragment ResolutionDetailFields on Resolution {
      ...ResolutionListFields
      createdAt
      availableActions
      vote {
        id
        title
      }
      topic {
        id
        title
      }
      project {
        id
        title
      }
      updates {
        id
        percent
        note
        createdAt
        author {
          id
          displayName
        }
        photos {
          id
          url
          thumbnailUrl
          width
          height
        }
      }
    }
  `,
  [ResolutionListFields],
);

export const ResolutionQuery = graphql(
  `
    query Resolution($id: ID!) {
      resolution(id: $id) {
        ...ResolutionDetailFields
      }
    }
  `,
  [ResolutionDetailFields],
);

export type ResolutionDetail = NonNullable<ResultOf<typeof ResolutionQuery>['resolution']>;

export const UpdateResolutionProgressMutation = graphql(
  `
    mutation UpdateResolutionProgress($id: ID!, $percent: Int!, $note: String!, $photoIds: [ID!]) {
      updateResolutionProgress(id: $id, percent: $percent, note: $note, photoIds: $photoIds) {
        ...ResolutionDetailFields
      }
    }
  `,
  [ResolutionDetailFields],
);

export const MakeProjectFromResolutionMutation = graphql(
  `
    mutation MakeProjectFromResolution($id: ID!) {
      makeProjectFromResolution(id: $id) {
        ...ResolutionDetailFields
      }
    }
  `,
  [ResolutionDetailFields],
);

/** The passed vote a resolution is recorded for, with its area (where the owner is chosen). */
export const VoteForResolutionQuery = graphql(
  `
    query VoteForResolution($id: ID!) {
      vote(id: $id) {
        id
        title
        outcome
        status
        area {
          ...AreaFields
          viewerCan
        }
        topic {
          id
          title
        }
      }
    }
  `,
  [AreaFields],
);

export const RecordResolutionMutation = graphql(`
  mutation RecordResolution($input: RecordResolutionInput!) {
    recordResolution(input: $input) {
      id
    }
  }
`);
