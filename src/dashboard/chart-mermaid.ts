// The trend charts as Mermaid `xychart-beta` blocks, which GitHub draws in issues. xychart has no legend, so each
// chart holds one series (bars), plus the target as a line, said in its title.
import { axisTop, type Chart } from "./charts.js";

export function renderChartMermaid(chart: Chart): string {
  const title =
    chart.target !== null ? `${chart.title} (%) — line: target ${chart.target}%` : `${chart.title} (${chart.unit})`;
  const lines = [
    "```mermaid",
    "xychart-beta",
    `  title ${quote(title)}`,
    `  x-axis [${chart.points.map((p) => quote(p.open ? `${p.release} (open)` : p.release)).join(", ")}]`,
    `  y-axis ${quote(chart.unit)} 0 --> ${axisTop(chart)}`,
    `  bar [${chart.points.map((p) => p.value).join(", ")}]`,
  ];
  if (chart.target !== null) lines.push(`  line [${chart.points.map(() => chart.target).join(", ")}]`);
  lines.push("```");
  return lines.join("\n");
}

/** Mermaid's strings end at the next `"` and at a line end, and take no escapes: keep both out. */
function quote(text: string): string {
  return `"${text
    .replace(/["\r\n`]/g, "'")
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this removes
    .replace(/[\u0000-\u001f]/g, " ")
    .slice(0, 80)}"`;
}
