import { graphql, PageInfoFields, type ResultOf } from './graphql';
import { AreaFields } from './areas';

/** What a row in a list of needs shows. */
export const NeedListFields = graphql(
  `
    fragment NeedListFields on Need {
      id
      title
      category
      urgency
      channel
      ticketNumber
      status
      isPublic
      overdue
      dueAt
      dueSoon
      supporterCount
      supportedByMe
      respondBy
      resolveBy
      createdAt
      updatedAt
      availableActions
      area {
        ...AreaFields
      }
      assignee {
        id
        displayName
      }
    }
  `,
  [AreaFields],
);

/** Everything the detail page shows. */
export const NeedDetailFields = graphql(
  `
    fragment NeedDetailFields on Need {
      ...NeedListFields
      description
      rating
      ratingComment
      resolution
      respondedAt
      resolvedAt
      closedAt
      area {
        ...AreaFields
        ancestors {
          ...AreaFields
        }
      }
      responsibleArea {
        ...AreaFields
      }
      raisedBy {
        id
        displayName
        callablePhone
      }
      onBehalfOf {
        id
        displayName
        callablePhone
      }
      photos {
        id
        url
        thumbnailUrl
        stage
      }
      events {
        id
        at
        kind
        fromStatus
        toStatus
        note
        actor {
          id
          displayName
        }
        area {
          ...AreaFields
        }
        unit {
          id
          name
        }
      }
    }
  `,
  [NeedListFields, AreaFields],
);

export const NeedsQuery = graphql(
  `
    query Needs($filter: NeedFilter, $first: Int, $after: String) {
      needs(filter: $filter, first: $first, after: $after) {
        totalCount
        pageInfo {
          ...PageInfoFields
        }
        edges {
          cursor
          node {
            ...NeedListFields
          }
        }
      }
    }
  `,
  [NeedListFields, PageInfoFields],
);

export const NeedQuery = graphql(
  `
    query Need($id: ID!) {
      need(id: $id) {
        ...NeedDetailFields
      }
    }
  `,
  [NeedDetailFields],
);

export const RaiseNeedMutation = graphql(
  `
    mutation RaiseNeed($input: RaiseNeedInput!) {
      raiseNeed(input: $input) {
        ...NeedDetailFields
      }
    }
  `,
  [NeedDetailFields],
);

export const AcceptNeedMutation = graphql(
  `
    mutation AcceptNeed($id: ID!, $note: String) {
      acceptNeed(id: $id, note: $note) {
        ...NeedDetailFields
      }
    }
  `,
  [NeedDetailFields],
);

/** A null assignee gives the need to the one assigning it; a unit (驻区单位) takes the place of a person. */
export const AssignNeedMutation = graphql(
  `
    mutation AssignNeed($id: ID!, $assigneeUserId: ID, $assigneeUnitId: ID, $note: String) {
      assignNeed(id: $id, assigneeUserId: $assigneeUserId, assigneeUnitId: $assigneeUnitId, note: $note) {
        ...NeedDetailFields
      }
    }
  `,
  [NeedDetailFields],
);

export const StartNeedMutation = graphql(
  `
    mutation StartNeed($id: ID!, $note: String) {
      startNeed(id: $id, note: $note) {
        ...NeedDetailFields
      }
    }
  `,
  [NeedDetailFields],
);

/** 接单: accept (when still SUBMITTED), assign to me and start, in one step. */
export const TakeNeedMutation = graphql(
  `
    mutation TakeNeed($id: ID!, $note: String) {
      takeNeed(id: $id, note: $note) {
        ...NeedDetailFields
      }
    }
  `,
  [NeedDetailFields],
);

/** Batch 派单 from the inbox: the server answers per need (assigned ones, and why the others were not). */
export const AssignNeedsMutation = graphql(
  `
    mutation AssignNeeds($ids: [ID!]!, $assigneeUserId: ID, $note: String) {
      assignNeeds(ids: $ids, assigneeUserId: $assigneeUserId, note: $note) {
        needs {
          ...NeedListFields
        }
        failures {
          id
          code
          message
        }
      }
    }
  `,
  [NeedListFields],
);

/** Photos taken before and after the work, uploaded first as for raising a need. */
export const ResolveNeedMutation = graphql(
  `
    mutation ResolveNeed($id: ID!, $resolution: String!, $beforePhotoIds: [ID!], $afterPhotoIds: [ID!]) {
      resolveNeed(id: $id, resolution: $resolution, beforePhotoIds: $beforePhotoIds, afterPhotoIds: $afterPhotoIds) {
        ...NeedDetailFields
      }
    }
  `,
  [NeedDetailFields],
);

export const ConfirmNeedMutation = graphql(
  `
    mutation ConfirmNeed($id: ID!, $rating: Int!, $comment: String) {
      confirmNeed(id: $id, rating: $rating, comment: $comment) {
        ...NeedDetailFields
      }
    }
  `,
  [NeedDetailFields],
);

