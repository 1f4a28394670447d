// The web page: server-rendered HTML with small inline CSS and no script. Filters are plain links with query
// parameters, so they work without JavaScript and every view has a URL to share. All text is escaped.
import type { OwnerRole } from "../config/schema.js";
import { OWNER_LABEL, OWNERS } from "../report/format.js";
import { OWNER_FILTERS, STATE_FILTERS, missingTotal } from "./aggregate.js";
import { renderChartSvg } from "./chart-svg.js";
import { trendCharts } from "./charts.js";
import { esc } from "./escape.js";
import { DASHBOARD_TITLE } from "../model/names.js";
import { day, dueText, progressText, shareUnit } from "./glance.js";
import type {
  CapacityView,
  DashboardFilter,
  DashboardModel,
  FollowUpView,
  ItemView,
  PullView,
  ReleaseView,
  WaiverRecord,
} from "./model.js";

const STATE_LABEL: Record<NonNullable<DashboardFilter["state"]>, string> = {
  all: "All",
  "not-done": "Not done",
  open: "Open",
  merged: "Merged",
  debt: "Done debt",
};
const VERDICT_LABEL: Record<PullView["verdict"], string> = {
  done: "Done",
  "not-done": "Not done",
  pending: "Pending",
  unknown: "Not evaluated",
};

/** Only http(s) links; anything else becomes inert. */
function href(url: string | null | undefined): string {
  return url && /^https?:\/\//i.test(url) ? esc(url) : "#";
}

export interface PageOptions {
  viewer: string;
  /** The page's own path, e.g. `/dod/acme/shop`, for the filter links. */
  path: string;
  filter: DashboardFilter;
  /** The model before filtering, for the release list. */
  all: DashboardModel;
}

