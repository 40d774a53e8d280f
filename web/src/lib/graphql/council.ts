import { graphql, PageInfoFields, type ResultOf } from './graphql';
import { AreaFields } from './areas';

// 议事厅, the resident side of deliberation: topics, meetings, votes and the public board (公示栏).
// Everything here is readable signed out except what is the viewer's own (myAttendance, viewer*).

// ---------- topics ----------

/** What a row in a list of topics shows. */
export const TopicListFields = graphql(
  `
    fragment TopicListFields on Topic {
      id
      title
      status
      supporterCount
      supportThreshold
      viewerSupports
      createdAt
      area {
        ...AreaFields
      }
      proposer {
        id
        displayName
      }
    }
  `,
  [AreaFields],
);

export const TopicsQuery = graphql(
  `
    query Topics($filter: TopicFilter, $first: Int, $after: String) {
      topics(filter: $filter, first: $first, after: $after) {
        totalCount
        pageInfo {
          ...PageInfoFields
        }
        edges {
          cursor
          node {
            ...TopicListFields
          }
        }
      }
    }
  `,
  [TopicListFields, PageInfoFields],
);

export type TopicListItem = ResultOf<typeof TopicsQuery>['topics']['edges'][number]['node'];

export const TopicFields = graphql(
  `
    fragment TopicFields on Topic {
      ...TopicListFields
      description
      declineReason
      admittedAt
      template
      stage
      availableActions
      stages {
        index
        label
        reachedAt
        note
      }
      need {
        id
        title
      }
      meetings {
        id
        title
        startsAt
        place
        cancelledAt
      }
      votes {
        id
        title
        status
        outcome
        closesAt
      }
      resolutions {
        id
        title
        percent
        status
        late
        dueAt
      }
    }
  `,
  [TopicListFields],
);

export const TopicQuery = graphql(
  `
    query Topic($id: ID!) {
      topic(id: $id) {
        ...TopicFields
      }
    }
  `,
  [TopicFields],
);

export type TopicDetail = NonNullable<ResultOf<typeof TopicQuery>['topic']>;

export const ProposeTopicMutation = graphql(
  `
    mutation ProposeTopic($input: ProposeTopicInput!) {
      proposeTopic(input: $input) {
        ...TopicListFields
      }
    }
  `,
  [TopicListFields],
);

export const SupportTopicMutation = graphql(
  `
    mutation SupportTopic($id: ID!) {
      supportTopic(id: $id) {
        ...TopicFields
      }
    }
  `,
  [TopicFields],
);

export const AdmitTopicMutation = graphql(
  `
    mutation AdmitTopic($id: ID!) {
      admitTopic(id: $id) {
        ...TopicFields
      }
    }
  `,
  [TopicFields],
);

export const DeclineTopicMutation = graphql(
  `
    mutation DeclineTopic($id: ID!, $reason: String!) {
      declineTopic(id: $id, reason: $reason) {
        ...TopicFields
      }
    }
  `,
  [TopicFields],
);

export const AdvanceTopicStageMutation = graphql(
  `
    mutation AdvanceTopicStage($id: ID!, $note: String) {
      advanceTopicStage(id: $id, note: $note) {
        ...TopicFields
      }
    }
  `,
  [TopicFields],
);

/** The need a topic is proposed from: its words start the topic, its community is the topic's. */
export const NeedForTopicQuery = graphql(
  `
    query NeedForTopic($id: ID!) {
      need(id: $id) {
        id
        title
        description
        area {
          ...AreaFields
          ancestors {
            ...AreaFields
          }
        }
      }
    }
  `,
  [AreaFields],
);

// ---------- meetings ----------

export const MeetingListFields = graphql(
  `
    fragment MeetingListFields on Meeting {
      id
      title
      kind
      startsAt
      endsAt
      place
      onlineUrl
      cancelledAt
      invitedCount
      checkedInCount
      area {
        ...AreaFields
      }
      myAttendance {
        id
        invited
        checkedInAt
      }
    }
  `,
  [AreaFields],
);

