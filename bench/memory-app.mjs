// The app alone in its own process for the memory figure: the load generator and the stand-in GitHub live in the
// parent, so the resident memory measured here is the app's. Answers the parent over IPC.
import { serve } from "./app.mjs";

const app = await serve(process.argv[2]);
process.on("message", async (message) => {
  if (message === "sample") {
    await app.queue.idle();
    globalThis.gc?.();
    const { rss, heapUsed } = process.memoryUsage();
    process.send({ rssMb: rss / 2 ** 20, heapMb: heapUsed / 2 ** 20 });
  } else if (message === "close") {
    await app.close();
    process.exit(0);
  }
});
process.send({ url: app.url });
