// A replica in its own process for the Redis tests: the built RedisQueue (lib/, which test/global-setup.ts
// compiles) whose processor reports on stdout, one JSON line per event. WORKER_MODE=hang never finishes a job,
// so the test can kill the process holding it.
import { RedisQueue } from "../../lib/queue/redis.js";

const say = (event, fields = {}) =>
  process.stdout.write(`${JSON.stringify({ event, worker: process.env.WORKER_NAME, ...fields })}\n`);

const queue = new RedisQueue(
  async (job, attempt) => {
    say("start", { number: job.number, deliveries: job.deliveryIds.length, attempt });
    if (process.env.WORKER_MODE === "hang") await new Promise(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, Number(process.env.WORKER_DELAY_MS ?? 50)));
    say("done", { number: job.number, deliveries: job.deliveryIds.length, attempt });
  },
  async (job, error) => void say("failed", { number: job.number, error: String(error) }),
  {
    url: process.env.REDIS_URL,
    name: process.env.QUEUE_NAME,
    settleMs: 0,
    concurrency: 2,
    attempts: 2,
    backoffMs: 50,
    lockDurationMs: 1000,
    stalledIntervalMs: 300,
    lockRetryMs: 50,
  },
);
process.on("SIGTERM", () => void queue.close().then(() => process.exit(0)));
await queue.ready();
say("ready");
