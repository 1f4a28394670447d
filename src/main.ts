// `npm start` and the container's command: exactly `probot run ./lib/index.js` (same environment variables, same
// flags), but with dod's Octokit and dod's logger (secrets redacted), which `probot run` has no option for.
import { fileURLToPath } from "node:url";
import { run } from "probot";
import { createLog } from "./log.js";
import { DodOctokit } from "./octokit.js";

const app = fileURLToPath(new URL("./index.js", import.meta.url));
// `run` reads `argv.slice(2)` when given more than two entries: the app first, then any flags passed to us.
await run([process.execPath, "probot", app, ...process.argv.slice(2)], {
  env: process.env,
  Octokit: DodOctokit,
  log: await createLog(process.env),
});
