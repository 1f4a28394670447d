// What a config looks at besides files and text: the checks its `check:` requirements name, the labels its
// conditions, `label:` requirements and dashboard name, and whether any requirement reads approvals. An event about anything else cannot change a verdict, so
// the app skips it without reading GitHub (the config is cached per base commit, see github/cache.ts).
import type { Condition, Evidence, ResolvedConfig } from "../config/schema.js";
import { Minimatch } from "minimatch";
import { nameMatcher } from "./globs.js";

export interface ConfigReferences {
  /** Globs of every check `check:` requirements name. */
  checks: string[];
  /** Lower-case labels that `when` conditions and `label:` requirements name. */
  labels: string[];
  /**
   * Some `approved_by:` requirement reads reviews. Absent in references cached before it was recorded: unknown.
   * (Approvals also decide the built-in approval of a change to done.yml: that is the pull request's, not the
   * config's, see github/heads.ts.)
   */
  approvals?: boolean;
  /** What the dashboard issue reads from labels: release labels (a glob) and capacity groups' labels. */
  dashboard: { issue: boolean; releaseLabel: string | null; capacityLabels: string[] };
}

/** A config that could not be loaded: its check run says so whatever the checks and labels. */
export const NO_REFERENCES: ConfigReferences = {
  checks: [],
  labels: [],
  approvals: false,
  dashboard: { issue: false, releaseLabel: null, capacityLabels: [] },
};

export function configReferences(config: ResolvedConfig): ConfigReferences {
  const checks = new Set<string>();
  const labels = new Set<string>();
  let approvals = false;
  const inEvidence = (e: Evidence) => {
    if (e.check) checks.add(e.check);
    if (e.approved_by !== undefined) approvals = true;
    for (const label of e.label === undefined ? [] : [e.label].flat()) labels.add(label.toLowerCase());
    e.all?.forEach(inEvidence);
    e.any?.forEach(inEvidence);
  };
  const inCondition = (c: Condition) => {
    for (const label of [...(c.labels ?? []), ...(c.labels_absent ?? [])]) labels.add(label.toLowerCase());
    c.all?.forEach(inCondition);
    c.any?.forEach(inCondition);
  };
  for (const criterion of config.criteria) {
    inEvidence(criterion.require);
    if (criterion.when) inCondition(criterion.when);
  }
  const capacity = config.dashboard.capacity;
  return {
    checks: [...checks],
    labels: [...labels],
    approvals,
    dashboard: {
      issue: config.dashboard.issue,
      releaseLabel: config.releases.by === "label" ? (config.releases.label ?? "release/*") : null,
      capacityLabels: capacity
        ? Object.values(capacity.groups)
            .flat()
            .map((l) => l.toLowerCase())
        : [],
    },
  };
}

/** Does some `check:` requirement name this check (or commit status)? */
export const namesCheck = (refs: ConfigReferences, name: string): boolean =>
  refs.checks.some((glob) => nameMatcher(glob)(name));

/** Does a condition or requirement name this label? */
export const namesLabel = (refs: ConfigReferences, label: string): boolean => refs.labels.includes(label.toLowerCase());

/** Does the dashboard issue group or count pull requests by this label (release labels, capacity groups)? */
export function dashboardReadsLabel(refs: ConfigReferences, label: string): boolean {
  const { issue, releaseLabel, capacityLabels } = refs.dashboard;
  if (!issue) return false;
  if (capacityLabels.includes(label.toLowerCase())) return true;
  return releaseLabel !== null && new Minimatch(releaseLabel, { nocase: true }).match(label);
}
