// One pull request's world, as the GraphQL double reads it (graphql-double.ts), built from a few test-friendly
// options: every field GitHub has that dod may select, lists as connections paged as GitHub pages them, and
// GitHub's quirks — `files` counts at most 3,000 (`changedFiles` is the true count), closing keywords link issues
// only when the pull request targets the default branch, and the check rollup keeps the latest run per name
// per check suite.
import { connection } from "./graphql-double.js";

export const HEAD_SHA = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";
/** The base commit of the webhook examples' pull request. */
export const BASE_SHA = "f95f852bd8fca8fcc58a9a2d6c842781e32a215e";
/** The app id tests load dod with; other apps' checks carry GitHub Actions' id. */
export const APP_ID = 1;
const ACTIONS_APP_ID = 15368;

export interface PullRequestOptions {
  owner?: string;
  repo?: string;
  number?: number;
  title?: string;
  author?: string;
  body?: string;
  draft?: boolean;
  state?: "OPEN" | "CLOSED" | "MERGED";
  baseRef?: string;
  /** The pull request's base commit (GitHub's `base.sha`), also the base branch's tip here. */
  baseSha?: string;
  headSha?: string;
  labels?: string[];
  milestone?: string | null;
  /** Every changed file; GitHub lists (and counts in `files`) only the first 3,000. */
  files?: (string | { path: string; additions: number; deletions: number; changeType?: string })[];
  /** The repository's default branch (`master`, as in GitHub's webhook examples). */
  defaultBranch?: string;
  config?: string | null;
  headConfig?: string | null;
  orgConfig?: string | null;
  orgMissing?: boolean;
  reviews?: {
    author: string;
    state: "APPROVED" | "CHANGES_REQUESTED" | "COMMENTED" | "DISMISSED";
    submittedAt?: string;
    /** The commit reviewed: the head unless said otherwise; `null` when GitHub does not say (a force-pushed-away one). */
    commit?: string | null;
  }[];
  issues?: { number: number; title?: string; body?: string; state?: "OPEN" | "CLOSED"; repo?: string }[];
  /** Other checks, oldest first; runs of one name in one suite (default: one suite per name) supersede each other. */
  checks?: { name: string; status?: string; conclusion?: string | null; suite?: number; appId?: number }[];
  statuses?: { context: string; state: string }[];
  /** dod's run on the head: completed with a failure unless `status` says otherwise. */
  ownCheckRun?: {
    id: number;
    externalId: string | null;
    appId?: number;
    status?: string;
    conclusion?: string | null;
  } | null;
  comments?: {
    id: number;
    author: string;
    bot?: boolean;
    /** Written with the token the app reads with (GitHub's `viewerDidAuthor`); by default, a bot's comment is dod's. */
    mine?: boolean;
    body: string;
    createdAt?: string;
    editor?: string;
  }[];
}

/** dod's run as a stateful double keeps it (REST's fields), as `ownCheckRun` shows it to the pull request's query. */
export function ownCheckRunOf(
  run: { id: number; external_id?: string; status?: string; conclusion?: string } | undefined,
): PullRequestOptions["ownCheckRun"] {
  return run
    ? {
        id: run.id,
        externalId: run.external_id ?? null,
        status: (run.status ?? "queued").toUpperCase(),
        conclusion: run.conclusion?.toUpperCase() ?? null,
      }
    : null;
}

/** GitHub lists at most this many files of a pull request. */
export const GITHUB_MAX_FILES = 3000;

