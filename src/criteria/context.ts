import type { ResolvedConfig } from "../config/schema.js";
import type { Facts } from "../model/facts.js";
import { approvalsOf } from "./principals.js";
import type { CriterionContext } from "./types.js";

export function buildContext(config: ResolvedConfig, facts: Facts): CriterionContext {
  return {
    config,
    facts,
    paths: facts.files.map((f) => f.path),
    presentPaths: facts.files.filter((f) => !f.deleted).map((f) => f.path),
    labels: new Set(facts.labels.map((l) => l.toLowerCase())),
    approvals: approvalsOf(facts),
  };
}
