// The GraphQL documents dod sends. Every one is validated against GitHub's published schema in the tests, and
// `npm run codegen` types their answers from that schema (generated/graphql.ts): the documents stay static, with
// fragments (fragments.ts) where they share fields, so the generator reads exactly what is sent.
import {
  CHANGED_FILE,
  CHECK_CONTEXT,
  COMMENT,
  CONFIG_FILE,
  LINKED_ISSUE,
  PULL_REQUEST_FIELDS,
  TEAM_MEMBERS,
} from "./fragments.js";
import type {
  DodIssueOrPullRequestFragment,
  DodPullRequestFieldsFragment,
  DodTeamMembersFragment,
} from "./generated/graphql.js";

/** Everything one evaluation needs, config files included, in one request. */
export const PULL_REQUEST_QUERY = /* GraphQL */ `
  query DodPullRequest($owner: String!, $name: String!, $number: Int!) {
    repository(owner: $owner, name: $name) {
      pullRequest(number: $number) { ...DodPullRequestFields }
    }
    org: repository(owner: $owner, name: ".github") { nameWithOwner ...DodConfigFile }
  }
  ${PULL_REQUEST_FIELDS}
  ${CONFIG_FILE}
`;

/** A batch's answer: one alias per repository (`p0`, `t0`, `i0`, …), each reading one field typed by a fragment. */
type Aliased<Field extends string, T> = Record<string, { [K in Field]: T | null } | null>;

export type PullsData = Aliased<"pullRequest", DodPullRequestFieldsFragment>;

/**
 * Several pull requests in one request, one alias each (`p0`, `p1`, …), with the same fields as one evaluation
 * reads (the DodPullRequestFields fragment): what the preview of a done.yml change judges. Each alias names its
 * repository, so pull requests of several repositories (an organisation's file) can share a request.
 */
export function pullRequestsQuery(refs: { owner: string; repo: string; number: number }[]): string {
  const fields = refs.map(
    (ref, i) =>
      `p${i}: repository(owner: ${JSON.stringify(ref.owner)}, name: ${JSON.stringify(ref.repo)}) {
      pullRequest(number: ${Math.trunc(ref.number)}) { ...DodPullRequestFields }
    }`,
  );
  return `query DodPreviewPulls { ${fields.join("\n    ")} }\n${PULL_REQUEST_FIELDS}`;
}

/** The open pull requests and the latest merged ones of a repository, newest activity first: what a preview judges. */
export const PREVIEW_LIST_QUERY = /* GraphQL */ `
  query DodPreviewList($owner: String!, $name: String!, $open: Int!, $merged: Int!) {
    repository(owner: $owner, name: $name) {
      open: pullRequests(states: OPEN, first: $open, orderBy: { field: UPDATED_AT, direction: DESC }) {
        totalCount nodes { number }
      }
      merged: pullRequests(states: MERGED, first: $merged, orderBy: { field: UPDATED_AT, direction: DESC }) {
        nodes { number }
      }
    }
  }
`;

/** The same across an organisation's repositories, for a change of its file in the `.github` repository. */
export const PREVIEW_SEARCH_QUERY = /* GraphQL */ `
  query DodPreviewSearch($open: String!, $merged: String!, $openCount: Int!, $mergedCount: Int!) {
    open: search(query: $open, type: ISSUE, first: $openCount) {
      issueCount nodes { ... on PullRequest { number repository { name owner { login } } } }
    }
    merged: search(query: $merged, type: ISSUE, first: $mergedCount) {
      nodes { ... on PullRequest { number repository { name owner { login } } } }
    }
  }
`;

/** A repository's done.yml and its organisation's, on their default branches: the rules `dod preview` compares with. */
export const REPOSITORY_CONFIG_QUERY = /* GraphQL */ `
  query DodRepositoryConfig($owner: String!, $name: String!) {
    repository(owner: $owner, name: $name) { ...DodConfigFile }
    org: repository(owner: $owner, name: ".github") { nameWithOwner ...DodConfigFile }
  }
  ${CONFIG_FILE}
`;

export const MORE_FILES_QUERY = /* GraphQL */ `
  query DodMoreFiles($owner: String!, $name: String!, $number: Int!, $after: String!) {
    repository(owner: $owner, name: $name) {
      pullRequest(number: $number) {
        files(first: 100, after: $after) { pageInfo { hasNextPage endCursor } nodes { ...DodFile } }
      }
    }
  }
  ${CHANGED_FILE}
`;

