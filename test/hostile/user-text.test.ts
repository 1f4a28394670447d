// Item 3 of issue #15: every scan of user text is linear. Comment bodies (65,536 characters) and pull-request
// bodies reach dod from anyone who can comment; the pre-filter that decides whether a comment is a `/dod`
// command runs on every comment event, twice for an edit.
import type { Context } from "probot";
import { describe, expect, it } from "vitest";
import { BUDGET_MS, blocked } from "./budget.js";
import { evaluate } from "../../src/criteria/evaluate.js";
import { parseCommands } from "../../src/criteria/waivers.js";
import { commentJob } from "../../src/handlers/comments.js";
import { criterion, makeConfig, makeFacts } from "../criteria/facts.js";

const MAX = 65_536;

const bodies: [string, string][] = [
  ["65,536 newlines", "\n".repeat(MAX)],
  ["65,536 carriage returns", "\r".repeat(MAX)],
  ["newline and space", "\n ".repeat(MAX / 2)],
  ["spaces then no command", `${" ".repeat(MAX - 10)}/do`],
  ["lines of spaces", `${" ".repeat(200)}\n`.repeat(MAX / 201)],
  ["almost commands", "/do\n".repeat(MAX / 4)],
  ["unclosed HTML comments", "<!--\n".repeat(MAX / 5)],
  ["nested emphasis and links", "[*_`".repeat(MAX / 4)],
  ["fences", "```\n~~~\n".repeat(MAX / 8)],
];

function editedComment(body: string, from: string) {
  const payload = {
    action: "edited",
    issue: { number: 2, pull_request: { url: "u" } },
    comment: { id: 1, body, user: { login: "eve", type: "User" } },
    changes: { body: { from } },
    repository: { name: "r", owner: { login: "o" } },
    installation: { id: 1 },
  };
  return { id: "d", payload, repo: () => ({ owner: "o", repo: "r" }) } as unknown as Context<"issue_comment">;
}

describe("a hostile comment body is scanned in bounded time", () => {
  it.each(bodies)("the /dod pre-filter on an edit: %s", (_name, body) => {
    const { value, ms } = blocked(() => commentJob(editedComment(body, body)));
    expect(value).toEqual({ skip: "no /dod command before or after the edit" });
    expect(ms).toBeLessThan(BUDGET_MS);
  });

  it("the pre-filter still finds a command on any line", () => {
    expect(commentJob(editedComment(`${"\n".repeat(MAX - 20)}  /dod check`, ""))).toMatchObject({
      kind: "pull_request",
      number: 2,
    });
    expect(commentJob(editedComment("thanks!", "\t/DOD waive tests flaky"))).toMatchObject({ kind: "pull_request" });
    expect(commentJob(editedComment("see /dod docs", ""))).toHaveProperty("skip");
  });

  it.each(bodies)("the command parser: %s", (_name, body) => {
    const { value, ms } = blocked(() => parseCommands(body));
    expect(value).toEqual([]);
    expect(ms).toBeLessThan(BUDGET_MS);
  });

  it.each(bodies)("the pull request body's sections and checkboxes: %s", (_name, body) => {
    const config = makeConfig([
      criterion({ id: "s", require: { pr_body: { section: "Testing" } } }),
      criterion({ id: "c", require: { pr_body: { checkbox: "I ran the tests" } } }),
    ]);
    const { value, ms } = blocked(() => evaluate(config, makeFacts({ body })).items.map((i) => i.status));
    expect(value).toEqual(["missing", "missing"]);
    expect(ms).toBeLessThan(BUDGET_MS);
  });
});
