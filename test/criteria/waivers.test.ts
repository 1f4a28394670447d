import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/criteria/evaluate.js";
import { type Command, judgeCommand, parseCommands, waiverState } from "../../src/criteria/waivers.js";
import type { Facts } from "../../src/model/facts.js";
import { comment, criterion, makeConfig, makeFacts, TEAMS } from "./facts.js";

describe("parseCommands", () => {
  const rows: [string, string, Command[]][] = [
    [
      "waive with a reason",
      "/dod waive runbook hotfix, runbook follows in #123",
      [{ kind: "waive", id: "runbook", reason: "hotfix, runbook follows in #123" }],
    ],
    [
      "case and spaces",
      "  /DOD   Waive   Runbook:   late  night  ",
      [{ kind: "waive", id: "runbook", reason: "late night" }],
    ],
    ["empty reason", "/dod waive runbook", [{ kind: "waive", id: "runbook", reason: "" }]],
    [
      "several per comment",
      "Thanks!\n/dod unwaive docs\n/dod check\ntext /dod check",
      [{ kind: "unwaive", id: "docs" }, { kind: "check" }],
    ],
    ["unknown verbs and /dodo are ignored", "/dod frobnicate\n/dodo check\n/dod", []],
    ["quoted lines", "> /dod waive runbook because\n>/dod check", []],
    ["fenced code", "```\n/dod waive runbook x\n```\n~~~~\n/dod check\n~~~~", []],
    ["indented code", "Example:\n\n    /dod waive runbook x\n", []],
    ["HTML comments", "<!--\n/dod waive runbook x\n-->\n<!-- /dod check -->", []],
    ["after a closed fence", "```\ncode\n```\n/dod check", [{ kind: "check" }]],
  ];
  it.each(rows)("%s", (_name, body, expected) => {
    expect(parseCommands(body)).toEqual(expected);
  });
});

const config = makeConfig([
  criterion({ id: "acceptance-criteria", owner: "product", require: { linked_issue: true } }),
  criterion({ id: "runbook", owner: "engineering", require: { label: "runbook" } }),
  criterion({ id: "release-notes", owner: "joint", require: { label: "notes" } }),
  criterion({ id: "security", owner: "engineering", require: { label: "sec" }, waivable: false }),
]);
const facts = makeFacts({ teams: TEAMS });

describe("judgeCommand", () => {
  const rows: [string, Command, string, ReturnType<typeof judgeCommand>][] = [
    ["check from anyone", { kind: "check" }, "random", { accepted: true }],
    [
      "product owner waives a product item",
      { kind: "waive", id: "acceptance-criteria", reason: "spike" },
      "pm-alice",
      { accepted: true },
    ],
    [
      "team member counts as owner",
      { kind: "waive", id: "acceptance-criteria", reason: "spike" },
      "PM-Paul",
      { accepted: true },
    ],
    [
      "engineering owner waives a product item",
      { kind: "waive", id: "acceptance-criteria", reason: "spike" },
      "eng-bob",
      { accepted: false, reply: "only a product owner (`@pm-alice`, `@acme/product`) may waive `acceptance-criteria`" },
    ],
    [
      "unwaive needs authority too",
      { kind: "unwaive", id: "runbook" },
      "pm-alice",
      { accepted: false, reply: "only an engineering owner (`@eng-bob`, `@acme/platform`) may unwaive `runbook`" },
    ],
    ["joint: either side", { kind: "waive", id: "release-notes", reason: "internal" }, "eng-erin", { accepted: true }],
    [
      "joint: nobody else",
      { kind: "waive", id: "release-notes", reason: "internal" },
      "dev-dana",
      {
        accepted: false,
        reply:
          "only a product or engineering owner (`@pm-alice`, `@acme/product`, `@eng-bob`, `@acme/platform`) may waive `release-notes`",
      },
    ],
    [
      "missing reason",
      { kind: "waive", id: "runbook", reason: "" },
      "eng-bob",
      { accepted: false, reply: "a waiver needs a reason: `/dod waive runbook hotfix, runbook follows in #123`" },
    ],
    [
      "not waivable",
      { kind: "waive", id: "security", reason: "x" },
      "eng-bob",
      { accepted: false, reply: "`security` can't be waived" },
    ],
    [
      "built-in not waivable",
      { kind: "waive", id: "done-config-approval", reason: "x" },
      "eng-bob",
      { accepted: false, reply: "`done-config-approval` can't be waived" },
    ],
    [
      "unknown id lists valid ids",
      { kind: "waive", id: "docs", reason: "x" },
      "eng-bob",
      {
        accepted: false,
        reply:
          "`docs` is not a criterion here; use `/dod waive <id>` with a criterion id: one of `acceptance-criteria`, `runbook`, `release-notes`",
      },
    ],
    [
      "no id",
      { kind: "unwaive", id: "" },
      "eng-bob",
      {
        accepted: false,
        reply:
          "`/dod unwaive` needs a criterion id; use `/dod unwaive <id>` with a criterion id: one of `acceptance-criteria`, `runbook`, `release-notes`",
      },
    ],
  ];
  it.each(rows)("%s", (_name, cmd, author, expected) => {
    expect(judgeCommand(cmd, author, config, facts)).toEqual(expected);
  });
});

