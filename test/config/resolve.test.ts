import { describe, expect, it } from "vitest";
import { loadConfig, type LoadResult } from "../../src/config/resolve.js";
import type { ResolvedConfig } from "../../src/config/schema.js";
import { fmt, yaml } from "./helpers.js";

const FILE = ".github/done.yml";
const ORG = "acme/.github:.github/done.yml";

function config(result: LoadResult): ResolvedConfig {
  if (!result.ok) throw new Error(result.failure.problems.map(fmt).join("\n"));
  return result.config;
}
function failure(result: LoadResult) {
  if (result.ok) throw new Error("expected a failure");
  return { kind: result.failure.kind, file: result.failure.file, problems: result.failure.problems.map(fmt) };
}

const ORG_TEXT = yaml(`
  extends: recommended
  comment: always
  owners:
    product: ["@acme/product"]
    engineering: ["@acme/eng-leads"]
  criteria:
    - id: performance
      enabled: false
    - id: security-review
      title: Security review
      owner: engineering
      when: { labels: [security] }
      require: { approved_by: "@acme/security" }
`);

describe("loadConfig", () => {
  it("is missing when neither the repository nor the organisation has a file", () => {
    expect(loadConfig({ file: FILE, text: null })).toEqual({
      ok: false,
      failure: { kind: "missing", file: FILE, problems: [] },
    });
    expect(loadConfig({ file: FILE, text: null, org: { file: ORG, text: null } })).toEqual({
      ok: false,
      failure: { kind: "missing", file: FILE, problems: [] },
    });
  });

  it("uses the organisation's file when the repository has none", () => {
    const resolved = config(loadConfig({ file: FILE, text: null, org: { file: ORG, text: ORG_TEXT } }));
    expect(resolved.comment).toBe("always");
    expect(resolved.owners).toEqual({ product: ["@acme/product"], engineering: ["@acme/eng-leads"] });
    expect(resolved.criteria.map((c) => c.id)).toEqual([
      "acceptance-criteria",
      "unit-tests",
      "integration-tests",
      "metrics-alerting",
      "docs",
      "runbook",
      "feature-flag",
      "security-review",
    ]);
  });

  it("layers repo over org over preset: scalars and owners from the nearest file, criteria merged by id", () => {
    const repo = yaml(`
      extends: org
      mode: advisory
      owners:
        product: [pm-alice]
      criteria:
        - id: runbook
          when: { files: [deploy/**] }
          waivable: false
        - id: docs
          enabled: false
        - id: changelog
          owner: product
          require: { files: [CHANGELOG.md] }
    `);
    const resolved = config(loadConfig({ file: FILE, text: repo, org: { file: ORG, text: ORG_TEXT } }));
    expect(resolved.mode).toBe("advisory");
    expect(resolved.comment).toBe("always");
    expect(resolved.owners).toEqual({ product: ["pm-alice"], engineering: ["@acme/eng-leads"] });
    expect(resolved.criteria.map((c) => c.id)).toEqual([
      "acceptance-criteria",
      "unit-tests",
      "integration-tests",
      "metrics-alerting",
      "runbook",
      "feature-flag",
      "security-review",
      "changelog",
    ]);
    expect(resolved.criteria.find((c) => c.id === "runbook")).toEqual({
      id: "runbook",
      title: "Runbook",
      owner: "engineering",
      hint: "Deployment changed: add or update the runbook in `runbooks/` or `docs/runbooks/` so on-call knows how to operate it.",
      when: { files: ["deploy/**"] },
      require: { files: ["runbooks/**", "docs/runbooks/**"] },
      waivable: false,
    });
    expect(resolved.criteria.at(-1)).toEqual({
      id: "changelog",
      title: "changelog",
      owner: "product",
      require: { files: ["CHANGELOG.md"] },
      waivable: true,
    });
    expect(resolved.releases).toEqual({ by: "milestone" });
    expect(resolved.dashboard).toEqual({ issue: false, history: 6, followUps: "command" });
  });

  it("resolves a file without extends on its own, with defaults", () => {
    const text = "criteria:\n  - id: qa\n    owner: joint\n    require: { label: qa-passed }\n";
    expect(config(loadConfig({ file: FILE, text }))).toEqual({
      mode: "blocking",
      comment: "on-missing",
      mention: "never",
      owners: { product: [], engineering: [] },
      criteria: [{ id: "qa", title: "qa", owner: "joint", require: { label: "qa-passed" }, waivable: true }],
      releases: { by: "milestone" },
      dashboard: { issue: false, history: 6, followUps: "command" },
    });
  });

  it("locates criteria that end up without an owner or evidence", () => {
    const text = yaml(`
      extends: recommended
      criteria:
        - id: unit-tests
          title: Tests
        - id: design-review
          title: Design review
        - id: sign-off
          owner: joint
          require: { approved_by: [product, engineering] }
    `);
    expect(failure(loadConfig({ file: FILE, text }))).toEqual({
      kind: "invalid",
      file: FILE,
      problems: [
        `${FILE}:5:5  criteria.1  \`owner\` is required (product, engineering or joint)`,
        `${FILE}:5:5  criteria.1  \`require\` is required: say what shows it is met, e.g. \`files: [test/**]\``,
        `${FILE}:9:14  criteria.2.require  \`approved_by: product\` needs product owners: list them under \`owners.product\``,
        `${FILE}:9:14  criteria.2.require  \`approved_by: engineering\` needs engineering owners: list them under \`owners.engineering\``,
      ],
    });
  });

  it("treats a criterion switched off and listed again as new", () => {
    const text =
      "extends: recommended\ncriteria:\n  - id: docs\n    enabled: false\n  - id: docs\n    title: Docs again\n";
    // Two entries with one id in one file is already a problem of its own.
    expect(failure(loadConfig({ file: FILE, text })).problems).toEqual([
      `${FILE}:5:9  criteria.1.id  \`docs\` is already the id of criteria.0 (line 3): ids must be unique`,
    ]);
    const org = "extends: recommended\ncriteria:\n  - id: docs\n    enabled: false\n";
    const repo = "extends: org\ncriteria:\n  - id: docs\n    title: Docs again\n";
    expect(failure(loadConfig({ file: FILE, text: repo, org: { file: ORG, text: org } })).problems).toEqual([
      `${FILE}:3:5  criteria.0  \`owner\` is required (product, engineering or joint)`,
      `${FILE}:3:5  criteria.0  \`require\` is required: say what shows it is met, e.g. \`files: [test/**]\``,
    ]);
  });

  it("reports `enabled: false` on an id that nothing earlier defines", () => {
    const typo = "extends: recommended\ncriteria:\n  - id: unit-test\n    enabled: false\n";
    expect(failure(loadConfig({ file: FILE, text: typo })).problems).toEqual([
      `${FILE}:3:9  criteria.0.id  \`unit-test\` disables nothing: no inherited criterion has this id — did you mean \`unit-tests\`?`,
    ]);
    const unknown =
      "extends: recommended\ncriteria:\n  - id: docs\n    enabled: false\n  - id: load-testing\n    enabled: false\n";
    expect(failure(loadConfig({ file: FILE, text: unknown })).problems).toEqual([
      `${FILE}:5:9  criteria.1.id  \`load-testing\` disables nothing: no inherited criterion has this id (the inherited ids are ` +
        "`acceptance-criteria`, `unit-tests`, `integration-tests`, `metrics-alerting`, `runbook`, `performance`, `feature-flag`)",
    ]);
    const alone = "criteria:\n  - id: docs\n    enabled: false\n";
    expect(failure(loadConfig({ file: FILE, text: alone })).problems).toEqual([
      `${FILE}:2:9  criteria.0.id  \`docs\` disables nothing: no inherited criterion has this id (this file inherits no criteria)`,
    ]);
    // The organisation's file: its problem names it.
    const org = "extends: recommended\ncriteria:\n  - id: runbok\n    enabled: false\n";
    expect(failure(loadConfig({ file: FILE, text: null, org: { file: ORG, text: org } }))).toEqual({
      kind: "invalid",
      file: ORG,
      problems: [
        `${ORG}:3:9  criteria.0.id  \`runbok\` disables nothing: no inherited criterion has this id — did you mean \`runbook\`?`,
      ],
    });
  });

  it("accepts switching off again an id an earlier layer already switched off", () => {
    const repo = "extends: org\ncriteria:\n  - id: performance\n    enabled: false\n";
    const resolved = config(loadConfig({ file: FILE, text: repo, org: { file: ORG, text: ORG_TEXT } }));
    expect(resolved.criteria.map((c) => c.id)).not.toContain("performance");
  });

  it("names the repository file for its own problems", () => {
    expect(failure(loadConfig({ file: FILE, text: "mode: loud\n", org: { file: ORG, text: ORG_TEXT } }))).toEqual({
      kind: "invalid",
      file: FILE,
      problems: [`${FILE}:1:7  mode  expected one of blocking, advisory; got \`loud\``],
    });
  });

  it("names the organisation's file for its problems", () => {
    const org = "extends: recommended\ncriteria:\n  - id: docs\n    owner: everyone\n";
    expect(failure(loadConfig({ file: FILE, text: "extends: org\n", org: { file: ORG, text: org } }))).toEqual({
      kind: "invalid",
      file: ORG,
      problems: [`${ORG}:4:12  criteria.0.owner  expected one of product, engineering, joint; got \`everyone\``],
    });
    expect(failure(loadConfig({ file: FILE, text: null, org: { file: ORG, text: "extends: org\n" } }))).toEqual({
      kind: "invalid",
      file: ORG,
      problems: [
        `${ORG}:1:10  extends  the organisation's file cannot extend \`org\` (itself): use \`extends: recommended\` or remove \`extends\``,
      ],
    });
  });

  it("fails against the repository's own file, at its `extends` line, when `extends: org` finds no organisation file", () => {
    expect(failure(loadConfig({ file: FILE, text: "extends: org\n", org: { file: ORG, text: null } }))).toEqual({
      kind: "invalid",
      file: FILE,
      problems: [
        `${FILE}:1:10  extends  \`extends: org\` needs the organisation's definition of done, but there is no \`${ORG}\``,
      ],
    });
    expect(
      failure(loadConfig({ file: FILE, text: "mode: advisory\nextends: org\n", org: { file: ORG, text: null } })),
    ).toEqual({
      kind: "invalid",
      file: FILE,
      problems: [
        `${FILE}:2:10  extends  \`extends: org\` needs the organisation's definition of done, but there is no \`${ORG}\``,
      ],
    });
    expect(failure(loadConfig({ file: FILE, text: "extends: org\n" })).problems).toEqual([
      `${FILE}:1:10  extends  \`extends: org\` needs the organisation's definition of done, but there is no \`.github/done.yml\` in the organisation's \`.github\` repository`,
    ]);
  });

  it("lists the valid values for an unknown `extends`", () => {
    expect(failure(loadConfig({ file: FILE, text: "extends: recommend\n" })).problems).toEqual([
      `${FILE}:1:10  extends  unknown \`extends\` value \`recommend\` — did you mean \`recommended\`? Valid values: recommended, org`,
    ]);
  });

  it("never throws on a hostile org file", () => {
    const result = loadConfig({ file: FILE, text: "extends: org\n", org: { file: ORG, text: "\u0000[[[" } });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.failure.problems.every((p) => p.file === ORG && p.line >= 1)).toBe(true);
  });
});
