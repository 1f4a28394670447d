// Added lines per file, for `diff_contains`. GraphQL has no patches, so this is the one REST read, made only
// when a criterion that applies needs it.
import type { GitHub } from "./client.js";
import type { PullRequestRef } from "../model/pull-request.js";

export async function gatherAddedLines(github: GitHub, ref: PullRequestRef): Promise<Record<string, string[]>> {
  const files = await github.paginate(github.rest.pulls.listFiles, {
    owner: ref.owner,
    repo: ref.repo,
    pull_number: ref.number,
    per_page: 100,
  });
  return Object.fromEntries(files.map((file) => [file.filename, addedLines(file.patch ?? "")]));
}

function addedLines(patch: string): string[] {
  return patch
    .split("\n")
    .filter((line) => line.startsWith("+") && !line.startsWith("+++"))
    .map((line) => line.slice(1));
}
