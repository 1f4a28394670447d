// Loads the real app into a real Probot, with retries and throttling off so tests don't wait (fault tests pass
// dod's own Octokit instead, see dod-app.ts). The app's HTTP routes are kept so a test can GET them.
import { afterAll, beforeAll } from "vitest";
import { generateKeyPairSync } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { type Logger, Probot, ProbotOctokit } from "probot";
import type { Debouncer } from "../../src/dashboard/issue.js";
import { createApp, type DodOptions } from "../../src/app.js";
import { parseSettings } from "../../src/settings.js";
import type { JobQueue } from "../../src/queue/job.js";
import { APP_ID } from "./pull-request-data.js";

export const privateKey = generateKeyPairSync("rsa", { modulusLength: 2048 })
  .privateKey.export({ type: "pkcs1", format: "pem" })
  .toString();

export const TestOctokit = ProbotOctokit.defaults((options: any) => ({
  ...options,
  retry: { enabled: false },
  throttle: { ...options.throttle, enabled: false },
}));

export interface LoadOptions extends DodOptions {
  Octokit?: typeof ProbotOctokit;
  log?: Logger;
  secret?: string;
}

// biome-ignore lint/suspicious/noConfusingVoidType: Probot's route handlers return void
export type Route = (req: IncomingMessage, res: ServerResponse) => boolean | void | Promise<boolean | void>;

export interface LoadedApp {
  probot: Probot;
  queue: JobQueue;
  /** The body one of the app's routes answers a GET with, or "404". */
  get: (url: string) => Promise<string>;
  /** The app's HTTP routes (addHandler), to serve them on a real socket. */
  routes: Route[];
  /** The debounced dashboard-issue refreshes. */
  dashboard: Debouncer;
}

export async function loadApp(options: LoadOptions = {}): Promise<LoadedApp> {
  const { Octokit = TestOctokit, log, secret, ...dod } = options;
  const probot = new Probot({
    appId: APP_ID,
    privateKey,
    secret,
    Octokit,
    ...(log ? { log } : { logLevel: "fatal" as const }),
  });
  const { app, handle } = createApp({
    appId: APP_ID,
    dashboard: dashboardSettingsOf(process.env),
    ...dod,
    queue: { settleMs: 0, attempts: 1, backoffMs: 0, ...dod.queue },
  });
  const routes: Route[] = [];
  await probot.load(app, { cwd: process.cwd(), addHandler: (route: Route) => void routes.push(route) });
  const get = (url: string) =>
    new Promise<string>((resolve) => {
      const res = { writeHead: () => res, end: (text: string) => resolve(text) } as unknown as ServerResponse;
      Promise.all(routes.map((route) => route({ method: "GET", url } as IncomingMessage, res))).then((handled) => {
        if (!handled.includes(true)) resolve("404");
      });
    });
  return { probot, queue: handle.queue!, get, routes, dashboard: handle.dashboard! };
}

/** The dashboard's settings as the app would parse them from `env` (tests set the variables they need). */
export function dashboardSettingsOf(env: NodeJS.ProcessEnv) {
  const parsed = parseSettings(env);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.settings.dashboard;
}

/** For a describe block: the dashboard issue refreshes at once (DOD_DASHBOARD_DEBOUNCE_MS=0) rather than debounced. */
export function refreshDashboardAtOnce(): void {
  const saved = process.env.DOD_DASHBOARD_DEBOUNCE_MS;
  beforeAll(() => {
    process.env.DOD_DASHBOARD_DEBOUNCE_MS = "0";
  });
  afterAll(() => {
    if (saved === undefined) delete process.env.DOD_DASHBOARD_DEBOUNCE_MS;
    else process.env.DOD_DASHBOARD_DEBOUNCE_MS = saved;
  });
}
