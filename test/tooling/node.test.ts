// Node 24 everywhere: the suite itself, the test command on an older Node, the package's engines, the
// Dockerfile and the workflow's matrix agree on Node ≥ 22; and the test command stops at once, in one line,
// when the machine lacks what the tests start for real.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, symlinkSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
// @ts-expect-error -- a plain .mjs script with no declarations
import { MIN_MAJOR, supported } from "../../scripts/node24.mjs";

const root = new URL("../..", import.meta.url).pathname;
const read = (path: string) => readFileSync(join(root, path), "utf8");

describe("Node ≥ 22", () => {
  it("runs this suite", () => {
    expect(Number(process.versions.node.split(".")[0])).toBeGreaterThanOrEqual(22);
  });

  it("is what the test command accepts; older Nodes get Node 24 from npm", () => {
    expect(MIN_MAJOR).toBe(22);
    expect([
      supported("20.20.2"),
      supported("21.7.3"),
      supported("22.0.0"),
      supported("24.22.3"),
      supported("26.1.0"),
    ]).toEqual([false, false, true, true, true]);
  });

  it("is the package's engines, the Dockerfile's image and the workflow's matrix", () => {
    const pkg = JSON.parse(read("package.json")) as { engines: { node: string }; scripts: Record<string, string> };
    expect(pkg.engines.node).toBe(">=22");
    expect(pkg.scripts.test).toBe("node scripts/test.mjs");
    expect([...read("Dockerfile").matchAll(/^FROM (\S+)/gm)].map((m) => m[1])).toEqual([
      "node:24-slim",
      "node:24-slim",
    ]);
    const ci = parse(read(".github/workflows/ci.yml")) as {
      jobs: { test: { strategy: { matrix: { node: number[] } } } };
    };
    expect(ci.jobs.test.strategy.matrix.node).toEqual([22, 24, 26]);
    expect(read(".ci/run")).toContain("node scripts/node24.mjs");
  });
});

describe("the test command on a machine without chromium or redis-server", () => {
  const dir = mkdtempSync(join(tmpdir(), "dod-bare-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  // A PATH holding only node: no redis-server and no apt-get to install it with.
  mkdirSync(join(dir, "bin"));
  symlinkSync(process.execPath, join(dir, "bin", "node"));
  const runTests = (chromium: string) =>
    spawnSync(process.execPath, [join(root, "scripts/test.mjs")], {
      cwd: root,
      env: { HOME: dir, PATH: join(dir, "bin"), CHROMIUM_PATH: chromium },
      encoding: "utf8",
      timeout: 10_000,
    });

  it("stops at once with one line saying what to install", () => {
    const result = runTests(join(dir, "no-chromium"));
    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe(
      "npm test needs chromium and redis-server: run `sudo apt-get install -y --no-install-recommends chromium redis-server` (or set CHROMIUM_PATH to a Chrome or Chromium)\n",
    );
  });

  it("names only what is missing", () => {
    const result = runTests(process.execPath);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      "npm test needs redis-server: run `sudo apt-get install -y --no-install-recommends redis-server`\n",
    );
  });
});

describe("the release workflow", () => {
  it("publishes on a version tag with provenance, after the suite passes", () => {
    const release = parse(read(".github/workflows/release.yml")) as {
      on: { push: { tags: string[] } };
      permissions: Record<string, string>;
      jobs: { publish: { steps: { run?: string }[] } };
    };
    expect(release.on.push.tags).toEqual(["v*.*.*"]);
    expect(release.permissions["id-token"]).toBe("write");
    const runs = release.jobs.publish.steps.flatMap((s) => (s.run ? [s.run] : []));
    expect(runs.indexOf("npm test")).toBeGreaterThan(-1);
    expect(runs.indexOf("npm publish --provenance --access public")).toBeGreaterThan(runs.indexOf("npm test"));
  });
});
