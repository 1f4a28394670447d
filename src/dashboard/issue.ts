// The dashboard issue: found again by its hidden marker, created once when done.yml enables it, then edited in
// place — only when its body changed, and at most once per burst of events (debounced per repository).
import type { GitHub } from "../gather/github.js";
import { aggregate } from "./aggregate.js";
import { DASHBOARD_TITLE, type DashboardIssue, gatherDashboard } from "./gather.js";
import { renderDashboardMarkdown } from "./render-markdown.js";

export type IssueResult = "created" | "updated" | "unchanged" | "disabled" | "no-config";

export interface IssueOptions {
  /** The public web page of this repository's dashboard, linked from the issue. */
  webUrl?: string;
  /** Issues created by this process, in case search has not indexed them yet: `owner/repo` → number. */
  created?: Map<string, number>;
  /** dod's GitHub App id, to read its check runs alone. */
  appId?: number;
}

export async function refreshDashboardIssue(
  github: GitHub,
  owner: string,
  repo: string,
  options: IssueOptions = {},
): Promise<{ result: IssueResult; number?: number }> {
  const gathered = await gatherDashboard(github, owner, repo, {
    withIssue: true,
    onlyIf: (config) => config.dashboard.issue,
    ...(options.appId && { appId: options.appId }),
  });
  if (!gathered.config.ok) return { result: "no-config" };
  if (!gathered.config.config.dashboard.issue) return { result: "disabled" };

  const model = aggregate(gathered.input!, gathered.config.config);
  const body = renderDashboardMarkdown(model, { marker: true, ...(options.webUrl && { webUrl: options.webUrl }) });
  const key = `${owner}/${repo}`.toLowerCase();
  let issue: DashboardIssue | null = gathered.issue;
  const remembered = options.created?.get(key);
  if (!issue && remembered !== undefined) {
    const { data } = await github.rest.issues.get({ owner, repo, issue_number: remembered });
    issue = { number: data.number, body: data.body ?? "", url: data.html_url };
  }
  if (!issue) {
    const { data } = await github.rest.issues.create({ owner, repo, title: DASHBOARD_TITLE, body });
    options.created?.set(key, data.number);
    return { result: "created", number: data.number };
  }
  if (issue.body === body) return { result: "unchanged", number: issue.number };
  await github.rest.issues.update({ owner, repo, issue_number: issue.number, body });
  return { result: "updated", number: issue.number };
}

export interface RepoRef {
  owner: string;
  repo: string;
  installationId: number;
}

/**
 * Folds every request for a repository made within `delayMs` of the first into one run; a request that arrives
 * while that run is going starts one more run after it, so the last event is always reflected.
 */
export class Debouncer {
  private readonly waiting = new Map<string, { ref: RepoRef; timer: NodeJS.Timeout }>();
  private readonly running = new Map<string, Promise<void>>();
  private readonly again = new Map<string, RepoRef>();
  private closed = false;

  constructor(
    private readonly run: (ref: RepoRef) => Promise<void>,
    private readonly delayMs: number,
  ) {}

  schedule(ref: RepoRef): void {
    if (this.closed) return;
    const key = `${ref.owner}/${ref.repo}`.toLowerCase();
    const waiting = this.waiting.get(key);
    if (waiting) {
      waiting.ref = ref;
      return;
    }
    if (this.running.has(key)) {
      this.again.set(key, ref);
      return;
    }
    const timer = setTimeout(() => this.start(key), this.delayMs);
    timer.unref();
    this.waiting.set(key, { ref, timer });
  }

  private start(key: string): void {
    const entry = this.waiting.get(key);
    if (!entry) return;
    this.waiting.delete(key);
    // `run` reports its own failures; one failed run must not stop the next.
    const done = this.run(entry.ref).catch(() => undefined).finally(() => {
      this.running.delete(key);
      const next = this.again.get(key);
      this.again.delete(key);
      if (next) this.schedule(next);
    });
    this.running.set(key, done);
  }

  /** Resolves once nothing waits or runs (tests). */
  async idle(): Promise<void> {
    while (this.waiting.size > 0 || this.running.size > 0) {
      await Promise.allSettled([...this.running.values()]);
      if (this.running.size === 0 && this.waiting.size > 0) await new Promise((r) => setTimeout(r, Math.min(this.delayMs, 50) + 1));
    }
  }

  close(): void {
    this.closed = true;
    for (const { timer } of this.waiting.values()) clearTimeout(timer);
    this.waiting.clear();
    this.again.clear();
  }
}
