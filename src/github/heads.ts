// What the last published evaluation of a head commit saw, per pull request: the base commit whose config judged
// it, whether the head changes done.yml, and the checks its `check:` requirements name with their conclusions.
// Events that carry no pull request (commit statuses, a fork's checks) find their pull requests here without a
// request, and an event that repeats what was seen (a re-run finishing as before) is known not to change the
// verdict. Written only after the verdict is published: what it says is what the check run shows.
import type { ConfigReferences } from "../criteria/references.js";
import { namesCheck } from "../criteria/references.js";
import type { Facts } from "../model/facts.js";
import { type Cache, HEADS, headKey } from "./cache.js";

export interface HeadEntry {
  /** The base branch's tip the config was read from (the key of its references). */
  base: string;
  /** The head changes done.yml: approvals then decide the built-in approval of the change. */
  changesConfig: boolean;
  /** Named checks and statuses as seen: [name, conclusion, or null while unfinished]; null when too many to keep. */
  named: [string, string | null][] | null;
}

/** A head's entries by pull request number (one commit can be the head of several pull requests). */
export type HeadRecord = Record<string, HeadEntry>;

/** More named checks than this on one head are not kept: every event about them is then evaluated. */
export const MAX_NAMED = 50;

export async function rememberHead(
  cache: Cache,
  ref: { owner: string; repo: string; number: number },
  seen: { facts: Facts; base: string; changesConfig: boolean; refs: ConfigReferences },
): Promise<void> {
  const named = seen.facts.checks
    .filter((c) => namesCheck(seen.refs, c.name))
    .map((c): [string, string | null] => [c.name, c.status === "completed" ? c.conclusion : null]);
  // A closed or merged pull request waits on no check: events about its head go to the open ones only.
  if (seen.facts.state !== "open") return forgetHead(cache, ref, seen.facts.head.sha);
  await cache.setField<HeadEntry>(HEADS, headKey(ref.owner, ref.repo, seen.facts.head.sha), String(ref.number), {
    base: seen.base,
    changesConfig: seen.changesConfig,
    named: named.length > MAX_NAMED ? null : named,
  });
}

/** The pull request was closed: its head's events are no longer its. */
export async function forgetHead(cache: Cache, ref: { owner: string; repo: string; number: number }, sha: string) {
  const key = headKey(ref.owner, ref.repo, sha);
  const record = await cache.getFields<HeadEntry>(HEADS, key);
  if (!record?.[ref.number]) return;
  await cache.setField(HEADS, key, String(ref.number), undefined);
}

export const headRecord = (cache: Cache, owner: string, repo: string, sha: string): Promise<HeadRecord | undefined> =>
  cache.getFields<HeadEntry>(HEADS, headKey(owner, repo, sha));

/** The evaluation saw every check or status of this name finished with this conclusion: it finished so again. */
export function seenAs(entry: HeadEntry | undefined, name: string, conclusion: string | null): boolean {
  const runs = entry?.named?.filter(([n]) => n === name) ?? [];
  return runs.length > 0 && runs.every(([, c]) => c !== null && c === conclusion);
}
