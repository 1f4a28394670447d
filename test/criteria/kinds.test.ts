// The two kinds added through the registry alone (config/kinds.ts and criteria/kinds.ts): `files_absent` evidence
// and the `authors` condition, through every part derived from the registry — evaluation, validation, the JSON
// Schema, the config diff's words, the teams to gather and `--local`'s "needs the PR".
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { localReport } from "../../src/cli/local-report.js";
import { describeConfigChange } from "../../src/config/diff.js";
import { doneJsonSchema } from "../../src/config/json-schema.js";
import type { EvidenceKindName } from "../../src/config/kinds.js";
import { loadConfig } from "../../src/config/resolve.js";
import type { Condition, ResolvedConfig } from "../../src/config/schema.js";
import { evaluate, teamsNamed } from "../../src/criteria/evaluate.js";
import { EVIDENCE_JUDGES } from "../../src/criteria/kinds.js";
import type { Facts } from "../../src/model/facts.js";
import { fmt, yaml } from "../config/helpers.js";
import { criterion, files, makeConfig, makeFacts, TEAMS } from "./facts.js";
import { verdictOf } from "./helpers.js";

const FILE = ".github/done.yml";

describe("files_absent", () => {
  it.each<[string, Partial<Facts>, ReturnType<typeof verdictOf>]>([
    [
      "met when no changed file matches",
      { files: files("src/a.ts") },
      { status: "met", reason: "no file in `migrations/` changed", evidence: [] },
    ],
    [
      "missing, naming the file that matches",
      { files: files("src/a.ts", "migrations/001.sql") },
      {
        status: "missing",
        reason: "`migrations/001.sql` changed (it matches `migrations/**`)",
        evidence: [{ text: "migrations/001.sql" }],
      },
    ],
    [
      "a deleted file is a change too",
      { files: [{ path: "migrations/001.sql", additions: 0, deletions: 3, deleted: true }] },
      {
        status: "missing",
        reason: "`migrations/001.sql` changed (it matches `migrations/**`)",
        evidence: [{ text: "migrations/001.sql" }],
      },
    ],
    [
      "missing, several files",
      { files: files("migrations/1.sql", "migrations/2.sql") },
      {
        status: "missing",
        reason: "`migrations/1.sql` and 1 more file changed (they match `migrations/**`)",
        evidence: [{ text: "migrations/1.sql" }, { text: "migrations/2.sql" }],
      },
    ],
    [
      "can't be met on a truncated file list",
      { files: files("src/a.ts"), filesTruncated: true },
      {
        status: "error",
        reason: "only the first 1 files were listed: can't tell that no file in `migrations/` changed",
        evidence: [],
      },
    ],
  ])("%s", (_name, facts, expected) => {
    expect(verdictOf({ files_absent: ["migrations/**"] }, facts)).toEqual(expected);
  });

  it("is validated like every glob list", () => {
    const text = yaml(`
      criteria:
        - id: no-migrations
          owner: engineering
          require: { files_absent: [/migrations/**] }
    `);
    const result = loadConfig({ file: FILE, text });
    expect(result.ok ? [] : result.failure.problems.map(fmt)).toEqual([
      ".github/done.yml:4:31  criteria.0.require.files_absent.0  `/migrations/**` starts with `/`: paths are relative to the repository root, e.g. `migrations/**`",
    ]);
  });
});

describe("authors", () => {
  const when = (authors: string[]): Condition => ({ authors });
  const statusFor = (condition: Condition, author: string) => {
    const config = makeConfig([criterion({ id: "item", when: condition, require: { files: ["test/**"] } })]);
    const item = evaluate(config, makeFacts({ author, teams: TEAMS, files: files("test/a.test.ts") })).items[0]!;
    return [item.status, item.reason];
  };

  it.each<[string, string[], string, [string, string]]>([
    ["applies to a listed login, in any case", ["Dependabot"], "dependabot", ["met", "`test/a.test.ts` changed"]],
    ["applies to a member of a listed team", ["@acme/platform"], "both-bea", ["met", "`test/a.test.ts` changed"]],
    [
      "does not apply to anyone else",
      ["dependabot", "@acme/platform"],
      "dev-dana",
      ["not_applicable", "`@dev-dana` opened the pull request, not `@dependabot` or `@acme/platform`"],
    ],
  ])("%s", (_name, authors, author, expected) => {
    expect(statusFor(when(authors), author)).toEqual(expected);
  });

  it("names its teams among those to gather", () => {
    const config = makeConfig([
      criterion({ id: "item", when: { any: [{ authors: ["@Acme/Bots", "renovate"] }] }, require: {} }),
    ]);
    expect(teamsNamed(config)).toContain("@acme/bots");
  });

  it("needs the pull request to judge locally", () => {
    const config = makeConfig([criterion({ id: "item", when: when(["dependabot"]), require: { files: ["test/**"] } })]);
    const facts = makeFacts({ author: "" });
    expect(localReport(config, facts, evaluate(config, facts)).needsPullRequest).toEqual([
      { id: "item", title: "item", owner: "engineering", reason: "its author (to know whether this applies)" },
    ]);
  });
});

