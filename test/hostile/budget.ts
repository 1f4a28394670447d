// How long a synchronous call holds the event loop, measured so that a busy machine does not fail the bound: CPU
// time rather than wall time (other processes on the 2 cores stretch wall time, not the work), the least of three
// runs (the work is deterministic; garbage collection and the first run's compilation are not).
export const BUDGET_MS = 100;

export function blocked<T>(run: () => T): { value: T; ms: number } {
  let ms = Infinity;
  let value!: T;
  for (let i = 0; i < 3; i++) {
    const start = process.cpuUsage();
    value = run();
    const { user, system } = process.cpuUsage(start);
    ms = Math.min(ms, (user + system) / 1000);
  }
  return { value, ms };
}