describe("waiverState", () => {
  const at = (minute: number) => `2024-05-01T10:${String(minute).padStart(2, "0")}:00Z`;
  const replay = (comments: Facts["comments"]) =>
    Object.fromEntries(waiverState(config, makeFacts({ teams: TEAMS, comments })).active);

  it("records a waiver by an owner, latest wins", () => {
    const c1 = comment("eng-bob", "/dod waive runbook hotfix", at(1));
    const c2 = comment("eng-erin", "LGTM\n/dod waive runbook hotfix, runbook in #9", at(2));
    expect(replay([c2, c1])).toEqual({
      runbook: { by: ["eng-erin"], reason: "hotfix, runbook in #9", at: at(2), url: c2.url },
    });
  });

  it("ignores bots, refused commands and quoted commands", () => {
    expect(
      replay([
        // An owner's login on a bot comment: only the bot rule can refuse it.
        comment("eng-bob", "/dod waive runbook bot", at(1), true),
        comment("dev-dana", "/dod waive runbook me", at(2)),
        comment("eng-bob", "/dod waive runbook", at(3)),
        comment("eng-bob", "> /dod waive runbook quoted", at(4)),
      ]),
    ).toEqual({});
  });

  it("unwaive by an owner removes it; by someone else it doesn't", () => {
    const waive = comment("eng-bob", "/dod waive runbook hotfix", at(1));
    expect(replay([waive, comment("pm-alice", "/dod unwaive runbook", at(2))])).toHaveProperty("runbook");
    expect(replay([waive, comment("eng-erin", "/dod unwaive runbook", at(2))])).toEqual({});
    const again = comment("eng-erin", "/dod waive runbook second", at(3));
    expect(replay([waive, comment("eng-erin", "/dod unwaive runbook", at(2)), again])).toEqual({
      runbook: { by: ["eng-erin"], reason: "second", at: at(3), url: again.url },
    });
  });

  it("a joint item needs both halves, from two people", () => {
    const pm = comment("pm-alice", "/dod waive release-notes internal only", at(1));
    const eng = comment("eng-bob", "/dod waive release-notes no user-facing change", at(2));
    expect(replay([pm])).toEqual({});
    expect(replay([pm, comment("pm-paul", "/dod waive release-notes internal only", at(2))])).toEqual({});
    expect(replay([pm, eng])).toEqual({
      "release-notes": {
        by: ["pm-alice", "eng-bob"],
        reason: "internal only; no user-facing change",
        at: at(2),
        url: eng.url,
      },
    });
  });
});

describe("evaluate applies waivers", () => {
  const at = (minute: number) => `2024-05-01T10:${String(minute).padStart(2, "0")}:00Z`;
  it("turns missing into waived, keeps met, notes half a joint waiver", () => {
    const waive = comment("eng-bob", "/dod waive runbook hotfix", at(1));
    const comments = [
      waive,
      comment("pm-alice", "/dod waive acceptance-criteria spike", at(2)),
      comment("pm-alice", "/dod waive release-notes internal", at(3)),
    ];
    const report = evaluate(
      config,
      makeFacts({
        teams: TEAMS,
        comments,
        linkedIssues: [{ repo: "acme/shop", number: 1, title: "T", body: "", state: "open", url: "u" }],
      }),
    );
    expect(report.items.map((i) => [i.id, i.status, i.reason])).toEqual([
      ["acceptance-criteria", "met", "links #1"],
      ["runbook", "waived", "waived by `@eng-bob`: hotfix"],
      [
        "release-notes",
        "missing",
        "the pull request has no label `notes` (waived so far only by `@pm-alice`; a joint waiver needs a product and an engineering owner)",
      ],
      ["security", "missing", "the pull request has no label `sec`"],
    ]);
    expect(report.items[0]).not.toHaveProperty("waiver");
    expect(report.items[1]!.waiver).toEqual({ by: ["eng-bob"], reason: "hotfix", at: at(1), url: waive.url });
    expect(report).toMatchObject({
      title: "2 of 4 done — missing: release-notes, security",
      conclusion: "failure",
      counts: { met: 1, waived: 1, missing: 2 },
    });
  });
});