export function renderDashboardPage(model: DashboardModel, options: PageOptions): string {
  const { owner, repo, url } = model;
  const title = `${DASHBOARD_TITLE} · ${repo ? `${owner}/${repo}` : owner}`;
  const open = model.releases.filter((r) => r.state === "open");
  const closed = model.releases.filter((r) => r.state === "closed");
  const charts = options.filter.release === undefined ? trendCharts(options.all) : [];
  const body = [
    `<header><h1>${esc(DASHBOARD_TITLE)}</h1><p class="repo">${repo ? `<a href="${href(url)}">${esc(owner)}/${esc(repo)}</a>` : `${esc(owner)} <span class="muted">· every repository you can read</span>`}</p>`,
    `<form class="viewer" method="post" action="/dod/logout">Signed in as <strong>@${esc(options.viewer)}</strong> · <button type="submit">Sign out</button></form></header>`,
    filters(options),
    options.all.releases.every((r) => r.state === "closed") && options.filter.release === undefined
      ? `<p class="empty">${model.releaseBy === "milestone" ? "No open milestones." : "No release labels with open pull requests."}</p>`
      : "",
    open.map((r) => release(r, options.filter)).join("\n"),
    charts.length
      ? `<section class="trends" aria-labelledby="trends-h"><h2 id="trends-h">Trends — the last ${charts[0]!.points.length} releases</h2><div class="charts">${charts.map(renderChartSvg).join("\n")}</div></section>`
      : "",
    closed.length ? history(closed, options.filter) : "",
    `<footer>From dod's last check on each pull request's head commit. <a href="/dod/api/${esc(owner)}${repo ? `/${esc(repo)}` : ""}${options.filter.release ? `?release=${esc(encodeURIComponent(options.filter.release))}` : ""}">JSON</a></footer>`,
  ]
    .filter(Boolean)
    .join("\n");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${esc(title)}</title><style>${CSS}</style></head>
<body><main>${body}</main></body></html>`;
}

function history(closed: ReleaseView[], filter: DashboardFilter): string {
  const rows = closed
    .map((r) => {
      const shares = r.capacity
        ? r.capacity.shares
            .map(
              (s) =>
                `<span class="${s.off ? "off" : ""}">${esc(s.group)} ${s.percent}%${s.target !== null ? ` <span class="muted">(${s.target})</span>` : ""}</span>`,
            )
            .join(" · ")
        : "";
      return `<tr><th scope="row"><a href="#release-${slug(r.name)}">${esc(r.name)}</a></th><td data-label="Closed">${esc(day(r.closedAt))}</td><td data-label="Pull requests">${r.totals.pulls}</td><td data-label="Done debt">${r.debtItems ? `<strong class="bad">${r.debtItems}</strong> in ${r.debt.length} PR${r.debt.length === 1 ? "" : "s"}` : "none"}</td><td data-label="Waivers">${r.waivers.length}</td><td data-label="Capacity">${shares}</td></tr>`;
    })
    .join("");
  // Closed releases are folded (native <details>, no script) unless one was asked for by name.
  const details = closed
    .map(
      (r) =>
        `<details id="release-${slug(r.name)}"${filter.release === r.name ? " open" : ""}><summary>${esc(r.name)} <span class="muted">closed ${esc(day(r.closedAt))} · ${r.debtItems} items of done debt · ${r.waivers.length} waived</span></summary>${release(r, filter)}</details>`,
    )
    .join("\n");
  return `<section class="history" aria-labelledby="history-h"><h2 id="history-h">History — the last ${closed.length === 1 ? "closed release" : `${closed.length} closed releases`}</h2>
<table class="summary cards"><thead><tr><th scope="col">Release</th><th scope="col">Closed</th><th scope="col">Pull requests</th><th scope="col">Done debt (items)</th><th scope="col">Waivers</th><th scope="col">Capacity (target)</th></tr></thead><tbody>${rows}</tbody></table>
${details}</section>`;
}

const slug = (name: string) => encodeURIComponent(name.toLowerCase()).replace(/%/g, "_");

function filters({ path, filter, all }: PageOptions): string {
  const link = (change: Partial<DashboardFilter>, label: string, current: boolean) => {
    const next = { ...filter, ...change };
    const params = new URLSearchParams();
    if (next.release) params.set("release", next.release);
    if (next.owner && next.owner !== "all") params.set("owner", next.owner);
    if (next.state && next.state !== "all") params.set("state", next.state);
    const query = params.toString();
    return `<a href="${esc(path + (query ? `?${query}` : ""))}"${current ? ' aria-current="true"' : ""}>${esc(label)}</a>`;
  };
  const owner = filter.owner ?? "all";
  const state = filter.state ?? "all";
  const chosen = filter.release;
  return `<nav class="filters" aria-label="Filters">
<div><span>Owner</span>${OWNER_FILTERS.map((o) => link({ owner: o }, o === "all" ? "All" : OWNER_LABEL[o as OwnerRole], owner === o)).join("")}</div>
<div><span>State</span>${STATE_FILTERS.map((s) => link({ state: s }, STATE_LABEL[s], state === s)).join("")}</div>
${all.releases.length > 1 ? `<div><span>Release</span>${link({ release: undefined }, "All", chosen === undefined)}${all.releases.map((r) => link({ release: r.name }, r.name, chosen === r.name)).join("")}</div>` : ""}
</nav>`;
}

function release(r: ReleaseView, filter: DashboardFilter): string {
  const t = r.totals;
  const due = r.due
    ? ` <span class="due${r.due.daysLeft < 0 ? " overdue" : ""}">due ${esc(r.due.date)} · ${esc(dueText(r.due))}</span>`
    : r.state === "closed"
      ? ` <span class="due">closed ${esc(day(r.closedAt))}</span>`
      : "";
  const stats = [
    stat(t.pulls, t.pulls === 1 ? "pull request" : "pull requests", `${t.open} open · ${t.merged} merged`),
    stat(t.done, "done", "", "ok"),
    stat(t.notDone, "not done", "", t.notDone ? "bad" : ""),
    stat(
      t.debt,
      "done debt",
      `${r.debtItems} ${r.debtItems === 1 ? "item" : "items"} missing at merge${r.debtPaid ? `, ${r.debtPaid} paid` : ""}`,
      t.debt ? "bad" : "",
    ),
    stat(r.waivers.length, "waived", r.waivers.length ? "on the record below" : ""),
    ...(t.pending ? [stat(t.pending, "pending", "")] : []),
    ...(t.unknown ? [stat(t.unknown, "not evaluated", "")] : []),
  ].join("");
  const owners = OWNERS.map(
    (o) =>
      `<li><span class="owner ${o}">${OWNER_LABEL[o]}</span> <strong>${t.missingItems[o]}</strong> missing in ${t.pullsLacking[o]} PR${t.pullsLacking[o] === 1 ? "" : "s"}</li>`,
  ).join("");
  const shown = r.pulls;
  const filtered = (filter.owner ?? "all") !== "all" || (filter.state ?? "all") !== "all";
  const progress = t.pulls
    ? `<div class="progress"><progress max="${r.progress.total}" value="${r.progress.done}" aria-label="${esc(r.name)}: ${esc(progressText(r))}"></progress><span>${esc(progressText(r))}</span></div>`
    : "";
  return `<section class="release ${r.state}" aria-label="${esc(r.name)}" data-release="${esc(r.name)}">
<h2>${r.url ? `<a href="${href(r.url)}">${esc(r.name)}</a>` : esc(r.name)}${due}</h2>
${progress}
<div class="stats">${stats}</div>
<ul class="owners" aria-label="Missing items by owner"><li><strong>${missingTotal(t.missingItems)}</strong> ${missingTotal(t.missingItems) === 1 ? "item" : "items"} missing</li>${owners}<li>${t.pendingItems} pending · ${t.waivedItems} waived</li></ul>
${r.capacity ? capacity(r.capacity) : ""}
${shown.length ? table(shown) : `<p class="empty">${filtered ? "No pull request matches these filters." : "No pull requests."}</p>`}
${r.followUps.length ? followUps(r.followUps) : ""}
${r.waivers.length ? waivers(r.waivers) : ""}
</section>`;
}

function stat(n: number, label: string, note: string, tone = ""): string {
  return `<div class="stat ${tone}"><strong>${n}</strong><span>${esc(label)}</span>${note ? `<small>${esc(note)}</small>` : ""}</div>`;
}

function capacity(c: CapacityView): string {
  const rows = c.shares
    .map((s) => {
      const target =
        s.target !== null ? `<i class="target" style="left:${s.target}%" title="target ${s.target}%"></i>` : "";
      const amount = c.weight === "lines" ? `${s.lines} lines` : `${s.pulls}`;
      return `<div class="share"><span class="group">${esc(s.group)}</span><span class="bar"><b style="width:${s.percent}%"></b>${target}</span><span class="pct${s.off ? " off" : ""}">${amount} · ${s.percent}%${s.target !== null ? ` <small>target ${s.target}%</small>` : ""}</span></div>`;
    })
    .join("");
  const none = c.ungrouped
    ? `<p class="note">${c.ungrouped} in no group: ${c.ungroupedPulls.map((p) => `<a href="${href(p.url)}" title="${esc(p.title)}">#${p.number}</a>`).join(" ")}</p>`
    : "";
  return `<div class="capacity" aria-label="Capacity"><h3>Capacity by ${esc(shareUnit(c))}</h3>${rows}${none}</div>`;
}

function table(pulls: PullView[]): string {
  const head = `<tr><th>Pull request</th><th>State</th>${OWNERS.map((o) => `<th>${OWNER_LABEL[o]}</th>`).join("")}<th>Pending</th><th>Waived</th></tr>`;
  const rows = pulls.map((p) => {
    const check = p.checkUrl ? ` <a class="check" href="${href(p.checkUrl)}">check</a>` : "";
    const verdict = `<span class="verdict ${p.debt ? "debt" : p.verdict}">${p.debt ? "Done debt" : VERDICT_LABEL[p.verdict]}</span>`;
    const cell = (label: string, html: string, cls = "") =>
      `<td data-label="${label}"${cls ? ` class="${cls}"` : ""}${html ? "" : ' data-empty=""'}>${html}</td>`;
    return `<tr data-number="${p.number}"><td class="pr"><a href="${href(p.url)}">${p.repo ? esc(p.repo) : ""}#${p.number}</a> ${esc(p.title)}<small>@${esc(p.author)}${check}</small></td>
${cell("State", `${esc(p.state)} ${verdict}`)}${OWNERS.map((o) => cell(OWNER_LABEL[o], items(p.missing[o]), o)).join("")}${cell("Pending", items(p.pending))}${cell("Waived", waived(p.waived))}</tr>`;
  });
  return `<table class="pulls cards"><thead>${head}</thead><tbody>${rows.join("\n")}</tbody></table>`;
}

function waivers(list: WaiverRecord[]): string {
  const rows = list
    .map(
      (w) =>
        `<tr><td class="pr"><a href="${href(w.pullUrl)}">#${w.pull}</a> ${esc(w.pullTitle)}${w.pullDone ? ' <span class="verdict done">Done</span>' : ""}</td><td data-label="Item">${esc(w.title)} <span class="owner ${w.owner}">${OWNER_LABEL[w.owner]}</span></td><td data-label="By">${esc(w.by.map((b) => `@${b}`).join(", "))}</td>${w.at ? `<td data-label="When"><time datetime="${esc(w.at)}">${esc(day(w.at))}</time></td>` : '<td data-label="When" data-empty=""></td>'}<td data-label="Why" class="why">${esc(w.reason)}</td></tr>`,
    )
    .join("");
  return `<div class="waivers"><h3>Waivers on the record (${list.length})</h3><table class="waivers cards"><thead><tr><th>Pull request</th><th>Item</th><th>Waived by</th><th>When</th><th>Why</th></tr></thead><tbody>${rows}</tbody></table></div>`;
}

