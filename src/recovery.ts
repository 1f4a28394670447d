// Re-enqueues what the shared queue lost when Redis and every replica restarted together (no replica's journal
// holds it): GitHub's record of what dod left unfinished (github/pending.ts), read for each installation. The queue
// runs this once per fleet, when it finds Redis without its data. Costs, per 100 installations, one listing, and per
// installation one token and two searches (one request per 50 pull requests they find).
import { randomUUID } from "node:crypto";
import type { Logger, Probot } from "probot";
import { PENDING_WINDOW_MS, pendingPullRequests } from "./github/pending.js";
import type { DodIdentity } from "./model/identity.js";
import type { JobQueue } from "./queue/job.js";

export interface Recovered {
  installations: number;
  jobs: number;
}

export async function recoverPending(
  probot: Probot,
  queue: Pick<JobQueue, "add">,
  identity: DodIdentity,
  log: Logger,
  now = Date.now(),
): Promise<Recovered> {
  const app = await probot.auth();
  const installations = await app.paginate(app.rest.apps.listInstallations, { per_page: 100 });
  const since = new Date(now - PENDING_WINDOW_MS);
  const delivery = `recovery-${randomUUID()}`;
  let jobs = 0;
  let scanned = 0;
  // One installation at a time: a fleet starting up does not burst GitHub with every installation's token at once.
  for (const installation of installations) {
    if (installation.suspended_at || !installation.account || !("login" in installation.account)) continue;
    const account = { login: installation.account.login, type: installation.account.type ?? "User" };
    try {
      const github = await probot.auth(installation.id);
      const pending = await pendingPullRequests(github, identity, account, since);
      scanned++;
      for (const pr of pending) {
        await queue.add({
          kind: "pull_request",
          installationId: installation.id,
          ...pr,
          commentIds: [],
          deliveryIds: [delivery],
        });
        jobs++;
      }
    } catch (err) {
      // One installation GitHub refuses (uninstalled meanwhile, rate limited) does not stop the others.
      log.warn({ err, installation: installation.id }, "could not look for the evaluations lost with Redis");
    }
  }
  log.info({ installations: scanned, jobs }, "re-enqueued the evaluations lost with Redis, from GitHub's record");
  return { installations: scanned, jobs };
}
