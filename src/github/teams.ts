// Team membership for `@org/team` owners and approvers: one request for all teams a config names, and a page
// more only for a team of over 100 members.
import { type GitHub, queryAllowingRefusals } from "./client.js";
import { TEAM_MEMBERS_PAGE_QUERY, type TeamsData, teamMembersQuery } from "./queries.js";
import type * as G from "./generated/graphql.js";
import { present } from "./nodes.js";

/** Members keyed by `@org/team` (lower-case); `null` for a team the app can't see (unknown, or no access). */
export async function gatherTeams(github: GitHub, teams: string[]): Promise<Record<string, string[] | null>> {
  if (teams.length === 0) return {};
  const parsed = teams.map((team) => {
    const [org = "", slug = ""] = team.replace(/^@/, "").split("/");
    return { org, slug };
  });
  // An unknown org (NOT_FOUND) or one that hides its teams from dod (FORBIDDEN) is a config mistake, not an outage:
  // keep what did resolve. Any other error (a rate limit, GitHub failing) fails the evaluation, to be retried.
  const { data } = await queryAllowingRefusals<TeamsData>(
    github,
    teamMembersQuery(parsed),
    {},
    parsed.map((_, i) => `t${i}`),
  );
  const result: Record<string, string[] | null> = {};
  for (const [i, team] of teams.entries()) {
    const members = data[`t${i}`]?.team?.members;
    if (!members) {
      result[team.toLowerCase()] = null;
      continue;
    }
    const logins = present(members.nodes).map((member) => member.login);
    for (let page = members.pageInfo; page.hasNextPage && page.endCursor; ) {
      const more = await github.graphql<G.DodTeamMembersQuery>(TEAM_MEMBERS_PAGE_QUERY, {
        ...parsed[i]!,
        after: page.endCursor,
      } satisfies G.DodTeamMembersQueryVariables);
      const next = more.organization?.team?.members;
      if (!next) break;
      logins.push(...present(next.nodes).map((member) => member.login));
      page = next.pageInfo;
    }
    result[team.toLowerCase()] = logins;
  }
  return result;
}
