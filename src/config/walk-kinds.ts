// Walks a `require` or `when` tree through its `any` and `all`, kind by kind, so that what a tree needs (team
// members, the diff, a pull request) is read off the registry instead of being looked for by hand.
import {
  CONDITION_KINDS,
  type ConditionKindName,
  conditionKindNames,
  EVIDENCE_KINDS,
  type EvidenceKindName,
  evidenceKindNames,
} from "./kinds.js";
import type { Condition, Evidence } from "./schema.js";

type Tree<T> = T & { any?: T[]; all?: T[] };

function* walk<T extends object, K extends keyof T>(
  tree: Tree<T>,
  kinds: readonly K[],
): Generator<[K, NonNullable<T[K]>]> {
  for (const kind of kinds) {
    const value = tree[kind];
    if (value !== undefined) yield [kind, value as NonNullable<T[K]>];
  }
  for (const inner of [...(tree.any ?? []), ...(tree.all ?? [])]) yield* walk(inner as Tree<T>, kinds);
}

export const evidenceIn = (evidence: Evidence) => walk<Evidence, EvidenceKindName>(evidence, evidenceKindNames);
export const conditionsIn = (condition: Condition) => walk<Condition, ConditionKindName>(condition, conditionKindNames);

/** Logins and `@org/team`s the tree names (e.g. `approved_by`). */
export function principalsIn(evidence: Evidence): string[] {
  const named: string[] = [];
  for (const [kind, value] of evidenceIn(evidence)) {
    const principals = EVIDENCE_KINDS[kind].principals as ((value: unknown) => string[]) | undefined;
    if (principals) named.push(...principals(value));
  }
  return named;
}

/** Logins and `@org/team`s a `when` names. */
export function conditionPrincipalsIn(condition: Condition): string[] {
  const named: string[] = [];
  for (const [kind, value] of conditionsIn(condition)) {
    const principals = CONDITION_KINDS[kind].principals as ((value: unknown) => string[]) | undefined;
    if (principals) named.push(...principals(value));
  }
  return named;
}

/** Some kind in the tree reads the diff's added lines. */
export function readsDiff(evidence: Evidence): boolean {
  for (const [kind] of evidenceIn(evidence)) if (EVIDENCE_KINDS[kind].readsDiff) return true;
  return false;
}

/** What only a pull request can show of the kinds in the tree, each once, e.g. `a linked issue`, `an approval`. */
export function evidenceNeedingPullRequest(evidence: Evidence): string[] {
  const needs = new Set<string>();
  for (const [kind] of evidenceIn(evidence)) {
    const need = EVIDENCE_KINDS[kind].needsPullRequest;
    if (need) needs.add(need);
  }
  return [...needs];
}

/** What only a pull request can show of the conditions in a `when`, each once, e.g. `its labels`. */
export function conditionsNeedingPullRequest(condition: Condition): string[] {
  const needs = new Set<string>();
  for (const [kind] of conditionsIn(condition)) {
    const need = CONDITION_KINDS[kind].needsPullRequest;
    if (need) needs.add(need);
  }
  return [...needs];
}
