import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/parse.js";
import { RECOMMENDED_CRITERIA } from "../../src/config/presets/recommended.js";
import { loadConfig } from "../../src/config/resolve.js";
import { DoneConfig } from "../../src/config/schema.js";
import { validateConfig } from "../../src/config/validate.js";
import { pathMatcher } from "../../src/criteria/globs.js";

const EXAMPLE = readFileSync(new URL("../../docs/examples/done.yml", import.meta.url), "utf8");
const IDS = [
  "acceptance-criteria",
  "unit-tests",
  "integration-tests",
  "metrics-alerting",
  "docs",
  "runbook",
  "performance",
  "feature-flag",
];

describe("the recommended preset", () => {
  it("is a valid criteria list with an owner, a title, a hint and evidence for each", () => {
    const raw = { criteria: RECOMMENDED_CRITERIA };
    expect(DoneConfig.safeParse(raw).success).toBe(true);
    const nowhere = { value: () => ({ line: 1, column: 1 }), key: () => ({ line: 1, column: 1 }) };
    expect(validateConfig(raw, nowhere, "preset")).toEqual([]);
    expect(RECOMMENDED_CRITERIA.map((c) => [c.id, c.owner])).toEqual([
      ["acceptance-criteria", "product"],
      ["unit-tests", "engineering"],
      ["integration-tests", "engineering"],
      ["metrics-alerting", "engineering"],
      ["docs", "engineering"],
      ["runbook", "engineering"],
      ["performance", "engineering"],
      ["feature-flag", "joint"],
    ]);
    for (const c of RECOMMENDED_CRITERIA) expect([c.title, c.hint, c.require].every(Boolean)).toBe(true);
  });

  it("counts docs/ and READMEs as documentation, never a runbook or any other `*.md`", () => {
    const docs = RECOMMENDED_CRITERIA.find((c) => c.id === "docs")!;
    const evidence = (docs.require as { any: { files?: string[] }[] }).any.find((e) => e.files)!.files!;
    const counts = pathMatcher(evidence);
    for (const path of ["docs/api.md", "docs/guide/setup.md", "README.md", "packages/web/README.md"])
      expect(counts(path), path).toBe(true);
    for (const path of [
      "runbooks/payments.md",
      "docs/runbooks/payments.md",
      "runbooks/README.md",
      "services/payments/runbook.md",
      "src/notes.md",
    ])
      expect(counts(path), path).toBe(false);
  });

  it("resolves from `extends: recommended` alone", () => {
    const result = loadConfig({ file: ".github/done.yml", text: "extends: recommended\n" });
    expect(result.ok && result.config.criteria.map((c) => c.id)).toEqual(IDS);
  });
});

describe("docs/examples/done.yml", () => {
  it("starts with the schema line for editors", () => {
    expect(EXAMPLE.split("\n")[0]).toBe(
      "# yaml-language-server: $schema=https://raw.githubusercontent.com/dod-app/dod/main/schema/done.schema.json",
    );
  });

  it("parses and resolves to 8 criteria, the team's owners and dashboard", () => {
    expect(parseConfig(EXAMPLE, "docs/examples/done.yml").ok).toBe(true);
    const result = loadConfig({ file: "docs/examples/done.yml", text: EXAMPLE });
    if (!result.ok) throw new Error(JSON.stringify(result.failure.problems));
    const { criteria, ...rest } = result.config;
    expect(criteria).toHaveLength(8);
    expect(criteria.map((c) => c.id)).toEqual(IDS);
    expect(rest).toEqual({
      mode: "blocking",
      comment: "on-missing",
      mention: "never",
      owners: { product: ["@acme/product", "pm-alice"], engineering: ["@acme/eng-leads", "lead-bob"] },
      releases: { by: "milestone" },
      dashboard: {
        issue: true,
        history: 6,
        followUps: "command",
        capacity: {
          groups: { feature: ["feature", "enhancement"], health: ["tech-debt", "chore", "bug"] },
          target: { feature: 80, health: 20 },
          weight: "prs",
        },
      },
    });
  });

  it("spells out exactly the recommended preset", () => {
    const example = loadConfig({ file: "example", text: EXAMPLE });
    const preset = loadConfig({ file: "preset", text: "extends: recommended\n" });
    expect(example.ok && preset.ok).toBe(true);
    if (example.ok && preset.ok) expect(example.config.criteria).toEqual(preset.config.criteria);
  });
});
