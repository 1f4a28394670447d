// `npx dod …` as users get it: the package npm would publish (`npm pack`), installed from its tarball into an
// empty directory, runs `dod --version`, `dod validate` and `dod check --local` there. Dependencies come from
// the npm cache that `npm ci` filled (--prefer-offline), so the test needs no network when the cache is warm.
import { execFile, execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = new URL("../..", import.meta.url).pathname;
const run = promisify(execFile);
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
  version: string;
  scripts: Record<string, string>;
};

describe("the packed npm package", () => {
  const dir = mkdtempSync(join(tmpdir(), "dod-pack-"));
  const project = join(dir, "project");
  let files: string[] = [];

  const dod = async (args: string[]) => {
    try {
      const { stdout, stderr } = await run(join(project, "node_modules", ".bin", "dod"), args, {
        cwd: project,
        env: { PATH: process.env.PATH, HOME: dir, NO_COLOR: "1" },
      });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  };

  beforeAll(async () => {
    // --ignore-scripts: the suite's global setup has just built lib/; `prepare` rebuilding it here would race
    // the other test files that run it. A real `npm pack` or `npm publish` runs `prepare`, the build.
    const { stdout } = await run("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", dir], {
      cwd: root,
    });
    const [packed] = JSON.parse(stdout) as { filename: string; files: { path: string }[] }[];
    files = packed!.files.map((f) => f.path).sort();

    mkdirSync(project);
    writeFileSync(join(project, "package.json"), JSON.stringify({ name: "a-team-repo", private: true }));
    await run(
      "npm",
      ["install", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error", join(dir, packed!.filename)],
      {
        cwd: project,
        env: {
          ...process.env,
          npm_config_cache: process.env.npm_config_cache ?? join(process.env.HOME ?? dir, ".npm"),
        },
      },
    );

    // A team's repository: done.yml on main, then a branch that changes code without tests.
    const git = (...args: string[]) =>
      execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", ...args], { cwd: project });
    mkdirSync(join(project, ".github"));
    copyConfig();
    writeFileSync(join(project, ".gitignore"), "node_modules\n");
    git("init", "-q", "-b", "main");
    git("add", ".");
    git("commit", "-qm", "definition of done");
    git("checkout", "-qb", "feature");
    mkdirSync(join(project, "src"));
    writeFileSync(join(project, "src", "login.ts"), "export const login = () => true;\n");
  }, 180_000);

  function copyConfig() {
    writeFileSync(
      join(project, ".github", "done.yml"),
      readFileSync(join(root, "test/fixtures/config/basic.yml"), "utf8"),
    );
  }

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("holds the built code, the command, the schema, the manifest, the docs and the licence, and no sources or tests", () => {
    expect(files).toEqual(
      expect.arrayContaining([
        "LICENSE",
        "README.md",
        "package.json",
        "app.yml",
        "bin/dod.js",
        "lib/cli/index.js",
        "lib/index.js",
        "lib/main.js",
        "schema/done.schema.json",
        "docs/config.md",
        "docs/examples/done.yml",
      ]),
    );
    expect(files.filter((f) => /^(src|test|scripts|bench)\/|\.map$|\.ts$/.test(f))).toEqual([]);
    expect(pkg.scripts.prepare).toBe("npm run build");
  });

  it("runs `dod --version`", async () => {
    expect(await dod(["--version"])).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: "" });
  });

  it("runs `dod validate`", async () => {
    expect(await dod(["validate"])).toEqual({ code: 0, stdout: ".github/done.yml is valid.\n", stderr: "" });
  });

  it("runs `dod check --local`: code changed without tests", async () => {
    const result = await dod(["check", "--local", "--base", "main"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("Unit tests for critical paths");
    console.log(
      `$ dod --version\n${(await dod(["--version"])).stdout}$ dod validate\n${(await dod(["validate"])).stdout}$ dod check --local --base main\n${result.stdout}`,
    );
  });
});
