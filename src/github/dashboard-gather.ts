// Reads what the app already recorded: the config, the open releases and the last closed ones (the history) in
// one GraphQL request, then each
// release's pull requests with dod's check run on their head, 50 per request. A release of N pull requests
// costs ⌈N/50⌉ requests, so the whole dashboard costs 1 + Σ⌈Nᵢ/50⌉ — never one request per pull request.
import { randomUUID } from "node:crypto";
import { Minimatch } from "minimatch";
import { CONFIG_PATH, DASHBOARD_MARKER, DASHBOARD_TITLE, ORG_CONFIG_REPO } from "../model/names.js";
import { loadConfig, type LoadResult } from "../config/resolve.js";
import type { ResolvedConfig } from "../config/schema.js";
import { type GitHub, queryAllowingMissing } from "./client.js";
import { readEmbeddedReport } from "../report/embed.js";
import type { DashboardInput, PullInput, ReleaseInput } from "../model/dashboard.js";
import { FOLLOW_UP_PHRASE, type FollowUpInput, readFollowUpMarker } from "../model/follow-up.js";
import * as Q from "./dashboard-queries.js";
import { blobText, present } from "./nodes.js";
import { CLOSED_PULLS_EPOCH, CLOSED_RELEASES, type Cache, closedMilestoneKey, repositoryKey } from "./cache.js";

export interface GatherOptions {
  /** Only this release (by milestone title or label name). */
  release?: string;
  /** Also this release, should it be a closed milestone older than the history (the web page's `?release=`). */
  find?: string;
  /** Also look for the dashboard issue, in the same first request. */
  withIssue?: boolean;
  /** Called after each request with the pages read so far and the pages known to be needed. */
  onProgress?: (done: number, total: number) => void;
  /** dod's GitHub App id: each pull request's check is read from that app's check suite alone; without it, by name. */
  appId?: number;
  /** Reading checks by name, prefer a run from this app's check suite to another app's run of the same name. */
  preferAppId?: number;
  /** Read the releases only when the config asks for them (the issue face: `dashboard.issue`). */
  onlyIf?: (config: ResolvedConfig) => boolean;
  /** Keeps the pull requests of closed milestones none of whose pull requests is open: they cannot change. */
  cache?: Cache;
}

export interface DashboardIssue {
  number: number;
  body: string;
  url: string;
}

export interface GatheredDashboard {
  config: LoadResult;
  /** Null when the config can't be used (then nothing past the first request was read). */
  input: DashboardInput | null;
  issue: DashboardIssue | null;
  /** Every open release and the closed ones the history shows, also those `options.release` left out. */
  releaseNames: string[];
  /** GraphQL requests made. */
  requests: number;
  /** done.yml as read, the repository's and the organisation's: an evaluation's patch applies under the same. */
  texts: { repo: string | null; org: string | null };
}

export class RepositoryNotFound extends Error {}

interface Release {
  name: string;
  url: string;
  dueOn: string | null;
  state: "open" | "closed";
  closedAt: string | null;
  count: number;
  /** Where its pull requests are cached, when nothing but the milestone's own changes can change them. */
  cacheKey?: string;
  page: (after: string | null) => Promise<Q.PullsPage | null>;
}

