// The dashboard's GraphQL documents, validated against GitHub's published schema in the tests. One request
// reads the config, the releases and the dashboard issue; then each release costs one request per 50 pull requests.
import { CHECK_NAME, CONFIG_PATH, ORG_CONFIG_REPO } from "../model/names.js";

export const PULLS_PER_PAGE = 50;
/** The most closed releases `dashboard.history` may ask for; all are read in the first request. */
export const MAX_HISTORY = 20;
/** dod's follow-up issues read with the first request: the most recently created first. */
export const MAX_FOLLOW_UPS = 100;

// `updatedAt` and the open count key a closed milestone's cached pull requests (dashboard-gather.ts).
const MILESTONE =
  "number title url dueOn state closedAt updatedAt pullRequests(states: [OPEN, MERGED]) { totalCount } openPulls: pullRequests(states: [OPEN]) { totalCount }";

export const DASHBOARD_QUERY = /* GraphQL */ `
  query DodDashboard($owner: String!, $name: String!, $withIssue: Boolean!, $issueSearch: String!, $withRelease: Boolean!, $release: String!, $followUpSearch: String!) {
    repository(owner: $owner, name: $name) {
      url
      object(expression: "HEAD:${CONFIG_PATH}") { ... on Blob { text } }
      milestones(first: 100, states: [OPEN], orderBy: { field: DUE_DATE, direction: ASC }) {
        nodes { ${MILESTONE} }
      }
      closedMilestones: milestones(first: ${MAX_HISTORY}, states: [CLOSED], orderBy: { field: UPDATED_AT, direction: DESC }) {
        nodes { ${MILESTONE} }
      }
      namedMilestones: milestones(first: 10, query: $release, states: [OPEN, CLOSED]) @include(if: $withRelease) {
        nodes { ${MILESTONE} }
      }
      labels(first: 100, orderBy: { field: NAME, direction: ASC }) { ${LABELS_PAGE()} }
    }
    org: repository(owner: $owner, name: "${ORG_CONFIG_REPO}") {
      nameWithOwner
      object(expression: "HEAD:${CONFIG_PATH}") { ... on Blob { text } }
    }
    followUps: search(type: ISSUE, query: $followUpSearch, first: ${MAX_FOLLOW_UPS}) {
      nodes { ... on Issue { number title url state stateReason createdAt closedAt body milestone { title } } }
    }
    dashboardIssue: search(type: ISSUE, query: $issueSearch, first: 20) @include(if: $withIssue) {
      nodes { ... on Issue { number title body url state author { login } } }
    }
  }
`;

function LABELS_PAGE(): string {
  return `pageInfo { hasNextPage endCursor }
        nodes {
          name url
          openPulls: pullRequests(states: [OPEN]) { totalCount }
          pullRequests(states: [OPEN, MERGED]) { totalCount }
        }`;
}

export const MORE_LABELS_QUERY = /* GraphQL */ `
  query DodDashboardLabels($owner: String!, $name: String!, $after: String!) {
    repository(owner: $owner, name: $name) {
      labels(first: 100, after: $after, orderBy: { field: NAME, direction: ASC }) { ${LABELS_PAGE()} }
    }
  }
`;

// dod's check run on each head commit: its LATEST run, since a new evaluation may start a new run and the suite
// keeps the old one. Knowing dod's app id (the app reading its own installation), only that app's
// check suite is read; otherwise the first 10 suites' runs of dod's name, each with the app that made it.
/** One pull request's fields: dod's check run on its head, its labels and size. */
export const PULL_FIELDS = (byApp: boolean) => `
    number title url state merged mergedAt headRefOid additions deletions
    author { login }
    labels(first: 30) { nodes { name } }
    commits(last: 1) {
      nodes {
        commit {
          checkSuites(${byApp ? "first: 1, filterBy: { appId: $appId }" : "first: 10"}) {
            nodes {
              app { databaseId }
              checkRuns(first: 1, filterBy: { checkName: ${JSON.stringify(CHECK_NAME)}, checkType: LATEST }) {
                nodes { databaseId conclusion summary detailsUrl url }
              }
            }
          }
        }
      }
    }`;

