import { graphql, PageInfoFields, type ResultOf } from './graphql';
import { AreaFields } from './areas';

// 志愿服务, the volunteer and public side: profiles, activities and their shifts, sign-ups, check-in
// by code, my hours and record, teams and certificates. Activities, teams and the certificate check
// are readable signed out; the viewer's own parts (viewerSignups, viewerMembership) are empty then.

// ---------- profile ----------

export const VolunteerProfileFields = graphql(
  `
    fragment VolunteerProfileFields on VolunteerProfile {
      id
      number
      status
      skills
      tags
      availability
      partyMember
      minor
      birthDate
      maskedIdNumber
      verifiedHours
      starLevel
      areasServed {
        ...AreaFields
        ancestors {
          ...AreaFields
        }
      }
      community {
        ...AreaFields
      }
    }
  `,
  [AreaFields],
);
export type VolunteerProfileItem = ResultOf<typeof VolunteerProfileFields>;

export const MyVolunteerProfileQuery = graphql(
  `
    query MyVolunteerProfile {
      myVolunteerProfile {
        ...VolunteerProfileFields
      }
    }
  `,
  [VolunteerProfileFields],
);

export const BecomeVolunteerMutation = graphql(
  `
    mutation BecomeVolunteer($input: VolunteerProfileInput!) {
      becomeVolunteer(input: $input) {
        ...VolunteerProfileFields
      }
    }
  `,
  [VolunteerProfileFields],
);

// ---------- activities and shifts ----------

/** My sign-up as a shift shows it, with what I may do with it. */
export const MySignupFields = graphql(`
  fragment MySignupFields on ShiftSignup {
    id
    status
    waitlistPosition
    promotedAt
    confirmBy
    confirmedAt
    cancelReason
    recordedHours
    verifiedHours
    availableActions
  }
`);

export const ShiftFields = graphql(
  `
    fragment ShiftFields on Shift {
      id
      startsAt
      endsAt
      capacity
      signedUpCount
      waitlistCount
      placesLeft
      availableActions
      viewerSignup {
        ...MySignupFields
      }
    }
  `,
  [MySignupFields],
);
export type ShiftItem = ResultOf<typeof ShiftFields>;

/** What a card in a list of activities shows. */
export const ActivityCardFields = graphql(
  `
    fragment ActivityCardFields on Activity {
      id
      title
      place
      status
      retroactive
      skills
      startsAt
      endsAt
      placesLeft
      area {
        ...AreaFields
      }
      team {
        id
        name
      }
      viewerSignups {
        id
        status
      }
    }
  `,
  [AreaFields],
);
export type ActivityCardItem = ResultOf<typeof ActivityCardFields>;

export const ActivitiesQuery = graphql(
  `
    query VolunteerActivities($filter: ActivityFilter, $first: Int, $after: String) {
      activities(filter: $filter, first: $first, after: $after) {
        totalCount
        pageInfo {
          ...PageInfoFields
        }
        edges {
          cursor
          node {
            ...ActivityCardFields
          }
        }
      }
    }
  `,
  [ActivityCardFields, PageInfoFields],
);

export const ActivityQuery = graphql(
  `
    query VolunteerActivity($id: ID!) {
      activity(id: $id) {
        ...ActivityCardFields
        description
        cancelledAt
        cancelReason
        availableActions
        need {
          id
          title
        }
        project {
          id
          title
        }
        resolution {
          id
          title
        }
        photos {
          id
          url
          thumbnailUrl
          width
          height
        }
        shifts {
          ...ShiftFields
        }
      }
    }
  `,
  [ActivityCardFields, ShiftFields],
);
export type ActivityDetailItem = NonNullable<ResultOf<typeof ActivityQuery>['activity']>;

export const SignUpForShiftMutation = graphql(
  `
    mutation SignUpForShift($shiftId: ID!) {
      signUpForShift(shiftId: $shiftId) {
        ...MySignupFields
      }
    }
  `,
  [MySignupFields],
);