export async function gatherDashboard(
  github: Pick<GitHub, "graphql"> & { auth?: unknown },
  owner: string,
  repo: string,
  options: GatherOptions = {},
): Promise<GatheredDashboard> {
  let requests = 0;
  const { appId } = options;
  const byApp = appId !== undefined;
  const appVars = byApp ? { appId } : {};
  const preferred = appId ?? options.preferAppId;
  const wanted = options.release ?? options.find;
  const query = <T>(doc: string, vars: Record<string, unknown>): Promise<T> => {
    requests++;
    // A repository without an organisation `.github` repo is normal: keep the partial answer.
    return queryAllowingMissing<T>(github, doc, { owner, name: repo, ...vars }, ["org"]);
  };

  const first = await query<Q.DashboardData>(Q.DASHBOARD_QUERY, {
    withIssue: options.withIssue ?? false,
    followUpSearch: `repo:${owner}/${repo} is:issue in:body "${FOLLOW_UP_PHRASE}" sort:created-desc`,
    withRelease: wanted !== undefined,
    release: wanted ?? "",
    issueSearch: `repo:${owner}/${repo} is:issue in:title "${DASHBOARD_TITLE}"`,
  });
  if (!first.repository) throw new RepositoryNotFound(`No repository ${owner}/${repo}`);
  const texts = { repo: blobText(first.repository.object), org: blobText(first.org?.object) };
  const config = dashboardConfig(owner, texts);
  const issue = findIssue(present(first.dashboardIssue?.nodes));
  if (!config.ok || (options.onlyIf && !options.onlyIf(config.config))) {
    options.onProgress?.(requests, requests);
    return { config, input: null, issue, releaseNames: [], requests, texts };
  }

  const by = config.config.releases.by;
  // Read before any pull request: a check changed after this is published before the epoch moves (app.ts). None
  // (never set, or Redis away) starts a new one, so no entry kept under an older one can be taken for current.
  let epoch = options.cache && (await options.cache.get<string>(CLOSED_PULLS_EPOCH, repositoryKey(owner, repo)));
  if (options.cache && !epoch) {
    epoch = randomUUID();
    await options.cache.set(CLOSED_PULLS_EPOCH, repositoryKey(owner, repo), epoch);
  }
  let releases: Release[];
  const history = Math.min(config.config.dashboard.history, Q.MAX_HISTORY);
  if (by === "milestone") {
    const repository = first.repository;
    const milestone = (m: Q.MilestoneNode): Release => ({
      name: m.title,
      url: m.url,
      dueOn: m.dueOn,
      state: m.state === "CLOSED" ? "closed" : "open",
      closedAt: m.closedAt ?? null,
      count: m.pullRequests.totalCount,
      ...(options.cache &&
        m.state === "CLOSED" &&
        m.updatedAt !== undefined &&
        m.openPulls?.totalCount === 0 && {
          cacheKey: closedMilestoneKey(
            owner,
            repo,
            { ...m, updatedAt: m.updatedAt, closedAt: m.closedAt ?? null, count: m.pullRequests.totalCount },
            byApp ? `app${appId}` : `name${options.preferAppId ?? ""}`,
            epoch ?? "",
          ),
        }),
      page: async (after) =>
        (await query<Q.MilestonePullsData>(Q.milestonePullsQuery(byApp), { number: m.number, after, ...appVars }))
          .repository?.milestone?.pullRequests ?? null,
    });
    // The last closed, by when they were closed (GitHub orders milestones by update, not by closing).
    const closed = present(repository.closedMilestones?.nodes)
      .sort((a, b) => (b.closedAt ?? "").localeCompare(a.closedAt ?? ""))
      .slice(0, history);
    releases = [...present(repository.milestones?.nodes), ...closed].map(milestone);
    // An older closed milestone asked for by name (`--release v1.1`, `?release=v1.1`).
    const named = present(repository.namedMilestones?.nodes).find((m) => m.title === wanted);
    if (named && !releases.some((r) => r.name === named.title)) releases.push(milestone(named));
  } else {
    const labels = present(first.repository.labels?.nodes);
    for (let page = first.repository.labels?.pageInfo; page?.hasNextPage && page.endCursor; ) {
      const more = await query<Q.MoreLabelsData>(Q.MORE_LABELS_QUERY, { after: page.endCursor });
      labels.push(...present(more.repository?.labels?.nodes));
      page = more.repository?.labels?.pageInfo;
    }
    const pattern = new Minimatch(config.config.releases.label ?? "release/*", { nocase: true });
    const label = (l: Q.LabelNode, state: "open" | "closed"): Release => ({
      name: l.name,
      url: l.url,
      dueOn: null,
      state,
      closedAt: null,
      count: l.pullRequests.totalCount,
      page: async (after) =>
        (await query<Q.LabelPullsData>(Q.labelPullsQuery(byApp), { label: l.name, after, ...appVars })).repository
          ?.label?.pullRequests ?? null,
    });
    const matching = labels
      .filter((l) => pattern.match(l.name))
      .sort((a, b) => a.name.localeCompare(b.name, "en", { numeric: true }));
    // A label has no open/closed state: a label release is open while one of its pull requests is, and closed
    // (history) once all of them are merged; the history is the highest versions among those.
    const closed = matching.filter((l) => l.openPulls.totalCount === 0 && l.pullRequests.totalCount > 0);
    const shown = history > 0 ? closed.slice(-history) : [];
    const asked = closed.find((l) => l.name === wanted);
    if (asked && !shown.includes(asked)) shown.unshift(asked);
    releases = [
      ...matching.filter((l) => l.openPulls.totalCount > 0).map((l) => label(l, "open")),
      ...shown.reverse().map((l) => label(l, "closed")),
    ];
  }
  const releaseNames = releases.map((r) => r.name);
  if (options.release !== undefined) releases = releases.filter((r) => r.name === options.release);

  const cached = new Map<Release, PullInput[]>();
  for (const release of releases) {
    const pulls = release.cacheKey && (await options.cache?.get<PullInput[]>(CLOSED_RELEASES, release.cacheKey));
    if (pulls) cached.set(release, pulls);
  }
  let total = requests + releases.reduce((n, r) => n + (cached.has(r) ? 0 : Math.ceil(r.count / Q.PULLS_PER_PAGE)), 0);
  options.onProgress?.(requests, total);
  const gathered: ReleaseInput[] = [];
  for (const release of releases) {
    const pulls: PullInput[] = [];
    let open = false;
    // An empty release costs nothing: the first request already counted its pull requests.
    for (let after: string | null = null, more = release.count > 0 && !cached.has(release); more; ) {
      const page = await release.page(after);
      const nodes = present(page?.nodes);
      open ||= nodes.some((n) => n.state === "OPEN");
      pulls.push(...nodes.filter((n) => n.state !== "CLOSED" || n.merged).map((n) => toPull(n, preferred, byApp)));
      more = Boolean(page?.pageInfo.hasNextPage && page.pageInfo.endCursor);
      after = page?.pageInfo.endCursor ?? null;
      // Pull requests added while reading make one more page than counted.
      total = Math.max(total, requests + (more ? 1 : 0));
      options.onProgress?.(requests, total);
    }
    pulls.push(...(cached.get(release) ?? []));
    // One reopened since the first request was made: the key did not see it, so the pages are not kept.
    if (release.cacheKey && !cached.has(release) && !open)
      await options.cache?.set(CLOSED_RELEASES, release.cacheKey, pulls);
    gathered.push({
      name: release.name,
      url: release.url,
      dueOn: release.dueOn,
      state: release.state,
      closedAt: release.closedAt,
      pulls,
    });
  }
  const followUps = readFollowUps(present(first.followUps.nodes));
  return {
    config,
    input: { owner, repo, url: first.repository.url, releaseBy: by, releases: gathered, followUps },
    issue,
    releaseNames,
    requests,
    texts,
  };
}

