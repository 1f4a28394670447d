// What a pull request's edit of done.yml does to the definition of done, in sentences for the report.
// "Loosens" means fewer pull requests have to do something, or it is easier to do; "tightens" the opposite.
import type { ConfigChange } from "../model/config-problems.js";
import type { LoadResult } from "./resolve.js";
import { CONDITION_KINDS, type ConditionWords, conditionKindNames, EVIDENCE_KINDS } from "./kinds.js";
import type { Condition, Evidence, ResolvedConfig, ResolvedCriterion } from "./schema.js";

type Change = ConfigChange["changes"][number];

const code = (values: readonly string[]) => values.map((v) => `\`${v}\``).join(", ");
const list = (value: string | string[] | undefined): string[] => (value === undefined ? [] : [value].flat());
const minus = (a: readonly string[], b: readonly string[]) => a.filter((x) => !b.includes(x));
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export function describeConfigChange(base: ResolvedConfig, head: LoadResult, file: string): ConfigChange {
  if (!head.ok) {
    if (head.failure.kind === "missing") {
      return {
        file,
        problems: [],
        changes: [
          { kind: "removed", text: "removes the definition of done: pull requests would no longer be checked" },
        ],
      };
    }
    return { file, problems: head.failure.problems, changes: [] };
  }
  const next = head.config;
  const changes: Change[] = [];

  if (base.mode !== next.mode) {
    changes.push(
      next.mode === "advisory"
        ? { kind: "loosened", text: "makes the check advisory: missing items no longer fail it" }
        : { kind: "tightened", text: "makes the check blocking: missing items fail it" },
    );
  }
  if (base.comment !== next.comment)
    changes.push({ kind: "changed", text: `comments \`${next.comment}\` instead of \`${base.comment}\`` });
  if (base.mention !== next.mention) {
    const text =
      next.mention === "owners-on-missing"
        ? "notifies an item's owners once when it first goes missing (`mention: owners-on-missing`)"
        : "no longer notifies owners when an item goes missing (`mention: never`)";
    changes.push({ kind: "changed", text });
  }
  for (const role of ["product", "engineering"] as const) {
    const added = minus(next.owners[role], base.owners[role]);
    const removed = minus(base.owners[role], next.owners[role]);
    if (added.length > 0) changes.push({ kind: "changed", text: `adds ${code(added)} to the ${role} owners` });
    if (removed.length > 0) changes.push({ kind: "changed", text: `removes ${code(removed)} from the ${role} owners` });
  }

  const before = new Map(base.criteria.map((c) => [c.id, c]));
  const after = new Map(next.criteria.map((c) => [c.id, c]));
  for (const [id, old] of before) {
    if (!after.has(id)) changes.push({ kind: "removed", text: `removes \`${id}\` (${old.owner})` });
  }
  for (const [id, criterion] of after) {
    const old = before.get(id);
    if (!old) changes.push({ kind: "added", text: `adds \`${id}\` (${criterion.owner})` });
    else changes.push(...criterionChanges(old, criterion));
  }

  if (!same(base.releases, next.releases))
    changes.push({ kind: "changed", text: "changes how releases are grouped on the dashboard" });
  if (!same(base.dashboard, next.dashboard)) changes.push({ kind: "changed", text: "changes the dashboard settings" });
  return { file, problems: [], changes };
}

function criterionChanges(old: ResolvedCriterion, next: ResolvedCriterion): Change[] {
  const id = `\`${next.id}\``;
  const changes: Change[] = [];
  if (old.owner !== next.owner)
    changes.push({ kind: "changed", text: `moves ${id} from ${old.owner} to ${next.owner}` });
  if (old.title !== next.title || old.hint !== next.hint) changes.push({ kind: "changed", text: `rewords ${id}` });
  for (const [kind, text] of whenChanges(old.when, next.when))
    changes.push({
      kind,
      text: `${kind === "loosened" ? "loosens" : kind === "tightened" ? "tightens" : "changes"} ${id}: ${text}`,
    });
  for (const [kind, text] of requireChanges(old.require, next.require))
    changes.push({
      kind,
      text: `${kind === "loosened" ? "loosens" : kind === "tightened" ? "tightens" : "changes"} ${id}: ${text}`,
    });
  if (old.waivable !== next.waivable) {
    changes.push(
      next.waivable
        ? { kind: "loosened", text: `loosens ${id}: it can be waived again` }
        : { kind: "tightened", text: `tightens ${id}: it can no longer be waived` },
    );
  }
  return changes;
}

type Finding = [Change["kind"], string];

