// Reads the zod schema as data: which keys a mapping allows at a path (for "did you mean"), and how to say
// in plain words what a field expects.
import type { z } from "zod";

type Schema = z.core.$ZodType;

function def(schema: Schema): z.core.$ZodTypeDef & Record<string, unknown> {
  return schema._zod.def as z.core.$ZodTypeDef & Record<string, unknown>;
}

/** Strips optional/default/nullable wrappers. */
export function unwrap(schema: Schema): Schema {
  let current = schema;
  for (;;) {
    const d = def(current);
    if (d.type === "optional" || d.type === "default" || d.type === "nullable" || d.type === "prefault") {
      current = d.innerType as Schema;
    } else if (d.type === "lazy") {
      current = (d.getter as () => Schema)();
    } else {
      return current;
    }
  }
}

function children(schema: Schema, seg: string | number): Schema[] {
  const s = unwrap(schema);
  const d = def(s);
  switch (d.type) {
    case "object": {
      const shape = d.shape as Record<string, Schema>;
      return typeof seg === "string" && Object.hasOwn(shape, seg) ? [shape[seg]!] : [];
    }
    case "array":
      return typeof seg === "number" ? [d.element as Schema] : [];
    case "record":
      return [d.valueType as Schema];
    case "union":
      return (d.options as Schema[]).flatMap((option) => children(option, seg));
    default:
      return [];
  }
}

/** The schema of the field at `path`, or undefined when the path leaves the schema. */
export function schemaAt(root: Schema, path: readonly (string | number)[]): Schema | undefined {
  let current: Schema[] = [root];
  for (const seg of path) {
    current = current.flatMap((s) => children(s, seg));
    if (current.length === 0) return undefined;
  }
  return current[0];
}

/** The keys a mapping at `path` may have (empty when it is not a fixed-key mapping). */
export function allowedKeys(root: Schema, path: readonly (string | number)[]): string[] {
  const schema = schemaAt(root, path);
  if (!schema) return [];
  const objects = [unwrap(schema)].flatMap((s) =>
    def(s).type === "union" ? (def(s).options as Schema[]).map(unwrap) : [s],
  );
  const keys = objects.filter((s) => def(s).type === "object").flatMap((s) => Object.keys(def(s).shape as object));
  return [...new Set(keys)];
}

/** Plain words for what a schema expects: "a list", "one of product, engineering, joint", "true or false". */
export function describeExpected(schema: Schema): string {
  const s = unwrap(schema);
  const d = def(s);
  switch (d.type) {
    case "string":
      return "text";
    case "number":
    case "int":
      return "a number";
    case "boolean":
      return "true or false";
    case "array":
      return "a list";
    case "object":
    case "record":
      return "a mapping";
    case "enum":
      return `one of ${Object.values(d.entries as Record<string, string>).join(", ")}`;
    case "literal":
      return (d.values as unknown[]).map(String).join(" or ");
    case "union":
      return [...new Set((d.options as Schema[]).map(describeExpected))].join(" or ");
    default:
      return "something else";
  }
}

/** Plain words for what was written. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return "nothing";
  if (Array.isArray(value)) return "a list";
  switch (typeof value) {
    case "string":
      return `\`${value.length > 40 ? `${value.slice(0, 40)}…` : value}\``;
    case "number":
    case "boolean":
      return `\`${String(value)}\``;
    case "object":
      return "a mapping";
    default:
      return typeof value;
  }
}