describe("authors_not", () => {
  const statusFor = (authors_not: string[], author: string) => {
    const config = makeConfig([criterion({ id: "item", when: { authors_not }, require: { files: ["test/**"] } })]);
    const item = evaluate(config, makeFacts({ author, teams: TEAMS, files: files("test/a.test.ts") })).items[0]!;
    return [item.status, item.reason];
  };
  const BOTS = ["dependabot", "dependabot[bot]", "renovate", "renovate[bot]"];

  it.each<[string, string[], string, [string, string]]>([
    ["applies to anyone not listed", BOTS, "dev-dana", ["met", "`test/a.test.ts` changed"]],
    [
      "skips a listed bot as GraphQL names it (no `[bot]`)",
      BOTS,
      "dependabot",
      ["not_applicable", "`@dependabot` opened the pull request"],
    ],
    [
      "skips a listed bot as REST names it, in any case",
      BOTS,
      "Renovate[bot]",
      ["not_applicable", "`@Renovate[bot]` opened the pull request"],
    ],
    [
      "skips a member of a listed team",
      ["@acme/platform"],
      "both-bea",
      ["not_applicable", "`@both-bea` opened the pull request (one of `@acme/platform`)"],
    ],
  ])("%s", (_name, authors, author, expected) => {
    expect(statusFor(authors, author)).toEqual(expected);
  });

  it("names its teams among those to gather, and is documented in the JSON Schema", () => {
    const config = makeConfig([criterion({ id: "item", when: { authors_not: ["@Acme/Bots"] }, require: {} })]);
    expect(teamsNamed(config)).toContain("@acme/bots");
    const defs = doneJsonSchema().$defs as Record<string, { properties: Record<string, { description?: string }> }>;
    expect(defs.Condition!.properties.authors_not!.description).toMatch(
      /^Applies only when none of these opened the PR/,
    );
  });

  it("words a config change: skipping more authors loosens the item", () => {
    const resolve = (text: string): ResolvedConfig => {
      const result = loadConfig({ file: FILE, text });
      if (!result.ok) throw new Error(result.failure.problems.map(fmt).join("\n"));
      return result.config;
    };
    const item = (names: string) =>
      `criteria:\n  - id: item\n    owner: engineering\n    when: { authors_not: [${names}] }\n    require: { files: [test/**] }\n`;
    expect(
      describeConfigChange(
        resolve(item("dependabot")),
        { ok: true, config: resolve(item("dependabot, renovate")) },
        FILE,
      ).changes,
    ).toEqual([{ kind: "loosened", text: "loosens `item`: it now skips pull requests opened by `renovate`" }]);
  });
});

describe("docs/config.md's Dependabot and Renovate recipe", () => {
  const docs = readFileSync(new URL("../../docs/config.md", import.meta.url), "utf8");
  const recipe = /## Recipe: Dependabot and Renovate[\s\S]*?```yaml\n([\s\S]*?)```/.exec(docs)![1]!;
  const result = loadConfig({ file: FILE, text: recipe });
  const config = result.ok ? result.config : undefined;
  const acceptance = (author: string) =>
    evaluate(config!, makeFacts({ author })).items.find((i) => i.id === "acceptance-criteria")!.status;

  it("spares both spellings of the bots, and no one else", () => {
    expect(result.ok).toBe(true);
    for (const bot of ["dependabot", "dependabot[bot]", "renovate", "Renovate[bot]"])
      expect(acceptance(bot), bot).toBe("not_applicable");
    expect(acceptance("dev-dana")).not.toBe("not_applicable");
  });
});

describe("the parts derived from the registry", () => {
  const resolve = (text: string): ResolvedConfig => {
    const result = loadConfig({ file: FILE, text });
    if (!result.ok) throw new Error(result.failure.problems.map(fmt).join("\n"));
    return result.config;
  };
  const withItem = (item: string) =>
    yaml(`
    criteria:
      - id: item
        owner: engineering
  `) + item;

  it("words a config change of either kind", () => {
    const base = resolve(withItem("    when: { authors: [dependabot] }\n    require: { files: [test/**] }\n"));
    const head = resolve(
      withItem(
        "    when: { authors: [dependabot, renovate] }\n    require: { files: [test/**], files_absent: [migrations/**] }\n",
      ),
    );
    expect(describeConfigChange(base, { ok: true, config: head }, FILE).changes).toEqual([
      { kind: "tightened", text: "tightens `item`: it now also applies to pull requests opened by `renovate`" },
      {
        kind: "tightened",
        text: "tightens `item`: it now also requires that no changed file matches (`files_absent`)",
      },
    ]);
  });

  it("documents both in the JSON Schema", () => {
    const defs = doneJsonSchema().$defs as Record<string, { properties: Record<string, { description?: string }> }>;
    expect(defs.Evidence!.properties.files_absent!.description).toMatch(/^Met when no changed file matches/);
    expect(defs.Condition!.properties.authors!.description).toMatch(/^Applies when one of these opened the PR/);
  });

  it("judges every kind it lists (checked by the compiler)", () => {
    const { files_absent, ...others } = EVIDENCE_JUDGES;
    // @ts-expect-error — judges for every kind but one are not a registry of judges
    const incomplete: { [K in EvidenceKindName]: unknown } = others;
    expect(Object.keys(incomplete)).not.toContain("files_absent");
    expect(files_absent).toBeTypeOf("function");
  });
});
