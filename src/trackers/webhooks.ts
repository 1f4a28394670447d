// `/dod/webhooks/jira` and `/dod/webhooks/linear`: a ticket changed, so the open pull requests that name it are
// evaluated again. Jira's admin webhooks sign the raw body with the shared secret (HMAC-SHA256 in
// `X-Hub-Signature: sha256=…`); Linear signs it in `linear-signature` and puts `webhookTimestamp` in the signed
// body, which @linear/sdk's LinearWebhookClient checks (signature, and a timestamp within a minute).
import { createHmac, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { LINEAR_WEBHOOK_SIGNATURE_HEADER, LinearWebhookClient } from "@linear/sdk/webhooks";
import type { Probot } from "probot";
import { openPullRequestsMentioning } from "../github/ticket-mentions.js";
import type { JobQueue } from "../queue/job.js";
import type { TrackerSettings } from "./settings.js";

export const JIRA_WEBHOOK_PATH = "/dod/webhooks/jira";
export const LINEAR_WEBHOOK_PATH = "/dod/webhooks/linear";
/** Tracker webhooks are small JSON documents; anything larger is refused before it is read in full. */
export const MAX_WEBHOOK_BYTES = 1024 * 1024;
const KEY = /^[A-Z][A-Z0-9_]{0,19}-[1-9][0-9]{0,9}$/;

type Answer = { status: number; text: string; key?: string };

export function trackerWebhooks(probot: Probot, queue: JobQueue, settings: TrackerSettings) {
  const { jiraSecret, linearSecret } = settings.webhooks;
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const path = req.url?.split("?")[0];
    if (path !== JIRA_WEBHOOK_PATH && path !== LINEAR_WEBHOOK_PATH) return false;
    let answer = await receive(req, path === JIRA_WEBHOOK_PATH ? jira(jiraSecret) : linear(linearSecret));
    if (answer.key) {
      // Found and queued before answering: if GitHub cannot be searched, the 502 makes the tracker deliver again.
      const tracker = path === JIRA_WEBHOOK_PATH ? "jira" : "linear";
      const delivery = req.headers["x-atlassian-webhook-identifier"] ?? req.headers["linear-delivery"] ?? answer.key;
      const queued = await reevaluate(probot, queue, answer.key, `${tracker}:${delivery}`);
      answer =
        queued === null
          ? { status: 502, text: "could not search GitHub; deliver again" }
          : { ...answer, text: `${answer.text}: ${queued} pull request${queued === 1 ? "" : "s"}` };
    }
    res.writeHead(answer.status, { "content-type": "text/plain" });
    res.end(answer.text);
    return true;
  };
}

type Verify = (body: Buffer, req: IncomingMessage) => Answer;

async function receive(req: IncomingMessage, verify: Verify): Promise<Answer> {
  if (req.method !== "POST") return { status: 405, text: "POST only" };
  if (Number(req.headers["content-length"] ?? 0) > MAX_WEBHOOK_BYTES) return { status: 413, text: "payload too large" };
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_WEBHOOK_BYTES) return { status: 413, text: "payload too large" };
    chunks.push(chunk as Buffer);
  }
  return verify(Buffer.concat(chunks), req);
}

function jira(secret: string | undefined): Verify {
  return (body, req) => {
    if (!secret) return { status: 404, text: "Jira webhooks are not set up: the operator sets JIRA_WEBHOOK_SECRET" };
    const given = String(req.headers["x-hub-signature"] ?? "");
    const expected = `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
    if (given.length !== expected.length || !timingSafeEqual(Buffer.from(given), Buffer.from(expected))) {
      return { status: 401, text: "bad signature" };
    }
    const key = json(body)?.issue?.key;
    return typeof key === "string" && KEY.test(key)
      ? { status: 202, text: `re-checking ${key}`, key }
      : { status: 202, text: "no issue" };
  };
}

function linear(secret: string | undefined): Verify {
  return (body, req) => {
    if (!secret)
      return { status: 404, text: "Linear webhooks are not set up: the operator sets LINEAR_WEBHOOK_SECRET" };
    try {
      new LinearWebhookClient(secret).verify(body, String(req.headers[LINEAR_WEBHOOK_SIGNATURE_HEADER] ?? ""));
    } catch {
      return { status: 401, text: "bad signature or stale webhookTimestamp" };
    }
    const payload = json(body);
    const key = payload?.type === "Issue" ? payload.data?.identifier : undefined;
    return typeof key === "string" && KEY.test(key)
      ? { status: 202, text: `re-checking ${key}`, key }
      : { status: 202, text: "not an issue" };
  };
}

/** The few fields read from a tracker's webhook; anything else in the body is ignored. */
interface HookBody {
  issue?: { key?: unknown };
  type?: unknown;
  data?: { identifier?: unknown };
}

function json(body: Buffer): HookBody | undefined {
  try {
    return JSON.parse(body.toString("utf8"));
  } catch {
    return undefined;
  }
}

/** Every installation's open pull requests that name the ticket get an evaluation job; how many, or null. */
async function reevaluate(probot: Probot, queue: JobQueue, key: string, deliveryId: string): Promise<number | null> {
  let queued = 0;
  try {
    const app = await probot.auth();
    const installations = await app.paginate(app.rest.apps.listInstallations, { per_page: 100 });
    for (const installation of installations) {
      const account = installation.account as { login?: string; type?: string } | null;
      if (!account?.login) continue;
      const github = await probot.auth(installation.id);
      const found = await openPullRequestsMentioning(
        github,
        { login: account.login, type: account.type ?? "User" },
        key,
      );
      for (const pr of found) {
        await queue.add({
          kind: "pull_request",
          installationId: installation.id,
          ...pr,
          commentIds: [],
          deliveryIds: [deliveryId],
        });
        queued++;
      }
    }
    return queued;
  } catch (error) {
    probot.log.error({ err: error, ticket: key }, "could not find the pull requests that name a ticket");
    return null;
  }
}
