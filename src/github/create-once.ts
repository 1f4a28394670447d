// A create whose answer is lost (a 502, a timeout) may still have been carried out: GitHub often performs a POST
// and then fails to say so. Re-sending it blindly, as the retry plugin does, leaves two sticky comments or two check
// runs. Here the create is sent without the plugin's re-send and, when its answer is lost, what it would have made
// is looked for before it is sent again.

/** A create is sent at most this many times (the retry plugin's 3 retries, plus the first). */
export const CREATE_ATTEMPTS = 4;

/** Request options that turn off @octokit/plugin-retry for one request (a no-op on an Octokit without it). */
export const NO_BLIND_RETRY = { request: { retries: 0 } } as const;

/** An answer that says nothing of whether GitHub did the work: a server error or no answer at all. */
export function answerLost(error: unknown): boolean {
  const status = (error as { status?: unknown }).status;
  return typeof status !== "number" || status >= 500;
}

/**
 * Runs `create` until it answers, at most CREATE_ATTEMPTS times; after each lost answer `find` looks for what that
 * attempt may have made and, when it finds it, that is the result.
 */
export async function createOnce<T>(create: () => Promise<T>, find: () => Promise<T | null>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await create();
    } catch (error) {
      if (!answerLost(error) || attempt + 1 >= CREATE_ATTEMPTS) throw error;
      const made = await find();
      if (made !== null) return made;
    }
  }
}
