#!/usr/bin/env node
// The `dod` command: the compiled CLI in lib/ (`npm run build`; published packages ship it).
let cli;
try {
  cli = await import("../lib/cli/index.js");
} catch (error) {
  if (error?.code !== "ERR_MODULE_NOT_FOUND" || !String(error.message).includes("lib/cli/index.js")) throw error;
  process.stderr.write("dod: lib/ is not built yet: run `npm run build` in dod's folder first\n");
  process.exit(2);
}
await cli.run();
