// GraphQL answers shaped like GitHub's for the dashboard's queries, from a few test-friendly options.
import type { EmbeddedItem } from "../../src/model/dashboard.js";
import type * as Q from "../../src/github/dashboard-queries.js";

/** An answer's shape as a test builds it for the double: every list there, with no null in it. */
type Built<T> = T extends readonly (infer U)[]
  ? Built<NonNullable<U>>[]
  : T extends object
    ? { [K in keyof T]: NonNullable<T[K]> extends readonly unknown[] ? Built<NonNullable<T[K]>> : Built<T[K]> }
    : T;
export type PullNode = Built<Q.PullNode>;
export type PullsPage = Built<Q.PullsPage>;
type DashboardData = Q.DashboardData;
type FollowUpNode = Q.FollowUpNode;

export const OWNER = "acme";
export const REPO = "shop";

export interface PullOptions {
  number: number;
  title?: string;
  merged?: boolean;
  author?: string;
  labels?: string[];
  /** dod's items on the head commit; undefined: dod never checked it. */
  items?: Partial<EmbeddedItem>[];
  /** A run named like dod's without the hidden report. */
  bareRun?: boolean;
}

export function item(
  id: string,
  owner: EmbeddedItem["owner"],
  status: EmbeddedItem["status"],
  extra: Partial<EmbeddedItem> = {},
): EmbeddedItem {
  return { id, title: id.replace(/-/g, " "), owner, status, ...extra };
}

export function summaryWith(items: EmbeddedItem[], sha = `sha${items.length}`): string {
  const missing = items.some((i) => i.status === "missing");
  const json = JSON.stringify({ v: 1, sha, conclusion: missing ? "failure" : "success", items });
  return `❌ Not done yet\n\n### Product\n- …\n<!-- dod:report ${json} -->`;
}

export function pullNode(o: PullOptions): PullNode {
  const items = o.items?.map((i) => item(i.id ?? "x", i.owner ?? "engineering", i.status ?? "met", i));
  const runs = items
    ? [
        {
          databaseId: 7000 + o.number,
          conclusion: items.some((i) => i.status === "missing") ? ("FAILURE" as const) : ("SUCCESS" as const),
          summary: summaryWith(items),
          detailsUrl: null,
          url: `https://github.com/${OWNER}/${REPO}/runs/${7000 + o.number}`,
        },
      ]
    : o.bareRun
      ? [
          {
            databaseId: 1,
            conclusion: "SUCCESS" as const,
            summary: "hello",
            detailsUrl: null,
            url: `https://github.com/${OWNER}/${REPO}/runs/1`,
          },
        ]
      : [];
  return {
    number: o.number,
    title: o.title ?? `Change ${o.number}`,
    url: `https://github.com/${OWNER}/${REPO}/pull/${o.number}`,
    state: o.merged ? "MERGED" : "OPEN",
    merged: o.merged ?? false,
    mergedAt: o.merged ? "2026-11-20T12:00:00Z" : null,
    headRefOid: `head${o.number}`,
    additions: o.number * 10,
    deletions: o.number,
    author: { login: o.author ?? "dev-dana" },
    labels: { nodes: (o.labels ?? []).map((name) => ({ name })) },
    commits: {
      nodes: [
        {
          commit: {
            checkSuites: {
              nodes: [
                { app: null, checkRuns: { nodes: [] } },
                { app: null, checkRuns: { nodes: runs } },
              ],
            },
          },
        },
      ],
    },
  };
}

export function page(pulls: PullOptions[], after: string | null = null, totalCount = pulls.length): PullsPage {
  return { totalCount, pageInfo: { hasNextPage: after !== null, endCursor: after }, nodes: pulls.map(pullNode) };
}

export interface Milestone {
  number: number;
  title: string;
  count: number;
  dueOn?: string | null;
  /** Of `count`, those still open; by default all while the milestone is open, none once it is closed. */
  open?: number;
  /** By default when it was closed, or created. */
  updatedAt?: string;
}

function milestoneNode(m: Milestone & { closedAt?: string }) {
  return {
    number: m.number,
    title: m.title,
    url: `https://github.com/${OWNER}/${REPO}/milestone/${m.number}`,
    dueOn: m.dueOn ?? null,
    state: m.closedAt ? ("CLOSED" as const) : ("OPEN" as const),
    closedAt: m.closedAt ?? null,
    updatedAt: m.updatedAt ?? m.closedAt ?? "2026-01-01T00:00:00Z",
    pullRequests: { totalCount: m.count },
    openPulls: { totalCount: m.open ?? (m.closedAt ? 0 : m.count) },
  };
}

export interface DashboardOptions {
  config: string | null;
  orgConfig?: string | null;
  milestones?: Milestone[];
  /** Closed milestones, as GitHub lists them (by last update). */
  closed?: (Milestone & { closedAt: string })[];
  /** What `milestones(query: $release)` finds. */
  named?: (Milestone & { closedAt?: string })[];
  labels?: { name: string; open: number; count: number }[];
  issue?: { number: number; body: string } | null;
  /** What the follow-up search finds. */
  followUps?: FollowUpNode[];
}

