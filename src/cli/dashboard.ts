// `dod dashboard`: the release dashboard of a repository — what each pull request of each open release still
// lacks, by owner, and the done debt — as Markdown (the dashboard issue's text) or JSON (the web page's data).
import { aggregate, filterModel, OWNER_FILTERS, STATE_FILTERS } from "../dashboard/aggregate.js";
import { gatherDashboard, RepositoryNotFound } from "../github/dashboard-gather.js";
import { gatherOrgRelease } from "../github/org-dashboard-gather.js";
import { ORG_CONFIG_REPO } from "../model/names.js";
import type { DashboardFilter } from "../dashboard/model.js";
import { renderDashboardMarkdown } from "../dashboard/render-markdown.js";
import { parseSettings } from "../settings.js";
import { format, parse } from "./args.js";
import type { Command } from "./command.js";
import { CliError, EXIT } from "./errors.js";
import { createGitHub, explainGitHubError } from "./github.js";
import type { Io } from "./io.js";
import { failureText } from "./problems.js";

const USAGE = `Usage: dod dashboard <owner>/<repo> [--release NAME] [--owner product|engineering|joint]
                     [--state not-done|open|merged|debt] [--format md|json]
       dod dashboard <org> --release NAME [...]   one release across the organisation's repositories

For each open release (a milestone, or a release label if .github/done.yml says \`releases: { by: label }\`),
lists the pull requests that are not done and what each still lacks, by owner; merged pull requests that
left items behind (done debt); waivers with who, when and why; totals per release and per owner; and the
capacity split by label group. Then the trends and the history of the last closed releases
(\`dashboard.history\`, default 6). --release also takes a closed milestone.
Read from dod's check runs: a release of N pull requests costs ⌈N/50⌉ GraphQL requests, plus one in all.

Options:
  --release <name>   only this release (milestone title or label name, open or closed)
  --owner <o>        only pull requests that lack something this owner owns
  --state <s>        only pull requests in this state (totals still count the whole release)
  --format <f>       md (default; the dashboard issue's Markdown) or json (the web page's data)
  -h, --help         show this help

Environment:
  GITHUB_TOKEN       a token that can read the repository (required)
  GITHUB_API_URL     the API's base URL (default https://api.github.com; GitHub Enterprise: https://HOST/api/v3)

Exit codes: 0 shown, 2 error (bad token, no such repository or release, no usable config, bad usage).
`;

