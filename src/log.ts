// dod's logger: Probot's (pino, the same LOG_* settings and formats) with nothing secret in it. Probot's own request
// log wrote every `cookie` header at info, and an OAuth failure's error carried the client secret in its request
// body. Three layers, so that a field nobody thought of is still caught: redaction of the known places (headers,
// an error's request), an error serializer that keeps only what helps (message, status, method, URL without its
// query), and a last scrub of each written line for the secrets of this process, tokens, cookies and OAuth query
// parameters.
import { getTransformStream } from "@probot/pino";
import { pino, stdSerializers, type DestinationStream, type Logger, type LoggerOptions } from "pino";
import { SESSION_COOKIE, STATE_COOKIE } from "./dashboard/session.js";

export const REDACTED = "[Redacted]";

const HEADERS = [
  "cookie",
  "authorization",
  "set-cookie",
  "x-hub-signature-256",
  "x-hub-signature",
  "proxy-authorization",
];
const REDACT_PATHS = [
  ...HEADERS.flatMap((h) => [`req.headers["${h}"]`, `res.headers["${h}"]`, `headers["${h}"]`, `*.headers["${h}"]`]),
  "*.client_secret",
  "*.access_token",
  "*.refresh_token",
  "*.token",
];

/** Environment variables whose values never appear in a log line. */
const SECRET_ENV = [
  "WEBHOOK_SECRET",
  "GITHUB_CLIENT_SECRET",
  "DOD_SESSION_SECRET",
  "PRIVATE_KEY",
  "REDIS_URL",
  "SENTRY_DSN",
];

/** Replaces secrets in one serialized log line. Every pattern is linear: no nested or adjacent unbounded repeats. */
export function lineScrubber(secrets: readonly string[]): (line: string) => string {
  const known = [...new Set(secrets.filter((s) => s.length >= 8))].sort((a, b) => b.length - a.length);
  const patterns: [RegExp, string][] = [
    // Tokens GitHub issues: installation (ghs_), user (ghu_), OAuth (gho_), refresh (ghr_), personal (ghp_, github_pat_).
    [/\b(?:gh[pousr]_|github_pat_)[A-Za-z0-9_]{8,}/g, REDACTED],
    [/-----BEGIN [A-Z ]*PRIVATE KEY-----[^-]*-----END [A-Z ]*PRIVATE KEY-----/g, REDACTED],
    // OAuth and token parameters in URLs, form bodies and JSON.
    [/([?&](?:code|state|client_secret|access_token|refresh_token|token)=)[^&\s"\\#]+/gi, `$1${REDACTED}`],
    [/("(?:client_secret|access_token|refresh_token|code|token)\\?"\s*:\s*\\?")[^"\\]+/gi, `$1${REDACTED}`],
    [new RegExp(`\\b((?:${SESSION_COOKIE}|${STATE_COOKIE})=)[^;\\s"\\\\]+`, "g"), `$1${REDACTED}`],
    // Credentials in URLs (redis://:password@host).
    [/(\/\/[^/\s:@"]*:)[^@\s"/]+@/g, `$1${REDACTED}@`],
  ];
  return (line) => {
    let out = line;
    for (const secret of known) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    for (const [pattern, replacement] of patterns) out = out.replace(pattern, replacement);
    return out;
  };
}

interface SerializedError {
  [key: string]: unknown;
  request?: { method?: string; url?: string; headers?: unknown; body?: unknown };
  response?: { status?: number; url?: string; headers?: unknown; data?: unknown };
}

const withoutQuery = (url: unknown) => (typeof url === "string" ? url.split("?")[0] : undefined);

/**
 * Octokit's errors carry the whole request (headers, body: an OAuth exchange's `client_secret`) and response; a
 * webhook's signature error carries the event, whose payload (unauthenticated, up to 25 MB) must not be logged.
 */
export function errorSerializer(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  return trimError(stdSerializers.err(error) as unknown as SerializedError);
}

function trimError(serialized: SerializedError): SerializedError {
  const { request, response, event, aggregateErrors } = serialized;
  if (request) serialized.request = { method: request.method, url: withoutQuery(request.url) };
  if (response) serialized.response = { status: response.status, url: withoutQuery(response.url) };
  if (event && typeof event === "object") {
    const { id, name } = event as { id?: unknown; name?: unknown };
    serialized.event = { id, name };
  }
  if (Array.isArray(aggregateErrors))
    serialized.aggregateErrors = aggregateErrors.map((e) => trimError(e as SerializedError));
  return serialized;
}

export function logOptions(level: string, env: NodeJS.ProcessEnv = process.env): LoggerOptions {
  const scrub = lineScrubber(SECRET_ENV.map((name) => env[name] ?? ""));
  return {
    level,
    name: "probot",
    messageKey: env.LOG_MESSAGE_KEY || "msg",
    redact: { paths: REDACT_PATHS, censor: REDACTED },
    serializers: { err: errorSerializer },
    hooks: { streamWrite: scrub },
  };
}

/** The logger `probot run` would make from LOG_LEVEL, LOG_FORMAT, LOG_LEVEL_IN_STRING and SENTRY_DSN, made safe. */
export async function createLog(
  env: NodeJS.ProcessEnv = process.env,
  destination?: DestinationStream,
): Promise<Logger> {
  const options = logOptions(env.LOG_LEVEL || "info", env);
  if (destination) return pino(options, destination);
  const transform = await getTransformStream({
    ...(env.LOG_FORMAT && { logFormat: env.LOG_FORMAT as "json" | "pretty" }),
    logLevelInString: env.LOG_LEVEL_IN_STRING === "true",
    ...(env.SENTRY_DSN && { sentryDsn: env.SENTRY_DSN }),
  });
  transform.pipe(pino.destination(1) as unknown as NodeJS.WritableStream);
  return pino(options, transform);
}
