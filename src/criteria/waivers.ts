// `/dod` commands in PR comments, who may give them, and the waivers they add up to. Waivers are never stored:
// they are replayed from the comments on every evaluation, so editing or deleting a comment is enough to undo one.
import type { ResolvedConfig, ResolvedCriterion } from "../config/schema.js";
import type { Comment, Facts } from "../model/facts.js";
import type { Waiver } from "../model/report.js";
import { code } from "../model/markdown.js";
import { CONFIG_APPROVAL_CRITERION } from "./config-approval.js";
import { scanLines, trimTrailing } from "./markdown.js";
import { at, describeOwners, distinctPair, isOwner, type Side } from "./principals.js";

export type Command =
  | { kind: "waive"; id: string; reason: string }
  | { kind: "unwaive"; id: string }
  | { kind: "check" }
  /** Open an issue for an item a merged pull request left behind (done debt); the note goes in the issue. */
  | { kind: "follow-up"; id: string; note: string };

export type Judgement = { accepted: true } | { accepted: false; reply: string };

const COMMAND = /^ {0,3}\/dod(?:[ \t]+(.*))?$/i;
const ECHOABLE_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

export function parseCommands(body: string): Command[] {
  const commands: Command[] = [];
  scanLines(body, (line, kind) => {
    if (kind !== "text") return;
    const match = COMMAND.exec(line.trimEnd());
    if (!match) return;
    const [verb = "", id = "", ...rest] = (match[1] ?? "").trim().split(/[ \t]+/);
    const cleanId = trimTrailing(id, ":,.;").toLowerCase();
    switch (verb.toLowerCase()) {
      case "waive":
        commands.push({ kind: "waive", id: cleanId, reason: rest.join(" ").trim() });
        break;
      case "unwaive":
        commands.push({ kind: "unwaive", id: cleanId });
        break;
      case "follow-up":
      case "followup":
        commands.push({ kind: "follow-up", id: cleanId, note: rest.join(" ").trim() });
        break;
      case "check":
        commands.push({ kind: "check" });
        break;
    }
  });
  return commands;
}

export function allCriteria(config: ResolvedConfig): ResolvedCriterion[] {
  return [...config.criteria, CONFIG_APPROVAL_CRITERION];
}

function sidesOf(author: string, config: ResolvedConfig, facts: Facts): Side[] {
  return (["product", "engineering"] as const).filter((side) => isOwner(author, config, facts, side));
}

function sidesFor(criterion: ResolvedCriterion): Side[] {
  return criterion.owner === "joint" ? ["product", "engineering"] : [criterion.owner];
}

export function judgeCommand(cmd: Command, author: string, config: ResolvedConfig, facts: Facts): Judgement {
  if (cmd.kind === "check") return { accepted: true };
  const verb = cmd.kind;
  const criterion = allCriteria(config).find((c) => c.id === cmd.id);
  const followUp = cmd.kind === "follow-up";
  if (!criterion) {
    const ids = allCriteria(config)
      .filter((c) => followUp || c.waivable)
      .map((c) => `\`${c.id}\``);
    const valid = ids.length ? `: one of ${ids.join(", ")}` : ", but no criterion here can be waived";
    // The id is the commenter's text: echoed only when it is id-shaped, so a reply never carries a mention, a
    // link, a code span's end or an HTML comment someone else wrote.
    const what = !cmd.id
      ? `\`/dod ${verb}\` needs a criterion id`
      : ECHOABLE_ID.test(cmd.id)
        ? `\`${cmd.id}\` is not a criterion here`
        : "that is not a criterion id here";
    return { accepted: false, reply: `${what}; use \`/dod ${verb} <id>\` with a criterion id${valid}` };
  }
  // A follow-up records debt rather than excusing it: items nobody may waive can still get one.
  if (!criterion.waivable && !followUp) return { accepted: false, reply: `\`${criterion.id}\` can't be waived` };
  if (followUp && facts.state !== "merged") {
    return {
      accepted: false,
      reply: `\`/dod follow-up\` is for merged pull requests (done debt); before merging, finish \`${criterion.id}\` or waive it`,
    };
  }
  const needed = sidesFor(criterion);
  if (!sidesOf(author, config, facts).some((side) => needed.includes(side))) {
    return { accepted: false, reply: `only ${describeAuthority(config, needed)} may ${verb} \`${criterion.id}\`` };
  }
  if (cmd.kind === "waive" && cmd.reason === "") {
    return {
      accepted: false,
      reply: `a waiver needs a reason: \`/dod waive ${criterion.id} hotfix, ${criterion.id} follows in #123\``,
    };
  }
  return { accepted: true };
}

