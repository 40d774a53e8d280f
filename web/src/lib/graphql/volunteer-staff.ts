import { graphql, PageInfoFields, type ResultOf } from './graphql';

// The organiser and staff side of 志愿服务: creating and running activities (the console: code,
// check-in/out, 补录, verifying hours), answering corrections, and managing volunteers, teams,
// certificates, stars and rankings. What the viewer may do comes with each object
// (availableActions) or with its area (viewerCan); the pages only show what those allow.

// ---------- to-dos ----------

// ---------- creating an activity ----------

/** What an activity arriving from a need, project or resolution is linked to, by its title. */
export const ActivityLinkNeedQuery = graphql(`
  query ActivityLinkNeed($id: ID!) {
    need(id: $id) {
      id
      title
    }
  }
`);
export const ActivityLinkProjectQuery = graphql(`
  query ActivityLinkProject($id: ID!) {
    project(id: $id) {
      id
      title
    }
  }
`);
export const ActivityLinkResolutionQuery = graphql(`
  query ActivityLinkResolution($id: ID!) {
    resolution(id: $id) {
      id
      title
    }
  }
`);

export const CreateActivityMutation = graphql(`
  mutation CreateActivity($input: CreateActivityInput!) {
    createActivity(input: $input) {
      id
    }
  }
`);

// ---------- activities I run ----------

export const OrganisedActivityFields = graphql(`
  fragment OrganisedActivityFields on Activity {
    id
    title
    place
    status
    retroactive
    startsAt
    endsAt
    area {
      id
      name
    }
    team {
      id
      name
    }
    shifts {
      id
      signedUpCount
      capacity
      checkedInCount
    }
  }
`);

export const OrganisedActivitiesQuery = graphql(
  `
    query OrganisedActivities($filter: ActivityFilter, $first: Int, $after: String) {
      activities(filter: $filter, first: $first, after: $after) {
        totalCount
        pageInfo {
          ...PageInfoFields
        }
        edges {
          node {
            ...OrganisedActivityFields
          }
        }
      }
    }
  `,
  [PageInfoFields, OrganisedActivityFields],
);

export type OrganisedActivity = ResultOf<typeof OrganisedActivitiesQuery>['activities']['edges'][number]['node'];

// ---------- the console ----------

export const ConsoleShiftFields = graphql(`
  fragment ConsoleShiftFields on Shift {
    id
    startsAt
    endsAt
    capacity
    signedUpCount
    waitlistCount
    placesLeft
    checkedInCount
  }
`);

export const ConsoleActivityQuery = graphql(
  `
    query ConsoleActivity($id: ID!) {
      activity(id: $id) {
        id
        title
        description
        place
        status
        retroactive
        cancelledAt
        cancelReason
        startsAt
        endsAt
        availableActions
        area {
          id
          name
        }
        team {
          id
          name
        }
        shifts {
          ...ConsoleShiftFields
        }
      }
    }
  `,
  [ConsoleShiftFields],
);

export type ConsoleActivity = NonNullable<ResultOf<typeof ConsoleActivityQuery>['activity']>;
export type ConsoleShift = ConsoleActivity['shifts'][number];

export const ConsoleSignupFields = graphql(`
  fragment ConsoleSignupFields on ShiftSignup {
    id
    status
    retroactive
    waitlistPosition
    recordedHours
    verifiedHours
    availableActions
    volunteer {
      id
      displayName
      phone
    }
    volunteerProfile {
      id
      number
      noShowCount
    }
    checkIns {
      id
      checkedInAt
      checkedOutAt
      checkInMethod
      checkOutMethod
      closedByOrganiser
    }
  }
`);

export const ConsoleSignupsQuery = graphql(
  `
    query ConsoleSignups($id: ID!, $shiftIds: [ID!], $statuses: [SignupStatus!], $first: Int, $after: String) {
      activity(id: $id) {
        id
        signups(shiftIds: $shiftIds, statuses: $statuses, first: $first, after: $after) {
          totalCount
          pageInfo {
            ...PageInfoFields
          }
          edges {
            node {
              ...ConsoleSignupFields
            }
          }
        }
      }
    }
  `,
  [PageInfoFields, ConsoleSignupFields],
);

export type ConsoleSignup = NonNullable<
  ResultOf<typeof ConsoleSignupsQuery>['activity']
>['signups']['edges'][number]['node'];

export const IssueCheckInCodeMutation = graphql(`
  mutation IssueCheckInCode($shiftId: ID!) {
    issueCheckInCode(shiftId: $shiftId) {
      code
      expiresAt
      changesAt
      checkInUrl
      qrSvg
    }
  }
`);

export const StaffCheckInVolunteerMutation = graphql(
  `
    mutation StaffCheckInVolunteer($signupId: ID!) {
      checkInVolunteer(signupId: $signupId) {
        ...ConsoleSignupFields
      }
    }
  `,
  [ConsoleSignupFields],
);

