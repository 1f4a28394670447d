// What is wrong with a `done.yml`, and what a pull request's edit of one changes: product output, not log lines.

/** A located problem in a `done.yml`. Lines and columns are 1-based. */
export interface ConfigProblem {
  file: string;
  line: number;
  column: number;
  /** Dotted field path, e.g. `criteria.2.require.files`; empty for the document itself. */
  path: string;
  message: string;
}

/** What a pull request's edit of `done.yml` does to the definition of done. */
export interface ConfigChange {
  file: string;
  problems: ConfigProblem[];
  /** Sentences such as "adds `runbook` (engineering)" or "loosens `docs`: applies to fewer files". */
  changes: { kind: "added" | "removed" | "loosened" | "tightened" | "changed"; text: string }[];
}

/** A report for a repository whose config could not be used: no `done.yml`, or an invalid one. */
export interface ConfigFailure {
  kind: "missing" | "invalid";
  file: string;
  problems: ConfigProblem[];
}
