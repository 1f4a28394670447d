// Probot wiring only: which events become which jobs, and what a job does when the queue runs it.
import { randomUUID } from "node:crypto";
import type { ApplicationFunction, Context, Probot } from "probot";
import { installDashboard } from "./dashboard/install.js";
import type { Debouncer } from "./dashboard/issue.js";
import { type DashboardSettings, DEFAULT_DEBOUNCE_MS } from "./dashboard/settings.js";
import { CHECK_EVENTS, checkJobs, STATUS_EVENTS, statusJob } from "./handlers/checks.js";
import { COMMENT_EVENTS, commentJob } from "./handlers/comments.js";
import { ISSUE_EVENTS, issueJob } from "./handlers/issues.js";
import { mergedPullRequestJob, PULL_REQUEST_EVENTS, pullRequestJob } from "./handlers/pull-request.js";
import { healthHandler } from "./http/health.js";
import { limitWebhookBodies } from "./http/webhook-limit.js";
import { QueueMetrics } from "./http/metrics.js";
import { reportFailure } from "./github/failure.js";
import { ReadCache } from "./github/read-cache.js";
import { CLOSED_PULLS_EPOCH, repositoryKey, VERDICTS } from "./github/cache.js";
import { rulesChanged, trustedReferences } from "./github/config-references.js";
import { jobBase } from "./handlers/job-base.js";
import {
  checkRelevance,
  type HeadOf,
  pullRequestRelevance,
  type ReferencesOf,
  statusRelevance,
} from "./handlers/relevance.js";
import { forgetHead, headRecord } from "./github/heads.js";
import { MERGE_GROUP_EVENTS, mergeGroupJob } from "./handlers/merge-group.js";
import { rulesJob } from "./handlers/push.js";
import { reportMergeGroup } from "./github/merge-group.js";
import { pullRequestsClosing, pullRequestsForCommit, pullRequestsUnderRules } from "./github/lookups.js";
import { jobLog, withLog } from "./job-log.js";
import { withSignal } from "./octokit.js";
import { dodIdentity, type DodIdentity } from "./model/identity.js";
import { runPullRequest } from "./pipeline.js";
import { recoverPending } from "./recovery.js";
import { DEFAULT_PREVIEW } from "./preview-run.js";
import {
  type CommitJob,
  type Job,
  type JobQueue,
  type PullRequestJob,
  pullRequestJobFrom,
  RateLimited,
} from "./queue/job.js";
import { rateLimitWaitMs } from "./github/rate-limit.js";
import { defaultQueueOptions } from "./queue/memory.js";
import { createQueue, type QueueSettings } from "./queue/select.js";
import type { TrackerReadOptions } from "./trackers/gather.js";
import { NO_TRACKERS, type TrackerSettings } from "./trackers/settings.js";
import { trackerWebhooks } from "./trackers/webhooks.js";

/** The settings index.ts parses from the environment; tests give their own. */
export interface DodOptions {
  queue?: Partial<QueueSettings>;
  /** The GitHub App's id (APP_ID): dod's own check run is the one this app wrote. */
  appId?: number;
  /** Jira and Linear credentials and webhook secrets (none by default; index.ts reads the environment's). */
  trackers?: TrackerSettings & TrackerReadOptions;
  dashboard?: DashboardSettings;
  /** How long GitHub asks to wait after an error, null when it is no rate limit (tests shorten the waits). */
  rateLimitWait?: (error: unknown) => number | null;
}

export interface DodHandle {
  /** Set once the app is loaded: tests wait on `queue.idle()`, shutdown on `queue.close()`. */
  queue?: JobQueue;
  /** The debounced dashboard-issue refreshes, which shutdown runs at once rather than dropping. */
  dashboard?: Debouncer;
  /** Set by shutdown: /healthz answers 503 from then on. */
  draining?: boolean;
}

