// `dod validate [path]`: a done.yml's problems, compiler style, before anyone pushes it.
import { readFileSync } from "node:fs";
import { relative, resolve } from "node:path";
import { parseConfig } from "../config/parse.js";
import { CONFIG_PATH } from "../model/names.js";
import { loadConfig } from "../config/resolve.js";
import type { ConfigProblem } from "../model/config-problems.js";
import { format, parse } from "./args.js";
import type { Command } from "./command.js";
import { CliError, EXIT } from "./errors.js";
import { problemLines } from "./problems.js";

const USAGE = `Usage: dod validate [path] [--format text|json]

Checks a definition of done (default: ${CONFIG_PATH}) and prints every problem as
  file:line:column  field.path  message
A file that says \`extends: org\` is checked on its own here; how it merges with the organisation's file is
checked by the app (and by \`dod check\` on a pull request).

Options:
  --format <f>   text (default) or json: {"file", "valid", "problems": [{file, line, column, path, message}]}
  -h, --help     show this help

Exit codes: 0 valid, 1 problems found, 2 the file can't be read (or bad usage).
`;

const OPTIONS = { format: { type: "string" }, help: { type: "boolean", short: "h" } } as const;

export const validateCommand: Command = {
  summary: `check a done.yml (default ${CONFIG_PATH}) and list every problem with its line and column`,
  usage: USAGE,
  options: OPTIONS,
  async run(args, io) {
    const { values, positionals } = parse(args, OPTIONS, USAGE, 1);
    const fmt = format(values.format, ["text", "json"] as const, "text", USAGE);
    const given = positionals[0] ?? CONFIG_PATH;
    const absolute = resolve(io.cwd, given);
    // Problems name the file as the user did (relative to where they are), so editors can jump to it.
    const file = positionals[0] ?? (relative(io.cwd, absolute) || given);
    let text: string;
    try {
      text = readFileSync(absolute, "utf8");
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const why =
        code === "ENOENT"
          ? "no such file"
          : code === "EISDIR"
            ? "it is a directory"
            : (code ?? (error as Error).message);
      throw new CliError(`Can't read ${file}: ${why}`);
    }
    const { problems, extendsOrg } = check(text, file);
    if (fmt === "json") {
      io.stdout(`${JSON.stringify({ file, valid: problems.length === 0, problems }, null, 2)}\n`);
    } else if (problems.length > 0) {
      io.stdout(problemLines(problems));
      io.stderr(`${file}: ${problems.length} problem${problems.length === 1 ? "" : "s"}\n`);
    } else {
      io.stdout(`${file} is valid.\n`);
      if (extendsOrg) io.stdout("It extends the organisation's file (`extends: org`); the app checks that part.\n");
    }
    return problems.length === 0 ? EXIT.done : EXIT.missing;
  },
};

/** The file on its own, then merged with its preset (a preset override can still leave an item without `require`). */
function check(text: string, file: string): { problems: ConfigProblem[]; extendsOrg: boolean } {
  const parsed = parseConfig(text, file);
  if (!parsed.ok) return { problems: parsed.problems, extendsOrg: false };
  if (parsed.config.extends === "org") return { problems: [], extendsOrg: true };
  const loaded = loadConfig({ file, text });
  return { problems: loaded.ok ? [] : loaded.failure.problems, extendsOrg: false };
}
