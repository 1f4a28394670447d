// dod's answer to refused `/dod` commands: one bounded message per comment, whatever the comment holds. 1,200
// refused lines once made a 155,000-character reply that GitHub refused, which failed the whole evaluation.
export const REPLY_MARKER = "<!-- dod:reply";

/** Refusals listed at most; identical ones are counted, not repeated. */
export const MAX_LISTED = 10;
/** Characters one listed refusal keeps (refusals are dod's own text; this bounds long owner lists). */
export const MAX_REFUSAL = 300;

/** The marker that tells dod's reply to comment `id` apart, with a fingerprint of what it says. */
export function replyMarker(commentId: number, fingerprint: string): string {
  return `${REPLY_MARKER} ${commentId} ${fingerprint} -->`;
}

/** Whether `body` is dod's reply to comment `commentId` (any fingerprint). */
export function isReplyTo(body: string, commentId: number): boolean {
  return body.startsWith(`${REPLY_MARKER} ${commentId} `);
}

export function replyBody(marker: string, author: string, refusals: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const refusal of refusals) counts.set(refusal, (counts.get(refusal) ?? 0) + 1);
  const distinct = [...counts];
  const shown = distinct.slice(0, MAX_LISTED).map(([text, n]) => {
    const short = text.length > MAX_REFUSAL ? `${text.slice(0, MAX_REFUSAL - 1)}…` : text;
    return `- ${short}${n > 1 ? ` (${n} times)` : ""}`;
  });
  const hidden = distinct.slice(MAX_LISTED).reduce((sum, [, n]) => sum + n, 0);
  if (hidden > 0) shown.push(`- … and ${hidden} more not accepted`);
  const who = refusals.length > 1 ? "some commands were" : "that command was";
  return [marker, `@${author} ${who} not accepted:`, ...shown].join("\n");
}
