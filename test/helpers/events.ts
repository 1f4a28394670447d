// Webhook payloads from GitHub's own examples (@octokit/webhooks-examples), with the installation Probot needs.
import examples from "@octokit/webhooks-examples/api.github.com/index.json" with { type: "json" };

interface Example {
  name: string;
  examples: Record<string, any>[];
}

export function example(name: string, action?: string): Record<string, any> {
  const found = (examples as unknown as Example[])
    .find((e) => e.name === name)
    ?.examples.find((e) => action === undefined || e.action === action);
  if (!found) throw new Error(`no webhook example ${name}.${action}`);
  return structuredClone({ ...found, installation: { id: 1 } });
}

/** The same example, moved to the repository the other fixtures use (Codertocat/Hello-World). */
export function exampleInRepo(name: string, action?: string): Record<string, any> {
  const payload = example(name, action);
  payload.repository = example("pull_request", "synchronize").repository;
  return payload;
}

let delivery = 0;
export function event(name: string, payload: Record<string, any>) {
  return { id: `delivery-${++delivery}`, name, payload } as any;
}

/** A pull request as check_run/check_suite payloads list it; `repo` is its base repository (default: Hello-World). */
export function checkPayloadPull(
  number: number,
  repo = { id: 186853002, name: "Hello-World", full_name: "Codertocat/Hello-World" },
) {
  const ref = { id: repo.id, url: `https://api.github.com/repos/${repo.full_name}`, name: repo.name };
  return {
    url: `https://api.github.com/repos/${repo.full_name}/pulls/${number}`,
    id: 279147437 + number,
    number,
    head: { ref: "changes", sha: "ec26c3e57ca3a959ca5aad62de7213c562f8c821", repo: ref },
    base: { ref: "master", sha: "f95f852bd8fca8fcc58a9a2d6c842781e32a215e", repo: ref },
  };
}
