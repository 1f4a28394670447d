// The linked_issue check over tracker tickets: pure, facts in and verdict out, as for GitHub issues.
import { describe, expect, it } from "vitest";
import type { LinkedIssue } from "../../src/model/facts.js";
import { verdictOf } from "../criteria/helpers.js";

const AC = { linked_issue: { checklist: "Acceptance criteria" } };
const GITHUB: LinkedIssue = {
  repo: "acme/shop",
  number: 12,
  title: "Checkout",
  body: "## Acceptance criteria\n- [x] a\n",
  state: "open",
  url: "https://github.com/acme/shop/issues/12",
};
const JIRA: LinkedIssue = {
  repo: "acme.atlassian.net",
  number: 0,
  key: "SHOP-1",
  tracker: "jira",
  title: "Sign in",
  body: "## Acceptance criteria\n- [x] Users can sign in\n",
  state: "open",
  url: "https://acme.atlassian.net/browse/SHOP-1",
};
const DOWN: LinkedIssue = {
  ...JIRA,
  key: "SHOP-2",
  title: "",
  body: "",
  url: "",
  unreadable: "Jira answered 401: check JIRA_EMAIL and JIRA_API_TOKEN",
};

describe("linked_issue with tracker tickets", () => {
  it.each([
    [
      "a ticket is named by its key",
      AC,
      [JIRA],
      {
        status: "met",
        reason: "all 1 acceptance criteria ticked in SHOP-1",
        evidence: [{ text: "SHOP-1 Sign in", url: JIRA.url }],
      },
    ],
    [
      "an unreadable ticket is pending with the reason",
      AC,
      [DOWN],
      { status: "pending", reason: DOWN.unreadable, evidence: [{ text: "SHOP-2" }] },
    ],
    [
      "without a checklist too",
      { linked_issue: true as const },
      [DOWN],
      { status: "pending", reason: DOWN.unreadable, evidence: [{ text: "SHOP-2" }] },
    ],
    [
      "without a checklist, a readable link is enough",
      { linked_issue: true as const },
      [GITHUB, DOWN],
      { status: "met", reason: "links #12", evidence: [{ text: "#12 Checkout", url: GITHUB.url }, { text: "SHOP-2" }] },
    ],
    [
      "a met issue beside an unreadable ticket waits for it",
      AC,
      [GITHUB, DOWN],
      {
        status: "pending",
        reason: DOWN.unreadable,
        evidence: [{ text: "#12 Checkout", url: GITHUB.url }, { text: "SHOP-2" }],
      },
    ],
    [
      "what is known to be missing wins over what cannot be read",
      AC,
      [{ ...JIRA, body: "## Acceptance criteria\n- [ ] Users can sign in\n" }, DOWN],
      {
        status: "missing",
        reason: `SHOP-1: 1 of 1 acceptance criteria unticked; ${DOWN.unreadable}`,
        evidence: [{ text: "Users can sign in", url: JIRA.url }],
      },
    ],
  ])("%s", (_name, require, linkedIssues, expected) => {
    expect(verdictOf(require, { linkedIssues })).toEqual(expected);
  });
});
