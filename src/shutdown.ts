// Graceful shutdown: on SIGTERM/SIGINT stop taking work (/healthz answers 503), finish (memory: also run what is
// waiting; Redis: return nothing, finish what this replica holds), run the dashboard refreshes still waiting out
// their debounce, and exit. A second signal exits at once.
import type { DodHandle } from "./app.js";

export interface ShutdownLog {
  info(msg: string): void;
  error(obj: unknown, msg: string): void;
}

/** Everything a replica owes before it exits: the queue's jobs, then the dashboard refreshes they scheduled. */
export async function drain(handle: DodHandle): Promise<void> {
  handle.draining = true;
  await handle.queue?.close();
  await handle.dashboard?.flush();
}

export function installShutdown(
  handle: DodHandle,
  log: ShutdownLog = console,
  exit = (code: number) => process.exit(code),
): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      log.info(`${signal} again: exiting now`);
      exit(1);
      return;
    }
    stopping = true;
    log.info(`${signal}: finishing queued work before exiting`);
    drain(handle).then(
      () => {
        log.info("queue drained; exiting");
        exit(0);
      },
      (err: unknown) => {
        log.error(err, "queue did not close cleanly");
        exit(1);
      },
    );
  };
  // Our listeners replace Node's default (exit at once); a second signal during the drain exits at once too.
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}