export const ReopenNeedMutation = graphql(
  `
    mutation ReopenNeed($id: ID!, $reason: String!) {
      reopenNeed(id: $id, reason: $reason) {
        ...NeedDetailFields
      }
    }
  `,
  [NeedDetailFields],
);

export const RejectNeedMutation = graphql(
  `
    mutation RejectNeed($id: ID!, $reason: String!) {
      rejectNeed(id: $id, reason: $reason) {
        ...NeedDetailFields
      }
    }
  `,
  [NeedDetailFields],
);

export const EscalateNeedMutation = graphql(
  `
    mutation EscalateNeed($id: ID!, $reason: String!) {
      escalateNeed(id: $id, reason: $reason) {
        ...NeedDetailFields
      }
    }
  `,
  [NeedDetailFields],
);

export const SupportNeedMutation = graphql(
  `
    mutation SupportNeed($id: ID!) {
      supportNeed(id: $id) {
        ...NeedListFields
      }
    }
  `,
  [NeedListFields],
);

export const CommentOnNeedMutation = graphql(
  `
    mutation CommentOnNeed($id: ID!, $note: String!) {
      commentOnNeed(id: $id, note: $note) {
        ...NeedDetailFields
      }
    }
  `,
  [NeedDetailFields],
);

const NeedStatsFields = graphql(
  `
    fragment NeedStatsFields on NeedStats {
      area {
        ...AreaFields
      }
      total
      responseRate
      resolutionRate
      satisfactionRate
      averageResponseHours
      overdueCount
    }
  `,
  [AreaFields],
);

export const NeedStatsQuery = graphql(
  `
    query NeedStats($areaId: ID!, $from: DateTime, $to: DateTime) {
      needStats(areaId: $areaId, from: $from, to: $to) {
        ...NeedStatsFields
        children {
          ...NeedStatsFields
        }
        atThisLevel {
          ...NeedStatsFields
        }
      }
    }
  `,
  [NeedStatsFields],
);

/** Per category: whether it is sensitive and whether a need of it is public unless the raiser says otherwise. */
export const NeedCategoryOptionsQuery = graphql(`
  query NeedCategoryOptions {
    needCategoryOptions {
      category
      sensitive
      publicByDefault
    }
  }
`);

/** How many of my needs wait for my rating (the 待评价 tab's count). */
export const NeedsToRateQuery = graphql(`
  query NeedsToRate {
    myTodos {
      toRate
    }
  }
`);

const NeedDeadlineFields = graphql(`
  fragment NeedDeadlineFields on NeedDeadline {
    category
    urgency
    respondHours
    resolveHours
  }
`);

/** Every category × urgency of a street: its own deadlines, or the defaults. */
export const NeedDeadlinesQuery = graphql(
  `
    query NeedDeadlines($streetId: ID!) {
      needDeadlines(streetId: $streetId) {
        ...NeedDeadlineFields
      }
    }
  `,
  [NeedDeadlineFields],
);

/** Administrators of the street; audited on the server. */
export const SetNeedDeadlineMutation = graphql(
  `
    mutation SetNeedDeadline(
      $streetId: ID!
      $category: NeedCategory!
      $urgency: Urgency!
      $respondHours: Int!
      $resolveHours: Int!
    ) {
      setNeedDeadline(
        streetId: $streetId
        category: $category
        urgency: $urgency
        respondHours: $respondHours
        resolveHours: $resolveHours
      ) {
        ...NeedDeadlineFields
      }
    }
  `,
  [NeedDeadlineFields],
);

/**
 * A need in the area's subtree was raised or changed. Only ids and versions are read:
 * each page fetches what it shows again, with the viewer's own permissions.
 */
export const NeedChangedSubscription = graphql(`
  subscription NeedChanged($areaId: ID!) {
    needChanged(areaId: $areaId) {
      id
      status
      updatedAt
    }
  }
`);

export type NeedListItem = ResultOf<typeof NeedListFields>;
export type NeedDetail = ResultOf<typeof NeedDetailFields>;
export type NeedDeadline = ResultOf<typeof NeedDeadlineFields>;
export type NeedStats = ResultOf<typeof NeedStatsQuery>['needStats'];

/** Who the need may be assigned to, as the server decides (unit contacts included): searchable and paged. */
export const AssignableUsersQuery = graphql(
  `
    query AssignableUsers($needId: ID!, $search: String, $first: Int, $after: String) {
      need(id: $needId) {
        id
        assignableUsers(search: $search, first: $first, after: $after) {
          totalCount
          pageInfo {
            ...PageInfoFields
          }
          edges {
            node {
              id
              displayName
              roles {
                id
                role
              }
            }
          }
        }
      }
    }
  `,
  [PageInfoFields],
);
export type AssignableUser = NonNullable<
  ResultOf<typeof AssignableUsersQuery>['need']
>['assignableUsers']['edges'][number]['node'];
