// The jobs one replica added to the shared queue and has not seen finish: what it adds again when Redis comes
// back without its data. Bounded in count and age; a job another replica finished is forgotten by age only, so
// adding it again costs one evaluation that changes nothing.
import { type Job, jobKey, mergeJobs } from "./job.js";

export const JOURNAL_MAX = 10_000;
export const JOURNAL_TTL_MS = 60 * 60_000;

export class Journal {
  /** By job key, oldest first (a key added again moves to the end). */
  private readonly entries = new Map<string, { job: Job; at: number }>();

  constructor(
    private readonly max = JOURNAL_MAX,
    private readonly ttlMs = JOURNAL_TTL_MS,
    private readonly now = () => Date.now(),
  ) {}

  add(job: Job): void {
    const key = jobKey(job);
    const earlier = this.entries.get(key);
    this.entries.delete(key);
    // Only what the run needs to find the pull request again: the deliveries and comments of a long burst would
    // otherwise grow without bound.
    const merged = earlier ? mergeJobs(earlier.job, job) : job;
    this.entries.set(key, { job: { ...merged, deliveryIds: merged.deliveryIds.slice(-10) }, at: this.now() });
    this.prune();
  }

  /** A run of `key` that started at `startedAt` finished: what was added before it is done. */
  done(key: string, startedAt: number): void {
    const entry = this.entries.get(key);
    if (entry && entry.at <= startedAt) this.entries.delete(key);
  }

  all(): Job[] {
    this.prune();
    return [...this.entries.values()].map((e) => e.job);
  }

  get size(): number {
    return this.entries.size;
  }

  private prune() {
    const oldest = this.now() - this.ttlMs;
    for (const [key, entry] of this.entries) {
      if (this.entries.size <= this.max && entry.at >= oldest) break;
      this.entries.delete(key);
    }
  }
}
