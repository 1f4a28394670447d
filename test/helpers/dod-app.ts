// The real app in a real Probot with dod's own Octokit (src/octokit.ts: retries and rate-limit handling ON), only
// with shorter waits so fault tests run in milliseconds: "1 s" of backoff or `retry-after` lasts 10 ms here.
import Bottleneck from "bottleneck";
import { Probot } from "probot";
import type { Logger } from "probot";
import { createApp } from "../../src/app.js";
import { clearTeamCache } from "../../src/gather/team-cache.js";
import { DodOctokit } from "../../src/octokit.js";
import type { JobQueue } from "../../src/queue/job.js";
import type { QueueSettings } from "../../src/queue/select.js";
import { privateKey } from "./app.js";
import { APP_ID } from "./pull-request-data.js";

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

export interface DodAppOptions {
  queue?: Partial<QueueSettings>;
  log?: Logger;
  secret?: string;
}

export async function loadDodApp(options: DodAppOptions = {}): Promise<{ probot: Probot; queue: JobQueue }> {
  clearTeamCache();
  const probot = new Probot({
    appId: 1,
    privateKey,
    secret: options.secret,
    Octokit: FastDodOctokit,
    ...(options.log ? { log: options.log } : { logLevel: "fatal" as const }),
  });
  const { app, handle } = createApp({ appId: APP_ID, queue: { settleMs: 0, attempts: 1, backoffMs: 0, ...options.queue } });
  await probot.load(app, { cwd: process.cwd(), addHandler: () => undefined });
  return { probot, queue: handle.queue! };
}
