// Item 4 of issue #15, the signature: it is checked on the bytes GitHub sent, before anything parses them. A body
// whose JSON, re-serialised, would differ from what was signed (unicode escapes, spacing, key order) is accepted
// when signed; a forged body, or the signature of its re-serialisation, is refused without being parsed.
import { createHmac } from "node:crypto";
import { request } from "node:http";
import nock from "nock";
import { Probot, Server } from "probot";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createApp } from "../../src/app.js";
import { privateKey, TestOctokit } from "../helpers/app.js";
import { freePort } from "../helpers/server.js";

const SECRET = "webhook-signature-secret";
let server: Server;
let port: number;
const received: unknown[] = [];

beforeAll(async () => {
  port = await freePort();
  server = new Server({
    Probot: Probot.defaults({ appId: 1, privateKey, secret: SECRET, Octokit: TestOctokit, logLevel: "fatal" }),
    host: "127.0.0.1",
    port,
  } as ConstructorParameters<typeof Server>[0]);
  await server.load(createApp({ appId: 1, queue: { settleMs: 0, attempts: 1, backoffMs: 0 } }).app);
  await server.load((app) => app.on("ping", (context) => void received.push(context.payload)));
  await server.start();
  nock.enableNetConnect("127.0.0.1");
});

afterAll(async () => {
  await server?.stop();
});

afterEach(() => vi.restoreAllMocks());

const sign = (body: string | Buffer) => `sha256=${createHmac("sha256", SECRET).update(body).digest("hex")}`;

function post(body: Buffer, signature: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({
      host: "127.0.0.1",
      port,
      method: "POST",
      path: "/api/github/webhooks",
      headers: {
        "content-type": "application/json",
        "x-github-event": "ping",
        "x-github-delivery": `d-${Math.random()}`,
        "x-hub-signature-256": signature,
      },
    });
    req.on("response", (res) => {
      res.resume();
      resolve(res.statusCode!);
    });
    req.on("error", reject);
    req.end(body);
  });
}

// What GitHub may send: escapes JSON.stringify would not write, spacing it would drop, a key order of its own.
const RAW = '{ "zen" : "caf\\u00e9 \\u2603 \\/ \\ud83d\\ude00",\n  "hook_id":1 ,"hook":{"type":"App"} }';

describe("the webhook signature is checked on the raw bytes", () => {
  it("a signed body that re-serialises differently is accepted, and its content arrives decoded", async () => {
    const bytes = Buffer.from(RAW);
    expect(JSON.stringify(JSON.parse(RAW))).not.toBe(RAW);
    expect(await post(bytes, sign(bytes))).toBe(200);
    expect(received.at(-1)).toMatchObject({ zen: "café ☃ / 😀", hook_id: 1 });
  });

  it("the signature of the body's re-serialisation is refused", async () => {
    expect(await post(Buffer.from(RAW), sign(JSON.stringify(JSON.parse(RAW))))).toBe(400);
  });

  it("a forged body is refused without being parsed", async () => {
    const forged = RAW.replace("hook_id", "forged_id");
    const parse = vi.spyOn(JSON, "parse");
    expect(await post(Buffer.from(forged), sign(RAW))).toBe(400);
    expect(await post(Buffer.from(RAW), sign(RAW))).toBe(200); // the spy sees what is parsed
    const parsed = parse.mock.calls.map(([text]) => text);
    expect(parsed).toContain(RAW);
    expect(parsed).not.toContain(forged);
  });
});
