// A burst of signed `pull_request.synchronize` webhooks for one pull request against the built app (lib/), with a
// local stand-in for GitHub that counts the requests. Prints the requests the burst cost, the time from the first
// webhook to the check-run write, and how long the webhooks took to answer.
//   npm run build && node bench/burst.mjs            (EVENTS=10 DOD_SETTLE_MS=2000 by default)
import { spawn } from "node:child_process";
import { generateKeyPairSync, randomUUID } from "node:crypto";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { sign } from "@octokit/webhooks-methods";

const root = fileURLToPath(new URL("..", import.meta.url));
const require = createRequire(import.meta.url);
const HEAD_SHA = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";

function syncPayload() {
  const examples = require("@octokit/webhooks-examples/api.github.com/index.json");
  const found = examples.find((e) => e.name === "pull_request").examples.find((e) => e.action === "synchronize");
  return { ...found, installation: { id: 1 } };
}

/** The DodPullRequest query's answer for a repository without a done.yml (the app answers with a neutral check). */
function graphqlAnswer(owner, repo, number) {
  return {
    data: {
      repository: {
        pullRequest: {
          number,
          url: `https://github.com/${owner}/${repo}/pull/${number}`,
          title: "Update the README",
          body: "",
          isDraft: false,
          state: "OPEN",
          merged: false,
          author: { login: owner },
          baseRefName: "master",
          headRefName: "changes",
          headRefOid: HEAD_SHA,
          milestone: null,
          labels: { nodes: [] },
          baseRef: { target: { file: null } },
          commits: {
            nodes: [
              {
                commit: {
                  file: null,
                  statusCheckRollup: { contexts: { pageInfo: { hasNextPage: false, endCursor: "c" }, nodes: [] } },
                },
              },
            ],
          },
          files: {
            totalCount: 1,
            pageInfo: { hasNextPage: false, endCursor: "f" },
            nodes: [{ path: "README.md", additions: 1, deletions: 0 }],
          },
          latestOpinionatedReviews: { nodes: [] },
          closingIssuesReferences: { nodes: [] },
          comments: { pageInfo: { hasPreviousPage: false, startCursor: "s" }, nodes: [] },
        },
      },
      org: { nameWithOwner: `${owner}/.github`, object: null },
    },
  };
}

function listen(server) {
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server.address().port)));
}

async function freePort() {
  const server = createServer();
  const port = await listen(server);
  await new Promise((r) => server.close(r));
  return port;
}

/** The stand-in GitHub: every request counted, the check-run write timed. */
async function standInGitHub(payload) {
  const requests = [];
  let checkRunAt;
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      const path = req.url.split("?")[0];
      requests.push(`${req.method} ${path}`);
      const json = (status, value) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(value));
      };
      if (req.method === "POST" && /\/app\/installations\/\d+\/access_tokens$/.test(path)) {
        return json(201, { token: "ghs_bench", expires_at: "2099-01-01T00:00:00Z", permissions: { checks: "write" } });
      }
      if (req.method === "POST" && path === "/api/graphql") {
        return json(
          200,
          graphqlAnswer(payload.repository.owner.login, payload.repository.name, payload.pull_request.number),
        );
      }
      if (/\/check-runs(\/\d+)?$/.test(path)) {
        checkRunAt ??= performance.now();
        return json(req.method === "POST" ? 201 : 200, { id: 77 });
      }
      json(404, { message: "Not Found (bench stand-in)" });
    });
  });
  const port = await listen(server);
  return { port, requests, checkRunAt: () => checkRunAt, close: () => new Promise((r) => server.close(r)) };
}

