// Lets `npm start` / `npm test` work on a fresh clone: install when node_modules is missing or older than
// package-lock.json (a pull or rebase changed the dependencies), compile when any source file is newer than the build.
import { execSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const run = (cmd) => execSync(cmd, { cwd: root, stdio: "inherit" });

const installed = join(root, "node_modules", ".package-lock.json");
if (!existsSync(installed) || statSync(join(root, "package-lock.json")).mtimeMs > statSync(installed).mtimeMs) {
  run("npm ci --no-audit --no-fund");
}

const newest = (dir) =>
  readdirSync(dir, { withFileTypes: true }).reduce((max, entry) => {
    const path = join(dir, entry.name);
    return Math.max(max, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }, 0);

const built = join(root, "lib", "index.js");
if (!existsSync(built) || newest(join(root, "src")) > statSync(built).mtimeMs) run("npm run build --silent");