/** Glob lists where more patterns mean "more": included patterns widen, `!` patterns narrow. */
function globFindings(
  old: string[] | undefined,
  next: string[] | undefined,
  wider: Finding[0],
  narrower: Finding[0],
  what: string,
): Finding[] {
  const a = old ?? [];
  const b = next ?? [];
  const findings: Finding[] = [];
  const includes = (globs: string[]) => globs.filter((g) => !g.startsWith("!"));
  const excludes = (globs: string[]) => globs.filter((g) => g.startsWith("!")).map((g) => g.slice(1));
  const addedIn = minus(includes(b), includes(a));
  const removedIn = minus(includes(a), includes(b));
  const addedEx = minus(excludes(b), excludes(a));
  const removedEx = minus(excludes(a), excludes(b));
  if (removedIn.length > 0) findings.push([narrower, `${what} no longer covers ${code(removedIn)}`]);
  if (addedIn.length > 0) findings.push([wider, `${what} now also covers ${code(addedIn)}`]);
  if (addedEx.length > 0) findings.push([narrower, `${what} now excludes ${code(addedEx)}`]);
  if (removedEx.length > 0) findings.push([wider, `${what} no longer excludes ${code(removedEx)}`]);
  return findings;
}

function whenChanges(old: Condition | undefined, next: Condition | undefined): Finding[] {
  if (same(old, next)) return [];
  if (!old) return [["loosened", "it no longer applies to every pull request"]];
  if (!next) return [["tightened", "it now applies to every pull request"]];
  const regrouped = regroupedWhen(old, next);
  if (regrouped) return [regrouped];
  const findings: Finding[] = [];
  for (const key of conditionKindNames) {
    if (!same(old[key], next[key]))
      findings.push(...conditionFindings(CONDITION_KINDS[key].words, old[key], next[key]));
  }
  findings.push(...nestedWhen("any", old.any, next.any), ...nestedWhen("all", old.all, next.all));
  return findings;
}

/**
 * A condition key that appears adds a restriction (fewer pull requests: "loosened"); one that disappears lifts it.
 * The words come from the kind (kinds.ts), the strategy from how the kind restricts.
 */
function conditionFindings(words: ConditionWords, old: unknown, next: unknown): Finding[] {
  switch (words.compare) {
    case "globs": {
      const [a, b] = [old as string[] | undefined, next as string[] | undefined];
      if (!a && b) return [["loosened", `it now applies only when ${words.subject} ${code(b)}`]];
      if (a && !b) return [["tightened", `${words.what} no longer limits which ${words.limits} it applies to`]];
      return globFindings(a, b, "tightened", "loosened", words.what);
    }
    case "any-of": {
      const [a, b] = [old as string[] | undefined, next as string[] | undefined];
      if (!a && b) return [["loosened", `it now applies only to pull requests ${words.phrase} ${code(b)}`]];
      if (a && !b) return [["tightened", words.unlimited]];
      const findings: Finding[] = [];
      const added = minus(b ?? [], a ?? []);
      const removed = minus(a ?? [], b ?? []);
      if (removed.length > 0)
        findings.push(["loosened", `it no longer applies to pull requests ${words.phrase} ${code(removed)}`]);
      if (added.length > 0)
        findings.push(["tightened", `it now also applies to pull requests ${words.phrase} ${code(added)}`]);
      return findings;
    }
    case "none-of": {
      const findings: Finding[] = [];
      const added = minus((next as string[] | undefined) ?? [], (old as string[] | undefined) ?? []);
      const removed = minus((old as string[] | undefined) ?? [], (next as string[] | undefined) ?? []);
      if (added.length > 0) findings.push(["loosened", `it now skips pull requests ${words.phrase} ${code(added)}`]);
      if (removed.length > 0)
        findings.push(["tightened", `it no longer skips pull requests ${words.phrase} ${code(removed)}`]);
      return findings;
    }
    case "draft":
      return [draftChange(old as boolean | undefined, next as boolean | undefined)];
  }
}

/** `draft: true` applies only to drafts, `false` only to PRs ready for review; absent, to both. */
function draftChange(old: boolean | undefined, next: boolean | undefined): Finding {
  if (old === undefined)
    return ["loosened", next ? "it now applies only to draft pull requests" : "it now skips draft pull requests"];
  if (next === undefined)
    return [
      "tightened",
      old ? "it now applies to pull requests ready for review too" : "it now applies to draft pull requests too",
    ];
  return [
    "changed",
    next
      ? "it now applies only to draft pull requests instead of only to ones ready for review"
      : "it now applies only to pull requests ready for review instead of only to drafts",
  ];
}

/**
 * The old `when` kept whole as one item of a new `any` or `all` (or the reverse): `any: [old, …]` applies to at
 * least the pull requests the old one did, `all: [old, …]` to at most those.
 */
function regroupedWhen(old: Condition, next: Condition): Finding | undefined {
  const only = (c: Condition, key: "any" | "all") => Object.keys(c).length === 1 && c[key] !== undefined;
  const contains = (items: Condition[] | undefined, c: Condition) => (items ?? []).some((item) => same(item, c));
  if (only(next, "any") && contains(next.any, old)) {
    return [
      "tightened",
      `its \`when\` became \`any\` of the old condition and ${others(next.any!.length - 1)}, so it applies to more pull requests`,
    ];
  }
  if (only(old, "any") && contains(old.any, next)) {
    return [
      "loosened",
      `its \`when\` keeps one of its \`any\` alternatives and drops ${others(old.any!.length - 1)}, so it applies to fewer pull requests`,
    ];
  }
  if (only(next, "all") && contains(next.all, old)) {
    return [
      "loosened",
      `its \`when\` became \`all\` of the old condition and ${others(next.all!.length - 1)}, so it applies to fewer pull requests`,
    ];
  }
  if (only(old, "all") && contains(old.all, next)) {
    return [
      "tightened",
      `its \`when\` keeps one of its \`all\` conditions and drops ${others(old.all!.length - 1)}, so it applies to more pull requests`,
    ];
  }
  return undefined;
}

