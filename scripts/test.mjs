// `npm test` on any machine: runs on Node ≥ 22 (installing Node 24 from npm when the system Node is older),
// installs the Debian packages the tests start for real (chromium, redis-server) when it runs as root, or stops
// at once with one line saying what to install, then installs and builds dod and runs the type-check and the
// suite. Arguments go to vitest (`npm test -- test/cli`).
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { delimiter, join } from "node:path";
import { envWith, modernNode, supported } from "./node24.mjs";

const root = new URL("..", import.meta.url).pathname;
const args = process.argv.slice(2);

function run(command, commandArgs, env = process.env) {
  const result = spawnSync(command, commandArgs, { cwd: root, stdio: "inherit", env });
  if (result.error) throw result.error;
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (!supported()) {
  const node = modernNode();
  run(node, [new URL(import.meta.url).pathname, ...args], envWith(node));
  process.exit(0);
}

const onPath = (name) => (process.env.PATH ?? "").split(delimiter).some((dir) => dir && existsSync(join(dir, name)));

/** Debian packages the suite starts for real, and which of them this machine lacks. */
function missingPackages() {
  const missing = [];
  // The browser tests launch CHROMIUM_PATH (GitHub's Ubuntu runners point it at their Chrome) or Debian's chromium.
  if (!existsSync(process.env.CHROMIUM_PATH ?? "/usr/bin/chromium")) missing.push("chromium");
  if (!onPath("redis-server")) missing.push("redis-server");
  return missing;
}

let missing = missingPackages();
if (missing.length > 0 && process.getuid?.() === 0 && onPath("apt-get")) {
  process.stderr.write(`installing ${missing.join(" ")} for the tests (apt-get)\n`);
  const apt = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  run("apt-get", ["update", "-qq"], apt);
  run("apt-get", ["install", "-y", "-qq", "--no-install-recommends", ...missing], apt);
  missing = missingPackages();
}
if (missing.length > 0) {
  const chromeHint = missing.includes("chromium") ? " (or set CHROMIUM_PATH to a Chrome or Chromium)" : "";
  process.stderr.write(
    `npm test needs ${missing.join(" and ")}: run \`sudo apt-get install -y --no-install-recommends ${missing.join(" ")}\`${chromeHint}\n`,
  );
  process.exit(1);
}

execFileSync(process.execPath, [join(root, "scripts", "ensure-built.mjs")], { cwd: root, stdio: "inherit" });
run(process.execPath, [join(root, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.json", "--noEmit"]);
// Formatting and lint (Biome): `npm run format` fixes what it can.
run(process.execPath, [join(root, "node_modules", "@biomejs", "biome", "bin", "biome"), "ci", "."]);
run(process.execPath, [join(root, "node_modules", "vitest", "vitest.mjs"), "run", ...args]);
