// The pure verdict: config + facts in, Report out. No I/O, no clock.
import type { ResolvedConfig, ResolvedCriterion } from "../config/schema.js";
import { conditionPrincipalsIn, principalsIn, readsDiff } from "../config/walk-kinds.js";
import type { Facts } from "../model/facts.js";
import type { ItemResult, Report, Waiver } from "../model/report.js";
import type { ConfigChange } from "../model/config-problems.js";
import { code, codeList, escapeInline } from "../model/markdown.js";
import { becauseWords, checkCondition } from "./conditions.js";
import { changesConfig, CONFIG_APPROVAL_CRITERION, configApprovalVerdict } from "./config-approval.js";
import { buildContext } from "./context.js";
import { approvalsOf, at, isTeam } from "./principals.js";
import { evaluateEvidence } from "./require.js";
import { countStatuses, reportConclusion, reportTitle } from "./summary.js";
import type { CriterionContext, Verdict } from "./types.js";
import { parseCommands, waiverState } from "./waivers.js";

export interface EvaluateOptions {
  configChange?: ConfigChange;
}

export function evaluate(config: ResolvedConfig, facts: Facts, options: EvaluateOptions = {}): Report {
  const ctx = buildContext(config, facts);
  const waivers = waiverState(config, facts);
  const items: ItemResult[] = config.criteria.map((criterion) => {
    let because: string | undefined;
    if (criterion.when) {
      const applies = checkCondition(criterion.when, ctx);
      if (!applies.holds)
        return itemResult(criterion, { status: "not_applicable", reason: applies.reason, evidence: [] });
      because = becauseWords(applies.because);
    }
    const item = withWaiver(
      criterion,
      evaluateEvidence(criterion.require, ctx),
      waivers.active.get(criterion.id),
      waivers.partial.get(criterion.id),
    );
    if (because) item.applies = because;
    return item;
  });
  if (changesConfig(facts)) items.push(itemResult(CONFIG_APPROVAL_CRITERION, configApprovalVerdict(ctx)));

  const report: Report = {
    conclusion: reportConclusion(items, config.mode, options.configChange),
    mode: config.mode,
    title: reportTitle(items, options.configChange),
    items,
    counts: countStatuses(items),
    owners: { product: [...config.owners.product], engineering: [...config.owners.engineering] },
  };
  if (options.configChange) report.configChange = options.configChange;
  return report;
}

type Outcome = Omit<Verdict, "status"> & { status: ItemResult["status"] };

function itemResult(criterion: ResolvedCriterion, outcome: Outcome, waiver?: Waiver): ItemResult {
  const item: ItemResult = {
    id: criterion.id,
    title: criterion.title,
    owner: criterion.owner,
    status: outcome.status,
    reason: outcome.reason,
    evidence: outcome.evidence,
  };
  if (criterion.hint !== undefined) item.hint = criterion.hint;
  if (outcome.soFar?.length) item.soFar = outcome.soFar;
  if (waiver) item.waiver = waiver;
  return item;
}

function withWaiver(criterion: ResolvedCriterion, verdict: Verdict, waiver?: Waiver, halfBy?: string[]): ItemResult {
  if (verdict.status === "met" || !criterion.waivable) return itemResult(criterion, verdict);
  if (waiver) {
    const reason = `waived by ${waiver.by.map((login) => code(at(login))).join(" and ")}: ${escapeInline(waiver.reason)}`;
    return itemResult(criterion, { status: "waived", reason, evidence: verdict.evidence }, waiver);
  }
  if (halfBy) {
    const note = `waived so far only by ${codeList(halfBy.map(at), "and")}; a joint waiver needs a product and an engineering owner`;
    return itemResult(criterion, { ...verdict, reason: `${verdict.reason} (${note})` });
  }
  return itemResult(criterion, verdict);
}

/** True when some applicable criterion looks at the diff, so the shell must gather added lines. */
export function needsDiff(config: ResolvedConfig, facts: Facts): boolean {
  let ctx: CriterionContext | undefined;
  return config.criteria.some((criterion) => {
    if (!readsDiff(criterion.require)) return false;
    if (!criterion.when) return true;
    ctx ??= buildContext(config, facts);
    return checkCondition(criterion.when, ctx).holds;
  });
}

/** Every `@org/team` the config names (owners, and kinds such as approved_by), lower-case, each once: the shell fetches members. */
export function teamsNamed(config: ResolvedConfig): string[] {
  const named = [
    ...config.owners.product,
    ...config.owners.engineering,
    ...config.criteria.flatMap((c) => [...principalsIn(c.require), ...(c.when ? conditionPrincipalsIn(c.when) : [])]),
  ];
  return [...new Set(named.filter(isTeam).map((t) => t.toLowerCase()))];
}

/**
 * The teams whose members this evaluation needs. A condition (`when: { authors }`) is judged on every pull request,
 * so its teams always are; owners' and approvers' teams only decide whose approval or waiver counts, so a pull
 * request with neither approvals nor `/dod waive`/`unwaive` commands needs none of them.
 */
export function teamsNeeded(config: ResolvedConfig, facts: Facts): string[] {
  const teams = (names: string[]) => names.filter(isTeam).map((t) => t.toLowerCase());
  const forConditions = teams(config.criteria.flatMap((c) => (c.when ? conditionPrincipalsIn(c.when) : [])));
  const commands = () => facts.comments.filter((c) => !c.authorIsBot).flatMap((c) => parseCommands(c.body));
  const judgesPeople = approvalsOf(facts).length > 0 || commands().some((c) => c.kind !== "check");
  return judgesPeople ? teamsNamed(config) : [...new Set(forConditions)];
}
