// The one writer of the dashboard issue: found again by its hidden marker, created once when done.yml enables it,
// then edited in place — only when its body changed.
//
// Search is eventually consistent: an issue created a minute ago is often not found yet, so "search found none"
// never means there is none. Before creating, the issues carrying dod's label are listed over REST, which reads
// the database; and after creating, listed again, so that when two replicas (or a restart and its predecessor)
// created one each at the same moment, the oldest stays and the other closes itself as its duplicate.
import { DASHBOARD_LABEL, DASHBOARD_MARKER, DASHBOARD_TITLE } from "../model/names.js";
import type { GitHub } from "./client.js";
import { createOnce, NO_BLIND_RETRY } from "./create-once.js";
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
  },
): Promise<Written> {
  const { body } = write;
  const issue = write.found ?? (await listDashboardIssues(github, owner, repo))[0] ?? null;
  if (!issue) {
    const params = { owner, repo, title: DASHBOARD_TITLE, body, labels: [DASHBOARD_LABEL] };
    // A create whose answer was lost is looked for by label before it is sent again: the oldest listed is the one.
    const made = await createOnce(
      async () => ({ number: (await github.rest.issues.create({ ...params, ...NO_BLIND_RETRY })).data.number }),
      async () => {
        const oldest = (await listDashboardIssues(github, owner, repo))[0];
        return oldest ? { number: oldest.number, adopted: true } : null;
      },
    );
    if ("adopted" in made) return { result: "created", number: made.number };
    const oldest = (await listDashboardIssues(github, owner, repo))[0];
    if (oldest && oldest.number < made.number) {
      await github.rest.issues.update({
        owner,
        repo,
        issue_number: made.number,
        state: "closed",
        state_reason: "duplicate",
        duplicate_issue_id: oldest.id,
      });
      return { result: "unchanged", number: oldest.number };
    }
    return { result: "created", number: made.number };
  }
  if (issue.body === body) return { result: "unchanged", number: issue.number };
  await github.rest.issues.update({ owner, repo, issue_number: issue.number, body });
  return { result: "updated", number: issue.number };
}

/** dod's dashboard issues, oldest first, as the database (not the search index) has them now. */
async function listDashboardIssues(
  github: GitHub,
  owner: string,
  repo: string,
): Promise<(DashboardIssue & { id: number })[]> {
  const { data } = await github.rest.issues.listForRepo({
    owner,
    repo,
    labels: DASHBOARD_LABEL,
    // A closed dashboard issue is still the dashboard (kept up to date, not reopened), so closed ones count too.
    state: "all",
    sort: "created",
    direction: "asc",
    per_page: 100,
  });
  // Anyone may put the label on an issue: only a bot's issue that starts with dod's marker counts.
  return data
    .filter((i) => !i.pull_request && i.user?.type === "Bot" && (i.body ?? "").startsWith(DASHBOARD_MARKER))
    .map((i) => ({ id: i.id, number: i.number, body: i.body ?? "", url: i.html_url }));
}
