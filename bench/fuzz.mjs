// done.yml parsing and validation under fast-check: the suite's own properties (test/config/fuzz.test.ts), run
// with DOD_FUZZ_RUNS documents each instead of CI's few hundred. Never throws, always a valid config or
// located problems: a property that fails makes the run fail.
import { spawnSync } from "node:child_process";

const PROPERTIES = 5;

export async function fuzzBench({ documents = 10_000 } = {}) {
  const runs = Math.ceil(documents / PROPERTIES);
  const root = new URL("..", import.meta.url).pathname;
  const vitest = `${root}node_modules/vitest/vitest.mjs`;
  const started = performance.now();
  const run = spawnSync(process.execPath, [vitest, "run", "test/config/fuzz.test.ts", "--reporter=json"], {
    cwd: root,
    env: { ...process.env, DOD_FUZZ_RUNS: String(runs) },
    encoding: "utf8",
    maxBuffer: 16 << 20,
  });
  const report = JSON.parse(run.stdout.slice(run.stdout.indexOf("{")));
  if (report.numTotalTests !== PROPERTIES) throw new Error(`expected ${PROPERTIES} fuzz properties, found ${report.numTotalTests}`);
  return {
    documents: runs * PROPERTIES,
    properties: report.numTotalTests,
    failures: report.numFailedTests,
    ms: performance.now() - started,
  };
}
