// GraphQL answers shaped like GitHub's for the DodPullRequest query, built from a few test-friendly options.
import type { PullRequestData } from "../../src/github/response.js";

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
  files?: (string | { path: string; additions: number; deletions: number; changeType?: string })[];
  /** Total files GitHub reports (defaults to files.length); more than 100 pages the rest. */
  totalFiles?: number;
  hasMoreFiles?: string | null;
  config?: string | null;
  headConfig?: string | null;
  orgConfig?: string | null;
  orgMissing?: boolean;
  reviews?: {
    author: string;
    state: "APPROVED" | "CHANGES_REQUESTED" | "COMMENTED" | "DISMISSED";
    submittedAt?: string;
    /** The commit reviewed: the head unless said otherwise. */
    commit?: string;
  }[];
  issues?: { number: number; title?: string; body?: string; state?: "OPEN" | "CLOSED"; repo?: string }[];
  checks?: { name: string; status?: string; conclusion?: string | null }[];
  statuses?: { context: string; state: string }[];
  ownCheckRun?: { id: number; externalId: string | null; appId?: number } | null;
  comments?: { id: number; author: string; bot?: boolean; body: string; createdAt?: string; editor?: string }[];
}

export function pullRequestData(o: PullRequestOptions = {}): PullRequestData {
  const owner = o.owner ?? "Codertocat";
  const repo = o.repo ?? "Hello-World";
  const number = o.number ?? 2;
  const files = (o.files ?? ["src/index.ts"]).map((f) => (typeof f === "string" ? { path: f, additions: 1, deletions: 0 } : f));
  const blob = (text: string | null | undefined) => (text == null ? null : { object: { text } });
  const contexts = [
    ...(o.checks ?? []).map((c, i) => ({
      __typename: "CheckRun" as const,
      databaseId: 9000 + i,
      name: c.name,
      status: c.status ?? "COMPLETED",
      conclusion: c.status && c.status !== "COMPLETED" ? null : (c.conclusion ?? "SUCCESS"),
      detailsUrl: `https://github.com/${owner}/${repo}/runs/${9000 + i}`,
      externalId: null,
      checkSuite: { app: { databaseId: ACTIONS_APP_ID } },
    })),
    ...(o.statuses ?? []).map((s) => ({ __typename: "StatusContext" as const, context: s.context, state: s.state, targetUrl: null })),
    ...(o.ownCheckRun
      ? [
          {
            __typename: "CheckRun" as const,
            databaseId: o.ownCheckRun.id,
            name: "Definition of Done",
            status: "COMPLETED",
            conclusion: "FAILURE",
            detailsUrl: null,
            externalId: o.ownCheckRun.externalId,
            checkSuite: { app: { databaseId: o.ownCheckRun.appId ?? APP_ID } },
          },
        ]
      : []),
  ];
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
        baseRefName: o.baseRef ?? "master",
        baseRefOid: o.baseSha ?? BASE_SHA,
        headRefName: "changes",
        headRefOid: o.headSha ?? HEAD_SHA,
        milestone: o.milestone ? { title: o.milestone } : null,
        labels: { nodes: (o.labels ?? []).map((name) => ({ name })) },
        baseRef: { target: { oid: o.baseSha ?? BASE_SHA, file: blob(o.config) } },
        commits: {
          nodes: [
            {
              commit: {
                file: blob(o.headConfig === undefined ? o.config : o.headConfig),
                statusCheckRollup: { contexts: { pageInfo: { hasNextPage: false, endCursor: "c" }, nodes: contexts } },
              },
            },
          ],
        },
        files: {
          totalCount: o.totalFiles ?? files.length,
          pageInfo: { hasNextPage: Boolean(o.hasMoreFiles), endCursor: o.hasMoreFiles ?? "f" },
          nodes: files,
        },
        latestOpinionatedReviews: {
          nodes: (o.reviews ?? []).map((r) => ({
            author: { login: r.author },
            state: r.state,
            submittedAt: r.submittedAt ?? "2026-11-20T10:00:00Z",
            url: `https://github.com/${owner}/${repo}/pull/${number}#pullrequestreview-1`,
            commit: { oid: r.commit ?? o.headSha ?? HEAD_SHA },
          })),
        },
        closingIssuesReferences: {
          nodes: (o.issues ?? []).map((i) => ({
            number: i.number,
            title: i.title ?? `Issue ${i.number}`,
            body: i.body ?? "",
            state: i.state ?? "OPEN",
            url: `https://github.com/${i.repo ?? `${owner}/${repo}`}/issues/${i.number}`,
            repository: { nameWithOwner: i.repo ?? `${owner}/${repo}` },
          })),
        },
        comments: {
          pageInfo: { hasPreviousPage: false, startCursor: "s" },
          nodes: (o.comments ?? []).map((c) => ({
            databaseId: c.id,
            body: c.body,
            createdAt: c.createdAt ?? "2026-11-21T10:00:00Z",
            url: `https://github.com/${owner}/${repo}/pull/${number}#issuecomment-${c.id}`,
            author: { __typename: c.bot ? "Bot" : "User", login: c.author },
            editor: c.editor ? { login: c.editor } : null,
          })),
        },
      },
    },
    org: o.orgMissing ? null : { nameWithOwner: `${owner}/.github`, object: o.orgConfig == null ? null : { text: o.orgConfig } },
  };
}
