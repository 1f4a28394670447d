// Words every face uses for a release at a glance: how far along it is and how long is left.
import type { CapacityView, DueView, ReleaseView } from "./model.js";

/** `3 days left`, `due today`, `2 days overdue`. */
export function dueText(due: DueView): string {
  const n = Math.abs(due.daysLeft);
  const days = `${n} ${n === 1 ? "day" : "days"}`;
  return due.daysLeft > 0 ? `${days} left` : due.daysLeft === 0 ? "due today" : `${days} overdue`;
}

/** A bar of 20 blocks for text faces: `██████░░░░░░░░░░░░░░`. */
export function textBar(percent: number, width = 20): string {
  const full = Math.round((Math.max(0, Math.min(100, percent)) / 100) * width);
  return "█".repeat(full) + "░".repeat(width - full);
}

export function progressText(r: ReleaseView): string {
  return `${r.progress.done} of ${r.progress.total} done (${r.progress.percent}%)`;
}

export function shareUnit(c: CapacityView): string {
  return c.weight === "lines" ? "lines changed" : "pull requests";
}

/** `2026-04-10` from an ISO timestamp; empty for none. */
export const day = (iso: string | null | undefined): string => (iso ? iso.slice(0, 10) : "");
