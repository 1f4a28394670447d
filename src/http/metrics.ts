// `/metrics` in Prometheus text format: queue depth, jobs, coalesced events, failures, evaluation time, and
// prom-client's default process metrics (CPU, memory, event-loop lag, handles, GC).
// Its own registry, so loading the app twice (tests) never registers a metric twice.
import type { IncomingMessage, ServerResponse } from "node:http";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import type { JobQueue, QueueStats } from "../queue/job.js";
import type { JobObserver } from "../queue/select.js";

export class QueueMetrics implements JobObserver {
  readonly registry = new Registry();
  private readonly duration: Histogram<"outcome">;
  private queue?: JobQueue;

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    const stats = () => this.queue?.stats();
    const gauge = (name: string, help: string, field: keyof QueueStats) =>
      new Gauge({
        name,
        help,
        registers: [this.registry],
        collect() {
          this.set(stats()?.[field] ?? 0);
        },
      });
    // Counters mirror the queue's own monotonic counts, read at scrape time.
    const counter = (name: string, help: string, field: keyof QueueStats) =>
      new Counter({
        name,
        help,
        registers: [this.registry],
        collect() {
          this.reset();
          this.inc(stats()?.[field] ?? 0);
        },
      });
    gauge("dod_queue_waiting", "Jobs waiting (settling, queued or backing off before a retry).", "waiting");
    gauge("dod_queue_running", "Jobs this replica is evaluating now.", "running");
    counter("dod_jobs_processed_total", "Jobs evaluated successfully by this replica.", "processed");
    counter("dod_events_coalesced_total", "Events folded into a job that was already waiting.", "coalesced");
    counter(
      "dod_jobs_failed_total",
      "Jobs that failed their last attempt (their check run reports the error).",
      "failed",
    );
    this.duration = new Histogram({
      name: "dod_evaluation_duration_seconds",
      help: "Time one attempt at evaluating a job took.",
      labelNames: ["outcome"],
      buckets: [0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60],
      registers: [this.registry],
    });
  }

  attemptFinished(seconds: number, ok: boolean): void {
    this.duration.observe({ outcome: ok ? "ok" : "error" }, seconds);
  }

  /** The Probot `addHandler` route. */
  handler(queue: JobQueue) {
    this.queue = queue;
    return (req: IncomingMessage, res: ServerResponse): boolean => {
      if (req.method !== "GET" || req.url?.split("?")[0] !== "/metrics") return false;
      this.registry.metrics().then(
        (text) => {
          res.writeHead(200, { "content-type": this.registry.contentType });
          res.end(text);
        },
        (err: unknown) => {
          res.writeHead(500, { "content-type": "text/plain" });
          res.end(String(err));
        },
      );
      return true;
    };
  }
}
