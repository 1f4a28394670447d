// The GraphQL documents dod sends. Every one is validated against GitHub's published schema in the tests.
import { CONFIG_PATH, ORG_CONFIG_REPO } from "../model/names.js";

const CHECK_CONTEXT = `
  __typename
  ... on CheckRun { databaseId name status conclusion detailsUrl externalId checkSuite { app { databaseId } } }
  ... on StatusContext { context state targetUrl }`;

const LINKED_ISSUE = `number title body state url repository { nameWithOwner }`;

// Comment ids are past 2^31, beyond GraphQL's Int: `databaseId` is an error for them, `fullDatabaseId` a string.
const COMMENT = `fullDatabaseId body createdAt url author { __typename login } editor { login }`;

/** Everything one evaluation needs, config files included, in one request. */
export const PULL_REQUEST_QUERY = /* GraphQL */ `
  query DodPullRequest($owner: String!, $name: String!, $number: Int!) {
    repository(owner: $owner, name: $name) {
      pullRequest(number: $number) {
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
        comments(last: 100) { pageInfo { hasPreviousPage startCursor } nodes { ${COMMENT} } }
      }
    }
    org: repository(owner: $owner, name: "${ORG_CONFIG_REPO}") {
      nameWithOwner
      object(expression: "HEAD:${CONFIG_PATH}") { ... on Blob { text } }
    }
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
