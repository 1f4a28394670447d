// The check run's external id carries a fingerprint of what was written — `dod:<output>:<annotations>#<number>` — so an
// evaluation that changes nothing (another check finished, a duplicate delivery) writes nothing. The annotations
// have their own part because GitHub *appends* the annotations of every update to those already on the run: they
// can't be replaced in place, only left alone (same set) or dropped with the run (a new run of the same name on the
// head commit, which GitHub then shows instead). `#<number>` is the pull request the run reports on: GitHub lists
// no pull requests in check events of a fork's pull request, and its commit→pulls look-up answers none for a fork's
// head, so Re-check on such a run finds its pull request only here.
import { createHash } from "node:crypto";
import type { CheckRunOutput } from "../report/check-run.js";

const hash = (value: unknown) => createHash("sha256").update(JSON.stringify(value)).digest("hex").slice(0, 16);

export interface Fingerprint {
  /** The output's hash, or `failed` after the failure report wrote its error over the run. */
  output: string;
  /** The annotations' hash; `null` when unknown (an external id from an older dod, or none). */
  annotations: string | null;
  /** The pull request reported on; absent in runs written by an older dod. */
  number?: number;
}

export function fingerprint({ annotations, ...rest }: CheckRunOutput, number?: number): Fingerprint {
  return { output: hash(rest), annotations: annotationsHash(annotations), ...(number !== undefined && { number }) };
}

export const annotationsHash = (annotations: CheckRunOutput["annotations"]) => hash(annotations);

export const externalId = (print: Fingerprint) =>
  `dod:${print.output}${print.annotations === null ? "" : `:${print.annotations}`}${print.number === undefined ? "" : `#${print.number}`}`;

export function readFingerprint(id: string | null | undefined): Fingerprint | null {
  const match = /^dod:([0-9a-z]+)(?::([0-9a-f]{16}))?(?:#([1-9][0-9]{0,9}))?$/.exec(id ?? "");
  if (!match) return null;
  return { output: match[1]!, annotations: match[2] ?? null, ...(match[3] && { number: Number(match[3]) }) };
}
