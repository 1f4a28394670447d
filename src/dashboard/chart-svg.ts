// The trend charts on the web page: server-drawn SVG, no script. Each is a <figure> whose SVG is an image named
// by its <title> and <desc>, followed by the same numbers as a table, so a screen reader (or anyone) can read
// them without the picture.
import { axisTop, type Chart } from "./charts.js";
import { esc } from "./escape.js";

const W = 360;
const H = 180;
const PAD = { top: 12, right: 8, bottom: 34, left: 34 };

export function renderChartSvg(chart: Chart): string {
  const top = axisTop(chart);
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const slot = plotW / chart.points.length;
  const barW = Math.min(36, slot * 0.6);
  const y = (v: number) => PAD.top + plotH - (Math.min(v, top) / top) * plotH;
  const id = `chart-${chart.id}`;
  const grid = [0, top / 2, top]
    .map(
      (v) =>
        `<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${f(y(v))}" y2="${f(y(v))}" class="grid"/><text x="${PAD.left - 4}" y="${f(y(v) + 4)}" class="tick" text-anchor="end">${fmt(v)}</text>`,
    )
    .join("");
  const bars = chart.points
    .map((p, i) => {
      const x = PAD.left + slot * i + (slot - barW) / 2;
      const label = p.open ? `${p.release}*` : p.release;
      return (
        `<rect x="${f(x)}" y="${f(y(p.value))}" width="${f(barW)}" height="${f(PAD.top + plotH - y(p.value))}" class="col${p.open ? " open" : ""}" data-release="${esc(p.release)}" data-value="${p.value}"/>` +
        `<text x="${f(x + barW / 2)}" y="${f(y(p.value) - 3)}" class="value" text-anchor="middle">${p.value}</text>` +
        `<text x="${f(x + barW / 2)}" y="${H - PAD.bottom + 14}" class="tick" text-anchor="middle">${esc(short(label))}</text>`
      );
    })
    .join("");
  const target =
    chart.target !== null
      ? `<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${f(y(chart.target))}" y2="${f(y(chart.target))}" class="target-line" data-target="${chart.target}"/>`
      : "";
  const svg =
    `<svg viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-labelledby="${id}-title ${id}-desc" xmlns="http://www.w3.org/2000/svg">` +
    `<title id="${id}-title">${esc(chart.title)}</title><desc id="${id}-desc">${esc(chart.description)}</desc>` +
    `<g aria-hidden="true">${grid}${bars}${target}</g></svg>`;
  const head = `<tr><th scope="col">Release</th><th scope="col">${esc(chart.unit === "%" ? "Share (%)" : capital(chart.unit))}</th>${chart.target !== null ? '<th scope="col">Target (%)</th>' : ""}</tr>`;
  const rows = chart.points
    .map(
      (p) =>
        `<tr><th scope="row">${esc(p.release)}${p.open ? " (open)" : ""}</th><td>${p.value}</td>${chart.target !== null ? `<td>${chart.target}</td>` : ""}</tr>`,
    )
    .join("");
  return `<figure class="chart" id="${id}">${svg}<figcaption><strong>${esc(chart.title)}</strong> — ${esc(chart.description)}</figcaption>
<table class="sr-only chart-data"><caption>${esc(chart.title)}: the numbers</caption><thead>${head}</thead><tbody>${rows}</tbody></table></figure>`;
}

const f = (n: number) => String(Math.round(n * 10) / 10);
const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
/** Axis labels stay short; the table and the tooltip-free title carry the full names. */
const short = (s: string) => (s.length > 10 ? `${s.slice(0, 9)}…` : s);
