// Resident memory over 10,000 signed webhooks through the app (500 pull requests), sampled every 1,000 events
// after a forced GC. The app runs in a child process of its own (memory-app.mjs): the stand-in GitHub and the load
// generator stay here, so their memory doesn't count as the app's.
import { fork } from "node:child_process";
import { startFakeGitHub } from "./fake-github.mjs";
import { pool, sendWebhook, syncPayload } from "./app.mjs";

function startApp(githubUrl, flags) {
  const child = fork(new URL("./memory-app.mjs", import.meta.url).pathname, [githubUrl], {
    execArgv: ["--expose-gc", ...flags],
  });
  const next = () => new Promise((resolve) => child.once("message", resolve));
  return next().then(({ url }) => ({
    url,
    sample: () => {
      child.send("sample");
      return next();
    },
    close: () =>
      new Promise((resolve) => {
        child.once("exit", resolve);
        child.send("close");
      }),
  }));
}

/** `flags`: Node options for the app's process, e.g. the young generation's cap the README suggests. */
export async function memoryBench({ events = 10_000, every = 1000, flags = [] } = {}) {
  const github = await startFakeGitHub();
  const app = await startApp(github.url, flags);
  const samples = [];
  const heaps = [];
  try {
    for (let done = 0; done < events; done += every) {
      await pool(every, 20, (i) => {
        const number = ((done + i) % 500) + 1;
        github.push(number);
        return sendWebhook(app.url, "pull_request", syncPayload(number));
      });
      const { rssMb, heapMb } = await app.sample();
      samples.push(rssMb);
      heaps.push(heapMb);
    }
    const half = samples[Math.floor(samples.length / 2) - 1];
    const heapHalf = heaps[Math.floor(heaps.length / 2) - 1];
    return {
      events,
      rssMb: samples.at(-1),
      secondHalfGrowthMb: samples.at(-1) - half,
      heapMb: heaps.at(-1),
      heapSecondHalfGrowthMb: heaps.at(-1) - heapHalf,
      samplesMb: samples.map((s) => Math.round(s)),
      gc: true,
    };
  } finally {
    await app.close();
    await github.close();
  }
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  console.log(JSON.stringify(await memoryBench()));
}
