// `dod check`: the report the check run would show, for a pull request on GitHub or for local changes.
import { refText } from "../model/pull-request.js";
import { evaluatePullRequest, type Evaluation, runPullRequest } from "../pipeline.js";
import { format, parse } from "./args.js";
import type { Command } from "./command.js";
import { CliError, EXIT } from "./errors.js";
import { createGitHub, explainGitHubError } from "./github.js";
import { useColor } from "./io.js";
import { checkLocal } from "./local.js";
import { exitCodeFor, renderReport, REPORT_FORMATS } from "./output.js";
import { failureText, problemLines } from "./problems.js";
import { parsePullRequestRef } from "./ref.js";
import { dodIdentity } from "../model/identity.js";
import { trackerSettingsFromEnv } from "../trackers/settings.js";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";

const POST_FORBIDDEN =
  "GitHub refused to publish (403): only GitHub Apps may create check runs, so --post needs an App installation token or the Actions GITHUB_TOKEN (with checks: write and pull-requests: write), not a personal token";

/**
 * GitHub's 403 for a token that is not an App's: "You must authenticate via a GitHub App." (classic personal token)
 * or "Resource not accessible by personal access token" (fine-grained). Any other 403 (an App token without
 * checks: write, a rate limit) is explained as it is.
 */
function isNotAnAppToken(error: unknown): boolean {
  const { status, message = "" } = error as { status?: number; message?: string };
  return status === 403 && /authenticate via a GitHub App|by personal access token/i.test(message);
}

const USAGE = `Usage: dod check <owner>/<repo>#<number> [--format text|json|md] [--post] [--config <file>]
       dod check <pull request URL> [...]
       dod check --local [--base <branch>] [--body <file>] [--org-config <file>] [--format text|json|md]

Evaluates a pull request against the definition of done (.github/done.yml) of its base branch and prints the
report its check run would show: coloured on a terminal, plain when piped.

Options:
  --format <f>         text (default), json (the report as data) or md (the comment's Markdown)
  --post               also publish the check run and the sticky comment, exactly as the app would; only
                       GitHub Apps may create check runs, so it needs an App installation token or the
                       Actions GITHUB_TOKEN (checks and pull requests: write); without it nothing is written
  --local              before a pull request exists: judge the working tree's changes against a base branch,
                       using git; criteria that need the pull request are listed as "needs the PR"
  --base <branch>      with --local: the branch the change will merge into (default: origin's default
                       branch, else main); its .github/done.yml is the config
  --body <file>        with --local: the pull request description to judge (\`-\` reads stdin)
  --org-config <file>  with --local: the organisation's done.yml, for a config that says \`extends: org\`
  --config <file>      judge the pull request by this proposed done.yml instead of its base branch's (with
                       the organisation's file, if it extends it); can't be used with --post or --local
  -h, --help           show this help

Environment:
  GITHUB_TOKEN         a token that can read the repository (required unless --local)
  GITHUB_API_URL       the API's base URL (default https://api.github.com; GitHub Enterprise:
                       https://HOST/api/v3)
  NO_COLOR / FORCE_COLOR  never / always colour the text report

Exit codes: 0 done, 1 items missing (or still pending), 2 error (bad token, no such pull request, invalid
config, bad usage).
`;

const OPTIONS = {
  format: { type: "string" },
  post: { type: "boolean" },
  local: { type: "boolean" },
  base: { type: "string" },
  body: { type: "string" },
  "org-config": { type: "string" },
  config: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

export const checkCommand: Command = {
  summary: "evaluate a pull request (or local changes with --local) against the definition of done",
  usage: USAGE,
  options: OPTIONS,
  async run(args, io) {
    const { values, positionals } = parse(args, OPTIONS, USAGE, 1);
    const fmt = format(values.format, REPORT_FORMATS, "text", USAGE);
    if (values.config !== undefined && (values.post || values.local))
      throw new CliError(`--config can't be used with --${values.post ? "post" : "local"}`, 2, USAGE);
    if (values.local) {
      if (positionals.length > 0) throw new CliError("--local judges the working tree: give no pull request", 2, USAGE);
      if (values.post) throw new CliError("--post needs a pull request: it can't be used with --local", 2, USAGE);
      return checkLocal({ base: values.base, body: values.body, orgConfig: values["org-config"], format: fmt }, io);
    }
    for (const flag of ["base", "body", "org-config"] as const) {
      if (values[flag] !== undefined) throw new CliError(`--${flag} only applies with --local`, 2, USAGE);
    }
    const target = positionals[0];
    if (target === undefined) throw new CliError("which pull request? e.g. `dod check octo/app#12`", 2, USAGE);
    const ref = parsePullRequestRef(target);
    if (!ref) throw new CliError(`"${target}" is not a pull request: use owner/repo#number or its URL`, 2, USAGE);

    const github = createGitHub(io.env, io.env.GITHUB_TOKEN);
    // No app id here: dod's check is told by its name.
    const identity = dodIdentity();
    let evaluation: Evaluation;
    try {
      evaluation = await evaluatePullRequest(
        github,
        ref,
        identity,
        undefined,
        trackerSettingsFromEnv(io.env),
        values.config === undefined ? undefined : { file: values.config, text: readProposed(values.config, io.cwd) },
      );
    } catch (error) {
      throw explainGitHubError(error, ref);
    }
    if (values.post) {
      try {
        const published = await runPullRequest(github, ref, { evaluation, identity });
        io.stderr(`Published to ${refText(ref)}: check run ${published.checkRun}, comment ${published.comment}.\n`);
      } catch (error) {
        // A personal access token reads fine but gets 403 here: GitHub lets only Apps write check runs.
        if (isNotAnAppToken(error)) throw new CliError(POST_FORBIDDEN);
        throw explainGitHubError(error, ref);
      }
    }
    const { outcome, facts } = evaluation;
    switch (outcome.kind) {
      case "config-failure":
        if (fmt === "json") io.stdout(`${JSON.stringify({ failure: outcome.failure }, null, 2)}\n`);
        io.stderr(
          values.config === undefined
            ? failureText(outcome.failure, `${refText(ref)}'s base branch (${facts.base.ref})`)
            : `${values.config} is invalid (${outcome.failure.problems.length} problem${outcome.failure.problems.length === 1 ? "" : "s"}):\n${problemLines(outcome.failure.problems)}`,
        );
        return EXIT.error;
      case "report":
        io.stdout(renderReport(outcome.report, fmt, useColor(io)));
        return exitCodeFor(outcome.report);
    }
  },
};

/** The proposed done.yml `--config` names. */
function readProposed(path: string, cwd: string): string {
  try {
    return readFileSync(resolve(cwd, path), "utf8");
  } catch (error) {
    throw new CliError(`can't read ${path}: ${(error as Error).message}`);
  }
}