export function dashboardData(o: DashboardOptions): DashboardData {
  return {
    repository: {
      url: `https://github.com/${OWNER}/${REPO}`,
      object: o.config === null ? null : { text: o.config },
      milestones: { nodes: (o.milestones ?? []).map(milestoneNode) },
      closedMilestones: { nodes: (o.closed ?? []).map(milestoneNode) },
      ...(o.named && { namedMilestones: { nodes: o.named.map(milestoneNode) } }),
      labels: {
        pageInfo: { hasNextPage: false, endCursor: null },
        nodes: (o.labels ?? []).map((l) => ({
          name: l.name,
          url: `https://github.com/${OWNER}/${REPO}/labels/${encodeURIComponent(l.name)}`,
          openPulls: { totalCount: l.open },
          pullRequests: { totalCount: l.count },
        })),
      },
    },
    org: { nameWithOwner: `${OWNER}/.github`, object: o.orgConfig ? { text: o.orgConfig } : null },
    followUps: { nodes: o.followUps ?? [] },
    dashboardIssue: {
      nodes: o.issue
        ? [
            {
              number: o.issue.number,
              title: "Definition of Done dashboard",
              body: o.issue.body,
              url: `https://github.com/${OWNER}/${REPO}/issues/${o.issue.number}`,
              state: "OPEN",
              author: { login: "dod[bot]" },
            },
          ]
        : [],
    },
  };
}

export const CONFIG = `owners:
  product: [pm-alice]
  engineering: [lead-bob]
criteria:
  - id: acceptance
    title: Acceptance criteria met
    owner: product
    require:
      label: accepted
releases:
  by: milestone
dashboard:
  issue: true
  capacity:
    groups:
      feature: [feature, enhancement]
      health: [tech-debt, chore]
    target:
      feature: 80
      health: 20
`;

/** A release with a bit of everything: not done by each owner, pending, waived, done, unevaluated, done debt. */
export const MIXED: PullOptions[] = [
  {
    number: 11,
    title: "Checkout flow",
    labels: ["feature"],
    items: [
      item("acceptance", "product", "missing"),
      item("unit-tests", "engineering", "missing"),
      item("docs", "engineering", "met"),
    ],
  },
  {
    number: 12,
    title: "Search <b>speed</b> | fast",
    labels: ["tech-debt"],
    items: [item("runbook", "engineering", "missing"), item("ci", "engineering", "pending")],
  },
  {
    number: 13,
    title: "Pricing page",
    labels: ["feature"],
    items: [
      item("sign-off", "joint", "missing"),
      item("docs", "engineering", "waived", { waiver: { by: ["lead-bob"], reason: "internal only" } }),
    ],
  },
  { number: 14, title: "Done already", labels: ["enhancement"], items: [item("acceptance", "product", "met")] },
  { number: 15, title: "Never checked", labels: [] },
  {
    number: 9,
    title: "Shipped half-done",
    merged: true,
    labels: ["feature"],
    items: [item("acceptance", "product", "missing")],
  },
  { number: 8, title: "Shipped done", merged: true, labels: ["chore"], items: [item("acceptance", "product", "met")] },
];

/** Releases over time for the history and trends: three closed milestones, then the open one with MIXED. */
export function historyReleases(): {
  milestone: { number: number; title: string; count: number; closedAt?: string; dueOn?: string };
  pulls: PullOptions[];
}[] {
  const waiver = (by: string, reason: string, at: string) => ({ waiver: { by: [by], reason, at } });
  return [
    {
      milestone: { number: 1, title: "v1.0", count: 4, closedAt: "2026-08-01T10:00:00Z" },
      pulls: [
        {
          number: 1,
          title: "Login",
          merged: true,
          labels: ["feature"],
          items: [item("acceptance", "product", "missing"), item("unit-tests", "engineering", "missing")],
        },
        {
          number: 2,
          title: "Signup",
          merged: true,
          labels: ["feature"],
          items: [item("acceptance", "product", "met")],
        },
        {
          number: 3,
          title: "Logout",
          merged: true,
          labels: ["feature"],
          items: [item("runbook", "engineering", "missing")],
        },
        {
          number: 4,
          title: "Upgrade deps",
          merged: true,
          labels: ["chore"],
          items: [item("acceptance", "product", "met")],
        },
      ],
    },
    {
      milestone: { number: 2, title: "v1.1", count: 3, closedAt: "2026-09-01T10:00:00Z" },
      pulls: [
        {
          number: 5,
          title: "Cart",
          merged: true,
          labels: ["feature"],
          items: [
            item("docs", "engineering", "waived", waiver("lead-bob", "docs follow in #40", "2026-08-20T09:00:00Z")),
          ],
        },
        {
          number: 6,
          title: "Flaky tests",
          merged: true,
          labels: ["tech-debt"],
          items: [
            item(
              "acceptance",
              "product",
              "waived",
              waiver("pm-alice", "no user-facing change", "2026-08-21T09:00:00Z"),
            ),
          ],
        },
        {
          number: 7,
          title: "Wishlist",
          merged: true,
          labels: ["feature"],
          items: [item("unit-tests", "engineering", "missing")],
        },
      ],
    },
    {
      milestone: { number: 3, title: "v1.2", count: 4, closedAt: "2026-10-01T10:00:00Z" },
      pulls: [
        {
          number: 16,
          title: "Payments",
          merged: true,
          labels: ["feature"],
          items: [item("acceptance", "product", "met")],
        },
        {
          number: 17,
          title: "Retry queue",
          merged: true,
          labels: ["tech-debt"],
          items: [item("acceptance", "product", "met")],
        },
        {
          number: 18,
          title: "Metrics",
          merged: true,
          labels: ["chore"],
          items: [item("acceptance", "product", "met")],
        },
        {
          number: 19,
          title: "Receipts",
          merged: true,
          labels: ["feature"],
          items: [item("acceptance", "product", "met")],
        },
      ],
    },
    { milestone: { number: 4, title: "v1.3", count: MIXED.length, dueOn: "2026-12-04T00:00:00Z" }, pulls: MIXED },
  ];
}
