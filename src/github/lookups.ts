// Look-ups the queue runs for events that name no pull request: which open pull requests a commit or an issue
// concerns. Each found pull request gets its own evaluation job.
import type { CommitJob, IssueJob, PullRequestJob, RulesJob } from "../queue/job.js";
import { pullRequestJobFrom } from "../queue/job.js";
import type { GitHub } from "./client.js";
import { ISSUE_PULL_REQUESTS_QUERY, OPEN_PULLS_SEARCH_QUERY } from "./queries.js";
import { closingReferences } from "./closing-references.js";
import type * as G from "./generated/graphql.js";
import { present } from "./nodes.js";

const sameRepo = (a: { owner: string; repo: string }, b: { owner: string; repo: string }) =>
  a.owner.toLowerCase() === b.owner.toLowerCase() && a.repo.toLowerCase() === b.repo.toLowerCase();

/**
 * The open pull requests whose head is the commit. Check payloads list none for a fork's pull request, and
 * GitHub's commit→pulls look-up answers none for a fork's head commit (it lives in the fork): when it finds
 * none and the commit may be a fork's head, the repository's open pull requests are searched by head SHA. A commit
 * on a branch here that the look-up finds in no pull request is in none: no page of pull requests is read.
 */
export async function pullRequestsForCommit(github: GitHub, job: CommitJob): Promise<PullRequestJob[]> {
  const repo = { owner: job.owner, repo: job.repo };
  const { data } = await github.rest.repos.listPullRequestsAssociatedWithCommit({ ...repo, commit_sha: job.sha });
  let numbers = data.filter((pr) => pr.state === "open" && pr.head.sha === job.sha).map((pr) => pr.number);
  if (numbers.length === 0 && job.forks) {
    const open = await github.paginate(github.rest.pulls.list, { ...repo, state: "open", per_page: 100 });
    numbers = open.filter((pr) => pr.head.sha === job.sha).map((pr) => pr.number);
  }
  return numbers.map((number) => pullRequestJobFrom(job, { ...repo, number, headSha: job.sha }));
}

/** The open pull requests that close the issue. */
export async function pullRequestsClosing(github: GitHub, job: IssueJob): Promise<PullRequestJob[]> {
  const data = await github.graphql<G.DodIssuePullRequestsQuery>(ISSUE_PULL_REQUESTS_QUERY, {
    owner: job.owner,
    name: job.repo,
    number: job.number,
  } satisfies G.DodIssuePullRequestsQueryVariables);
  const issue = data.repository?.issue;
  const linked = present(issue?.closedByPullRequestsReferences?.nodes);
  const mentioning = present(issue?.timelineItems.nodes).flatMap((node) => {
    const pr = "source" in node ? node.source : null;
    if (pr?.__typename !== "PullRequest") return [];
    const here = { owner: pr.repository.owner.login, repo: pr.repository.name };
    const closes = closingReferences(pr.title, pr.body, here, new URL(pr.url).host).some(
      (ref) => ref.number === job.number && sameRepo(ref, job),
    );
    return closes ? [pr] : [];
  });
  const seen = new Set<string>();
  return [...linked, ...mentioning]
    .filter((pr) => pr.state === "OPEN")
    .filter((pr) => {
      const key = `${pr.repository.owner.login}/${pr.repository.name}#${pr.number}`.toLowerCase();
      return !seen.has(key) && Boolean(seen.add(key));
    })
    .map((pr) =>
      pullRequestJobFrom(job, { owner: pr.repository.owner.login, repo: pr.repository.name, number: pr.number }),
    );
}

/** A change of rules re-judges at most this many open pull requests (GitHub's search finds no more than 1,000). */
export const MAX_REJUDGED = 1000;

/**
 * The open pull requests a change of rules applies to: those into the branch, or, for the organisation's file,
 * the account's open pull requests in every repository the installation can read (search sees only those).
 */
export async function pullRequestsUnderRules(github: GitHub, job: RulesJob): Promise<PullRequestJob[]> {
  if (job.account) return openPullsInAccount(github, job, job.account);
  const repo = { owner: job.owner, repo: job.repo };
  let read = 0;
  const open = await github.paginate(
    github.rest.pulls.list,
    { ...repo, state: "open", base: job.branch, per_page: 100 },
    (response, done) => {
      read += response.data.length;
      if (read >= MAX_REJUDGED) done();
      return response.data;
    },
  );
  return open
    .slice(0, MAX_REJUDGED)
    .map((pr) => pullRequestJobFrom(job, { ...repo, number: pr.number, headSha: pr.head.sha }));
}

async function openPullsInAccount(
  github: GitHub,
  job: RulesJob,
  account: { login: string; type: string },
): Promise<PullRequestJob[]> {
  const q = `is:pr is:open archived:false ${account.type === "Organization" ? "org" : "user"}:${account.login}`;
  const found: PullRequestJob[] = [];
  let after: string | null = null;
  do {
    const { search }: G.DodOpenPullsQuery = await github.graphql<G.DodOpenPullsQuery>(OPEN_PULLS_SEARCH_QUERY, {
      q,
      after,
    } satisfies G.DodOpenPullsQueryVariables);
    for (const node of present(search.nodes)) {
      if (!("number" in node)) continue;
      const pr = { owner: node.repository.owner.login, repo: node.repository.name, number: node.number };
      found.push(pullRequestJobFrom(job, { ...pr, headSha: node.headRefOid }));
    }
    after = search.pageInfo.hasNextPage ? search.pageInfo.endCursor : null;
  } while (after !== null && found.length < MAX_REJUDGED);
  return found;
}
