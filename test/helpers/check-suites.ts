// A check suite's `checkRuns` connection as GitHub filters it: by `checkName`, `appId`, `status`, and by
// `checkType` — LATEST keeps the newest run of each name, ALL keeps every run a re-run superseded too. GitHub's
// schema documents no default for `checkType`, so the double takes ALL when a query does not say: a query that
// wants the current verdict must ask for LATEST.
import { connection } from "./graphql-double.js";

export interface SuiteRun {
  name: string;
  databaseId: number;
  status?: string;
  [field: string]: unknown;
}

interface Filter {
  checkName?: string | null;
  checkType?: "ALL" | "LATEST" | null;
  status?: string | null;
}

/** `runs` oldest first, as GitHub creates them. */
export function checkRuns(runs: SuiteRun[]) {
  return (
    args: Parameters<ReturnType<typeof connection>>[0] & { filterBy?: Filter | null },
    context: unknown,
    info: { fieldName: string },
  ) => {
    const filter = args.filterBy ?? {};
    let kept = runs.filter(
      (run) =>
        (filter.checkName == null || run.name === filter.checkName) &&
        (filter.status == null || (run.status ?? "COMPLETED") === filter.status),
    );
    if (filter.checkType === "LATEST") {
      kept = kept.filter((run, i) => !kept.slice(i + 1).some((later) => later.name === run.name));
    }
    return connection(kept)(args, context, info);
  };
}
