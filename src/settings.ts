// Operator settings, from the environment (documented in .env.example).
import type { QueueSettings } from "./queue/select.js";

export function queueOptionsFromEnv(env: NodeJS.ProcessEnv): Partial<QueueSettings> {
  const number = (name: string) => {
    const value = env[name];
    return value !== undefined && value !== "" && Number.isFinite(Number(value)) ? Number(value) : undefined;
  };
  const options: Partial<QueueSettings> = {
    // Also Probot's: with it, rate limiting is shared across replicas too.
    redisUrl: env.REDIS_URL || undefined,
    settleMs: number("DOD_SETTLE_MS"),
    concurrency: number("DOD_CONCURRENCY"),
    attempts: number("DOD_ATTEMPTS"),
    backoffMs: number("DOD_BACKOFF_MS"),
  };
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
}
