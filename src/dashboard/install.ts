// Wires the dashboard into the app: the web routes, and the dashboard issue refreshed (debounced) after each
// evaluation and whenever a release's membership or a milestone changes.
import type { ApplicationFunctionOptions, Probot } from "probot";
import type { Cache } from "../github/cache.js";
import type { GitHub } from "../github/client.js";
import { Debouncer, refreshDashboardIssue } from "./issue.js";
import { dashboardRoutes } from "./routes.js";
import type { DodIdentity } from "../model/identity.js";
import { readFollowUpMarker } from "../model/follow-up.js";
import { type DashboardSettings, webUrl } from "./settings.js";

/** Events that change which pull requests a release holds, or the release itself, without an evaluation. */
export const DASHBOARD_EVENTS = [
  "milestone",
  "pull_request.closed",
  "pull_request.milestoned",
  "pull_request.demilestoned",
] as const;

export function installDashboard(
  probot: Probot,
  addHandler: ApplicationFunctionOptions["addHandler"],
  settings: DashboardSettings,
  identity: DodIdentity,
  cache?: Cache,
): Debouncer {
  const refresher = new Debouncer(async (ref) => {
    const log = probot.log.child({ repo: `${ref.owner}/${ref.repo}` });
    try {
      const github = (await probot.auth(ref.installationId)) as unknown as GitHub;
      const url = webUrl(settings, ref.owner, ref.repo);
      const { result, number, read } = await refreshDashboardIssue(github, ref.owner, ref.repo, {
        ...(url && { webUrl: url }),
        identity,
        ...(cache && { cache }),
        ...(ref.patches && { patches: ref.patches }),
      });
      log.debug({ result, issue: number, read, patches: ref.patches?.length ?? null }, "dashboard issue refreshed");
    } catch (error) {
      log.error({ err: error }, "dashboard issue refresh failed");
    }
  }, settings.debounceMs);

  probot.on([...DASHBOARD_EVENTS], async (context) => {
    const installationId = (context.payload as { installation?: { id: number } }).installation?.id;
    if (installationId === undefined) return;
    refresher.schedule({ ...context.repo(), installationId });
  });
  // GitHub also reports a pull request's milestone changing as an issue event: it moves it between releases.
  probot.on(["issues.milestoned", "issues.demilestoned"], async (context) => {
    const installationId = context.payload.installation?.id;
    if (installationId === undefined || !context.payload.issue.pull_request) return;
    refresher.schedule({ ...context.repo(), installationId });
  });
  // A follow-up closed (debt paid) or reopened changes the dashboard, though no pull request changed.
  probot.on(["issues.closed", "issues.reopened"], async (context) => {
    const installationId = context.payload.installation?.id;
    if (installationId === undefined || !readFollowUpMarker(context.payload.issue.body)) return;
    refresher.schedule({ ...context.repo(), installationId });
  });
  addHandler(dashboardRoutes(probot, settings, identity));
  return refresher;
}
