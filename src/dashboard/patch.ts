// The dashboard issue kept current without reading every release again: the last gathered input is kept per
// repository (a snapshot), and an evaluation's own facts and check run patch its pull request's entry in it. A
// patch that cannot be applied locally — the config differs from the one gathered, the pull request is no longer
// open, it moved between releases, its size is unknown on a new head — answers null, and the caller reads GitHub
// again. A patched snapshot equals what a full read would gather (test/dashboard/patch.test.ts).
import { Minimatch } from "minimatch";
import type { DashboardInput, EmbeddedReport, PullInput } from "../model/dashboard.js";
import type { Facts } from "../model/facts.js";
import type { CheckRunOutput } from "../report/check-run.js";
import { readEmbeddedReport } from "../report/embed.js";

/** The dashboard reads this many labels of each pull request (dashboard-queries.ts). */
const LABELS_READ = 30;

/** The config as the dashboard read it: the repository's done.yml and the organisation's, verbatim. */
export interface ConfigTexts {
  repo: string | null;
  org: string | null;
}

/** What the dashboard issue last showed, and what it was made from. */
export interface DashboardSnapshot {
  input: DashboardInput;
  texts: ConfigTexts;
  /** `releases.label` of that config (label releases). */
  releaseLabel: string;
  /** The dashboard issue as GitHub has it now; null when none was found or written. */
  issue: { number: number; body: string; url: string } | null;
  /** When GitHub was last read for it (ms): patches do not make a snapshot younger. */
  gatheredAt: number;
  /** Changed on every write: a refresh that finds another one's revision after its own write reads GitHub again. */
  rev: string;
}

/** One evaluation's view of its pull request, as the dashboard would read it back. */
export interface PullPatch {
  /** The entry without its check's URL, which is the repository's URL (in the snapshot) + `/runs/{id}`. */
  pull: Omit<PullInput, "check" | "additions" | "deletions" | "mergedAt"> & {
    check: { id: number; conclusion: string | null; report: EmbeddedReport | null };
  };
  /** Lines added and deleted over every file; null when GitHub listed only some files. */
  lines: { additions: number; deletions: number } | null;
  state: Facts["state"];
  milestone: string | null;
  texts: ConfigTexts;
  /** The verdict did not change: the snapshot takes the patch, the issue is not written for it. */
  soft: boolean;
}

/** The patch an evaluation makes, from what it published: its facts, its check run's id and output. */
export function pullPatch(
  facts: Facts,
  check: { id: number; output: CheckRunOutput },
  texts: ConfigTexts,
  soft: boolean,
): PullPatch {
  const { conclusion, summary } = check.output;
  return {
    pull: {
      number: facts.number,
      title: facts.title,
      url: facts.url,
      state: "open",
      author: facts.author,
      labels: facts.labels.slice(0, LABELS_READ),
      headSha: facts.head.sha,
      check: {
        id: check.id,
        conclusion: conclusion === "pending" ? null : conclusion,
        report: readEmbeddedReport(summary),
      },
    },
    lines: facts.filesTruncated
      ? null
      : {
          additions: facts.files.reduce((n, f) => n + f.additions, 0),
          deletions: facts.files.reduce((n, f) => n + f.deletions, 0),
        },
    state: facts.state,
    milestone: facts.milestone,
    texts,
    soft,
  };
}

/** The pull request's labels that name a release (label releases). */
function releaseLabels(snapshot: DashboardSnapshot, patch: PullPatch): string[] {
  const pattern = new Minimatch(snapshot.releaseLabel, { nocase: true });
  return patch.pull.labels.filter((l) => pattern.match(l));
}

/** The snapshot with the patch applied, or null when only reading GitHub again can tell what the dashboard shows. */
export function applyPatch(snapshot: DashboardSnapshot, patch: PullPatch): DashboardSnapshot | null {
  const { input } = snapshot;
  if (patch.texts.repo !== snapshot.texts.repo || patch.texts.org !== snapshot.texts.org) return null;
  // Merged or closed: the release's state, its history and the follow-ups may change with it.
  if (patch.state !== "open") return null;
  const { number } = patch.pull;
  const holding = input.releases.filter((r) => r.pulls.some((p) => p.number === number));
  const milestone = patch.milestone === null ? [] : [patch.milestone];
  const wanted = input.releaseBy === "milestone" ? milestone : releaseLabels(snapshot, patch);
  const names = (list: string[]) => JSON.stringify([...list].sort());
  if (names(holding.map((r) => r.name)) !== names(wanted)) return null;
  if (holding.length === 0) return snapshot;

  const before = holding[0]!.pulls.find((p) => p.number === number)!;
  const lines =
    patch.lines ??
    (before.headSha === patch.pull.headSha && before.additions !== undefined && before.deletions !== undefined
      ? { additions: before.additions, deletions: before.deletions }
      : null);
  if (!lines) return null;
  const pull: PullInput = {
    ...patch.pull,
    mergedAt: null,
    ...lines,
    check: { ...patch.pull.check, url: `${input.url}/runs/${patch.pull.check.id}` },
  };
  return {
    ...snapshot,
    input: {
      ...input,
      releases: input.releases.map((r) =>
        holding.includes(r) ? { ...r, pulls: r.pulls.map((p) => (p.number === number ? pull : p)) } : r,
      ),
    },
  };
}
