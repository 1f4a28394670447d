// Item 10 of issue #15 (in part): every request dod's Octokit makes has a deadline, so a GitHub request that never
// answers fails (and goes back to the queue's retry) instead of holding a queue slot for ever.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import nock from "nock";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { DodOctokit, REQUEST_TIMEOUT_MS } from "../../src/octokit.js";

let hung: Server;
let base: string;
const seen: string[] = [];

beforeAll(async () => {
  nock.enableNetConnect("127.0.0.1");
  // Accepts every request and never answers it.
  hung = createServer((req) => void seen.push(`${req.method} ${req.url}`));
  await new Promise<void>((resolve) => hung.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(hung.address() as AddressInfo).port}`;
});

afterAll(async () => {
  hung.closeAllConnections();
  await new Promise((resolve) => hung.close(resolve));
});

describe("a GitHub request that never answers", () => {
  const octokit = (timeoutMs: number) =>
    new DodOctokit({
      baseUrl: base,
      request: { timeoutMs, retries: 0 },
      retry: { enabled: false },
      throttle: { enabled: false },
    } as never);

  it("fails after its deadline: GraphQL and REST", async () => {
    const client = octokit(300);
    for (const call of [
      () => client.graphql("query { viewer { login } }"),
      () => client.rest.checks.get({ owner: "o", repo: "r", check_run_id: 1 }),
    ]) {
      const started = performance.now();
      await expect(call()).rejects.toThrow(/abort|timeout/i);
      expect(performance.now() - started).toBeLessThan(3000);
    }
    expect(seen).toEqual(["POST /graphql", "GET /repos/o/r/check-runs/1"]);
  });

  it("has a deadline by default, well under the 153 s a hung request once held a slot", async () => {
    expect(REQUEST_TIMEOUT_MS).toBeLessThanOrEqual(30_000);
    // The app's Octokit is made with no timeout of its own: the request it sends must still carry the default.
    const deadlines: number[] = [];
    const timeout = AbortSignal.timeout.bind(AbortSignal);
    const spy = vi.spyOn(AbortSignal, "timeout").mockImplementation((ms) => {
      deadlines.push(ms);
      return timeout(50);
    });
    try {
      const client = new DodOctokit({
        baseUrl: base,
        retry: { enabled: false },
        throttle: { enabled: false },
      } as never);
      await expect(client.graphql("query { viewer { login } }")).rejects.toThrow(/abort|timeout/i);
    } finally {
      spy.mockRestore();
    }
    expect(deadlines).toEqual([REQUEST_TIMEOUT_MS]);
  });
});
