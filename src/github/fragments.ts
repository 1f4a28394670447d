// The GraphQL fragments dod's documents share. Each constant carries the fragments it spreads, so a document
// appends exactly the constants it spreads and never defines a fragment twice. The documents are static (no
// interpolation but these fragments) so that `npm run codegen` types their answers (generated/graphql.ts);
// dod's names (the config path, the `.github` repository, the check's name) are written out, and a test checks
// them against src/model/names.ts.

/** The config file in a commit's tree. */
export const CONFIG_BLOB = /* GraphQL */ `
  fragment DodConfigBlob on Commit {
    file(path: ".github/done.yml") { object { ... on Blob { text } } }
  }
`;

/** The config file on a repository's default branch. */
export const CONFIG_FILE = /* GraphQL */ `
  fragment DodConfigFile on Repository {
    object(expression: "HEAD:.github/done.yml") { ... on Blob { text } }
  }
`;

export const CHECK_CONTEXT = /* GraphQL */ `
  fragment DodCheckContext on StatusCheckRollupContext {
    __typename
    ... on CheckRun { databaseId name status conclusion detailsUrl externalId checkSuite { app { databaseId } } }
    ... on StatusContext { context state targetUrl }
  }
`;

export const LINKED_ISSUE = /* GraphQL */ `
  fragment DodLinkedIssue on Issue {
    number title body state url repository { nameWithOwner }
  }
`;

// Comment ids are past 2^31, beyond GraphQL's Int: `databaseId` is an error for them, `fullDatabaseId` a string.
// `viewerDidAuthor`: written with the token dod reads with (its app, or the CLI's and the Action's token), which
// another bot copying dod's markers is not.
export const COMMENT = /* GraphQL */ `
  fragment DodComment on IssueComment {
    fullDatabaseId body createdAt url author { __typename login } editor { login } viewerDidAuthor
  }
`;

export const CHANGED_FILE = /* GraphQL */ `
  fragment DodFile on PullRequestChangedFile {
    path additions deletions changeType
  }
`;

/** What dod reads of one pull request, its config files included: shared by the single and the batched query. */
export const PULL_REQUEST_FIELDS = /* GraphQL */ `
  fragment DodPullRequestFields on PullRequest {
    number url title body isDraft state merged
    author { login }
    baseRefName baseRefOid headRefName headRefOid
    milestone { title }
    labels(first: 100) { nodes { name } }
    baseRef { target { oid ...DodConfigBlob } }
    commits(last: 1) {
      nodes {
        commit {
          ...DodConfigBlob
          statusCheckRollup {
            contexts(first: 100) { pageInfo { hasNextPage endCursor } nodes { ...DodCheckContext } }
          }
        }
      }
    }
    changedFiles
    files(first: 100) { totalCount pageInfo { hasNextPage endCursor } nodes { ...DodFile } }
    latestOpinionatedReviews(first: 100) { nodes { author { login } state submittedAt url commit { oid } } }
    closingIssuesReferences(first: 50) { nodes { ...DodLinkedIssue } }
    comments(last: 100) { pageInfo { hasPreviousPage startCursor } nodes { ...DodComment } }
  }
  ${CONFIG_BLOB}
  ${CHECK_CONTEXT}
  ${CHANGED_FILE}
  ${LINKED_ISSUE}
  ${COMMENT}
`;

export const TEAM_MEMBERS = /* GraphQL */ `
  fragment DodTeamMembers on Team {
    members(first: 100, membership: ALL) { pageInfo { hasNextPage endCursor } nodes { login } }
  }
`;
