// How dod tells its own check runs from another app's: made once at the root and passed down.
import { CHECK_NAME } from "./names.js";

export interface DodIdentity {
  /** The GitHub App's id (APP_ID), when known; the CLI and the Action have none and go by name alone. */
  readonly appId: number | undefined;
  readonly checkName: string;
  /** A check run is dod's when it has dod's name and, if the app id is known, was written by that app. */
  isOwn(run: { name: string; appId?: number | null | undefined }): boolean;
}

export function dodIdentity(appId?: number): DodIdentity {
  return {
    appId,
    checkName: CHECK_NAME,
    isOwn: (run) => run.name === CHECK_NAME && (appId === undefined || run.appId === appId),
  };
}
