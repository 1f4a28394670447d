// Item 1 of issue #15: what a done.yml may cost. A pull request's proposed file is validated, so these files come
// from anyone who can open a pull request; the globs of the base file are matched against paths and check names
// that anyone can choose. Each case is bounded in time (the event loop is blocked for the whole call).
import { describe, expect, it } from "vitest";
import { BUDGET_MS, blocked } from "./budget.js";
import { loadConfig, type LoadResult } from "../../src/config/resolve.js";
import { braceExpansionSize, LIMITS } from "../../src/config/limits.js";
import { evaluate } from "../../src/criteria/evaluate.js";
import { criterion, files, makeConfig, makeFacts } from "../criteria/facts.js";

function problemsOf(result: LoadResult) {
  if (result.ok) throw new Error("expected the config to be refused");
  return result.failure.problems.map(({ line, column, path, message }) => ({ line, column, path, message }));
}

const load = (text: string) => blocked(() => loadConfig({ file: ".github/done.yml", text }));

describe("a proposed done.yml is refused for its cost before anything is compiled", () => {
  it("brace globs: 17 `{a,b}` groups in one 1 KB file", () => {
    const bomb = "{a,b}".repeat(17);
    const text = `criteria:\n  - id: bomb\n    owner: engineering\n    require:\n      files: ["${bomb}", "${bomb}/x", "${bomb}/y"]\n`;
    const { value, ms } = load(text);
    expect(problemsOf(value)).toEqual(
      [0, 1, 2].map((i) => ({
        line: 5,
        column: expect.any(Number),
        path: `criteria.0.require.files.${i}`,
        message: expect.stringContaining(`expands to more than ${LIMITS.braceExpansion} patterns`),
      })),
    );
    expect(ms).toBeLessThan(BUDGET_MS);
  });

  it("brace globs repeated through YAML aliases", () => {
    const globs = Array.from({ length: 40 }, (_, i) => `"{a,b}/${i}"`).join(", ");
    const uses = Array.from(
      { length: 60 },
      (_, i) => `  - { id: c${i}, owner: engineering, require: { files: *g } }`,
    ).join("\n");
    const text = `x: &g [${globs}]\ncriteria:\n${uses}\n`;
    const { value, ms } = load(text);
    const problems = problemsOf(value);
    expect(problems).toContainEqual({
      line: expect.any(Number),
      column: expect.any(Number),
      path: expect.stringMatching(/^criteria\.\d+\.require\.files\.\d+$/),
      message: `more than ${LIMITS.globs} globs in the file (counting each use of an alias): use fewer, broader globs`,
    });
    expect(problems.length).toBeLessThanOrEqual(2); // the limit, once (and `x` is not a known key)
    expect(ms).toBeLessThan(BUDGET_MS);
  });

  it("many distinct brace globs, each within its own limit", () => {
    const globs = Array.from({ length: 100 }, (_, i) => `"${i}/{a,b}{c,d}{e,f}{g,h}{i,j}"`).join(", ");
    const { value, ms } = load(`criteria:\n  - { id: c, owner: engineering, require: { files: [${globs}] } }\n`);
    const problems = problemsOf(value);
    // 32 patterns each: the 32nd glob crosses 1,000, and no glob after it is compiled.
    expect(problems).toEqual([
      {
        line: 2,
        column: expect.any(Number),
        path: "criteria.0.require.files.31",
        message: expect.stringContaining(`expand to more than ${LIMITS.patterns} patterns`),
      },
    ]);
    expect(ms).toBeLessThan(BUDGET_MS);
  });

  it("aliases nested into a large document", () => {
    const levels = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
    for (let i = 1; i < 8; i++)
      levels.push(
        `${"abcdefgh"[i]}: &${"abcdefgh"[i]} [${Array(10)
          .fill(`*${"abcdefgh"[i - 1]}`)
          .join(", ")}]`,
      );
    const { value, ms } = load(`${levels.join("\n")}\ncriteria: []\n`);
    expect(problemsOf(value)[0]!.message).toMatch(/YAML error|more than 20000 values/);
    expect(ms).toBeLessThan(BUDGET_MS);
  });

  it("a file over the size limit", () => {
    const text = `criteria:\n${"  - { id: x, owner: engineering, require: { label: y } }\n".repeat(5000)}`;
    const { value, ms } = load(text);
    expect(problemsOf(value)).toEqual([
      {
        line: 1,
        column: 1,
        path: "",
        message: expect.stringMatching(/^the file is \d+ KB: a definition of done may be at most 128 KB$/),
      },
    ]);
    expect(ms).toBeLessThan(BUDGET_MS);
  });

  it("too many criteria", () => {
    const text = `criteria:\n${Array.from({ length: 1200 }, (_, i) => `  - id: c${i}`).join("\n")}\n`;
    expect(problemsOf(load(text).value)).toEqual([
      { line: 2, column: 3, path: "criteria", message: "1200 criteria: a definition of done may have at most 500" },
    ]);
  });

  it("a glob too long", () => {
    const text = `criteria:\n  - id: long\n    owner: engineering\n    require:\n      files: ["${"a/".repeat(200)}x"]\n`;
    expect(problemsOf(load(text).value)).toEqual([
      {
        line: 5,
        column: 15,
        path: "criteria.0.require.files.0",
        message: expect.stringMatching(/is 401 characters long: a glob may have at most 256$/),
      },
    ]);
  });

  it("a release label glob", () => {
    const text = `releases: { by: label, label: "release/${"{1..9}".repeat(8)}" }\ncriteria: []\n`;
    const { value, ms } = load(text);
    expect(problemsOf(value)).toEqual([
      {
        line: 1,
        column: 31,
        path: "releases.label",
        message: expect.stringContaining("expands to more than 64 patterns"),
      },
    ]);
    expect(ms).toBeLessThan(BUDGET_MS);
  });
});

