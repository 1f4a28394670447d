// The shell's one call into the trackers: the tickets a pull request names, read in parallel, each within the
// timeout. A ticket that cannot be read still becomes a linked issue, marked unreadable with the reason.
import type { Trackers } from "../config/schema.js";
import type { Facts, LinkedIssue } from "../model/facts.js";
import { describe } from "./errors.js";
import { findTickets, type TicketRef } from "./find.js";
import type { TrackerSettings } from "./settings.js";

export interface TrackerReadOptions {
  /** Tests make jira.js reject answers that don't match its schema of Jira's API. */
  strictJira?: boolean;
}

export async function gatherTickets(
  trackers: Trackers | undefined,
  facts: Pick<Facts, "title" | "body" | "head">,
  settings: TrackerSettings,
  options: TrackerReadOptions = {},
): Promise<LinkedIssue[]> {
  const jiraHost = settings.jira ? new URL(settings.jira.baseUrl).host : undefined;
  const refs = findTickets({ title: facts.title, body: facts.body, branch: facts.head.ref }, trackers, jiraHost);
  if (refs.length === 0) return [];
  // The clients load on first use: jira.js takes about 2 s to import, which the CLI and pull requests that name no
  // ticket should not pay.
  const wanted = (tracker: TicketRef["tracker"]) => refs.some((ref) => ref.tracker === tracker);
  const jiraModule = settings.jira && wanted("jira") ? await import("./jira.js") : undefined;
  const linearModule = settings.linear && wanted("linear") ? await import("./linear.js") : undefined;
  const jira =
    jiraModule && client(() => jiraModule.jiraClient(settings.jira!, options.strictJira ? "throw" : "silent"));
  const linear = linearModule && client(() => linearModule.linearClient(settings.linear!));
  return Promise.all(
    refs.map((ref) => {
      const read = (): Promise<LinkedIssue> => {
        if (ref.tracker === "jira") {
          if (!jira) return Promise.resolve(notSetUp(ref, "JIRA_BASE_URL, JIRA_EMAIL and JIRA_API_TOKEN", settings));
          if ("invalid" in jira)
            return Promise.resolve(unreadable(ref, `Jira's client refused the settings: ${jira.invalid}`, settings));
          return jiraModule!.readJiraIssue(jira.ok, settings.jira!, ref.key, trackers?.jira?.criteria_field);
        }
        if (!linear) return Promise.resolve(notSetUp(ref, "LINEAR_API_KEY", settings));
        if ("invalid" in linear)
          return Promise.resolve(unreadable(ref, `Linear's client refused the settings: ${linear.invalid}`, settings));
        return linearModule!.readLinearIssue(linear.ok, ref.key);
      };
      return withTimeout(read(), settings, ref);
    }),
  );
}

/** A client the operator's settings could not make (jira.js checks, e.g., that JIRA_EMAIL is an email address). */
function client<T>(make: () => T): { ok: T } | { invalid: string } {
  try {
    return { ok: make() };
  } catch (error) {
    const issues = (error as { issues?: { path: PropertyKey[]; message: string }[] }).issues;
    return { invalid: issues ? issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") : describe(error) };
  }
}

const NAMES = { jira: "Jira", linear: "Linear" } as const;

/** An unreadable ticket keeps the site and link a readable one has (jira.ts), so reports still point at it. */
function unreadable(ref: TicketRef, reason: string, settings: TrackerSettings): LinkedIssue {
  const jira = ref.tracker === "jira" ? settings.jira : undefined;
  const repo = ref.tracker === "linear" ? "linear.app" : jira ? new URL(jira.baseUrl).host : "jira";
  const url = jira ? `${jira.baseUrl}/browse/${ref.key}` : "";
  return {
    repo,
    number: 0,
    key: ref.key,
    tracker: ref.tracker,
    title: "",
    body: "",
    state: "open",
    url,
    unreadable: reason,
  };
}

function notSetUp(ref: TicketRef, variables: string, settings: TrackerSettings): LinkedIssue {
  const reason = `${NAMES[ref.tracker]} is not set up for this app, so ${ref.key} cannot be read: the operator sets ${variables}`;
  return unreadable(ref, reason, settings);
}

async function withTimeout(
  read: Promise<LinkedIssue>,
  settings: TrackerSettings,
  ref: TicketRef,
): Promise<LinkedIssue> {
  const ms = settings.timeoutMs;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<LinkedIssue>((resolve) => {
    timer = setTimeout(
      () =>
        resolve(unreadable(ref, `${NAMES[ref.tracker]} did not answer within ${ms / 1000} s for ${ref.key}`, settings)),
      ms,
    );
  });
  try {
    return await Promise.race([read, late]);
  } finally {
    clearTimeout(timer);
  }
}
