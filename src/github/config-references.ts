// What a base commit's config refers to, kept for the event handlers (handlers/relevance.ts) to skip events that
// cannot change a verdict. A commit's file never changes, but the commit an event names as its pull request's base
// may be stale (GitHub does not move `base.sha` in a payload when the base branch moves on). So an entry is trusted
// only if the evaluation that wrote it started after the repository's rules last changed (a push that changed a
// done.yml, handlers/push.ts): a stale base commit then costs an evaluation, never a wrongly skipped event.
import type { ConfigReferences } from "../criteria/references.js";
import { type Cache, type CacheKind, CONFIG_REFERENCES, configKey, repositoryKey } from "./cache.js";

/**
 * When a push last changed a repository's rules (key `owner/repo`) or the organisation's file (key `owner`). As long
 * as the references it may make stale: a missing mark is no change.
 */
export const RULES_CHANGED: CacheKind = {
  name: "rules-changed",
  max: 1000,
  ttlMs: CONFIG_REFERENCES.ttlMs,
  rewritten: true,
};

/** Replicas' clocks differ: an evaluation this close to a change of rules may have read the old ones. */
export const CLOCK_SKEW_MS = 2000;

interface Entry {
  refs: ConfigReferences;
  /** When the evaluation that read the config started (ms since the epoch). */
  readAt: number;
}

/** The organisation's file is not tied to the base commit and may change any time: its entries live briefly. */
const ORG_CONFIG_TTL_MS = 5 * 60_000;

export async function rememberReferences(
  cache: Cache,
  owner: string,
  repo: string,
  baseSha: string,
  entry: Entry & { usesOrg: boolean },
): Promise<void> {
  const value: Entry = { refs: entry.refs, readAt: entry.readAt };
  await cache.set(
    CONFIG_REFERENCES,
    configKey(owner, repo, baseSha),
    value,
    entry.usesOrg ? ORG_CONFIG_TTL_MS : undefined,
  );
}

/** The references of the config at `baseSha`, unless unknown or possibly older than the rules now in force. */
export async function trustedReferences(
  cache: Cache,
  owner: string,
  repo: string,
  baseSha: string,
): Promise<ConfigReferences | undefined> {
  const [entry, repoChange, orgChange] = await Promise.all([
    cache.get<Partial<Entry>>(CONFIG_REFERENCES, configKey(owner, repo, baseSha)),
    cache.get<number>(RULES_CHANGED, repositoryKey(owner, repo)),
    cache.get<number>(RULES_CHANGED, owner.toLowerCase()),
  ]);
  // Entries from before `readAt` was recorded have none: unknown.
  if (!entry?.refs || entry.readAt === undefined) return undefined;
  const changed = Math.max(repoChange ?? 0, orgChange ?? 0);
  return entry.readAt > changed + CLOCK_SKEW_MS ? entry.refs : undefined;
}

/** A push changed the repository's rules, or (`orgWide`) the organisation's file. */
export function rulesChanged(cache: Cache, owner: string, repo: string, orgWide: boolean, at = Date.now()) {
  return cache.set(RULES_CHANGED, orgWide ? owner.toLowerCase() : repositoryKey(owner, repo), at);
}
