// Team membership changes rarely; caching it for a few minutes keeps a re-evaluation at one request. Entries are
// scoped to the repository owner (whose installation could see the team), and a team that could not be seen is
// not cached, so one failed look-up doesn't lock its members out for minutes.
import type { GitHub } from "./client.js";
import { type Cache, TEAMS } from "./cache.js";
import { gatherTeams } from "./teams.js";

export async function cachedTeams(
  github: GitHub,
  scope: string,
  teams: string[],
  cache?: Cache,
): Promise<Record<string, string[]>> {
  const known: Record<string, string[]> = {};
  const missing: string[] = [];
  const key = (team: string) => `${scope}:${team}`.toLowerCase();
  for (const team of teams) {
    const hit = await cache?.get<string[]>(TEAMS, key(team));
    if (hit) known[team] = hit;
    else missing.push(team);
  }
  for (const [team, members] of Object.entries(await gatherTeams(github, missing))) {
    known[team] = members ?? [];
    if (members) await cache?.set(TEAMS, key(team), members);
  }
  return known;
}
