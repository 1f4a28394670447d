import { describe, expect, it } from "vitest";
import { findTickets, MAX_TICKETS } from "../../src/trackers/find.js";
import { BUDGET_MS, blocked } from "../hostile/budget.js";

const BOTH = { jira: { projects: ["SHOP", "OPS"] }, linear: { teams: ["ENG"] } };
const HOST = "acme.atlassian.net";
const find = (
  text: Partial<{ title: string; body: string; branch: string }>,
  trackers: Parameters<typeof findTickets>[1] = BOTH,
) => findTickets({ title: "", body: "", branch: "", ...text }, trackers, HOST).map((t) => `${t.tracker}:${t.key}`);

describe("finding tickets", () => {
  it.each([
    ["a Jira key in the title", { title: "SHOP-123 Sign in" }, ["jira:SHOP-123"]],
    ["a Linear identifier in the body", { body: "Part of ENG-42." }, ["linear:ENG-42"]],
    ["a branch name, any case", { branch: "alice/eng-42-sign-in" }, ["linear:ENG-42"]],
    ["a branch with a Jira key", { branch: "feature/SHOP-7-cart" }, ["jira:SHOP-7"]],
    ["lower case in text is no key", { title: "shop-123 sign in" }, []],
    ["unlisted projects and teams are ignored", { title: "ABC-1 and UTF-8 and ISO-8601" }, []],
    ["a key inside a longer token is not one", { body: "XSHOP-1, SHOP-1a, SHOP-1-2, v2-SHOP-3" }, []],
    ["a key starting with 0 is not one", { body: "SHOP-0 SHOP-012" }, []],
    [
      "each ticket once, title first",
      { title: "ENG-42", body: "ENG-42 SHOP-1 ENG-42", branch: "shop-1" },
      ["linear:ENG-42", "jira:SHOP-1"],
    ],
    [
      "a Jira URL on the operator's site, any project",
      { body: "See https://acme.atlassian.net/browse/CORE-9" },
      ["jira:CORE-9"],
    ],
    [
      "a Jira board URL with selectedIssue",
      { body: "https://acme.atlassian.net/jira/software/projects/CORE/boards/1?selectedIssue=CORE-10" },
      ["jira:CORE-10"],
    ],
    ["a Jira URL on another site is not followed", { body: "https://evil.example/browse/CORE-9" }, []],
    ["a Linear URL names its team", { body: "https://linear.app/acme/issue/DES-5/new-logo" }, ["linear:DES-5"]],
  ])("%s", (_name, text, expected) => {
    expect(find(text)).toEqual(expected);
  });

  it("finds nothing without a trackers section, and only the configured tracker's URLs", () => {
    expect(findTickets({ title: "SHOP-1 ENG-2", body: "", branch: "" }, undefined, HOST)).toEqual([]);
    expect(
      find(
        { body: "https://linear.app/acme/issue/DES-5 https://acme.atlassian.net/browse/CORE-9" },
        { jira: { projects: ["SHOP"] } },
      ),
    ).toEqual(["jira:CORE-9"]);
  });

  it(`reads at most ${MAX_TICKETS} tickets however many a description names`, () => {
    const body = Array.from({ length: 5000 }, (_, i) => `SHOP-${i + 1}`).join(" ");
    const found = find({ body });
    expect(found).toHaveLength(MAX_TICKETS);
    expect(found[0]).toBe("jira:SHOP-1");
  });

  it("stays linear on a 65,536-character description of near-keys", () => {
    // A run of key-like prefixes with no digits: a backtracking pattern would hold the event loop here.
    const body = "SHOP-".repeat(13_107);
    const { value, ms } = blocked(() => find({ body }));
    expect(value).toEqual([]);
    expect(ms).toBeLessThan(BUDGET_MS);
  });
});