export const StaffCheckOutVolunteerMutation = graphql(
  `
    mutation StaffCheckOutVolunteer($signupId: ID!, $at: DateTime) {
      checkOutVolunteer(signupId: $signupId, at: $at) {
        ...ConsoleSignupFields
      }
    }
  `,
  [ConsoleSignupFields],
);

export const RecordAttendanceMutation = graphql(
  `
    mutation RecordAttendance($input: RecordAttendanceInput!) {
      recordAttendance(input: $input) {
        ...ConsoleSignupFields
      }
    }
  `,
  [ConsoleSignupFields],
);

export const VerifyHoursMutation = graphql(
  `
    mutation VerifyHours($signupId: ID!, $hours: Float, $reason: String) {
      verifyHours(signupId: $signupId, hours: $hours, reason: $reason) {
        ...ConsoleSignupFields
      }
    }
  `,
  [ConsoleSignupFields],
);

export const VerifyShiftHoursMutation = graphql(`
  mutation VerifyShiftHours($shiftId: ID!) {
    verifyShiftHours(shiftId: $shiftId) {
      id
    }
  }
`);

export const CancelActivityMutation = graphql(`
  mutation CancelActivity($id: ID!, $reason: String!) {
    cancelActivity(id: $id, reason: $reason) {
      id
      status
      cancelledAt
      cancelReason
    }
  }
`);

export const AddShiftMutation = graphql(
  `
    mutation AddShift($activityId: ID!, $input: ShiftInput!) {
      addShift(activityId: $activityId, input: $input) {
        ...ConsoleShiftFields
      }
    }
  `,
  [ConsoleShiftFields],
);

export const SetShiftCapacityMutation = graphql(
  `
    mutation SetShiftCapacity($shiftId: ID!, $capacity: Int!) {
      setShiftCapacity(shiftId: $shiftId, capacity: $capacity) {
        ...ConsoleShiftFields
      }
    }
  `,
  [ConsoleShiftFields],
);

// ---------- corrections ----------

export const CorrectionFields = graphql(`
  fragment CorrectionFields on CorrectionRequest {
    id
    requestedHours
    hoursBefore
    reason
    status
    answer
    answeredAt
    answeredBy {
      id
      displayName
    }
    dueAt
    overdue
    createdAt
    volunteer {
      id
      displayName
    }
    signup {
      id
      status
      recordedHours
      verifiedHours
      activity {
        id
        title
      }
      shift {
        id
        startsAt
        endsAt
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
    }
  }
`);

export const CorrectionRequestsQuery = graphql(
  `
    query CorrectionRequests($filter: CorrectionFilter!, $first: Int, $after: String) {
      correctionRequests(filter: $filter, first: $first, after: $after) {
        totalCount
        pageInfo {
          ...PageInfoFields
        }
        edges {
          node {
            ...CorrectionFields
          }
        }
      }
    }
  `,
  [PageInfoFields, CorrectionFields],
);

export type CorrectionItem = ResultOf<typeof CorrectionRequestsQuery>['correctionRequests']['edges'][number]['node'];

export const AnswerRecordCorrectionMutation = graphql(
  `
    mutation AnswerRecordCorrection($id: ID!, $accept: Boolean!, $answer: String!) {
      answerRecordCorrection(id: $id, accept: $accept, answer: $answer) {
        ...CorrectionFields
      }
    }
  `,
  [CorrectionFields],
);

// ---------- volunteers ----------

export const StaffVolunteerFields = graphql(`
  fragment StaffVolunteerFields on VolunteerProfile {
    id
    number
    status
    skills
    tags
    partyMember
    minor
    verifiedHours
    starLevel
    noShowCount
    user {
      id
      displayName
      phone
    }
    community {
      id
      name
    }
    guardianConsent {
      guardianName
      relation
      guardianPhone
      recordedAt
    }
    notes {
      id
      kind
      title
      detail
      occurredOn
      hours
      issuer
    }
  }
`);

export const StaffVolunteersQuery = graphql(
  `
    query StaffVolunteers($areaId: ID!, $filter: VolunteerFilter, $first: Int, $after: String) {
      volunteers(areaId: $areaId, filter: $filter, first: $first, after: $after) {
        totalCount
        pageInfo {
          ...PageInfoFields
        }
        edges {
          node {
            ...StaffVolunteerFields
          }
        }
      }
    }
  `,
  [PageInfoFields, StaffVolunteerFields],
);

export type StaffVolunteer = ResultOf<typeof StaffVolunteersQuery>['volunteers']['edges'][number]['node'];

export const RecordGuardianConsentMutation = graphql(
  `
    mutation RecordGuardianConsent($input: GuardianConsentInput!) {
      recordGuardianConsent(input: $input) {
        ...StaffVolunteerFields
      }
    }
  `,
  [StaffVolunteerFields],
);

export const AddVolunteerRecordNoteMutation = graphql(`
  mutation AddVolunteerRecordNote($input: RecordNoteInput!) {
    addVolunteerRecordNote(input: $input) {
      id
    }
  }
`);

// ---------- teams ----------

