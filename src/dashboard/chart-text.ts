// The trend charts in a terminal: one line per chart, a sparkline and the values, oldest release first.
import { axisTop, type Chart } from "./charts.js";

const LEVELS = "▁▂▃▄▅▆▇█";

export function renderChartsText(charts: Chart[]): string {
  if (charts.length === 0) return "";
  const releases = charts[0]!.points.map((p) => (p.open ? `${p.release}*` : p.release));
  const label = (c: Chart) =>
    `${c.title}${c.unit === "%" ? " (%)" : ""}${c.target !== null ? ` · target ${c.target}` : ""}`;
  const width = Math.max(...charts.map((c) => label(c).length));
  const cols = releases.map((r, i) => Math.max(r.length, ...charts.map((c) => String(c.points[i]!.value).length)));
  const row = (first: string, spark: string, cells: string[]) =>
    `${first.padEnd(width)}  ${spark.padEnd(releases.length)}  ${cells.map((c, i) => c.padStart(cols[i]!)).join("  ")}`.trimEnd();
  const lines = [row("", "", releases)];
  for (const c of charts) {
    const top = axisTop(c);
    const spark = c.points
      .map((p) => LEVELS[Math.min(LEVELS.length - 1, Math.floor((p.value / top) * (LEVELS.length - 1) + 0.5))])
      .join("");
    lines.push(
      row(
        label(c),
        spark,
        c.points.map((p) => String(p.value)),
      ),
    );
  }
  lines.push("(oldest first; * still open)");
  return lines.join("\n");
}
