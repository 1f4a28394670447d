// The one pure aggregation every face renders: releases → pull requests → what each still lacks, by owner;
// done debt; totals per release and per owner; the capacity split next to the team's target.
import type { OwnerRole } from "../model/owner.js";
import type { DashboardInput, EmbeddedItem, PullInput, ReleaseInput } from "../model/dashboard.js";
import type { FollowUpInput } from "../model/follow-up.js";
import { OWNERS } from "../report/format.js";
import type {
  CapacityView,
  DashboardFilter,
  DashboardModel,
  DueView,
  FollowUpView,
  ItemView,
  OwnerCounts,
  PullView,
  ReleaseTotals,
  ReleaseView,
  TrendPoint,
  WaiverRecord,
} from "./model.js";

type Capacity = AggregateConfig["dashboard"]["capacity"];

/** Only the slice of the config the aggregation reads. */
export interface AggregateConfig {
  dashboard: {
    issue?: boolean;
    capacity?: { groups: Record<string, string[]>; target?: Record<string, number>; weight?: "prs" | "lines" };
  };
}

export interface AggregateOptions {
  /** Today, for the days left to a due date. */
  now?: Date;
}

export function aggregate(
  input: DashboardInput,
  config: AggregateConfig,
  options: AggregateOptions = {},
): DashboardModel {
  const capacity = config.dashboard.capacity;
  const now = options.now ?? new Date();
  const followUps = (input.followUps ?? []).map((f) => followUpView(f, now));
  const views = input.releases.map((release) => releaseView(release, capacity, now, followUps));
  // Most recently closed first; a closed release without a date (a label) keeps its place.
  const closed = views
    .filter((r) => r.state === "closed")
    .sort((a, b) => (b.closedAt ?? "").localeCompare(a.closedAt ?? ""));
  const open = views.filter((r) => r.state === "open");
  const releases = [...open, ...closed];
  return {
    owner: input.owner,
    repo: input.repo,
    url: input.url,
    releaseBy: input.releaseBy,
    releases,
    totals: sumTotals(open.map((r) => r.totals)),
    trend: [...closed].reverse().concat(open).map(trendPoint),
    groups: capacity
      ? Object.keys(capacity.groups).map((name) => ({ name, target: capacity.target?.[name] ?? null }))
      : [],
  };
}

function followUpView(f: FollowUpInput, now: Date): FollowUpView {
  return {
    number: f.number,
    title: f.title,
    url: f.url,
    pull: f.pull,
    item: f.item,
    state: f.state,
    paid: f.state === "closed" && f.completed,
    createdAt: f.createdAt,
    ageDays: Math.max(0, Math.floor((now.getTime() - Date.parse(f.createdAt)) / DAY_MS)),
    release: f.release,
  };
}

function releaseView(release: ReleaseInput, capacity: Capacity, now: Date, followUps: FollowUpView[]): ReleaseView {
  const pulls = release.pulls.map((pull) => pullView(pull, capacity, followUps)).sort(byStateThenMissing);
  const state = release.state ?? "open";
  const debt = pulls.filter((p) => p.debt);
  const done = pulls.filter((p) => p.verdict === "done").length;
  return {
    name: release.name,
    ...(release.url !== undefined && { url: release.url }),
    ...(release.dueOn !== undefined && { dueOn: release.dueOn }),
    state,
    closedAt: release.closedAt ?? null,
    due: state === "open" && release.dueOn ? dueView(release.dueOn, now) : null,
    progress: { done, total: pulls.length, percent: pulls.length ? Math.round((done / pulls.length) * 100) : 0 },
    pulls,
    debt,
    debtItems: debt.reduce((n, p) => n + missingCount(p), 0),
    debtPaid: debt.reduce(
      (n, p) => n + OWNERS.reduce((m, o) => m + p.missing[o].filter((i) => i.followUp?.paid).length, 0),
      0,
    ),
    followUps: followUps
      .filter((f) => f.state === "open" && f.release === release.name)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt)),
    waivers: waiverRecords(pulls),
    totals: totalsOf(pulls),
    capacity: capacity ? capacityView(pulls, capacity) : null,
  };
}

const DAY_MS = 86_400_000;

