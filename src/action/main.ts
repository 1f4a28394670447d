// The Action's entry point (action.yml runs `node lib/action/main.js`).
import { runAction } from "./run.js";

process.exitCode = await runAction({ stdout: (text) => void process.stdout.write(text), env: process.env });
