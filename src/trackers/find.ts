// Which tickets a pull request names: Jira keys and Linear identifiers in its title, branch name and description,
// and Jira/Linear issue URLs in the description. Pure; the keys a repository lists decide what a bare key means,
// since `ENG-42` looks the same in both trackers.
import type { Trackers } from "../config/schema.js";

export interface TicketRef {
  tracker: "jira" | "linear";
  /** `SHOP-123`, upper-case. */
  key: string;
}

export interface TicketText {
  title: string;
  body: string;
  branch: string;
}

/** At most this many tickets are read per pull request: each costs a request to a tracker. */
export const MAX_TICKETS = 10;

// Bounded quantifiers and no nesting: linear on a 65,536-character description.
const KEY = /(?<![A-Za-z0-9_-])([A-Za-z][A-Za-z0-9_]{0,19})-([1-9][0-9]{0,9})(?![A-Za-z0-9_]|-[0-9])/g;
const LINEAR_URL =
  /\bhttps:\/\/linear\.app\/[A-Za-z0-9_-]{1,64}\/issue\/([A-Za-z][A-Za-z0-9_]{0,19}-[1-9][0-9]{0,9})\b/g;

/**
 * The tickets a pull request names, in the order title, branch, description, each once. A bare key counts when its
 * project (Jira) or team (Linear) is listed; a URL of the operator's Jira site (`jiraHost`) or of linear.app names
 * its tracker itself. Branch names are matched case-insensitively (`eng-42-sign-in`), text only in capitals.
 */
export function findTickets(text: TicketText, trackers: Trackers | undefined, jiraHost?: string): TicketRef[] {
  if (!trackers) return [];
  const found = new Map<string, TicketRef>();
  const add = (tracker: TicketRef["tracker"], key: string) => {
    if (found.size < MAX_TICKETS && !found.has(key)) found.set(key, { tracker, key });
  };
  const jiraProjects = new Set(trackers.jira?.projects ?? []);
  const linearTeams = new Set(trackers.linear?.teams ?? []);
  const bare = (source: string, anyCase: boolean) => {
    for (const match of source.matchAll(KEY)) {
      const prefix = match[1]!;
      if (!anyCase && prefix !== prefix.toUpperCase()) continue;
      const key = `${prefix.toUpperCase()}-${match[2]}`;
      if (jiraProjects.has(prefix.toUpperCase())) add("jira", key);
      else if (linearTeams.has(prefix.toUpperCase())) add("linear", key);
    }
  };
  bare(text.title, false);
  bare(text.branch, true);
  if (trackers.jira && jiraHost) {
    for (const key of jiraUrlKeys(text.body, jiraHost)) add("jira", key);
  }
  if (trackers.linear) {
    for (const match of text.body.matchAll(LINEAR_URL)) add("linear", match[1]!.toUpperCase());
  }
  bare(text.body, false);
  return [...found.values()];
}

/** Keys in `https://<site>/browse/SHOP-1` and board links with `selectedIssue=SHOP-1` on the operator's site. */
function jiraUrlKeys(body: string, host: string): string[] {
  const site = host.toLowerCase().replace(/[.]/g, "\\.");
  const url = new RegExp(
    `\\bhttps://${site}/(?:browse/|[^\\s)>\\]]{0,200}[?&]selectedIssue=)([A-Z][A-Z0-9_]{0,19}-[1-9][0-9]{0,9})\\b`,
    "gi",
  );
  return [...body.matchAll(url)].map((m) => m[1]!.toUpperCase());
}
