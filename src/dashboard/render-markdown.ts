// The dashboard as Markdown: the dashboard issue's body and `dod dashboard --format md`. Deterministic (no
// timestamps), so an unchanged dashboard is an unchanged body and the issue is not edited. Stays within GitHub's
// 65,536-character body limit by falling back to counts, then to totals with a link to the web page.
import { inline, OWNER_LABEL, OWNERS } from "../report/format.js";
import { missingTotal } from "./aggregate.js";
import { DASHBOARD_MARKER, DASHBOARD_TITLE } from "../model/names.js";
import type { CapacityView, DashboardModel, ItemView, PullView, ReleaseTotals, ReleaseView } from "./model.js";

export const BODY_LIMIT = 65_536;

export interface MarkdownOptions {
  /** The web page for this repository, linked at the top and wherever detail had to be left out. */
  webUrl?: string;
  /** Start with the hidden marker the app finds its issue by. */
  marker?: boolean;
  limit?: number;
}

type Detail = "full" | "counts" | "totals";

export function renderDashboardMarkdown(model: DashboardModel, options: MarkdownOptions = {}): string {
  const limit = options.limit ?? BODY_LIMIT;
  for (const detail of ["full", "counts", "totals"] as const) {
    const body = render(model, options, detail);
    if (body.length <= limit) return body;
  }
  const note = `\n\n…cut to fit GitHub's limit${options.webUrl ? ` — [see everything on the web page](${options.webUrl})` : ""}.`;
  return render(model, options, "totals").slice(0, limit - note.length) + note;
}

function render(model: DashboardModel, options: MarkdownOptions, detail: Detail): string {
  const lines: string[] = [];
  if (options.marker) lines.push(DASHBOARD_MARKER);
  lines.push(`# ${DASHBOARD_TITLE}`, "");
  const source =
    model.releaseBy === "milestone" ? "each open milestone" : "each release label with an open pull request";
  lines.push(
    `What the pull requests of ${source} in \`${model.owner}/${model.repo}\` still lack, from dod's last check on each head commit.` +
      (options.marker ? " Kept up to date by dod: edits to this issue are overwritten." : ""),
  );
  if (options.webUrl) lines.push("", `🔎 [Filter by owner and state on the web page](${options.webUrl})`);
  if (detail !== "full") {
    lines.push(
      "",
      `> [!NOTE]\n> Too much to list here, so this shows ${detail === "counts" ? "counts per pull request" : "totals per release"}` +
        (options.webUrl ? `: [see every item on the web page](${options.webUrl}).` : ": run `npx dod dashboard` for every item."),
    );
  }
  if (model.releases.length === 0) {
    lines.push("", model.releaseBy === "milestone" ? "No open milestones." : "No release labels with open pull requests.");
    return lines.join("\n") + "\n";
  }
  lines.push("", `**${model.releases.length} ${model.releases.length === 1 ? "release" : "releases"}** · ${totalsLine(model.totals)}`);
  for (const release of model.releases) lines.push("", ...releaseLines(release, detail, options.webUrl));
  return lines.join("\n") + "\n";
}

function releaseLines(release: ReleaseView, detail: Detail, webUrl: string | undefined): string[] {
  const name = cell(release.name);
  const due = release.dueOn ? ` — due ${release.dueOn.slice(0, 10)}` : "";
  const lines = [`## ${release.url ? `[${name}](${release.url})` : name}${due}`, "", totalsLine(release.totals)];
  lines.push("", `Missing items — ${ownerLine(release.totals)}`);
  if (release.capacity) lines.push("", capacityLine(release.capacity));
  if (detail === "totals") return lines;

  const notDone = release.pulls.filter((p) => p.verdict !== "done" && !p.debt);
  if (notDone.length > 0) {
    lines.push("", "### Not done yet", "");
    lines.push(...(detail === "full" ? fullTable(notDone) : countTable(notDone)));
  } else if (release.totals.pulls > 0) {
    lines.push("", "Every open pull request is done. ✅");
  }
  if (release.debt.length > 0) {
    lines.push("", "### Done debt — merged with items missing", "");
    lines.push(...(detail === "full" ? fullTable(release.debt) : countTable(release.debt)));
  }
  if (detail !== "full" && webUrl) lines.push("", `[Every item of ${name} on the web page](${webUrl}?release=${encodeURIComponent(release.name)})`);
  return lines;
}

