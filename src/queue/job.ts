// What the webhook handlers record: plain data, so a job can wait in memory or in Redis and run on any replica.
export interface PullRequestJob {
  kind: "pull_request";
  installationId: number;
  owner: string;
  repo: string;
  number: number;
  /** The head commit the event saw, for reporting a final failure when GitHub can't be read. */
  headSha?: string;
  /** Comments whose `/dod` commands need an answer (a reaction or a refusal). */
  commentIds: number[];
  deliveryIds: string[];
  /** The pull request was just merged: with `dashboard.follow_ups: auto`, its done debt gets follow-up issues. */
  merged?: boolean;
}

/** An issue changed: re-evaluate the open pull requests that close it. */
export interface IssueJob {
  kind: "issue";
  installationId: number;
  owner: string;
  repo: string;
  number: number;
  commentIds: number[];
  deliveryIds: string[];
}

/**
 * A commit's checks or statuses changed but the event names no pull request (a fork's, or a commit status):
 * re-evaluate the open pull requests whose head it is. Keyed by commit, so a burst of finished checks costs one
 * look-up.
 */
export interface CommitJob {
  kind: "commit";
  installationId: number;
  owner: string;
  repo: string;
  sha: string;
  /** The commit may be a fork's head (on no branch here): found only among the open pull requests' heads. */
  forks?: boolean;
  commentIds: number[];
  deliveryIds: string[];
}

/** A merge queue asks for checks on a merge group's commit: dod carries the pull request's verdict over to it. */
export interface MergeGroupJob {
  kind: "merge_group";
  installationId: number;
  owner: string;
  repo: string;
  /** The merge group's commit, which the check is written on. */
  sha: string;
  /** `refs/heads/gh-readonly-queue/{base}/pr-{number}-{sha}`: names the pull request the group ends with. */
  headRef: string;
  commentIds: number[];
  deliveryIds: string[];
}

/**
 * A push changed done.yml on `branch`: re-judge the open pull requests into it. With `account`, the push changed the
 * organisation's file (its `.github` repository's default branch): the account's open pull requests, every
 * repository, are re-judged.
 */
export interface RulesJob {
  kind: "rules";
  installationId: number;
  owner: string;
  repo: string;
  branch: string;
  account?: { login: string; type: string };
  commentIds: number[];
  deliveryIds: string[];
}

export type Job = PullRequestJob | IssueJob | CommitJob | MergeGroupJob | RulesJob;

export const jobKey = (job: Job) => `${job.owner}/${job.repo}${keySuffix(job)}`.toLowerCase();

function keySuffix(job: Job): string {
  switch (job.kind) {
    case "commit":
      return `@${job.sha}`;
    case "merge_group":
      return `@merge-group:${job.sha}`;
    case "rules":
      return `:rules:${job.branch}`;
    case "issue":
      return `!issue${job.number}`;
    case "pull_request":
      return `#${job.number}`;
  }
}

/** A follow-up job for one pull request that an issue or commit job found: same installation and deliveries. */
export function pullRequestJobFrom(
  job: IssueJob | CommitJob | RulesJob,
  pr: { owner: string; repo: string; number: number; headSha?: string },
): PullRequestJob {
  return {
    kind: "pull_request",
    installationId: job.installationId,
    ...pr,
    commentIds: [],
    deliveryIds: job.deliveryIds,
  };
}

/** What a job is about, for log lines and metrics. */
export const jobSubject = (job: Job) =>
  job.kind === "commit" || job.kind === "merge_group"
    ? { repo: `${job.owner}/${job.repo}`, sha: job.sha }
    : job.kind === "rules"
      ? { repo: `${job.owner}/${job.repo}`, branch: job.branch }
      : { repo: `${job.owner}/${job.repo}`, number: job.number };

/** Folds a newer event for the same key into the waiting job: one evaluation of the newest state. */
export function mergeJobs<T extends Job>(waiting: T, next: T): T {
  return {
    ...waiting,
    ...next,
    commentIds: [...new Set([...waiting.commentIds, ...next.commentIds])],
    deliveryIds: [...waiting.deliveryIds, ...next.deliveryIds],
    ...(("merged" in waiting && waiting.merged) || ("merged" in next && next.merged) ? { merged: true } : {}),
    ...(("forks" in waiting && waiting.forks) || ("forks" in next && next.forks) ? { forks: true } : {}),
  };
}

export interface QueueStats {
  waiting: number;
  running: number;
  processed: number;
  coalesced: number;
  failed: number;
}

/** Whether the queue can take and run work now (the Redis queue: whether Redis answers). */
export type QueueHealth = { ok: true } | { ok: false; reason: string };

export interface JobQueue {
  add(job: Job): Promise<void>;
  /** Resolves once nothing is waiting or running (tests and graceful shutdown). */
  idle(): Promise<void>;
  close(): Promise<void>;
  stats(): QueueStats;
  /** Absent: always healthy (the embedded queue). */
  health?(): QueueHealth;
  /**
   * Gives the queue the look-up that re-enqueues, from GitHub's record, what it lost with every replica's memory.
   * The shared queue runs it once per fleet whenever it finds Redis without its data; absent: nothing to run.
   */
  recover?(scan: () => Promise<unknown>): void;
}

/** `signal` aborts when the job is superseded: a newer event for the same key has waited long enough behind it. */
export type JobProcessor = (job: Job, attempt: number, signal?: AbortSignal) => Promise<void>;
export type FailureHandler = (job: Job, error: unknown) => Promise<void>;

/**
 * Thrown by a job's processor when GitHub asked the installation to wait (a rate limit Octokit gave up on): the
 * queue runs the job again after `waitMs`, holds the installation's other jobs until then too, and neither counts
 * an attempt nor reports a failure while the limit lasts.
 */
export class RateLimited extends Error {
  constructor(
    readonly waitMs: number,
    override readonly cause: unknown,
  ) {
    super(`GitHub rate limit: waiting ${Math.ceil(waitMs / 1000)} s`);
    this.name = "RateLimited";
  }
}

/** A job waits out this many rate limits at most; after that a limit counts as a failed attempt. */
export const MAX_RATE_LIMIT_WAITS = 24;
