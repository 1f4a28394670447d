// Rules the schema cannot express (see schema.ts): unique ids, non-empty conditions and evidence, each kind's own
// rules (kinds.ts: globs that can match, …), and names that refer to something that exists. Reads the document as written (before or
// without a successful schema check) and skips whatever is not the expected shape, so a file with schema
// errors still gets these problems reported too.
import type { ConfigProblem } from "../model/config-problems.js";
import { globCostProblem, globProblem } from "./globs.js";
import { braceExpansionSize, LIMITS } from "./limits.js";
import { CONDITION_KINDS, EVIDENCE_KINDS, type KindCheck } from "./kinds.js";
import { joinPath, type Locator, type PathSegment } from "./locate.js";
import { EXTENDS_VALUES } from "./schema.js";
import { closest } from "./suggest.js";

export { EXTENDS_VALUES };

type Reporter = ((path: PathSegment[], message: string, where?: { line: number; column: number }) => void) & {
  /** Globs seen so far (after alias expansion), for LIMITS.globs. */
  globs: number;
  /** Each distinct glob's problem (or none): an alias repeats a glob without compiling it again. */
  checked: Map<string, string | undefined>;
  /** Patterns the distinct globs expand to, for LIMITS.patterns. */
  patterns: number;
  exhausted: boolean;
};

const record = (value: unknown): Record<string, unknown> | undefined =>
  value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
const array = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const strings = (value: unknown): string[] | undefined =>
  Array.isArray(value) && value.every((v) => typeof v === "string") ? value : undefined;

export function validateConfig(raw: unknown, locate: Locator, file: string): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const report: Reporter = Object.assign(
    (path: PathSegment[], message: string, where = locate.value(path)) => {
      problems.push({ file, line: where.line, column: where.column, path: joinPath(path), message });
    },
    { globs: 0, checked: new Map<string, string | undefined>(), patterns: 0, exhausted: false },
  );
  const config = record(raw);
  if (!config) return problems;

  const extendsValue = config.extends;
  if (
    typeof extendsValue === "string" &&
    extendsValue !== "" &&
    !(EXTENDS_VALUES as readonly string[]).includes(extendsValue)
  ) {
    const guess = closest(extendsValue, EXTENDS_VALUES);
    const hint = guess ? ` — did you mean \`${guess}\`?` : ".";
    report(
      ["extends"],
      `unknown \`extends\` value \`${extendsValue}\`${hint} Valid values: ${EXTENDS_VALUES.join(", ")}`,
    );
  }

  const firstIndex = new Map<string, number>();
  array(config.criteria).forEach((item, index) => {
    const criterion = record(item);
    if (!criterion) return;
    const base: PathSegment[] = ["criteria", index];
    const id = criterion.id;
    if (typeof id === "string") {
      const earlier = firstIndex.get(id);
      if (earlier === undefined) firstIndex.set(id, index);
      else {
        const first = locate.value(["criteria", earlier, "id"]);
        report(
          [...base, "id"],
          `\`${id}\` is already the id of criteria.${earlier} (line ${first.line}): ids must be unique`,
        );
      }
    }
    if (criterion.when !== undefined) checkCondition(criterion.when, [...base, "when"], report);
    if (criterion.require !== undefined) checkEvidence(criterion.require, [...base, "require"], report);
  });

  const releases = record(config.releases);
  if (typeof releases?.label === "string") checkGlobs([releases.label], ["releases", "label"], report, false);
  if (releases?.by === "label" && releases.label === undefined) {
    report(["releases"], "with `by: label`, give the release label pattern too, e.g. `label: release/*`");
  }

  const capacity = record(record(config.dashboard)?.capacity);
  const target = record(capacity?.target);
  const groups = record(capacity?.groups);
  if (target && groups) {
    const names = Object.keys(groups);
    for (const name of Object.keys(target)) {
      if (names.includes(name)) continue;
      const guess = closest(name, names);
      const hint = guess
        ? ` — did you mean \`${guess}\`?`
        : names.length > 0
          ? ` (the groups are ${names.join(", ")})`
          : " (no groups are defined)";
      const path = ["dashboard", "capacity", "target", name];
      report(path, `\`${name}\` is not a group in \`capacity.groups\`${hint}`, locate.key(path));
    }
    const shares = Object.values(target);
    const valid = shares.every((share) => typeof share === "number" && share >= 0 && share <= 100);
    const total = shares.reduce<number>((sum, share) => sum + (typeof share === "number" ? share : 0), 0);
    if (valid && total > 100)
      report(["dashboard", "capacity", "target"], `the targets add up to ${total}%: they must add up to 100% or less`);
  }
  return problems;
}

