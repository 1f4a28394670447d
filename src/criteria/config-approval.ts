// Built in: an edit of the definition of done itself needs a product owner's and an engineering owner's
// approval, from two different people, so neither side can change the rules alone.
import { CONFIG_PATH } from "../model/names.js";
import type { ResolvedCriterion } from "../config/schema.js";
import type { Facts } from "../model/facts.js";
import { code } from "../model/markdown.js";
import { approvalRef } from "./approved-by.js";
import { at, describeOwners, distinctPair, ownerLogins } from "./principals.js";
import type { CriterionContext, Verdict } from "./types.js";

export const CONFIG_APPROVAL_ID = "done-config-approval";

export const CONFIG_APPROVAL_CRITERION: ResolvedCriterion = {
  id: CONFIG_APPROVAL_ID,
  title: "Definition of done change approved by product and engineering",
  owner: "joint",
  hint: `Changes to \`${CONFIG_PATH}\` need approving reviews from a product owner and from an engineering owner.`,
  require: {},
  waivable: false,
};

export function changesConfig(facts: Facts): boolean {
  return facts.configChanged ?? facts.files.some((f) => f.path === CONFIG_PATH);
}

export function configApprovalVerdict(ctx: CriterionContext): Verdict {
  const product = ownerLogins(ctx.config, ctx.facts, "product");
  const engineering = ownerLogins(ctx.config, ctx.facts, "engineering");
  const asCandidate = (r: CriterionContext["approvals"][number]) => ({ login: r.author, review: r });
  // Approving the rules means approving this exact change: an approval given before a later push doesn't count, nor
  // one whose commit GitHub did not say (fail closed).
  const current = ctx.approvals.filter((r) => r.commit === ctx.facts.head.sha);
  const stale = ctx.approvals.filter((r) => !current.includes(r)).map((r) => code(at(r.author)));
  const byProduct = current.filter((r) => product.has(r.author.toLowerCase())).map(asCandidate);
  const byEngineering = current.filter((r) => engineering.has(r.author.toLowerCase())).map(asCandidate);
  const pair = distinctPair(byProduct, byEngineering);
  if (pair) {
    const evidence = [approvalRef(pair[0].review, "product"), approvalRef(pair[1].review, "engineering")];
    return {
      status: "met",
      reason: `approved by ${code(at(pair[0].login))} (product) and ${code(at(pair[1].login))} (engineering)`,
      evidence,
    };
  }
  const evidence = [
    ...byProduct.map((c) => approvalRef(c.review, "product")),
    ...byEngineering
      .filter((c) => !byProduct.some((p) => p.login === c.login))
      .map((c) => approvalRef(c.review, "engineering")),
  ];
  let reason: string;
  if (byProduct.length === 0 && byEngineering.length === 0) {
    reason = `needs approvals from ${describeOwners(ctx.config, "product")} and ${describeOwners(ctx.config, "engineering")}`;
  } else if (byProduct.length === 0) {
    reason = `needs an approval from ${describeOwners(ctx.config, "product")}`;
  } else if (byEngineering.length === 0) {
    reason = `needs an approval from ${describeOwners(ctx.config, "engineering")}`;
  } else {
    reason = `needs a second owner's approval: ${code(at(byProduct[0]!.login))} can't approve for both product and engineering`;
  }
  if (stale.length) reason += ` (${stale.join(", ")} approved an earlier commit: approve again)`;
  return { status: "missing", reason, evidence: [], ...(evidence.length > 0 && { soFar: evidence }) };
}
