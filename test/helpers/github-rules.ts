// GitHub's documented limits on what dod writes, enforced by both doubles (nock and the loopback server): a
// request over a limit gets GitHub's 422, as it would in production, so a test that writes too much fails.
const SUMMARY_BYTES = 65_535;
const ANNOTATIONS_PER_REQUEST = 50;
const BODY_CHARACTERS = 65_536;

export interface Refusal {
  status: number;
  body: { message: string; errors?: unknown[]; documentation_url: string };
}

const refuse = (message: string, errors?: unknown[]): Refusal => ({
  status: 422,
  body: { message, ...(errors && { errors }), documentation_url: "https://docs.github.com/rest" },
});

/** GitHub's answer to a write over one of its limits, or null when the write is within them. */
export function limitRefusal(operation: string, body: any): Refusal | null {
  if (operation === "checks/create" || operation === "checks/update") {
    for (const field of ["summary", "text"] as const) {
      const value = body?.output?.[field];
      // GitHub counts the bytes of the UTF-8 encoding, whatever its message says.
      if (typeof value === "string" && Buffer.byteLength(value, "utf8") > SUMMARY_BYTES) {
        return refuse(
          `Invalid request.\n\nOnly ${SUMMARY_BYTES} characters are allowed; ${Buffer.byteLength(value, "utf8")} were supplied. (output.${field})`,
        );
      }
    }
    const annotations = body?.output?.annotations;
    if (Array.isArray(annotations) && annotations.length > ANNOTATIONS_PER_REQUEST) {
      return refuse(
        `Invalid request.\n\nOnly ${ANNOTATIONS_PER_REQUEST} annotations are allowed per request; ${annotations.length} were supplied.`,
      );
    }
  }
  const bodies: Record<string, string> = {
    "issues/create-comment": "IssueComment",
    "issues/update-comment": "IssueComment",
    "issues/create": "Issue",
    "issues/update": "Issue",
  };
  const resource = bodies[operation];
  if (resource && typeof body?.body === "string" && body.body.length > BODY_CHARACTERS) {
    return refuse("Validation Failed", [
      {
        resource,
        code: "custom",
        field: "body",
        message: `body is too long (maximum is ${BODY_CHARACTERS} characters)`,
      },
    ]);
  }
  return null;
}

/** A check run as GitHub holds it, for judging an update to it. */
export interface HeldCheckRun {
  /** The GitHub App that created the run. */
  app_id: number;
  status?: string;
}

/**
 * GitHub's answer to `PATCH /repos/{o}/{r}/check-runs/{id}` by app `appId`, or null when GitHub takes it.
 * - Only the app that created a check run may update it: any other gets 403, as an installation token does.
 * - A completed run is never moved back to `queued`/`in_progress`. GitHub has been seen to take such an update
 *   and then show the run as both finished and running (isaacs/github#1530), and to refuse it (Mergify's
 *   "GitHub doesn't allow to change the status of a completed check run", Mergifyio/mergify#1989); either way
 *   the run's history lies, so the double refuses it with a 422 and a test that tries it fails.
 */
export function checkRunUpdateRefusal(run: HeldCheckRun, body: any, appId: number): Refusal | null {
  if (run.app_id !== appId) {
    return {
      status: 403,
      body: {
        message: "Resource not accessible by integration",
        documentation_url: "https://docs.github.com/rest/checks/runs#update-a-check-run",
      },
    };
  }
  if (run.status === "completed" && (body?.status === "in_progress" || body?.status === "queued")) {
    return refuse(
      `Invalid request.\n\nA completed check run cannot go back to ${body.status}: create a new check run.`,
    );
  }
  return null;
}

/** A rate limit as GitHub answers it (docs: "Rate limits for the REST API" / "… for the GraphQL API"). */
export type RateLimit =
  /** The hourly quota is spent: 403 (or 429) with `x-ratelimit-remaining: 0` and the reset time. */
  | { kind: "primary"; resetInSeconds: number; status?: 403 | 429 }
  /** Too many requests at once: 403 or 429, with `retry-after` when GitHub names a wait. */
  | { kind: "secondary"; retryAfter?: number; status?: 403 | 429 };

export interface RateLimitAnswer {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

/** GitHub's answer to a request over `limit`, at `now` (ms since the epoch). */
export function rateLimitAnswer(limit: RateLimit, now = Date.now()): RateLimitAnswer {
  const reset = Math.floor(now / 1000) + (limit.kind === "primary" ? limit.resetInSeconds : 60);
  const quota = {
    "x-ratelimit-limit": "5000",
    "x-ratelimit-used": limit.kind === "primary" ? "5000" : "1200",
    "x-ratelimit-remaining": limit.kind === "primary" ? "0" : "3800",
    "x-ratelimit-reset": String(reset),
    "x-ratelimit-resource": "core",
  };
  if (limit.kind === "primary") {
    return {
      status: limit.status ?? 403,
      body: {
        message: "API rate limit exceeded for installation ID 1.",
        documentation_url: "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api",
      },
      headers: quota,
    };
  }
  return {
    status: limit.status ?? 403,
    body: {
      message: "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
      documentation_url:
        "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits",
    },
    headers: { ...quota, ...(limit.retryAfter !== undefined && { "retry-after": String(limit.retryAfter) }) },
  };
}

/** GraphQL's answer when the installation's GraphQL points are spent: 200 with a RATE_LIMITED error. */
export function graphqlRateLimitAnswer(resetInSeconds: number, now = Date.now()): RateLimitAnswer {
  return {
    status: 200,
    body: {
      errors: [{ type: "RATE_LIMITED", message: "API rate limit already exceeded for installation ID 1." }],
    },
    headers: {
      "x-ratelimit-limit": "5000",
      "x-ratelimit-used": "5000",
      "x-ratelimit-remaining": "0",
      "x-ratelimit-reset": String(Math.floor(now / 1000) + resetInSeconds),
      "x-ratelimit-resource": "graphql",
    },
  };
}
