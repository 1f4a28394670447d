// The dashboard issue brought up to date: gathered, aggregated, rendered and written (github/dashboard-issue.ts) at
// most once per burst of events (debounced per repository).
import { randomUUID } from "node:crypto";
import { type Cache, DASHBOARDS, dashboardKey } from "../github/cache.js";
import type { GitHub } from "../github/client.js";
import { aggregate } from "./aggregate.js";
import { dashboardConfig, gatherDashboard } from "../github/dashboard-gather.js";
import type { ResolvedConfig } from "../config/schema.js";
import type { DashboardInput } from "../model/dashboard.js";
import { applyPatch, type DashboardSnapshot, type PullPatch } from "./patch.js";
import { writeDashboardIssue, type Written } from "../github/dashboard-issue.js";
import type { DodIdentity } from "../model/identity.js";
import { renderDashboardMarkdown } from "./render-markdown.js";

export type IssueResult = Written["result"] | "disabled" | "no-config" | "kept";

export interface IssueOptions {
  /** The public web page of this repository's dashboard, linked from the issue. */
  webUrl?: string;
  /** dod's check runs are read from its app's check suites alone. */
  identity: DodIdentity;
  /**
   * The app's read cache: closed releases whose pull requests cannot change are not read again, and the last
   * gathered dashboard is kept for evaluations to patch.
   */
  cache?: Cache;
  /** What evaluations saw since the last refresh; absent: read everything from GitHub (an event said so). */
  patches?: PullPatch[];
}

export async function refreshDashboardIssue(
  github: GitHub,
  owner: string,
  repo: string,
  options: IssueOptions,
): Promise<{ result: IssueResult; number?: number; read: "patched" | "gathered" | "nothing" }> {
  const { cache, patches } = options;
  const key = dashboardKey(owner, repo, options.identity.appId);
  if (cache && patches) {
    // Only evaluations whose verdict did not change: the snapshot takes them, the issue shows no verdict of theirs.
    if (patches.every((p) => p.soft)) {
      await keepPatched(cache, key, patches);
      return { result: "kept", read: "nothing" };
    }
    const patched = await patchSnapshot(cache, key, patches);
    if (patched) {
      const written = await writeSnapshot(github, cache, key, patched, options).catch(() => null);
      if (written) return { ...written, read: "patched" };
    }
  }
  const gathered = await gatherDashboard(github, owner, repo, {
    withIssue: true,
    onlyIf: (config) => config.dashboard.issue,
    ...(cache && { cache }),
    ...(options.identity.appId !== undefined && { appId: options.identity.appId }),
  });
  if (!gathered.config.ok) return { result: "no-config", read: "gathered" };
  if (!gathered.config.config.dashboard.issue) return { result: "disabled", read: "gathered" };

  const body = render(gathered.input!, gathered.config.config, options);
  const written = await writeDashboardIssue(github, { owner, repo }, { body, found: gathered.issue });
  await cache?.set<DashboardSnapshot>(DASHBOARDS, key, {
    input: gathered.input!,
    texts: gathered.texts,
    releaseLabel: releaseLabel(gathered.config.config),
    gatheredAt: Date.now(),
    issue: { number: written.number, body, url: gathered.issue?.url ?? "" },
    rev: randomUUID(),
  });
  return { result: written.result, number: written.number, read: "gathered" };
}

/**
 * The kept snapshot with every patch applied; null when there is none, one cannot apply, or GitHub was read for it
 * longer ago than the kind's TTL (patching rewrites it, which must not keep it forever).
 */
async function patchSnapshot(cache: Cache, key: string, patches: PullPatch[]): Promise<DashboardSnapshot | null> {
  let snapshot = (await cache.get<DashboardSnapshot | null>(DASHBOARDS, key)) ?? null;
  if (snapshot && !(Date.now() - snapshot.gatheredAt < DASHBOARDS.ttlMs)) snapshot = null;
  for (const patch of patches) snapshot = snapshot && applyPatch(snapshot, patch);
  return snapshot;
}

/** Whether the kept snapshot is still the one of revision `rev` (no other refresh, on any replica, kept one since). */
const stillAt = async (cache: Cache, key: string, rev: string) =>
  (await cache.get<DashboardSnapshot | null>(DASHBOARDS, key))?.rev === rev;

/**
 * Keeps the snapshot with the patches applied, unless another refresh kept one meanwhile: then they are applied to
 * that one. One that cannot apply makes the snapshot stale: the next refresh reads GitHub.
 */
