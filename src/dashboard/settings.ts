// The dashboard's operator settings (documented in docs/dashboard.md and .env.example; parsed by src/settings.ts).

export interface DashboardSettings {
  /** A burst of events within this many milliseconds is one edit of the dashboard issue. */
  debounceMs: number;
  /** A viewer's access to a repository is asked of GitHub again after this long (0: on every view). */
  accessTtlMs?: number;
  /** Where people reach this app, e.g. `https://dod.example.com`: the OAuth callback and the link. */
  publicUrl?: string;
  /** The GitHub App's OAuth client id and secret (its settings page), for "Sign in with GitHub". */
  clientId?: string;
  clientSecret?: string;
  /** Keys the session cookie. */
  sessionSecret?: string;
}

export const DEFAULT_DEBOUNCE_MS = 10_000;

/** The repository's page on the dashboard's web face, when the app knows its public address. */
export function webUrl(settings: DashboardSettings, owner: string, repo: string): string | undefined {
  return settings.publicUrl
    ? `${settings.publicUrl}/dod/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}`
    : undefined;
}
