// #15 item 12: the dashboard remembers a viewer's access (access-cache.ts, one per app). Sessions and repositories
// are the visitors' to choose, so however many are tried the memory kept stays within its bound, the entries dropped
// are the least recently used, and no step holds the event loop.
import { describe, expect, it } from "vitest";
import { ACCESS_CACHE_MAX, AccessCache } from "../../src/dashboard/access-cache.js";
import { BUDGET_MS, blocked } from "./budget.js";

/** A sealed session cookie's shape (base64url blob and MAC), distinct per `i`. */
const cookie = (i: number) => `${"A".repeat(400)}${i}.${"m".repeat(43)}`;

describe("the dashboard's access cache under 10,000 distinct sessions and repositories", () => {
  it("never holds more than its bound, dropping the least recently used", () => {
    const cache = new AccessCache<number>(60_000);
    const { ms } = blocked(() => {
      for (let i = 0; i < 10_000; i++) cache.set(cookie(i), `acme/repo-${i}`, i);
    });
    expect(ACCESS_CACHE_MAX).toBe(1_000);
    expect(cache.size).toBe(ACCESS_CACHE_MAX);
    expect(ms).toBeLessThan(BUDGET_MS);
    // The newest thousand are kept, the older ones are gone.
    expect(cache.get(cookie(9_999), "acme/repo-9999")).toBe(9_999);
    expect(cache.get(cookie(9_000), "acme/repo-9000")).toBe(9_000);
    expect(cache.get(cookie(8_999), "acme/repo-8999")).toBeUndefined();
    expect(cache.get(cookie(0), "acme/repo-0")).toBeUndefined();
  });

  it("one session trying 10,000 repositories, then 10,000 sessions one repository: still within the bound", () => {
    const cache = new AccessCache<number>(60_000);
    for (let i = 0; i < 10_000; i++) cache.set(cookie(1), `acme/repo-${i}`, i);
    expect(cache.size).toBe(ACCESS_CACHE_MAX);
    for (let i = 0; i < 10_000; i++) cache.set(cookie(i), "acme/shop", i);
    expect(cache.size).toBe(ACCESS_CACHE_MAX);
    // A repository used recently survives a flood of others: least recently used, not first in.
    const kept = new AccessCache<number>(60_000);
    kept.set(cookie(-1), "acme/shop", 7);
    for (let i = 0; i < 10_000; i++) {
      kept.set(cookie(i), "acme/other", i);
      if (i % 500 === 0) expect(kept.get(cookie(-1), "acme/shop")).toBe(7);
    }
    expect(kept.get(cookie(-1), "acme/shop")).toBe(7);
    // Sign-out of a session with a thousand entries forgets them all, within the budget.
    const { ms } = blocked(() => cache.forget(cookie(1)));
    expect(ms).toBeLessThan(BUDGET_MS);
  });

  it("with a TTL of 0 (DOD_DASHBOARD_ACCESS_TTL_MS=0) keeps nothing", () => {
    const cache = new AccessCache<number>(0);
    for (let i = 0; i < 10_000; i++) cache.set(cookie(i), "acme/shop", i);
    expect(cache.size).toBe(0);
  });
});