const PULLS_PAGE = (byApp: boolean) => `
  totalCount
  pageInfo { hasNextPage endCursor }
  nodes { ${PULL_FIELDS(byApp)} }`;

/** A milestone's pull requests, 50 a page; `byApp`: the query takes `$appId` and reads that app's checks alone. */
export const milestonePullsQuery = (byApp: boolean) => /* GraphQL */ `
  query DodMilestonePulls($owner: String!, $name: String!, $number: Int!, $after: String${byApp ? ", $appId: Int!" : ""}) {
    repository(owner: $owner, name: $name) {
      milestone(number: $number) {
        pullRequests(first: ${PULLS_PER_PAGE}, after: $after, states: [OPEN, MERGED], orderBy: { field: CREATED_AT, direction: ASC }) {
          ${PULLS_PAGE(byApp)}
        }
      }
    }
  }
`;

/** A label's pull requests, 50 a page; `byApp` as for milestonePullsQuery. */
export const labelPullsQuery = (byApp: boolean) => /* GraphQL */ `
  query DodLabelPulls($owner: String!, $name: String!, $label: String!, $after: String${byApp ? ", $appId: Int!" : ""}) {
    repository(owner: $owner, name: $name) {
      label(name: $label) {
        pullRequests(first: ${PULLS_PER_PAGE}, after: $after, states: [OPEN, MERGED], orderBy: { field: CREATED_AT, direction: ASC }) {
          ${PULLS_PAGE(byApp)}
        }
      }
    }
  }
`;

// The shapes GitHub answers with.
export interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}

export interface LabelNode {
  name: string;
  url: string;
  openPulls: { totalCount: number };
  pullRequests: { totalCount: number };
}

export interface MilestoneNode {
  number: number;
  title: string;
  url: string;
  dueOn: string | null;
  state?: "OPEN" | "CLOSED";
  closedAt?: string | null;
  updatedAt?: string;
  pullRequests: { totalCount: number };
  openPulls?: { totalCount: number };
}

export interface DashboardData {
  repository: {
    url: string;
    object: { text?: string | null } | null;
    milestones: { nodes: MilestoneNode[] };
    closedMilestones?: { nodes: MilestoneNode[] };
    namedMilestones?: { nodes: MilestoneNode[] };
    labels: { pageInfo: PageInfo; nodes: LabelNode[] };
  } | null;
  org: { nameWithOwner: string; object: { text?: string | null } | null } | null;
  followUps?: {
    nodes: (FollowUpNode | Record<string, never>)[];
  };
  dashboardIssue?: {
    nodes: (
      | { number: number; title: string; body: string; url: string; state: string; author: { login: string } | null }
      | Record<string, never>
    )[];
  };
}

export interface FollowUpNode {
  number: number;
  title: string;
  url: string;
  state: "OPEN" | "CLOSED";
  stateReason: "COMPLETED" | "NOT_PLANNED" | "REOPENED" | "DUPLICATE" | null;
  createdAt: string;
  closedAt: string | null;
  body: string;
  milestone: { title: string } | null;
}

export interface MoreLabelsData {
  repository: { labels: { pageInfo: PageInfo; nodes: LabelNode[] } };
}

export interface PullNode {
  number: number;
  title: string;
  url: string;
  state: "OPEN" | "CLOSED" | "MERGED";
  merged: boolean;
  mergedAt?: string | null;
  headRefOid: string;
  additions?: number;
  deletions?: number;
  author: { login: string } | null;
  labels: { nodes: { name: string }[] } | null;
  commits: {
    nodes: {
      commit: {
        checkSuites: {
          nodes: {
            app?: { databaseId: number | null } | null;
            checkRuns: {
              nodes: {
                databaseId: number;
                conclusion: string | null;
                summary: string | null;
                detailsUrl: string | null;
                url: string;
              }[];
            } | null;
          }[];
        } | null;
      };
    }[];
  };
}

export interface PullsPage {
  totalCount: number;
  pageInfo: PageInfo;
  nodes: PullNode[];
}

export interface MilestonePullsData {
  repository: { milestone: { pullRequests: PullsPage } | null };
}

export interface LabelPullsData {
  repository: { label: { pullRequests: PullsPage } | null };
}
