import { describe, expect, it } from "vitest";
import { describeConfigChange } from "../../src/config/diff.js";
import { loadConfig } from "../../src/config/resolve.js";
import type { ResolvedConfig } from "../../src/config/schema.js";
import { fmt, yaml } from "./helpers.js";

const FILE = ".github/done.yml";
const BASE_TEXT = yaml(`
  extends: recommended
  owners:
    product: [pm-alice]
    engineering: [lead-bob]
  criteria:
    - id: qa
      owner: joint
      when: { files: [src/**], labels_absent: [trivial] }
      require: { label: qa-passed, files: [qa/**] }
      waivable: false
`);

function resolve(text: string): ResolvedConfig {
  const result = loadConfig({ file: FILE, text });
  if (!result.ok) throw new Error(result.failure.problems.map(fmt).join("\n"));
  return result.config;
}
const BASE = resolve(BASE_TEXT);
const changesFor = (text: string) => describeConfigChange(BASE, { ok: true, config: resolve(text) }, FILE).changes;

describe("describeConfigChange", () => {
  it("reports nothing for an identical config", () => {
    expect(describeConfigChange(BASE, loadConfig({ file: FILE, text: BASE_TEXT }), FILE)).toEqual({
      file: FILE,
      problems: [],
      changes: [],
    });
  });

  it.each([
    [
      "a criterion added and one removed",
      BASE_TEXT.replace(
        "  - id: qa",
        "  - id: docs\n    enabled: false\n  - id: changelog\n    owner: product\n    require: { files: [CHANGELOG.md] }\n  - id: qa",
      ),
      [
        { kind: "removed", text: "removes `docs` (engineering)" },
        { kind: "added", text: "adds `changelog` (product)" },
      ],
    ],
    [
      "a runbook glob removed",
      `${BASE_TEXT}  - id: runbook\n    when:\n      any:\n        - labels: [new-service]\n        - files: [infra/**, charts/**]\n`,
      [{ kind: "loosened", text: "loosens `runbook`: its `when` no longer covers `deploy/**`" }],
    ],
    [
      "an owner changed and a criterion made waivable",
      BASE_TEXT.replace("owner: joint", "owner: engineering").replace("waivable: false", "waivable: true"),
      [
        { kind: "changed", text: "moves `qa` from joint to engineering" },
        { kind: "loosened", text: "loosens `qa`: it can be waived again" },
      ],
    ],
    [
      "owners notified once per missing item",
      `mention: owners-on-missing\n${BASE_TEXT}`,
      [
        {
          kind: "changed",
          text: "notifies an item's owners once when it first goes missing (`mention: owners-on-missing`)",
        },
      ],
    ],
    [
      "the mode made advisory",
      `mode: advisory\n${BASE_TEXT}`,
      [{ kind: "loosened", text: "makes the check advisory: missing items no longer fail it" }],
    ],
    [
      "`when` narrowed by globs, labels and drafts",
      BASE_TEXT.replace(
        "when: { files: [src/**], labels_absent: [trivial] }",
        'when: { files: [src/**, "!src/generated/**"], labels: [feature], labels_absent: [trivial, chore], draft: false }',
      ),
      [
        { kind: "loosened", text: "loosens `qa`: its `when` now excludes `src/generated/**`" },
        { kind: "loosened", text: "loosens `qa`: it now applies only to pull requests labelled `feature`" },
        { kind: "loosened", text: "loosens `qa`: it now skips pull requests labelled `chore`" },
        { kind: "loosened", text: "loosens `qa`: it now skips draft pull requests" },
      ],
    ],
    [
      "`when` widened",
      BASE_TEXT.replace("when: { files: [src/**], labels_absent: [trivial] }", "when: { files: [src/**, lib/**] }"),
      [
        { kind: "tightened", text: "tightens `qa`: its `when` now also covers `lib/**`" },
        { kind: "tightened", text: "tightens `qa`: it no longer skips pull requests labelled `trivial`" },
      ],
    ],
    [
      "`when` removed",
      BASE_TEXT.replace("    when: { files: [src/**], labels_absent: [trivial] }\n", ""),
      [{ kind: "tightened", text: "tightens `qa`: it now applies to every pull request" }],
    ],
    [
      "evidence removed and accepted evidence narrowed",
      BASE_TEXT.replace("require: { label: qa-passed, files: [qa/**] }", "require: { files: [qa/**, e2e/**] }"),
      [
        { kind: "loosened", text: "loosens `qa`: it no longer requires a label (`label`)" },
        { kind: "loosened", text: "loosens `qa`: `require.files` now also accepts `e2e/**`" },
      ],
    ],
    [
      "evidence added",
      BASE_TEXT.replace(
        "require: { label: qa-passed, files: [qa/**] }",
        "require: { label: [qa-passed, qa-skipped], files: [qa/**], approved_by: product }",
      ),
      [
        { kind: "tightened", text: "tightens `qa`: it now also requires an approval (`approved_by`)" },
        { kind: "loosened", text: "loosens `qa`: `require.label` now also accepts `qa-skipped`" },
      ],
    ],
    [
      "owners changed",
      BASE_TEXT.replace("product: [pm-alice]", 'product: [pm-carol, "@acme/product"]'),
      [
        { kind: "changed", text: "adds `pm-carol`, `@acme/product` to the product owners" },
        { kind: "changed", text: "removes `pm-alice` from the product owners" },
      ],
    ],
  ])("describes %s", (_, head, expected) => {
    expect(changesFor(head)).toEqual(expected);
  });

  const QA_WHEN = "when: { files: [src/**], labels_absent: [trivial] }";
  const withWhen = (when: string) => BASE_TEXT.replace(QA_WHEN, `when: ${when}`);
  const between = (from: string, to: string) =>
    describeConfigChange(resolve(withWhen(from)), { ok: true, config: resolve(withWhen(to)) }, FILE).changes;

  it.each([
    [
      "`draft: true` added",
      "{ files: [src/**] }",
      "{ files: [src/**], draft: true }",
      "loosened",
      "loosens `qa`: it now applies only to draft pull requests",
    ],
    [
      "`draft: false` added",
      "{ files: [src/**] }",
      "{ files: [src/**], draft: false }",
      "loosened",
      "loosens `qa`: it now skips draft pull requests",
    ],
    [
      "`draft: true` removed",
      "{ files: [src/**], draft: true }",
      "{ files: [src/**] }",
      "tightened",
      "tightens `qa`: it now applies to pull requests ready for review too",
    ],
    [
      "`draft: false` removed",
      "{ files: [src/**], draft: false }",
      "{ files: [src/**] }",
      "tightened",
      "tightens `qa`: it now applies to draft pull requests too",
    ],
    [
      "`draft: false` made `true`",
      "{ files: [src/**], draft: false }",
      "{ files: [src/**], draft: true }",
      "changed",
      "changes `qa`: it now applies only to draft pull requests instead of only to ones ready for review",
    ],
    [
      "`draft: true` made `false`",
      "{ files: [src/**], draft: true }",
      "{ files: [src/**], draft: false }",
      "changed",
      "changes `qa`: it now applies only to pull requests ready for review instead of only to drafts",
    ],
  ])("describes %s", (_, from, to, kind, text) => {
    expect(between(from, to)).toEqual([{ kind, text }]);
  });

  it.each([
    [
      "the old `when` made one alternative of an `any`",
      "{ labels: [feature] }",
      "{ any: [{ labels: [feature] }, { files: [src/**] }] }",
      [
        {
          kind: "tightened",
          text: "tightens `qa`: its `when` became `any` of the old condition and one other, so it applies to more pull requests",
        },
      ],
    ],
    [
      "an `any` cut down to one of its alternatives",
      "{ any: [{ labels: [feature] }, { files: [src/**] }, { base: [main] }] }",
      "{ files: [src/**] }",
      [
        {
          kind: "loosened",
          text: "loosens `qa`: its `when` keeps one of its `any` alternatives and drops 2 others, so it applies to fewer pull requests",
        },
      ],
    ],
    [
      "the old `when` made one condition of an `all`",
      "{ labels: [feature] }",
      "{ all: [{ labels: [feature] }, { files: [src/**] }] }",
      [
        {
          kind: "loosened",
          text: "loosens `qa`: its `when` became `all` of the old condition and one other, so it applies to fewer pull requests",
        },
      ],
    ],
    [
      "an alternative added to an `any`",
      "{ any: [{ labels: [feature] }] }",
      "{ any: [{ labels: [feature] }, { files: [src/**] }] }",
      [
        {
          kind: "tightened",
          text: "tightens `qa`: its `when.any` has more alternatives, so it applies to more pull requests",
        },
      ],
    ],
    [
      "an `any` rewritten",
      "{ any: [{ labels: [feature] }] }",
      "{ any: [{ labels: [bug] }, { files: [src/**] }] }",
      [{ kind: "changed", text: "changes `qa`: its `when.any` alternatives were rewritten" }],
    ],
  ])("describes %s", (_, from, to, expected) => {
    expect(between(from, to)).toEqual(expected);
  });

  it("tightens when the check becomes blocking again", () => {
    const advisory = resolve(`mode: advisory\n${BASE_TEXT}`);
    expect(describeConfigChange(advisory, loadConfig({ file: FILE, text: BASE_TEXT }), FILE).changes).toEqual([
      { kind: "tightened", text: "makes the check blocking: missing items fail it" },
    ]);
  });

  it("carries the problems of an invalid head", () => {
    const change = describeConfigChange(
      BASE,
      loadConfig({ file: FILE, text: "extends: recommended\nmode: off\n" }),
      FILE,
    );
    expect(change.file).toBe(FILE);
    expect(change.changes).toEqual([]);
    expect(change.problems.map(fmt)).toEqual([`${FILE}:2:7  mode  expected one of blocking, advisory; got \`off\``]);
  });

  it("says so when the head deletes the definition of done", () => {
    expect(describeConfigChange(BASE, loadConfig({ file: FILE, text: null }), FILE).changes).toEqual([
      { kind: "removed", text: "removes the definition of done: pull requests would no longer be checked" },
    ]);
  });
});
