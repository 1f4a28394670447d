// Loads the real app into a real Probot, with retries and throttling off so tests don't wait.
import { generateKeyPairSync } from "node:crypto";
import { Probot, ProbotOctokit } from "probot";
import { createApp, type DodOptions } from "../../src/app.js";
import { clearTeamCache } from "../../src/gather/team-cache.js";
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

export async function loadApp(options: DodOptions = {}): Promise<{ probot: Probot; queue: JobQueue }> {
  clearTeamCache();
  const probot = new Probot({ appId: 1, privateKey, Octokit: TestOctokit, logLevel: "fatal" });
  const { app, handle } = createApp({
    appId: APP_ID,
    ...options,
    queue: { settleMs: 0, attempts: 1, backoffMs: 0, ...options.queue },
  });
  await probot.load(app, { cwd: process.cwd(), addHandler: () => undefined });
  return { probot, queue: handle.queue! };
}
