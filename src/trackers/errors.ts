// What a failed request to a tracker says, in a few words: the network's error code (ECONNREFUSED, ENOTFOUND)
// when there is one, else the innermost message (fetch wraps the reason in "fetch failed").
export function describe(error: unknown): string {
  let message = "";
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current !== null && typeof current === "object"; depth++) {
    const { code, message: text, cause } = current as { code?: unknown; message?: unknown; cause?: unknown };
    if (typeof code === "string" && code) return code;
    if (typeof text === "string" && text) message = text;
    current = cause;
  }
  return message || String(error);
}
