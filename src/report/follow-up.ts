// The words of a done-debt follow-up: the issue dod opens for an item a merged pull request left behind, and the
// reply on the pull request that links to it. Pure: the writer is github/follow-up.ts.
import { FOLLOW_UP_PHRASE, followUpMarker } from "../model/follow-up.js";
import type { ItemResult } from "../model/report.js";
import { inline, logins, oneLine } from "./format.js";

export interface FollowUpText {
  pull: { number: number; title: string };
  item: Pick<ItemResult, "id" | "title" | "owner" | "status" | "waiver">;
  /** Who asked, and where; absent when dod opened it by itself at merge (`follow_ups: auto`). */
  askedBy?: { login: string; url: string };
  note?: string;
}

export function followUpTitle({ pull, item }: FollowUpText): string {
  // A title is plain text, not Markdown: nothing to escape, only one line of it.
  return `Done debt: ${oneLine(item.title).slice(0, 120)} (#${pull.number})`;
}

export function followUpBody(t: FollowUpText): string {
  const { pull, item } = t;
  const how =
    item.status === "waived" && item.waiver
      ? `was waived by ${logins(item.waiver.by)} (“${inline(item.waiver.reason, 300)}”) when #${pull.number} was merged`
      : `was missing when #${pull.number} was merged`;
  const lines = [followUpMarker({ pull: pull.number, item: item.id })];
  lines.push(`**${inline(item.title, 200)}** (\`${item.id}\`, ${item.owner}) ${how}: this issue pays that debt.`);
  if (t.note) lines.push("", `> ${inline(t.note, 1000)}`);
  lines.push(
    "",
    t.askedBy ? `Asked by @${t.askedBy.login} in ${t.askedBy.url}.` : "Opened by dod when the pull request was merged.",
  );
  lines.push(
    "",
    `<sub>${FOLLOW_UP_PHRASE}: closing this issue as completed counts the debt as paid on the Definition of Done dashboard; closing it as not planned does not.</sub>`,
  );
  return `${lines.join("\n")}\n`;
}

/** The reply on the pull request; its marker keeps a redelivered command from opening a second issue. */
export const followUpReplyMarker = (commentId: number, item: string) =>
  `<!-- dod:follow-up-reply ${commentId} ${item} -->`;

export function followUpReply(commentId: number, item: string, issue: number, release: string | null): string {
  return `${followUpReplyMarker(commentId, item)}\nFollow-up #${issue} opened for \`${item}\`${release ? ` in ${inline(release, 100)}` : ""}.`;
}

/** Starts the comment listing the follow-ups opened at merge (`follow_ups: auto`). */
export const AT_MERGE_MARKER = "<!-- dod:follow-ups-at-merge -->";

export function followUpsAtMergeReply(opened: { item: string; number: number; release: string | null }[]): string {
  const release = opened[0]?.release;
  return [
    AT_MERGE_MARKER,
    `Merged with done debt: ${opened.length === 1 ? "a follow-up was" : `${opened.length} follow-ups were`} opened${release ? ` in ${inline(release, 100)}` : ""}.`,
    ...opened.map((o) => `- \`${o.item}\` → #${o.number}`),
  ].join("\n");
}
