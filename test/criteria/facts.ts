// Test fixtures for the criteria: a full Facts and a ResolvedConfig built directly (no config parser).
import type { ResolvedConfig, ResolvedCriterion } from "../../src/config/schema.js";
import { blankFacts, type Facts } from "../../src/model/facts.js";

export function makeFacts(overrides: Partial<Facts> = {}): Facts {
  return blankFacts({
    repo: { owner: "acme", name: "shop" },
    number: 7,
    url: "https://github.com/acme/shop/pull/7",
    title: "Checkout flow",
    author: "dev-dana",
    base: { ref: "main" },
    head: { ref: "feature", sha: "abc1234def5678abc1234def5678abc1234def56" },
    ...overrides,
  });
}

export function files(...paths: string[]): Facts["files"] {
  return paths.map((path) => ({ path, additions: 1, deletions: 0 }));
}

export function criterion(overrides: Partial<ResolvedCriterion> & { id: string }): ResolvedCriterion {
  return { title: overrides.id, owner: "engineering", require: {}, waivable: true, ...overrides };
}

export function makeConfig(criteria: ResolvedCriterion[], overrides: Partial<ResolvedConfig> = {}): ResolvedConfig {
  return {
    mode: "blocking",
    comment: "on-missing",
    mention: "never",
    owners: { product: ["pm-alice", "@acme/product"], engineering: ["eng-bob", "@acme/platform"] },
    criteria,
    releases: { by: "milestone" },
    dashboard: { issue: false, history: 6, followUps: "command" },
    ...overrides,
  };
}

export const TEAMS: Facts["teams"] = { "@acme/product": ["pm-paul"], "@acme/platform": ["eng-erin", "Both-Bea"] };

let reviewClock = 0;
export function approval(author: string, state: Facts["reviews"][number]["state"] = "APPROVED", submittedAt?: string) {
  reviewClock++;
  return {
    author,
    state,
    submittedAt: submittedAt ?? `2024-05-01T10:${String(reviewClock % 60).padStart(2, "0")}:00Z`,
    url: `https://github.com/acme/shop/pull/7#review-${author}`,
    // The head commit (makeFacts'): GitHub says which commit a review approved.
    commit: "abc1234def5678abc1234def5678abc1234def56",
  };
}

let commentId = 0;
export function comment(
  author: string,
  body: string,
  createdAt: string,
  authorIsBot = false,
): Facts["comments"][number] {
  commentId++;
  return {
    id: commentId,
    author,
    authorIsBot,
    byDod: authorIsBot,
    body,
    createdAt,
    url: `https://github.com/acme/shop/pull/7#c${commentId}`,
  };
}
