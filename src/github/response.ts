// The shapes of the answers to queries.ts, as far as dod reads them.
interface Page {
  hasNextPage: boolean;
  endCursor: string;
}
interface BackPage {
  hasPreviousPage: boolean;
  startCursor: string;
}
interface FileNode {
  path: string;
  additions: number;
  deletions: number;
  changeType?: string;
}
export type CheckContext =
  | {
      __typename: "CheckRun";
      databaseId: number;
      name: string;
      status: string;
      conclusion: string | null;
      detailsUrl: string | null;
      externalId: string | null;
      checkSuite: { app: { databaseId: number | null } | null } | null;
    }
  | { __typename: "StatusContext"; context: string; state: string; targetUrl: string | null };
export interface CommentNode {
  /** A BigInt, which GitHub sends as a string. */
  fullDatabaseId: string;
  body: string;
  createdAt: string;
  url: string;
  author: { __typename: string; login: string } | null;
  editor: { login: string } | null;
  viewerDidAuthor: boolean;
}
type Blob = { object: { text?: string | null } | null } | null;
interface Rollup {
  contexts: { pageInfo: Page; nodes: CheckContext[] };
}

export interface PullRequestData {
  repository: {
    pullRequest: {
      number: number;
      url: string;
      title: string;
      body: string | null;
      isDraft: boolean;
      state: "OPEN" | "CLOSED" | "MERGED";
      merged: boolean;
      author: { login: string } | null;
      baseRefName: string;
      baseRefOid: string;
      headRefName: string;
      headRefOid: string;
      milestone: { title: string } | null;
      labels: { nodes: { name: string }[] };
      baseRef: { target: { oid: string; file?: Blob } | null } | null;
      commits: { nodes: { commit: { file: Blob; statusCheckRollup: Rollup | null } }[] };
      changedFiles: number;
      files: { totalCount: number; pageInfo: Page; nodes: FileNode[] };
      latestOpinionatedReviews: {
        nodes: {
          author: { login: string } | null;
          state: "APPROVED" | "CHANGES_REQUESTED" | "COMMENTED" | "DISMISSED" | "PENDING";
          submittedAt: string | null;
          url: string;
          commit: { oid: string } | null;
        }[];
      };
      closingIssuesReferences: { nodes: LinkedIssueNode[] };
      comments: { pageInfo: BackPage; nodes: CommentNode[] };
    } | null;
  } | null;
  org: { nameWithOwner: string; object: { text?: string | null } | null } | null;
}

export interface MoreFilesData {
  repository: { pullRequest: { files: { pageInfo: Page; nodes: FileNode[] } } };
}
export interface MoreCommentsData {
  repository: { pullRequest: { comments: { pageInfo: BackPage; nodes: CommentNode[] } } };
}
export interface MoreChecksData {
  repository: { pullRequest: { commits: { nodes: { commit: { statusCheckRollup: Rollup | null } }[] } } };
}
interface Members {
  pageInfo: Page;
  nodes: { login: string }[];
}
export interface TeamsData {
  [alias: string]: { team: { members: Members } | null } | null;
}
export interface TeamMembersPage {
  organization: { team: { members: Members } | null } | null;
}
export interface IssuePullRequestsData {
  repository: {
    issue: {
      closedByPullRequestsReferences: { nodes: IssuePullRequestNode[] };
      timelineItems?: {
        nodes: ({
          source?: { __typename: string } & Partial<
            IssuePullRequestNode & { title: string; body: string; url: string }
          >;
        } | null)[];
      };
    } | null;
  } | null;
}

export interface LinkedIssueNode {
  number: number;
  title: string;
  body: string;
  state: "OPEN" | "CLOSED";
  url: string;
  repository: { nameWithOwner: string };
}

export interface LinkedIssuesData {
  [alias: string]: {
    issueOrPullRequest: ({ __typename: "Issue" } & LinkedIssueNode) | { __typename: "PullRequest" } | null;
  } | null;
}

export interface IssuePullRequestNode {
  number: number;
  state: string;
  repository: { name: string; owner: { login: string } };
}
