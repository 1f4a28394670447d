import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/parse.js";
import { fmt, yaml } from "./helpers.js";

const FILE = ".github/done.yml";
const problems = (text: string) => {
  const result = parseConfig(text, FILE);
  return result.ok ? [] : result.problems.map(fmt);
};

describe("parseConfig", () => {
  it("accepts a minimal file and fills defaults", () => {
    expect(parseConfig("extends: recommended\n", FILE)).toEqual({
      ok: true,
      config: {
        version: 1,
        extends: "recommended",
        mode: "blocking",
        comment: "on-missing",
        mention: "never",
        owners: { product: [], engineering: [] },
        criteria: [],
      },
    });
  });

  it("reports every problem of a broken file, located and sorted by line", () => {
    const text = yaml(`
      extends: recomended
      mode: strict
      owners:
        product: pm-alice
      criteria:
        - id: unit-tests
          titel: Unit tests
          owner: pm
          require: {}
        - id: unit-tests
          owner: engneering
          when: {}
          require:
            files: [/src/**, "a//b", "!"]
            linked_issue: yes
        - title: No id
          owner:
          require:
            files: ["docs/"]
      dashboard:
        capacity:
          groups: { feature: [feature], health: [chore] }
          target: { featur: 80, health: 30 }
    `);
    expect(problems(text)).toEqual([
      `${FILE}:1:10  extends  unknown \`extends\` value \`recomended\` — did you mean \`recommended\`? Valid values: recommended, org`,
      `${FILE}:2:7  mode  expected one of blocking, advisory; got \`strict\``,
      `${FILE}:4:12  owners.product  expected a list, got \`pm-alice\``,
      `${FILE}:7:5  criteria.0.titel  unknown key \`titel\` — did you mean \`title\`?`,
      `${FILE}:8:12  criteria.0.owner  expected one of product, engineering, joint; got \`pm\``,
      `${FILE}:9:14  criteria.0.require  \`require\` is empty: say what shows the criterion is met, e.g. \`files: [test/**]\` or \`label: reviewed\``,
      `${FILE}:10:9  criteria.1.id  \`unit-tests\` is already the id of criteria.0 (line 6): ids must be unique`,
      `${FILE}:11:12  criteria.1.owner  expected one of product, engineering, joint; got \`engneering\` — did you mean \`engineering\`?`,
      `${FILE}:12:11  criteria.1.when  \`when\` is empty: remove it to apply to every pull request, or add a condition such as \`files\` or \`labels\``,
      `${FILE}:14:15  criteria.1.require.files.0  \`/src/**\` starts with \`/\`: paths are relative to the repository root, e.g. \`src/**\``,
      `${FILE}:14:24  criteria.1.require.files.1  \`a//b\` contains \`//\`, which no path does`,
      `${FILE}:14:32  criteria.1.require.files.2  \`!\` excludes nothing and matches nothing: write a pattern after \`!\``,
      `${FILE}:15:21  criteria.1.require.linked_issue  expected true or a mapping, got \`yes\``,
      `${FILE}:16:5  criteria.2.id  \`id\` is required`,
      `${FILE}:17:5  criteria.2.owner  \`owner\` is empty: expected one of product, engineering, joint`,
      `${FILE}:19:15  criteria.2.require.files.0  \`docs/\` ends with \`/\` and matches no file: write \`docs/**\` for everything under it`,
      `${FILE}:23:13  dashboard.capacity.target  the targets add up to 110%: they must add up to 100% or less`,
      `${FILE}:23:15  dashboard.capacity.target.featur  \`featur\` is not a group in \`capacity.groups\` — did you mean \`feature\`?`,
    ]);
  });

  it.each([
    ["an empty file", "", [`${FILE}:1:1    the file is empty: add \`extends: recommended\` or your own \`criteria\``]],
    [
      "only whitespace",
      "  \n\n",
      [`${FILE}:1:1    the file is empty: add \`extends: recommended\` or your own \`criteria\``],
    ],
    [
      "only comments",
      "# nothing yet\n",
      [`${FILE}:1:1    the file is empty: add \`extends: recommended\` or your own \`criteria\``],
    ],
    [
      "a scalar",
      "hello",
      [`${FILE}:1:1    expected a mapping of settings such as \`extends\`, \`owners\` and \`criteria\`, got \`hello\``],
    ],
    [
      "a list",
      "- a\n- b\n",
      [`${FILE}:1:1    expected a mapping of settings such as \`extends\`, \`owners\` and \`criteria\`, got a list`],
    ],
    [
      "a tab indent",
      "owners:\n\tproduct: [a]\n",
      [`${FILE}:2:1    tabs are not allowed for indentation in YAML: indent with spaces`],
    ],
    [
      "a duplicate quoted key",
      'criteria:\n  - id: a\n    "owner": product\n    "owner": joint\n    require: { label: x }\n',
      [`${FILE}:4:5    \`"owner"\` appears twice in the same mapping: keep one`],
    ],
    [
      "a duplicate key",
      "mode: blocking\nmode: advisory\n",
      [`${FILE}:2:1    \`mode\` appears twice in the same mapping: keep one`],
    ],
    [
      "bad indentation",
      "owners:\n  product: [a]\n engineering: [b]\n",
      [`${FILE}:3:1    bad indentation: All mapping items must start at the same column`],
    ],
    [
      "an unquoted team",
      "owners:\n  product: @acme/product\n",
      [`${FILE}:2:12    a value cannot start with this character unless it is quoted, e.g. "@org/team"`],
    ],
    [
      "a list item's key indented one space short",
      "criteria:\n  - id: a\n    owner: product\n   require:\n",
      [`${FILE}:4:4    \`require\` is not aligned with the other keys of its list item: check the indentation`],
    ],
    [
      "an unclosed quote in a list",
      'owners:\n  product: ["alice\n',
      [`${FILE}:2:13    this \`"\` is never closed: end the value with another \`"\``],
    ],
    [
      "an unclosed single quote that swallows the next lines",
      "criteria:\n  - id: a\n    title: 'it''s\n    owner: product\n",
      [`${FILE}:3:12    this \`'\` is never closed: end the value with another \`'\``],
    ],
    [
      "an unclosed list",
      "owners:\n  product: [alice\n",
      [`${FILE}:3:1    a \`[\` is never closed: end it with \`]\` (or indent the lines that continue it)`],
    ],
    [
      "a value containing `: `",
      "title: Tests: unit\n",
      [
        `${FILE}:1:8    a value containing \`: \` must be quoted, e.g. \`"Tests: unit"\` (a nested mapping must start on its own line)`,
      ],
    ],
    [
      "a value containing `: ` twice, and quotes",
      'criteria:\n  - id: a\n    title: Say "no": a: b # why\n',
      [
        `${FILE}:3:12    a value containing \`: \` must be quoted, e.g. \`'Say "no": a: b'\` (a nested mapping must start on its own line)`,
      ],
    ],
    [
      "a key without a value",
      "mode: blocking\nowners\n",
      [`${FILE}:2:1    \`owners\` needs a \`:\` after it (a key is written \`key: value\`)`],
    ],
    [
      "an unknown alias",
      "mode: *nope\n",
      [`${FILE}:1:7    \`*nope\` refers to \`&nope\`, which is not defined before it`],
    ],
    [
      "an alias used before its anchor",
      "owners:\n  product: *pms\n  engineering: &pms [alice]\n",
      [`${FILE}:2:12    \`*pms\` refers to \`&pms\`, which is not defined before it`],
    ],
    [
      "two documents",
      "mode: blocking\n---\nmode: advisory\n",
      [`${FILE}:2:1    the file holds more than one YAML document (a second \`---\`): keep one`],
    ],
    ["a collection as a key", "? [a, b]\n: 1\n", [`${FILE}:1:3    a key must be plain text, not a list or mapping`]],
    [
      "an unknown key without a close match",
      "colour: red\n",
      [
        `${FILE}:1:1  colour  unknown key \`colour\` — allowed here: $schema, version, extends, mode, comment, mention, owners, criteria, releases, dashboard, trackers`,
      ],
    ],
    ["a wrong version", "version: 2\n", [`${FILE}:1:10  version  expected 1, got \`2\``]],
    [
      "an invalid id",
      "criteria:\n  - id: Unit Tests\n    owner: product\n    require: { label: done }\n",
      [
        `${FILE}:2:9  criteria.0.id  \`Unit Tests\` is not valid here: use lower-case letters, digits and dashes, e.g. \`unit-tests\``,
      ],
    ],
    [
      "an empty list and an empty string",
      "criteria:\n  - id: a\n    title: ''\n    owner: product\n    require: { files: [] }\n",
      [
        `${FILE}:3:12  criteria.0.title  must not be empty`,
        `${FILE}:5:23  criteria.0.require.files  list at least one item`,
      ],
    ],
    [
      "a missing diff text, inside an `any`",
      "criteria:\n  - id: a\n    owner: joint\n    require:\n      any:\n        - diff_contains: { files: [src/**] }\n",
      [`${FILE}:6:26  criteria.0.require.any.0.diff_contains.text  \`text\` is required`],
    ],
    [
      "a label that is a number",
      "criteria:\n  - id: a\n    owner: joint\n    require: { label: 3 }\n",
      [`${FILE}:4:23  criteria.0.require.label  expected text or a list, got \`3\``],
    ],
    [
      "a capacity target out of range",
      "dashboard:\n  capacity:\n    groups: { a: [x] }\n    target: { a: 120 }\n",
      [`${FILE}:4:18  dashboard.capacity.target.a  must be at most 100`],
    ],
    [
      "release labels without a pattern",
      "releases:\n  by: label\n",
      [`${FILE}:2:3  releases  with \`by: label\`, give the release label pattern too, e.g. \`label: release/*\``],
    ],
    [
      "an unknown preset",
      "extends: strict\n",
      [`${FILE}:1:10  extends  unknown \`extends\` value \`strict\`. Valid values: recommended, org`],
    ],
  ])("reports %s", (_, text, expected) => {
    expect(problems(text)).toEqual(expected);
  });

  it.each([
    ["binary junk", "\u0000\u0001\u0002\uFFFD\uD800"],
    ["a lone bracket", "["],
    ["deeply nested lists", "[".repeat(500)],
    ["many aliases", `a: &a [x]\nb: [${Array(200).fill("*a").join(", ")}]\n`],
  ])("never throws on %s", (_, text) => {
    const result = parseConfig(text, FILE);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problems.length).toBeGreaterThan(0);
      for (const p of result.problems) expect(p.line >= 1 && p.column >= 1).toBe(true);
    }
  });
});
