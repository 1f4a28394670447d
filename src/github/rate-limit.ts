// GitHub's rate limits, read from its answer the way its documentation says to: `retry-after` when present;
// otherwise, with `x-ratelimit-remaining: 0`, the `x-ratelimit-reset` time; otherwise (a secondary limit that
// names no time) at least a minute. Octokit's throttling waits short limits out itself; once it gives up, the
// queue holds the job (and the installation's other jobs) until then instead of reporting a failure.

/** A secondary limit that names no time: GitHub asks for at least a minute. */
const FALLBACK_SECONDS = 60;
/** The primary limit resets within the hour; a longer wait is a wrong clock or a wrong header. */
const MAX_WAIT_SECONDS = 3600;

interface ErrorLike {
  status?: number;
  message?: string;
  response?: { status?: number; headers?: Record<string, string | number | undefined>; data?: unknown };
}

/** How long GitHub asks to wait before the next request, in ms, when `error` is a rate limit; null otherwise. */
export function rateLimitWaitMs(error: unknown, now = Date.now()): number | null {
  if (!error || typeof error !== "object") return null;
  const { status, message = "", response } = error as ErrorLike;
  const headers = response?.headers ?? {};
  const errors = (response?.data as { errors?: { type?: string }[] } | undefined)?.errors;
  // GraphQL answers a spent limit with 200 and a RATE_LIMITED error (the throttling plugin throws it).
  const graphqlLimited = Array.isArray(errors) && errors.some((e) => e?.type === "RATE_LIMITED");
  const code = status ?? response?.status;
  if (!graphqlLimited && code !== 403 && code !== 429) return null;
  const retryAfter = headers["retry-after"];
  if (retryAfter !== undefined && Number.isFinite(Number(retryAfter))) return clamp(Number(retryAfter) * 1000);
  const reset = Number(headers["x-ratelimit-reset"]);
  if (String(headers["x-ratelimit-remaining"]) === "0" && Number.isFinite(reset)) {
    // One second past the reset, as GitHub's docs (and Octokit) do: the reset second itself may still refuse.
    return clamp(reset * 1000 - now + 1000);
  }
  if (graphqlLimited || code === 429 || /rate limit/i.test(message)) return FALLBACK_SECONDS * 1000;
  return null;
}

const clamp = (ms: number) => Math.min(Math.max(ms, 0), MAX_WAIT_SECONDS * 1000);