export const StaffTeamFields = graphql(`
  fragment StaffTeamFields on Team {
    id
    name
    description
    memberCount
    availableActions
    area {
      id
      name
    }
    leaders {
      id
      displayName
    }
    requests: members(statuses: [REQUESTED], first: 20) {
      totalCount
      edges {
        node {
          id
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
`);

/** My teams: those I lead organise activities (availableActions says so) and answer requests to join. */
export const MyOrganisingTeamsQuery = graphql(
  `
    query MyOrganisingTeams {
      myVolunteerProfile {
        id
        teams {
          id
          role
          status
          team {
            ...StaffTeamFields
          }
        }
      }
    }
  `,
  [StaffTeamFields],
);

export const StaffTeamsQuery = graphql(
  `
    query StaffTeams($areaId: ID!, $search: String, $first: Int, $after: String) {
      teams(areaId: $areaId, search: $search, first: $first, after: $after) {
        totalCount
        pageInfo {
          ...PageInfoFields
        }
        edges {
          node {
            ...StaffTeamFields
          }
        }
      }
    }
  `,
  [PageInfoFields, StaffTeamFields],
);

export type StaffTeam = ResultOf<typeof StaffTeamsQuery>['teams']['edges'][number]['node'];

export const CreateTeamMutation = graphql(`
  mutation CreateTeam($input: CreateTeamInput!) {
    createTeam(input: $input) {
      id
      name
    }
  }
`);

// ---------- certificates ----------

export const StaffCertificateFields = graphql(`
  fragment StaffCertificateFields on Certificate {
    id
    code
    from
    to
    hours
    activityCount
    issuer
    issuedAt
    revokedAt
    revokeReason
    pdfUrl
    holder {
      id
      displayName
    }
  }
`);

export const StaffCertificatesQuery = graphql(
  `
    query StaffCertificates($areaId: ID!, $search: String, $first: Int, $after: String) {
      certificates(areaId: $areaId, search: $search, first: $first, after: $after) {
        totalCount
        pageInfo {
          ...PageInfoFields
        }
        edges {
          node {
            ...StaffCertificateFields
          }
        }
      }
    }
  `,
  [PageInfoFields, StaffCertificateFields],
);

export type StaffCertificate = ResultOf<typeof StaffCertificatesQuery>['certificates']['edges'][number]['node'];

export const RevokeCertificateMutation = graphql(
  `
    mutation RevokeCertificate($code: String!, $reason: String!) {
      revokeCertificate(code: $code, reason: $reason) {
        ...StaffCertificateFields
      }
    }
  `,
  [StaffCertificateFields],
);

// ---------- stars ----------

export const StarNoticeFields = graphql(`
  fragment StarNoticeFields on StarAward {
    id
    level
    volunteerName
    status
    reachedAt
    publicUntil
    awardedAt
    withheldReason
    community {
      id
      name
    }
  }
`);

export const StaffStarNoticesQuery = graphql(
  `
    query StaffStarNotices($areaId: ID!, $includeAwarded: Boolean, $first: Int, $after: String) {
      starNotices(areaId: $areaId, includeAwarded: $includeAwarded, first: $first, after: $after) {
        totalCount
        pageInfo {
          ...PageInfoFields
        }
        edges {
          node {
            ...StarNoticeFields
          }
        }
      }
    }
  `,
  [PageInfoFields, StarNoticeFields],
);

export type StarNotice = ResultOf<typeof StaffStarNoticesQuery>['starNotices']['edges'][number]['node'];

export const WithholdStarMutation = graphql(
  `
    mutation WithholdStar($id: ID!, $reason: String!) {
      withholdStar(id: $id, reason: $reason) {
        ...StarNoticeFields
      }
    }
  `,
  [StarNoticeFields],
);

// ---------- rankings ----------

export const StaffVolunteerRankingQuery = graphql(
  `
    query StaffVolunteerRanking($areaId: ID!, $from: DateTime, $to: DateTime, $first: Int, $after: String) {
      volunteerRanking(areaId: $areaId, from: $from, to: $to, first: $first, after: $after) {
        totalCount
        pageInfo {
          ...PageInfoFields
        }
        edges {
          node {
            rank
            name
            hours
            activityCount
            profile {
              id
              number
            }
          }
        }
      }
    }
  `,
  [PageInfoFields],
);

export type VolunteerRankingRow = ResultOf<
  typeof StaffVolunteerRankingQuery
>['volunteerRanking']['edges'][number]['node'];

export const StaffTeamRankingQuery = graphql(
  `
    query StaffTeamRanking($areaId: ID!, $from: DateTime, $to: DateTime, $first: Int, $after: String) {
      teamRanking(areaId: $areaId, from: $from, to: $to, first: $first, after: $after) {
        totalCount
        pageInfo {
          ...PageInfoFields
        }
        edges {
          node {
            rank
            hours
            volunteerCount
            team {
              id
              name
            }
          }
        }
      }
    }
  `,
  [PageInfoFields],
);

export type TeamRankingRow = ResultOf<typeof StaffTeamRankingQuery>['teamRanking']['edges'][number]['node'];
