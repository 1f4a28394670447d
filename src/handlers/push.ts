// Pushes that change the rules: a commit on a branch that edits its done.yml changes the verdict of every open pull
// request into that branch (rules come from the base branch), and one on the default branch of the organisation's
// `.github` repository changes it for pull requests across the account. Any other push costs nothing.
import type { Context } from "probot";
import { CONFIG_PATH, ORG_CONFIG_REPO } from "../model/names.js";
import type { RulesJob } from "../queue/job.js";
import { jobBase } from "./job-base.js";

/** GitHub lists at most this many of a push's commits in its webhook: a push that fills the list may hide more. */
export const PUSH_COMMITS_LISTED = 2048;

const BRANCH = "refs/heads/";

type PushPayload = Context<"push">["payload"];

/** Whether the push may have changed `.github/done.yml` on its branch. */
export function touchesRules(payload: Pick<PushPayload, "commits" | "forced" | "deleted">): boolean {
  if (payload.deleted) return false;
  // A force push can take a change back without any listed commit touching the file: compare nothing, re-judge.
  if (payload.forced || payload.commits.length >= PUSH_COMMITS_LISTED) return true;
  return payload.commits.some((commit) =>
    [commit.added, commit.modified, commit.removed].some((paths) => paths?.includes(CONFIG_PATH)),
  );
}

/**
 * The job that re-judges the open pull requests the push's rules apply to, or null when it changed no rules. A
 * force push counts only on the default branch: feature branches are force-pushed all day and rarely a base.
 */
export function rulesJob(context: Context<"push">): RulesJob | null {
  const { payload } = context;
  if (!payload.ref.startsWith(BRANCH)) return null;
  const branch = payload.ref.slice(BRANCH.length);
  const isDefault = branch === payload.repository.default_branch;
  if (!touchesRules({ ...payload, forced: payload.forced && isDefault })) return null;
  const owner = payload.repository.owner;
  const orgWide = isDefault && owner !== null && payload.repository.name.toLowerCase() === ORG_CONFIG_REPO;
  return {
    ...jobBase(context),
    kind: "rules",
    branch,
    ...(orgWide && { account: { login: owner.login, type: owner.type ?? "User" } }),
  };
}
