// Merge queues: when "Definition of Done" is a required check on a branch with a merge queue, GitHub asks for it
// on each merge group's commit too, and waits for it until the group times out.
import type { Context } from "probot";
import type { MergeGroupJob } from "../queue/job.js";
import { jobBase } from "./job-base.js";

export const MERGE_GROUP_EVENTS = ["merge_group.checks_requested"] as const;

export function mergeGroupJob(context: Context<"merge_group">): MergeGroupJob {
  const { merge_group } = context.payload;
  return { ...jobBase(context), kind: "merge_group", sha: merge_group.head_sha, headRef: merge_group.head_ref };
}