/** GitHub keeps a milestone's due date as a day: count whole days between that day and today (UTC). */
function dueView(dueOn: string, now: Date): DueView {
  const date = dueOn.slice(0, 10);
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return { date, daysLeft: Math.round((Date.parse(`${date}T00:00:00Z`) - today) / DAY_MS) };
}

function waiverRecords(pulls: PullView[]): WaiverRecord[] {
  return pulls
    .flatMap((p) =>
      p.waived.map((item) => ({
        pull: p.number,
        pullTitle: p.title,
        pullUrl: p.url,
        pullDone: p.verdict === "done",
        id: item.id,
        title: item.title,
        owner: item.owner,
        by: item.waiver?.by ?? [],
        reason: item.waiver?.reason ?? "",
        at: item.waiver?.at ?? null,
      })),
    )
    .sort((a, b) => (a.at ?? "").localeCompare(b.at ?? "") || a.pull - b.pull);
}

function trendPoint(r: ReleaseView): TrendPoint {
  return {
    release: r.name,
    state: r.state,
    pulls: r.totals.pulls,
    debtItems: r.debtItems,
    debtPulls: r.debt.length,
    debtPaid: r.debtPaid,
    waivers: r.waivers.length,
    shares: Object.fromEntries((r.capacity?.shares ?? []).map((s) => [s.group, s.percent])),
  };
}

function pullView(pull: PullInput, capacity: Capacity, followUps: FollowUpView[]): PullView {
  const report = pull.check?.report ?? null;
  const items = (report?.items ?? []).map(itemView).filter((i): i is ItemView => i !== null);
  if (pull.state === "merged") {
    for (const item of items) {
      // The latest follow-up for the item counts: a reopened debt is a debt again.
      const f = followUps
        .filter((x) => x.pull === pull.number && x.item === item.id)
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
      if (f) item.followUp = { number: f.number, url: f.url, paid: f.paid };
    }
  }
  const missing = emptyByOwner<ItemView[]>(() => []);
  for (const item of items) if (item.status === "missing" || item.status === "error") missing[item.owner].push(item);
  const pending = items.filter((i) => i.status === "pending");
  const waived = items.filter((i) => i.status === "waived");
  const missingCount = OWNERS.reduce((n, o) => n + missing[o].length, 0);
  const verdict = !report ? "unknown" : missingCount > 0 ? "not-done" : pending.length > 0 ? "pending" : "done";
  return {
    ...(pull.repo !== undefined && { repo: pull.repo }),
    number: pull.number,
    title: pull.title,
    url: pull.url,
    state: pull.state,
    author: pull.author,
    labels: pull.labels,
    checkUrl: pull.check?.url ?? null,
    verdict,
    missing,
    pending,
    waived,
    debt: pull.state === "merged" && missingCount > 0,
    debtPaid:
      pull.state === "merged" && missingCount > 0 && OWNERS.every((o) => missing[o].every((i) => i.followUp?.paid)),
    group: capacity ? groupOf(pull.labels, capacity.groups) : null,
    weight: capacity?.weight === "lines" ? (pull.additions ?? 0) + (pull.deletions ?? 0) : 1,
  };
}

function itemView(item: EmbeddedItem): ItemView | null {
  if (item.status === "met" || item.status === "not_applicable") return null;
  // Titles may have been dropped to fit the check run; the id still says what it is.
  const view: ItemView = { id: item.id, title: item.title || item.id, owner: item.owner, status: item.status };
  if (item.waiver)
    view.waiver = { by: item.waiver.by, reason: item.waiver.reason, ...(item.waiver.at && { at: item.waiver.at }) };
  return view;
}

const missingCount = (p: PullView) => OWNERS.reduce((n, o) => n + p.missing[o].length, 0);

/** Open before merged; then most missing items first, pending ones breaking ties. */
function byStateThenMissing(a: PullView, b: PullView): number {
  if (a.state !== b.state) return a.state === "open" ? -1 : 1;
  const rank = (p: PullView) => missingCount(p) * 2 + (p.pending.length > 0 ? 1 : 0);
  return rank(b) - rank(a) || a.number - b.number;
}

/** The first group (in the config's order) one of whose labels the pull request has. */
function groupOf(labels: string[], groups: Record<string, string[]>): string | null {
  const have = new Set(labels.map((l) => l.toLowerCase()));
  for (const [group, names] of Object.entries(groups)) {
    if (names.some((name) => have.has(name.toLowerCase()))) return group;
  }
  return null;
}

