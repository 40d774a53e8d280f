import { graphql, PageInfoFields, type ResultOf } from './graphql';
import { AreaFields } from './areas';

/** A pledge (认领) as the need's page, a project's page and the lists show it. */
export const PledgeFields = graphql(`
  fragment PledgeFields on Pledge {
    id
    status
    description
    quantity
    measure
    quantityDelivered
    dueAt
    overdue
    note
    settledAt
    createdAt
    availableActions
    unit {
      id
      name
    }
    pledgedBy {
      id
      displayName
    }
    resource {
      id
      title
    }
    settledBy {
      id
      displayName
    }
    photos {
      id
      url
      thumbnailUrl
    }
    need {
      id
      title
    }
    project {
      id
      title
    }
  }
`);
export type PledgeItem = ResultOf<typeof PledgeFields>;

/** The need's pledges, the unit it is assigned to, and whether I may ask for pledges there. */
export const NeedPledgesQuery = graphql(
  `
    query NeedPledges($id: ID!) {
      need(id: $id) {
        id
        area {
          id
          viewerCan
        }
        assigneeUnit {
          id
          name
        }
        pledges {
          ...PledgeFields
        }
      }
    }
  `,
  [PledgeFields],
);

/** The units I represent, with what the server lets me do for each and what they can give. */
export const MyPledgingUnitsQuery = graphql(`
  query MyPledgingUnits {
    myUnits {
      id
      name
      availableActions
      resources(first: 50) {
        edges {
          node {
            id
            title
            measure
            quantityRemaining
            withdrawnAt
          }
        }
      }
    }
  }
`);

export const PledgeMutation = graphql(
  `
    mutation Pledge($input: PledgeInput!) {
      pledge(input: $input) {
        ...PledgeFields
      }
    }
  `,
  [PledgeFields],
);

export const ConfirmPledgeMutation = graphql(
  `
    mutation ConfirmPledge(
      $id: ID!
      $outcome: PledgeStatus!
      $quantityDelivered: Float
      $note: String
      $photoIds: [ID!]
    ) {
      confirmPledge(
        id: $id
        outcome: $outcome
        quantityDelivered: $quantityDelivered
        note: $note
        photoIds: $photoIds
      ) {
        ...PledgeFields
      }
    }
  `,
  [PledgeFields],
);

export const WithdrawPledgeMutation = graphql(
  `
    mutation WithdrawPledge($id: ID!, $reason: String!) {
      withdrawPledge(id: $id, reason: $reason) {
        ...PledgeFields
      }
    }
  `,
  [PledgeFields],
);

export const PledgesQuery = graphql(
  `
    query Pledges($filter: PledgeFilter, $first: Int, $after: String) {
      pledges(filter: $filter, first: $first, after: $after) {
        totalCount
        pageInfo {
          ...PageInfoFields
        }
        edges {
          node {
            ...PledgeFields
          }
        }
      }
    }
  `,
  [PledgeFields, PageInfoFields],
);

// ---------- suggested matches and requests to pledge (请求认领) ----------

/** A suggested resource or service, as both lists of matches select it. */
export const MatchFields = graphql(
  `
    fragment MatchFields on ResourceMatch {
      score
      reason
      resource {
        id
        title
        kind
        quantityRemaining
        measure
        unit {
          id
          name
        }
        offeredBy {
          id
          displayName
        }
      }
      service {
        id
        title
        remaining
        unit {
          id
          name
        }
        provider {
          id
          displayName
        }
        area {
          ...AreaFields
        }
      }
    }
  `,
  [AreaFields],
);

export const MatchesForNeedQuery = graphql(
  `
    query MatchesForNeed($needId: ID!, $first: Int) {
      matchesForNeed(needId: $needId, first: $first) {
        ...MatchFields
      }
    }
  `,
  [MatchFields],
);

export const MatchesForProjectQuery = graphql(
  `
    query MatchesForProject($projectId: ID!, $first: Int) {
      matchesForProject(projectId: $projectId, first: $first) {
        ...MatchFields
      }
    }
  `,
  [MatchFields],
);
export type Match = ResultOf<typeof MatchFields>;

export const PledgeRequestFields = graphql(`
  fragment PledgeRequestFields on PledgeRequest {
    id
    status
    note
    declineReason
    createdAt
    answeredAt
    availableActions
    need {
      id
      title
    }
    project {
      id
      title
    }
    resource {
      id
      title
      measure
      quantityRemaining
    }
    service {
      id
      title
    }
    unit {
      id
      name
    }
    person {
      id
      displayName
    }
    requestedBy {
      id
      displayName
    }
    pledge {
      id
      status
    }
  }
`);
export type PledgeRequestItem = ResultOf<typeof PledgeRequestFields>;

export const RequestPledgeMutation = graphql(
  `
    mutation RequestPledge($input: RequestPledgeInput!) {
      requestPledge(input: $input) {
        ...PledgeRequestFields
      }
    }
  `,
  [PledgeRequestFields],
);

export const PledgeRequestsQuery = graphql(
  `
    query PledgeRequests($filter: PledgeRequestFilter, $first: Int, $after: String) {
      pledgeRequests(filter: $filter, first: $first, after: $after) {
        totalCount
        pageInfo {
          ...PageInfoFields
        }
        edges {
          node {
            ...PledgeRequestFields
          }
        }
      }
    }
  `,
  [PledgeRequestFields, PageInfoFields],
);

export const DeclinePledgeRequestMutation = graphql(
  `
    mutation DeclinePledgeRequest($id: ID!, $reason: String!) {
      declinePledgeRequest(id: $id, reason: $reason) {
        ...PledgeRequestFields
      }
    }
  `,
  [PledgeRequestFields],
);
