// The check run's external id carries a fingerprint of what was written — `dod:<output>:<annotations>` — so an
// evaluation that changes nothing (another check finished, a duplicate delivery) writes nothing. The annotations
// have their own part because GitHub *appends* the annotations of every update to those already on the run: they
// can't be replaced in place, only left alone (same set) or dropped with the run (a new run of the same name on the
// head commit, which GitHub then shows instead).
import { createHash } from "node:crypto";
import type { CheckRunOutput } from "../report/check-run.js";

const hash = (value: unknown) => createHash("sha256").update(JSON.stringify(value)).digest("hex").slice(0, 16);

export interface Fingerprint {
  /** The output's hash, or `failed` after the failure report wrote its error over the run. */
  output: string;
  /** The annotations' hash; `null` when unknown (an external id from an older dod, or none). */
  annotations: string | null;
}

export function fingerprint({ annotations, ...rest }: CheckRunOutput): Fingerprint {
  return { output: hash(rest), annotations: annotationsHash(annotations) };
}

export const annotationsHash = (annotations: CheckRunOutput["annotations"]) => hash(annotations);

export const externalId = (print: Fingerprint) =>
  print.annotations === null ? `dod:${print.output}` : `dod:${print.output}:${print.annotations}`;

export function readFingerprint(externalId: string | null): Fingerprint | null {
  const match = /^dod:([0-9a-z]+)(?::([0-9a-f]{16}))?$/.exec(externalId ?? "");
  return match ? { output: match[1]!, annotations: match[2] ?? null } : null;
}