export function createApp(options: DodOptions = {}): { app: ApplicationFunction; handle: DodHandle } {
  const handle: DodHandle = {};
  const identity = dodIdentity(options.appId);
  const trackers = options.trackers ?? NO_TRACKERS;
  const rateLimitWait = options.rateLimitWait ?? rateLimitWaitMs;
  const app: ApplicationFunction = (probot, { addHandler }) => {
    const metrics = new QueueMetrics();
    const settings = { ...defaultQueueOptions, ...options.queue };
    // Per app instance, not per module: two apps in one process (tests, the bench) never share what they read.
    const cache = new ReadCache({ ...(settings.redisUrl && { redisUrl: settings.redisUrl }), log: probot.log });
    const queue: JobQueue = closingAlso(
      createQueue(
        settings,
        (job, _attempt, signal): Promise<void> =>
          processJob({ probot, queue, identity, cache, trackers, dashboard }, job, signal).catch((error: unknown) => {
            const waitMs = rateLimitWait(error);
            throw waitMs === null ? error : new RateLimited(waitMs, error);
          }),
        (job, error) => onFailure(probot, identity, job, error),
        probot.log,
        metrics,
      ),
      () => cache.close(),
    );
    handle.queue = queue;
    queue.recover?.(() => recoverPending(probot, queue, identity, probot.log));
    limitWebhookBodies(probot.webhookPath);
    addHandler(healthHandler(queue, () => handle.draining === true));
    // Before the dashboard's routes, which answer every other method under /dod/ with 405.
    addHandler(trackerWebhooks(probot, queue, trackers));
    const dashboard = installDashboard(
      probot,
      addHandler,
      options.dashboard ?? { debounceMs: DEFAULT_DEBOUNCE_MS },
      identity,
      cache,
    );
    handle.dashboard = dashboard;
    addHandler(metrics.handler(queue));

    const referencesOf: ReferencesOf = (owner, repo, sha) => trustedReferences(cache, owner, repo, sha);
    const headOf: HeadOf = (owner, repo, sha) => headRecord(cache, owner, repo, sha);
    /** A commit's pull requests as its evaluations recorded them, or the commit job that looks them up. */
    const knownPulls = async (job: CommitJob): Promise<(PullRequestJob | CommitJob)[]> => {
      const record = await headOf(job.owner, job.repo, job.sha);
      const numbers = Object.keys(record ?? {}).map(Number);
      if (numbers.length === 0) return [job];
      return numbers.map((number) =>
        pullRequestJobFrom(job, { owner: job.owner, repo: job.repo, number, headSha: job.sha }),
      );
    };
    const skipped = (context: Context, reason: string) =>
      context.log.debug({ event: context.name, reason }, "event skipped: it cannot change the verdict");

    probot.on([...PULL_REQUEST_EVENTS], async (context) => {
      const relevance = await pullRequestRelevance(context, referencesOf, headOf);
      // A release label moves the pull request between releases whether or not its verdict changes.
      if (relevance.dashboard) {
        const { owner, repo, installationId } = jobBase(context);
        dashboard.schedule({ owner, repo, installationId });
      }
      if (relevance.skip) return skipped(context, relevance.skip);
      await queue.add(pullRequestJob(context));
    });
    probot.on("pull_request.closed", async (context) => {
      const { number, head } = context.payload.pull_request;
      await forgetHead(cache, { ...context.repo(), number }, head.sha);
      const job = mergedPullRequestJob(context);
      if (job) await queue.add(job);
    });
    probot.on([...ISSUE_EVENTS], async (context) => {
      const job = issueJob(context);
      if (job) await queue.add(job);
    });
    probot.on([...COMMENT_EVENTS], async (context) => {
      const job = commentJob(context);
      if ("skip" in job) return skipped(context, job.skip);
      await queue.add(job);
    });
    probot.on([...CHECK_EVENTS], async (context) => {
      for (const found of checkJobs(context, identity)) {
        for (const job of found.kind === "commit" ? await knownPulls(found) : [found]) {
          const { skip } = job.kind === "pull_request" ? await checkRelevance(context, job, referencesOf, headOf) : {};
          if (skip) skipped(context, skip);
          else await queue.add(job);
        }
      }
    });
    probot.on("push", async (context) => {
      const job = rulesJob(context);
      if (!job) return skipped(context, "the push changes no done.yml");
      await rulesChanged(cache, job.owner, job.repo, job.account !== undefined);
      await queue.add(job);
    });
    probot.on([...MERGE_GROUP_EVENTS], async (context) => {
      await queue.add(mergeGroupJob(context));
    });
    probot.on([...STATUS_EVENTS], async (context) => {
      const job = statusJob(context);
      if (!job) return;
      // A commit evaluated before names its pull requests and what they saw: no look-up, no page of pull requests.
      const known = await statusRelevance(context, referencesOf, headOf);
      if (!known) return queue.add(job);
      for (const { number, skip } of known) {
        if (skip) skipped(context, skip);
        else await queue.add(pullRequestJobFrom(job, { owner: job.owner, repo: job.repo, number, headSha: job.sha }));
      }
    });
  };
  return { app, handle };
}

