import { graphql, PageInfoFields } from './graphql';
import { AreaFields } from './areas';

export const AuditLogQuery = graphql(
  `
    query AuditLog(
      $areaId: ID!
      $actions: [AuditAction!]
      $actorIds: [ID!]
      $from: DateTime
      $to: DateTime
      $first: Int
      $after: String
    ) {
      auditLog(
        areaId: $areaId
        actions: $actions
        actorIds: $actorIds
        from: $from
        to: $to
        first: $first
        after: $after
      ) {
        totalCount
        pageInfo {
          ...PageInfoFields
        }
        edges {
          cursor
          node {
            id
            at
            action
            targetType
            targetId
            targetLabel
            changes {
              field
              label
              before
              after
            }
            actor {
              id
              displayName
            }
            area {
              ...AreaFields
            }
          }
        }
      }
    }
  `,
  [AreaFields, PageInfoFields],
);
