// Probot's rate limiter (Bottleneck, clustered through Redis when REDIS_URL is set) after Redis lost its data:
// Bottleneck re-creates its limiter state when a script answers `SETTINGS_KEY_NOT_FOUND` (or re-registers on
// `UNKNOWN_CLIENT`), but Redis 7 prefixes errors raised from Lua with `ERR `, so the names never match and every
// request fails until the idle limiter is dropped (~90 s; every event meanwhile is lost). The errors are given
// back under the names Bottleneck looks for, so the first request after the restart re-creates the state.
const RECOVERABLE = /^ERR (SETTINGS_KEY_NOT_FOUND|UNKNOWN_CLIENT)\b/;

type Callback = (error: Error | null, replies?: unknown) => void;
interface ScriptConnection {
  __scriptFn__(name: string): (...args: unknown[]) => unknown;
}

const patched = new WeakSet<object>();

/** Patches Bottleneck's Redis connection (Probot's `throttle.connection`) once; anything else is left alone. */
export function recoverLimiterState(connection: unknown): void {
  if (!isScriptConnection(connection) || patched.has(connection)) return;
  patched.add(connection);
  const scriptFn = connection.__scriptFn__.bind(connection);
  connection.__scriptFn__ = (name) => {
    const run = scriptFn(name);
    return (...args) => {
      const callback = args.at(-1);
      if (typeof callback !== "function") return run(...args);
      const named: Callback = (error, replies) => {
        const match = error && RECOVERABLE.exec(error.message);
        if (match) error.message = match[1]!;
        (callback as Callback)(error, replies);
      };
      return run(...args.slice(0, -1), named);
    };
  };
}

function isScriptConnection(value: unknown): value is ScriptConnection {
  return typeof value === "object" && value !== null && typeof (value as ScriptConnection).__scriptFn__ === "function";
}
