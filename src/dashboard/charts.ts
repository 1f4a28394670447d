// The trend charts, as data: which series over which releases, with a title and a sentence that says what they
// show. The SVG (web page), Mermaid (issue) and text (CLI) forms all draw these, so the three never disagree.
import type { DashboardModel, TrendPoint } from "./model.js";

export interface Chart {
  id: string;
  title: string;
  /** What the axis counts, e.g. `items` or `%`. */
  unit: string;
  /** One value per release, oldest first. */
  points: { release: string; value: number; open: boolean }[];
  /** A target line (capacity shares). */
  target: number | null;
  /** The chart in a sentence, for screen readers and for anyone who won't read a chart. */
  description: string;
}

/** Charts worth drawing: a trend needs two releases. */
export function trendCharts(model: DashboardModel): Chart[] {
  const trend = model.trend;
  if (trend.length < 2) return [];
  const charts = [
    chart("done-debt", "Done debt per release", "items", trend, (p) => p.debtItems, null, "items of done debt"),
    chart("waivers", "Waivers per release", "waivers", trend, (p) => p.waivers, null, "waivers"),
  ];
  // With two groups one share is the other's complement: draw every group but the first (feature work, usually).
  for (const group of model.groups.slice(1)) {
    charts.push(
      chart(
        `share-${slug(group.name)}`,
        `${group.name} share of capacity`,
        "%",
        trend,
        (p) => p.shares[group.name] ?? 0,
        group.target,
        `${group.name}`,
      ),
    );
  }
  return charts;
}

function chart(
  id: string,
  title: string,
  unit: string,
  trend: TrendPoint[],
  value: (p: TrendPoint) => number,
  target: number | null,
  noun: string,
): Chart {
  const points = trend.map((p) => ({ release: p.release, value: value(p), open: p.state === "open" }));
  return { id, title, unit, points, target, description: describe(points, target, noun) };
}

function describe(points: Chart["points"], target: number | null, noun: string): string {
  const first = points[0]!;
  const last = points.at(-1)!;
  const max = points.reduce((m, p) => (p.value > m.value ? p : m), first);
  const v = (n: number) => (target !== null ? `${n}%` : String(n));
  const parts = [
    `From ${first.release} to ${last.release}${last.open ? " (open)" : ""}: ${v(first.value)} → ${v(last.value)} ${noun}`,
  ];
  if (max !== first && max !== last) parts.push(`highest ${v(max.value)} in ${max.release}`);
  if (target !== null) {
    const off = points.filter((p) => Math.abs(p.value - target) > 10).map((p) => p.release);
    parts.push(
      `target ${target}%${off.length ? `, more than 10 points off in ${off.join(", ")}` : ", every release within 10 points"}`,
    );
  }
  return `${parts.join("; ")}.`;
}

function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "") || "group"
  );
}

/** A round top for an axis: the smallest of 1, 2, 5 × 10ⁿ at or above the highest value (100 for shares). */
export function axisTop(of: Chart): number {
  if (of.unit === "%") return 100;
  const max = Math.max(1, ...of.points.map((p) => p.value));
  const step = 10 ** Math.floor(Math.log10(max));
  return [1, 2, 5, 10].map((m) => m * step).find((top) => top >= max)!;
}
