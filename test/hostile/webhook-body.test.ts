// Item 4 of issue #15: an unauthenticated webhook costs little. Bodies over GitHub's 25 MB are cut off before they
// are read, a forged body's signature is checked before it is parsed, and no payload reaches the log.
import { createHmac } from "node:crypto";
import { request } from "node:http";
import { Writable } from "node:stream";
import nock from "nock";
import { Probot, Server } from "probot";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.js";
import { MAX_WEBHOOK_BYTES } from "../../src/http/webhook-limit.js";
import { createLog } from "../../src/log.js";
import { privateKey, TestOctokit } from "../helpers/app.js";
import { freePort } from "../helpers/server.js";

const SECRET = "webhook-body-secret";
const MARKER = "PAYLOAD-MARKER-";
let logged = 0;
const lines: string[] = [];
let server: Server;
let port: number;

beforeAll(async () => {
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logged += chunk.length;
      if (lines.length < 1000) lines.push(String(chunk).slice(0, 100_000));
      done();
    },
  });
  const log = await createLog({ LOG_LEVEL: "trace", WEBHOOK_SECRET: SECRET }, sink);
  port = await freePort();
  server = new Server({
    Probot: Probot.defaults({ appId: 1, privateKey, secret: SECRET, Octokit: TestOctokit, log }),
    host: "127.0.0.1",
    port,
    log,
  } as ConstructorParameters<typeof Server>[0]);
  await server.load(createApp({ appId: 1, queue: { settleMs: 0, attempts: 1, backoffMs: 0 } }).app);
  await server.start();
  nock.enableNetConnect("127.0.0.1");
});

afterAll(async () => {
  await server?.stop();
});

/** POSTs `size` bytes of a forged event in 1 MB chunks; resolves with the status, or "reset" when cut off. */
function forged(size: number, options: { declareLength: boolean; signature?: string }): Promise<number | "reset"> {
  const chunk = Buffer.alloc(1024 * 1024, `${MARKER}x`);
  return new Promise((resolve) => {
    const req = request({
      host: "127.0.0.1",
      port,
      method: "POST",
      path: "/api/github/webhooks",
      headers: {
        "content-type": "application/json",
        "x-github-event": "push",
        "x-github-delivery": "forged",
        "x-hub-signature-256": options.signature ?? `sha256=${"0".repeat(64)}`,
        ...(options.declareLength ? { "content-length": String(size) } : { "transfer-encoding": "chunked" }),
      },
    });
    req.on("response", (res) => {
      res.resume();
      resolve(res.statusCode!);
    });
    req.on("error", () => resolve("reset"));
    let sent = 0;
    const pump = () => {
      while (sent < size) {
        const part = chunk.subarray(0, Math.min(chunk.length, size - sent));
        sent += part.length;
        if (!req.write(part)) return void req.once("drain", pump);
      }
      req.end();
    };
    pump();
  });
}

describe("an oversized or forged webhook", () => {
  it("30 MB declared: the connection closes before the body is read, three times, with little memory and log", async () => {
    const before = process.memoryUsage();
    const logBefore = logged;
    const started = performance.now();
    const results = await Promise.all([0, 1, 2].map(() => forged(30 * 1024 * 1024, { declareLength: true })));
    const after = process.memoryUsage();
    expect(results.every((r) => r === "reset" || r === 413)).toBe(true);
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(logged - logBefore).toBeLessThan(16 * 1024);
    // Today's code buffered each body (and its decoded copy): +490 MB for three.
    expect((after.arrayBuffers - before.arrayBuffers) / 2 ** 20).toBeLessThan(40);
  });

  it("30 MB chunked without a length: cut off once more than 25 MB has arrived", async () => {
    const logBefore = logged;
    expect(await forged(30 * 1024 * 1024, { declareLength: false })).toBe("reset");
    expect(logged - logBefore).toBeLessThan(16 * 1024);
  });

  it("a forged body under the cap: 400 from the signature check, and its payload is not logged", async () => {
    expect(await forged(2 * 1024 * 1024, { declareLength: true })).toBe(400);
    expect(lines.filter((l) => l.includes(MARKER))).toEqual([]);
  });

  it("a signed body is still received whole (just under the cap)", async () => {
    const body = JSON.stringify({ zen: "x".repeat(MAX_WEBHOOK_BYTES - 64), hook_id: 1 });
    const signature = `sha256=${createHmac("sha256", SECRET).update(body).digest("hex")}`;
    const status = await new Promise<number | "reset">((resolve) => {
      const req = request({
        host: "127.0.0.1",
        port,
        method: "POST",
        path: "/api/github/webhooks",
        headers: {
          "content-type": "application/json",
          "x-github-event": "ping",
          "x-github-delivery": "ok",
          "x-hub-signature-256": signature,
        },
      });
      req.on("response", (res) => {
        res.resume();
        resolve(res.statusCode!);
      });
      req.on("error", () => resolve("reset"));
      req.end(body);
    });
    expect(status).toBe(200);
  });
});
