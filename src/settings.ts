// Operator settings: the app's DOD_* variables and the dashboard's (documented in .env.example), parsed once at
// start-up by index.ts and passed down. A value that can't be used stops the app at once with one line saying
// which and why, rather than being ignored for a default.
import { createHash } from "node:crypto";
import { z } from "zod";
import { type DashboardSettings, DEFAULT_DEBOUNCE_MS } from "./dashboard/settings.js";
import type { QueueSettings } from "./queue/select.js";
import { type TrackerSettings, trackerSettingsFromEnv } from "./trackers/settings.js";

/** An empty value is no value: `DOD_CONCURRENCY=` in an env file leaves the default. */
const unset = (value: unknown) => (value === "" ? undefined : value);

const whole = (min: number) => {
  const message = min === 0 ? "must be a whole number (0 or more)" : `must be a whole number of at least ${min}`;
  return z.preprocess(
    unset,
    z
      .string()
      .regex(/^\s*\d+\s*$/, message)
      .transform(Number)
      .pipe(z.number().int().min(min, message).max(Number.MAX_SAFE_INTEGER, message))
      .optional(),
  );
};

const text = z.preprocess(unset, z.string().optional());

const httpUrl = z.preprocess(
  unset,
  z
    .string()
    .refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol), "must be an http(s) URL")
    .optional(),
);

const Env = z.object({
  APP_ID: whole(1),
  REDIS_URL: text,
  DOD_SETTLE_MS: whole(0),
  DOD_CONCURRENCY: whole(1),
  DOD_ATTEMPTS: whole(1),
  DOD_BACKOFF_MS: whole(0),
  DOD_DASHBOARD_DEBOUNCE_MS: whole(0),
  DOD_DASHBOARD_ACCESS_TTL_MS: whole(0),
  DOD_PUBLIC_URL: httpUrl,
  GITHUB_CLIENT_ID: text,
  GITHUB_CLIENT_SECRET: text,
  DOD_SESSION_SECRET: text,
  WEBHOOK_SECRET: text,
});

export interface Settings {
  /** The GitHub App's id (APP_ID), which tells dod's own check runs from another app's of the same name. */
  appId?: number;
  queue: Partial<QueueSettings>;
  dashboard: DashboardSettings;
  /** Jira and Linear credentials and webhook secrets. */
  trackers: TrackerSettings;
}

export type SettingsResult = { ok: true; settings: Settings } | { ok: false; message: string };

export function parseSettings(env: NodeJS.ProcessEnv): SettingsResult {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0]);
    return { ok: false, message: `${name} ${issue.message}, not ${JSON.stringify(env[name])}` };
  }
  const e = parsed.data;
  const queue: Partial<QueueSettings> = {
    // Also Probot's: with it, rate limiting is shared across replicas too.
    ...(e.REDIS_URL !== undefined && { redisUrl: e.REDIS_URL }),
    ...(e.DOD_SETTLE_MS !== undefined && { settleMs: e.DOD_SETTLE_MS }),
    ...(e.DOD_CONCURRENCY !== undefined && { concurrency: e.DOD_CONCURRENCY }),
    ...(e.DOD_ATTEMPTS !== undefined && { attempts: e.DOD_ATTEMPTS }),
    ...(e.DOD_BACKOFF_MS !== undefined && { backoffMs: e.DOD_BACKOFF_MS }),
  };
  // A separate key from the webhook secret itself, so one never reveals the other.
  const sessionSecret =
    e.DOD_SESSION_SECRET ??
    (e.WEBHOOK_SECRET && createHash("sha256").update(`dod-dashboard-session:${e.WEBHOOK_SECRET}`).digest("hex"));
  const dashboard: DashboardSettings = {
    debounceMs: e.DOD_DASHBOARD_DEBOUNCE_MS ?? DEFAULT_DEBOUNCE_MS,
    ...(e.DOD_DASHBOARD_ACCESS_TTL_MS !== undefined && { accessTtlMs: e.DOD_DASHBOARD_ACCESS_TTL_MS }),
    ...(e.DOD_PUBLIC_URL && { publicUrl: e.DOD_PUBLIC_URL.replace(/\/+$/, "") }),
    ...(e.GITHUB_CLIENT_ID && { clientId: e.GITHUB_CLIENT_ID }),
    ...(e.GITHUB_CLIENT_SECRET && { clientSecret: e.GITHUB_CLIENT_SECRET }),
    ...(sessionSecret && { sessionSecret }),
  };
  let trackers: TrackerSettings;
  try {
    trackers = trackerSettingsFromEnv(env);
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
  return { ok: true, settings: { ...(e.APP_ID !== undefined && { appId: e.APP_ID }), queue, dashboard, trackers } };
}

/** The settings, or the process ends here with one line on stderr: a wrong value is a deployment's mistake. */
export function settingsOrExit(env: NodeJS.ProcessEnv): Settings {
  const result = parseSettings(env);
  if (result.ok) return result.settings;
  process.stderr.write(`dod: cannot start: ${result.message}\n`);
  process.exit(1);
}
