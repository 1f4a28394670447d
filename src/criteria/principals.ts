// Who is who: owners and principals (`product`, `engineering`, logins, `@org/team`) resolved to lower-case logins.
import type { ResolvedConfig } from "../config/schema.js";
import type { Facts, Review } from "../model/facts.js";
import { code } from "../model/markdown.js";

export type Side = "product" | "engineering";

export function isTeam(principal: string): boolean {
  return principal.startsWith("@") && principal.includes("/");
}

export function at(login: string): string {
  return login.startsWith("@") ? login : `@${login}`;
}

export function sameLogin(a: string, b: string): boolean {
  return a.replace(/^@/, "").toLowerCase() === b.replace(/^@/, "").toLowerCase();
}

/** Lower-case logins a login or `@org/team` stands for (a team's members come from facts.teams). */
export function membersOf(principal: string, facts: Facts): string[] {
  if (isTeam(principal)) return (facts.teams[principal.toLowerCase()] ?? []).map((m) => m.toLowerCase());
  return [principal.replace(/^@/, "").toLowerCase()];
}

export function ownerLogins(config: ResolvedConfig, facts: Facts, side: Side): Set<string> {
  const logins = new Set<string>();
  for (const principal of config.owners[side]) for (const login of membersOf(principal, facts)) logins.add(login);
  return logins;
}

export function isOwner(login: string, config: ResolvedConfig, facts: Facts, side: Side): boolean {
  return ownerLogins(config, facts, side).has(login.replace(/^@/, "").toLowerCase());
}

/** `a product owner (`@pm-alice`, `@acme/product`)`: named in code spans, which GitHub does not notify. */
export function describeOwners(config: ResolvedConfig, side: Side): string {
  const who = side === "product" ? "a product owner" : "an engineering owner";
  const list = config.owners[side];
  return list.length
    ? `${who} (${list.map((p) => code(at(p))).join(", ")})`
    : `${who} (none listed in \`owners.${side}\`)`;
}

/** The newest opinionated review per reviewer: a later comment-only review does not take back an approval. */
export function latestReviews(reviews: Review[]): Map<string, Review> {
  const latest = new Map<string, Review>();
  for (const review of reviews) {
    if (review.state === "COMMENTED" || review.state === "PENDING") continue;
    const key = review.author.toLowerCase();
    const seen = latest.get(key);
    if (!seen || Date.parse(review.submittedAt) >= Date.parse(seen.submittedAt)) latest.set(key, review);
  }
  return latest;
}

export function approvalsOf(facts: Facts): Review[] {
  return [...latestReviews(facts.reviews).values()].filter(
    (r) => r.state === "APPROVED" && !sameLogin(r.author, facts.author),
  );
}

/** One candidate from each list who are two different people, or null when no such pair exists. */
export function distinctPair<T extends { login: string }>(product: T[], engineering: T[]): [T, T] | null {
  for (const p of product) for (const e of engineering) if (!sameLogin(p.login, e.login)) return [p, e];
  return null;
}
