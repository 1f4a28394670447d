// What dod's sticky comment says once it can no longer be kept current: comments switched off, the config invalid
// or gone. A comment still listing missing items would be read as today's verdict, so it says why it stopped and
// what to do, in one short paragraph. Pure, like the comment itself, so an unchanged notice is not written again.
import { code } from "../model/markdown.js";
import { COMMENT_MARKER, CONFIG_PATH } from "../model/names.js";

export type Silenced = { why: "comments-off" } | { why: "config-invalid" | "config-missing"; file: string };

/** `base`: the pull request's base branch, whose `done.yml` the rules come from. */
export function noticeBody(silenced: Silenced, base: string): string {
  const on = `on ${code(base)}`;
  const stopped = "This comment is no longer kept up to date:";
  if (silenced.why === "comments-off") {
    return notice(
      `${stopped} the definition of done ${on} now says \`comment: never\`. The **Definition of Done** check on the latest commit shows what is still missing.`,
    );
  }
  // The organisation's file lives in its own repository: the base branch says nothing about where it is.
  const file = silenced.file === CONFIG_PATH ? `${code(silenced.file)} ${on}` : code(silenced.file);
  if (silenced.why === "config-invalid") {
    return notice(
      `${stopped} ${file} is invalid, so nothing was checked. The **Definition of Done** check lists each problem with its line; once the file is fixed, this comment lists the items again.`,
    );
  }
  return notice(
    `${stopped} there is no ${file} any more, so this pull request is not checked against a definition of done. The **Definition of Done** check shows how to add one.`,
  );
}

const notice = (paragraph: string) => `${COMMENT_MARKER}\n## Definition of Done\n\n${paragraph}`;
