// The dashboard's GraphQL documents, validated against GitHub's published schema in the tests and typed from it by
// `npm run codegen` (generated/graphql.ts). One request reads the config, the releases and the dashboard issue; then
// each release costs one request per 50 pull requests. The documents are static: the numbers below are written out
// in them, and a test checks that they agree.
import { CONFIG_FILE } from "./fragments.js";
import type * as G from "./generated/graphql.js";

export const PULLS_PER_PAGE = 50;
/** The most closed releases `dashboard.history` may ask for; all are read in the first request. */
export const MAX_HISTORY = 20;
/** dod's follow-up issues read with the first request: the most recently created first. */
export const MAX_FOLLOW_UPS = 100;

// `updatedAt` and the open count key a closed milestone's cached pull requests (dashboard-gather.ts).
const MILESTONE = /* GraphQL */ `
  fragment DodMilestone on Milestone {
    number title url dueOn state closedAt updatedAt
    pullRequests(states: [OPEN, MERGED]) { totalCount }
    openPulls: pullRequests(states: [OPEN]) { totalCount }
  }
`;

const LABELS_PAGE = /* GraphQL */ `
  fragment DodLabelsPage on LabelConnection {
    pageInfo { hasNextPage endCursor }
    nodes {
      name url
      openPulls: pullRequests(states: [OPEN]) { totalCount }
      pullRequests(states: [OPEN, MERGED]) { totalCount }
    }
  }
`;

export const DASHBOARD_QUERY = /* GraphQL */ `
  query DodDashboard($owner: String!, $name: String!, $withIssue: Boolean!, $issueSearch: String!, $withRelease: Boolean!, $release: String!, $followUpSearch: String!) {
    repository(owner: $owner, name: $name) {
      url
      ...DodConfigFile
      milestones(first: 100, states: [OPEN], orderBy: { field: DUE_DATE, direction: ASC }) {
        nodes { ...DodMilestone }
      }
      closedMilestones: milestones(first: 20, states: [CLOSED], orderBy: { field: UPDATED_AT, direction: DESC }) {
        nodes { ...DodMilestone }
      }
      namedMilestones: milestones(first: 10, query: $release, states: [OPEN, CLOSED]) @include(if: $withRelease) {
        nodes { ...DodMilestone }
      }
      labels(first: 100, orderBy: { field: NAME, direction: ASC }) { ...DodLabelsPage }
    }
    org: repository(owner: $owner, name: ".github") { nameWithOwner ...DodConfigFile }
    followUps: search(type: ISSUE, query: $followUpSearch, first: 100) {
      nodes { ... on Issue { number title url state stateReason createdAt closedAt body milestone { title } } }
    }
    dashboardIssue: search(type: ISSUE, query: $issueSearch, first: 20) @include(if: $withIssue) {
      nodes { ... on Issue { number title body url state author { login } } }
    }
  }
  ${CONFIG_FILE}
  ${MILESTONE}
  ${LABELS_PAGE}
`;

export const MORE_LABELS_QUERY = /* GraphQL */ `
  query DodDashboardLabels($owner: String!, $name: String!, $after: String!) {
    repository(owner: $owner, name: $name) {
      labels(first: 100, after: $after, orderBy: { field: NAME, direction: ASC }) { ...DodLabelsPage }
    }
  }
  ${LABELS_PAGE}
`;

// dod's check run on each head commit: its LATEST run, since a new evaluation may start a new run and the suite
// keeps the old one. Knowing dod's app id (the app reading its own installation), only that app's check suite is
// read (DodDashboardPull); otherwise the first 10 suites' runs of dod's name, each with the app that made it
// (DodDashboardPullByName).
const PULL_CORE = /* GraphQL */ `
  fragment DodDashboardPullCore on PullRequest {
    number title url state merged mergedAt headRefOid additions deletions
    author { login }
    labels(first: 30) { nodes { name } }
  }
  fragment DodDashboardCheckSuite on CheckSuite {
    app { databaseId }
    checkRuns(first: 1, filterBy: { checkName: "Definition of Done", checkType: LATEST }) {
      nodes { databaseId conclusion summary detailsUrl url }
    }
  }
`;

/** One pull request's fields: dod's check run on its head (its app's suite, `$appId`), its labels and size. */
const PULL = /* GraphQL */ `
  fragment DodDashboardPull on PullRequest {
    ...DodDashboardPullCore
    commits(last: 1) {
      nodes { commit { checkSuites(first: 1, filterBy: { appId: $appId }) { nodes { ...DodDashboardCheckSuite } } } }
    }
  }
  ${PULL_CORE}
`;

