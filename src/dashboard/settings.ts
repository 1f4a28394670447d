// The dashboard's operator settings, from the environment (documented in docs/dashboard.md and .env.example).
import { createHash } from "node:crypto";

export interface DashboardSettings {
  /** A burst of events within this many milliseconds is one edit of the dashboard issue. */
  debounceMs: number;
  /** Where people reach this app, e.g. `https://dod.example.com`: the OAuth callback and the link. */
  publicUrl?: string;
  /** The GitHub App's OAuth client id and secret (its settings page), for "Sign in with GitHub". */
  clientId?: string;
  clientSecret?: string;
  /** Keys the session cookie. */
  sessionSecret?: string;
}

export const DEFAULT_DEBOUNCE_MS = 10_000;

export function dashboardSettingsFromEnv(env: NodeJS.ProcessEnv): DashboardSettings {
  const debounce = Number(env.DOD_DASHBOARD_DEBOUNCE_MS);
  const fallbackSecret = env.WEBHOOK_SECRET
    ? // A separate key from the webhook secret itself, so one never reveals the other.
      createHash("sha256").update(`dod-dashboard-session:${env.WEBHOOK_SECRET}`).digest("hex")
    : undefined;
  const sessionSecret = env.DOD_SESSION_SECRET || fallbackSecret;
  return {
    debounceMs: env.DOD_DASHBOARD_DEBOUNCE_MS !== undefined && env.DOD_DASHBOARD_DEBOUNCE_MS !== "" && Number.isFinite(debounce) && debounce >= 0 ? debounce : DEFAULT_DEBOUNCE_MS,
    ...(env.DOD_PUBLIC_URL && { publicUrl: env.DOD_PUBLIC_URL.replace(/\/+$/, "") }),
    ...(env.GITHUB_CLIENT_ID && { clientId: env.GITHUB_CLIENT_ID }),
    ...(env.GITHUB_CLIENT_SECRET && { clientSecret: env.GITHUB_CLIENT_SECRET }),
    ...(sessionSecret && { sessionSecret }),
  };
}

/** The repository's page on the dashboard's web face, when the app knows its public address. */
export function webUrl(settings: DashboardSettings, owner: string, repo: string): string | undefined {
  return settings.publicUrl ? `${settings.publicUrl}/dod/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}` : undefined;
}