export const CancelShiftSignupMutation = graphql(
  `
    mutation CancelShiftSignup($id: ID!) {
      cancelShiftSignup(id: $id) {
        ...MySignupFields
      }
    }
  `,
  [MySignupFields],
);

export const ConfirmPromotionMutation = graphql(
  `
    mutation ConfirmPromotion($signupId: ID!) {
      confirmPromotion(signupId: $signupId) {
        ...MySignupFields
      }
    }
  `,
  [MySignupFields],
);

// ---------- my sign-ups, check-in ----------

/** One of my sign-ups as the hub and the check-in page list them: the shift and its activity. */
export const MySignupListFields = graphql(
  `
    fragment MySignupListFields on ShiftSignup {
      ...MySignupFields
      shift {
        id
        startsAt
        endsAt
        availableActions
      }
      activity {
        id
        title
        place
      }
    }
  `,
  [MySignupFields],
);
export type MySignupListItem = ResultOf<typeof MySignupListFields>;

export const MySignupsQuery = graphql(
  `
    query MyVolunteerSignups($statuses: [SignupStatus!], $first: Int) {
      myVolunteering {
        profile {
          id
          status
        }
        signups(statuses: $statuses, first: $first) {
          totalCount
          edges {
            node {
              ...MySignupListFields
            }
          }
        }
      }
    }
  `,
  [MySignupListFields],
);

export const CheckInWithCodeMutation = graphql(
  `
    mutation CheckInWithCode($shiftId: ID!, $code: String!) {
      checkInVolunteer(shiftId: $shiftId, code: $code) {
        ...MySignupListFields
      }
    }
  `,
  [MySignupListFields],
);

export const CheckOutWithCodeMutation = graphql(
  `
    mutation CheckOutWithCode($shiftId: ID!, $code: String!) {
      checkOutVolunteer(shiftId: $shiftId, code: $code) {
        ...MySignupListFields
      }
    }
  `,
  [MySignupListFields],
);

// ---------- hub ----------

export const VolunteerHubQuery = graphql(
  `
    query VolunteerHub($live: [SignupStatus!]) {
      myVolunteering {
        profile {
          id
          number
          status
        }
        verifiedHours
        starLevel
        nextStarLevel
        hoursToNextStar
        pendingStar {
          id
          level
          publicUntil
        }
        signups(statuses: $live, first: 20) {
          totalCount
          edges {
            node {
              ...MySignupListFields
            }
          }
        }
      }
    }
  `,
  [MySignupListFields],
);

// ---------- my record ----------

export const RecordFields = graphql(
  `
    fragment RecordFields on ShiftSignup {
      ...MySignupListFields
      retroactive
      verifiedAt
      checkIns {
        id
        checkedInAt
        checkedOutAt
        checkInMethod
        checkOutMethod
        closedByOrganiser
      }
      entries {
        id
        kind
        hours
        previousHours
        reason
        createdAt
        actor {
          id
          displayName
        }
      }
      corrections {
        id
        status
        requestedHours
        hoursBefore
        reason
        answer
        answeredAt
        dueAt
        overdue
        createdAt
        answeredBy {
          id
          displayName
        }
      }
    }
  `,
  [MySignupListFields],
);
export type RecordItem = ResultOf<typeof RecordFields>;

export const CertificateFields = graphql(`
  fragment CertificateFields on Certificate {
    id
    code
    from
    to
    hours
    activityCount
    organisations
    issuer
    issuedAt
    revokedAt
    revokeReason
    pdfUrl
  }
`);
export type CertificateItem = ResultOf<typeof CertificateFields>;

export const MyVolunteeringQuery = graphql(
  `
    query MyVolunteering {
      myVolunteering {
        profile {
          id
          number
          status
        }
        verifiedHours
        starLevel
        nextStarLevel
        hoursToNextStar
        noShowCount
        pendingStar {
          id
          level
          status
          reachedAt
          publicUntil
        }
        stars {
          id
          level
          status
          reachedAt
          awardedAt
        }
        certificates {
          ...CertificateFields
        }
      }
    }
  `,
  [CertificateFields],
);

