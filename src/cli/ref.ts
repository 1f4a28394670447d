// `owner/repo#123` or a pull request's URL (github.com or GitHub Enterprise) → a PullRequestRef.
import type { PullRequestRef } from "../model/pull-request.js";

const SHORT = /^([A-Za-z0-9-]+)\/([A-Za-z0-9._-]+)#(\d+)$/;
const URL_PATH = /^\/([A-Za-z0-9-]+)\/([A-Za-z0-9._-]+)\/pull\/(\d+)(?:\/.*)?$/;

export function parsePullRequestRef(text: string): PullRequestRef | null {
  let match = SHORT.exec(text.trim());
  if (!match && /^https?:\/\//.test(text.trim())) {
    try {
      match = URL_PATH.exec(new URL(text.trim()).pathname);
    } catch {
      return null;
    }
  }
  if (!match) return null;
  const number = Number(match[3]);
  return number > 0 ? { owner: match[1]!, repo: match[2]!, number } : null;
}
