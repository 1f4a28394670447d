// Which items `--local` can judge. Files, the PR text and the diff are known before a pull request exists;
// linked issues, labels, checks and reviews are not (config/kinds.ts marks each kind), so items that hinge on them
// "need the PR" — shown, but neither done nor missing.
import { EVIDENCE_KINDS, evidenceKindNames } from "../config/kinds.js";
import type { Evidence, ResolvedConfig } from "../config/schema.js";
import { conditionsNeedingPullRequest, evidenceNeedingPullRequest } from "../config/walk-kinds.js";
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

type Judgement = "met" | "missing" | "unknown";

export function localReport(config: ResolvedConfig, facts: Facts, full: Report): LocalReport {
  const ctx = buildContext(config, facts);
  const byId = new Map(config.criteria.map((c) => [c.id, c]));
  const items: ItemResult[] = [];
  const needsPullRequest: NeedsPullRequest[] = [];
  for (const item of full.items) {
    const criterion = byId.get(item.id);
    const needs = (reason: string) =>
      needsPullRequest.push({ id: item.id, title: item.title, owner: item.owner, reason });
    if (item.id === CONFIG_APPROVAL_ID || !criterion) needs("approvals of the config change");
    else if (criterion.when && conditionsNeedingPullRequest(criterion.when).length > 0) {
      needs(`${conditionsNeedingPullRequest(criterion.when).join(", ")} (to know whether this applies)`);
    } else if (item.status === "not_applicable") items.push(item);
    else if (evidenceNeedingPullRequest(criterion.require).length > 0 && judge(criterion.require) === "unknown") {
      needs(evidenceNeedingPullRequest(criterion.require).join(", "));
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

  /** Three-valued: a kind only a pull request can show is unknown; the others are judged as the app would. */
  function judge(evidence: Evidence): Judgement {
    const parts: Judgement[] = [];
    for (const kind of evidenceKindNames) {
      if (evidence[kind] === undefined) continue;
      if (EVIDENCE_KINDS[kind].needsPullRequest) parts.push("unknown");
      else {
        const status = evaluateEvidence({ [kind]: evidence[kind] }, ctx).status;
        parts.push(status === "met" ? "met" : status === "pending" ? "unknown" : "missing");
      }
    }
    if (evidence.all) parts.push(all(evidence.all.map(judge)));
    if (evidence.any) parts.push(any(evidence.any.map(judge)));
    return all(parts);
  }
}

const all = (parts: Judgement[]): Judgement =>
  parts.includes("missing") ? "missing" : parts.includes("unknown") ? "unknown" : "met";
const any = (parts: Judgement[]): Judgement =>
  parts.includes("met") ? "met" : parts.includes("unknown") ? "unknown" : "missing";
