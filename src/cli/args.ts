// Strict argument parsing for every command: an unknown option or a stray argument is a usage error.
import { parseArgs, type ParseArgsConfig } from "node:util";
import { CliError } from "./errors.js";

type Options = NonNullable<ParseArgsConfig["options"]>;

export function parse<T extends Options>(args: string[], options: T, usage: string, maxPositionals: number) {
  let parsed;
  try {
    parsed = parseArgs({ args, options, strict: true, allowPositionals: true });
  } catch (error) {
    // Node adds advice about `--` to unknown options; the usage below says more.
    const message = (error instanceof Error ? error.message : String(error)).replace(
      /\. To specify a positional.*$/s,
      "",
    );
    throw new CliError(message, 2, usage);
  }
  if (parsed.positionals.length > maxPositionals) {
    throw new CliError(`unexpected argument: ${parsed.positionals[maxPositionals]}`, 2, usage);
  }
  return parsed;
}

/** `--format` values, checked against what the command offers. */
export function format<F extends string>(
  value: string | undefined,
  allowed: readonly F[],
  fallback: F,
  usage: string,
): F {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as F;
  throw new CliError(`--format must be one of ${allowed.join(", ")} (got "${value}")`, 2, usage);
}