const OPTIONS = {
  release: { type: "string" },
  owner: { type: "string" },
  state: { type: "string" },
  format: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

const REPO = /^([A-Za-z0-9-]+)\/([A-Za-z0-9._-]+)$/;
const ORG = /^[A-Za-z0-9][A-Za-z0-9-]{0,38}$/;

export const dashboardCommand: Command = {
  summary: "show each open release's unfinished done-items by owner, and its done debt",
  usage: USAGE,
  options: OPTIONS,
  async run(args, io) {
    const { values, positionals } = parse(args, OPTIONS, USAGE, 1);
    const org = ORG.exec(positionals[0] ?? "");
    if (org) {
      if (values.release === undefined)
        throw new CliError("an organisation's dashboard is one release: add --release <name>", EXIT.error, USAGE);
      return orgRelease(org[0], values.release, values, io);
    }
    const match = REPO.exec(positionals[0] ?? "");
    if (!match)
      throw new CliError("which repository? give it as <owner>/<repo> (or <org> --release <name>)", EXIT.error, USAGE);
    const [, owner, repo] = match as unknown as [string, string, string];
    const { output, filter } = viewOptions(values);
    const github = createGitHub(io.env, io.env.GITHUB_TOKEN);
    const progress = progressLine(io);
    let gathered;
    try {
      const appId = preferredAppId(io);
      gathered = await gatherDashboard(github, owner, repo, {
        ...(values.release !== undefined && { release: values.release }),
        ...(appId && { preferAppId: appId }),
        onProgress: progress.update,
      });
    } catch (error) {
      throw explain(error, owner, repo);
    } finally {
      progress.done();
    }

    if (!gathered.config.ok) {
      throw new CliError(
        `${failureText(gathered.config.failure, `the default branch of ${owner}/${repo}`).trimEnd()}\nso there is no dashboard.`,
      );
    }
    if (values.release !== undefined && !gathered.releaseNames.includes(values.release)) {
      const known = gathered.releaseNames.length ? gathered.releaseNames.join(", ") : "none";
      throw new CliError(`no release named "${values.release}" in ${owner}/${repo} (open and recent: ${known})`);
    }
    const model = filterModel(aggregate(gathered.input!, gathered.config.config), filter);
    io.stdout(
      output === "json"
        ? `${JSON.stringify(model, null, 2)}\n`
        : renderDashboardMarkdown(model, { limit: Infinity, charts: "text" }),
    );
    return EXIT.done;
  },
};

/** One release across the organisation's repositories that the token can read, found by search. */
async function orgRelease(
  org: string,
  release: string,
  values: { owner?: string; state?: string; format?: string },
  io: Io,
): Promise<number> {
  const { output, filter } = viewOptions({ owner: values.owner, state: values.state, format: values.format });
  const github = createGitHub(io.env, io.env.GITHUB_TOKEN);
  const progress = progressLine(io);
  let gathered;
  try {
    const appId = preferredAppId(io);
    gathered = await gatherOrgRelease(github, org, release, {
      ...(appId && { preferAppId: appId }),
      onProgress: progress.update,
    });
  } catch (error) {
    throw explainGitHubError(error, { owner: org, repo: ORG_CONFIG_REPO, number: 0 });
  } finally {
    progress.done();
  }
  if (gathered.input.releases[0]!.pulls.length === 0)
    throw new CliError(`no pull requests in a milestone named "${release}" in ${org} that this token can read`);
  // The organisation's done.yml gives the capacity groups; without one the release is shown without them.
  const config = gathered.config.ok ? gathered.config.config : { dashboard: {} };
  const model = filterModel(aggregate(gathered.input, config), filter);
  io.stdout(
    output === "json"
      ? `${JSON.stringify({ ...model, repositories: gathered.repositories }, null, 2)}\n`
      : renderDashboardMarkdown(model, { limit: Infinity, charts: "text" }),
  );
  return EXIT.done;
}

/** The output format and the filter, from the options both forms of the command share. */
function viewOptions(values: { owner?: string; state?: string; format?: string; release?: string }) {
  const filter: DashboardFilter = {
    owner: format(
      values.owner,
      OWNER_FILTERS.filter((o): o is NonNullable<typeof o> => o !== undefined),
      "all",
      USAGE,
    ),
    state: format(values.state, STATE_FILTERS, "all", USAGE),
    ...(values.release !== undefined && { release: values.release }),
  };
  return { output: format(values.format, ["md", "json"] as const, "md", USAGE), filter };
}

/** Checks are read by name; told dod's app id (APP_ID), the CLI prefers that app's run of the name. */
function preferredAppId(io: Io): number | undefined {
  const settings = parseSettings({ APP_ID: io.env.APP_ID });
  return settings.ok ? settings.settings.appId : undefined;
}

/** `reading GitHub… 3/11 requests` on a terminal, rewritten in place on stderr; nothing when piped. */
function progressLine(io: Io) {
  let shown = false;
  return {
    update: (done: number, total: number) => {
      if (!io.isTTY) return;
      io.stderr(`\r\x1b[2Kreading GitHub… ${done}/${total} ${total === 1 ? "request" : "requests"}`);
      shown = true;
    },
    done: () => {
      if (shown) io.stderr("\r\x1b[2K");
    },
  };
}

function explain(error: unknown, owner: string, repo: string): CliError {
  const notFound = new CliError(`No repository ${owner}/${repo} (or the token can't see it)`);
  if (error instanceof RepositoryNotFound) return notFound;
  const e = error as { name?: string; status?: number; errors?: { type?: string; path?: unknown[] }[] };
  if (e.status === 404) return notFound;
  if (
    e.name === "GraphqlResponseError" &&
    e.errors?.some((x) => x.type === "NOT_FOUND" && x.path?.[0] === "repository")
  ) {
    return notFound;
  }
  return explainGitHubError(error, { owner, repo, number: 0 });
}