/** The config the dashboard reads: the default branch's done.yml, extending the organisation's. */
export function dashboardConfig(owner: string, texts: { repo: string | null; org: string | null }): LoadResult {
  return loadConfig({
    file: CONFIG_PATH,
    text: texts.repo,
    org: { file: `${owner}/${ORG_CONFIG_REPO}:${CONFIG_PATH}`, text: texts.org },
  });
}

/** `filtered`: the query read only the suites of app `appId` (GitHub filtered them): a suite without its app is its. */
export function toPull(node: Q.PullNode, appId: number | undefined, filtered = false): PullInput {
  const runs = present(present(node.commits.nodes)[0]?.commit.checkSuites?.nodes).flatMap((suite) =>
    present(suite.checkRuns?.nodes).flatMap(({ databaseId, ...run }) =>
      databaseId === null
        ? []
        : [
            {
              run: { ...run, databaseId },
              ours: appId !== undefined && (suite.app?.databaseId ?? (filtered ? appId : null)) === appId,
            },
          ],
    ),
  );
  // Another app could name a check the same — a workflow job whose name a pull request's author controls, with a
  // forged hidden report in its output. Knowing dod's app, only its runs are read; by name alone (no app id), the
  // first run that carries a report.
  const withReport = runs.map(({ run, ours }) => ({ run, ours, report: readEmbeddedReport(run.summary ?? "") }));
  const chosen =
    appId !== undefined
      ? (withReport.find((r) => r.ours && r.report !== null) ?? withReport.find((r) => r.ours))
      : (withReport.find((r) => r.report !== null) ?? withReport[0]);
  return {
    number: node.number,
    title: node.title,
    url: node.url,
    state: node.merged ? "merged" : "open",
    mergedAt: node.mergedAt,
    additions: node.additions,
    deletions: node.deletions,
    author: node.author?.login ?? "ghost",
    labels: present(node.labels?.nodes).map((l) => l.name),
    headSha: node.headRefOid,
    check: chosen
      ? {
          id: chosen.run.databaseId,
          url: chosen.run.url ?? chosen.run.detailsUrl,
          conclusion: chosen.run.conclusion?.toLowerCase() ?? null,
          report: chosen.report,
        }
      : null,
  };
}

type Found<T extends { nodes: readonly unknown[] | null } | undefined> = NonNullable<
  NonNullable<T>["nodes"]
>[number] & {};

function findIssue(nodes: Found<Q.DashboardData["dashboardIssue"]>[]): DashboardIssue | null {
  const issues = nodes.filter((n): n is Extract<typeof n, { number: number }> => "number" in n);
  const ours = issues
    .filter((n) => n.body.startsWith(DASHBOARD_MARKER))
    // The oldest one, should a race ever have made two.
    .sort((a, b) => a.number - b.number)[0];
  return ours ? { number: ours.number, body: ours.body, url: ours.url } : null;
}

/** Search also finds issues that only quote the phrase: only those that start with dod's marker count. */
function readFollowUps(nodes: Found<Q.DashboardData["followUps"]>[]): FollowUpInput[] {
  return nodes.flatMap((n) => {
    if (!("number" in n)) return [];
    const ref = readFollowUpMarker(n.body);
    if (!ref) return [];
    return [
      {
        ...ref,
        number: n.number,
        title: n.title,
        url: n.url,
        state: n.state === "CLOSED" ? "closed" : "open",
        completed: n.state === "CLOSED" && n.stateReason !== "NOT_PLANNED" && n.stateReason !== "DUPLICATE",
        createdAt: n.createdAt,
        closedAt: n.closedAt,
        release: n.milestone?.title ?? null,
      } satisfies FollowUpInput,
    ];
  });
}
