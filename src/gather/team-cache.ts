// Team membership changes rarely; caching it for a few minutes keeps a re-evaluation at one request.
import type { GitHub } from "./github.js";
import { gatherTeams } from "./teams.js";

const TTL_MS = 5 * 60_000;
const MAX_ENTRIES = 1000;
const cache = new Map<string, { members: string[]; expires: number }>();

export async function cachedTeams(github: GitHub, teams: string[]): Promise<Record<string, string[]>> {
  const now = Date.now();
  const known: Record<string, string[]> = {};
  const missing: string[] = [];
  for (const team of teams) {
    const hit = cache.get(team);
    if (hit && hit.expires > now) known[team] = hit.members;
    else missing.push(team);
  }
  const fetched = await gatherTeams(github, missing);
  for (const [team, members] of Object.entries(fetched)) {
    if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
    cache.set(team, { members, expires: now + TTL_MS });
  }
  return { ...known, ...fetched };
}

/** Tests start from a cold cache. */
export function clearTeamCache() {
  cache.clear();
}
