// load config → gather → evaluate → publish: the only place where the pure core meets GitHub.
import { createHash } from "node:crypto";
import type { Logger } from "probot";
import type { DodIdentity } from "./model/identity.js";
import { describeConfigChange } from "./config/diff.js";
import { CONFIG_PATH } from "./model/names.js";
import { loadConfig } from "./config/resolve.js";
import type { ResolvedConfig } from "./config/schema.js";
import { evaluate, needsDiff, teamsNeeded } from "./criteria/evaluate.js";
import { judgeComment } from "./criteria/waivers.js";
import { changesConfig } from "./criteria/config-approval.js";
import { gatherAddedLines } from "./github/diff.js";
import type { Facts } from "./model/facts.js";
import { type Gathered, gatherPullRequest } from "./github/gather.js";
import type { GitHub } from "./github/client.js";
import type { PullRequestRef } from "./model/pull-request.js";
import { cachedTeams } from "./github/team-cache.js";
import { ADDED_LINES, type Cache, diffKey } from "./github/cache.js";
import { rememberReferences } from "./github/config-references.js";
import { configReferences, NO_REFERENCES } from "./criteria/references.js";
import { checkRunForFailure, checkRunOutput } from "./report/check-run.js";
import { commentBody, shouldComment } from "./report/comment.js";
import { noticeBody, type Silenced } from "./report/comment-notice.js";
import { announcedItems, mentionFor } from "./report/mention.js";
import { isReplyTo, replyBody, replyMarker } from "./report/reply.js";
import type { Report } from "./model/report.js";
import type { ConfigFailure } from "./model/config-problems.js";
import { publish, type Published } from "./github/publish.js";
import { type CommentWrite, createComment } from "./github/comment.js";
import { answerFollowUp, followUpsAtMerge } from "./github/follow-up.js";
import { rememberHead } from "./github/heads.js";
import { type PullPatch, pullPatch } from "./dashboard/patch.js";
import { gatherTickets, type TrackerReadOptions } from "./trackers/gather.js";
import { NO_TRACKERS, type TrackerSettings } from "./trackers/settings.js";
import { type PreviewOptions, previewConfigChange } from "./preview-run.js";

/** What evaluating a pull request came to: a report under a valid config, or the config's failure. */
export type Outcome =
  | { kind: "report"; report: Report; config: ResolvedConfig }
  | { kind: "config-failure"; failure: ConfigFailure };

export interface Evaluation {
  facts: Facts;
  outcome: Outcome;
  gathered: Gathered;
}

/** Gathers and evaluates without writing anything: what `dod check` prints and what the app publishes. */
export async function evaluatePullRequest(
  github: GitHub,
  ref: PullRequestRef,
  identity: DodIdentity,
  cache?: Cache,
  trackers: TrackerSettings & TrackerReadOptions = NO_TRACKERS,
  /** A proposed done.yml to judge by instead of the base branch's (`dod check --config`): nothing is remembered. */
  rules?: { file: string; text: string },
): Promise<Evaluation> {
  const readAt = Date.now();
  const gathered = await gatherPullRequest(github, ref, identity, cache);
  const loaded = rules
    ? loadConfig({ file: rules.file, text: rules.text, org: gathered.config.org })
    : loadConfig({ file: CONFIG_PATH, text: gathered.config.base, org: gathered.config.org });
  // What the base commit's config refers to, for the event handlers to skip what cannot matter.
  if (!rules && cache && gathered.commits.baseTip) {
    await rememberReferences(cache, ref.owner, ref.repo, gathered.commits.baseTip, {
      refs: loaded.ok ? configReferences(loaded.config) : NO_REFERENCES,
      readAt,
      usesOrg: gathered.config.org.text !== null,
    });
  }
  if (!loaded.ok)
    return { facts: gathered.facts, gathered, outcome: { kind: "config-failure", failure: loaded.failure } };

  const config = loaded.config;
  // What the config needs beyond the pull request itself is read first, then the facts are made once from it all.
  // Team membership decides which criteria apply, so the diff's question is asked of the facts with teams.
  const withTeams: Facts = {
    ...gathered.facts,
    teams: await cachedTeams(github, ref.owner, teamsNeeded(config, gathered.facts), cache),
  };
  // Tickets in Jira or Linear count as linked issues, read only when done.yml names a tracker.
  const tickets = config.trackers ? await gatherTickets(config.trackers, withTeams, trackers, trackers) : [];
  const lines = needsDiff(config, withTeams) ? await addedLines(github, ref, gathered, cache) : undefined;
  const facts: Facts = {
    ...withTeams,
    ...(tickets.length > 0 ? { linkedIssues: [...withTeams.linkedIssues, ...tickets] } : {}),
    ...(lines ? { addedLines: lines } : {}),
  };
  const configChange = changesConfig(facts)
    ? describeConfigChange(
        config,
        loadConfig({ file: CONFIG_PATH, text: gathered.config.head, org: gathered.config.org }),
        CONFIG_PATH,
      )
    : undefined;
  return { facts, gathered, outcome: { kind: "report", config, report: evaluate(config, facts, { configChange }) } };
}

