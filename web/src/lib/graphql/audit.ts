import { graphql, PageInfoFields } from './graphql';
import { AreaFields } from './areas';

export const AuditLogQuery = graphql(
  `
    query AuditLog($areaId: ID!, $actions: [AuditAction!], $first: Int, $after: String) {
      auditLog(areaId: $areaId, actions: $actions, first: $first, after: $after) {
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
            before
            after
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
