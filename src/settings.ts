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

/** The GitHub App's id (APP_ID), which tells dod's own check runs from another app's of the same name. */
export function appIdFromEnv(env: NodeJS.ProcessEnv): number | undefined {
  const id = Number(env.APP_ID);
  return Number.isInteger(id) && id > 0 ? id : undefined;
}
