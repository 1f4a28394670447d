// Tests that spawn the CLI, the Action or `npm start` run the compiled lib/: build it once, before any worker
// starts, so parallel test files never race on the compiler's output.
import { execFileSync } from "node:child_process";

export default function setup() {
  execFileSync(process.execPath, ["scripts/ensure-built.mjs"], { stdio: "inherit" });
}
