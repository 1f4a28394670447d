// Webhook throughput of dod vs a bare Probot app (one check run per event), same stand-in, same load, same run.
// Events go to distinct pull requests (no coalescing) of one installation; throttling is off for both apps.
import { startFakeGitHub } from "./fake-github.mjs";
import { pool, serve, syncPayload } from "./app.mjs";

async function measure(bare, events, concurrency) {
  const github = await startFakeGitHub();
  const app = await serve(github.url, { bare });
  try {
    await app.send(syncPayload(1_000_000)); // warm-up: token, JIT
    await app.queue?.idle();
    const started = performance.now();
    await pool(events, concurrency, (i) => app.send(syncPayload(i + 1)));
    const answered = performance.now() - started;
    await app.queue?.idle();
    if (bare)
      while (github.counts()["POST /repos/Codertocat/Hello-World/check-runs"] < events + 1)
        await new Promise((r) => setTimeout(r, 5));
    const done = performance.now() - started;
    return { webhooksPerSecond: events / (answered / 1000), evaluationsPerSecond: events / (done / 1000) };
  } finally {
    await app.close();
    await github.close();
  }
}

export async function throughputBench({ events = 2000, concurrency = 20 } = {}) {
  const bare = await measure(true, events, concurrency);
  const dod = await measure(false, events, concurrency);
  return {
    events,
    concurrency,
    bare,
    dod,
    ratio: dod.webhooksPerSecond / bare.webhooksPerSecond,
    evaluationRatio: dod.evaluationsPerSecond / bare.evaluationsPerSecond,
  };
}
