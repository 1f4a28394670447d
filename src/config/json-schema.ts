// The JSON Schema of done.yml for editors (yaml-language-server), generated from the zod schema so the two
// cannot drift; schema/done.schema.json is this, committed (`npm run schema`).
import { z } from "zod";
import { Condition, DoneConfig, Evidence } from "./schema.js";
import { SCHEMA_URL } from "./starter.js";

export function doneJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(DoneConfig, { io: "input" }) as Record<string, unknown>;
  // zod names recursive definitions `__schema0`…; readable names make editor hovers and diffs clearer.
  const names = new Map<string, string>();
  const defs = (generated.$defs ?? {}) as Record<string, { description?: string }>;
  for (const [key, def] of Object.entries(defs)) {
    if (def.description === Condition.description) names.set(key, "Condition");
    else if (def.description === Evidence.description) names.set(key, "Evidence");
  }
  let text = JSON.stringify(generated);
  for (const [from, to] of names)
    text = text.replaceAll(`"#/$defs/${from}"`, `"#/$defs/${to}"`).replaceAll(`"${from}":`, `"${to}":`);
  const { $schema, ...rest } = JSON.parse(text, withMarkdownDescription) as Record<string, unknown>;
  return { $schema, $id: SCHEMA_URL, title: "dod: .github/done.yml", ...rest };
}

/** The file's exact text: pretty-printed with 2 spaces and a trailing newline. */
export function doneJsonSchemaText(): string {
  return `${JSON.stringify(doneJsonSchema(), null, 2)}\n`;
}

/** The descriptions are Markdown (`code`, lists): VS Code's YAML support renders `markdownDescription` in hovers. */
function withMarkdownDescription(_key: string, value: unknown): unknown {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return value;
  const node = value as Record<string, unknown>;
  return typeof node.description === "string" ? { ...node, markdownDescription: node.description } : node;
}
