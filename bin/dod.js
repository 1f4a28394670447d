#!/usr/bin/env node
// The `dod` command: the compiled CLI (npm run build → lib/).
import { run } from "../lib/cli/index.js";

await run();
