// Which items `--local` can judge. Files, the PR text and the diff are known before a pull request exists;
// linked issues, labels, checks and reviews are not, so items that hinge on them "need the PR" — shown, but
// neither done nor missing.
import type { Condition, Evidence, ResolvedConfig } from "../config/schema.js";
import { CONFIG_APPROVAL_ID } from "../criteria/config-approval.js";
import { buildContext } from "../criteria/context.js";
import { evaluateEvidence } from "../criteria/require.js";
import { countStatuses, reportConclusion, reportTitle } from "../criteria/summary.js";
import type { Facts } from "../model/facts.js";
import type { ItemResult, Report } from "../model/report.js";

export interface NeedsPullRequest {
  id: string;
  title: string;
  owner: ItemResult["owner"];
  /** What only the pull request can show, e.g. `a linked issue, an approval`. */
  reason: string;
}

export interface LocalReport {
  report: Report;
  needsPullRequest: NeedsPullRequest[];
}

const REMOTE: Record<string, string> = {
  linked_issue: "a linked issue",
  label: "a label",
  check: "a check result",
  approved_by: "an approval",
};

type Judgement = "met" | "missing" | "unknown";

export function localReport(config: ResolvedConfig, facts: Facts, full: Report): LocalReport {
  const ctx = buildContext(config, facts);
  const byId = new Map(config.criteria.map((c) => [c.id, c]));
  const items: ItemResult[] = [];
  const needsPullRequest: NeedsPullRequest[] = [];
  for (const item of full.items) {
    const criterion = byId.get(item.id);
    const needs = (reason: string) => needsPullRequest.push({ id: item.id, title: item.title, owner: item.owner, reason });
    if (item.id === CONFIG_APPROVAL_ID || !criterion) needs("approvals of the config change");
    else if (criterion.when && usesLabels(criterion.when)) needs("its labels (to know whether this applies)");
    else if (item.status === "not_applicable") items.push(item);
    else if (remoteKinds(criterion.require).length > 0 && judge(criterion.require) === "unknown") {
      needs(remoteKinds(criterion.require).join(", "));
    } else items.push(item);
  }
  const report: Report = {
    ...full,
    items,
    counts: countStatuses(items),
    title: reportTitle(items, full.configChange),
    conclusion: reportConclusion(items, config.mode, full.configChange),
  };
  return { report, needsPullRequest };

  function judge(evidence: Evidence): Judgement {
    const parts: Judgement[] = [];
    const leaf = (e: Evidence) => {
      const status = evaluateEvidence(e, ctx).status;
      parts.push(status === "met" ? "met" : status === "pending" ? "unknown" : "missing");
    };
    if (evidence.files) leaf({ files: evidence.files });
    if (evidence.pr_body) leaf({ pr_body: evidence.pr_body });
    if (evidence.diff_contains) leaf({ diff_contains: evidence.diff_contains });
    for (const key of Object.keys(REMOTE)) if (evidence[key as keyof Evidence] !== undefined) parts.push("unknown");
    if (evidence.all) parts.push(all(evidence.all.map(judge)));
    if (evidence.any) parts.push(any(evidence.any.map(judge)));
    return all(parts);
  }
}

const all = (parts: Judgement[]): Judgement =>
  parts.includes("missing") ? "missing" : parts.includes("unknown") ? "unknown" : "met";
const any = (parts: Judgement[]): Judgement =>
  parts.includes("met") ? "met" : parts.includes("unknown") ? "unknown" : "missing";

function remoteKinds(evidence: Evidence): string[] {
  const own = Object.keys(REMOTE).filter((key) => evidence[key as keyof Evidence] !== undefined).map((key) => REMOTE[key]!);
  const nested = [...(evidence.all ?? []), ...(evidence.any ?? [])].flatMap(remoteKinds);
  return [...new Set([...own, ...nested])];
}

function usesLabels(condition: Condition): boolean {
  return (
    condition.labels !== undefined ||
    condition.labels_absent !== undefined ||
    [...(condition.any ?? []), ...(condition.all ?? [])].some(usesLabels)
  );
}