/** Added lines are fixed for a base..head pair like the files are: read over REST once per pair. */
async function addedLines(github: GitHub, ref: PullRequestRef, gathered: Gathered, cache?: Cache) {
  const key = diffKey(ref.owner, ref.repo, gathered.commits.base, gathered.commits.head);
  const cached = await cache?.get<Record<string, string[]>>(ADDED_LINES, key);
  if (cached) return cached;
  const lines = await gatherAddedLines(github, ref);
  await cache?.set(ADDED_LINES, key, lines);
  return lines;
}

export interface RunOptions {
  log?: Pick<Logger, "info" | "warn">;
  /** Comments whose `/dod` commands this run answers. */
  commentIds?: number[];
  /** The pull request was just merged: with `dashboard.follow_ups: auto`, open follow-ups for its done debt. */
  atMerge?: boolean;
  /** An evaluation already made (the CLI prints it before `--post` publishes it): saves gathering twice. */
  evaluation?: Evaluation;
  /** Tells dod's own check run from another of the same name. */
  identity: DodIdentity;
  /** The app's cache of reads that cannot have changed (none for the CLI and the Action). */
  cache?: Cache;
  /** The operator's tracker credentials (none by default). */
  trackers?: TrackerSettings & TrackerReadOptions;
  /** For a pull request that edits done.yml, show what the proposed rules would do to these other pull requests. */
  preview?: PreviewOptions;
}

/** Evaluates a pull request and publishes the verdict: the app's and the Action's unit of work. */
export async function runPullRequest(
  github: GitHub,
  ref: PullRequestRef,
  options: RunOptions,
): Promise<
  Published & {
    dashboardIssue: boolean;
    verdict: string | null;
    pullState: Facts["state"];
    /** The dashboard's entry for this pull request as published, when the dashboard issue is on. */
    dashboardPatch: PullPatch | null;
  }
> {
  const evaluation =
    options.evaluation ?? (await evaluatePullRequest(github, ref, options.identity, options.cache, options.trackers));
  const { facts, gathered } = evaluation;
  const outcome = await withPreview(github, ref, evaluation, options);
  // Only a report under a valid config answers commands, comments, opens follow-ups and shows on the dashboard.
  const judged = outcome.kind === "report" ? outcome : null;
  if (judged && options.commentIds?.length) {
    await answerCommands(github, ref, facts, judged, options.commentIds, options.identity, options.log);
  }
  // Answering a command may have changed nothing the report shows, but a waiver changes the verdict: the
  // report already reflects it because waivers are read from the same comments.
  const output = checkRunFor(outcome, facts);
  const published = await publish(github, options.identity, {
    ref,
    headSha: facts.head.sha,
    existingCheckRun: gathered.ownCheckRun,
    output,
    comment: commentFor(outcome, gathered.ownComment, facts.base.ref),
    mention: judged ? mentionOf(judged.config, judged.report, facts) : null,
  });
  // Only once published: a later event that repeats what this evaluation saw is then known to change nothing shown.
  if (options.cache && gathered.commits.baseTip) {
    await rememberHead(options.cache, ref, {
      facts,
      base: gathered.commits.baseTip,
      changesConfig: changesConfig(facts),
      refs: judged ? configReferences(judged.config) : NO_REFERENCES,
    });
  }
  if (options.atMerge && judged && judged.config.dashboard.followUps === "auto" && facts.state === "merged") {
    await followUpsAtMerge(github, ref, facts, judged.config, judged.report, options.identity.appId);
  }
  options.log?.info(
    {
      head: facts.head.sha,
      conclusion: conclusionOf(outcome),
      checkRunId: published.checkRunId,
      checkRun: published.checkRun,
      comment: published.comment,
    },
    "definition of done evaluated",
  );
  return {
    ...published,
    dashboardIssue: judged?.config.dashboard.issue ?? false,
    verdict: judged ? verdictOf(judged.report) : null,
    pullState: facts.state,
    dashboardPatch: judged?.config.dashboard.issue
      ? pullPatch(
          facts,
          { id: published.checkRunId, output },
          { repo: gathered.config.base, org: gathered.config.org.text },
          false,
        )
      : null,
  };
}

/**
 * The sticky comment to write, or null to leave comments alone. A comment already there is never left listing
 * items it no longer checks: once comments are switched off or the config is invalid or gone, it says so instead.
 * None is created for that.
 */
function commentFor(outcome: Outcome, existing: Gathered["ownComment"], base: string): CommentWrite | null {
  if (outcome.kind === "report" && shouldComment(outcome.config.comment, outcome.report, existing !== null)) {
    return { body: commentBody(outcome.report), existing };
  }
  if (!existing) return null;
  const silenced: Silenced =
    outcome.kind === "report"
      ? { why: "comments-off" }
      : { why: outcome.failure.kind === "invalid" ? "config-invalid" : "config-missing", file: outcome.failure.file };
  return { body: noticeBody(silenced, base), existing };
}