function describeAuthority(config: ResolvedConfig, sides: Side[]): string {
  if (sides.length === 1) return describeOwners(config, sides[0]!);
  const list = [...config.owners.product, ...config.owners.engineering].map((p) => code(at(p)));
  return list.length
    ? `a product or engineering owner (${list.join(", ")})`
    : "a product or engineering owner (none listed in `owners`)";
}

interface Half {
  login: string;
  sides: Side[];
  reason: string;
  at: string;
  url: string;
}

export interface WaiverState {
  /** Waivers in force, by criterion id. */
  active: Map<string, Waiver>;
  /** Joint criteria waived by one side only, by criterion id: the logins so far. */
  partial: Map<string, string[]>;
}

/**
 * What a comment's `/dod` commands amount to: the ones that count, and a refusal for each that doesn't. Bots'
 * comments count for nothing; a comment someone else edited counts for nobody, since that edit could put words in
 * an owner's mouth.
 */
export function judgeComment(
  comment: Comment,
  config: ResolvedConfig,
  facts: Facts,
): { accepted: Command[]; refusals: string[] } {
  const commands = comment.authorIsBot ? [] : parseCommands(comment.body);
  if (commands.length > 0 && comment.editedBy) {
    const refusal = `${at(comment.editedBy)} edited this comment, so its commands count for nobody: post them in a new comment`;
    return { accepted: [], refusals: [refusal] };
  }
  const judged = { accepted: [] as Command[], refusals: [] as string[] };
  for (const cmd of commands) {
    const judgement = judgeCommand(cmd, comment.author, config, facts);
    if (judgement.accepted) judged.accepted.push(cmd);
    else judged.refusals.push(judgement.reply);
  }
  return judged;
}

/** Replays the comments, oldest first: the commands that count add and remove waivers. */
export function waiverState(config: ResolvedConfig, facts: Facts): WaiverState {
  const byId = new Map<string, Half[]>();
  const comments = [...facts.comments].sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt));
  for (const comment of comments) {
    for (const cmd of judgeComment(comment, config, facts).accepted) {
      if (cmd.kind === "check" || cmd.kind === "follow-up") continue;
      if (cmd.kind === "unwaive") {
        byId.delete(cmd.id);
        continue;
      }
      const halves = (byId.get(cmd.id) ?? []).filter((h) => h.login.toLowerCase() !== comment.author.toLowerCase());
      halves.push({
        login: comment.author,
        sides: sidesOf(comment.author, config, facts),
        reason: cmd.reason,
        at: comment.createdAt,
        url: comment.url,
      });
      byId.set(cmd.id, halves);
    }
  }

  const state: WaiverState = { active: new Map(), partial: new Map() };
  for (const criterion of allCriteria(config)) {
    const halves = byId.get(criterion.id);
    if (!halves?.length) continue;
    if (criterion.owner !== "joint") {
      const last = halves[halves.length - 1]!;
      state.active.set(criterion.id, { by: [last.login], reason: last.reason, at: last.at, url: last.url });
      continue;
    }
    const pair = distinctPair(
      halves.filter((h) => h.sides.includes("product")),
      halves.filter((h) => h.sides.includes("engineering")),
    );
    if (!pair) {
      state.partial.set(
        criterion.id,
        halves.map((h) => h.login),
      );
      continue;
    }
    const latest = Date.parse(pair[0].at) >= Date.parse(pair[1].at) ? pair[0] : pair[1];
    const reasons = [...new Set(pair.map((h) => h.reason))];
    state.active.set(criterion.id, {
      by: pair.map((h) => h.login),
      reason: reasons.join("; "),
      at: latest.at,
      url: latest.url,
    });
  }
  return state;
}
