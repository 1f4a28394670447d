// `/healthz` for load balancers and orchestrators: up, and how much work is waiting.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { JobQueue } from "../queue/job.js";

export function healthHandler(queue: JobQueue) {
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    if (req.method !== "GET" || req.url?.split("?")[0] !== "/healthz") return false;
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ status: "ok", queue: queue.stats() }));
    return true;
  };
}
