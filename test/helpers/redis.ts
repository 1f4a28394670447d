// A throwaway redis-server on 127.0.0.1 for the shared-queue tests: a free port, nothing saved to disk.
// Without redis-server the tests are skipped locally (with a message) but fail in CI, where .ci/run installs it.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { freePort } from "./server.js";

export function redisServerInstalled(): boolean {
  try {
    execFileSync("redis-server", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** Whether to skip: only when redis-server is missing outside CI. */
export function skipRedis(): boolean {
  if (redisServerInstalled()) return false;
  if (process.env.CI) throw new Error("redis-server is not installed, and CI must run the Redis tests (.ci/run installs it)");
  console.warn("Skipping the Redis queue tests: redis-server is not installed (apt-get install redis-server; CI runs them).");
  return true;
}

export interface RedisServer {
  url: string;
  stop(): Promise<void>;
}

export async function startRedis(): Promise<RedisServer> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    "redis-server",
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  await new Promise<void>((resolve, reject) => {
    let output = "";
    const timer = setTimeout(() => reject(new Error(`redis-server did not start:\n${output}`)), 10_000);
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Ready to accept connections")) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`redis-server exited (${code}):\n${output}`));
    });
  });
  child.stdout!.resume();
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
