// One GraphQL request gathers a pull request's facts and both config files; only what overflows a page
// (files beyond 100, comments beyond 100, checks beyond 100) costs more requests.
import { COMMENT_MARKER, CONFIG_PATH, ORG_CONFIG_REPO } from "../model/names.js";
import type { DodIdentity } from "../model/identity.js";
import type { CheckResult, Comment, Facts, LinkedIssue } from "../model/facts.js";
import { type GitHub, queryAllowingMissing, queryAllowingRefusals } from "./client.js";
import type { PullRequestRef } from "../model/pull-request.js";
import { closingReferences } from "./closing-references.js";
import { listOwnRuns, runFor, sharesHead } from "./own-run.js";
import {
  type LinkedIssuesData,
  linkedIssuesQuery,
  MORE_CHECKS_QUERY,
  MORE_COMMENTS_QUERY,
  MORE_FILES_QUERY,
  PULL_REQUEST_QUERY,
} from "./queries.js";
import { type Cache, diffKey, FILES } from "./cache.js";
import type * as G from "./generated/graphql.js";
import { blobText, present } from "./nodes.js";

/** GitHub lists at most this many files of a pull request. */
export const MAX_FILES = 3000;

export interface Gathered {
  facts: Facts;
  config: {
    base: string | null;
    head: string | null;
    org: { file: string; text: string | null };
  };
  /** dod's own check run on the head commit, to update in place. */
  ownCheckRun: { id: number; externalId: string | null; completed: boolean } | null;
  /** dod's own sticky comment, to edit in place. */
  ownComment: { id: number; body: string } | null;
  /** The commits the facts describe: the pull request's base and head, and the base branch's tip (the config's). */
  commits: { base: string; head: string; baseTip: string | null };
}

export type PullRequestNode = G.DodPullRequestFieldsFragment;
type FileNode = G.DodFileFragment;
type CheckContext = G.DodCheckContextFragment;

export class PullRequestNotFound extends Error {}

export async function gatherPullRequest(
  github: GitHub,
  ref: PullRequestRef,
  identity: DodIdentity,
  cache?: Cache,
): Promise<Gathered> {
  const vars = { owner: ref.owner, name: ref.repo, number: ref.number };
  const data = await queryAllowingMissing<G.DodPullRequestQuery>(github, PULL_REQUEST_QUERY, vars, ["org"]);
  const pr = data.repository?.pullRequest;
  if (!pr) throw new PullRequestNotFound(`No pull request ${ref.owner}/${ref.repo}#${ref.number}`);
  return gatheredFrom(github, ref, pr, blobText(data.org?.object), identity, cache);
}

/**
 * The facts of a pull request from its node (PULL_REQUEST_QUERY's, or one alias of a batch), reading only what
 * overflows a page and the issues its text closes that GitHub did not list.
 */
