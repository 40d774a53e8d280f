import { graphql } from './graphql';

/** The counts behind the home page's to-dos; each is a needs filter (see the schema). */
export const MyTodosQuery = graphql(`
  query MyTodos {
    myTodos {
      toRate
      toAccept
      dueSoon
      overdue
      assignedToMe
      pledgeRequests
      pledgesToConfirm
      overduePledges
      reportInsToAnswer
      votesToCast
      topicsToReview
      objectionsToAnswer
      lateResolutions
      promotionsToConfirm
      hoursToVerify
      correctionsToAnswer
      volunteersAwaitingConsent
      teamRequestsToApprove
    }
  }
`);

/** The one need waiting for my rating, when there is exactly one: the home page goes straight to it. */
export const NeedToRateQuery = graphql(`
  query NeedToRate {
    needs(filter: { mine: true, statuses: [RESOLVED] }, first: 1) {
      totalCount
      edges {
        node {
          id
        }
      }
    }
  }
`);
