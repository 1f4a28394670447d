// `dod init`: writes the starter .github/done.yml (the one the "no config yet" check offers), never over a file.
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import { STARTER_CONFIG } from "../config/starter.js";
import { CONFIG_PATH } from "../model/names.js";
import { parse } from "./args.js";
import type { Command } from "./command.js";
import { CliError, EXIT } from "./errors.js";

const USAGE = `Usage: dod init [path]

Writes a starter definition of done to path (default .github/done.yml): the recommended criteria and the
owners to fill in. It never overwrites an existing file.

Options:
  -h, --help   show this help

Exit codes: 0 written, 2 the file exists already or can't be written (or bad usage).
`;

const OPTIONS = { help: { type: "boolean", short: "h" } } as const;

export const initCommand: Command = {
  summary: "write a starter .github/done.yml",
  usage: USAGE,
  options: OPTIONS,
  async run(args, io) {
    const { positionals } = parse(args, OPTIONS, USAGE, 1);
    const path = resolve(io.cwd, positionals[0] ?? CONFIG_PATH);
    const shown = relative(io.cwd, path) || path;
    if (existsSync(path)) throw new CliError(`${shown} exists already: edit it, or check it with \`dod validate\``);
    try {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, STARTER_CONFIG, { flag: "wx" });
    } catch (error) {
      throw new CliError(`can't write ${shown}: ${(error as Error).message}`);
    }
    io.stdout(`wrote ${shown}: fill in the owners, then \`dod validate\` and commit it to the default branch\n`);
    return EXIT.done;
  },
};
