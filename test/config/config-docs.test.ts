// docs/config.md's `when`/`require` reference: generated from the schema's descriptions, one example each, and
// every example a criterion that dod accepts.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { predicateDocs, withPredicateDocs } from "../../src/config/config-docs.js";
import { doneJsonSchema } from "../../src/config/json-schema.js";
import { parseConfig } from "../../src/config/parse.js";
import { REQUIRE_EXAMPLES, WHEN_EXAMPLES } from "../../src/config/predicate-examples.js";

const docs = readFileSync(new URL("../../docs/config.md", import.meta.url), "utf8");
const defs = doneJsonSchema().$defs as Record<string, { properties: Record<string, unknown> }>;

describe("docs/config.md", () => {
  it("is up to date with the schema (run `npm run docs` after changing src/config/schema.ts)", () => {
    expect(docs === withPredicateDocs(docs), "docs/config.md is out of date: run `npm run docs`").toBe(true);
  });

  it("documents every `when` and `require` predicate with its description and an example", () => {
    const generated = predicateDocs();
    for (const [key, def, examples] of [
      ["when", defs.Condition!, WHEN_EXAMPLES],
      ["require", defs.Evidence!, REQUIRE_EXAMPLES],
    ] as const) {
      expect(Object.keys(examples).sort()).toEqual(Object.keys(def.properties).sort());
      for (const name of Object.keys(def.properties)) {
        expect(generated).toContain(`### \`${key}.${name}\``);
        expect(generated).toContain(`\`\`\`yaml\n${examples[name]}\n\`\`\``);
      }
    }
  });

  it("gives examples dod accepts, each using the predicate it illustrates", () => {
    for (const [key, examples] of [
      ["when", WHEN_EXAMPLES],
      ["require", REQUIRE_EXAMPLES],
    ] as const) {
      for (const [name, example] of Object.entries(examples)) {
        const criterion = parse(example) as Record<string, Record<string, unknown>>;
        expect(Object.keys(criterion[key]!)).toEqual([name]);
        const fields = {
          id: "example",
          owner: "engineering",
          ...(key === "when" && { require: { label: "done" } }),
          ...criterion,
        };
        const text = `owners: { product: [pm-alice], engineering: [lead-bob] }\ncriteria:\n  - ${JSON.stringify(fields)}\n`;
        const result = parseConfig(text, ".github/done.yml");
        expect(result.ok ? [] : result.problems, `${key}.${name}: ${example}`).toEqual([]);
      }
    }
  });
});

describe("the JSON Schema for editors", () => {
  it("gives every description as markdownDescription too, which VS Code renders", () => {
    const text = JSON.stringify(doneJsonSchema());
    const descriptions = text.match(/"description":/g)!.length;
    expect(descriptions).toBeGreaterThan(40);
    expect(text.match(/"markdownDescription":/g)!.length).toBe(descriptions);
  });
});