const others = (n: number) => (n === 1 ? "one other" : `${n} others`);

/** `any`/`all` lists: compared item by item when only items changed, by which items were kept otherwise. */
function nestedWhen(key: "any" | "all", old: Condition[] | undefined, next: Condition[] | undefined): Finding[] {
  if (same(old, next)) return [];
  if (!old) return [["loosened", `it now applies only when its \`when.${key}\` conditions hold`]];
  if (!next) return [["tightened", `its \`when\` no longer has \`${key}\` conditions`]];
  if (old.length === next.length) return old.flatMap((item, i) => whenChanges(item, next[i]));
  // More alternatives in `any` admit more pull requests; more conditions in `all` admit fewer. That holds only when
  // the old items are all kept (or the new ones are all old ones); otherwise the lists were rewritten.
  const subset = (a: Condition[], b: Condition[]) => a.every((item) => b.some((other) => same(item, other)));
  const more = next.length > old.length;
  if (!(more ? subset(old, next) : subset(next, old)))
    return [["changed", `its \`when.${key}\` ${key === "any" ? "alternatives" : "conditions"} were rewritten`]];
  const wider = key === "any" ? more : !more;
  const count = key === "any" ? `${more ? "more" : "fewer"} alternatives` : `${more ? "more" : "fewer"} conditions`;
  return [
    [
      wider ? "tightened" : "loosened",
      `its \`when.${key}\` has ${count}, so it applies to ${wider ? "more" : "fewer"} pull requests`,
    ],
  ];
}

/** What the config diff calls each key of `require`. */
const requireName = (key: keyof Evidence): string =>
  key === "any"
    ? "one of several kinds of evidence"
    : key === "all"
      ? "several kinds of evidence"
      : EVIDENCE_KINDS[key].name;

function requireChanges(old: Evidence, next: Evidence): Finding[] {
  if (same(old, next)) return [];
  const findings: Finding[] = [];
  const oldKeys = Object.keys(old) as (keyof Evidence)[];
  const nextKeys = Object.keys(next) as (keyof Evidence)[];
  // Every key of `require` must be met, so a key removed is less to do and a key added is more.
  for (const key of minus(oldKeys, nextKeys) as (keyof Evidence)[])
    findings.push(["loosened", `it no longer requires ${requireName(key)} (\`${key}\`)`]);
  for (const key of minus(nextKeys, oldKeys) as (keyof Evidence)[])
    findings.push(["tightened", `it now also requires ${requireName(key)} (\`${key}\`)`]);
  for (const key of nextKeys.filter((k) => oldKeys.includes(k))) {
    if (same(old[key], next[key])) continue;
    const accepts = key === "any" || key === "all" ? undefined : EVIDENCE_KINDS[key].accepts;
    if (accepts === "globs") {
      // Any one matching file is enough, so more patterns accept more evidence.
      const [a, b] = [old[key] as string[], next[key] as string[]];
      findings.push(
        ...globFindings(a, b, "loosened", "tightened", `\`require.${key}\``).map(
          ([kind, text]): Finding => [kind, text.replace("covers", "accepts")],
        ),
      );
    } else if (accepts === "names") {
      const added = minus(list(next[key] as string | string[]), list(old[key] as string | string[]));
      const removed = minus(list(old[key] as string | string[]), list(next[key] as string | string[]));
      if (added.length > 0) findings.push(["loosened", `\`require.${key}\` now also accepts ${code(added)}`]);
      if (removed.length > 0) findings.push(["tightened", `\`require.${key}\` no longer accepts ${code(removed)}`]);
    } else if ((key === "any" || key === "all") && old[key]?.length === next[key]?.length) {
      findings.push(...old[key]!.flatMap((item, i) => requireChanges(item, next[key]![i]!)));
    } else if (key === "any") {
      const more = (next.any?.length ?? 0) > (old.any?.length ?? 0);
      findings.push([
        more ? "loosened" : "tightened",
        more ? "it accepts more kinds of evidence" : "it accepts fewer kinds of evidence",
      ]);
    } else if (key === "all") {
      const more = (next.all?.length ?? 0) > (old.all?.length ?? 0);
      findings.push([
        more ? "tightened" : "loosened",
        more ? "it requires more kinds of evidence" : "it requires fewer kinds of evidence",
      ]);
    } else {
      findings.push(["changed", `\`require.${key}\` changed`]);
    }
  }
  return findings;
}
