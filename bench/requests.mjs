// GitHub requests per pull_request.synchronize evaluation, in steady state (installation token cached): each
// push moves the PR to a new head, so each evaluation writes one new check run; the comment is unchanged.
import { startFakeGitHub } from "./fake-github.mjs";
import { serve, syncPayload } from "./app.mjs";

export async function requestsBench({ pushes = 5 } = {}) {
  const github = await startFakeGitHub({ filesFor: (n) => (n === 3000 ? 3000 : 10) });
  const app = await serve(github.url);
  const perEvaluation = async (number) => {
    github.push(number);
    await app.send(syncPayload(number));
    await app.queue.idle(); // warm-up: token, first check run, first comment
    github.reset();
    for (let i = 0; i < pushes; i++) {
      github.push(number);
      await app.send(syncPayload(number));
      await app.queue.idle();
    }
    return {
      perEvaluation: github.total() / pushes,
      byRoute: Object.fromEntries(Object.entries(github.counts()).map(([k, v]) => [k, v / pushes])),
    };
  };
  try {
    return { small: await perEvaluation(10), large: await perEvaluation(3000) };
  } finally {
    await app.close();
    await github.close();
  }
}
