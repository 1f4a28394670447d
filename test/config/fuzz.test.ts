import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/parse.js";
import { loadConfig } from "../../src/config/resolve.js";
import type { ConfigProblem } from "../../src/model/config-problems.js";
import { anyText, configLike, configText, jsonYaml, yamlishText } from "./arbitraries.js";

// CI runs a few hundred documents per property; `npm run bench` runs the same properties with DOD_FUZZ_RUNS=2000.
const RUNS = Number(process.env.DOD_FUZZ_RUNS) || 300;

function located(problems: readonly ConfigProblem[], files: readonly string[]): boolean {
  return (
    problems.length >= 1 &&
    problems.every(
      (p) =>
        Number.isInteger(p.line) &&
        Number.isInteger(p.column) &&
        p.line >= 1 &&
        p.column >= 1 &&
        files.includes(p.file) &&
        p.message !== "",
    )
  );
}

describe("the config layer never throws and always locates its problems", () => {
  it.each([
    ["any text", anyText],
    ["YAML-ish text", yamlishText],
    ["JSON values as YAML", jsonYaml],
    ["config-like YAML", configLike],
  ])("parseConfig on %s", (_, arbitrary) => {
    fc.assert(
      fc.property(arbitrary, (text) => {
        const result = parseConfig(text, "done.yml");
        return result.ok || located(result.problems, ["done.yml"]);
      }),
      { numRuns: RUNS },
    );
  });

  it("loadConfig on a repo file and an org file", () => {
    fc.assert(
      fc.property(fc.option(configText, { nil: null }), fc.option(configText, { nil: null }), (text, orgText) => {
        const result = loadConfig({ file: "done.yml", text, org: { file: "org:done.yml", text: orgText } });
        if (result.ok) return result.config.criteria.every((c) => c.owner && c.require && c.title);
        if (result.failure.kind === "missing") return text === null && orgText === null;
        expect(located(result.failure.problems, ["done.yml", "org:done.yml"])).toBe(true);
        return true;
      }),
      { numRuns: RUNS },
    );
  });
});
