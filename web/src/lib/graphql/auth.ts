import { graphql } from './graphql';
import { AreaFields } from './areas';

export const RoleAssignmentFields = graphql(
  `
    fragment RoleAssignmentFields on RoleAssignment {
      id
      role
      createdAt
      area {
        ...AreaFields
      }
    }
  `,
  [AreaFields],
);

export const MeQuery = graphql(
  `
    query Me {
      me {
        id
        displayName
        phone
        homeArea {
          ...AreaFields
          ancestors {
            ...AreaFields
          }
        }
        roles {
          ...RoleAssignmentFields
          # What the server lets me do there, and in the street above (its need deadlines).
          area {
            viewerCan
            ancestors {
              ...AreaFields
              viewerCan
            }
          }
        }
      }
    }
  `,
  [AreaFields, RoleAssignmentFields],
);

export const LoginMutation = graphql(`
  mutation Login($phone: String!, $password: String!) {
    login(phone: $phone, password: $password) {
      user {
        id
      }
    }
  }
`);

export const RegisterMutation = graphql(`
  mutation Register($input: RegisterInput!) {
    register(input: $input) {
      user {
        id
      }
    }
  }
`);

export const LogoutMutation = graphql(`
  mutation Logout {
    logout
  }
`);

/** Keeps this session and ends the person's other sessions. */
export const ChangePasswordMutation = graphql(`
  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {
    changePassword(currentPassword: $currentPassword, newPassword: $newPassword)
  }
`);
