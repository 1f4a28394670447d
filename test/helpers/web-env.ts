// For suites that run the app's web server as `npm start` does: settings come from the environment, and the
// dashboard's cookies from responses.

/** Sets `vars` in process.env; the function returned puts back what was there before. */
export function setEnv(vars: Record<string, string>): () => void {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  Object.assign(process.env, vars);
  return () => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  };
}

/** The value a response sets for the cookie `name`. */
export const cookieValue = (response: Response, name: string) =>
  response.headers
    .getSetCookie()
    .map((c) => new RegExp(`^${name}=([^;]+)`).exec(c)?.[1])
    .find(Boolean)!;