/**
 * The report with the preview of its done.yml change, when it has a usable one and the run asks for it. The preview
 * only adds a section: the verdict stays the base rules' (and the owners' approval). Failing to make it loses the
 * section, never the verdict.
 */
async function withPreview(
  github: GitHub,
  ref: PullRequestRef,
  { outcome, gathered, facts }: Evaluation,
  options: RunOptions,
): Promise<Outcome> {
  if (!options.preview || outcome.kind !== "report") return outcome;
  const change = outcome.report.configChange;
  if (!change || change.problems.length > 0 || change.changes.length === 0) return outcome;
  try {
    const preview = await previewConfigChange(github, {
      ref,
      headSha: facts.head.sha,
      texts: { current: gathered.config.base, proposed: gathered.config.head, org: gathered.config.org },
      options: options.preview,
      identity: options.identity,
      ...(options.cache && { cache: options.cache }),
      ...(options.trackers && { trackers: options.trackers }),
    });
    return preview ? { ...outcome, report: { ...outcome.report, preview } } : outcome;
  } catch (error) {
    options.log?.warn({ err: error }, "could not preview the done.yml change; the verdict is published without it");
    return outcome;
  }
}

/**
 * With `mention: owners-on-missing`, the comment notifying owners of items missing for the first time. Only on an
 * open pull request that is ready for review: a draft is still being written, and its owners hear once it is ready.
 */
function mentionOf(config: ResolvedConfig, report: Report, facts: Facts): string | null {
  if (config.mention !== "owners-on-missing" || facts.state !== "open" || facts.draft) return null;
  return mentionFor(report, announcedItems(facts.comments))?.body ?? null;
}

function checkRunFor(outcome: Outcome, facts: Facts) {
  switch (outcome.kind) {
    case "report":
      return checkRunOutput(outcome.report, facts);
    case "config-failure":
      return checkRunForFailure(outcome.failure);
  }
}

function conclusionOf(outcome: Outcome): string {
  switch (outcome.kind) {
    case "report":
      return outcome.report.conclusion;
    case "config-failure":
      return `config-${outcome.failure.kind}`;
  }
}

/** What the dashboard shows of a report: the conclusion and each item's state, whatever the head commit. */
const verdictOf = (report: Report) =>
  JSON.stringify([report.conclusion, report.items.map((i) => [i.id, i.title, i.owner, i.status, i.waiver ?? null])]);

/**
 * Reacts 👍 to accepted `/dod` commands and replies once, briefly, to refused ones: one reply per comment, edited
 * when an edit of the comment changes the answer. Both are courtesies: a reaction on a comment deleted meanwhile
 * (404) or a reply in a locked conversation (403) is logged and the verdict is published all the same.
 */
async function answerCommands(
  github: GitHub,
  ref: PullRequestRef,
  facts: Facts,
  { config, report }: { config: ResolvedConfig; report: Report },
  commentIds: number[],
  identity: DodIdentity,
  log?: Pick<Logger, "warn">,
) {
  const courtesy = async (what: string, write: () => Promise<unknown>) => {
    try {
      await write();
    } catch (error) {
      log?.warn(
        { err: error, status: (error as { status?: number }).status },
        `could not ${what}; the verdict is published anyway`,
      );
    }
  };
  for (const id of commentIds) {
    const comment = facts.comments.find((c) => c.id === id);
    if (!comment) continue;
    const { accepted, refusals } = judgeComment(comment, config, facts);
    const repo = { owner: ref.owner, repo: ref.repo };
    if (accepted.length > 0) {
      await courtesy("react to a command", () =>
        github.rest.reactions.createForIssueComment({ ...repo, comment_id: id, content: "+1" }),
      );
    }
    for (const cmd of accepted) {
      if (cmd.kind !== "follow-up") continue;
      const request = { commentId: id, author: comment.author, url: comment.url, id: cmd.id, note: cmd.note };
      await answerFollowUp(github, ref, facts, config, report, request, identity.appId);
    }
    if (refusals.length > 0) {
      // A retry, a redelivery or an edit that changes nothing must not answer twice.
      const marker = replyMarker(id, createHash("sha256").update(refusals.join("\n")).digest("hex").slice(0, 12));
      const earlier = facts.comments.find((c) => c.byDod && isReplyTo(c.body, id));
      if (earlier?.body.startsWith(marker)) continue;
      const body = replyBody(marker, comment.author, refusals);
      await courtesy("answer a command", () =>
        earlier
          ? github.rest.issues.updateComment({ ...repo, comment_id: earlier.id, body })
          : createComment(github, ref, body, identity.appId),
      );
    }
  }
}