function capacityView(pulls: PullView[], capacity: NonNullable<Capacity>): CapacityView {
  const grouped = pulls.filter((p) => p.group !== null);
  const total = grouped.reduce((n, p) => n + p.weight, 0);
  const ungrouped = pulls.filter((p) => p.group === null);
  return {
    weight: capacity.weight ?? "prs",
    shares: Object.keys(capacity.groups).map((group) => {
      const members = grouped.filter((p) => p.group === group);
      const weight = members.reduce((n, p) => n + p.weight, 0);
      const percent = total === 0 ? 0 : Math.round((weight / total) * 100);
      const target = capacity.target?.[group] ?? null;
      return {
        group,
        pulls: members.length,
        lines: capacity.weight === "lines" ? weight : 0,
        percent,
        target,
        off: target !== null && total > 0 && Math.abs(percent - target) > 10,
      };
    }),
    ungrouped: ungrouped.length,
    ungroupedPulls: ungrouped.map((p) => ({ number: p.number, title: p.title, url: p.url })),
  };
}

function emptyByOwner<T>(make: () => T): Record<OwnerRole, T> {
  return { product: make(), engineering: make(), joint: make() };
}

function totalsOf(pulls: PullView[]): ReleaseTotals {
  const totals = zeroTotals();
  for (const pull of pulls) {
    totals.pulls++;
    totals[pull.state === "open" ? "open" : "merged"]++;
    if (pull.verdict === "done") totals.done++;
    else if (pull.verdict === "not-done") totals.notDone++;
    else if (pull.verdict === "pending") totals.pending++;
    else totals.unknown++;
    if (pull.debt) totals.debt++;
    for (const owner of OWNERS) {
      totals.missingItems[owner] += pull.missing[owner].length;
      if (pull.missing[owner].length > 0) totals.pullsLacking[owner]++;
    }
    totals.waivedItems += pull.waived.length;
    totals.pendingItems += pull.pending.length;
  }
  return totals;
}

function zeroTotals(): ReleaseTotals {
  return {
    pulls: 0,
    open: 0,
    merged: 0,
    done: 0,
    notDone: 0,
    pending: 0,
    unknown: 0,
    debt: 0,
    missingItems: emptyByOwner(() => 0),
    pullsLacking: emptyByOwner(() => 0),
    waivedItems: 0,
    pendingItems: 0,
  };
}

function sumTotals(all: ReleaseTotals[]): ReleaseTotals {
  const sum = zeroTotals();
  for (const t of all) {
    for (const key of [
      "pulls",
      "open",
      "merged",
      "done",
      "notDone",
      "pending",
      "unknown",
      "debt",
      "waivedItems",
      "pendingItems",
    ] as const) {
      sum[key] += t[key];
    }
    for (const owner of OWNERS) {
      sum.missingItems[owner] += t.missingItems[owner];
      sum.pullsLacking[owner] += t.pullsLacking[owner];
    }
  }
  return sum;
}

export const missingTotal = (counts: OwnerCounts) => OWNERS.reduce((n, o) => n + counts[o], 0);

/** What a face shows after its filters; totals stay those of the whole release so the numbers never shrink. */
export function filterModel(model: DashboardModel, filter: DashboardFilter): DashboardModel {
  const owner = filter.owner ?? "all";
  const state = filter.state ?? "all";
  const keep = (pull: PullView): boolean => {
    if (state === "open" && pull.state !== "open") return false;
    if (state === "merged" && pull.state !== "merged") return false;
    if (state === "debt" && !pull.debt) return false;
    if (state === "not-done" && pull.verdict === "done") return false;
    if (owner === "all") return true;
    return pull.missing[owner].length > 0 || pull.pending.some((i) => i.owner === owner);
  };
  const releases = model.releases
    .filter((r) => filter.release === undefined || r.name === filter.release)
    .map((r) => ({ ...r, pulls: r.pulls.filter(keep), debt: r.debt.filter(keep) }));
  // The trend stays whole: a filter picks what to list, not what happened.
  return { ...model, releases };
}

export const OWNER_FILTERS: readonly DashboardFilter["owner"][] = ["all", ...OWNERS];
export const STATE_FILTERS: readonly NonNullable<DashboardFilter["state"]>[] = [
  "all",
  "not-done",
  "open",
  "merged",
  "debt",
];