/** The same, finding dod's check run by name among the first 10 suites. */
export const PULL_BY_NAME = /* GraphQL */ `
  fragment DodDashboardPullByName on PullRequest {
    ...DodDashboardPullCore
    commits(last: 1) {
      nodes { commit { checkSuites(first: 10) { nodes { ...DodDashboardCheckSuite } } } }
    }
  }
  ${PULL_CORE}
`;

const MILESTONE_PULLS = /* GraphQL */ `
  query DodMilestonePulls($owner: String!, $name: String!, $number: Int!, $after: String, $appId: Int!) {
    repository(owner: $owner, name: $name) {
      milestone(number: $number) {
        pullRequests(first: 50, after: $after, states: [OPEN, MERGED], orderBy: { field: CREATED_AT, direction: ASC }) {
          totalCount pageInfo { hasNextPage endCursor } nodes { ...DodDashboardPull }
        }
      }
    }
  }
  ${PULL}
`;

const MILESTONE_PULLS_BY_NAME = /* GraphQL */ `
  query DodMilestonePullsByName($owner: String!, $name: String!, $number: Int!, $after: String) {
    repository(owner: $owner, name: $name) {
      milestone(number: $number) {
        pullRequests(first: 50, after: $after, states: [OPEN, MERGED], orderBy: { field: CREATED_AT, direction: ASC }) {
          totalCount pageInfo { hasNextPage endCursor } nodes { ...DodDashboardPullByName }
        }
      }
    }
  }
  ${PULL_BY_NAME}
`;

const LABEL_PULLS = /* GraphQL */ `
  query DodLabelPulls($owner: String!, $name: String!, $label: String!, $after: String, $appId: Int!) {
    repository(owner: $owner, name: $name) {
      label(name: $label) {
        pullRequests(first: 50, after: $after, states: [OPEN, MERGED], orderBy: { field: CREATED_AT, direction: ASC }) {
          totalCount pageInfo { hasNextPage endCursor } nodes { ...DodDashboardPull }
        }
      }
    }
  }
  ${PULL}
`;

const LABEL_PULLS_BY_NAME = /* GraphQL */ `
  query DodLabelPullsByName($owner: String!, $name: String!, $label: String!, $after: String) {
    repository(owner: $owner, name: $name) {
      label(name: $label) {
        pullRequests(first: 50, after: $after, states: [OPEN, MERGED], orderBy: { field: CREATED_AT, direction: ASC }) {
          totalCount pageInfo { hasNextPage endCursor } nodes { ...DodDashboardPullByName }
        }
      }
    }
  }
  ${PULL_BY_NAME}
`;

/** A milestone's pull requests, 50 a page; `byApp`: the query takes `$appId` and reads that app's checks alone. */
export const milestonePullsQuery = (byApp: boolean) => (byApp ? MILESTONE_PULLS : MILESTONE_PULLS_BY_NAME);

/** A label's pull requests, 50 a page; `byApp` as for milestonePullsQuery. */
export const labelPullsQuery = (byApp: boolean) => (byApp ? LABEL_PULLS : LABEL_PULLS_BY_NAME);

// The answers' shapes, as generated, under the names the gatherers use.
export type DashboardData = G.DodDashboardQuery;
export type MilestoneNode = G.DodMilestoneFragment;
export type LabelNode = NonNullable<NonNullable<G.DodLabelsPageFragment["nodes"]>[number]>;
export type FollowUpNode = Extract<
  NonNullable<NonNullable<G.DodDashboardQuery["followUps"]["nodes"]>[number]>,
  { number: number }
>;
export type MoreLabelsData = G.DodDashboardLabelsQuery;
export type PullNode = G.DodDashboardPullFragment | G.DodDashboardPullByNameFragment;
export type PullsPage = NonNullable<
  NonNullable<
    NonNullable<(G.DodMilestonePullsQuery | G.DodMilestonePullsByNameQuery)["repository"]>["milestone"]
  >["pullRequests"]
>;
export type MilestonePullsData = G.DodMilestonePullsQuery | G.DodMilestonePullsByNameQuery;
export type LabelPullsData = G.DodLabelPullsQuery | G.DodLabelPullsByNameQuery;
