// The app (or a bare Probot app) served in-process over HTTP the way `probot run` serves it, against the stand-in.
// Both get the same Octokit: dod's, with throttling off (see docs/benchmark.md: Probot's throttling spaces writes
// 1 s apart per installation, which would measure the throttle, not the app).
import { createHmac, generateKeyPairSync, randomUUID } from "node:crypto";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import { Probot, createNodeMiddleware } from "probot";
import { pino } from "pino";
import { createApp } from "../lib/app.js";
import { DodOctokit } from "../lib/octokit.js";

const require = createRequire(import.meta.url);
export const SECRET = "bench-secret";
const privateKey = generateKeyPairSync("rsa", { modulusLength: 2048 })
  .privateKey.export({ type: "pkcs1", format: "pem" })
  .toString();
const BenchOctokit = DodOctokit.defaults((o) => ({ ...o, throttle: { ...o.throttle, enabled: false } }));

export function syncPayload(number, installation = 1) {
  const examples = require("@octokit/webhooks-examples/api.github.com/index.json");
  const found = examples.find((e) => e.name === "pull_request").examples.find((e) => e.action === "synchronize");
  const payload = structuredClone(found);
  payload.number = number;
  payload.pull_request.number = number;
  payload.installation = { id: installation };
  return payload;
}

/** A Probot app that only creates one check run per pull_request event: the baseline for throughput. */
export const bareApp = (app) => {
  app.on("pull_request", async (context) => {
    await context.octokit.rest.checks.create(
      context.repo({
        name: "bare",
        head_sha: context.payload.pull_request.head.sha,
        status: "completed",
        conclusion: "success",
      }),
    );
  });
};

export async function serve(githubUrl, { bare = false, queue = {}, dashboard } = {}) {
  const probot = new Probot({
    appId: 1,
    privateKey,
    secret: SECRET,
    baseUrl: `${githubUrl}/api/v3`,
    Octokit: BenchOctokit,
    log: pino({ level: process.env.BENCH_LOG ?? "silent" }),
  });
  let handle = {};
  let appFn = bareApp;
  if (!bare)
    ({ app: appFn, handle } = createApp({
      appId: 1,
      queue: { settleMs: 0, attempts: 1, concurrency: 20, ...queue },
      ...(dashboard && { dashboard }),
    }));
  const middleware = await createNodeMiddleware(appFn, { probot });
  const server = createServer((req, res) =>
    middleware(req, res, () => {
      res.writeHead(404);
      res.end();
    }),
  );
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${server.address().port}`;
  return {
    url,
    probot,
    queue: handle.queue,
    /** The debounced dashboard-issue refreshes. */
    dashboard: handle.dashboard,
    send: (payload, name = "pull_request") => sendWebhook(url, name, payload),
    close: async () => {
      await handle.queue?.close();
      await new Promise((resolve) => {
        server.closeAllConnections();
        server.close(resolve);
      });
    },
  };
}

export async function sendWebhook(url, name, payload) {
  const body = JSON.stringify(payload);
  const res = await fetch(`${url}/api/github/webhooks`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-github-event": name,
      "x-github-delivery": randomUUID(),
      "x-hub-signature-256": `sha256=${createHmac("sha256", SECRET).update(body).digest("hex")}`,
    },
    body,
  });
  await res.text();
  if (res.status >= 300) throw new Error(`webhook answered ${res.status}`);
}

/** Runs `n` tasks, `concurrency` at a time. */
export async function pool(n, concurrency, task) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) await task(next++);
    }),
  );
}
