// Issue #15, the event-loop bound: reading a proposed done.yml must not hold the event loop past the budget,
// whatever its shape. The bench's hostile mix showed a 128 KB file of criteria taking ~270 ms to parse; the shapes
// below cost the most per byte (many tiny values or lines, tags, one huge mapping, alias chains) and are refused
// before parsing or read within it.
import { describe, expect, it } from "vitest";
import { loadConfig, type LoadResult } from "../../src/config/resolve.js";
import { LIMITS } from "../../src/config/limits.js";
import { BUDGET_MS, blocked } from "./budget.js";

const load = (text: string) => blocked(() => loadConfig({ file: ".github/done.yml", text }));

function firstProblem(result: LoadResult) {
  if (result.ok) throw new Error("expected the config to be refused");
  return result.failure.problems[0]!.message;
}

/** `unit` repeated to fill the size limit, after `head`. */
const filled = (head: string, unit: string) =>
  head + unit.repeat(Math.floor((LIMITS.bytes - head.length) / unit.length));

describe("a done.yml is read within the event loop's budget", () => {
  it.each([
    [
      "the bench's 128 KB file of criteria",
      `criteria:\n${"  - { id: x, owner: engineering, require: { label: y } }\n".repeat(2200)}`,
    ],
    ["a flow list of one-letter items", filled("x: [", "a,")],
    ["nested flow lists", filled("x: ", "[")],
    ["a block list of one-letter items", filled("x:\n", "- a\n")],
    ["flow mappings", filled("x: [", "{a: b},")],
    ["explicit keys", filled("", "? a\n")],
    ["tags", `${filled("x: ", "!t ")}a`],
  ])("%s, at the size limit: refused for its marks before parsing", (_, text) => {
    const { value, ms } = load(text);
    expect(firstProblem(value)).toMatch(
      new RegExp(`^the file has \\d+ of \`, : - \\? \\[ \\{ ! &\`: .* at most ${LIMITS.marks}$`),
    );
    expect(ms).toBeLessThan(BUDGET_MS);
  });

  it.each([
    ["blank lines", `x: a\n${"\n".repeat(LIMITS.bytes - 8)}`],
    ["a quoted value of many lines", `x: "${"a\n".repeat(LIMITS.bytes / 2 - 8)}"`],
    ["comments", filled("", "# c\n")],
  ])("%s, at the size limit: refused for its lines before parsing", (_, text) => {
    const { value, ms } = load(text);
    expect(firstProblem(value)).toMatch(new RegExp(`^the file has \\d+ lines: .* at most ${LIMITS.lines}$`));
    expect(ms).toBeLessThan(BUDGET_MS);
  });

  it("one mapping of 2,000 unknown keys: 20 named, the rest counted", () => {
    // yaml's duplicate-key check and the location of each unknown key were both quadratic in the keys.
    const text = Array.from({ length: 2000 }, (_, i) => `key${i}: 1\n`).join("");
    const { value, ms } = load(text);
    if (value.ok) throw new Error("expected the config to be refused");
    const messages = value.failure.problems.map((p) => p.message);
    expect(messages).toHaveLength(21);
    expect(messages).toContain("1980 more unknown keys here");
    expect(ms).toBeLessThan(BUDGET_MS);
  });

  it("duplicate keys are still reported where they are", () => {
    const { value } = load("mode: advisory\ncriteria: []\nmode: blocking\n");
    if (value.ok) throw new Error("expected the config to be refused");
    expect(value.failure.problems.map(({ line, column, message }) => ({ line, column, message }))).toEqual([
      { line: 3, column: 1, message: "`mode` appears twice in the same mapping: keep one" },
    ]);
  });

  it("a chain of anchors, each aliasing the one before", () => {
    const lines = Array.from({ length: 1000 }, (_, i) => `a${i}: &a${i} [${i === 0 ? 1 : `*a${i - 1}`}]\n`);
    const { value, ms } = load(lines.join(""));
    expect(firstProblem(value)).toMatch(/^more than 100 aliases \(`\*name`\) in the file/);
    expect(ms).toBeLessThan(BUDGET_MS);
  });

  it("100 aliases in a large file are converted without walking the file for each", () => {
    const lines = Array.from({ length: 1500 }, (_, i) => `a${i}: &a${i} [${i === 0 || i > 100 ? 1 : `*a${i - 1}`}]\n`);
    const { value, ms } = load(lines.join(""));
    if (value.ok) throw new Error("expected the config to be refused");
    expect(value.failure.problems.map((p) => p.message)).toContain("1480 more unknown keys here");
    expect(ms).toBeLessThan(BUDGET_MS);
  });
});
