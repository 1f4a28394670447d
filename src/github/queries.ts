// The GraphQL documents dod sends. Every one is validated against GitHub's published schema in the tests.
import { CONFIG_PATH, ORG_CONFIG_REPO } from "../model/names.js";

const CHECK_CONTEXT = `
  __typename
  ... on CheckRun { databaseId name status conclusion detailsUrl externalId checkSuite { app { databaseId } } }
  ... on StatusContext { context state targetUrl }`;

const LINKED_ISSUE = `number title body state url repository { nameWithOwner }`;

// Comment ids are past 2^31, beyond GraphQL's Int: `databaseId` is an error for them, `fullDatabaseId` a string.
// `viewerDidAuthor`: written with the token dod reads with (its app, or the CLI's and the Action's token), which
// another bot copying dod's markers is not.
const COMMENT = `fullDatabaseId body createdAt url author { __typename login } editor { login } viewerDidAuthor`;

/** What dod reads of one pull request, its config files included: shared by the single and the batched query. */
const PULL_REQUEST_FIELDS = `
        number url title body isDraft state merged
        author { login }
        baseRefName baseRefOid headRefName headRefOid
        milestone { title }
        labels(first: 100) { nodes { name } }
        baseRef { target { oid ... on Commit { file(path: "${CONFIG_PATH}") { object { ... on Blob { text } } } } } }
        commits(last: 1) {
          nodes {
            commit {
              file(path: "${CONFIG_PATH}") { object { ... on Blob { text } } }
              statusCheckRollup {
                contexts(first: 100) { pageInfo { hasNextPage endCursor } nodes { ${CHECK_CONTEXT} } }
              }
            }
          }
        }
        changedFiles
        files(first: 100) { totalCount pageInfo { hasNextPage endCursor } nodes { path additions deletions changeType } }
        latestOpinionatedReviews(first: 100) { nodes { author { login } state submittedAt url commit { oid } } }
        closingIssuesReferences(first: 50) { nodes { ${LINKED_ISSUE} } }
        comments(last: 100) { pageInfo { hasPreviousPage startCursor } nodes { ${COMMENT} } }`;

const ORG_CONFIG = `
    org: repository(owner: $owner, name: "${ORG_CONFIG_REPO}") {
      nameWithOwner
      object(expression: "HEAD:${CONFIG_PATH}") { ... on Blob { text } }
    }`;

/** Everything one evaluation needs, config files included, in one request. */
export const PULL_REQUEST_QUERY = /* GraphQL */ `
  query DodPullRequest($owner: String!, $name: String!, $number: Int!) {
    repository(owner: $owner, name: $name) {
      pullRequest(number: $number) {${PULL_REQUEST_FIELDS}
      }
    }${ORG_CONFIG}
  }
`;

/**
 * Several pull requests in one request, one alias each (`p0`, `p1`, …), with the same fields as one evaluation
 * reads: what the preview of a done.yml change judges. Each alias names its repository, so pull requests of several
 * repositories (an organisation's file) can share a request.
 */
export function pullRequestsQuery(refs: { owner: string; repo: string; number: number }[]): string {
  const fields = refs.map(
    (ref, i) =>
      `p${i}: repository(owner: ${JSON.stringify(ref.owner)}, name: ${JSON.stringify(ref.repo)}) {
      pullRequest(number: ${Math.trunc(ref.number)}) {${PULL_REQUEST_FIELDS}
      }
    }`,
  );
  return `query DodPreviewPulls { ${fields.join("\n    ")} }`;
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
    repository(owner: $owner, name: $name) {
      object(expression: "HEAD:${CONFIG_PATH}") { ... on Blob { text } }
    }${ORG_CONFIG}
  }
`;

export const MORE_FILES_QUERY = /* GraphQL */ `
  query DodMoreFiles($owner: String!, $name: String!, $number: Int!, $after: String!) {
    repository(owner: $owner, name: $name) {
      pullRequest(number: $number) {
        files(first: 100, after: $after) { pageInfo { hasNextPage endCursor } nodes { path additions deletions changeType } }
      }
    }
  }
`;

export const MORE_COMMENTS_QUERY = /* GraphQL */ `
  query DodMoreComments($owner: String!, $name: String!, $number: Int!, $before: String!) {
    repository(owner: $owner, name: $name) {
      pullRequest(number: $number) {
        comments(last: 100, before: $before) { pageInfo { hasPreviousPage startCursor } nodes { ${COMMENT} } }
      }
    }
  }
`;

export const MORE_CHECKS_QUERY = /* GraphQL */ `
  query DodMoreChecks($owner: String!, $name: String!, $number: Int!, $after: String!) {
    repository(owner: $owner, name: $name) {
      pullRequest(number: $number) {
        commits(last: 1) {
          nodes { commit { statusCheckRollup { contexts(first: 100, after: $after) {
            pageInfo { hasNextPage endCursor } nodes { ${CHECK_CONTEXT} }
          } } } }
        }
      }
    }
  }
`;

/** Members of several teams at once, one alias per team. */
export function teamMembersQuery(teams: { org: string; slug: string }[]): string {
  const fields = teams.map(
    (team, i) =>
      `t${i}: organization(login: ${JSON.stringify(team.org)}) {
        team(slug: ${JSON.stringify(team.slug)}) {
          members(first: 100, membership: ALL) { pageInfo { hasNextPage endCursor } nodes { login } }
        }
      }`,
  );
  return `query DodTeams { ${fields.join("\n")} }`;
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

/** Issues a pull request's text says it closes, one alias per issue (a number may be a pull request). */
export function linkedIssuesQuery(refs: { owner: string; repo: string; number: number }[]): string {
  const fields = refs.map(
    (ref, i) =>
      `i${i}: repository(owner: ${JSON.stringify(ref.owner)}, name: ${JSON.stringify(ref.repo)}) {
        issueOrPullRequest(number: ${ref.number}) { __typename ... on Issue { ${LINKED_ISSUE} } }
      }`,
  );
  return `query DodLinkedIssues { ${fields.join("\n")} }`;
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
