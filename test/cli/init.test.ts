// `dod init` writes the starter done.yml a new team begins from, and a mistyped command gets a suggestion.
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { STARTER_CONFIG } from "../../src/config/starter.js";
import { dod } from "../helpers/cli.js";

describe("dod init", () => {
  it("writes the starter .github/done.yml, which `dod validate` accepts as it stands", async () => {
    const cwd = mkdtempSync(join(tmpdir(), "dod-init-"));
    expect(await dod(["init"], { cwd })).toEqual({
      code: 0,
      stdout: "wrote .github/done.yml: fill in the owners, then `dod validate` and commit it to the default branch\n",
      stderr: "",
    });
    expect(readFileSync(join(cwd, ".github/done.yml"), "utf8")).toBe(STARTER_CONFIG);
    expect(await dod(["validate"], { cwd })).toMatchObject({ code: 0, stdout: ".github/done.yml is valid.\n" });
  });

  it("never overwrites a file, and writes to a path given", async () => {
    const cwd = mkdtempSync(join(tmpdir(), "dod-init-"));
    mkdirSync(join(cwd, ".github"));
    writeFileSync(join(cwd, ".github/done.yml"), "mode: advisory\n");
    expect(await dod(["init"], { cwd })).toEqual({
      code: 2,
      stdout: "",
      stderr: "dod: .github/done.yml exists already: edit it, or check it with `dod validate`\n",
    });
    expect(readFileSync(join(cwd, ".github/done.yml"), "utf8")).toBe("mode: advisory\n");
    expect(await dod(["init", "org/done.yml"], { cwd })).toMatchObject({ code: 0 });
    expect(readFileSync(join(cwd, "org/done.yml"), "utf8")).toBe(STARTER_CONFIG);
  });
});

describe("a mistyped command", () => {
  it("suggests the command it is closest to", async () => {
    const result = await dod(["chek", "acme/shop#1"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^dod: unknown command "chek" — did you mean `check`\?\n\nUsage: dod <command>/);
    expect((await dod(["valdiate"])).stderr).toMatch(/^dod: unknown command "valdiate" — did you mean `validate`\?\n/);
  });
});
