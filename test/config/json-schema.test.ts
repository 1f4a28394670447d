import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { doneJsonSchema, doneJsonSchemaText } from "../../src/config/json-schema.js";

type Json = Record<string, unknown>;
const COMMITTED = new URL("../../schema/done.schema.json", import.meta.url);

/** Every named field (a key of some `properties`) with its JSON pointer, following `$ref`s once each. */
function fields(schema: Json): { pointer: string; field: Json }[] {
  const defs = (schema.$defs ?? {}) as Record<string, Json>;
  const out: { pointer: string; field: Json }[] = [];
  const visit = (node: unknown, pointer: string) => {
    if (node === null || typeof node !== "object") return;
    if (Array.isArray(node)) {
      for (const [i, item] of node.entries()) visit(item, `${pointer}/${i}`);
      return;
    }
    const record = node as Json;
    for (const [key, value] of Object.entries(record)) {
      if (key === "properties") {
        for (const [name, field] of Object.entries(value as Record<string, Json>))
          out.push({ pointer: `${pointer}/properties/${name}`, field });
      }
      visit(value, `${pointer}/${key}`);
    }
  };
  visit(schema, "#");
  return out.map(({ pointer, field }) => {
    const ref = typeof field.$ref === "string" ? defs[field.$ref.replace("#/$defs/", "")] : undefined;
    return { pointer, field: { ...ref, ...field } };
  });
}

describe("the JSON Schema", () => {
  it("is committed as generated (run `npm run schema` after changing src/config/schema.ts)", () => {
    const committed = readFileSync(COMMITTED, "utf8");
    expect(committed, "schema/done.schema.json is out of date: run `npm run schema`").toBe(doneJsonSchemaText());
  });

  it("names itself and its recursive definitions", () => {
    const schema = doneJsonSchema();
    expect(schema.$id).toBe("https://raw.githubusercontent.com/dod-app/dod/main/schema/done.schema.json");
    expect(schema.title).toBe("dod: .github/done.yml");
    expect(Object.keys(schema.$defs as Json)).toEqual(["Condition", "Evidence"]);
    expect(doneJsonSchemaText()).not.toContain("__schema");
    expect(doneJsonSchemaText().endsWith("}\n")).toBe(true);
  });

  it("describes every field", () => {
    const all = fields(doneJsonSchema());
    expect(all.length).toBeGreaterThan(40);
    expect(
      all
        .filter(({ field }) => typeof field.description !== "string" || field.description === "")
        .map((f) => f.pointer),
    ).toEqual([]);
  });

  it("restricts `extends` to the values `dod validate` accepts, so an editor flags `extends: recomended`", () => {
    const extendsField = (doneJsonSchema().properties as Record<string, Json>).extends!;
    expect(extendsField.enum).toEqual(["recommended", "org"]);
  });
});
