// .env.example, as operators copy it to .env: Probot assigns every key of .env over the environment (even an
// empty one), so the copied file must set nothing until someone uncomments a line, and it must list every
// setting dod reads.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseEnv } from "node:util";
import { describe, expect, it } from "vitest";

const root = new URL("../..", import.meta.url).pathname;
const example = readFileSync(join(root, ".env.example"), "utf8");
const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sources(join(dir, e.name))
      : e.name.endsWith(".ts")
        ? [readFileSync(join(dir, e.name), "utf8")]
        : [],
  );

describe(".env.example", () => {
  it("sets nothing when copied to .env, so the shell's settings stay in force", () => {
    expect(parseEnv(example)).toEqual({});
  });

  it("documents every DOD_ setting the app reads, and the key file for containers", () => {
    const read = new Set(sources(join(root, "src")).flatMap((text) => text.match(/\bDOD_[A-Z_]+[A-Z]\b/g) ?? []));
    expect(read.size).toBeGreaterThan(5);
    const documented = new Set(example.match(/\bDOD_[A-Z_]+[A-Z]\b/g));
    expect([...read].filter((key) => !documented.has(key))).toEqual([]);
    expect(example).toContain("PRIVATE_KEY_PATH=/run/secrets/dod.pem --env-file .env");
  });
});
