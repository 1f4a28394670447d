// The one pure aggregation every face renders: releases → pull requests → what each still lacks, by owner;
// done debt; totals per release and per owner; the capacity split next to the team's target.
import type { OwnerRole, ResolvedConfig } from "../config/schema.js";
import type { DashboardInput, EmbeddedItem, PullInput, ReleaseInput } from "../model/dashboard.js";
import { OWNERS } from "../report/format.js";
import type { CapacityView, DashboardFilter, DashboardModel, ItemView, OwnerCounts, PullView, ReleaseTotals, ReleaseView } from "./model.js";


type Capacity = ResolvedConfig["dashboard"]["capacity"];

export function aggregate(input: DashboardInput, config: Pick<ResolvedConfig, "dashboard">): DashboardModel {
  const capacity = config.dashboard.capacity;
  const releases = input.releases.map((release) => releaseView(release, capacity));
  return {
    owner: input.owner,
    repo: input.repo,
    url: input.url,
    releaseBy: input.releaseBy,
    releases,
    totals: sumTotals(releases.map((r) => r.totals)),
  };
}

function releaseView(release: ReleaseInput, capacity: Capacity): ReleaseView {
  const pulls = release.pulls.map((pull) => pullView(pull, capacity)).sort(byStateThenNumber);
  return {
    name: release.name,
    ...(release.url !== undefined && { url: release.url }),
    ...(release.dueOn !== undefined && { dueOn: release.dueOn }),
    pulls,
    debt: pulls.filter((p) => p.debt),
    totals: totalsOf(pulls),
    capacity: capacity ? capacityView(pulls, capacity) : null,
  };
}

function pullView(pull: PullInput, capacity: Capacity): PullView {
  const report = pull.check?.report ?? null;
  const items = (report?.items ?? []).map(itemView).filter((i): i is ItemView => i !== null);
  const missing = emptyByOwner<ItemView[]>(() => []);
  for (const item of items) if (item.status === "missing" || item.status === "error") missing[item.owner].push(item);
  const pending = items.filter((i) => i.status === "pending");
  const waived = items.filter((i) => i.status === "waived");
  const missingCount = OWNERS.reduce((n, o) => n + missing[o].length, 0);
  const verdict = !report ? "unknown" : missingCount > 0 ? "not-done" : pending.length > 0 ? "pending" : "done";
  return {
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
    group: capacity ? groupOf(pull.labels, capacity.groups) : null,
  };
}

function itemView(item: EmbeddedItem): ItemView | null {
  if (item.status === "met" || item.status === "not_applicable") return null;
  // Titles may have been dropped to fit the check run; the id still says what it is.
  const view: ItemView = { id: item.id, title: item.title || item.id, owner: item.owner, status: item.status };
  if (item.waiver) view.waiver = { by: item.waiver.by, reason: item.waiver.reason };
  return view;
}

const byStateThenNumber = (a: PullView, b: PullView) =>
  a.state === b.state ? a.number - b.number : a.state === "open" ? -1 : 1;

/** The first group (in the config's order) one of whose labels the pull request has. */
function groupOf(labels: string[], groups: Record<string, string[]>): string | null {
  const have = new Set(labels.map((l) => l.toLowerCase()));
  for (const [group, names] of Object.entries(groups)) {
    if (names.some((name) => have.has(name.toLowerCase()))) return group;
  }
  return null;
}

function capacityView(pulls: PullView[], capacity: NonNullable<Capacity>): CapacityView {
  const grouped = pulls.filter((p) => p.group !== null).length;
  return {
    shares: Object.keys(capacity.groups).map((group) => {
      const count = pulls.filter((p) => p.group === group).length;
      return {
        group,
        pulls: count,
        percent: grouped === 0 ? 0 : Math.round((count / grouped) * 100),
        target: capacity.target?.[group] ?? null,
      };
    }),
    ungrouped: pulls.length - grouped,
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
    for (const key of ["pulls", "open", "merged", "done", "notDone", "pending", "unknown", "debt", "waivedItems", "pendingItems"] as const) {
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
  return { ...model, releases };
}

export const OWNER_FILTERS: readonly DashboardFilter["owner"][] = ["all", ...OWNERS];
export const STATE_FILTERS: readonly NonNullable<DashboardFilter["state"]>[] = ["all", "not-done", "open", "merged", "debt"];
