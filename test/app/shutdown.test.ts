// Operating a replica: /healthz turns 503 the moment it starts draining (so a load balancer stops sending it
// webhooks) while it finishes its jobs; the dashboard refreshes still waiting out their debounce run before it
// exits instead of being dropped; /metrics carries the process metrics beside dod's own.
import type { IncomingMessage, ServerResponse } from "node:http";
import nock from "nock";
import { Probot } from "probot";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.js";
import { Debouncer } from "../../src/dashboard/issue.js";
import type { JobQueue } from "../../src/queue/job.js";
import { drain } from "../../src/shutdown.js";
import { privateKey, TestOctokit } from "../helpers/app.js";
import { event, example } from "../helpers/events.js";
import { GitHubMock } from "../helpers/github.js";
import { APP_ID, pullRequestData } from "../helpers/pull-request-data.js";

// biome-ignore lint/suspicious/noConfusingVoidType: Probot's route handlers return void
type Route = (req: IncomingMessage, res: ServerResponse) => boolean | void | Promise<boolean | void>;

async function start() {
  const probot = new Probot({ appId: APP_ID, privateKey, Octokit: TestOctokit, logLevel: "fatal" });
  const { app, handle } = createApp({ appId: APP_ID, queue: { settleMs: 0, attempts: 1, backoffMs: 0 } });
  const routes: Route[] = [];
  await probot.load(app, { cwd: process.cwd(), addHandler: (route: Route) => void routes.push(route) });
  /** A GET through the app's routes: status and body. */
  const get = (url: string) =>
    new Promise<{ status: number; body: string }>((resolve) => {
      let status = 0;
      const res = {
        writeHead: (code: number) => {
          status = code;
          return res;
        },
        end: (body: string) => resolve({ status, body }),
      } as unknown as ServerResponse;
      for (const route of routes) if (route({ method: "GET", url } as IncomingMessage, res) === true) return;
    });
  return { probot, handle, get };
}

describe("a replica shutting down", () => {
  let github: GitHubMock;
  beforeEach(() => {
    nock.disableNetConnect();
    github = new GitHubMock();
  });
  afterEach(() => nock.cleanAll());

  it("answers /healthz with 503 while it finishes the job it holds, then has written its check run", async () => {
    const { probot, handle, get } = await start();
    expect(await get("/healthz")).toMatchObject({ status: 200, body: expect.stringContaining('"status":"ok"') });
    github
      .token()
      .graphql(
        pullRequestData({
          config:
            "owners: { engineering: [lead-bob] }\ncriteria:\n  - { id: docs, owner: engineering, require: { files: [docs/**] } }\n",
          files: ["src/a.ts"],
        }),
      )
      .rest("POST", "/repos/Codertocat/Hello-World/check-runs", 201, { id: 5 })
      .rest("POST", "/repos/Codertocat/Hello-World/issues/2/comments", 201, { id: 6 });
    await probot.receive(event("pull_request", example("pull_request", "synchronize")) as never);

    const drained = drain(handle);
    const health = await get("/healthz");
    expect(health.status).toBe(503);
    expect(JSON.parse(health.body)).toMatchObject({ status: "draining" });
    await drained;
    github.assertDone();
    expect(github.calls()).toEqual([
      "POST /graphql",
      "POST /repos/Codertocat/Hello-World/check-runs",
      "POST /repos/Codertocat/Hello-World/issues/2/comments",
    ]);
    expect((await get("/healthz")).status).toBe(503);
  });

  it("closes the queue first, then runs the dashboard refreshes its last jobs scheduled", async () => {
    const order: string[] = [];
    const queue = { close: async () => void order.push("queue closed") } as unknown as JobQueue;
    const dashboard = { flush: async () => void order.push("dashboard flushed") } as unknown as Debouncer;
    const handle = { queue, dashboard };
    await drain(handle);
    expect(order).toEqual(["queue closed", "dashboard flushed"]);
    expect(handle).toMatchObject({ draining: true });
  });

  it("flushes waiting dashboard refreshes at once rather than after their debounce", async () => {
    const ran: string[] = [];
    const refresher = new Debouncer(async (ref) => void ran.push(`${ref.owner}/${ref.repo}`), 3_600_000);
    refresher.schedule({ owner: "acme", repo: "shop", installationId: 1 });
    refresher.schedule({ owner: "acme", repo: "api", installationId: 1 });
    refresher.schedule({ owner: "acme", repo: "shop", installationId: 1 });
    expect(ran).toEqual([]);
    await refresher.flush();
    expect(ran).toEqual(["acme/shop", "acme/api"]);
  });

  it("serves the default process metrics on /metrics beside dod's", async () => {
    const { get } = await start();
    const { status, body } = await get("/metrics");
    expect(status).toBe(200);
    for (const metric of [
      "process_cpu_user_seconds_total",
      "process_resident_memory_bytes",
      "nodejs_eventloop_lag_seconds",
      "nodejs_heap_size_used_bytes",
      "dod_queue_waiting",
    ]) {
      expect(body).toMatch(new RegExp(`^${metric}[ {]`, "m"));
    }
  });
});
