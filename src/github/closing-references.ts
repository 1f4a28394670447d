// Issues a pull request says it closes, read from its title and description with GitHub's own syntax. GitHub
// fills `closingIssuesReferences` only for pull requests into the default branch, so a PR into `release/1.x` that
// says "Fixes #7" would otherwise link no issue.
import { scanLines } from "../criteria/markdown.js";

export interface IssueReference {
  owner: string;
  repo: string;
  number: number;
}

/** At most this many references are followed: a description is not a way to make dod fetch hundreds of issues. */
export const MAX_REFERENCES = 10;

// close/closes/closed, fix/fixes/fixed, resolve/resolves/resolved, an optional colon, then #n, owner/repo#n or the
// issue's URL. Bounded repetitions only, so no backtracking over user text.
const REFERENCE =
  /\b(?:close[sd]?|fix(?:e[sd])?|resolve[sd]?):?[ \t]{1,20}(?:#(\d{1,9})|([\w.-]{1,39})\/([\w.-]{1,100})#(\d{1,9})|https?:\/\/[\w.:-]{1,100}\/([\w.-]{1,39})\/([\w.-]{1,100})\/issues\/(\d{1,9}))(?![\w/#])/gi;

/**
 * Every issue the title and description close, each once, in order; text in code and HTML comments doesn't count.
 * `host` limits URLs to this GitHub (github.com or an Enterprise host).
 */
export function closingReferences(
  title: string,
  body: string,
  here: { owner: string; repo: string },
  host = "github.com",
): IssueReference[] {
  const found = new Map<string, IssueReference>();
  const add = (ref: IssueReference) => {
    const key = `${ref.owner}/${ref.repo}#${ref.number}`.toLowerCase();
    if (!found.has(key) && found.size < MAX_REFERENCES) found.set(key, ref);
  };
  const read = (line: string) => {
    for (const m of line.matchAll(REFERENCE)) {
      if (m[1]) add({ ...here, number: Number(m[1]) });
      else if (m[4]) add({ owner: m[2]!, repo: m[3]!, number: Number(m[4]) });
      else if (m[7] && new URL(m[0].slice(m[0].search(/https?:/i))).host.toLowerCase() === host.toLowerCase()) {
        add({ owner: m[5]!, repo: m[6]!, number: Number(m[7]) });
      }
    }
  };
  read(title);
  scanLines(body, (line, kind) => {
    if (kind === "item" || kind === "text" || kind === "heading" || kind === "html") read(line);
  });
  return [...found.values()];
}
