import { graphql, PageInfoFields, type ResultOf } from './graphql';
import { AreaFields } from './areas';
import { ResourceListFields } from './resources';

/** What a row in a list of units shows. */
export const UnitListFields = graphql(
  `
    fragment UnitListFields on Unit {
      id
      name
      kind
      isMine
      area {
        ...AreaFields
      }
    }
  `,
  [AreaFields],
);

export const ReportInFields = graphql(
  `
    fragment ReportInFields on ReportIn {
      id
      status
      reason
      createdAt
      answeredAt
      availableActions
      area {
        ...AreaFields
      }
      unit {
        id
        name
        kind
      }
      person {
        id
        displayName
      }
      workUnit {
        id
        name
      }
    }
  `,
  [AreaFields],
);

/** The figures of 共建评价 the unit page and the ranking show. */
export const UnitScoreFields = graphql(`
  fragment UnitScoreFields on UnitScore {
    pledges
    fulfilled
    partial
    notFulfilled
    withdrawn
    open
    overdue
    fulfilmentRate
    onTimeRate
    averageRating
    ratedNeeds
    contributionValue
    points
  }
`);

export const UnitsQuery = graphql(
  `
    query Units($filter: UnitFilter, $first: Int, $after: String) {
      units(filter: $filter, first: $first, after: $after) {
        totalCount
        pageInfo {
          ...PageInfoFields
        }
        edges {
          cursor
          node {
            ...UnitListFields
          }
        }
      }
    }
  `,
  [UnitListFields, PageInfoFields],
);

export type UnitListItem = ResultOf<typeof UnitsQuery>['units']['edges'][number]['node'];

/** The unit's page: the profile and what the server lets me do with it. */
export const UnitQuery = graphql(
  `
    query Unit($id: ID!) {
      unit(id: $id) {
        ...UnitListFields
        address
        contactName
        contactPhone
        partyOrganization
        createdAt
        availableActions
        area {
          ancestors {
            ...AreaFields
          }
          viewerCan
        }
        representatives {
          id
          displayName
          phone
        }
        reportIns {
          ...ReportInFields
        }
      }
    }
  `,
  [UnitListFields, ReportInFields, AreaFields],
);

export type UnitDetail = NonNullable<ResultOf<typeof UnitQuery>['unit']>;

/** A period's figures of the unit: score, needs rates and where its report for that period is. */
export const UnitPeriodQuery = graphql(
  `
    query UnitPeriod($id: ID!, $from: DateTime, $to: DateTime) {
      unit(id: $id) {
        id
        score(from: $from, to: $to) {
          ...UnitScoreFields
        }
        needRates(from: $from, to: $to) {
          total
          resolved
          responseRate
          resolutionRate
          satisfactionRate
          averageRating
        }
        reportUrl
      }
    }
  `,
  [UnitScoreFields],
);

/** The unit's resources (its offers). */
export const UnitResourcesQuery = graphql(
  `
    query UnitResources($id: ID!, $first: Int, $after: String) {
      unit(id: $id) {
        id
        resources(first: $first, after: $after) {
          totalCount
          pageInfo {
            ...PageInfoFields
          }
          edges {
            node {
              ...ResourceListFields
            }
          }
        }
      }
    }
  `,
  [ResourceListFields, PageInfoFields],
);

export const UnitServicesQuery = graphql(
  `
    query UnitServices($id: ID!, $first: Int, $after: String) {
      unit(id: $id) {
        id
        services(first: $first, after: $after) {
          totalCount
          pageInfo {
            ...PageInfoFields
          }
          edges {
            node {
              id
              title
              place
              capacity
              signupCount
              remaining
              closedAt
              schedule {
                weekdays
                startTime
                endTime
              }
            }
          }
        }
      }
    }
  `,
  [PageInfoFields],
);

export const UnitPledgesQuery = graphql(
  `
    query UnitPledges($id: ID!, $statuses: [PledgeStatus!], $first: Int, $after: String) {
      unit(id: $id) {
        id
        pledges(statuses: $statuses, first: $first, after: $after) {
          totalCount
          pageInfo {
            ...PageInfoFields
          }
          edges {
            node {
              id
              status
              description
              quantity
              measure
              quantityDelivered
              dueAt
              overdue
              createdAt
              need {
                id
                title
              }
              project {
                id
                title
              }
            }
          }
        }
      }
    }
  `,
  [PageInfoFields],
);

