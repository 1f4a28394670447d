// The one writer of the dashboard issue: found again by its hidden marker, created once when done.yml enables it,
// then edited in place — only when its body changed.
import { DASHBOARD_TITLE } from "../model/names.js";
import type { GitHub } from "./client.js";
import type { DashboardIssue } from "./dashboard-gather.js";

export interface Written {
  result: "created" | "updated" | "unchanged";
  number: number;
}

export async function writeDashboardIssue(
  github: GitHub,
  { owner, repo }: { owner: string; repo: string },
  write: {
    body: string;
    /** The issue search found, if any. */
    found: DashboardIssue | null;
    /** Issues created by this process, in case search has not indexed them yet: `owner/repo` → number. */
    created?: Map<string, number>;
  },
): Promise<Written> {
  const { body } = write;
  const key = `${owner}/${repo}`.toLowerCase();
  let issue = write.found;
  const remembered = write.created?.get(key);
  if (!issue && remembered !== undefined) {
    const { data } = await github.rest.issues.get({ owner, repo, issue_number: remembered });
    issue = { number: data.number, body: data.body ?? "", url: data.html_url };
  }
  if (!issue) {
    const { data } = await github.rest.issues.create({ owner, repo, title: DASHBOARD_TITLE, body });
    write.created?.set(key, data.number);
    return { result: "created", number: data.number };
  }
  if (issue.body === body) return { result: "unchanged", number: issue.number };
  await github.rest.issues.update({ owner, repo, issue_number: issue.number, body });
  return { result: "updated", number: issue.number };
}
