// Events that cannot change a verdict are skipped before they cost a request: a label no condition or requirement
// names, a finished check no `check:` requirement names. What the config names is known per base commit from an
// earlier evaluation (github/cache.ts); an event whose base commit was never evaluated is always evaluated.
import type { Context } from "probot";
import { type ConfigReferences, dashboardReadsLabel, namesCheck, namesLabel } from "../criteria/references.js";
import type { PullRequestJob } from "../queue/job.js";

export type ReferencesOf = (owner: string, repo: string, baseSha: string) => Promise<ConfigReferences | undefined>;

export interface Relevance {
  /** Why the event cannot change the verdict; absent when it must be evaluated. */
  skip?: string;
  /** The event changes what the dashboard issue shows (a release label), verdict or not. */
  dashboard?: boolean;
}

const short = (sha: string) => sha.slice(0, 7);

export async function pullRequestRelevance(
  context: Context<"pull_request" | "pull_request_review">,
  referencesOf: ReferencesOf,
): Promise<Relevance> {
  const { payload } = context;
  if (payload.action !== "labeled" && payload.action !== "unlabeled") return {};
  const label = "label" in payload ? payload.label?.name : undefined;
  if (!label) return {};
  const { owner, repo } = context.repo();
  const base = (payload.pull_request.base as { sha?: string } | undefined)?.sha;
  if (!base) return {};
  const refs = await referencesOf(owner, repo, base);
  if (!refs) return {};
  const dashboard = dashboardReadsLabel(refs, label);
  if (namesLabel(refs, label)) return { dashboard };
  return { skip: `no condition or requirement of the config at ${short(base)} names the label ${label}`, dashboard };
}

/** Why a finished check cannot change this pull request's verdict, if it cannot. */
export async function checkRelevance(
  context: Context<"check_run" | "check_suite">,
  job: PullRequestJob,
  referencesOf: ReferencesOf,
): Promise<Relevance> {
  const { payload } = context;
  // Re-runs and the Re-check button are asks to evaluate.
  if (payload.action !== "completed") return {};
  const unit = "check_run" in payload ? payload.check_run : payload.check_suite;
  const pr = unit.pull_requests.find((p) => p.number === job.number);
  const base = (pr?.base as { sha?: string } | undefined)?.sha;
  if (!base) return {};
  const refs = await referencesOf(job.owner, job.repo, base);
  if (!refs) return {};
  if (!("check_run" in payload)) {
    // Every run of the suite sent its own check_run.completed, judged by its name.
    return { skip: "a check suite finished; its check runs are judged one by one as they finish" };
  }
  const name = payload.check_run.name;
  if (namesCheck(refs, name)) return {};
  return { skip: `no check requirement of the config at ${short(base)} names the check ${name}` };
}