export async function gatheredFrom(
  github: GitHub,
  ref: PullRequestRef,
  pr: PullRequestNode,
  orgText: string | null,
  identity: DodIdentity,
  cache?: Cache,
): Promise<Gathered> {
  const vars = { owner: ref.owner, name: ref.repo, number: ref.number };
  const commit = present(pr.commits.nodes)[0]?.commit;
  const files = await allFiles(github, vars, pr, cache);

  const contexts = present(commit?.statusCheckRollup?.contexts.nodes);
  for (let page = commit?.statusCheckRollup?.contexts.pageInfo; page?.hasNextPage && page.endCursor; ) {
    const more = await github.graphql<G.DodMoreChecksQuery>(MORE_CHECKS_QUERY, {
      ...vars,
      after: page.endCursor,
    } satisfies G.DodMoreChecksQueryVariables);
    const rollup = present(more.repository?.pullRequest?.commits.nodes)[0]?.commit.statusCheckRollup;
    contexts.push(...present(rollup?.contexts.nodes));
    page = rollup?.contexts.pageInfo;
  }

  const comments = present(pr.comments.nodes);
  for (let page = pr.comments.pageInfo; page.hasPreviousPage && page.startCursor; ) {
    const more = await github.graphql<G.DodMoreCommentsQuery>(MORE_COMMENTS_QUERY, {
      ...vars,
      before: page.startCursor,
    } satisfies G.DodMoreCommentsQueryVariables);
    const next = more.repository?.pullRequest?.comments;
    if (!next) break;
    comments.unshift(...present(next.nodes));
    page = next.pageInfo;
  }

  // dod's runs are the ones its app wrote under its name; it replaces a run when the annotations change, so the
  // newest one reporting on this pull request is the one to keep current.
  type CheckRunContext = Extract<CheckContext, { __typename: "CheckRun" }>;
  const isOwn = (c: CheckContext): c is CheckRunContext =>
    c.__typename === "CheckRun" && identity.isOwn({ name: c.name, appId: c.checkSuite?.app?.databaseId });
  const ownRuns = contexts
    .filter(isOwn)
    .flatMap((c) =>
      c.databaseId === null
        ? []
        : [{ id: c.databaseId, externalId: c.externalId, completed: c.status === "COMPLETED" }],
    );
  // The rollup may show only the newest run of a name: when that run is another pull request's (the head is shared),
  // this one's own run is looked for in the full list.
  const own =
    runFor(ownRuns, ref.number) ??
    (sharesHead(ownRuns, ref.number)
      ? runFor(await listOwnRuns(github, identity, ref, pr.headRefOid), ref.number)
      : null);
  const baseTarget = pr.baseRef?.target;
  const config = {
    base: blobText(baseTarget && "file" in baseTarget ? baseTarget.file?.object : null),
    head: blobText(commit?.file?.object),
    org: { file: `${ref.owner}/${ORG_CONFIG_REPO}:${CONFIG_PATH}`, text: orgText },
  };
  // `files` stops at 3,000 (its totalCount too); `changedFiles` is the true count.
  const filesTruncated = pr.changedFiles > MAX_FILES;
  const pulled: Facts = {
    repo: { owner: ref.owner, name: ref.repo },
    number: pr.number,
    url: pr.url,
    title: pr.title,
    author: pr.author?.login ?? "ghost",
    body: pr.body ?? "",
    draft: pr.isDraft,
    state: pr.merged ? "merged" : pr.state === "OPEN" ? "open" : "closed",
    base: { ref: pr.baseRefName },
    head: { ref: pr.headRefName, sha: pr.headRefOid },
    labels: present(pr.labels?.nodes).map((label) => label.name),
    milestone: pr.milestone?.title ?? null,
    files: files.slice(0, MAX_FILES).map(({ path, additions, deletions, changeType }) => ({
      path,
      additions,
      deletions,
      ...(changeType === "DELETED" ? { deleted: true } : {}),
    })),
    filesTruncated,
    changedFiles: pr.changedFiles,
    configChanged:
      files.some((file) => file.path === CONFIG_PATH) ||
      (config.base !== null && config.head === null) ||
      (filesTruncated && config.base !== config.head),
    reviews: present(pr.latestOpinionatedReviews?.nodes).map((review) => ({
      author: review.author?.login ?? "ghost",
      state: review.state,
      submittedAt: review.submittedAt ?? "",
      url: review.url,
      ...(review.commit ? { commit: review.commit.oid } : {}),
    })),
    linkedIssues: present(pr.closingIssuesReferences?.nodes).map(toLinkedIssue),
    checks: latestRuns(contexts.filter((c) => !isOwn(c))).map(toCheck),
    comments: comments.map(toComment),
    teams: {},
  };

  const closedByText = await issuesClosedByText(github, pulled, new URL(pr.url).host);
  const facts: Facts = { ...pulled, linkedIssues: [...pulled.linkedIssues, ...closedByText] };

  const ownComment = facts.comments.find((c) => c.byDod && c.body.startsWith(COMMENT_MARKER));
  return {
    facts,
    config,
    ownCheckRun: own,
    ownComment: ownComment ? { id: ownComment.id, body: ownComment.body } : null,
    commits: { base: pr.baseRefOid, head: pr.headRefOid, baseTip: pr.baseRef?.target?.oid ?? null },
  };
}

/**
 * Every file of the pull request, up to MAX_FILES. The files of a base..head pair never change, so the pages
 * beyond the first are read once per pair; a new head or a new base is a new key.
 */
async function allFiles(
  github: GitHub,
  vars: { owner: string; name: string; number: number },
  pr: PullRequestNode,
  cache: Cache | undefined,
): Promise<FileNode[]> {
  if (!pr.files?.pageInfo.hasNextPage) return present(pr.files?.nodes);
  const key = diffKey(vars.owner, vars.name, pr.baseRefOid, pr.headRefOid);
  const cached = await cache?.get<FileNode[]>(FILES, key);
  if (cached) return cached;
  const files = present(pr.files.nodes);
  for (let page = pr.files.pageInfo; page.hasNextPage && page.endCursor && files.length < MAX_FILES; ) {
    const more = await github.graphql<G.DodMoreFilesQuery>(MORE_FILES_QUERY, {
      ...vars,
      after: page.endCursor,
    } satisfies G.DodMoreFilesQueryVariables);
    const next = more.repository?.pullRequest?.files;
    if (!next) break;
    files.push(...present(next.nodes));
    page = next.pageInfo;
  }
  await cache?.set(FILES, key, files);
  return files;
}

