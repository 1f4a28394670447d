import { describe, expect, it } from "vitest";
import type { Condition } from "../../src/config/schema.js";
import { evaluate, needsDiff, teamsNamed, teamsNeeded } from "../../src/criteria/evaluate.js";
import type { Facts } from "../../src/model/facts.js";
import type { ConfigChange } from "../../src/model/config-problems.js";
import { approval, comment, criterion, files, makeConfig, makeFacts, TEAMS } from "./facts.js";

describe("when", () => {
  const rows: [string, Condition, Partial<Facts>, string | null][] = [
    ["files hold", { files: ["src/**"] }, { files: files("src/a.ts") }, null],
    ["files don't hold", { files: ["src/**"] }, { files: files("docs/a.md") }, "no file in `src/` changed"],
    [
      "files with exclusion",
      { files: ["src/**", "!src/**/*.md"] },
      { files: files("src/a.md") },
      "no file in `src/` (other than `src/**/*.md`) changed",
    ],
    ["labels: any present", { labels: ["api", "backend"] }, { labels: ["Backend"] }, null],
    [
      "labels: none present",
      { labels: ["api", "backend"] },
      {},
      "the pull request has none of the labels `api` or `backend`",
    ],
    ["labels: the one label", { labels: ["api"] }, {}, "the pull request has no label `api`"],
    [
      "labels_absent",
      { labels_absent: ["skip-dod", "chore"] },
      { labels: ["chore"] },
      "the pull request has the label `chore`",
    ],
    ["labels_absent holds", { labels_absent: ["skip-dod"] }, { labels: ["chore"] }, null],
    ["base glob", { base: ["release/*"] }, { base: { ref: "release/2.1" } }, null],
    [
      "base glob fails",
      { base: ["main", "release/*"] },
      { base: { ref: "develop" } },
      "the base branch `develop` is not `main` or `release/*`",
    ],
    ["draft: false on a draft", { draft: false }, { draft: true }, "the pull request is a draft"],
    ["draft: false, ready", { draft: false }, {}, null],
    [
      "every key must hold",
      { files: ["src/**"], labels: ["api"] },
      { files: files("src/a.ts") },
      "the pull request has no label `api`",
    ],
    ["any", { any: [{ labels: ["api"] }, { files: ["src/**"] }] }, { files: files("src/a.ts") }, null],
    [
      "any fails",
      { any: [{ labels: ["api"] }, { files: ["src/**"] }] },
      {},
      "the pull request has no label `api` and no file in `src/` changed",
    ],
    [
      "all fails with the first failing reason",
      { all: [{ draft: false }, { base: ["main"] }] },
      { base: { ref: "dev" } },
      "the base branch `dev` is not `main`",
    ],
  ];
  it.each(rows)("%s", (_name, when, facts, notApplicable) => {
    const item = evaluate(makeConfig([criterion({ id: "c", when, require: { label: "never" } })]), makeFacts(facts))
      .items[0]!;
    if (notApplicable === null) expect(item.status).toBe("missing");
    else expect(item).toMatchObject({ status: "not_applicable", reason: notApplicable, evidence: [] });
  });
});

