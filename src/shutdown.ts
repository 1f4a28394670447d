// Graceful shutdown: on SIGTERM/SIGINT stop taking work, finish (memory: also run what is waiting; Redis: return
// nothing, finish what this replica holds) and exit. A second signal exits at once.
import type { JobQueue } from "./queue/job.js";

export interface ShutdownLog {
  info(msg: string): void;
  error(obj: unknown, msg: string): void;
}

export function installShutdown(queue: () => JobQueue | undefined, log: ShutdownLog = console, exit = (code: number) => process.exit(code)): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      log.info(`${signal} again: exiting now`);
      exit(1);
      return;
    }
    stopping = true;
    log.info(`${signal}: finishing queued work before exiting`);
    const current = queue();
    (current ? current.close() : Promise.resolve()).then(
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
