// The operator's tracker credentials, from the environment only: a repository's done.yml names projects and
// teams, never a site or a secret, so no pull request can point dod's credentials at a host of its choosing.
import { z } from "zod";

const blankIsAbsent = (value: unknown) => (value === "" ? undefined : value);
const text = z.preprocess(blankIsAbsent, z.string().min(1).optional());

const TrackerEnv = z.object({
  JIRA_BASE_URL: z.preprocess(blankIsAbsent, z.url({ protocol: /^https?$/ }).optional()),
  JIRA_EMAIL: text,
  JIRA_API_TOKEN: text,
  JIRA_WEBHOOK_SECRET: text,
  LINEAR_API_KEY: text,
  LINEAR_WEBHOOK_SECRET: text,
  DOD_TRACKER_TIMEOUT_MS: z.preprocess(blankIsAbsent, z.coerce.number().int().positive().optional()),
});

export interface JiraSettings {
  /** The site, e.g. `https://acme.atlassian.net`, without a trailing slash. */
  baseUrl: string;
  email: string;
  apiToken: string;
}

export interface TrackerSettings {
  jira?: JiraSettings;
  linear?: { apiKey: string /** Only tests point the client elsewhere. */; apiUrl?: string };
  webhooks: { jiraSecret?: string; linearSecret?: string };
  /** A tracker that has not answered after this long makes its tickets pending. */
  timeoutMs: number;
}

export const DEFAULT_TRACKER_TIMEOUT_MS = 10_000;

/** No tracker set up: tickets are pending, saying which settings would read them. */
export const NO_TRACKERS: TrackerSettings = { webhooks: {}, timeoutMs: DEFAULT_TRACKER_TIMEOUT_MS };

/** Missing or incomplete credentials leave a tracker out: tickets it would give are then pending, saying why. */
export function trackerSettingsFromEnv(env: NodeJS.ProcessEnv): TrackerSettings {
  const parsed = TrackerEnv.safeParse(env);
  if (!parsed.success) {
    const where = parsed.error.issues.map((i) => i.path.join(".")).join(", ");
    throw new Error(`invalid tracker settings in the environment: ${where}`);
  }
  const e = parsed.data;
  return {
    ...(e.JIRA_BASE_URL &&
      e.JIRA_EMAIL &&
      e.JIRA_API_TOKEN && {
        jira: { baseUrl: e.JIRA_BASE_URL.replace(/\/+$/, ""), email: e.JIRA_EMAIL, apiToken: e.JIRA_API_TOKEN },
      }),
    ...(e.LINEAR_API_KEY && { linear: { apiKey: e.LINEAR_API_KEY } }),
    webhooks: {
      ...(e.JIRA_WEBHOOK_SECRET && { jiraSecret: e.JIRA_WEBHOOK_SECRET }),
      ...(e.LINEAR_WEBHOOK_SECRET && { linearSecret: e.LINEAR_WEBHOOK_SECRET }),
    },
    timeoutMs: e.DOD_TRACKER_TIMEOUT_MS ?? DEFAULT_TRACKER_TIMEOUT_MS,
  };
}
