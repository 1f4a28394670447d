// The dashboard issue brought up to date: gathered, aggregated, rendered and written (github/dashboard-issue.ts) at
// most once per burst of events (debounced per repository).
import type { Cache } from "../github/cache.js";
import type { GitHub } from "../github/client.js";
import { aggregate } from "./aggregate.js";
import { gatherDashboard } from "../github/dashboard-gather.js";
import { writeDashboardIssue, type Written } from "../github/dashboard-issue.js";
import type { DodIdentity } from "../model/identity.js";
import { renderDashboardMarkdown } from "./render-markdown.js";

export type IssueResult = Written["result"] | "disabled" | "no-config";

export interface IssueOptions {
  /** The public web page of this repository's dashboard, linked from the issue. */
  webUrl?: string;
  /** dod's check runs are read from its app's check suites alone. */
  identity: DodIdentity;
  /** The app's read cache: closed releases whose pull requests cannot change are not read again. */
  cache?: Cache;
}

export async function refreshDashboardIssue(
  github: GitHub,
  owner: string,
  repo: string,
  options: IssueOptions,
): Promise<{ result: IssueResult; number?: number }> {
  const gathered = await gatherDashboard(github, owner, repo, {
    withIssue: true,
    onlyIf: (config) => config.dashboard.issue,
    ...(options.cache && { cache: options.cache }),
    ...(options.identity.appId !== undefined && { appId: options.identity.appId }),
  });
  if (!gathered.config.ok) return { result: "no-config" };
  if (!gathered.config.config.dashboard.issue) return { result: "disabled" };

  const model = aggregate(gathered.input!, gathered.config.config);
  const body = renderDashboardMarkdown(model, { marker: true, ...(options.webUrl && { webUrl: options.webUrl }) });
  const written = await writeDashboardIssue(github, { owner, repo }, { body, found: gathered.issue });
  return { result: written.result, number: written.number };
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
    const done = this.run(entry.ref)
      .catch(() => undefined)
      .finally(() => {
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
      if (this.running.size === 0 && this.waiting.size > 0)
        await new Promise((r) => setTimeout(r, Math.min(this.delayMs, 50) + 1));
    }
  }

  /** Runs every waiting refresh now instead of after its delay, and resolves when all have finished (shutdown). */
  async flush(): Promise<void> {
    for (const [key, { timer }] of this.waiting) {
      clearTimeout(timer);
      this.start(key);
    }
    await this.idle();
  }

  close(): void {
    this.closed = true;
    for (const { timer } of this.waiting.values()) clearTimeout(timer);
    this.waiting.clear();
    this.again.clear();
  }
}
