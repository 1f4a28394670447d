// A cap on webhook bodies. Probot's webhook middleware (from @octokit/webhooks) reads the whole body into memory
// before it can check the signature, however large: three forged 30 MB requests cost 490 MB. GitHub never sends
// more than 25 MB, so a bigger body is cut off: its connection is closed before it is read when its
// `content-length` says so, and as soon as more than that has arrived otherwise. Probot adds its middleware before any
// handler an app can add, so the cap sits one step earlier, on Node's own "a request starts" channel, which runs
// before any listener of the server sees the request; it does not read the body, so Probot still gets all of it.
import { subscribe } from "node:diagnostics_channel";
import type { IncomingMessage } from "node:http";

export const MAX_WEBHOOK_BYTES = 25 * 1024 * 1024;

export class BodyTooLarge extends Error {
  readonly status = 413;
  constructor(max: number) {
    super(`webhook body over ${max} bytes: refused unread`);
  }
}

interface Limit {
  path: string;
  max: number;
}

const limits = new Map<string, Limit>();
let subscribed = false;

/** Caps POST bodies on `path` in every HTTP server of this process; returns the function that removes the cap. */
export function limitWebhookBodies(path: string, max = MAX_WEBHOOK_BYTES): () => void {
  const key = `${max} ${path}`;
  limits.set(key, { path, max });
  if (!subscribed) {
    subscribed = true;
    subscribe("http.server.request.start", (message) => {
      const { request } = message as { request: IncomingMessage };
      if (request.method !== "POST") return;
      const pathname = (request.url ?? "").split("?")[0]!.replace(/\/+$/, "");
      for (const l of limits.values()) if (pathname === l.path.replace(/\/+$/, "")) return guard(request, l.max);
    });
  }
  return () => void limits.delete(key);
}

function guard(request: IncomingMessage, max: number): void {
  // Probot's middleware is listening by then: it answers with this error's status, and its read ends here.
  const refuse = () => request.destroy(new BodyTooLarge(max));
  // Until Probot listens, an error event must not go unheard (which would end the process).
  request.on("error", () => {});
  const declared = Number(request.headers["content-length"]);
  if (Number.isFinite(declared) && declared > max) return void setImmediate(refuse);
  // Counted on the socket, which the HTTP parser already reads: a listener on the request itself would start
  // its flow before Probot listens and lose the first chunks.
  let received = 0;
  const socket = request.socket;
  const count = (chunk: Buffer) => {
    received += chunk.length;
    if (received > max) {
      stop();
      refuse();
    }
  };
  const stop = () => socket.off("data", count);
  socket.on("data", count);
  request.once("end", stop);
  request.once("close", stop);
}