export const MyRecordsQuery = graphql(
  `
    query MyVolunteerRecords($first: Int, $after: String) {
      myVolunteering {
        records(first: $first, after: $after) {
          totalCount
          pageInfo {
            ...PageInfoFields
          }
          edges {
            node {
              ...RecordFields
            }
          }
        }
      }
    }
  `,
  [RecordFields, PageInfoFields],
);

export const RequestRecordCorrectionMutation = graphql(`
  mutation RequestRecordCorrection($signupId: ID!, $hours: Float!, $reason: String!) {
    requestRecordCorrection(signupId: $signupId, hours: $hours, reason: $reason) {
      id
      status
    }
  }
`);

export const IssueCertificateMutation = graphql(
  `
    mutation IssueCertificate($from: DateTime!, $to: DateTime!) {
      issueCertificate(from: $from, to: $to) {
        ...CertificateFields
      }
    }
  `,
  [CertificateFields],
);

// ---------- teams ----------

export const TeamCardFields = graphql(
  `
    fragment TeamCardFields on Team {
      id
      name
      description
      memberCount
      area {
        ...AreaFields
      }
      leaders {
        id
        displayName
      }
      viewerMembership {
        id
        role
        status
      }
    }
  `,
  [AreaFields],
);
export type TeamCardItem = ResultOf<typeof TeamCardFields>;

export const TeamsQuery = graphql(
  `
    query VolunteerTeams($areaId: ID!, $search: String, $first: Int, $after: String) {
      teams(areaId: $areaId, search: $search, first: $first, after: $after) {
        totalCount
        pageInfo {
          ...PageInfoFields
        }
        edges {
          cursor
          node {
            ...TeamCardFields
          }
        }
      }
    }
  `,
  [TeamCardFields, PageInfoFields],
);

export const TeamQuery = graphql(
  `
    query VolunteerTeam($id: ID!) {
      team(id: $id) {
        ...TeamCardFields
        availableActions
      }
    }
  `,
  [TeamCardFields],
);
export type TeamDetailItem = NonNullable<ResultOf<typeof TeamQuery>['team']>;

export const TeamMembersQuery = graphql(
  `
    query VolunteerTeamMembers($id: ID!, $statuses: [TeamMembershipStatus!], $first: Int, $after: String) {
      team(id: $id) {
        id
        members(statuses: $statuses, first: $first, after: $after) {
          totalCount
          pageInfo {
            ...PageInfoFields
          }
          edges {
            node {
              id
              role
              status
              requestedAt
              user {
                id
                displayName
              }
            }
          }
        }
      }
    }
  `,
  [PageInfoFields],
);

export const JoinTeamMutation = graphql(`
  mutation JoinTeam($teamId: ID!) {
    joinTeam(teamId: $teamId) {
      id
      role
      status
    }
  }
`);

export const LeaveTeamMutation = graphql(`
  mutation LeaveTeam($teamId: ID!) {
    leaveTeam(teamId: $teamId) {
      id
      role
      status
    }
  }
`);

export const ApproveTeamMemberMutation = graphql(`
  mutation ApproveTeamMember($membershipId: ID!) {
    approveTeamMember(membershipId: $membershipId) {
      id
      status
    }
  }
`);

export const DeclineTeamMemberMutation = graphql(`
  mutation DeclineTeamMember($membershipId: ID!, $reason: String) {
    declineTeamMember(membershipId: $membershipId, reason: $reason) {
      id
      status
    }
  }
`);

// ---------- the public certificate check ----------

export const VerifyCertificateQuery = graphql(`
  query VerifyCertificate($code: String!) {
    verifyCertificate(code: $code) {
      code
      holder
      hours
      from
      to
      issuer
      issuedAt
      revoked
      revokedAt
      revokeReason
    }
  }
`);

/** What waits for me in volunteering: my promoted places, and the organisers' and staff's work. */
export const VolunteerTodosQuery = graphql(`
  query VolunteerTodos {
    myTodos {
      promotionsToConfirm
      hoursToVerify
      correctionsToAnswer
      volunteersAwaitingConsent
      teamRequestsToApprove
    }
  }
`);
