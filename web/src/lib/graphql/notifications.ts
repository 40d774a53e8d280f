import { graphql, PageInfoFields } from './graphql';

export const NotificationFields = graphql(`
  fragment NotificationFields on Notification {
    id
    kind
    title
    body
    read
    createdAt
    need {
      id
    }
    # Report-ins and units (共建): the page the notification opens.
    reportIn {
      id
      unit {
        id
      }
    }
    unit {
      id
    }
    # 议事: the topic, meeting, vote (an objection's), resolution or committee it is about.
    topic {
      id
    }
    meeting {
      id
    }
    vote {
      id
    }
    objection {
      id
      vote {
        id
      }
    }
    resolution {
      id
    }
    committee {
      id
    }
    # 志愿服务: the activity, team, correction, star, certificate or volunteer it is about.
    activity {
      id
    }
    team {
      id
    }
    correction {
      id
    }
    star {
      id
    }
    certificate {
      code
    }
    volunteer {
      id
    }
  }
`);

/** Newest first. */
export const NotificationsQuery = graphql(
  `
    query Notifications($unreadOnly: Boolean, $first: Int, $after: String) {
      notifications(unreadOnly: $unreadOnly, first: $first, after: $after) {
        totalCount
        pageInfo {
          ...PageInfoFields
        }
        edges {
          cursor
          node {
            ...NotificationFields
          }
        }
      }
    }
  `,
  [NotificationFields, PageInfoFields],
);

export const UnreadNotificationCountQuery = graphql(`
  query UnreadNotificationCount {
    unreadNotificationCount
  }
`);

/** Without ids: all of mine. */
export const MarkNotificationsReadMutation = graphql(`
  mutation MarkNotificationsRead($ids: [ID!]) {
    markNotificationsRead(ids: $ids)
  }
`);

export const NotificationAddedSubscription = graphql(`
  subscription NotificationAdded {
    notificationAdded {
      id
    }
  }
`);

export const NotificationPreferencesFields = graphql(`
  fragment NotificationPreferencesFields on NotificationPreferences {
    smsKinds
    smsAvailableKinds
    quietFrom
    quietTo
  }
`);

export const NotificationPreferencesQuery = graphql(
  `
    query NotificationPreferences {
      notificationPreferences {
        ...NotificationPreferencesFields
      }
    }
  `,
  [NotificationPreferencesFields],
);

export const UpdateNotificationPreferencesMutation = graphql(
  `
    mutation UpdateNotificationPreferences($input: NotificationPreferencesInput!) {
      updateNotificationPreferences(input: $input) {
        ...NotificationPreferencesFields
      }
    }
  `,
  [NotificationPreferencesFields],
);
