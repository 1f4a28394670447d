// dod's Octokit: Probot's, with retry and rate-limit settings of our own. Probot's defaults don't retry a
// secondary rate limit at all (the write is lost until the queue's next attempt, which ignores `retry-after`)
// and would have the retry plugin blindly re-send a 429. Here:
// - 5xx (and other transient answers) are retried by @octokit/plugin-retry, up to 3 times with growing waits;
// - 403/429 rate limits are the throttling plugin's: it waits the `retry-after` GitHub asks for, a few times,
//   then gives up so the queue holds the job until the limit is over (src/github/rate-limit.ts) instead of a
//   request waiting for an hour while holding a queue slot.
// The throttling options Probot sets (clustering through Redis when REDIS_URL is set) are kept as they are, and
// their Redis state is re-created when Redis loses it (limiter-recovery.ts).
import { ProbotOctokit } from "probot";
import { recoverLimiterState } from "./limiter-recovery.js";

/** Statuses the retry plugin leaves alone: client errors, and rate limits (the throttling plugin's). */
export const DO_NOT_RETRY = [400, 401, 403, 404, 410, 422, 429, 451];
/** Transient failures (5xx) are retried this many times, after 1 s, 4 s and 9 s. */
export const RETRIES = 3;
/** A secondary rate limit is waited out this many times in a row at most… */
export const SECONDARY_LIMIT_RETRIES = 3;
/** …and only when GitHub asks for at most this long (seconds); longer waits go back to the queue. */
export const MAX_RETRY_AFTER_SECONDS = 120;

interface LimitedRequest {
  method: string;
  url: string;
}
interface Logging {
  log: { warn(obj: object, msg: string): void };
}

export function onSecondaryRateLimit(
  retryAfter: number,
  options: LimitedRequest,
  octokit: Logging,
  retryCount = 0,
): boolean {
  const retry = retryCount < SECONDARY_LIMIT_RETRIES && retryAfter <= MAX_RETRY_AFTER_SECONDS;
  octokit.log.warn(
    { method: options.method, url: options.url, retryAfter, retryCount },
    retry ? "GitHub secondary rate limit: waiting as asked, then retrying" : "GitHub secondary rate limit: giving up",
  );
  return retry;
}

export function onRateLimit(retryAfter: number, options: LimitedRequest, octokit: Logging, retryCount = 0): boolean {
  // The primary limit resets hourly: wait only when the reset is near.
  const retry = retryCount < 1 && retryAfter <= MAX_RETRY_AFTER_SECONDS;
  octokit.log.warn(
    { method: options.method, url: options.url, retryAfter, retryCount },
    retry ? "GitHub rate limit: waiting for the reset, then retrying" : "GitHub rate limit exhausted: giving up",
  );
  return retry;
}

/** One request waits at most this long for GitHub (a hung GraphQL request once held a queue slot for 153 s). */
export const REQUEST_TIMEOUT_MS = 30_000;

/**
 * `fetch` with a deadline per request, joined to any signal the caller passes. The global `fetch` is looked up at
 * each call, so whatever replaces it later (a test's interceptor) is still used. The deadline's timer lives on
 * for its 30 s after the request is done: it is unhooked from the request once the body is read, or each one
 * would keep the request and its answer alive that long (the heap grew 12 MB over 5,000 events).
 */
export function fetchWithTimeout(ms: number, inner?: typeof fetch): typeof fetch {
  return async (input, init = {}) => {
    const deadline = AbortSignal.timeout(ms);
    const controller = new AbortController();
    const abort = () => controller.abort(deadline.reason);
    deadline.addEventListener("abort", abort, { once: true });
    const release = () => deadline.removeEventListener("abort", abort);
    const signal = init.signal ? AbortSignal.any([init.signal, controller.signal]) : controller.signal;
    try {
      return releasedAfterBody(await (inner ?? globalThis.fetch)(input, { ...init, signal }), release);
    } catch (error) {
      release();
      throw error;
    }
  };
}

const BODY_READERS = ["text", "json", "arrayBuffer", "blob", "formData", "bytes"] as const;

/** The response, whose body readers call `release` once they are done (at once when it has no body). */
function releasedAfterBody(response: Response, release: () => void): Response {
  if (response.body === null) {
    release();
    return response;
  }
  const readers = response as unknown as Record<string, (() => Promise<unknown>) | undefined>;
  for (const name of BODY_READERS) {
    const read = readers[name]?.bind(response);
    if (read) readers[name] = () => read().finally(release);
  }
  return response;
}

// biome-ignore lint/suspicious/noExplicitAny: Octokit types the defaults callback's options loosely
const withDodDefaults = (options: any) => ({
  ...options,
  request: {
    ...options.request,
    fetch: fetchWithTimeout(options.request?.timeoutMs ?? REQUEST_TIMEOUT_MS, options.request?.fetch),
  },
  retry: { retries: RETRIES, doNotRetry: DO_NOT_RETRY, ...options.retry },
  throttle: { ...options.throttle, onSecondaryRateLimit, onRateLimit },
});

// biome-ignore lint/suspicious/noExplicitAny: as above
export const DodOctokit = ProbotOctokit.defaults((options: any) => {
  recoverLimiterState(options.throttle?.connection);
  return withDodDefaults(options);
}) as typeof ProbotOctokit;

/**
 * Every request of this Octokit also ends when `signal` aborts (the queue superseding a run): the one in flight
 * fails at once, unretried (@octokit/request rethrows an `AbortError` as it is, which the retry plugin leaves alone),
 * and so does every later one.
 */
// biome-ignore lint/suspicious/noExplicitAny: Octokit's hook types are generic over every endpoint.
export function withSignal<T extends { hook: { before: (...args: any[]) => unknown } }>(
  octokit: T,
  signal: AbortSignal | undefined,
): T {
  if (!signal) return octokit;
  octokit.hook.before("request", (options: { request?: { signal?: AbortSignal } }) => {
    signal.throwIfAborted();
    const own = options.request?.signal;
    options.request = { ...options.request, signal: own ? AbortSignal.any([own, signal]) : signal };
  });
  return octokit;
}
