// `dod <command>`: dispatches to the command table, turns expected failures into a message and an exit code.
import { checkCommand } from "./check.js";
import type { Command } from "./command.js";
import { CliError, EXIT } from "./errors.js";
import type { Io } from "./io.js";
import { schemaCommand } from "./schema.js";
import { validateCommand } from "./validate.js";
import { dashboardCommand } from "./dashboard.js";
import { initCommand } from "./init.js";
import { previewCommand } from "./preview.js";
import { closest } from "../config/suggest.js";

/** Adding a command is one line here. */
export const COMMANDS: Record<string, Command> = {
  check: checkCommand,
  validate: validateCommand,
  schema: schemaCommand,
  dashboard: dashboardCommand,
  init: initCommand,
  preview: previewCommand,
};

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
  const lines = Object.entries(COMMANDS).map(([name, command]) => `  ${name.padEnd(width)}  ${command.summary}`);
  return `Usage: dod <command> [options]

dod keeps a team's definition of done (.github/done.yml) on its pull requests.

Commands:
${lines.join("\n")}

Options:
  -h, --help     show this help (\`dod <command> --help\` for a command's options)
  -v, --version  print dod's version

Run \`dod <command> --help\` for each command's options and exit codes.
`;
}

export async function main(argv: string[], io: Io): Promise<number> {
  const [name, ...args] = argv;
  try {
    if (name === undefined) throw new CliError("which command?", EXIT.error, usage());
    if (name === "-h" || name === "--help" || name === "help") {
      io.stdout(usage());
      return EXIT.done;
    }
    if (name === "-v" || name === "--version") {
      io.stdout(`${await version()}\n`);
      return EXIT.done;
    }
    const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
    if (!command) {
      const guess = name.startsWith("-") ? undefined : closest(name, Object.keys(COMMANDS));
      const what = name.startsWith("-")
        ? `unknown option ${name}`
        : `unknown command "${name}"${guess ? ` — did you mean \`${guess}\`?` : ""}`;
      throw new CliError(what, EXIT.error, usage());
    }
    // `--help` anywhere answers with the command's usage before any other option is judged.
    if (args.includes("-h") || args.includes("--help")) {
      io.stdout(command.usage);
      return EXIT.done;
    }
    return await command.run(args, io);
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    io.stderr(`dod: ${error.message}\n`);
    if (error.usage) io.stderr(`\n${error.usage}`);
    return error.exitCode;
  }
}

async function version(): Promise<string> {
  const { readFile } = await import("node:fs/promises");
  const pkg = JSON.parse(await readFile(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
  return pkg.version;
}

/** The process entry (bin/dod.js): real stdout/stderr, exit code on the way out. */
export async function run(): Promise<void> {
  const io: Io = {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    env: process.env,
    cwd: process.cwd(),
    isTTY: process.stdout.isTTY === true,
  };
  try {
    process.exitCode = await main(process.argv.slice(2), io);
  } catch (error) {
    io.stderr(`dod: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = EXIT.error;
  }
}
