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

/** How sign-in by code works here: the code's length, the wait before another, whether registering needs one. */
export const AuthSettingsQuery = graphql(`
  query AuthSettings {
    authSettings {
      registrationNeedsCode
      codeLength
      resendAfterSeconds
    }
  }
`);

/** True for every well-formed number, whether or not it has an account. */
export const RequestSignInCodeMutation = graphql(`
  mutation RequestSignInCode($phone: String!, $purpose: SignInCodePurpose) {
    requestSignInCode(phone: $phone, purpose: $purpose)
  }
`);

export const SignInWithCodeMutation = graphql(`
  mutation SignInWithCode($phone: String!, $code: String!) {
    signInWithCode(phone: $phone, code: $code) {
      user {
        id
      }
    }
  }
`);

/** Signs in with the new password and ends the person's other sessions. */
export const ResetPasswordMutation = graphql(`
  mutation ResetPassword($phone: String!, $code: String!, $newPassword: String!) {
    resetPassword(phone: $phone, code: $code, newPassword: $newPassword) {
      user {
        id
      }
    }
  }
`);
