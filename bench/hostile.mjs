// The event loop under a hostile mix (issue #15): how long the app stops answering anyone while it handles
// input built to be expensive. Measured with perf_hooks' monitorEventLoopDelay (10 ms resolution) while
// - the app, served over HTTP against the stand-in, evaluates 3000-file pull requests against a legal but
//   pathological base config (`**/*.*.*.*.*.ts`, `*a*a*a*a*a*ab`, a check-name glob of the same shape), and
//   receives comments of 65,536 newlines and forged 30 MB webhooks;
// - the pure core, between those, loads a brace-glob bomb, an alias bomb and a 256 KB config, and scans
//   adversarial comment bodies (each call's wall and CPU time kept apart: CPU is the work, wall adds the machine's
//   other load).
import { request } from "node:http";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { loadConfig } from "../lib/config/resolve.js";
import { parseCommands } from "../lib/criteria/waivers.js";
import { pool, serve, sendWebhook, syncPayload } from "./app.mjs";
import { startFakeGitHub } from "./fake-github.mjs";

const PATHOLOGICAL = `owners: { product: [pm-alice], engineering: [lead-bob] }
criteria:
  - id: dots
    owner: engineering
    when: { files: ["**/*.*.*.*.*.ts"] }
    require: { files: ["*a*a*a*a*a*ab", "**/x*x*x*x*x*y"] }
  - id: checks
    owner: engineering
    require: { check: "*a*a*a*a*a*a*a*ab" }
`;

const bomb = "{a,b}".repeat(17);
const HOSTILE_CONFIGS = [
  `criteria:\n  - id: bomb\n    owner: engineering\n    require:\n      files: ["${bomb}", "${bomb}/x"]\n`,
  `x: &g [${Array.from({ length: 40 }, (_, i) => `"{a,b}{c,d}/${i}"`).join(", ")}]\ncriteria:\n${Array.from({ length: 60 }, (_, i) => `  - { id: c${i}, owner: engineering, require: { files: *g } }`).join("\n")}\n`,
  `criteria:\n${"  - { id: x, owner: engineering, require: { label: y } }\n".repeat(2200)}`,
];
const BODIES = ["\n".repeat(65_536), "\n ".repeat(32_768), "/do\n".repeat(16_384), "<!--\n".repeat(13_000)];

function commentPayload(number, body) {
  const payload = syncPayload(number);
  return {
    action: "edited",
    issue: { number, pull_request: { url: "u" } },
    comment: { id: number, body, user: { login: "eve", type: "User" } },
    changes: { body: { from: body } },
    repository: payload.repository,
    sender: payload.sender,
    installation: payload.installation,
  };
}

function forged(url, size) {
  return new Promise((resolve) => {
    const { hostname, port } = new URL(url);
    const req = request({
      host: hostname,
      port,
      method: "POST",
      path: "/api/github/webhooks",
      headers: {
        "content-type": "application/json",
        "x-github-event": "push",
        "x-github-delivery": "forged",
        "x-hub-signature-256": `sha256=${"0".repeat(64)}`,
        "content-length": String(size),
      },
    });
    req.on("response", (res) => {
      res.resume();
      resolve(res.statusCode);
    });
    req.on("error", () => resolve("reset"));
    const chunk = Buffer.alloc(1024 * 1024, "x");
    let sent = 0;
    const pump = () => {
      while (sent < size) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      req.end();
    };
    pump();
  });
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

export async function hostileBench({ events = 20 } = {}) {
  const github = await startFakeGitHub({ filesFor: () => 3000, config: PATHOLOGICAL });
  const app = await serve(github.url);
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  const core = { configs: 0, bodies: 0, maxCallMs: 0, maxMsBy: {} };
  // Wall time of one call, and its CPU time: on a shared machine the two differ by the other processes' share.
  const timed = (label, run) => {
    const started = performance.now();
    const cpu = process.cpuUsage();
    run();
    const { user, system } = process.cpuUsage(cpu);
    core.maxCallMs = Math.max(core.maxCallMs, performance.now() - started);
    const entry = (core.maxMsBy[label] ??= { wall: 0, cpu: 0 });
    entry.wall = Math.round(Math.max(entry.wall, performance.now() - started));
    entry.cpu = Math.round(Math.max(entry.cpu, (user + system) / 1000));
  };
  try {
    await app.send(syncPayload(1_000_000));
    await app.queue?.idle();
    histogram.enable();
    const started = performance.now();
    let stop = false;
    const coreMix = (async () => {
      while (!stop) {
        for (const [i, text] of HOSTILE_CONFIGS.entries()) {
          timed(["brace bomb", "alias bomb", "128 KB config"][i], () => loadConfig({ file: ".github/done.yml", text }));
          core.configs++;
          await tick();
        }
        for (const body of BODIES) {
          timed("comment body", () => parseCommands(body));
          core.bodies++;
          await tick();
        }
      }
    })();
    await pool(events, 4, async (i) => {
      await app.send(syncPayload(i + 1));
      await sendWebhook(app.url, "issue_comment", commentPayload(i + 1, BODIES[i % BODIES.length]));
      if (i % 5 === 0) await forged(app.url, 30 * 1024 * 1024);
    });
    await app.queue?.idle();
    stop = true;
    await coreMix;
    histogram.disable();
    const ms = (ns) => ns / 1e6;
    return {
      events,
      seconds: (performance.now() - started) / 1000,
      p99Ms: ms(histogram.percentile(99)),
      maxMs: ms(histogram.max),
      meanMs: ms(histogram.mean),
      core: { ...core, maxCallMs: Math.round(core.maxCallMs * 10) / 10 },
    };
  } finally {
    await app.close();
    await github.close();
  }
}
