// `dod check --local`: the working tree's changes judged against a base branch's definition of done, before a
// pull request exists. Same evaluate as the app; what needs the pull request is listed, not guessed.
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describeConfigChange } from "../config/diff.js";
import { parseConfig } from "../config/parse.js";
import { CONFIG_PATH } from "../model/names.js";
import { loadConfig } from "../config/resolve.js";
import { changesConfig } from "../criteria/config-approval.js";
import { evaluate, needsDiff } from "../criteria/evaluate.js";
import { blankFacts, type Facts } from "../model/facts.js";
import { renderJson, renderMarkdown, renderText } from "../report/text.js";
import { CliError, EXIT } from "./errors.js";
import { type Git, git as gitIn } from "./git.js";
import { type Io, useColor } from "./io.js";
import { localChange, localRepo } from "./local-facts.js";
import { localReport, type LocalReport } from "./local-report.js";
import type { ReportFormat } from "./output.js";
import { failureText } from "./problems.js";

export interface LocalOptions {
  base: string | undefined;
  body: string | undefined;
  orgConfig: string | undefined;
  format: ReportFormat;
}

export async function checkLocal(options: LocalOptions, io: Io): Promise<number> {
  const probe = gitIn(io.cwd);
  const top = probe.tryRun(["rev-parse", "--show-toplevel"])?.trim();
  if (!top) throw new CliError(`--local works in a git repository, and ${io.cwd} is not in one`);
  const git = gitIn(top);
  const base = options.base ?? defaultBase(git);
  if (git.tryRun(["rev-parse", "--verify", "--quiet", `${base}^{commit}`]) === null) {
    throw new CliError(`There is no branch "${base}" here: name the branch the change merges into with --base`);
  }
  const mergeBase = git.run(["merge-base", base, "HEAD"]).trim();
  const configText = git.tryRun(["show", `${base}:${CONFIG_PATH}`]);
  const org =
    options.orgConfig === undefined
      ? undefined
      : { file: options.orgConfig, text: readText(options.orgConfig, io, "--org-config") };
  if (configText !== null && !org) {
    const parsed = parseConfig(configText, CONFIG_PATH);
    if (parsed.ok && parsed.config.extends === "org") {
      throw new CliError(
        `${CONFIG_PATH} on ${base} extends the organisation's definition of done (\`extends: org\`), which --local can't fetch: ` +
          "pass a copy of it with --org-config <file>",
      );
    }
  }
  const loaded = loadConfig({ file: CONFIG_PATH, text: configText, ...(org && { org }) });
  if (!loaded.ok) {
    if (options.format === "json") io.stdout(`${JSON.stringify({ failure: loaded.failure }, null, 2)}\n`);
    io.stderr(failureText(loaded.failure, base));
    return EXIT.error;
  }

  const config = loaded.config;
  const change = localChange(git, top, mergeBase);
  const known = localFacts(
    git,
    top,
    base,
    change.files,
    options.body === undefined ? "" : readText(options.body, io, "--body"),
  );
  const facts = needsDiff(config, known) ? { ...known, addedLines: change.addedLines } : known;
  const configChange = changesConfig(facts)
    ? describeConfigChange(
        config,
        loadConfig({ file: CONFIG_PATH, text: workingCopy(join(top, CONFIG_PATH)), ...(org && { org }) }),
        CONFIG_PATH,
      )
    : undefined;
  const local = localReport(config, facts, evaluate(config, facts, { configChange }));

  io.stdout(renderLocal(local, options.format, useColor(io)));
  const { counts, configChange: changed } = local.report;
  return counts.missing + counts.error > 0 || (changed?.problems.length ?? 0) > 0 ? EXIT.missing : EXIT.done;
}

function defaultBase(git: Git): string {
  const remoteHead = git.tryRun(["symbolic-ref", "--quiet", "--short", "refs/remotes/origin/HEAD"])?.trim();
  return remoteHead || "main";
}

function readText(path: string, io: Io, option: string): string {
  try {
    return readFileSync(path === "-" ? 0 : resolve(io.cwd, path), "utf8");
  } catch (error) {
    throw new CliError(
      `${option}: can't read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
}

const workingCopy = (path: string) => (existsSync(path) ? readFileSync(path, "utf8") : null);

function localFacts(git: Git, root: string, base: string, files: Facts["files"], body: string): Facts {
  const branch = git.tryRun(["rev-parse", "--abbrev-ref", "HEAD"])?.trim() ?? "HEAD";
  return blankFacts({
    repo: localRepo(git, root),
    title: git.tryRun(["log", "-1", "--format=%s"])?.trim() ?? "",
    body,
    base: { ref: base.replace(/^origin\//, "") },
    head: { ref: branch, sha: git.tryRun(["rev-parse", "HEAD"])?.trim() ?? "" },
    files,
  });
}

function renderLocal({ report, needsPullRequest }: LocalReport, format: ReportFormat, color: boolean): string {
  if (format === "json") return renderJson({ ...report, needsPullRequest } as typeof report);
  if (needsPullRequest.length === 0) return format === "md" ? renderMarkdown(report) : renderText(report, { color });
  if (format === "md") {
    const lines = needsPullRequest.map((n) => `- **${n.title}** (\`${n.id}\`) — needs ${n.reason}`);
    return `${renderMarkdown(report)}\n### Needs the PR\nJudged once the pull request is open:\n\n${lines.join("\n")}\n`;
  }
  const dim = (text: string) => (color ? `\x1b[2m${text}\x1b[0m` : text);
  const lines = needsPullRequest.map((n) => dim(`  ? ${n.title} (${n.id}) — needs ${n.reason}`));
  return `${renderText(report, { color })}\n${dim("Needs the PR (judged once it is open)")}\n${lines.join("\n")}\n`;
}
