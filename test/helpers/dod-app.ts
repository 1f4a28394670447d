// The real app in a real Probot with dod's own Octokit (src/octokit.ts: retries and rate-limit handling ON), only
// with shorter waits so fault tests run in milliseconds: "1 s" of backoff or `retry-after` lasts 10 ms here.
import Bottleneck from "bottleneck";
import { rateLimitWaitMs } from "../../src/github/rate-limit.js";
import { DodOctokit } from "../../src/octokit.js";
import { loadApp, type LoadOptions } from "./app.js";

/** Milliseconds that stand for one second of GitHub's `retry-after` and of the retry plugin's backoff. */
export const MS_PER_SECOND = 10;

export const FastDodOctokit = DodOctokit.defaults((options: any) => ({
  ...options,
  retry: { ...options.retry, retryAfterBaseValue: MS_PER_SECOND },
  throttle: {
    ...options.throttle,
    retryAfterBaseValue: MS_PER_SECOND,
    // The throttling plugin spaces writes 1 s apart per installation, in groups shared by every Octokit of the
    // process; fresh groups without spacing keep tests fast and independent.
    write: new Bottleneck.Group({ maxConcurrent: 1, minTime: 0 }),
    notifications: new Bottleneck.Group({ maxConcurrent: 1, minTime: 0 }),
  },
}));

/** The queue's wait for a rate limit Octokit gave up on, scaled like Octokit's own waits. */
export const fastRateLimitWait = (error: unknown) => {
  const ms = rateLimitWaitMs(error);
  return ms === null ? null : (ms / 1000) * MS_PER_SECOND;
};

/** The real app with dod's own Octokit, waits shortened. */
export const loadDodApp = (options: Omit<LoadOptions, "Octokit"> = {}) =>
  loadApp({ rateLimitWait: fastRateLimitWait, ...options, Octokit: FastDodOctokit });
