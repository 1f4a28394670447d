// The preview of a done.yml change, from reports alone: each pull request judged under the current and the proposed
// rules, compared item by item. Pure: the shell gathers the facts and evaluates them (preview-run.ts).
import type { ResolvedConfig, ResolvedCriterion } from "../config/schema.js";
import type { CriterionShare, Preview, PreviewChange, PreviewItem, PreviewPull } from "../model/preview.js";
import type { ItemResult, Report } from "../model/report.js";

/** One pull request's two verdicts. */
export interface JudgedPull {
  repo: string;
  number: number;
  title: string;
  url: string;
  state: "open" | "merged";
  before: Report;
  after: Report;
}

/** An item that holds the pull request back: missing, or it could not be checked. */
const holdsBack = (item: ItemResult | undefined) => item?.status === "missing" || item?.status === "error";
const named = (item: ItemResult): PreviewItem => ({ id: item.id, title: item.title });

/** What changes for one pull request between its report under the current rules and under the proposed ones. */
export function compareReports(
  before: Report,
  after: Report,
): { newlyMissing: PreviewItem[]; newlyMet: PreviewItem[]; change: PreviewChange } {
  const old = new Map(before.items.map((item) => [item.id, item]));
  const next = new Map(after.items.map((item) => [item.id, item]));
  const newlyMissing = after.items.filter((item) => holdsBack(item) && !holdsBack(old.get(item.id))).map(named);
  // Named as the proposed rules name it when they keep the item (a reworded title reads as the new one).
  const newlyMet = before.items
    .filter((item) => holdsBack(item) && !holdsBack(next.get(item.id)))
    .map((item) => named(next.get(item.id) ?? item));
  const change: PreviewChange =
    newlyMissing.length > 0
      ? newlyMet.length > 0
        ? "both"
        : "newly-missing"
      : newlyMet.length > 0
        ? "newly-met"
        : "none";
  return { newlyMissing, newlyMet, change };
}

/** A criterion whose verdicts can differ: a different `when`, `require` or `waivable` (not a new title or hint). */
function judgedDifferently(old: ResolvedCriterion, next: ResolvedCriterion): boolean {
  const judged = (c: ResolvedCriterion) => JSON.stringify([c.when ?? null, c.require, c.waivable]);
  return judged(old) !== judged(next);
}

/**
 * The preview: per pull request what changes, and per criterion the proposed file adds or judges differently, how
 * many recently merged pull requests it applies to and how many of those would have met it.
 */
export function buildPreview(
  repo: string,
  pulls: readonly JudgedPull[],
  current: ResolvedConfig,
  proposed: ResolvedConfig,
): Preview {
  const ordered = [...pulls.filter((p) => p.state === "open"), ...pulls.filter((p) => p.state === "merged")];
  const merged = ordered.filter((p) => p.state === "merged");
  const before = new Map(current.criteria.map((c) => [c.id, c]));
  const criteria: CriterionShare[] = [];
  for (const criterion of proposed.criteria) {
    const old = before.get(criterion.id);
    if (old && !judgedDifferently(old, criterion)) continue;
    const items = merged.flatMap((p) => p.after.items.filter((item) => item.id === criterion.id));
    criteria.push({
      id: criterion.id,
      title: criterion.title,
      kind: old ? "changed" : "added",
      applicable: items.filter((item) => item.status !== "not_applicable").length,
      met: items.filter((item) => item.status === "met").length,
      recent: merged.length,
    });
  }
  return {
    repo,
    open: ordered.length - merged.length,
    merged: merged.length,
    pulls: ordered.map(
      (p): PreviewPull => ({
        repo: p.repo,
        number: p.number,
        title: p.title,
        url: p.url,
        state: p.state,
        before: p.before.conclusion,
        after: p.after.conclusion,
        ...compareReports(p.before, p.after),
      }),
    ),
    criteria,
  };
}