/** The units I represent. */
export const MyUnitsQuery = graphql(
  `
    query MyUnits {
      myUnits {
        ...UnitListFields
        availableActions
      }
    }
  `,
  [UnitListFields],
);

export const CreateUnitMutation = graphql(
  `
    mutation CreateUnit($input: CreateUnitInput!) {
      createUnit(input: $input) {
        ...UnitListFields
      }
    }
  `,
  [UnitListFields],
);

export const AddUnitRepresentativeMutation = graphql(`
  mutation AddUnitRepresentative($unitId: ID!, $userId: ID!) {
    addUnitRepresentative(unitId: $unitId, userId: $userId) {
      id
      representatives {
        id
        displayName
        phone
      }
    }
  }
`);

export const RemoveUnitRepresentativeMutation = graphql(`
  mutation RemoveUnitRepresentative($unitId: ID!, $userId: ID!) {
    removeUnitRepresentative(unitId: $unitId, userId: $userId) {
      id
      representatives {
        id
        displayName
        phone
      }
    }
  }
`);

export const ReportInsQuery = graphql(
  `
    query ReportIns($filter: ReportInFilter, $first: Int, $after: String) {
      reportIns(filter: $filter, first: $first, after: $after) {
        totalCount
        pageInfo {
          ...PageInfoFields
        }
        edges {
          node {
            ...ReportInFields
          }
        }
      }
    }
  `,
  [ReportInFields, PageInfoFields],
);

export type ReportInItem = ResultOf<typeof ReportInsQuery>['reportIns']['edges'][number]['node'];

/** 报到: a unit (unitId) or, without it, myself as a party member (workUnitId: where I work). */
export const ReportInMutation = graphql(
  `
    mutation ReportIn($unitId: ID, $areaId: ID!, $workUnitId: ID) {
      reportIn(unitId: $unitId, areaId: $areaId, workUnitId: $workUnitId) {
        ...ReportInFields
      }
    }
  `,
  [ReportInFields],
);

export const AcceptReportInMutation = graphql(
  `
    mutation AcceptReportIn($id: ID!) {
      acceptReportIn(id: $id) {
        ...ReportInFields
      }
    }
  `,
  [ReportInFields],
);

export const DeclineReportInMutation = graphql(
  `
    mutation DeclineReportIn($id: ID!, $reason: String!) {
      declineReportIn(id: $id, reason: $reason) {
        ...ReportInFields
      }
    }
  `,
  [ReportInFields],
);

/** My own report-ins as a party member (我的). */
export const MyReportInsQuery = graphql(
  `
    query MyReportIns {
      me {
        id
        reportIns {
          ...ReportInFields
        }
      }
    }
  `,
  [ReportInFields],
);

export const UnitRankingQuery = graphql(
  `
    query UnitRanking($areaId: ID!, $from: DateTime, $to: DateTime, $first: Int, $after: String) {
      unitRanking(areaId: $areaId, from: $from, to: $to, first: $first, after: $after) {
        totalCount
        pageInfo {
          ...PageInfoFields
        }
        edges {
          node {
            rank
            unit {
              ...UnitListFields
            }
            score {
              ...UnitScoreFields
            }
          }
        }
      }
    }
  `,
  [UnitListFields, UnitScoreFields, PageInfoFields],
);

export type UnitRankingEntry = ResultOf<typeof UnitRankingQuery>['unitRanking']['edges'][number]['node'];

/** The counts the 共建 hub shows for those they concern. */
export const TogetherTodosQuery = graphql(`
  query TogetherTodos {
    myTodos {
      reportInsToAnswer
      pledgeRequests
    }
  }
`);

/** The hub's few services near me (the list itself is /services). */
export const TogetherServicesQuery = graphql(`
  query TogetherServices($first: Int) {
    services(filter: { nearMe: true }, first: $first) {
      totalCount
      edges {
        node {
          id
          title
          place
          remaining
          unit {
            id
            name
          }
          schedule {
            weekdays
            startTime
            endTime
          }
        }
      }
    }
  }
`);

/** The hub's few projects under way (the list itself is /projects). */
export const TogetherProjectsQuery = graphql(
  `
    query TogetherProjects($first: Int) {
      projects(filter: { statuses: [ACTIVE, PLANNED] }, first: $first) {
        totalCount
        edges {
          node {
            id
            title
            status
            progress
            area {
              ...AreaFields
            }
          }
        }
      }
    }
  `,
  [AreaFields],
);
