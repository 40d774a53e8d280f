import { graphql, PageInfoFields, type ResultOf } from './graphql';
import { AreaFields } from './areas';
import { PledgeFields } from './pledges';

/** A project (共建项目) as the list shows it. */
export const ProjectListFields = graphql(
  `
    fragment ProjectListFields on Project {
      id
      title
      description
      status
      budget
      progress
      contributedValue
      createdAt
      area {
        ...AreaFields
      }
    }
  `,
  [AreaFields],
);
export type ProjectListItem = ResultOf<typeof ProjectListFields>;

export const ProjectTaskFields = graphql(`
  fragment ProjectTaskFields on ProjectTask {
    id
    title
    dueAt
    doneAt
    done
    overdue
    owner {
      id
      displayName
    }
    ownerUnit {
      id
      name
    }
  }
`);

export const ContributionFields = graphql(`
  fragment ContributionFields on Contribution {
    id
    kind
    description
    value
    contributorName
    createdAt
    unit {
      id
      name
    }
  }
`);

/** Everything the project's page shows. */
export const ProjectDetailFields = graphql(
  `
    fragment ProjectDetailFields on Project {
      ...ProjectListFields
      updatedAt
      availableActions
      area {
        viewerCan
        ancestors {
          ...AreaFields
        }
      }
      needs {
        id
        title
        status
      }
      tasks {
        ...ProjectTaskFields
      }
      contributions {
        ...ContributionFields
      }
      pledges {
        ...PledgeFields
      }
      photos {
        id
        url
        thumbnailUrl
      }
    }
  `,
  [ProjectListFields, ProjectTaskFields, ContributionFields, PledgeFields, AreaFields],
);
export type ProjectDetail = ResultOf<typeof ProjectDetailFields>;

export const ProjectsQuery = graphql(
  `
    query Projects($filter: ProjectFilter, $first: Int, $after: String) {
      projects(filter: $filter, first: $first, after: $after) {
        totalCount
        pageInfo {
          ...PageInfoFields
        }
        edges {
          node {
            ...ProjectListFields
          }
        }
      }
    }
  `,
  [ProjectListFields, PageInfoFields],
);

export const ProjectQuery = graphql(
  `
    query Project($id: ID!) {
      project(id: $id) {
        ...ProjectDetailFields
      }
    }
  `,
  [ProjectDetailFields],
);

export const CreateProjectMutation = graphql(`
  mutation CreateProject($input: CreateProjectInput!) {
    createProject(input: $input) {
      id
    }
  }
`);

export const SetProjectStatusMutation = graphql(
  `
    mutation SetProjectStatus($id: ID!, $status: ProjectStatus!) {
      setProjectStatus(id: $id, status: $status) {
        ...ProjectDetailFields
      }
    }
  `,
  [ProjectDetailFields],
);

export const AddProjectTaskMutation = graphql(
  `
    mutation AddProjectTask($projectId: ID!, $input: ProjectTaskInput!) {
      addProjectTask(projectId: $projectId, input: $input) {
        ...ProjectTaskFields
      }
    }
  `,
  [ProjectTaskFields],
);

export const CompleteProjectTaskMutation = graphql(
  `
    mutation CompleteProjectTask($id: ID!) {
      completeProjectTask(id: $id) {
        ...ProjectTaskFields
      }
    }
  `,
  [ProjectTaskFields],
);

export const ContributeMutation = graphql(
  `
    mutation Contribute($projectId: ID!, $input: ContributionInput!) {
      contribute(projectId: $projectId, input: $input) {
        ...ContributionFields
      }
    }
  `,
  [ContributionFields],
);

export const AddProjectPhotosMutation = graphql(
  `
    mutation AddProjectPhotos($projectId: ID!, $photoIds: [ID!]!) {
      addProjectPhotos(projectId: $projectId, photoIds: $photoIds) {
        ...ProjectDetailFields
      }
    }
  `,
  [ProjectDetailFields],
);

/** A need picked in the inbox to build a project from (null when the server does not let me see it). */
export const NeedForProjectQuery = graphql(
  `
    query NeedForProject($id: ID!) {
      need(id: $id) {
        id
        title
        area {
          ...AreaFields
        }
      }
    }
  `,
  [AreaFields],
);

/** The units of the project's area, to record a contribution from. */
export const ProjectUnitsQuery = graphql(`
  query ProjectUnits($areaId: ID!) {
    units(filter: { areaId: $areaId }, first: 100) {
      edges {
        node {
          id
          name
        }
      }
    }
  }
`);
