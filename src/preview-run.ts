// The preview of a done.yml change: the open and the latest merged pull requests gathered in batches, each judged
// by the current and by the proposed rules, compared (preview/compare.ts). Made once per head commit of the pull
// request that edits the file, and kept: later events on that commit reuse it.
import { createHash } from "node:crypto";
import { type LoadResult, loadConfig } from "./config/resolve.js";
import type { ResolvedConfig } from "./config/schema.js";
import { evaluate, needsDiff, teamsNeeded } from "./criteria/evaluate.js";
import { ADDED_LINES, type Cache, type CacheKind, diffKey } from "./github/cache.js";
import type { GitHub } from "./github/client.js";
import { gatherAddedLines } from "./github/diff.js";
import type { Gathered } from "./github/gather.js";
import { gatherPulls, listPulls, type ListedPull } from "./github/gather-many.js";
import { cachedTeams } from "./github/team-cache.js";
import type { Facts } from "./model/facts.js";
import type { DodIdentity } from "./model/identity.js";
import { CONFIG_PATH, ORG_CONFIG_REPO } from "./model/names.js";
import type { Preview } from "./model/preview.js";
import type { PullRequestRef } from "./model/pull-request.js";
import { buildPreview, type JudgedPull } from "./preview/compare.js";
import { gatherTickets, type TrackerReadOptions } from "./trackers/gather.js";
import type { TrackerSettings } from "./trackers/settings.js";

export interface PreviewOptions {
  /** Open pull requests judged (the most recently active), at most 100. */
  open: number;
  /** Merged pull requests judged (the most recently active), at most 100. */
  merged: number;
}

export const DEFAULT_PREVIEW: PreviewOptions = { open: 20, merged: 20 };

/** One preview per head commit and config texts of the pull request that edits done.yml. */
export const PREVIEWS: CacheKind = { name: "previews", max: 200, ttlMs: 24 * 60 * 60_000 };

/** The rules to compare: the files as they are (`current`) and as the pull request would leave them (`proposed`). */
export interface ConfigTexts {
  current: string | null;
  proposed: string | null;
  /** The organisation's file (its `.github` repository's default branch), which a repository's file may extend. */
  org: { file: string; text: string | null };
}

export interface PreviewRequest {
  /** The pull request that edits the file: its own repository's pull requests are judged, or, for the `.github`
   * repository, the organisation's. */
  ref: PullRequestRef;
  /** Its head commit: the preview is made once per commit. */
  headSha: string;
  texts: ConfigTexts;
  options?: PreviewOptions;
  identity: DodIdentity;
  cache?: Cache;
  trackers?: TrackerSettings & TrackerReadOptions;
}

/**
 * The preview, or `null` when the proposed file cannot be used (its problems are reported instead, or it removes
 * the definition of done).
 */
export async function previewConfigChange(github: GitHub, request: PreviewRequest): Promise<Preview | null> {
  const { ref, texts, cache } = request;
  const options = request.options ?? DEFAULT_PREVIEW;
  const orgWide = ref.repo.toLowerCase() === ORG_CONFIG_REPO;
  // A repository's file is compared as it is and as proposed. The organisation's file (edited in its `.github`
  // repository) is compared under each pull request's own repository file, which may extend it or replace it.
  const rules = (repoText: string | null, orgText: string | null): LoadResult =>
    loadConfig({ file: CONFIG_PATH, text: repoText, org: { file: texts.org.file, text: orgText } });
  const current = orgWide ? rules(null, texts.current) : rules(texts.current, texts.org.text);
  const proposed = orgWide ? rules(null, texts.proposed) : rules(texts.proposed, texts.org.text);
  if (!current.ok || !proposed.ok) return null;

  const key = previewKey(ref, request.headSha, texts, options);
  const kept = await cache?.get<Preview>(PREVIEWS, key);
  if (kept) return kept;

  const listed = await listPulls(github, ref, options);
  const gathered = await gatherPulls(github, listed, request.identity, cache);
  const configsOf = ({ gathered: g }: { gathered: Gathered }): [ResolvedConfig, ResolvedConfig] | null => {
    if (!orgWide) return [current.config, proposed.config];
    const before = rules(g.config.base, texts.current);
    const after = rules(g.config.base, texts.proposed);
    return before.ok && after.ok ? [before.config, after.config] : null;
  };
  const judgeable = gathered.flatMap((entry) => {
    const configs = configsOf(entry);
    return configs ? [{ ...entry, configs }] : [];
  });

  // Teams for every pull request under both rules, in one look-up (often cached by the pull request's own run).
  const teamNames = new Set(
    judgeable.flatMap(({ gathered: g, configs }) => configs.flatMap((config) => teamsNeeded(config, g.facts))),
  );
  const teams = await cachedTeams(github, ref.owner, [...teamNames], cache);

  const judged: JudgedPull[] = [];
  for (const { pull, gathered: g, configs } of judgeable) {
    const facts = await completeFacts(github, pull, g, configs, teams, request);
    const [before, after] = configs.map((config) => evaluate(config, facts));
    judged.push({
      repo: `${pull.owner}/${pull.repo}`,
      number: facts.number,
      title: facts.title,
      url: facts.url,
      state: pull.state,
      before: before!,
      after: after!,
    });
  }
  const preview = buildPreview(`${ref.owner}/${ref.repo}`, judged, current.config, proposed.config);
  await cache?.set(PREVIEWS, key, preview);
  return preview;
}

/** What an evaluation reads beyond the batched query: teams, tracker tickets, and added lines when a rule reads them. */
async function completeFacts(
  github: GitHub,
  pull: ListedPull,
  gathered: Gathered,
  configs: ResolvedConfig[],
  teams: Record<string, string[]>,
  request: PreviewRequest,
): Promise<Facts> {
  const withTeams: Facts = { ...gathered.facts, teams };
  const trackers = configs.map((c) => c.trackers).find((t) => t !== undefined);
  const tickets =
    trackers && request.trackers ? await gatherTickets(trackers, withTeams, request.trackers, request.trackers) : [];
  const facts: Facts =
    tickets.length > 0 ? { ...withTeams, linkedIssues: [...withTeams.linkedIssues, ...tickets] } : withTeams;
  if (!configs.some((config) => needsDiff(config, facts))) return facts;
  // Fixed for a base..head pair, like the pull request's own evaluation keeps them.
  const key = diffKey(pull.owner, pull.repo, gathered.commits.base, gathered.commits.head);
  let lines = await request.cache?.get<Record<string, string[]>>(ADDED_LINES, key);
  if (!lines) {
    lines = await gatherAddedLines(github, pull);
    await request.cache?.set(ADDED_LINES, key, lines);
  }
  return { ...facts, addedLines: lines };
}

function previewKey(ref: PullRequestRef, headSha: string, texts: ConfigTexts, options: PreviewOptions): string {
  const rules = createHash("sha256")
    .update(JSON.stringify([texts.current, texts.proposed, texts.org.text, options.open, options.merged]))
    .digest("hex")
    .slice(0, 16);
  return `${ref.owner}/${ref.repo}#${ref.number}@${headSha}:${rules}`.toLowerCase();
}