describe("brace expansion is counted without expanding", () => {
  it.each([
    ["src/**", 1],
    ["src/{a,b}/**", 2],
    ["{a,b}{c,d,e}", 6],
    ["{a,{b,c}}x{1..10}", 30],
    ["{a..e}", 5],
    ["{1..10..3}", 4],
    ["\\{a,b}", 1],
    ["{a}", 1],
    ["{a,b", 1],
  ])("%s → %d", (glob, size) => expect(braceExpansionSize(glob, 1000)).toBe(size));

  it("caps the count instead of overflowing", () => {
    const { value, ms } = blocked(() => braceExpansionSize("{a,b}".repeat(5000)));
    expect(value).toBe(LIMITS.braceExpansion + 1);
    expect(ms).toBeLessThan(BUDGET_MS);
  });
});

describe("legal but pathological globs in the base file match in bounded time", () => {
  const dots = `a/${".".repeat(200)}x`;
  const run = (require: Parameters<typeof criterion>[0]["require"], facts: Parameters<typeof makeFacts>[0]) =>
    blocked(() => evaluate(makeConfig([criterion({ id: "c", require })]), makeFacts(facts)).items[0]!.status);

  it.each([
    ["**/*.*.*.*.*.ts", dots],
    ["**/*.*.*.*.*.ts", `a/${"b.".repeat(200)}x`],
    ["*a*a*a*a*a*ab", "a".repeat(2000)],
    ["**/x*x*x*x*x*y", `${"d/".repeat(100)}${"x".repeat(250)}`],
  ])("files: [%s] against a hostile path", (glob, path) => {
    const { value, ms } = run({ files: [glob] }, { files: files(path, `${path}z`, `${path}zz`) });
    expect(value).toBe("missing");
    expect(ms).toBeLessThan(BUDGET_MS);
  });

  it("check: *a*a*a*a*a*ab against a long check name", () => {
    const checks = ["", "/", " "].map((sep) => ({
      name: `${"a".repeat(1000)}${sep}${"a".repeat(1000)}`,
      status: "completed" as const,
      conclusion: "success",
    }));
    const { value, ms } = run({ check: "*a*a*a*a*a*a*a*ab" }, { checks });
    expect(value).toBe("missing");
    expect(ms).toBeLessThan(BUDGET_MS);
  });

  it("check-name globs keep their meaning", () => {
    const status = (glob: string, name: string) =>
      evaluate(
        makeConfig([criterion({ id: "c", require: { check: glob } })]),
        makeFacts({ checks: [{ name, status: "completed", conclusion: "success" }] }),
      ).items[0]!.status;
    expect(status("ci / *", "CI / test (20.x)")).toBe("met");
    expect(status("ci?test", "ci/test")).toBe("met");
    expect(status("*test*", "unit tests")).toBe("met");
    expect(status("a.b", "aXb")).toBe("missing");
    expect(status("ci", "ci / test")).toBe("missing");
  });
});
