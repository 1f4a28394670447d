// `mention: owners-on-missing`: a short comment of its own that notifies the owners of items that have just gone
// missing, once per item per pull request. The sticky comment is edited on every push and names owners in code
// spans; an edit would not notify reliably and a mention there would repeat on every push. What was announced is
// kept on GitHub, in a marker of each mention comment, so a restart or another replica does not announce it again.
// Every name mentioned comes from the config's `owners`; no text a pull request's author wrote is in the comment.
import type { Comment } from "../model/facts.js";
import type { ItemResult, Report } from "../model/report.js";
import { inline } from "./format.js";

/** Starts each mention comment, followed by the ids it announced: `<!-- dod:mentioned unit-tests docs -->`. */
export const MENTION_MARKER = "<!-- dod:mentioned";

export interface Mention {
  /** The items this comment announces, to be recorded in its marker. */
  ids: string[];
  body: string;
}

/** Item ids dod has already announced on this pull request, read from its own mention comments. */
export function announcedItems(comments: readonly Comment[]): Set<string> {
  const ids = new Set<string>();
  for (const comment of comments) {
    if (!comment.byDod || !comment.body.startsWith(MENTION_MARKER)) continue;
    const end = comment.body.indexOf("-->");
    if (end < 0) continue;
    for (const id of comment.body.slice(MENTION_MARKER.length, end).split(/\s+/)) if (id) ids.add(id);
  }
  return ids;
}

/**
 * The mention for items missing now that were never announced, or null. An item whose side lists no owner is not
 * announced (nor recorded), so owners added to the config later still hear of it.
 */
export function mentionFor(report: Report, announced: ReadonlySet<string>): Mention | null {
  const owners = report.owners;
  if (!owners) return null;
  const lines: string[] = [];
  const ids: string[] = [];
  for (const item of report.items) {
    if (item.status !== "missing" || announced.has(item.id)) continue;
    const names = recipients(item, owners);
    if (names.length === 0) continue;
    ids.push(item.id);
    lines.push(`- **${inline(item.title, 200)}** (\`${item.id}\`): ${names.join(" ")}`);
  }
  if (ids.length === 0) return null;
  const body = [
    `${MENTION_MARKER} ${ids.join(" ")} -->`,
    ids.length === 1
      ? "An item of the definition of done is missing on this pull request; its owners may approve or waive it:"
      : "Items of the definition of done are missing on this pull request; their owners may approve or waive them:",
    ...lines,
    "",
    "<sub>dod notifies owners once per item (`mention: owners-on-missing`); the **Definition of Done** check keeps the details current.</sub>",
  ];
  return { ids, body: body.join("\n") };
}

function recipients(item: ItemResult, owners: { product: readonly string[]; engineering: readonly string[] }) {
  const sides = item.owner === "joint" ? [...owners.product, ...owners.engineering] : owners[item.owner];
  const names = sides.map(mentionOf).filter((name): name is string => name !== null);
  return [...new Set(names)];
}

// A login (GitHub: letters, digits, single dashes) or `@org/team-slug`; anything else is not mentioned at all.
const LOGIN = /^@?([A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38})$/;
const TEAM = /^@([A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38})\/([A-Za-z0-9][A-Za-z0-9_.-]{0,99})$/;

function mentionOf(name: string): string | null {
  const team = TEAM.exec(name);
  if (team) return `@${team[1]}/${team[2]}`;
  const login = LOGIN.exec(name);
  return login ? `@${login[1]}` : null;
}