function totalsLine(t: ReleaseTotals): string {
  const parts = [
    `${t.pulls} pull ${t.pulls === 1 ? "request" : "requests"} (${t.open} open, ${t.merged} merged)`,
    `✅ ${t.done} done`,
    `❌ ${t.notDone} not done`,
  ];
  if (t.pending) parts.push(`⏳ ${t.pending} pending`);
  if (t.unknown) parts.push(`❔ ${t.unknown} not evaluated`);
  if (t.debt) parts.push(`💸 ${t.debt} done debt`);
  return parts.join(" · ");
}

function ownerLine(t: ReleaseTotals): string {
  const owners = OWNERS.map(
    (o) => `${OWNER_LABEL[o]} **${t.missingItems[o]}**${t.pullsLacking[o] ? ` (${t.pullsLacking[o]} PR${t.pullsLacking[o] === 1 ? "" : "s"})` : ""}`,
  );
  const extra = [t.pendingItems ? `${t.pendingItems} pending` : "", t.waivedItems ? `${t.waivedItems} waived` : ""].filter(Boolean);
  return [`${missingTotal(t.missingItems)} in all`, ...owners, ...extra].join(" · ");
}

export function capacityLine(capacity: CapacityView): string {
  const shares = capacity.shares.map(
    (s) => `${cell(s.group)} ${s.pulls} (${s.percent}%${s.target !== null ? `, target ${s.target}%` : ""}${offTarget(s.percent, s.target)})`,
  );
  return `Capacity — ${shares.join(" · ")}${capacity.ungrouped ? ` · ${capacity.ungrouped} in no group` : ""}`;
}

/** More than 10 points from the target is worth a glance. */
function offTarget(percent: number, target: number | null): string {
  return target !== null && Math.abs(percent - target) > 10 ? " ⚠️" : "";
}

function fullTable(pulls: PullView[]): string[] {
  return [
    "| Pull request | State | Product | Engineering | Joint | Pending | Waived |",
    "|---|---|---|---|---|---|---|",
    ...pulls.map((p) =>
      [
        pullCell(p),
        stateCell(p),
        ...OWNERS.map((o) => items(p.missing[o])),
        items(p.pending),
        p.waived.map((w) => `${cell(w.title)}${w.waiver ? ` (${w.waiver.by.map((b) => `@${b}`).join(", ")})` : ""}`).join("<br>"),
      ].join(" | "),
    ).map((row) => `| ${row} |`),
  ];
}

function countTable(pulls: PullView[]): string[] {
  return [
    "| Pull request | State | Product | Engineering | Joint | Pending | Waived |",
    "|---|---|---|---:|---:|---:|---:|",
    ...pulls.map(
      (p) =>
        `| ${pullCell(p)} | ${stateCell(p)} | ${OWNERS.map((o) => p.missing[o].length || "").join(" | ")} | ${p.pending.length || ""} | ${p.waived.length || ""} |`,
    ),
  ];
}

function pullCell(p: PullView): string {
  const check = p.checkUrl ? ` · [check](${p.checkUrl})` : "";
  return `[#${p.number}](${p.url}) ${cell(p.title, 80)}${check}`;
}

function stateCell(p: PullView): string {
  if (p.verdict === "unknown") return `${p.state}, not evaluated`;
  return p.state;
}

function items(list: ItemView[]): string {
  return list.map((i) => cell(i.title)).join("<br>");
}

/** User text inside a table cell: one line, `<` and `|` escaped. */
function cell(text: string, max = 120): string {
  return inline(text, max).replace(/\|/g, "\\|");
}
