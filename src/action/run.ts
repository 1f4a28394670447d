// The Action: the app's engine run once inside a workflow, with the workflow's token. It publishes the same
// check run and comment as the app; where the token can't write (pull requests from forks), the report goes to
// the job summary instead and the job itself carries the verdict.
import { readFileSync } from "node:fs";
import { CONFIG_PATH } from "../model/names.js";
import { refText } from "../model/pull-request.js";
import { evaluatePullRequest, type Evaluation, runPullRequest } from "../pipeline.js";
import type { ConfigFailure } from "../model/config-problems.js";
import { renderMarkdown, renderText } from "../report/text.js";
import { CliError } from "../cli/errors.js";
import { createGitHub, explainGitHubError } from "../cli/github.js";
import { failureText, compilerLine } from "../cli/problems.js";
import { actionTarget } from "./event.js";
import { annotation, appendSummary } from "./workflow.js";
import { dodIdentity } from "../model/identity.js";
import { trackerSettingsFromEnv } from "../trackers/settings.js";
import { DEFAULT_PREVIEW } from "../preview-run.js";

export interface ActionIo {
  stdout: (text: string) => void;
  env: NodeJS.ProcessEnv;
}

export async function runAction({ stdout, env }: ActionIo): Promise<number> {
  const fail = (message: string) => {
    stdout(annotation("error", message));
    return 1;
  };
  const eventName = env.GITHUB_EVENT_NAME ?? "";
  if (!env.GITHUB_EVENT_PATH) return fail("GITHUB_EVENT_PATH is not set: dod's action runs inside GitHub Actions");
  let payload: unknown;
  try {
    payload = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, "utf8"));
  } catch (error) {
    return fail(`can't read the event at ${env.GITHUB_EVENT_PATH}: ${(error as Error).message}`);
  }
  const target = actionTarget(eventName, payload as object, env.GITHUB_REPOSITORY);
  if (typeof target === "string") {
    stdout(annotation("notice", `dod: nothing to check — ${target}`));
    return 0;
  }
  const { ref } = target;

  // The Action writes with GITHUB_TOKEN, as no app of its own: dod's check is told by its name.
  const identity = dodIdentity();
  let evaluation: Evaluation;
  try {
    const github = createGitHub(env, env.INPUT_TOKEN || env.GITHUB_TOKEN, "dod-action");
    evaluation = await evaluatePullRequest(github, ref, identity, undefined, trackerSettingsFromEnv(env));
    const { outcome } = evaluation;
    stdout(
      outcome.kind === "report"
        ? renderText(outcome.report, { color: false })
        : failureText(outcome.failure, "the base branch"),
    );
    try {
      // A pull request that edits done.yml shows, as in the app, what the proposed rules would do to the others.
      const published = await runPullRequest(github, ref, {
        evaluation,
        commentIds: target.commentIds,
        identity,
        preview: DEFAULT_PREVIEW,
      });
      stdout(`Published to ${refText(ref)}: check run ${published.checkRun}, comment ${published.comment}.\n`);
      appendSummary(env, summary(evaluation));
      return 0;
    } catch (error) {
      if ((error as { status?: number }).status !== 403) throw error;
      // A read-only token: pull requests from forks on `pull_request`, or a workflow without `checks: write`.
      const why = target.fromFork
        ? "this pull request comes from a fork, so the workflow's token is read-only"
        : "the workflow's token may not write checks or comments (give the job `checks: write` and `pull-requests: write`)";
      stdout(
        annotation(
          "warning",
          `dod could not publish its check run: ${why}. The report is in the job summary, and this job carries the verdict.`,
        ),
      );
      appendSummary(env, summary(evaluation));
      if (outcome.kind === "config-failure") return failureAnnotations(outcome.failure, stdout);
      const { report } = outcome;
      // Advisory mode (neutral) and items waiting on other checks (pending) warn without failing, as the check would.
      if (report.conclusion === "failure") return fail(`Definition of Done: ${report.title}`);
      if (report.conclusion !== "success") stdout(annotation("warning", `Definition of Done: ${report.title}`));
      return 0;
    }
  } catch (error) {
    const explained = error instanceof CliError ? error : explainGitHubError(error, ref);
    return fail(explained.message);
  }
}

function summary({ outcome }: Evaluation): string {
  if (outcome.kind === "report") return renderMarkdown(outcome.report);
  const { failure } = outcome;
  if (failure.kind === "missing")
    return `## Definition of Done\nNo \`${CONFIG_PATH}\` on the base branch: nothing to check.\n`;
  return `## Definition of Done\n\`${failure.file}\` is invalid:\n\n${failure.problems.map((p) => `- \`${compilerLine(p)}\``).join("\n")}\n`;
}

function failureAnnotations(failure: ConfigFailure, stdout: (text: string) => void): number {
  if (failure.kind === "missing") return 0;
  for (const p of failure.problems) {
    stdout(
      annotation("error", `${p.path ? `${p.path}: ` : ""}${p.message}`, { file: p.file, line: p.line, col: p.column }),
    );
  }
  return 1;
}
