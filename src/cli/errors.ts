// Every failure the CLI expects ends as a CliError: a message for people and an exit code for scripts.

export const EXIT = { done: 0, missing: 1, error: 2 } as const;

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.error,
    /** Shown after the message: the command's usage, for a mistake in the command line. */
    readonly usage?: string,
  ) {
    super(message);
  }
}
