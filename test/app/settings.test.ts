// Operator settings are parsed once at start-up: a value that can't be used stops the app with one line.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseSettings } from "../../src/settings.js";
import { DEFAULT_TRACKER_TIMEOUT_MS, NO_TRACKERS } from "../../src/trackers/settings.js";
import { privateKey } from "../helpers/app.js";

const main = fileURLToPath(new URL("../../lib/main.js", import.meta.url));

/** `npm start`'s command, with a complete app environment plus `env`. */
function start(env: Record<string, string>) {
  return spawnSync(process.execPath, [main], {
    env: {
      PATH: process.env.PATH,
      APP_ID: "1",
      PRIVATE_KEY: privateKey,
      WEBHOOK_SECRET: "s",
      PORT: "0",
      NO_SMEE_SETUP: "true",
      ...env,
    },
    encoding: "utf8",
    timeout: 20_000,
  });
}

describe("start-up with settings that can't be used", () => {
  it.each([
    [{ DOD_CONCURRENCY: "0" }, 'dod: cannot start: DOD_CONCURRENCY must be a whole number of at least 1, not "0"'],
    [{ DOD_CONCURRENCY: "abc" }, 'dod: cannot start: DOD_CONCURRENCY must be a whole number of at least 1, not "abc"'],
    [{ DOD_SETTLE_MS: "-5" }, 'dod: cannot start: DOD_SETTLE_MS must be a whole number (0 or more), not "-5"'],
    [
      { DOD_DASHBOARD_DEBOUNCE_MS: "1.5" },
      'dod: cannot start: DOD_DASHBOARD_DEBOUNCE_MS must be a whole number (0 or more), not "1.5"',
    ],
    [
      { DOD_PUBLIC_URL: "dod.example.com" },
      'dod: cannot start: DOD_PUBLIC_URL must be an http(s) URL, not "dod.example.com"',
    ],
    [
      { JIRA_BASE_URL: "acme.atlassian.net" },
      "dod: cannot start: invalid tracker settings in the environment: JIRA_BASE_URL",
    ],
  ])("%o stops it with one line", (env, line) => {
    const run = start(env);
    expect(run.status).toBe(1);
    expect(run.stderr.trimEnd().split("\n")).toEqual([line]);
  });
});

describe("parseSettings", () => {
  it("reads every setting once, and takes an empty value as none", () => {
    const parsed = parseSettings({
      APP_ID: "12",
      REDIS_URL: "redis://cache:6379",
      DOD_SETTLE_MS: "0",
      DOD_CONCURRENCY: " 8 ",
      DOD_ATTEMPTS: "",
      DOD_BACKOFF_MS: "250",
      DOD_DASHBOARD_DEBOUNCE_MS: "0",
      DOD_DASHBOARD_ACCESS_TTL_MS: "30000",
      DOD_PUBLIC_URL: "https://dod.example.com//",
      GITHUB_CLIENT_ID: "Iv1.x",
      GITHUB_CLIENT_SECRET: "y",
      DOD_SESSION_SECRET: "z",
      JIRA_BASE_URL: "https://acme.atlassian.net/",
      JIRA_EMAIL: "pm@acme.test",
      JIRA_API_TOKEN: "t",
      LINEAR_WEBHOOK_SECRET: "",
    });
    expect(parsed).toEqual({
      ok: true,
      settings: {
        appId: 12,
        queue: { redisUrl: "redis://cache:6379", settleMs: 0, concurrency: 8, backoffMs: 250 },
        dashboard: {
          debounceMs: 0,
          accessTtlMs: 30_000,
          publicUrl: "https://dod.example.com",
          clientId: "Iv1.x",
          clientSecret: "y",
          sessionSecret: "z",
        },
        trackers: {
          jira: { baseUrl: "https://acme.atlassian.net", email: "pm@acme.test", apiToken: "t" },
          webhooks: {},
          timeoutMs: DEFAULT_TRACKER_TIMEOUT_MS,
        },
      },
    });
  });

  it("keys the dashboard's session with a hash of the webhook secret when it has no secret of its own", () => {
    const parsed = parseSettings({ WEBHOOK_SECRET: "hook" });
    expect(parsed.ok && parsed.settings.dashboard.sessionSecret).toMatch(/^[0-9a-f]{64}$/);
    expect(parsed.ok && parsed.settings.dashboard.sessionSecret).not.toContain("hook");
    expect(parseSettings({})).toEqual({
      ok: true,
      settings: { queue: {}, dashboard: { debounceMs: 10_000 }, trackers: NO_TRACKERS },
    });
  });
});
