// `dod schema`: the JSON Schema of done.yml, for editors and for schema/done.schema.json.
import { doneJsonSchemaText } from "../config/json-schema.js";
import { parse } from "./args.js";
import type { Command } from "./command.js";
import { EXIT } from "./errors.js";

const USAGE = `Usage: dod schema

Prints the JSON Schema of .github/done.yml (generated from the same schema the app validates with).
Point your editor at it, e.g. with a first line \`# yaml-language-server: $schema=<url or path>\`.

Options:
  -h, --help   show this help
`;

const OPTIONS = { help: { type: "boolean", short: "h" } } as const;

export const schemaCommand: Command = {
  summary: "print the JSON Schema of done.yml",
  usage: USAGE,
  options: OPTIONS,
  async run(args, io) {
    parse(args, OPTIONS, USAGE, 0);
    io.stdout(doneJsonSchemaText());
    return EXIT.done;
  },
};