async function waitFor(predicate, timeoutMs, what) {
  const until = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export async function burstBench({ events = 10, settleMs = 2000, quiet = false } = {}) {
  const payload = syncPayload();
  const github = await standInGitHub(payload);
  const appPort = await freePort();
  const secret = "bench-secret";
  const privateKey = generateKeyPairSync("rsa", { modulusLength: 2048 })
    .privateKey.export({ type: "pkcs1", format: "pem" })
    .toString();
  const app = spawn(process.execPath, [`${root}node_modules/probot/bin/probot.js`, "run", `${root}lib/index.js`], {
    cwd: root,
    env: {
      ...process.env,
      APP_ID: "1",
      PRIVATE_KEY: privateKey,
      WEBHOOK_SECRET: secret,
      GHE_HOST: `127.0.0.1:${github.port}`,
      GHE_PROTOCOL: "http",
      PORT: String(appPort),
      HOST: "127.0.0.1",
      LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
      DOD_SETTLE_MS: String(settleMs),
      REDIS_URL: process.env.BENCH_REDIS_URL ?? "", // set it to bench the shared queue
      NO_SMEE_SETUP: "true",
      WEBHOOK_PROXY_URL: "",
    },
    stdio: ["ignore", quiet ? "ignore" : "inherit", "inherit"],
  });
  const base = `http://127.0.0.1:${appPort}`;
  try {
    await waitFor(
      () =>
        fetch(`${base}/ping`).then(
          (r) => r.ok,
          () => false,
        ),
      20_000,
      "the app to start",
    );

    const body = JSON.stringify(payload);
    const signature = await sign(secret, body);
    const responseMs = [];
    const firstAt = performance.now();
    for (let i = 0; i < events; i++) {
      const sent = performance.now();
      const res = await fetch(`${base}/api/github/webhooks`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-github-event": "pull_request",
          "x-github-delivery": randomUUID(),
          "x-hub-signature-256": signature,
        },
        body,
      });
      await res.text();
      if (res.status >= 300) throw new Error(`webhook answered ${res.status}`);
      responseMs.push(performance.now() - sent);
    }
    await waitFor(() => github.checkRunAt() !== undefined, settleMs + 30_000, "the check run");
    const toCheckRunMs = github.checkRunAt() - firstAt;
    await new Promise((r) => setTimeout(r, Math.min(settleMs, 2000) + 500)); // anything later would be a second evaluation
    const metrics = await fetch(`${base}/metrics`).then((r) => r.text());
    const metric = (name) => Number(new RegExp(`^${name} (\\S+)$`, "m").exec(metrics)?.[1] ?? NaN);
    const result = {
      events,
      settleMs,
      requests: github.requests.length,
      requestsByRoute: Object.fromEntries(
        Map.groupBy(github.requests, (r) => r)
          .entries()
          .map(([r, all]) => [r, all.length]),
      ),
      firstWebhookToCheckRunMs: Math.round(toCheckRunMs),
      webhookResponseMs: {
        max: +Math.max(...responseMs).toFixed(1),
        median: +responseMs.sort((a, b) => a - b)[Math.floor(events / 2)].toFixed(1),
      },
      evaluations: metric("dod_jobs_processed_total"),
      coalescedEvents: metric("dod_events_coalesced_total"),
    };
    return result;
  } finally {
    const exited = new Promise((r) => app.once("exit", r));
    app.kill("SIGTERM");
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    if (app.exitCode === null && app.signalCode === null) app.kill("SIGKILL");
    await github.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const result = await burstBench({
    events: Number(process.env.EVENTS ?? 10),
    settleMs: Number(process.env.DOD_SETTLE_MS ?? 2000),
  });
  console.log(
    `burst of ${result.events} pull_request.synchronize webhooks on one pull request (settle ${result.settleMs} ms)`,
  );
  console.log(`  requests to GitHub:             ${result.requests}  ${JSON.stringify(result.requestsByRoute)}`);
  console.log(`  evaluations / coalesced events: ${result.evaluations} / ${result.coalescedEvents}`);
  console.log(`  first webhook → check run:      ${result.firstWebhookToCheckRunMs} ms`);
  console.log(
    `  webhook response (max/median):  ${result.webhookResponseMs.max} / ${result.webhookResponseMs.median} ms`,
  );
}
