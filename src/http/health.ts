// `/healthz` for load balancers and orchestrators: up, and how much work is waiting. While the replica drains
// after SIGTERM it answers 503, so a load balancer stops sending it webhooks it would no longer take; while the
// shared queue's Redis does not answer it answers 503 with the reason, so the outage is seen, not silent.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { JobQueue } from "../queue/job.js";

export function healthHandler(queue: JobQueue, draining: () => boolean = () => false) {
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    if (req.method !== "GET" || req.url?.split("?")[0] !== "/healthz") return false;
    const health = queue.health?.() ?? { ok: true };
    const status = draining() ? "draining" : health.ok ? "ok" : "unhealthy";
    res.writeHead(status === "ok" ? 200 : 503, { "content-type": "application/json" });
    res.end(JSON.stringify({ status, ...(!health.ok && { reason: health.reason }), queue: queue.stats() }));
    return true;
  };
}