/**
 * The newest run of each check (one app, one name). GitHub's rollup keeps the latest run per name per check
 * suite, so a check re-run in a new suite shows its superseded runs too; a failure there is not the check's verdict.
 */
function latestRuns(contexts: CheckContext[]): CheckContext[] {
  const key = (c: CheckContext) =>
    c.__typename === "CheckRun" ? JSON.stringify([c.checkSuite?.app?.databaseId ?? null, c.name]) : null;
  const newest = new Map<string, number>();
  for (const c of contexts) {
    const k = key(c);
    const id = c.__typename === "CheckRun" ? (c.databaseId ?? 0) : 0;
    if (k !== null) newest.set(k, Math.max(newest.get(k) ?? id, id));
  }
  return contexts.filter((c) => c.__typename !== "CheckRun" || newest.get(key(c)!) === (c.databaseId ?? 0));
}

function toCheck(context: CheckContext): CheckResult {
  if (context.__typename === "CheckRun") {
    return {
      name: context.name,
      status: context.status.toLowerCase() as CheckResult["status"],
      conclusion: context.conclusion?.toLowerCase() ?? null,
      url: context.detailsUrl ?? undefined,
    };
  }
  const pending = context.state === "PENDING" || context.state === "EXPECTED";
  return {
    name: context.context,
    status: pending ? "pending" : "completed",
    conclusion: pending ? null : context.state.toLowerCase(),
    url: context.targetUrl ?? undefined,
  };
}

function toComment(node: G.DodCommentFragment): Comment {
  const author = node.author?.login ?? "ghost";
  const editor = node.editor?.login;
  return {
    ...(editor && editor.toLowerCase() !== author.toLowerCase() ? { editedBy: editor } : {}),
    id: Number(node.fullDatabaseId ?? 0),
    author,
    authorIsBot: node.author?.__typename === "Bot",
    byDod: node.viewerDidAuthor,
    body: node.body,
    createdAt: node.createdAt,
    url: node.url,
  };
}

function toLinkedIssue(issue: G.DodLinkedIssueFragment): LinkedIssue {
  return {
    repo: issue.repository.nameWithOwner,
    number: issue.number,
    title: issue.title,
    body: issue.body,
    state: issue.state === "OPEN" ? "open" : "closed",
    url: issue.url,
  };
}

/**
 * Issues the title and description close that GitHub did not list (it lists them only for pull requests into the
 * default branch): all of them in one more request, and only when there are any.
 */
async function issuesClosedByText(github: GitHub, facts: Facts, host: string): Promise<LinkedIssue[]> {
  const here = { owner: facts.repo.owner, repo: facts.repo.name };
  const known = new Set(facts.linkedIssues.map((i) => `${i.repo}#${i.number}`.toLowerCase()));
  const wanted = closingReferences(facts.title, facts.body, here, host).filter(
    (ref) => !known.has(`${ref.owner}/${ref.repo}#${ref.number}`.toLowerCase()),
  );
  if (wanted.length === 0) return [];
  const aliases = wanted.map((_, i) => `i${i}`);
  const { data, refused } = await queryAllowingRefusals<LinkedIssuesData>(
    github,
    linkedIssuesQuery(wanted),
    {},
    aliases,
  );
  // A number that is a pull request, or a repository that doesn't exist, links nothing; one GitHub refuses to show
  // (FORBIDDEN: dod's app can't read that repository) is linked but unreadable, which keeps its item pending.
  return aliases.flatMap((alias, i): LinkedIssue[] => {
    const node = data[alias]?.issueOrPullRequest;
    if (node?.__typename === "Issue") return [toLinkedIssue(node)];
    if (!refused.includes(alias)) return [];
    const { owner, repo, number } = wanted[i]!;
    return [
      {
        repo: `${owner}/${repo}`,
        number,
        title: "",
        body: "",
        state: "open",
        url: `https://${host}/${owner}/${repo}/issues/${number}`,
        unreadable: "GitHub refused to show it: dod's app can't read that repository",
      },
    ];
  });
}
