// The shape of a subcommand in the dispatch table (index.ts).
import type { ParseArgsConfig } from "node:util";
import type { Io } from "./io.js";

export interface Command {
  /** One line for `dod --help`. */
  summary: string;
  /** The full `dod <command> --help` text: it describes every option below. */
  usage: string;
  /** The options the command accepts (node:util parseArgs, strict); the help test checks the usage lists each. */
  options?: NonNullable<ParseArgsConfig["options"]>;
  /** Resolves to the exit code; throws CliError for expected failures. */
  run(args: string[], io: Io): Promise<number>;
}