function items(list: ItemView[]): string {
  const follow = (i: ItemView) =>
    i.followUp
      ? ` <a class="follow${i.followUp.paid ? " paid" : ""}" href="${href(i.followUp.url)}">#${i.followUp.number}${i.followUp.paid ? " paid" : ""}</a>`
      : "";
  return list.length
    ? `<ul>${list.map((i) => `<li title="${esc(i.id)}">${esc(i.title)}${follow(i)}</li>`).join("")}</ul>`
    : "";
}

function followUps(list: FollowUpView[]): string {
  const rows = list
    .map(
      (f) =>
        `<tr><td class="pr"><a href="${href(f.url)}">#${f.number}</a> ${esc(f.title)}</td><td data-label="Pull request">#${f.pull}</td><td data-label="Item"><code>${esc(f.item)}</code></td><td data-label="Open for">${f.ageDays} ${f.ageDays === 1 ? "day" : "days"}</td></tr>`,
    )
    .join("");
  return `<div class="follow-ups"><h3>Follow-ups planned in this release (${list.length} open)</h3><table class="follow-ups cards"><thead><tr><th>Follow-up</th><th>Pull request</th><th>Item</th><th>Open for</th></tr></thead><tbody>${rows}</tbody></table></div>`;
}

function waived(list: ItemView[]): string {
  return list.length
    ? `<ul>${list.map((i) => `<li>${esc(i.title)}${i.waiver ? ` <small>by ${esc(i.waiver.by.map((b) => `@${b}`).join(", "))}: ${esc(i.waiver.reason)}</small>` : ""}</li>`).join("")}</ul>`
    : "";
}

