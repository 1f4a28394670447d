// Runs the app the way an operator does (`npm start`), pointed at a stand-in GitHub, and signs webhooks for it.
import { type ChildProcess, spawn } from "node:child_process";
import { createHmac } from "node:crypto";
import { createServer } from "node:net";
import { dirname } from "node:path";
import { privateKey } from "./app.js";

export const WEBHOOK_SECRET = "test-webhook-secret";

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

export interface RunningApp {
  url: string;
  process: ChildProcess;
  output: () => string;
  stop: () => Promise<void>;
}

/** `npm start`, with `node` (default: this one) first on PATH, as on a machine whose only Node it is. */
export async function startApp(
  githubUrl: string,
  env: Record<string, string> = {},
  node = process.execPath,
): Promise<RunningApp> {
  const port = await freePort();
  let output = "";
  const child = spawn("npm", ["start", "--silent"], {
    detached: true,
    env: {
      ...process.env,
      PATH: `${dirname(node)}:${process.env.PATH ?? ""}`,
      APP_ID: "1",
      PRIVATE_KEY: privateKey,
      WEBHOOK_SECRET,
      PORT: String(port),
      HOST: "127.0.0.1",
      GHE_HOST: new URL(githubUrl).host,
      GHE_PROTOCOL: "http",
      NO_SMEE_SETUP: "true",
      LOG_LEVEL: "info",
      DOD_SETTLE_MS: "0",
      DOD_ATTEMPTS: "1",
      ...env,
    },
  });
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    process.kill(-child.pid!, "SIGTERM");
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    if (child.exitCode === null) process.kill(-child.pid!, "SIGKILL");
  };
  for (let waited = 0; ; waited += 100) {
    const up = await fetch(`${url}/ping`)
      .then((r) => r.ok)
      .catch(() => false);
    if (up) break;
    if (waited > 60_000 || child.exitCode !== null) {
      await stop();
      throw new Error(`app did not start:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, process: child, output: () => output, stop };
}

export function signedWebhook(url: string, name: string, payload: unknown, secret = WEBHOOK_SECRET, id = "d-1") {
  const body = JSON.stringify(payload);
  return fetch(`${url}/api/github/webhooks`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-github-event": name,
      "x-github-delivery": id,
      "x-hub-signature-256": `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`,
    },
    body,
  });
}