function checkGlobs(value: unknown, path: PathSegment[], report: Reporter, list = true): void {
  const globs = strings(value);
  if (!globs) return;
  for (const [index, pattern] of globs.entries()) {
    const at = list ? [...path, index] : path;
    // The file's limits are reported once, where they are crossed; no glob after that is compiled.
    if (report.exhausted) return;
    if (++report.globs > LIMITS.globs) {
      report.exhausted = true;
      report(
        at,
        `more than ${LIMITS.globs} globs in the file (counting each use of an alias): use fewer, broader globs`,
      );
      return;
    }
    if (pattern === "") continue;
    let problem = report.checked.get(pattern);
    if (!report.checked.has(pattern)) {
      problem = globCostProblem(pattern);
      if (!problem) report.patterns += braceExpansionSize(pattern);
      if (report.patterns > LIMITS.patterns) {
        report.exhausted = true;
        const message = `the globs of the file expand to more than ${LIMITS.patterns} patterns through their \`{…}\``;
        report(at, `${message}: use fewer, broader globs`);
        return;
      }
      // A label glob is not a path: only its cost is checked.
      problem ??= list ? globProblem(pattern) : undefined;
      report.checked.set(pattern, problem);
    }
    if (problem) report(at, problem);
  }
}

/** Each kind's own rules (kinds.ts), at the kind's key below `path`. */
function checkKinds(
  kinds: Record<string, { validate?: (value: unknown, check: KindCheck) => void }>,
  given: Record<string, unknown>,
  path: PathSegment[],
  report: Reporter,
): void {
  for (const [key, kind] of Object.entries(kinds)) {
    if (given[key] === undefined || !kind.validate) continue;
    const here = [...path, key];
    kind.validate(given[key], {
      at: (sub, message) => report([...here, ...sub], message),
      globs: (value, sub = []) => checkGlobs(value, [...here, ...sub], report),
    });
  }
}

function checkCondition(value: unknown, path: PathSegment[], report: Reporter): void {
  const condition = record(value);
  if (!condition) return;
  if (Object.keys(condition).length === 0) {
    report(
      path,
      "`when` is empty: remove it to apply to every pull request, or add a condition such as `files` or `labels`",
    );
    return;
  }
  checkKinds(CONDITION_KINDS, condition, path, report);
  for (const [i, inner] of array(condition.any).entries()) checkCondition(inner, [...path, "any", i], report);
  for (const [i, inner] of array(condition.all).entries()) checkCondition(inner, [...path, "all", i], report);
}

function checkEvidence(value: unknown, path: PathSegment[], report: Reporter): void {
  const evidence = record(value);
  if (!evidence) return;
  if (Object.keys(evidence).length === 0) {
    report(
      path,
      "`require` is empty: say what shows the criterion is met, e.g. `files: [test/**]` or `label: reviewed`",
    );
    return;
  }
  checkKinds(EVIDENCE_KINDS, evidence, path, report);
  for (const [i, inner] of array(evidence.any).entries()) checkEvidence(inner, [...path, "any", i], report);
  for (const [i, inner] of array(evidence.all).entries()) checkEvidence(inner, [...path, "all", i], report);
}
