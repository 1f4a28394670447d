// `/healthz` for load balancers and orchestrators: up, and how much work is waiting. While the replica drains
// after SIGTERM it answers 503, so a load balancer stops sending it webhooks it would no longer take.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { JobQueue } from "../queue/job.js";

export function healthHandler(queue: JobQueue, draining: () => boolean = () => false) {
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    if (req.method !== "GET" || req.url?.split("?")[0] !== "/healthz") return false;
    const status = draining() ? "draining" : "ok";
    res.writeHead(status === "ok" ? 200 : 503, { "content-type": "application/json" });
    res.end(JSON.stringify({ status, queue: queue.stats() }));
    return true;
  };
}