async function keepPatched(cache: Cache, key: string, patches: PullPatch[]): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const patched = await patchSnapshot(cache, key, patches);
    if (!patched) break;
    if (await stillAt(cache, key, patched.rev)) return cache.set(DASHBOARDS, key, { ...patched, rev: randomUUID() });
  }
  await cache.set(DASHBOARDS, key, null);
}

/**
 * Writes the patched snapshot's issue (only when its text changed) and keeps the snapshot. Null when the write
 * failed or another refresh (another replica's) kept its snapshot meanwhile: then GitHub is read again.
 */
async function writeSnapshot(
  github: GitHub,
  cache: Cache,
  key: string,
  snapshot: DashboardSnapshot,
  options: IssueOptions,
): Promise<{ result: IssueResult; number: number } | null> {
  const { owner, repo } = snapshot.input;
  const config = dashboardConfig(owner, snapshot.texts);
  if (!config.ok || !config.config.dashboard.issue) return null;
  const body = render(snapshot.input, config.config, options);
  const issue = snapshot.issue;
  const written = await writeDashboardIssue(github, { owner, repo }, { body, found: issue });
  // Another replica kept a snapshot since this one was read: the issue may now lack what it patched in.
  if (!(await stillAt(cache, key, snapshot.rev))) return null;
  await cache.set<DashboardSnapshot>(DASHBOARDS, key, {
    ...snapshot,
    issue: { number: written.number, body, url: issue?.url ?? "" },
    rev: randomUUID(),
  });
  return { result: written.result, number: written.number };
}

function render(input: DashboardInput, config: ResolvedConfig, options: IssueOptions): string {
  const model = aggregate(input, config);
  return renderDashboardMarkdown(model, { marker: true, ...(options.webUrl && { webUrl: options.webUrl }) });
}

const releaseLabel = (config: ResolvedConfig) => config.releases.label ?? "release/*";

export interface RepoRef {
  owner: string;
  repo: string;
  installationId: number;
  /** An evaluation's view of its pull request; absent: the refresh reads everything from GitHub. */
  patch?: PullPatch;
}

/** What one refresh does: the patches collected meanwhile, or (undefined) read everything from GitHub. */
export interface Refresh {
  owner: string;
  repo: string;
  installationId: number;
  patches?: PullPatch[];
}

/** Patches add up; one request to read everything overrides them (it sees what they saw, and more). */
function merged(before: Refresh | undefined, ref: RepoRef): Refresh {
  const { patch, ...at } = ref;
  const patches = before && !before.patches ? undefined : patch && [...(before?.patches ?? []), patch];
  return { ...at, ...(patches && { patches }) };
}

/**
 * Folds every request for a repository made within `delayMs` of the first into one run; a request that arrives
 * while that run is going starts one more run after it, so the last event is always reflected.
 */
export class Debouncer {
  private readonly waiting = new Map<string, { refresh: Refresh; timer: NodeJS.Timeout }>();
  private readonly running = new Map<string, Promise<void>>();
  private readonly again = new Map<string, Refresh>();
  private closed = false;

  constructor(
    private readonly run: (refresh: Refresh) => Promise<void>,
    private readonly delayMs: number,
  ) {}

  schedule(ref: RepoRef): void {
    if (this.closed) return;
    const key = `${ref.owner}/${ref.repo}`.toLowerCase();
    const waiting = this.waiting.get(key);
    if (waiting) {
      waiting.refresh = merged(waiting.refresh, ref);
      return;
    }
    if (this.running.has(key)) {
      this.again.set(key, merged(this.again.get(key), ref));
      return;
    }
    const timer = setTimeout(() => this.start(key), this.delayMs);
    timer.unref();
    this.waiting.set(key, { refresh: merged(undefined, ref), timer });
  }

  private start(key: string): void {
    const entry = this.waiting.get(key);
    if (!entry) return;
    this.waiting.delete(key);
    // `run` reports its own failures; one failed run must not stop the next.
    const done = this.run(entry.refresh)
      .catch(() => undefined)
      .finally(() => {
        this.running.delete(key);
        const next = this.again.get(key);
        this.again.delete(key);
        if (next) this.scheduleRefresh(key, next);
      });
    this.running.set(key, done);
  }

  private scheduleRefresh(key: string, refresh: Refresh): void {
    if (this.closed) return;
    const timer = setTimeout(() => this.start(key), this.delayMs);
    timer.unref();
    this.waiting.set(key, { refresh, timer });
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