export const MORE_COMMENTS_QUERY = /* GraphQL */ `
  query DodMoreComments($owner: String!, $name: String!, $number: Int!, $before: String!) {
    repository(owner: $owner, name: $name) {
      pullRequest(number: $number) {
        comments(last: 100, before: $before) { pageInfo { hasPreviousPage startCursor } nodes { ...DodComment } }
      }
    }
  }
  ${COMMENT}
`;

export const MORE_CHECKS_QUERY = /* GraphQL */ `
  query DodMoreChecks($owner: String!, $name: String!, $number: Int!, $after: String!) {
    repository(owner: $owner, name: $name) {
      pullRequest(number: $number) {
        commits(last: 1) {
          nodes { commit { statusCheckRollup { contexts(first: 100, after: $after) {
            pageInfo { hasNextPage endCursor } nodes { ...DodCheckContext }
          } } } }
        }
      }
    }
  }
  ${CHECK_CONTEXT}
`;

export type TeamsData = Aliased<"team", DodTeamMembersFragment>;

/** Members of several teams at once, one alias per team (the DodTeamMembers fragment). */
export function teamMembersQuery(teams: { org: string; slug: string }[]): string {
  const fields = teams.map(
    (team, i) =>
      `t${i}: organization(login: ${JSON.stringify(team.org)}) {
        team(slug: ${JSON.stringify(team.slug)}) { ...DodTeamMembers }
      }`,
  );
  return `query DodTeams { ${fields.join("\n")} }\n${TEAM_MEMBERS}`;
}

export const TEAM_MEMBERS_PAGE_QUERY = /* GraphQL */ `
  query DodTeamMembers($org: String!, $slug: String!, $after: String!) {
    organization(login: $org) {
      team(slug: $slug) { members(first: 100, after: $after, membership: ALL) { pageInfo { hasNextPage endCursor } nodes { login } } }
    }
  }
`;

/**
 * The open pull requests that close an issue, for re-evaluating them when the issue changes: those GitHub links, and
 * those that mention it (a "Fixes #7" into a release branch is only a cross-reference for GitHub).
 */
export const ISSUE_PULL_REQUESTS_QUERY = /* GraphQL */ `
  query DodIssuePullRequests($owner: String!, $name: String!, $number: Int!) {
    repository(owner: $owner, name: $name) {
      issue(number: $number) {
        closedByPullRequestsReferences(first: 50, includeClosedPrs: false) {
          nodes { number state repository { name owner { login } } }
        }
        timelineItems(last: 50, itemTypes: [CROSS_REFERENCED_EVENT]) {
          nodes { ... on CrossReferencedEvent { source { __typename ... on PullRequest { number state title body url repository { name owner { login } } } } } }
        }
      }
    }
  }
`;

const ISSUE_OR_PULL_REQUEST = /* GraphQL */ `
  fragment DodIssueOrPullRequest on IssueOrPullRequest {
    __typename ...DodLinkedIssue
  }
  ${LINKED_ISSUE}
`;

export type LinkedIssuesData = Aliased<"issueOrPullRequest", DodIssueOrPullRequestFragment>;

/** Issues a pull request's text says it closes, one alias per issue (a number may be a pull request). */
export function linkedIssuesQuery(refs: { owner: string; repo: string; number: number }[]): string {
  const fields = refs.map(
    (ref, i) =>
      `i${i}: repository(owner: ${JSON.stringify(ref.owner)}, name: ${JSON.stringify(ref.repo)}) {
        issueOrPullRequest(number: ${ref.number}) { ...DodIssueOrPullRequest }
      }`,
  );
  return `query DodLinkedIssues { ${fields.join("\n")} }\n${ISSUE_OR_PULL_REQUEST}`;
}

/** The account's open pull requests, a page at a time: what a change of the organisation's done.yml re-judges. */
export const OPEN_PULLS_SEARCH_QUERY = /* GraphQL */ `
  query DodOpenPulls($q: String!, $after: String) {
    search(query: $q, type: ISSUE, first: 100, after: $after) {
      pageInfo { hasNextPage endCursor }
      nodes { ... on PullRequest { number headRefOid repository { name owner { login } } } }
    }
  }
`;
