// `dod check --local` through the real entry point, in a throwaway git repository made by the test.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { dod } from "../helpers/cli.js";

const CONFIG = `owners:
  product: [pm-alice]
  engineering: [lead-bob]
criteria:
  - id: tests
    title: Tests
    owner: engineering
    hint: Add tests under test/.
    when: { files: ["src/**"] }
    require: { files: ["test/**"] }
  - id: summary
    title: Summary written
    owner: product
    require: { pr_body: { section: Summary } }
  - id: flag
    title: Behind a feature flag
    owner: engineering
    require: { diff_contains: { text: "flags.enabled(", files: ["src/**"] } }
  - id: issue
    title: Linked issue
    owner: product
    require: { linked_issue: true }
  - id: docs-or-approval
    title: Documented or approved
    owner: joint
    require: { any: [{ files: ["docs/**"] }, { approved_by: engineering }] }
  - id: runbook
    title: Runbook
    owner: engineering
    when: { labels: [new-service] }
    require: { files: ["runbooks/**"] }
`;

function write(dir: string, path: string, text: string) {
  mkdirSync(join(dir, path, ".."), { recursive: true });
  writeFileSync(join(dir, path), text);
}

/** A repository whose `main` has the config, checked out on a feature branch. */
function repo(config: string | null = CONFIG): { dir: string; git: (...args: string[]) => string } {
  const dir = mkdtempSync(join(tmpdir(), "dod-local-"));
  const git = (...args: string[]) =>
    execFileSync(
      "git",
      ["-c", "user.name=Test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false", ...args],
      {
        cwd: dir,
        encoding: "utf8",
      },
    );
  git("init", "--quiet", "--initial-branch=main");
  write(dir, "README.md", "# app\n");
  write(dir, "src/app.ts", "export const app = 1;\n");
  if (config !== null) write(dir, ".github/done.yml", config);
  git("add", ".");
  git("commit", "--quiet", "-m", "start");
  git("checkout", "--quiet", "-b", "feature");
  return { dir, git };
}

describe("dod check --local", () => {
  it("judges files, the PR text and the diff locally; the rest needs the PR; exits 0 when nothing local is missing", async () => {
    const { dir, git } = repo();
    write(dir, "src/app.ts", 'export const app = 1;\nif (flags.enabled("checkout")) start();\n');
    git("commit", "--quiet", "-am", "flagged checkout");
    write(dir, "test/app.test.ts", "test('app', () => {});\n"); // untracked, still part of the change
    write(dir, "body.md", "## Summary\nAdds the new checkout behind a flag.\n");

    const result = await dod(["check", "--local", "--base", "main", "--body", "body.md"], { cwd: dir });
    expect(result.stderr).toBe("");
    expect(result.stdout).toBe(`Definition of Done: 3 of 3 done

Product
  ✔ Summary written (summary) — “Summary” section

Engineering
  ✔ Tests (tests) — test/app.test.ts
  ✔ Behind a feature flag (flag) — src/app.ts

Needs the PR (judged once it is open)
  ? Linked issue (issue) — needs a linked issue
  ? Documented or approved (docs-or-approval) — needs an approval
  ? Runbook (runbook) — needs its labels (to know whether this applies)
`);
    expect(result.code).toBe(0);
  });

  it("exits 1 with what is missing locally, counting uncommitted changes", async () => {
    const { dir } = repo();
    write(dir, "src/app.ts", "export const app = 2;\n"); // unstaged
    const result = await dod(["check", "--local", "--base", "main"], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stdout.split("\n")[0]).toBe(
      "Definition of Done: 0 of 3 done — missing: Tests, Summary written, Behind a feature flag",
    );
    expect(result.stdout).toContain(
      "  ✘ Tests (tests) — no file in `test/` changed\n      applies because `src/app.ts` changed (it matches `src/**`)\n      how: Add tests under test/.",
    );
  });

  it("reads the PR text from stdin and prints JSON with the items that need the PR", async () => {
    const { dir } = repo();
    write(dir, "docs/checkout.md", "How checkout works.\n");
    const result = await dod(["check", "--local", "--base", "main", "--body", "-", "--format", "json"], {
      cwd: dir,
      stdin: "## Summary\nDocs only.\n",
    });
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report.items.map((i: { id: string; status: string }) => `${i.id}:${i.status}`)).toEqual([
      "tests:not_applicable",
      "summary:met",
      "flag:missing",
      "docs-or-approval:met",
    ]);
    expect(report.needsPullRequest.map((n: { id: string }) => n.id)).toEqual(["issue", "runbook"]);
  });

  it("uses the config of the base branch, not the working tree's", async () => {
    const { dir, git } = repo();
    write(dir, ".github/done.yml", "criteria: []\n");
    git("commit", "--quiet", "-am", "drop every criterion");
    const result = await dod(["check", "--local", "--base", "main", "--format", "json"], { cwd: dir });
    const report = JSON.parse(result.stdout);
    expect(report.items.map((i: { id: string }) => i.id)).toContain("summary");
    expect(report.configChange.file).toBe(".github/done.yml");
    expect(report.needsPullRequest.map((n: { id: string }) => n.id)).toContain("done-config-approval");
  });

  it.each([
    [
      "there is no config on the base branch",
      () => repo(null).dir,
      ["--base", "main"],
      /^No \.github\/done\.yml on main/,
    ],
    [
      "the base branch doesn't exist",
      () => repo().dir,
      ["--base", "develop"],
      /^dod: There is no branch "develop" here/,
    ],
    [
      "the directory is not a git repository",
      () => mkdtempSync(join(tmpdir(), "dod-nogit-")),
      [],
      /^dod: --local works in a git repository/,
    ],
    [
      "the body file is missing",
      () => repo().dir,
      ["--base", "main", "--body", "nope.md"],
      /^dod: --body: can't read nope\.md: ENOENT/,
    ],
  ])("exits 2 when %s", async (_, makeDir, args, message) => {
    const result = await dod(["check", "--local", ...args], { cwd: makeDir() });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });

  it("exits 2 with the problems when the base branch's config is invalid", async () => {
    const { dir } = repo("criteria:\n  - id: x\n    owner: nobody\n    require: { files: [a] }\n");
    const result = await dod(["check", "--local", "--base", "main"], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr.split("\n").slice(0, 2)).toEqual([
      ".github/done.yml on main is invalid (1 problem):",
      expect.stringMatching(
        /^\.github\/done\.yml:3:12 {2}criteria\.0\.owner {2}expected one of product, engineering, joint/,
      ),
    ]);
  });

  it("needs --org-config for a config that extends the organisation's", async () => {
    const { dir } = repo("extends: org\n");
    const refused = await dod(["check", "--local", "--base", "main"], { cwd: dir });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(
      /extends the organisation's definition of done .* pass a copy of it with --org-config <file>/,
    );
    write(
      dir,
      "org.yml",
      "criteria:\n  - id: notes\n    owner: product\n    require: { pr_body: { section: Notes } }\n",
    );
    const result = await dod(["check", "--local", "--base", "main", "--org-config", "org.yml"], { cwd: dir });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("Notes");
  });
});
