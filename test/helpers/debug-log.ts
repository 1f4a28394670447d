// The app's debug log as parsed JSON lines, for tests that assert why an event was skipped.
import { Writable } from "node:stream";
import { pino } from "pino";

export class DebugLog {
  readonly lines: Record<string, unknown>[] = [];

  /** A fresh logger writing into `lines`, for `loadApp({ log })`. */
  logger() {
    return pino(
      { level: "debug" },
      new Writable({
        write: (chunk, _enc, done) => {
          for (const line of String(chunk).split("\n").filter(Boolean)) this.lines.push(JSON.parse(line));
          done();
        },
      }),
    );
  }

  /** The reasons of "event skipped" lines, in order. */
  skips(): unknown[] {
    return this.lines.filter((l) => l.msg === "event skipped: it cannot change the verdict").map((l) => l.reason);
  }
}
