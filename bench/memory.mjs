// Resident memory over 10,000 signed webhooks through the app (in-process, 500 pull requests), sampled every
// 1,000 events after a forced GC. Run by index.mjs under --expose-gc.
import { startFakeGitHub } from "./fake-github.mjs";
import { pool, serve, syncPayload } from "./app.mjs";

export async function memoryBench({ events = 10_000, every = 1000 } = {}) {
  const github = await startFakeGitHub();
  const app = await serve(github.url);
  const samples = [];
  const sample = () => {
    globalThis.gc?.();
    samples.push(process.memoryUsage().rss / 2 ** 20);
  };
  try {
    for (let done = 0; done < events; done += every) {
      await pool(every, 20, (i) => {
        const number = ((done + i) % 500) + 1;
        github.push(number);
        return app.send(syncPayload(number));
      });
      await app.queue.idle();
      sample();
    }
    const half = samples[Math.floor(samples.length / 2) - 1];
    return { events, rssMb: samples.at(-1), secondHalfGrowthMb: samples.at(-1) - half, samplesMb: samples.map((s) => Math.round(s)), gc: typeof globalThis.gc === "function" };
  } finally {
    await app.close();
    await github.close();
  }
}

/** Runs the memory figure in a fresh process (`node --expose-gc bench/memory.mjs`), so earlier sections' heaps
 * don't count; prints the result as JSON. */
export function memoryBenchIsolated() {
  return import("node:child_process").then(({ spawnSync }) => {
    const run = spawnSync(process.execPath, ["--expose-gc", new URL(import.meta.url).pathname], { encoding: "utf8", maxBuffer: 1 << 20 });
    if (run.status !== 0) throw new Error(`memory bench exited ${run.status}: ${run.stderr}`);
    return JSON.parse(run.stdout.trim().split("\n").at(-1));
  });
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  console.log(JSON.stringify(await memoryBench()));
}
