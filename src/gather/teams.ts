// Team membership for `@org/team` owners and approvers: one request for all teams a config names.
import type { GitHub } from "./github.js";
import { teamMembersQuery } from "./queries.js";
import type { TeamsData } from "./response.js";

/** Members keyed by `@org/team` (lower-case). A team the app can't see resolves to no members. */
export async function gatherTeams(github: GitHub, teams: string[]): Promise<Record<string, string[]>> {
  if (teams.length === 0) return {};
  const parsed = teams.map((team) => {
    const [org = "", slug = ""] = team.replace(/^@/, "").split("/");
    return { org, slug };
  });
  let data: TeamsData;
  try {
    data = await github.graphql<TeamsData>(teamMembersQuery(parsed));
  } catch (error) {
    // An unknown org or team is a config mistake, not an outage: keep what did resolve.
    const partial = error as { name?: string; data?: TeamsData };
    if (partial.name !== "GraphqlResponseError" || !partial.data) throw error;
    data = partial.data;
  }
  return Object.fromEntries(
    teams.map((team, i) => [
      team.toLowerCase(),
      (data[`t${i}`]?.team?.members.nodes ?? []).map((member) => member.login),
    ]),
  );
}
