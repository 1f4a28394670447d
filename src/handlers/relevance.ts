// Events that cannot change a verdict are skipped before they cost a request: a label no condition or requirement
// names, a finished check no `check:` requirement names or that finished as the last evaluation saw it, a review
// where no approval is read. What the config names is known per base commit from an earlier evaluation
// (github/cache.ts), what an evaluation saw per head commit (github/heads.ts); an event whose base or head commit
// was never evaluated is always evaluated.
import type { Context } from "probot";
import { type ConfigReferences, dashboardReadsLabel, namesCheck, namesLabel } from "../criteria/references.js";
import { type HeadRecord, seenAs } from "../github/heads.js";
import type { PullRequestJob } from "../queue/job.js";

export type ReferencesOf = (owner: string, repo: string, baseSha: string) => Promise<ConfigReferences | undefined>;
export type HeadOf = (owner: string, repo: string, headSha: string) => Promise<HeadRecord | undefined>;

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
  headOf: HeadOf,
): Promise<Relevance> {
  const { payload } = context;
  if ("review" in payload) return reviewRelevance(context as Context<"pull_request_review">, referencesOf, headOf);
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

/**
 * A review submitted or dismissed changes a verdict only through approvals: an `approved_by:` requirement, or the
 * built-in approval of a change to done.yml. With neither, the review cannot matter.
 */
async function reviewRelevance(
  context: Context<"pull_request_review">,
  referencesOf: ReferencesOf,
  headOf: HeadOf,
): Promise<Relevance> {
  const { pull_request } = context.payload;
  const { owner, repo } = context.repo();
  const base = (pull_request.base as { sha?: string } | undefined)?.sha;
  if (!base) return {};
  const refs = await referencesOf(owner, repo, base);
  if (refs?.approvals !== false) return {};
  const entry = (await headOf(owner, repo, pull_request.head.sha))?.[pull_request.number];
  if (entry?.base !== base || entry.changesConfig) return {};
  return {
    skip: `no approved_by requirement in the config at ${short(base)}, and ${short(pull_request.head.sha)} leaves done.yml alone: a review cannot change the verdict`,
  };
}

/** Why a finished check cannot change this pull request's verdict, if it cannot. */
export async function checkRelevance(
  context: Context<"check_run" | "check_suite">,
  job: PullRequestJob,
  referencesOf: ReferencesOf,
  headOf: HeadOf,
): Promise<Relevance> {
  const { payload } = context;
  // Re-runs and the Re-check button are asks to evaluate.
  if (payload.action !== "completed") return {};
  const unit = "check_run" in payload ? payload.check_run : payload.check_suite;
  const pr = unit.pull_requests.find((p) => p.number === job.number);
  const head = await headOf(job.owner, job.repo, unit.head_sha);
  // A fork's check lists no pull request: the base is the one its head was last evaluated on.
  const base = (pr?.base as { sha?: string } | undefined)?.sha ?? head?.[job.number]?.base;
  if (!base) return {};
  const refs = await referencesOf(job.owner, job.repo, base);
  if (!refs) return {};
  if (!("check_run" in payload)) {
    // Every run of the suite sent its own check_run.completed, judged by its name.
    return { skip: "a check suite finished; its check runs are judged one by one as they finish" };
  }
  const { name, conclusion } = payload.check_run;
  return finishedRelevance(refs, base, head?.[job.number], unit.head_sha, name, conclusion, "check");
}

/** A check or status that reached a final state matters if a requirement names it and it finished otherwise. */
function finishedRelevance(
  refs: ConfigReferences,
  base: string,
  entry: HeadRecord[string] | undefined,
  head: string,
  name: string,
  conclusion: string | null,
  what: "check" | "status",
): Relevance {
  if (!namesCheck(refs, name)) {
    return { skip: `no check requirement of the config at ${short(base)} names the ${what} ${name}` };
  }
  if (entry?.base === base && seenAs(entry, name, conclusion)) {
    return { skip: `the ${what} ${name} finished ${conclusion} again, as the evaluation of ${short(head)} saw it` };
  }
  return {};
}

/**
 * The pull requests a finished commit status concerns, when evaluations of its commit are known: each is skipped
 * if its config names no such status or it finished as already seen. Undefined when the commit was never
 * evaluated: the pull requests are then looked up.
 */
export async function statusRelevance(
  context: Context<"status">,
  referencesOf: ReferencesOf,
  headOf: HeadOf,
): Promise<{ number: number; skip?: string }[] | undefined> {
  const { payload } = context;
  const { owner, repo } = context.repo();
  const record = await headOf(owner, repo, payload.sha);
  if (!record || Object.keys(record).length === 0) return undefined;
  return Promise.all(
    Object.entries(record).map(async ([number, entry]) => {
      const refs = await referencesOf(owner, repo, entry.base);
      if (!refs) return { number: Number(number) };
      const { skip } = finishedRelevance(
        refs,
        entry.base,
        entry,
        payload.sha,
        payload.context,
        payload.state,
        "status",
      );
      return { number: Number(number), ...(skip && { skip }) };
    }),
  );
}
