// `npm start` on any machine: the app runs on Node ≥ 22 (installing Node 24 from npm when the system Node is
// older: Node 20 is past end of life and not what dod supports), after installing and building dod when needed.
// Arguments go to Probot (`npm start -- --port 3001`).
import { execFileSync, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { envWith, modernNode, supported } from "./node24.mjs";

const here = (path) => fileURLToPath(new URL(path, import.meta.url));

if (!supported()) {
  const node = modernNode();
  const child = spawn(node, [here("./start.mjs"), ...process.argv.slice(2)], { stdio: "inherit", env: envWith(node) });
  // The app shuts down gracefully on SIGTERM (a container stop, a deploy): pass the signals on to it.
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
  child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
} else {
  execFileSync(process.execPath, [here("./ensure-built.mjs")], { stdio: "inherit" });
  await import(here("../lib/main.js"));
}
