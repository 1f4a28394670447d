// Webhooks as GitHub really delivers them: sometimes more than once, sometimes out of order, sometimes while the
// pull request is being evaluated. What the pull request shows afterwards must be one comment, one check run per
// head commit, and the newest head's verdict.
import nock from "nock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadDodApp } from "../helpers/dod-app.js";
import { event, example } from "../helpers/events.js";
import { GitHubWorld } from "../helpers/github-world.js";

const config =
  "owners: { engineering: [lead-bob] }\ncriteria:\n  - id: docs\n    owner: engineering\n    require: { files: [docs/**] }\n";
const A = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
const B = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";

function synchronize(head: string, id?: string) {
  const payload = example("pull_request", "synchronize");
  payload.pull_request.head.sha = head;
  payload.after = head;
  const e = event("pull_request", payload);
  if (id) e.id = id;
  return e;
}

describe("repeated and reordered deliveries", () => {
  beforeEach(() => nock.disableNetConnect());
  afterEach(() => nock.cleanAll());

  it("the same delivery three times, one after another: one comment, one check run, written once", async () => {
    const world = new GitHubWorld();
    world.pr = { config, files: ["src/a.ts"] };
    const { probot, queue } = await loadDodApp();
    const delivery = synchronize(world.head, "the-same-delivery");

    for (let i = 0; i < 3; i++) {
      await probot.receive(delivery);
      await queue.idle();
    }

    expect(world.reads).toHaveLength(3); // each delivery evaluated…
    expect(world.writes).toEqual(["create check ec26c3e: 0 of 1 done — missing: docs", "create comment"]); // …written once
    expect(world.checkRuns).toHaveLength(1);
    expect(world.comments).toHaveLength(1);
  });

  it("the same delivery three times at once: folded into one evaluation", async () => {
    const world = new GitHubWorld();
    world.pr = { config, files: ["src/a.ts"] };
    const { probot, queue } = await loadDodApp({ queue: { settleMs: 20 } });
    const delivery = synchronize(world.head, "the-same-delivery-at-once");

    await Promise.all([probot.receive(delivery), probot.receive(delivery), probot.receive(delivery)]);
    await queue.idle();

    expect(world.reads).toHaveLength(1);
    expect(world.checkRuns).toHaveLength(1);
    expect(world.comments).toHaveLength(1);
  });

  it("synchronize(A) arriving after synchronize(B): the older event evaluates what GitHub says now, B", async () => {
    const world = new GitHubWorld();
    world.pr = { config, files: ["src/a.ts"] };
    world.head = B;
    const { probot, queue } = await loadDodApp();

    await probot.receive(synchronize(B));
    await queue.idle();
    world.pr = { config, files: ["src/a.ts", "docs/a.md"] }; // B's verdict changes meanwhile (say, a late file listing)
    await probot.receive(synchronize(A)); // late, and stale
    await queue.idle();

    expect(world.writes).toEqual([
      "create check bbbbbbb: 0 of 1 done — missing: docs",
      "create comment",
      "update check bbbbbbb: 1 of 1 done",
      "update comment",
    ]);
    expect(world.checkRunOn(A)).toBeUndefined();
    expect(world.comments).toHaveLength(1);
  });

  it("a push while the previous head is being evaluated: the newer evaluation runs after it, so the newest verdict stays", async () => {
    // The first GitHub read is slow; while it is under way the pull request moves to B (which adds the docs).
    const world = new GitHubWorld(undefined, [200]);
    world.pr = { config, files: ["src/a.ts"] };
    world.head = A;
    const { probot, queue } = await loadDodApp();

    await probot.receive(synchronize(A));
    while (world.reads.length === 0) await new Promise((r) => setTimeout(r, 5));
    world.head = B;
    world.pr = { config, files: ["src/a.ts", "docs/a.md"] };
    await probot.receive(synchronize(B));
    await queue.idle();

    expect(world.reads).toEqual([A, B]);
    expect(world.writes).toEqual([
      "create check aaaaaaa: 0 of 1 done — missing: docs",
      "create comment",
      "create check bbbbbbb: 1 of 1 done",
      "update comment",
    ]);
    expect(world.checkRunOn(B)).toMatchObject({ conclusion: "success" });
    expect(world.comments).toHaveLength(1);
    expect(world.comments[0]!.body).toContain("1 of 1 done");
  });
});
