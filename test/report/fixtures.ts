// Reports built by hand, the way `evaluate` would build them, so the renderers are tested on their own.
import { blankFacts, type Facts } from "../../src/model/facts.js";
import type { ItemResult, ItemStatus, Report } from "../../src/model/report.js";
import type { ConfigChange } from "../../src/model/config-problems.js";

export function item(fields: Partial<ItemResult> & Pick<ItemResult, "id">): ItemResult {
  return {
    title: fields.id,
    owner: "engineering",
    status: "met",
    reason: "met",
    evidence: [],
    ...fields,
  };
}

export function report(
  items: ItemResult[],
  options: { mode?: Report["mode"]; configChange?: ConfigChange } = {},
): Report {
  const statuses: ItemStatus[] = ["met", "missing", "pending", "not_applicable", "error", "waived"];
  const counts = Object.fromEntries(statuses.map((s) => [s, items.filter((i) => i.status === s).length])) as Record<
    ItemStatus,
    number
  >;
  const mode = options.mode ?? "blocking";
  const blocked = counts.missing + counts.error > 0;
  const conclusion =
    blocked || (options.configChange?.problems.length ?? 0) > 0
      ? blocked && mode === "advisory"
        ? "neutral"
        : "failure"
      : counts.pending > 0
        ? "pending"
        : "success";
  const applicable = items.filter((i) => i.status !== "not_applicable");
  const done = counts.met + counts.waived;
  const missing = items.filter((i) => i.status === "missing" || i.status === "error").map((i) => i.title);
  const title = `${done} of ${applicable.length} done${missing.length ? ` — missing: ${missing.join(", ")}` : ""}`;
  return {
    conclusion,
    mode,
    title,
    items,
    counts,
    ...(options.configChange && { configChange: options.configChange }),
  };
}

export function facts(fields: Partial<Facts> = {}): Facts {
  return blankFacts({
    repo: { owner: "acme", name: "shop" },
    number: 42,
    url: "https://github.com/acme/shop/pull/42",
    title: "Checkout with saved cards",
    author: "dev-dana",
    base: { ref: "main" },
    head: { ref: "saved-cards", sha: "0123456789abcdef0123456789abcdef01234567" },
    ...fields,
  });
}

/** 2 missing, 1 pending, 3 met, 1 waived, 1 not applicable. */
export function sampleItems(): ItemResult[] {
  return [
    item({
      id: "acceptance-criteria",
      title: "Acceptance criteria agreed",
      owner: "product",
      status: "missing",
      reason: "no linked issue closes this pull request",
      hint: 'Link the story with "Closes #123" in the description.',
    }),
    item({
      id: "unit-tests",
      title: "Unit tests",
      status: "met",
      reason: "test files changed",
      evidence: [{ text: "src/cart.test.ts", url: "https://github.com/acme/shop/pull/42/files#diff-1" }],
    }),
    item({
      id: "runbook",
      title: "Runbook updated",
      status: "missing",
      reason: "no file under `docs/runbooks/**` changed",
      hint: "Describe how to operate and roll back the change in docs/runbooks/.",
    }),
    item({
      id: "ci",
      title: "CI green",
      status: "pending",
      reason: "`ci/test` is in progress",
      evidence: [{ text: "ci/test", url: "https://github.com/acme/shop/runs/7" }],
    }),
    item({
      id: "product-review",
      title: "Product sign-off",
      owner: "product",
      status: "met",
      reason: "approved",
      evidence: [{ text: "review by @pm-alice", url: "https://github.com/acme/shop/pull/42#pullrequestreview-1" }],
    }),
    item({
      id: "release-notes",
      title: "Release notes",
      owner: "joint",
      status: "met",
      reason: "section filled",
      evidence: [{ text: "“Release notes” section" }],
    }),
    item({
      id: "feature-flag",
      title: "Behind a feature flag",
      owner: "joint",
      status: "waived",
      reason: "waived",
      waiver: {
        by: ["pm-alice", "eng-bob"],
        reason: "internal tool, no rollout needed",
        at: "2024-05-01T09:30:00Z",
        url: "https://github.com/acme/shop/pull/42#issuecomment-99",
      },
    }),
    item({
      id: "docs",
      title: "User docs",
      owner: "product",
      status: "not_applicable",
      reason: "no user-facing file changed",
    }),
  ];
}