/** The queue, whose close also releases what the app holds beside it (the cache's Redis connection). */
function closingAlso(queue: JobQueue, release: () => Promise<void>): JobQueue {
  return {
    add: (job) => queue.add(job),
    idle: () => queue.idle(),
    stats: () => queue.stats(),
    ...(queue.health && { health: () => queue.health!() }),
    ...(queue.recover && { recover: (scan: () => Promise<unknown>) => queue.recover!(scan) }),
    close: async () => {
      await queue.close();
      await release();
    },
  };
}

/** What a job needs of the app it runs in. */
interface JobDeps {
  probot: Probot;
  queue: JobQueue;
  identity: DodIdentity;
  cache: ReadCache;
  trackers: TrackerSettings & TrackerReadOptions;
  dashboard: Debouncer;
}

async function processJob(deps: JobDeps, job: Job, signal?: AbortSignal): Promise<void> {
  const { probot, queue, identity, cache, trackers } = deps;
  const log = jobLog(probot, job);
  const github = withLog(withSignal(await probot.auth(job.installationId), signal), log);
  if (job.kind === "merge_group") return reportMergeGroup(github, identity, job);
  if (job.kind !== "pull_request") {
    const found =
      job.kind === "issue"
        ? await pullRequestsClosing(github, job)
        : job.kind === "rules"
          ? await pullRequestsUnderRules(github, job)
          : await pullRequestsForCommit(github, job);
    for (const prJob of found) await queue.add(prJob);
    return;
  }
  const published = await runPullRequest(github, job, {
    log,
    commentIds: job.commentIds,
    identity,
    cache,
    trackers,
    preview: DEFAULT_PREVIEW,
    ...(job.merged && { atMerge: true }),
  });
  // A closed release's cached pull requests (dashboard-gather.ts) are stale once one of them has a new check.
  if (published.pullState !== "open" && published.checkRun !== "unchanged")
    await cache.set(CLOSED_PULLS_EPOCH, repositoryKey(job.owner, job.repo), randomUUID());
  // The dashboard issue is written only when a verdict changed (a new head with the same items is no change); its
  // refresh is debounced per repository and patches this pull request's entry rather than reading every release.
  // Any other evaluation only updates the kept dashboard (no request), so a later refresh shows it as a read would.
  if (published.dashboardIssue && published.dashboardPatch) {
    const changed = published.checkRun !== "unchanged" && (await verdictChanged(cache, job, published.verdict));
    // Commands may have opened follow-ups, a merge changes the release: those read the dashboard again.
    const reads = changed && (job.merged || (job.commentIds?.length ?? 0) > 0);
    deps.dashboard.schedule({
      owner: job.owner,
      repo: job.repo,
      installationId: job.installationId,
      ...(!reads && { patch: { ...published.dashboardPatch, soft: !changed } }),
    });
  }
}

/** Records the pull request's verdict; true unless it is the one recorded before (unknown counts as changed). */
async function verdictChanged(cache: ReadCache, job: PullRequestJob, verdict: string | null): Promise<boolean> {
  const key = `${job.owner}/${job.repo}#${job.number}`.toLowerCase();
  const before = await cache.get<string | null>(VERDICTS, key);
  await cache.set(VERDICTS, key, verdict);
  return before === undefined || before !== verdict;
}

/** A job that failed its last attempt: logged, and a pull request's check completed with what went wrong. */
async function onFailure(probot: Probot, identity: DodIdentity, job: Job, error: unknown): Promise<void> {
  const log = jobLog(probot, job);
  log.error({ err: error }, "evaluation failed after its last attempt");
  // Still rate limited: a failure check would be refused too, and the verdict is not wrong, only late.
  if (job.kind !== "pull_request" || error instanceof RateLimited) return;
  await reportFailure(withLog(await probot.auth(job.installationId), log), identity, job, error);
}