describe("report", () => {
  const config = makeConfig([
    criterion({ id: "tests", title: "Tests", require: { files: ["test/**"] }, hint: "Add tests." }),
    criterion({
      id: "runbook",
      title: "Runbook",
      when: { files: ["ops/**"] },
      require: { files: ["docs/runbook/**"] },
    }),
    criterion({ id: "bench", title: "Benchmark", require: { check: "bench" } }),
    criterion({ id: "ac", title: "Acceptance criteria", owner: "product", require: { linked_issue: true } }),
  ]);
  const issue = { repo: "acme/shop", number: 1, title: "T", body: "", state: "open" as const, url: "u" };
  const bench = (status: "queued" | "completed", conclusion: string | null) => [{ name: "bench", status, conclusion }];

  const rows: [string, Partial<Facts>, "blocking" | "advisory", string, string, Record<string, number>][] = [
    [
      "all done",
      { files: files("test/a.ts"), checks: bench("completed", "success"), linkedIssues: [issue] },
      "blocking",
      "success",
      "3 of 3 done",
      { met: 3, not_applicable: 1 },
    ],
    [
      "missing, blocking",
      { files: files("ops/x.yml"), checks: bench("completed", "success") },
      "blocking",
      "failure",
      "1 of 4 done — missing: Tests, Runbook, Acceptance criteria",
      { met: 1, missing: 3 },
    ],
    [
      "missing, advisory",
      { files: files("test/a.ts"), checks: bench("completed", "success") },
      "advisory",
      "neutral",
      "2 of 3 done — missing: Acceptance criteria",
      { met: 2, missing: 1, not_applicable: 1 },
    ],
    [
      "pending",
      { files: files("test/a.ts"), checks: bench("queued", null), linkedIssues: [issue] },
      "blocking",
      "pending",
      "2 of 3 done — waiting for: Benchmark",
      { met: 2, pending: 1, not_applicable: 1 },
    ],
  ];
  it.each(rows)("%s", (_name, facts, mode, conclusion, title, counts) => {
    const report = evaluate({ ...config, mode }, makeFacts(facts));
    expect(report).toMatchObject({ conclusion, mode, title });
    expect(report.counts).toEqual({
      met: 0,
      missing: 0,
      pending: 0,
      not_applicable: 0,
      error: 0,
      waived: 0,
      ...counts,
    });
    expect(report.items.map((i) => i.id)).toEqual(["tests", "runbook", "bench", "ac"]);
  });

  it("lists the first three missing titles and +N more", () => {
    const many = makeConfig(
      ["A", "B", "C", "D", "E"].map((t) => criterion({ id: t.toLowerCase(), title: t, require: { label: "x" } })),
    );
    expect(evaluate(many, makeFacts()).title).toBe("0 of 5 done — missing: A, B, C +2 more");
  });

  it("says so when no criterion applies", () => {
    const report = evaluate(
      makeConfig([criterion({ id: "a", when: { draft: false }, require: { label: "x" } })]),
      makeFacts({ draft: true }),
    );
    expect(report).toMatchObject({ title: "No criteria apply to this pull request", conclusion: "success" });
  });

  it("carries item fields through", () => {
    expect(evaluate(config, makeFacts()).items[0]).toEqual({
      id: "tests",
      title: "Tests",
      owner: "engineering",
      status: "missing",
      reason: "no file in `test/` changed",
      hint: "Add tests.",
      evidence: [],
    });
  });

  it("fails on a config change with problems, and carries it", () => {
    const configChange: ConfigChange = {
      file: ".github/done.yml",
      problems: [{ file: ".github/done.yml", line: 3, column: 5, path: "criteria.0.id", message: "bad id" }],
      changes: [],
    };
    const report = evaluate(makeConfig([]), makeFacts(), { configChange });
    expect(report).toMatchObject({
      conclusion: "failure",
      configChange,
      title: "No criteria apply to this pull request — .github/done.yml has 1 problem",
    });
    const clean = evaluate(makeConfig([]), makeFacts(), { configChange: { ...configChange, problems: [] } });
    expect(clean).toMatchObject({ conclusion: "success", configChange: { problems: [] } });
    expect(evaluate(makeConfig([]), makeFacts())).not.toHaveProperty("configChange");
  });
});

describe("done-config-approval", () => {
  const config = makeConfig([criterion({ id: "tests", title: "Tests", require: { files: ["test/**"] } })]);
  const url = (a: string) => `https://github.com/acme/shop/pull/7#review-${a}`;
  const changed = { files: files(".github/done.yml", "test/a.ts"), teams: TEAMS };

  const rows: [string, Partial<Facts>, string, string, { text: string; url: string }[]][] = [
    [
      "no approvals",
      {},
      "missing",
      "needs approvals from a product owner (`@pm-alice`, `@acme/product`) and an engineering owner (`@eng-bob`, `@acme/platform`)",
      [],
    ],
    [
      "product only",
      { reviews: [approval("pm-paul")] },
      "missing",
      "needs an approval from an engineering owner (`@eng-bob`, `@acme/platform`)",
      [{ text: "approved by @pm-paul (product)", url: url("pm-paul") }],
    ],
    [
      "engineering only",
      { reviews: [approval("eng-bob")] },
      "missing",
      "needs an approval from a product owner (`@pm-alice`, `@acme/product`)",
      [{ text: "approved by @eng-bob (engineering)", url: url("eng-bob") }],
    ],
    [
      "both",
      { reviews: [approval("eng-erin"), approval("pm-alice")] },
      "met",
      "approved by `@pm-alice` (product) and `@eng-erin` (engineering)",
      [
        { text: "approved by @pm-alice (product)", url: url("pm-alice") },
        { text: "approved by @eng-erin (engineering)", url: url("eng-erin") },
      ],
    ],
    [
      "the author's approval doesn't count",
      { author: "pm-alice", reviews: [approval("pm-alice"), approval("eng-bob")] },
      "missing",
      "needs an approval from a product owner (`@pm-alice`, `@acme/product`)",
      [{ text: "approved by @eng-bob (engineering)", url: url("eng-bob") }],
    ],
  ];
  it.each(rows)("%s", (_name, facts, status, reason, evidence) => {
    const report = evaluate(config, makeFacts({ ...changed, ...facts }));
    expect(report.items.map((i) => i.id)).toEqual(["tests", "done-config-approval"]);
    expect(report.items[1]).toEqual({
      id: "done-config-approval",
      title: "Definition of done change approved by product and engineering",
      owner: "joint",
      status,
      reason,
      hint: "Changes to `.github/done.yml` need approving reviews from a product owner and from an engineering owner.",
      // Approvals given so far are what is done, not what is still open.
      ...(status === "met" ? { evidence } : { evidence: [], ...(evidence.length > 0 && { soFar: evidence }) }),
    });
  });

  it("needs two different people: one owner on both sides is not enough", () => {
    const both = makeConfig([], { owners: { product: ["both-bea"], engineering: ["@acme/platform"] } });
    const alone = evaluate(both, makeFacts({ ...changed, reviews: [approval("Both-Bea")] })).items[0]!;
    expect(alone).toMatchObject({
      status: "missing",
      reason: "needs a second owner's approval: `@Both-Bea` can't approve for both product and engineering",
    });
    const pair = evaluate(both, makeFacts({ ...changed, reviews: [approval("Both-Bea"), approval("eng-erin")] }))
      .items[0]!;
    expect(pair).toMatchObject({
      status: "met",
      reason: "approved by `@Both-Bea` (product) and `@eng-erin` (engineering)",
    });
  });

  it("is not added when done.yml is untouched, and can't be waived", () => {
    expect(evaluate(config, makeFacts({ files: files("src/.github/done.yml") })).items.map((i) => i.id)).toEqual([
      "tests",
    ]);
    const waived = makeFacts({
      ...changed,
      comments: [
        comment("pm-alice", "/dod waive done-config-approval urgent", "2024-05-01T00:00:00Z"),
        comment("eng-bob", "/dod waive done-config-approval urgent", "2024-05-01T00:01:00Z"),
      ],
    });
    expect(evaluate(config, waived).items[1]!.status).toBe("missing");
  });
});

