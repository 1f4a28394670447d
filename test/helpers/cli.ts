// Runs the real entry points (bin/dod.js, lib/action/main.js) as child processes, building lib/ first when the
// sources are newer. Test files run in parallel workers, so the build takes a lock.
import { execFile, execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";

const root = new URL("../..", import.meta.url).pathname;
const lock = join(root, "lib", ".build-lock");

const newest = (dir: string): number =>
  readdirSync(dir, { withFileTypes: true }).reduce((max, entry) => {
    const path = join(dir, entry.name);
    return Math.max(max, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }, 0);

const stale = (marker: string) => !existsSync(marker) || newest(join(root, "src")) > statSync(marker).mtimeMs;

/** Compiles src/ to lib/ when needed. Type errors elsewhere don't stop tsc emitting, so they don't stop the tests. */
export function ensureBuilt(): void {
  const marker = join(root, "lib", "cli", "index.js");
  if (!stale(marker)) return;
  mkdirSync(join(root, "lib"), { recursive: true });
  for (let waited = 0; ; waited += 100) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (waited > 120_000) rmSync(lock, { recursive: true, force: true });
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
    }
  }
  try {
    if (!stale(marker)) return;
    try {
      execFileSync(process.execPath, [join(root, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.build.json"], { cwd: root, stdio: "pipe" });
    } catch (error) {
      if (!existsSync(marker)) throw error;
    }
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a script with a clean environment: only what the test passes (plus PATH and HOME for git). */
export function runNode(
  script: string,
  args: string[],
  options: { env?: Record<string, string | undefined>; cwd?: string; stdin?: string } = {},
): Promise<Ran> {
  const env: Record<string, string> = { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp" };
  for (const [key, value] of Object.entries(options.env ?? {})) if (value !== undefined) env[key] = value;
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, [join(root, script), ...args], { cwd: options.cwd ?? root, env }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : null) : 0;
      if (code === null) return reject(error);
      resolve({ code, stdout, stderr });
    });
    child.stdin?.end(options.stdin ?? "");
  });
}

export const dod = (args: string[], options?: Parameters<typeof runNode>[2]) => runNode("bin/dod.js", args, options);
