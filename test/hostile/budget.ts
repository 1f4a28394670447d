// How long a synchronous call holds the event loop, measured so that a busy machine does not fail the bound: CPU
// time rather than wall time (other processes on the 2 cores stretch wall time, not the work), of this thread only
// (V8's helper threads mark and sweep beside it without holding the loop, and under load they doubled the
// process's figure: 234 ms for 60 ms of work), the least of three runs (the work is deterministic; garbage
// collection and the first run's compilation are not).
export const BUDGET_MS = 100;

/** This thread's CPU time (Node ≥ 23.9), else the process's. */
const cpuUsage = (since?: NodeJS.CpuUsage): NodeJS.CpuUsage =>
  typeof process.threadCpuUsage === "function" ? process.threadCpuUsage(since) : process.cpuUsage(since);

export function blocked<T>(run: () => T): { value: T; ms: number } {
  let ms = Infinity;
  let value!: T;
  for (let i = 0; i < 3; i++) {
    const start = cpuUsage();
    value = run();
    const { user, system } = cpuUsage(start);
    ms = Math.min(ms, (user + system) / 1000);
  }
  return { value, ms };
}