export const MeetingsQuery = graphql(
  `
    query Meetings($filter: MeetingFilter, $first: Int, $after: String) {
      meetings(filter: $filter, first: $first, after: $after) {
        totalCount
        pageInfo {
          ...PageInfoFields
        }
        edges {
          cursor
          node {
            ...MeetingListFields
          }
        }
      }
    }
  `,
  [MeetingListFields, PageInfoFields],
);

export type MeetingListItem = ResultOf<typeof MeetingsQuery>['meetings']['edges'][number]['node'];

/** What changes while a meeting runs (check-ins, quorum, minutes): the page and the live updates share it. */
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
  }
`);

export const MeetingQuery = graphql(
  `
    query Meeting($id: ID!) {
      meeting(id: $id) {
        ...MeetingListFields
        ...MeetingLiveFields
        quorum
        availableActions
        committee {
          id
          name
        }
        topics {
          id
          title
          status
        }
        myAttendance {
          id
          role
          invited
          checkedInAt
          checkInMethod
        }
        votes {
          id
          title
          status
          closesAt
          outcome
          viewerEligible
          viewerHasVoted
        }
      }
    }
  `,
  [MeetingListFields, MeetingLiveFields],
);

export type MeetingDetail = NonNullable<ResultOf<typeof MeetingQuery>['meeting']>;

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

/** Self check-in with the code shown in the room. */
export const CheckInMutation = graphql(
  `
    mutation CheckIn($meetingId: ID!, $code: String) {
      checkIn(meetingId: $meetingId, code: $code) {
        id
        checkedInAt
        checkInMethod
        meeting {
          ...MeetingLiveFields
          title
          availableActions
        }
      }
    }
  `,
  [MeetingLiveFields],
);

// ---------- votes ----------

/** What changes while a vote runs and when it closes: the page and the live updates share it. */
export const VoteLiveFields = graphql(`
  fragment VoteLiveFields on Vote {
    id
    status
    closedAt
    eligibleCount
    ballotsCast
    turnout
    quorumReached
    eligibleArea
    participatingArea
    results {
      option {
        id
      }
      count
      area
    }
    outcome
    outcomeExplanation
    publishedAt
    publicityEndsAt
    resultPdfUrl
  }
`);

export const ObjectionFields = graphql(`
  fragment ObjectionFields on Objection {
    id
    reason
    answer
    answeredAt
    availableActions
    createdAt
    author {
      id
      displayName
    }
  }
`);

export const VoteFields = graphql(
  `
    fragment VoteFields on Vote {
      ...VoteLiveFields
      title
      description
      method
      maxChoices
      threshold
      electorate
      rulePreset
      secret
      quorum
      opensAt
      closesAt
      viewerEligible
      viewerHasVoted
      availableActions
      options {
        id
        label
        position
      }
      area {
        ...AreaFields
        ancestors {
          ...AreaFields
        }
      }
      meeting {
        id
        title
      }
      topic {
        id
        title
      }
      objections {
        ...ObjectionFields
      }
    }
  `,
  [VoteLiveFields, ObjectionFields, AreaFields],
);

export const VoteQuery = graphql(
  `
    query Vote($id: ID!) {
      vote(id: $id) {
        ...VoteFields
      }
    }
  `,
  [VoteFields],
);

export type VoteDetail = NonNullable<ResultOf<typeof VoteQuery>['vote']>;

export const VoteChangedSubscription = graphql(
  `
    subscription VoteChanged($id: ID!) {
      voteChanged(id: $id) {
        ...VoteLiveFields
      }
    }
  `,
  [VoteLiveFields],
);

export const CastBallotMutation = graphql(
  `
    mutation CastBallot($voteId: ID!, $optionIds: [ID!]!) {
      castBallot(voteId: $voteId, optionIds: $optionIds) {
        receipt
        vote {
          ...VoteFields
        }
      }
    }
  `,
  [VoteFields],
);

export const VerifyBallotQuery = graphql(`
  query VerifyBallot($voteId: ID!, $receipt: String!) {
    verifyBallot(voteId: $voteId, receipt: $receipt)
  }
