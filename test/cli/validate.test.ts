// `dod validate`, `dod schema` and `dod --help` through the real entry point (bin/dod.js, spawned).
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { doneJsonSchema } from "../../src/config/json-schema.js";
import { COMMANDS } from "../../src/cli/index.js";
import { dod } from "../helpers/cli.js";

const INVALID = `mode: blocking
criteria:
  - id: Bad
    owner: prodct
    requre: {}
`;

function repoWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "dod-validate-"));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, ".."), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

describe("dod validate", () => {
  it("exits 0 for a valid file, reading .github/done.yml by default", async () => {
    const cwd = repoWith({ ".github/done.yml": "extends: recommended\n" });
    expect(await dod(["validate"], { cwd })).toEqual({ code: 0, stdout: ".github/done.yml is valid.\n", stderr: "" });
  });

  it("prints every problem compiler style and exits 1", async () => {
    const cwd = repoWith({ "team/done.yml": INVALID });
    const result = await dod(["validate", "team/done.yml"], { cwd });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(
      [
        "team/done.yml:3:9  criteria.0.id  `Bad` is not valid here: use lower-case letters, digits and dashes, e.g. `unit-tests`",
        "team/done.yml:4:12  criteria.0.owner  expected one of product, engineering, joint; got `prodct` — did you mean `product`?",
        "team/done.yml:5:5  criteria.0.requre  unknown key `requre` — did you mean `require`?",
        "",
      ].join("\n"),
    );
    expect(result.stderr).toBe("team/done.yml: 3 problems\n");
  });

  it("prints the same problems as JSON with --format json", async () => {
    const cwd = repoWith({ ".github/done.yml": INVALID });
    const result = await dod(["validate", "--format", "json"], { cwd });
    expect(result.code).toBe(1);
    const out = JSON.parse(result.stdout);
    expect(out.file).toBe(".github/done.yml");
    expect(out.valid).toBe(false);
    expect(
      out.problems.map((p: { line: number; column: number; path: string }) => `${p.line}:${p.column} ${p.path}`),
    ).toEqual(["3:9 criteria.0.id", "4:12 criteria.0.owner", "5:5 criteria.0.requre"]);
    expect(out.problems[0]).toEqual({
      file: ".github/done.yml",
      line: 3,
      column: 9,
      path: "criteria.0.id",
      message: "`Bad` is not valid here: use lower-case letters, digits and dashes, e.g. `unit-tests`",
    });
  });

  it("reports problems that only show once the preset is merged", async () => {
    const cwd = repoWith({ "done.yml": "criteria:\n  - id: tests\n    owner: engineering\n" });
    const result = await dod(["validate", "done.yml"], { cwd });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^done\.yml:2:5 {2}criteria\.0 {2}`require` is required/);
  });

  it("validates a file that extends the organisation's on its own, and says so", async () => {
    const cwd = repoWith({ ".github/done.yml": "extends: org\nmode: advisory\n" });
    const result = await dod(["validate"], { cwd });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      ".github/done.yml is valid.\nIt extends the organisation's file (`extends: org`); the app checks that part.\n",
    );
  });

  it("exits 2 when the file can't be read", async () => {
    const cwd = repoWith({});
    expect(await dod(["validate"], { cwd })).toEqual({
      code: 2,
      stdout: "",
      stderr: "dod: Can't read .github/done.yml: no such file\n",
    });
    const dir = await dod(["validate", "."], { cwd });
    expect(dir.code).toBe(2);
    expect(dir.stderr).toBe("dod: Can't read .: it is a directory\n");
  });

  it("rejects unknown options with exit 2 and the usage", async () => {
    const result = await dod(["validate", "--strict"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^dod: Unknown option '--strict'\.?\n\nUsage: dod validate/);
  });
});

describe("dod schema", () => {
  it("prints the JSON Schema of done.yml", async () => {
    const result = await dod(["schema"]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(doneJsonSchema());
  });
});

describe("dod --help", () => {
  it("lists every command from the table", async () => {
    const result = await dod(["--help"]);
    expect(result.code).toBe(0);
    for (const [name, command] of Object.entries(COMMANDS)) {
      expect(result.stdout).toMatch(
        new RegExp(`^  ${name} +${command.summary.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`, "m"),
      );
    }
    expect(result.stdout).toMatch(/^Usage: dod <command> \[options\]/);
  });

  it.each(Object.keys(COMMANDS))("describes every option of `dod %s`", async (name) => {
    const result = await dod([name, "--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(COMMANDS[name]!.usage);
    const described = [...result.stdout.matchAll(/^ {2}(?:-\w, )?--([a-z-]+)/gm)].map((m) => m[1]);
    const accepted = COMMANDS[name]!.options;
    if (accepted) expect(described.sort()).toEqual(Object.keys(accepted).sort());
    else expect(described).toContain("help");
  });

  it("rejects an unknown command or option with exit 2 and the usage", async () => {
    const command = await dod(["deploy"]);
    expect(command.code).toBe(2);
    expect(command.stderr).toMatch(/^dod: unknown command "deploy"\n\nUsage: dod <command>/);
    const option = await dod(["--verbose"]);
    expect(option.code).toBe(2);
    expect(option.stderr).toMatch(/^dod: unknown option --verbose\n/);
    const none = await dod([]);
    expect(none.code).toBe(2);
  });

  it("prints its version", async () => {
    const result = await dod(["--version"]);
    expect(result).toEqual({ code: 0, stdout: "0.1.0\n", stderr: "" });
  });
});