export function renderMessagePage(title: string, message: string, link?: { href: string; text: string }): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="robots" content="noindex"><title>${esc(title)}</title><style>${CSS}</style></head>
<body><main><h1>${esc(title)}</h1><p>${esc(message)}</p>${link ? `<p><a href="${esc(link.href)}">${esc(link.text)}</a></p>` : ""}</main></body></html>`;
}

const CSS = `
:root{--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--bg:#f6f8fa;--ok:#1a7f37;--bad:#cf222e;--warn:#9a6700;--accent:#0969da}
*{box-sizing:border-box}body{margin:0;font:14px/1.5 -apple-system,BlinkMacSystemFont,"Segoe UI",Helvetica,Arial,sans-serif;color:var(--fg);background:#fff}
main{max-width:1280px;margin:0 auto;padding:24px}a{color:var(--accent);text-decoration:none}a:hover{text-decoration:underline}
header{display:flex;flex-wrap:wrap;align-items:baseline;gap:8px 16px;border-bottom:1px solid var(--line);padding-bottom:12px}
h1{font-size:22px;margin:0}.repo{margin:0;font-size:16px}.viewer{margin:0 0 0 auto;color:var(--muted)}.viewer button{font:inherit;color:var(--accent);background:none;border:0;padding:0;cursor:pointer}
.filters{display:flex;flex-wrap:wrap;gap:8px 24px;margin:16px 0}.filters div{display:flex;flex-wrap:wrap;align-items:center;gap:4px}
.filters span{color:var(--muted);margin-right:4px;font-weight:600}
.filters a{border:1px solid var(--line);border-radius:999px;padding:2px 10px;color:var(--fg)}
.filters a[aria-current]{background:var(--fg);border-color:var(--fg);color:#fff}
.release{border:1px solid var(--line);border-radius:8px;padding:16px;margin:16px 0}
h2{margin:0 0 12px;font-size:18px}.due{color:var(--muted);font-size:14px;font-weight:400}h3{font-size:14px;margin:0 0 6px}
.stats{display:flex;flex-wrap:wrap;gap:8px}.stat{background:var(--bg);border-radius:6px;padding:6px 12px;min-width:110px}
.stat strong{font-size:20px;display:block}.stat span{color:var(--muted)}.stat small{display:block;color:var(--muted)}
.stat.ok strong{color:var(--ok)}.stat.bad strong{color:var(--bad)}
.owners{list-style:none;padding:0;margin:12px 0;display:flex;flex-wrap:wrap;gap:6px 18px}
.owner{border-radius:4px;padding:0 6px;font-size:12px;font-weight:600}.owner.product{background:#ddf4ff}.owner.engineering{background:#fbefff}.owner.joint{background:#fff8c5}
.capacity{margin:12px 0;max-width:560px}.share{display:grid;grid-template-columns:90px 1fr 150px;align-items:center;gap:8px;margin:4px 0}
.bar{position:relative;height:10px;background:var(--bg);border-radius:5px;overflow:visible}.bar b{display:block;height:100%;background:var(--accent);border-radius:5px}
.target{position:absolute;top:-3px;width:2px;height:16px;background:var(--fg)}.pct small{color:var(--muted)}.pct.off{color:var(--warn);font-weight:600}
.note,.empty{color:var(--muted)}
table{border-collapse:collapse;width:100%;margin-top:12px}th,td{border-top:1px solid var(--line);padding:6px 8px;text-align:left;vertical-align:top}
th{background:var(--bg);font-weight:600;white-space:nowrap}td ul{margin:0;padding-left:16px}td small{display:block;color:var(--muted)}
td.pr{min-width:240px}.check{margin-left:6px}
.verdict{display:inline-block;border-radius:999px;padding:0 8px;font-size:12px;font-weight:600;white-space:nowrap}
.verdict.done{background:#dafbe1;color:var(--ok)}.verdict.not-done,.verdict.debt{background:#ffebe9;color:var(--bad)}
.verdict.pending{background:#fff8c5;color:var(--warn)}.verdict.unknown{background:var(--bg);color:var(--muted)}
footer{margin-top:24px;color:var(--muted)}
.due.overdue{color:var(--bad);font-weight:600}.muted{color:var(--muted);font-weight:400}.bad{color:var(--bad)}
.progress{display:flex;align-items:center;gap:10px;margin:0 0 12px}.progress span{color:var(--muted);white-space:nowrap}
progress{flex:1;max-width:420px;height:12px;appearance:none;border:0;border-radius:6px;background:var(--bg);overflow:hidden}
progress::-webkit-progress-bar{background:var(--bg);border-radius:6px}progress::-webkit-progress-value{background:var(--ok);border-radius:6px}
progress::-moz-progress-bar{background:var(--ok)}
.waivers h3,.follow-ups h3{margin-top:16px}a.follow{font-size:12px;margin-left:4px}a.follow.paid{color:var(--ok)}td.why{max-width:420px}
.trends,.history{margin:24px 0}.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(300px,1fr));gap:16px}
figure.chart{margin:0;border:1px solid var(--line);border-radius:8px;padding:12px}figure.chart figcaption{color:var(--muted);font-size:13px;margin-top:6px}
figure.chart figcaption strong{color:var(--fg)}
svg .grid{stroke:var(--line)}svg .tick,svg .value{font-size:10px;fill:var(--muted)}svg .value{fill:var(--fg)}
svg .col{fill:var(--accent)}svg .col.open{fill:#54aeff}svg .target-line{stroke:var(--warn);stroke-width:2;stroke-dasharray:5 3}
.sr-only{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap;border:0}
details{border:1px solid var(--line);border-radius:8px;margin:8px 0;padding:0 12px}details>summary{cursor:pointer;padding:10px 0;font-weight:600}
details .release{border:0;padding:0;margin:0 0 12px}.history .off{color:var(--warn);font-weight:600}
@media (max-width:700px){
main{padding:12px}.viewer{margin:0}.share{grid-template-columns:70px 1fr 110px}.stat{min-width:90px;flex:1}
table.cards thead{display:none}
table.cards,table.cards tbody,table.cards tr,table.cards td,table.cards tbody th{display:block;width:100%}
table.cards tr{border-top:1px solid var(--line);padding:8px 0}table.cards td,table.cards tbody th{border:0;padding:2px 0;background:none}
table.cards td[data-empty]{display:none}
table.cards td[data-label]::before{content:attr(data-label) ": ";color:var(--muted);font-weight:600}
td.pr{min-width:0}
}
`;
