// Runs the real entry points (bin/dod.js, lib/action/main.js) as child processes; test/global-setup.ts builds lib/.
import { execFile } from "node:child_process";
import { join } from "node:path";

const root = new URL("../..", import.meta.url).pathname;
export interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a script with a clean environment: only what the test passes (plus PATH and HOME for git). */
export function runNode(
  script: string,
  args: string[],
  options: { env?: Record<string, string | undefined>; cwd?: string; stdin?: string } = {},
): Promise<Ran> {
  const env: Record<string, string> = { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp" };
  for (const [key, value] of Object.entries(options.env ?? {})) if (value !== undefined) env[key] = value;
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      [join(root, script), ...args],
      { cwd: options.cwd ?? root, env },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : null) : 0;
        if (code === null) return reject(error);
        resolve({ code, stdout, stderr });
      },
    );
    child.stdin?.end(options.stdin ?? "");
  });
}

export const dod = (args: string[], options?: Parameters<typeof runNode>[2]) => runNode("bin/dod.js", args, options);
