// done.yml parsing and validation under fast-check: the suite's own properties (test/config/fuzz.test.ts), run
// with DOD_FUZZ_RUNS documents each instead of CI's few hundred. Never throws, always a valid config or
// located problems: a property that fails makes the run fail.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const PROPERTIES = 5;

export async function fuzzBench({ documents = 10_000 } = {}) {
  const runs = Math.ceil(documents / PROPERTIES);
  const root = new URL("..", import.meta.url).pathname;
  const vitest = `${root}node_modules/vitest/vitest.mjs`;
  const started = performance.now();
  // vitest 5's JSON reporter writes to a file, not to stdout.
  const dir = mkdtempSync(join(tmpdir(), "dod-fuzz-"));
  const output = join(dir, "report.json");
  const run = spawnSync(
    process.execPath,
    [vitest, "run", "test/config/fuzz.test.ts", "--reporter=json", `--outputFile=${output}`],
    {
      cwd: root,
      env: { ...process.env, DOD_FUZZ_RUNS: String(runs) },
      encoding: "utf8",
    },
  );
  let report;
  try {
    report = JSON.parse(readFileSync(output, "utf8"));
  } catch {
    throw new Error(`the fuzz run wrote no report (exit ${run.status}): ${run.stderr.slice(-500)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  if (report.numTotalTests !== PROPERTIES)
    throw new Error(`expected ${PROPERTIES} fuzz properties, found ${report.numTotalTests}`);
  return {
    documents: runs * PROPERTIES,
    properties: report.numTotalTests,
    failures: report.numFailedTests,
    ms: performance.now() - started,
  };
}
