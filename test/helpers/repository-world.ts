// A repository with many pull requests, as the GraphQL double reads it (graphql-double.ts): `pullRequest(number:)`
// answers each one (under any alias, so batched queries work), `pullRequests(states:, first:)` lists them newest
// activity first, and `search(query: "org:… is:pr is:open|is:merged")` finds them across repositories. Each pull
// request is built by pullRequestData from its own options.
import { connection } from "./graphql-double.js";
import { type PullRequestOptions, pullRequestData } from "./pull-request-data.js";

export interface RepositoryWorldOptions {
  /** Every pull request, newest activity first; `owner`/`repo` default to Codertocat/Hello-World. */
  pulls: PullRequestOptions[];
  /** The organisation's `.github` repository's done.yml; `undefined`: the organisation has no `.github` repo. */
  orgConfig?: string | null;
}

const repoOf = (p: PullRequestOptions) => `${p.owner ?? "Codertocat"}/${p.repo ?? "Hello-World"}`.toLowerCase();

export function repositoryWorld({ pulls, orgConfig }: RepositoryWorldOptions) {
  const node = (p: PullRequestOptions) => pullRequestData(p).repository.pullRequest;
  const stateOf = (p: PullRequestOptions) => p.state ?? "OPEN";
  const repository = (args: { owner: string; name: string }) => {
    const here = pulls.filter((p) => repoOf(p) === `${args.owner}/${args.name}`.toLowerCase());
    if (args.name === ".github" && here.length === 0) {
      return orgConfig === undefined
        ? null
        : { nameWithOwner: `${args.owner}/.github`, object: orgConfig === null ? null : { text: orgConfig } };
    }
    if (here.length === 0) return null;
    return {
      nameWithOwner: `${args.owner}/${args.name}`,
      object: args.name === ".github" && orgConfig ? { text: orgConfig } : null,
      pullRequest: ({ number }: { number: number }) => {
        const found = here.find((p) => (p.number ?? 2) === number);
        return found ? node(found) : null;
      },
      pullRequests: (page: { states?: string[]; first?: number }, context: unknown, info: { fieldName: string }) =>
        connection(
          here.filter((p) => !page.states || page.states.includes(stateOf(p))).map((p) => ({ number: p.number ?? 2 })),
        )(page, context, info),
    };
  };
  const search = (args: { query: string; first?: number }, context: unknown, info: { fieldName: string }) => {
    const org = /org:(\S+)/.exec(args.query)?.[1]?.toLowerCase();
    const state = /is:(open|merged)/.exec(args.query)?.[1]?.toUpperCase();
    const found = pulls
      .filter((p) => (p.owner ?? "Codertocat").toLowerCase() === org && stateOf(p) === state)
      .map((p) => ({
        __typename: "PullRequest",
        number: p.number ?? 2,
        repository: { name: p.repo ?? "Hello-World", owner: { login: p.owner ?? "Codertocat" } },
      }));
    return connection(found, { issueCount: found.length })(args, context, info);
  };
  return {
    repository,
    search,
    // The single evaluation's query reads the organisation's file under this alias.
    org: (() => {
      const owner = pulls[0]?.owner ?? "Codertocat";
      return repository({ owner, name: ".github" });
    })(),
  };
}
