// The dashboard as Markdown: the dashboard issue's body and `dod dashboard --format md`. Deterministic (no
// timestamps), so an unchanged dashboard is an unchanged body and the issue is not edited. Stays within GitHub's
// 65,536-character body limit by falling back to counts, then to totals with a link to the web page.
import { inline, OWNER_LABEL, OWNERS } from "../report/format.js";
import { missingTotal } from "./aggregate.js";
import { renderChartMermaid } from "./chart-mermaid.js";
import { renderChartsText } from "./chart-text.js";
import { trendCharts } from "./charts.js";
import { DASHBOARD_MARKER, DASHBOARD_TITLE } from "../model/names.js";
import { day, dueText, progressText, shareUnit, textBar } from "./glance.js";
import type {
  CapacityView,
  DashboardModel,
  FollowUpView,
  ItemView,
  PullView,
  ReleaseTotals,
  ReleaseView,
  WaiverRecord,
} from "./model.js";

export const BODY_LIMIT = 65_536;

export interface MarkdownOptions {
  /** The web page for this repository, linked at the top and wherever detail had to be left out. */
  webUrl?: string;
  /** Start with the hidden marker the app finds its issue by. */
  marker?: boolean;
  limit?: number;
  /** How to draw the trends: Mermaid (GitHub draws it; the default) or text (a terminal). */
  charts?: "mermaid" | "text";
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
    (model.repo === ""
      ? `What the pull requests of release \`${cell(model.releases[0]?.name ?? "")}\` in the \`${model.owner}\` organisation's repositories still lack, from dod's last check on each head commit.`
      : `What the pull requests of ${source} in \`${model.owner}/${model.repo}\` still lack, from dod's last check on each head commit.`) +
      (options.marker ? " Kept up to date by dod: edits to this issue are overwritten." : ""),
  );
  if (options.webUrl) lines.push("", `🔎 [Filter by owner and state on the web page](${options.webUrl})`);
  if (detail !== "full") {
    lines.push(
      "",
      `> [!NOTE]\n> Too much to list here, so this shows ${detail === "counts" ? "counts per pull request" : "totals per release"}` +
        (options.webUrl
          ? `: [see every item on the web page](${options.webUrl}).`
          : ": run `npx dod dashboard` for every item."),
    );
  }
  const open = model.releases.filter((r) => r.state === "open");
  const closed = model.releases.filter((r) => r.state === "closed");
  if (model.releases.length === 0) {
    lines.push(
      "",
      model.releaseBy === "milestone" ? "No open milestones." : "No release labels with open pull requests.",
    );
    return `${lines.join("\n")}\n`;
  }
  if (open.length > 0) {
    lines.push(
      "",
      `**${open.length} open ${open.length === 1 ? "release" : "releases"}** · ${totalsLine(model.totals)}`,
    );
  } else {
    lines.push(
      "",
      model.releaseBy === "milestone" ? "No open milestones." : "No release labels with open pull requests.",
    );
  }
  for (const release of open) lines.push("", ...releaseLines(release, detail, options.webUrl));
  const charts = trendCharts(model);
  if (charts.length > 0) {
    lines.push("", `## Trends — the last ${charts[0]!.points.length} releases`, "");
    if (options.charts === "text") lines.push("```text", renderChartsText(charts), "```");
    else
      for (const chart of charts)
        lines.push(renderChartMermaid(chart), "", `<sub>${cell(chart.description, 400)}</sub>`, "");
  }
  if (closed.length > 0) lines.push("", ...historyLines(closed, detail));
  return `${lines.join("\n").replace(/\n{3,}/g, "\n\n")}\n`;
}

function releaseLines(release: ReleaseView, detail: Detail, webUrl: string | undefined): string[] {
  const name = cell(release.name);
  const due = release.due
    ? ` — due ${release.due.date}, ${release.due.daysLeft < 0 ? "⚠️ " : ""}${dueText(release.due)}`
    : "";
  const lines = [`## ${release.url ? `[${name}](${release.url})` : name}${due}`, ""];
  if (release.totals.pulls > 0) lines.push(`\`${textBar(release.progress.percent)}\` **${progressText(release)}**`, "");
  lines.push(totalsLine(release.totals));
  lines.push("", `Missing items — ${ownerLine(release.totals)}`);
  if (release.capacity) lines.push("", capacityLine(release.capacity));
  if (detail === "totals") return lines;

  const notDone = release.pulls.filter((p) => p.verdict !== "done" && !p.debt);
  if (notDone.length > 0) {
    lines.push("", "### Not done yet — most missing first", "");
    lines.push(...(detail === "full" ? fullTable(notDone) : countTable(notDone)));
  } else if (release.totals.pulls > 0) {
    lines.push("", "Every open pull request is done. ✅");
  }
  if (release.debt.length > 0) {
    const paid = release.debtPaid ? ` (${release.debtPaid} of ${release.debtItems} paid by follow-ups)` : "";
    lines.push("", `### Done debt — merged with items missing${paid}`, "");
    lines.push(...(detail === "full" ? fullTable(release.debt) : countTable(release.debt)));
  }
  if (release.followUps.length > 0) {
    lines.push(
      "",
      `### Follow-ups planned in this release (${release.followUps.length} open)`,
      "",
      ...followUpTable(release.followUps),
    );
  }
  if (release.waivers.length > 0 && detail === "full") {
    lines.push("", `### Waivers on the record (${release.waivers.length})`, "", ...waiverTable(release.waivers));
  }
  if (detail !== "full" && webUrl)
    lines.push("", `[Every item of ${name} on the web page](${webUrl}?release=${encodeURIComponent(release.name)})`);
  return lines;
}

