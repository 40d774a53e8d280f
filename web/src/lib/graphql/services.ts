import { graphql, PageInfoFields, type ResultOf } from './graphql';
import { AreaFields } from './areas';

/** A service (便民服务) as the lists and its page show it. */
export const ServiceFields = graphql(
  `
    fragment ServiceFields on Service {
      id
      title
      description
      place
      capacity
      signupCount
      remaining
      closedAt
      createdAt
      availableActions
      schedule {
        weekdays
        startTime
        endTime
      }
      area {
        ...AreaFields
      }
      unit {
        id
        name
      }
      provider {
        id
        displayName
      }
      viewerSignup {
        id
        createdAt
      }
    }
  `,
  [AreaFields],
);
export type ServiceItem = ResultOf<typeof ServiceFields>;

export const ServicesQuery = graphql(
  `
    query Services($filter: ServiceFilter, $first: Int, $after: String) {
      services(filter: $filter, first: $first, after: $after) {
        totalCount
        pageInfo {
          ...PageInfoFields
        }
        edges {
          node {
            ...ServiceFields
          }
        }
      }
    }
  `,
  [ServiceFields, PageInfoFields],
);

export const ServiceQuery = graphql(
  `
    query Service($id: ID!) {
      service(id: $id) {
        ...ServiceFields
      }
    }
  `,
  [ServiceFields],
);

/** Who signed up: the server gives them to the provider, its unit's representatives and staff over the area. */
export const ServiceSignupsQuery = graphql(
  `
    query ServiceSignups($id: ID!, $first: Int, $after: String) {
      service(id: $id) {
        id
        signups(first: $first, after: $after) {
          totalCount
          pageInfo {
            ...PageInfoFields
          }
          edges {
            node {
              id
              note
              createdAt
              person {
                id
                displayName
                phone
                callablePhone
              }
            }
          }
        }
      }
    }
  `,
  [PageInfoFields],
);

export const SignUpForServiceMutation = graphql(
  `
    mutation SignUpForService($serviceId: ID!, $note: String) {
      signUpForService(serviceId: $serviceId, note: $note) {
        id
        service {
          ...ServiceFields
        }
      }
    }
  `,
  [ServiceFields],
);

export const CancelServiceSignupMutation = graphql(`
  mutation CancelServiceSignup($id: ID!) {
    cancelServiceSignup(id: $id)
  }
`);

export const CloseServiceMutation = graphql(
  `
    mutation CloseService($id: ID!) {
      closeService(id: $id) {
        ...ServiceFields
      }
    }
  `,
  [ServiceFields],
);

export const PublishServiceMutation = graphql(
  `
    mutation PublishService($input: PublishServiceInput!) {
      publishService(input: $input) {
        ...ServiceFields
      }
    }
  `,
  [ServiceFields],
);

/** The units I represent and whether the server lets me publish a service for each. */
export const MyPublishingUnitsQuery = graphql(
  `
    query MyPublishingUnits {
      myUnits {
        id
        name
        availableActions
        area {
          ...AreaFields
        }
      }
    }
  `,
  [AreaFields],
);
