import fc from "fast-check";
import { Minimatch } from "minimatch";
import { describe, expect, it } from "vitest";
import { pathMatcher, simpleGlobRegExp } from "../../src/criteria/globs.js";

const minimatch = (glob: string, path: string) => new Minimatch(glob, { dot: true, nonegate: true }).match(path);

describe("the fast glob path agrees with minimatch { dot: true }", () => {
  const patternSegment = fc.constantFrom("a", "b", ".c", "*", "?", "**", "a*", "*.ts", "x?", ".*", "*a*", "a.b", "a+b");
  const pathSegment = fc.constantFrom("a", "b", ".c", "a.ts", "ab", "x1", "ba", ".ts", "a.b", "a+b", "aab");
  const glob = fc.array(patternSegment, { minLength: 1, maxLength: 5 }).map((s) => s.join("/"));
  const path = fc.array(pathSegment, { minLength: 1, maxLength: 6 }).map((s) => s.join("/"));

  it("on random patterns and paths", () => {
    fc.assert(
      fc.property(glob, path, (g, p) => {
        const re = simpleGlobRegExp(g);
        if (re) expect([g, p, re.test(p)]).toEqual([g, p, minimatch(g, p)]);
      }),
      { numRuns: 20000 },
    );
  });

  const paths = [
    "src",
    "src/a.ts",
    "src/a/b.test.ts",
    ".github/done.yml",
    "a/b",
    "a/x/b",
    "a/b/c",
    "a/b/x/c",
    "README.md",
    "docs/.x/y.md",
  ];
  it.each(["src/**", "**/*.test.ts", "**", "**/b", "docs/**/*.md", "*.md", "a/**/b", ".github/done.yml"])("%s", (g) => {
    const re = simpleGlobRegExp(g)!;
    expect(paths.filter((p) => re.test(p))).toEqual(paths.filter((p) => minimatch(g, p)));
  });

  it.each([
    "src/{a,b}/**",
    "src/[ab]/*",
    "@(a|b)",
    "a/**/**/b",
    "a/**/b/**/c",
    "*a*b",
    "a\\\\*",
    "/abs",
    "a//b",
    "./a",
  ])("%s falls back to minimatch", (g) => {
    expect(simpleGlobRegExp(g)).toBeNull();
  });
});

describe("pathMatcher", () => {
  it.each([
    [["src/{api,web}/**"], "src/web/x.ts", true],
    [["src/**", "!src/**/*.md"], "src/a/b.md", false],
    [["src/**", "!src/**/*.md"], "src/a/b.ts", true],
    [["!docs/**"], "README.md", true],
    [["!docs/**"], "docs/a.md", false],
    [["**/*.ts"], ".github/x.ts", true],
  ])("%j on %s → %s", (globs, path, expected) => {
    expect(pathMatcher(globs)(path)).toBe(expected);
  });

  it("compiles once per pattern array", () => {
    const globs = ["src/**"];
    expect(pathMatcher(globs)).toBe(pathMatcher(globs));
    expect(pathMatcher(["src/**"])).not.toBe(pathMatcher(globs));
  });
});
