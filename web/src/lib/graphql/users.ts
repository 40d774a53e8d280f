import { graphql, PageInfoFields } from './graphql';
import { AreaFields } from './areas';
import { RoleAssignmentFields } from './auth';

export const UserListFields = graphql(
  `
    fragment UserListFields on User {
      id
      displayName
      phone
      homeArea {
        ...AreaFields
      }
      roles {
        ...RoleAssignmentFields
      }
    }
  `,
  [AreaFields, RoleAssignmentFields],
);

export const UsersQuery = graphql(
  `
    query Users($areaId: ID!, $roles: [Role!], $search: String, $first: Int, $after: String) {
      users(areaId: $areaId, roles: $roles, search: $search, first: $first, after: $after) {
        totalCount
        pageInfo {
          ...PageInfoFields
        }
        edges {
          cursor
          node {
            ...UserListFields
          }
        }
      }
    }
  `,
  [UserListFields, PageInfoFields],
);

export const UserQuery = graphql(
  `
    query User($id: ID!) {
      user(id: $id) {
        ...UserListFields
        createdAt
        # Whether I may revoke each role: the server's answer for its area.
        roles {
          area {
            viewerCan
          }
        }
      }
    }
  `,
  [UserListFields],
);

export const AssignRoleMutation = graphql(
  `
    mutation AssignRole($userId: ID!, $role: Role!, $areaId: ID!) {
      assignRole(userId: $userId, role: $role, areaId: $areaId) {
        ...RoleAssignmentFields
        user {
          id
        }
      }
    }
  `,
  [RoleAssignmentFields],
);

export const RevokeRoleMutation = graphql(`
  mutation RevokeRole($assignmentId: ID!) {
    revokeRole(assignmentId: $assignmentId)
  }
`);
