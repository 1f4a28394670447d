// The preview of a done.yml change (#18): GitHub requests and wall time to judge 20 open and 20 merged pull requests
// under the current and the proposed rules, against the suite's stand-in GitHub (test/helpers/fake-github-server.ts),
// which executes every query against GitHub's schema in this process, so the time includes the stand-in's work.
import { register } from "node:module";

register("./ts-hooks.mjs", import.meta.url);

export async function previewBench({ open = 20, merged = 20, runs = 5 } = {}) {
  let lib;
  try {
    lib = { ...(await import("../lib/preview-run.js")), ...(await import("../lib/model/identity.js")) };
  } catch {
    return null; // not built yet
  }
  const { Octokit } = await import("@octokit/rest");
  const { startFakeGitHub } = await import("../test/helpers/fake-github-server.ts");
  const { repositoryWorld } = await import("../test/helpers/repository-world.ts");
  const { ADDS_CHANGELOG, BASE, pull } = await import("../test/helpers/preview-repository.ts");

  const files = (n) =>
    [["src/a.ts", "test/a.test.ts"], ["src/b.ts", "CHANGELOG.md", "test/b.test.ts"], ["docs/x.md"], ["src/c.ts"]][
      n % 4
    ];
  const pulls = [
    pull(2, [".github/done.yml"], { headConfig: ADDS_CHANGELOG }),
    ...Array.from({ length: open }, (_, i) => pull(100 + i, files(i))),
    ...Array.from({ length: merged }, (_, i) => pull(200 + i, files(i), { state: "MERGED" })),
  ];
  const world = repositoryWorld({ pulls });
  const github = await startFakeGitHub({ graphql: () => world });
  const octokit = new Octokit({
    baseUrl: github.url,
    auth: "bench",
    log: { debug() {}, info() {}, warn() {}, error() {} },
  });
  const request = {
    ref: { owner: "Codertocat", repo: "Hello-World", number: 2 },
    headSha: "e".repeat(40),
    texts: {
      current: BASE,
      proposed: ADDS_CHANGELOG,
      org: { file: "Codertocat/.github:.github/done.yml", text: null },
    },
    options: { open, merged },
    identity: lib.dodIdentity(1),
  };
  try {
    const times = [];
    let requests = 0;
    let judged = 0;
    for (let i = 0; i <= runs; i++) {
      const before = github.requests.length;
      const started = performance.now();
      const preview = await lib.previewConfigChange(octokit, request);
      const ms = performance.now() - started;
      if (i === 0) continue; // warm-up: module loading, the stand-in's schema
      times.push(ms);
      requests = github.requests.length - before;
      judged = preview.pulls.length;
    }
    const problems = github.problems();
    if (problems.length > 0) throw new Error(`the stand-in refused requests: ${problems.join("; ")}`);
    times.sort((a, b) => a - b);
    return {
      pulls: judged,
      requests,
      budget: Math.ceil(judged / 10) + 1,
      medianMs: times[Math.floor(times.length / 2)],
    };
  } finally {
    await github.close();
  }
}
