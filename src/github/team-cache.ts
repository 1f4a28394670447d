// Team membership changes rarely; caching it for a few minutes keeps a re-evaluation at one request. Entries are
// scoped to the repository owner (whose installation could see the team), and a team that could not be seen is
// not cached, so one failed look-up doesn't lock its members out for minutes.
import type { GitHub } from "./client.js";
import { gatherTeams } from "./teams.js";

const TTL_MS = 5 * 60_000;
const MAX_ENTRIES = 1000;
const cache = new Map<string, { members: string[]; expires: number }>();

export async function cachedTeams(github: GitHub, scope: string, teams: string[]): Promise<Record<string, string[]>> {
  const now = Date.now();
  const known: Record<string, string[]> = {};
  const missing: string[] = [];
  for (const team of teams) {
    const hit = cache.get(`${scope.toLowerCase()}:${team}`);
    if (hit && hit.expires > now) known[team] = hit.members;
    else missing.push(team);
  }
  for (const [team, members] of Object.entries(await gatherTeams(github, missing))) {
    known[team] = members ?? [];
    if (!members) continue;
    if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
    cache.set(`${scope.toLowerCase()}:${team}`, { members, expires: now + TTL_MS });
  }
  return known;
}

/** Tests start from a cold cache. */
export function clearTeamCache() {
  cache.clear();
}