describe("needsDiff", () => {
  const diff = { diff_contains: { text: "flag(" } };
  const rows: [string, Parameters<typeof criterion>[0][], Partial<Facts>, boolean][] = [
    ["no diff criterion", [{ id: "a", require: { files: ["x"] } }], {}, false],
    ["top level", [{ id: "a", require: diff }], {}, true],
    ["nested in any/all", [{ id: "a", require: { any: [{ label: "x" }, { all: [diff] }] } }], {}, true],
    [
      "when doesn't hold",
      [{ id: "a", when: { files: ["src/**"] }, require: diff }],
      { files: files("docs/a.md") },
      false,
    ],
    ["when holds", [{ id: "a", when: { files: ["src/**"] }, require: diff }], { files: files("src/a.ts") }, true],
  ];
  it.each(rows)("%s", (_name, criteria, facts, expected) => {
    expect(needsDiff(makeConfig(criteria.map(criterion)), makeFacts(facts))).toBe(expected);
  });
});

describe("teamsNamed", () => {
  it("collects teams from owners and approved_by, lower-case, once each", () => {
    const config = makeConfig(
      [
        criterion({ id: "a", require: { approved_by: ["@Acme/QA", "someone", "product"] } }),
        criterion({
          id: "b",
          require: { any: [{ approved_by: "@acme/qa" }, { all: [{ approved_by: "@acme/Security" }] }] },
        }),
      ],
      { owners: { product: ["pm-alice", "@ACME/product"], engineering: ["@acme/platform"] } },
    );
    expect(teamsNamed(config)).toEqual(["@acme/product", "@acme/platform", "@acme/qa", "@acme/security"]);
  });
});

describe("teamsNeeded", () => {
  const config = makeConfig([criterion({ id: "a", require: { approved_by: "@acme/qa" } })], {
    owners: { product: ["@acme/product"], engineering: ["lead-bob"] },
  });
  const at = "2024-05-01T10:00:00Z";
  const rows: [string, Partial<Facts>, string[]][] = [
    ["no approval, no command: none", { comments: [comment("dev", "looks good", at)] }, []],
    ["a /dod check needs no owner", { comments: [comment("dev", "/dod check", at)] }, []],
    ["the author's own approval counts for nothing", { author: "dev", reviews: [approval("dev")] }, []],
    ["a bot's waiver counts for nothing", { comments: [comment("ci", "/dod waive a x", at, true)] }, []],
    ["an approval", { reviews: [approval("someone")] }, ["@acme/product", "@acme/qa"]],
    ["a waiver", { comments: [comment("pm", "/dod waive a hotfix", at)] }, ["@acme/product", "@acme/qa"]],
    ["an unwaive", { comments: [comment("pm", "/dod unwaive a", at)] }, ["@acme/product", "@acme/qa"]],
  ];
  it.each(rows)("%s", (_name, facts, expected) => {
    expect(teamsNeeded(config, makeFacts(facts))).toEqual(expected);
  });
  it("always the teams a condition names: an authors condition is judged on every pull request", () => {
    const withAuthors = makeConfig(
      [criterion({ id: "b", when: { authors: ["@Acme/Bots"] }, require: { approved_by: "@acme/qa" } })],
      {
        owners: { product: ["@acme/product"], engineering: [] },
      },
    );
    expect(teamsNeeded(withAuthors, makeFacts({}))).toEqual(["@acme/bots"]);
    expect(teamsNeeded(withAuthors, makeFacts({ reviews: [approval("someone")] }))).toEqual([
      "@acme/product",
      "@acme/qa",
      "@acme/bots",
    ]);
  });
});