export function pullRequestData(o: PullRequestOptions = {}) {
  const owner = o.owner ?? "Codertocat";
  const repo = o.repo ?? "Hello-World";
  const number = o.number ?? 2;
  const headSha = o.headSha ?? HEAD_SHA;
  const baseRef = o.baseRef ?? "master";
  const files = (o.files ?? ["src/index.ts"]).map((f) =>
    typeof f === "string"
      ? { path: f, additions: 1, deletions: 0, changeType: "MODIFIED" }
      : { changeType: "MODIFIED", ...f },
  );
  const blob = (text: string | null | undefined) => (text == null ? null : { object: { text } });
  const runs = (o.checks ?? []).map((c, i) => ({
    suite: c.suite ?? 500 + (o.checks ?? []).findIndex((d) => d.name === c.name),
    run: {
      __typename: "CheckRun" as const,
      databaseId: 9000 + i,
      name: c.name,
      status: c.status ?? "COMPLETED",
      conclusion: c.status && c.status !== "COMPLETED" ? null : (c.conclusion ?? "SUCCESS"),
      detailsUrl: `https://github.com/${owner}/${repo}/runs/${9000 + i}`,
      externalId: null,
      checkSuite: { app: { databaseId: c.appId ?? ACTIONS_APP_ID } },
    },
  }));
  // The rollup shows the latest run of each name in each check suite; earlier runs there are superseded.
  const latest = runs.filter((r, i) => !runs.some((s, j) => j > i && s.suite === r.suite && s.run.name === r.run.name));
  const contexts = [
    ...latest.map((r) => r.run),
    ...(o.statuses ?? []).map((s) => ({
      __typename: "StatusContext" as const,
      context: s.context,
      state: s.state,
      targetUrl: null,
    })),
    ...(o.ownCheckRun
      ? [
          {
            __typename: "CheckRun" as const,
            databaseId: o.ownCheckRun.id,
            name: "Definition of Done",
            status: o.ownCheckRun.status ?? "COMPLETED",
            conclusion:
              (o.ownCheckRun.status ?? "COMPLETED") === "COMPLETED" ? (o.ownCheckRun.conclusion ?? "FAILURE") : null,
            detailsUrl: null,
            externalId: o.ownCheckRun.externalId,
            checkSuite: { app: { databaseId: o.ownCheckRun.appId ?? APP_ID } },
          },
        ]
      : []),
  ];
  const listed = files.slice(0, GITHUB_MAX_FILES);
  // Closing keywords link issues only on pull requests into the default branch.
  const closing = baseRef === (o.defaultBranch ?? "master") ? (o.issues ?? []) : [];
  return {
    repository: {
      pullRequest: {
        number,
        url: `https://github.com/${owner}/${repo}/pull/${number}`,
        title: o.title ?? "Update the README with new information.",
        body: o.body ?? "",
        isDraft: o.draft ?? false,
        state: o.state ?? "OPEN",
        merged: o.state === "MERGED",
        author: { login: o.author ?? "Codertocat" },
        baseRefName: baseRef,
        baseRefOid: o.baseSha ?? BASE_SHA,
        headRefName: "changes",
        headRefOid: headSha,
        milestone: o.milestone ? { title: o.milestone } : null,
        labels: connection((o.labels ?? []).map((name) => ({ name }))),
        baseRef: { target: { oid: o.baseSha ?? BASE_SHA, file: blob(o.config) } },
        commits: connection([
          {
            commit: {
              oid: headSha,
              file: blob(o.headConfig === undefined ? o.config : o.headConfig),
              statusCheckRollup: { contexts: connection(contexts) },
            },
          },
        ]),
        changedFiles: files.length,
        files: connection(listed.map((f) => ({ ...f }))),
        latestOpinionatedReviews: connection(
          (o.reviews ?? []).map((r) => ({
            author: { login: r.author },
            state: r.state,
            submittedAt: r.submittedAt ?? "2026-11-20T10:00:00Z",
            url: `https://github.com/${owner}/${repo}/pull/${number}#pullrequestreview-1`,
            commit: r.commit === null ? null : { oid: r.commit ?? headSha },
          })),
        ),
        closingIssuesReferences: connection(
          closing.map((i) => ({
            number: i.number,
            title: i.title ?? `Issue ${i.number}`,
            body: i.body ?? "",
            state: i.state ?? "OPEN",
            url: `https://github.com/${i.repo ?? `${owner}/${repo}`}/issues/${i.number}`,
            repository: { nameWithOwner: i.repo ?? `${owner}/${repo}` },
          })),
        ),
        comments: connection(
          (o.comments ?? []).map((c) => ({
            databaseId: c.id,
            fullDatabaseId: String(c.id),
            body: c.body,
            createdAt: c.createdAt ?? "2026-11-21T10:00:00Z",
            url: `https://github.com/${owner}/${repo}/pull/${number}#issuecomment-${c.id}`,
            author: { __typename: c.bot ? "Bot" : "User", login: c.author },
            editor: c.editor ? { login: c.editor } : null,
            viewerDidAuthor: c.mine ?? c.bot === true,
          })),
        ),
      },
    },
    org: o.orgMissing
      ? null
      : { nameWithOwner: `${owner}/.github`, object: o.orgConfig == null ? null : { text: o.orgConfig } },
  };
}
