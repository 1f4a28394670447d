import { describe, expect, it } from "vitest";
import { globProblem } from "../../src/config/globs.js";
import { closest, editDistance } from "../../src/config/suggest.js";

describe("globProblem", () => {
  it.each([
    ["src/**", undefined],
    ["!**/*.test.*", undefined],
    ["**/openapi*.{yml,yaml,json}", undefined],
    [".github/workflows/*.yml", undefined],
    ["!", "`!` excludes nothing and matches nothing: write a pattern after `!`"],
    ["!!", "`!!` excludes nothing and matches nothing: write a pattern after `!`"],
    ["!!src/generated/**", "`!!src/generated/**`: use one `!` to exclude, e.g. `!src/generated/**`"],
    ["!!!/dist/**", "`!!!/dist/**`: use one `!` to exclude, e.g. `!/dist/**`"],
    ["/src/**", "`/src/**` starts with `/`: paths are relative to the repository root, e.g. `src/**`"],
    ["!/dist/**", "`!/dist/**` starts with `/`: paths are relative to the repository root, e.g. `dist/**`"],
    ["./src/**", "`./src/**` starts with `./`: paths are relative to the repository root, e.g. `src/**`"],
    ["src//app.ts", "`src//app.ts` contains `//`, which no path does"],
    ["docs/", "`docs/` ends with `/` and matches no file: write `docs/**` for everything under it"],
    ["#generated", undefined],
    [`${"+(a)".repeat(300)}`, `\`${"+(a)".repeat(15)}…\` is not a valid glob: pattern has too many extglobs`],
  ])("%s → %s", (pattern, expected) => {
    expect(globProblem(pattern)).toBe(expected);
  });
});

describe("suggestions", () => {
  it.each([
    ["titel", "title", 1],
    ["owner", "owner", 0],
    ["engneering", "engineering", 1],
    ["recomended", "recommended", 1],
    ["abc", "xyz", 3],
  ])("editDistance(%s, %s) = %i", (a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
  });

  it("suggests only close candidates", () => {
    expect(closest("Titel", ["id", "title", "owner"])).toBe("title");
    expect(closest("colour", ["id", "title", "owner"])).toBeUndefined();
    expect(closest("ow", ["id", "owner"])).toBeUndefined();
  });
});
