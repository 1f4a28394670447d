// The few git questions `dod check --local` asks, answered by the git on PATH.
import { execFileSync } from "node:child_process";
import { CliError } from "./errors.js";

export interface Git {
  /** stdout of `git <args>`; throws CliError with git's own message when git fails. */
  run(args: string[]): string;
  /** stdout, or null when git exits non-zero (a ref or file that doesn't exist). */
  tryRun(args: string[]): string | null;
}

export function git(cwd: string): Git {
  const exec = (args: string[]) =>
    execFileSync("git", ["-c", "core.quotePath=false", ...args], {
      cwd,
      encoding: "utf8",
      maxBuffer: 256 * 1024 * 1024,
      stdio: ["ignore", "pipe", "pipe"],
    });
  return {
    run(args) {
      try {
        return exec(args);
      } catch (error) {
        const e = error as { stderr?: string; code?: string; message: string };
        if (e.code === "ENOENT") throw new CliError("--local needs git, and git is not on PATH");
        throw new CliError(`git ${args.join(" ")} failed: ${(e.stderr || e.message).trim()}`);
      }
    },
    tryRun(args) {
      try {
        return exec(args);
      } catch {
        return null;
      }
    },
  };
}