function historyLines(closed: ReleaseView[], detail: Detail): string[] {
  const lines = [
    `## History — the last ${closed.length === 1 ? "closed release" : `${closed.length} closed releases`}`,
    "",
    "| Release | Closed | Pull requests | Done debt | Waivers | Capacity |",
    "|---|---|---:|---|---:|---|",
    ...closed.map((r) => {
      const name = r.url ? `[${cell(r.name)}](${r.url})` : cell(r.name);
      const paid = r.debtPaid ? ` · ${r.debtPaid} paid` : "";
      const debt = r.debt.length
        ? `💸 ${r.debtItems} ${r.debtItems === 1 ? "item" : "items"} in ${r.debt.length} PR${r.debt.length === 1 ? "" : "s"}${paid}`
        : "none";
      const capacity = r.capacity
        ? r.capacity.shares
            .map(
              (s) => `${cell(s.group)} ${s.percent}%${s.target !== null ? ` (${s.target})` : ""}${s.off ? " ⚠️" : ""}`,
            )
            .join(" · ")
        : "";
      return `| ${name} | ${day(r.closedAt)} | ${r.totals.pulls} | ${debt} | ${r.waivers.length} | ${capacity} |`;
    }),
  ];
  if (detail !== "full") return lines;
  for (const r of closed.filter((c) => c.debt.length > 0 || c.waivers.length > 0)) {
    lines.push(
      "",
      `<details><summary>${cell(r.name)}: ${r.debt.length} merged with items missing, ${r.waivers.length} waived</summary>`,
      "",
    );
    if (r.debt.length > 0) lines.push("**Done debt**", "", ...fullTable(r.debt), "");
    if (r.waivers.length > 0) lines.push("**Waivers**", "", ...waiverTable(r.waivers), "");
    lines.push("</details>");
  }
  return lines;
}

function waiverTable(waivers: WaiverRecord[]): string[] {
  return [
    "| Pull request | Item | Waived by | When | Why |",
    "|---|---|---|---|---|",
    ...waivers.map(
      (w) =>
        `| [#${w.pull}](${w.pullUrl}) ${cell(w.pullTitle, 60)}${w.pullDone ? " ✅" : ""} | ${cell(w.title)} (${OWNER_LABEL[w.owner].toLowerCase()}) | ${w.by.map((b) => `@${b}`).join(", ")} | ${day(w.at)} | ${cell(w.reason, 200)} |`,
    ),
  ];
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
    (o) =>
      `${OWNER_LABEL[o]} **${t.missingItems[o]}**${t.pullsLacking[o] ? ` (${t.pullsLacking[o]} PR${t.pullsLacking[o] === 1 ? "" : "s"})` : ""}`,
  );
  const extra = [
    t.pendingItems ? `${t.pendingItems} pending` : "",
    t.waivedItems ? `${t.waivedItems} waived` : "",
  ].filter(Boolean);
  return [`${missingTotal(t.missingItems)} in all`, ...owners, ...extra].join(" · ");
}

export function capacityLine(capacity: CapacityView): string {
  const shares = capacity.shares.map(
    (s) =>
      `${cell(s.group)} ${capacity.weight === "lines" ? `${s.lines} lines` : s.pulls} (${s.percent}%${s.target !== null ? `, target ${s.target}%` : ""}${s.off ? " ⚠️" : ""})`,
  );
  const none = capacity.ungroupedPulls.slice(0, 10).map((p) => `[#${p.number}](${p.url})`);
  const more = capacity.ungrouped > none.length ? ` and ${capacity.ungrouped - none.length} more` : "";
  const ungrouped = capacity.ungrouped ? ` · ${capacity.ungrouped} in no group (${none.join(", ")}${more})` : "";
  return `Capacity by ${shareUnit(capacity)} — ${shares.join(" · ")}${ungrouped}`;
}

function fullTable(pulls: PullView[]): string[] {
  return [
    "| Pull request | State | Product | Engineering | Joint | Pending | Waived |",
    "|---|---|---|---|---|---|---|",
    ...pulls
      .map((p) =>
        [
          pullCell(p),
          stateCell(p),
          ...OWNERS.map((o) => items(p.missing[o])),
          items(p.pending),
          p.waived
            .map((w) => `${cell(w.title)}${w.waiver ? ` (${w.waiver.by.map((b) => `@${b}`).join(", ")})` : ""}`)
            .join("<br>"),
        ].join(" | "),
      )
      .map((row) => `| ${row} |`),
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
  return `[${p.repo ? cell(p.repo) : ""}#${p.number}](${p.url}) ${cell(p.title, 80)}${check}`;
}

function stateCell(p: PullView): string {
  if (p.verdict === "unknown") return `${p.state}, not evaluated`;
  return p.state;
}

function items(list: ItemView[]): string {
  return list
    .map(
      (i) =>
        cell(i.title) +
        (i.followUp ? ` → [#${i.followUp.number}](${i.followUp.url})${i.followUp.paid ? " ✅ paid" : ""}` : ""),
    )
    .join("<br>");
}

function followUpTable(list: FollowUpView[]): string[] {
  return [
    "| Follow-up | Pull request | Item | Open for |",
    "|---|---|---|---:|",
    ...list.map(
      (f) =>
        `| [#${f.number}](${f.url}) ${cell(f.title, 80)} | #${f.pull} | \`${f.item}\` | ${f.ageDays} ${f.ageDays === 1 ? "day" : "days"} |`,
    ),
  ];
}

/** User text inside a table cell: one line, `<` and `|` escaped. */
function cell(text: string, max = 120): string {
  // inline() escapes `|` outside code spans; GFM splits cells on a `|` inside a code span too.
  return inline(text, max).replace(/(?<!\\)\|/g, "\\|");
}
