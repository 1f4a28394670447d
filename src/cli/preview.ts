// `dod preview owner/repo --config FILE`: what a proposed done.yml would do to the repository's open and latest
// merged pull requests, before anyone opens a pull request with it.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { loadConfig } from "../config/resolve.js";
import { MAX_LISTED } from "../github/gather-many.js";
import { readRepositoryConfig } from "../github/repository-config.js";
import { dodIdentity } from "../model/identity.js";
import { CONFIG_PATH } from "../model/names.js";
import { DEFAULT_PREVIEW, previewConfigChange } from "../preview-run.js";
import { previewLines, previewText } from "../report/preview.js";
import { format, parse } from "./args.js";
import type { Command } from "./command.js";
import { CliError, EXIT } from "./errors.js";
import { createGitHub, explainGitHubError } from "./github.js";
import { failureText, problemLines } from "./problems.js";

const USAGE = `Usage: dod preview <owner>/<repo> --config <file> [--merged N] [--open N] [--format text|md|json]

Judges the repository's open pull requests and its latest merged ones by its current definition of done
(${CONFIG_PATH} on the default branch, over the organisation's file if it extends it) and by a proposed file,
and prints what changes for each: items newly missing, items newly met, or no change; and, for each item the
file adds or changes, how many recently merged pull requests would have met it. For the organisation's file,
give its \`.github\` repository: the organisation's pull requests are judged.

Options:
  --config <file>   the proposed done.yml (required)
  --merged <n>      merged pull requests to judge (default ${DEFAULT_PREVIEW.merged}, at most ${MAX_LISTED})
  --open <n>        open pull requests to judge (default ${DEFAULT_PREVIEW.open}, at most ${MAX_LISTED})
  --format <f>      text (default), md (the section the pull request's comment shows) or json
  -h, --help        show this help

Environment:
  GITHUB_TOKEN      a token that can read the repository
  GITHUB_API_URL    the API's base URL (default https://api.github.com; GitHub Enterprise: https://HOST/api/v3)

Exit codes: 0 previewed, 2 error (invalid proposed file, no current file, bad token, bad usage).
`;

const OPTIONS = {
  config: { type: "string" },
  merged: { type: "string" },
  open: { type: "string" },
  format: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

const REPO = /^([A-Za-z0-9-]+)\/([A-Za-z0-9._-]+)$/;

function count(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > MAX_LISTED) {
    throw new CliError(`--${name} must be a whole number from 0 to ${MAX_LISTED} (got "${value}")`, EXIT.error, USAGE);
  }
  return n;
}

export const previewCommand: Command = {
  summary: "show what a proposed done.yml would change for a repository's open and recently merged pull requests",
  usage: USAGE,
  options: OPTIONS,
  async run(args, io) {
    const { values, positionals } = parse(args, OPTIONS, USAGE, 1);
    const fmt = format(values.format, ["text", "md", "json"] as const, "text", USAGE);
    const target = positionals[0];
    const match = target === undefined ? null : REPO.exec(target.trim());
    if (!match) throw new CliError("which repository? e.g. `dod preview octo/app --config done.yml`", 2, USAGE);
    const [, owner = "", repo = ""] = match;
    if (values.config === undefined) throw new CliError("--config is required: the proposed done.yml", 2, USAGE);
    const options = {
      open: count(values.open, "open", DEFAULT_PREVIEW.open),
      merged: count(values.merged, "merged", DEFAULT_PREVIEW.merged),
    };
    let proposed: string;
    try {
      proposed = readFileSync(resolve(io.cwd, values.config), "utf8");
    } catch (error) {
      throw new CliError(`can't read ${values.config}: ${(error as Error).message}`);
    }

    const github = createGitHub(io.env, io.env.GITHUB_TOKEN);
    const ref = { owner, repo, number: 0 };
    let current: Awaited<ReturnType<typeof readRepositoryConfig>>;
    try {
      current = await readRepositoryConfig(github, owner, repo);
    } catch (error) {
      const e = error as { name?: string; errors?: { type?: string }[] };
      if (e.name === "GraphqlResponseError" && e.errors?.every((x) => x.type === "NOT_FOUND"))
        throw new CliError(`No repository ${owner}/${repo} (or the token can't see it)`);
      throw explainGitHubError(error, ref);
    }
    // The proposed file's problems name it as the user did.
    const checked = loadConfig({ file: values.config, text: proposed, org: current.org });
    if (!checked.ok) {
      if (checked.failure.kind === "missing") throw new CliError(`${values.config} holds no definition of done`);
      io.stderr(
        `${values.config} is invalid, so there is nothing to preview:\n${problemLines(checked.failure.problems)}`,
      );
      return EXIT.error;
    }
    const now = loadConfig({ file: CONFIG_PATH, text: current.text, org: current.org });
    if (!now.ok) throw new CliError(failureText(now.failure, `${owner}/${repo}'s default branch`).trimEnd());

    let preview: Awaited<ReturnType<typeof previewConfigChange>>;
    try {
      preview = await previewConfigChange(github, {
        ref,
        headSha: "",
        texts: { current: current.text, proposed, org: current.org },
        options,
        identity: dodIdentity(),
      });
    } catch (error) {
      throw explainGitHubError(error, ref);
    }
    if (!preview) throw new CliError(`${values.config} can't be compared with ${owner}/${repo}'s ${CONFIG_PATH}`);
    if (fmt === "json") io.stdout(`${JSON.stringify(preview, null, 2)}\n`);
    else if (fmt === "md")
      io.stdout(
        `${previewLines(preview, "### What the proposed rules would do", CONFIG_PATH, `\`${owner}/${repo}\`'s \`${CONFIG_PATH}\` (now) and by \`${values.config}\` (proposed)`).join("\n")}\n`,
      );
    else io.stdout(previewText(preview));
    return EXIT.done;
  },
};