`);

/** The vote's name for the receipt check page. */
export const VoteTitleQuery = graphql(`
  query VoteTitle($id: ID!) {
    vote(id: $id) {
      id
      title
      status
    }
  }
`);

export const VoteListFields = graphql(
  `
    fragment VoteListFields on Vote {
      id
      title
      status
      closesAt
      eligibleCount
      ballotsCast
      viewerHasVoted
      area {
        ...AreaFields
      }
    }
  `,
  [AreaFields],
);

export const VotesQuery = graphql(
  `
    query Votes($filter: VoteFilter, $first: Int, $after: String) {
      votes(filter: $filter, first: $first, after: $after) {
        totalCount
        pageInfo {
          ...PageInfoFields
        }
        edges {
          cursor
          node {
            ...VoteListFields
          }
        }
      }
    }
  `,
  [VoteListFields, PageInfoFields],
);

export type VoteListItem = ResultOf<typeof VotesQuery>['votes']['edges'][number]['node'];

export const ObjectToResultMutation = graphql(
  `
    mutation ObjectToResult($voteId: ID!, $reason: String!) {
      objectToResult(voteId: $voteId, reason: $reason) {
        ...ObjectionFields
      }
    }
  `,
  [ObjectionFields],
);

export const AnswerObjectionMutation = graphql(
  `
    mutation AnswerObjection($id: ID!, $answer: String!) {
      answerObjection(id: $id, answer: $answer) {
        ...ObjectionFields
      }
    }
  `,
  [ObjectionFields],
);

// ---------- the hub ----------

/** The committees I sit on. */
export const MyCommitteesQuery = graphql(
  `
    query MyCommittees {
      myCommittees {
        id
        name
        kind
        active
        area {
          ...AreaFields
        }
      }
    }
  `,
  [AreaFields],
);

/** The four counts of 议事 on the home page and the hub. */
export const CouncilTodosQuery = graphql(`
  query CouncilTodos {
    myTodos {
      votesToCast
      topicsToReview
      objectionsToAnswer
      lateResolutions
    }
  }
`);

// ---------- the public board (公示栏) ----------

export const BoardAreaQuery = graphql(
  `
    query BoardArea($id: ID!) {
      area(id: $id) {
        ...AreaFields
        ancestors {
          ...AreaFields
        }
      }
    }
  `,
  [AreaFields],
);

export const BoardItemFields = graphql(
  `
    fragment BoardItemFields on BoardItem {
      id
      kind
      publishedAt
      inPublicity
      vote {
        id
        title
        outcome
        outcomeExplanation
        eligibleCount
        ballotsCast
        turnout
        publicityEndsAt
        resultPdfUrl
        area {
          ...AreaFields
        }
      }
      resolution {
        id
        title
        percent
        status
        late
        dueAt
        ownerUser {
          id
          displayName
        }
        ownerUnit {
          id
          name
        }
        area {
          ...AreaFields
        }
      }
      meeting {
        id
        title
        startsAt
        minutes
        area {
          ...AreaFields
        }
      }
    }
  `,
  [AreaFields],
);

export const PublicBoardQuery = graphql(
  `
    query PublicBoard($areaId: ID!, $first: Int, $after: String) {
      publicBoard(areaId: $areaId, first: $first, after: $after) {
        totalCount
        pageInfo {
          ...PageInfoFields
        }
        edges {
          cursor
          node {
            ...BoardItemFields
          }
        }
      }
    }
  `,
  [BoardItemFields, PageInfoFields],
);

export type BoardItem = ResultOf<typeof PublicBoardQuery>['publicBoard']['edges'][number]['node'];
