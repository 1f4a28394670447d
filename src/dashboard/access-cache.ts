// A viewer's access to one repository, remembered for a short time so that each page view does not ask GitHub again
// (#15 item 12: a view cost 4 requests and ~2 s). What is kept is the decision only — this session may read this
// repository, and which installation serves it — never the dashboard's data, and never across sessions: another
// viewer is always asked for themselves. Only a yes is kept: a viewer just given access is let in at once, and a
// viewer whose access is taken away keeps it no longer than the TTL.
import { createHash } from "node:crypto";

/** How long a viewer's access is trusted without asking GitHub again, unless DOD_DASHBOARD_ACCESS_TTL_MS says. */
export const DEFAULT_ACCESS_TTL_MS = 60_000;
/** Entries kept at most, least recently used dropped first: however many sessions and repositories are tried. */
export const ACCESS_CACHE_MAX = 1_000;

interface Entry<T> {
  session: string;
  value: T;
  expires: number;
}

export class AccessCache<T> {
  // A Map iterates in insertion order: re-inserting on use keeps the least recently used first.
  private readonly entries = new Map<string, Entry<T>>();

  constructor(
    private readonly ttlMs: number = DEFAULT_ACCESS_TTL_MS,
    private readonly max: number = ACCESS_CACHE_MAX,
    private readonly now: () => number = () => Date.now(),
  ) {}

  get size(): number {
    return this.entries.size;
  }

  get(sessionCookie: string, resource: string): T | undefined {
    const key = keyOf(sessionKey(sessionCookie), resource);
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (entry.expires <= this.now()) return undefined;
    this.entries.set(key, entry);
    return entry.value;
  }

  set(sessionCookie: string, resource: string, value: T): void {
    if (this.ttlMs <= 0) return;
    const session = sessionKey(sessionCookie);
    const key = keyOf(session, resource);
    this.entries.delete(key);
    this.entries.set(key, { session, value, expires: this.now() + this.ttlMs });
    while (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
  }

  /** Sign-out: nothing this session was allowed stays. */
  forget(sessionCookie: string): void {
    const session = sessionKey(sessionCookie);
    for (const [key, entry] of this.entries) if (entry.session === session) this.entries.delete(key);
  }
}

/** A digest of the sealed session cookie: each sign-in is its own key, and the cookie itself is not kept. */
function sessionKey(cookie: string): string {
  return createHash("sha256").update(cookie).digest("base64url");
}

// GitHub's names are case-insensitive: `/dod/Acme/Shop` and `/dod/acme/shop` are one repository.
const keyOf = (session: string, resource: string) => `${session}\n${resource.toLowerCase()}`;
