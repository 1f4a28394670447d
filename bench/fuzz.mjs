// done.yml parsing and validation under fast-check with the suite's own arbitraries (test/config/arbitraries.ts,
// loaded through the suite's TypeScript hooks): never throws, always a valid config or located problems.
import { register } from "node:module";
import fc from "fast-check";
import { parseConfig } from "../lib/config/parse.js";
import { loadConfig } from "../lib/config/resolve.js";

register("../test/helpers/ts-hooks.mjs", import.meta.url);

const located = (problems, files) =>
  problems.length >= 1 && problems.every((p) => Number.isInteger(p.line) && Number.isInteger(p.column) && p.line >= 1 && p.column >= 1 && files.includes(p.file) && p.message !== "");

export async function fuzzBench({ documents = 10_000 } = {}) {
  const { anyText, yamlishText, jsonYaml, configLike, configText } = await import("../test/config/arbitraries.ts");
  const started = performance.now();
  let valid = 0;
  let invalid = 0;
  const perArbitrary = Math.ceil(documents / 5);
  for (const arbitrary of [anyText, yamlishText, jsonYaml, configLike]) {
    fc.assert(
      fc.property(arbitrary, (text) => {
        const result = parseConfig(text, "done.yml");
        result.ok ? valid++ : invalid++;
        return result.ok || located(result.problems, ["done.yml"]);
      }),
      { numRuns: perArbitrary },
    );
  }
  fc.assert(
    fc.property(fc.option(configText, { nil: null }), fc.option(configText, { nil: null }), (text, orgText) => {
      const result = loadConfig({ file: "done.yml", text, org: { file: "org:done.yml", text: orgText } });
      if (result.ok) return valid++, true;
      invalid++;
      return result.failure.kind === "missing" ? text === null && orgText === null : located(result.failure.problems, ["done.yml", "org:done.yml"]);
    }),
    { numRuns: perArbitrary },
  );
  return { documents: valid + invalid, valid, invalid, failures: 0, ms: performance.now() - started };
}
