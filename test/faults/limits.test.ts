// Input GitHub allows but few expect: a report too long for a check run or a comment, more annotations than one
// request takes, and a pull request at GitHub's own limits (3000 files, a 60,000-character description, an issue
// with 300 checklist items).
import nock from "nock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadDodApp } from "../helpers/dod-app.js";
import { event, example } from "../helpers/events.js";
import { GitHubMock } from "../helpers/github.js";
import { limitRefusal } from "../helpers/github-rules.js";
import { HEAD_SHA, pullRequestData } from "../helpers/pull-request-data.js";

const REPO = "/repos/Codertocat/Hello-World";
const synchronize = () => event("pull_request", example("pull_request", "synchronize"));

function manyCriteria(n: number, extra = "") {
  const criteria = Array.from(
    { length: n },
    (_, i) =>
      `  - id: item-${i}\n    title: Item number ${i} of the long definition of done ${"x".repeat(40)}\n    owner: engineering\n    hint: ${"Do the thing that this item asks for, then push again. ".repeat(3)}\n    require: { files: ["docs/${i}/**"] }${extra}\n`,
  );
  return `owners: { engineering: [lead-bob] }\ncriteria:\n${criteria.join("")}`;
}

describe("GitHub's limits", () => {
  let github: GitHubMock;
  beforeEach(() => {
    nock.disableNetConnect();
    github = new GitHubMock();
  });
  afterEach(() => nock.cleanAll());

  it("cuts a check-run summary over 65,535 and a comment over 65,536 characters cleanly, saying what was left out", async () => {
    const { probot, queue } = await loadDodApp();
    github
      .token()
      .graphql(pullRequestData({ config: manyCriteria(360), files: ["src/a.ts"] }))
      .rest("POST", `${REPO}/check-runs`, 201, { id: 5 })
      .rest("POST", `${REPO}/issues/2/comments`, 201, { id: 6 });

    await probot.receive(synchronize());
    await queue.idle();

    github.assertDone();
    const { output } = github.body("checks/create");
    expect(output.summary.length).toBeLessThanOrEqual(65_535);
    expect(output.summary).toMatch(/_… \d+ more items not shown \(the summary is limited to 65,535 bytes\)\._/);
    const comment = github.body("issues/create-comment").body as string;
    expect(comment.length).toBeLessThanOrEqual(65_536);
    expect(comment.split("\n").at(-1)).toMatch(
      /^_… \d+ more items not shown \(a comment is limited to 65,536 characters\)\._$/,
    );
  });

  it("cuts a report in Japanese and emoji to GitHub's 65,535 bytes, not characters, so GitHub accepts it", async () => {
    const japanese = Array.from(
      { length: 400 },
      (_, i) =>
        `  - id: item-${i}\n    title: 受け入れ基準をすべて満たしていること 🚀✅ 第${i}項目 ${"確認".repeat(20)}\n    owner: engineering\n    require: { files: ["docs/${i}/**"] }\n`,
    );
    const { probot, queue } = await loadDodApp();
    github
      .token()
      .graphql(
        pullRequestData({
          config: `owners: { engineering: [lead-bob] }\ncomment: never\ncriteria:\n${japanese.join("")}`,
          files: ["src/a.ts"],
        }),
      )
      .rest("POST", `${REPO}/check-runs`, 201, { id: 5 });

    await probot.receive(synchronize());
    await queue.idle();

    github.assertDone();
    const { output } = github.body("checks/create");
    expect(Buffer.byteLength(output.summary, "utf8")).toBeLessThanOrEqual(65_535);
    expect(Buffer.byteLength(output.summary, "utf8")).toBeGreaterThan(60_000);
    expect(output.summary).toMatch(/the summary is limited to 65,535 bytes/);
  });

  it("the double refuses as GitHub does: a summary over 65,535 bytes, over 50 annotations, a comment over 65,536 characters", () => {
    expect(limitRefusal("checks/create", { output: { summary: "あ".repeat(21_846) } })?.status).toBe(422);
    expect(limitRefusal("checks/create", { output: { summary: "あ".repeat(21_845) } })).toBeNull();
    expect(limitRefusal("checks/update", { output: { summary: "s", text: "😀".repeat(16_384) } })?.status).toBe(422);
    expect(limitRefusal("checks/update", { output: { summary: "s", annotations: Array(51).fill({}) } })?.status).toBe(
      422,
    );
    expect(limitRefusal("checks/update", { output: { summary: "s", annotations: Array(50).fill({}) } })).toBeNull();
    expect(limitRefusal("issues/create-comment", { body: "x".repeat(65_537) })?.body.errors).toEqual([
      expect.objectContaining({ field: "body", message: "body is too long (maximum is 65536 characters)" }),
    ]);
    expect(limitRefusal("issues/update", { body: "😀".repeat(30_000) })).toBeNull();
  });

  it("sends at most 50 annotations per request, the rest in updates of the same check run", async () => {
    // The pull request's own done.yml has 120 problems, each annotated on its line.
    const broken = manyCriteria(120, "\n    owner_typo: product");
    const { probot, queue } = await loadDodApp();
    github
      .token()
      .graphql(pullRequestData({ config: manyCriteria(1), headConfig: broken, files: [".github/done.yml"] }))
      .rest("POST", `${REPO}/check-runs`, 201, { id: 5 })
      .rest("PATCH", `${REPO}/check-runs/5`, 200, { id: 5 }, 2)
      .rest("POST", `${REPO}/issues/2/comments`, 201, { id: 6 });

    await probot.receive(synchronize());
    await queue.idle();

    github.assertDone();
    const writes = [...github.find("checks/create"), ...github.find("checks/update")].map(
      (r) => (r.body as any).output.annotations.length,
    );
    expect(writes).toEqual([50, 50, 20]);
  });

  // GitHub appends the annotations of each update to those already on the run, so they are sent once per run.
  describe("annotations on a check run that already exists", () => {
    const broken = manyCriteria(120, "\n    owner_typo: product");
    /** The pull request as GitHub shows it after the first evaluation: dod's run and its sticky comment. */
    let sticky = "";
    const data = (externalId: string) =>
      pullRequestData({
        config: manyCriteria(1),
        headConfig: broken,
        files: [".github/done.yml"],
        ownCheckRun: { id: 5, externalId },
        comments: [{ id: 6, author: "dod[bot]", bot: true, body: sticky }],
      });

    /** The first evaluation's writes, on a new run: its external id (and the sticky comment, kept for `data`). */
    async function firstWrite() {
      const { probot, queue } = await loadDodApp();
      github
        .token()
        .graphql(pullRequestData({ config: manyCriteria(1), headConfig: broken, files: [".github/done.yml"] }))
        .rest("POST", `${REPO}/check-runs`, 201, { id: 5 })
        .rest("PATCH", `${REPO}/check-runs/5`, 200, { id: 5 }, 2)
        .rest("POST", `${REPO}/issues/2/comments`, 201, { id: 6 });
      await probot.receive(synchronize());
      await queue.idle();
      github.assertDone();
      const externalId = github.body("checks/create").external_id as string;
      sticky = github.body("issues/create-comment").body;
      github = new GitHubMock();
      return externalId;
    }

    it("fingerprints the output and the annotations apart, 16 hex characters each", async () => {
      expect(await firstWrite()).toMatch(/^dod:[0-9a-f]{16}:[0-9a-f]{16}#2$/);
    });

    it("updates the run without sending its annotations again when only the rest of the output changed", async () => {
      const written = await firstWrite();
      const [, , annotations] = written.split(":");
      const { probot, queue } = await loadDodApp();
      github
        .token()
        .graphql(data(`dod:0123456789abcdef:${annotations}`))
        .rest("PATCH", `${REPO}/check-runs/5`, 200, { id: 5 });

      await probot.receive(synchronize());
      await queue.idle();

      github.assertDone();
      expect(github.calls()).toEqual(["POST /graphql", `PATCH ${REPO}/check-runs/5`]);
      const update = github.body("checks/update");
      expect(update.external_id).toBe(written);
      expect(update.output.annotations ?? []).toEqual([]);
      expect(update.output.title).toBeTruthy();
    });

    it("puts a changed set of annotations on a new run of the same name, so the old ones go with the old run", async () => {
      await firstWrite();
      const { probot, queue } = await loadDodApp();
      github
        .token()
        .graphql(data("dod:0123456789abcdef:fedcba9876543210"))
        .rest("POST", `${REPO}/check-runs`, 201, { id: 6 })
        .rest("PATCH", `${REPO}/check-runs/6`, 200, { id: 6 }, 2);

      await probot.receive(synchronize());
      await queue.idle();

      github.assertDone();
      expect(github.calls().filter((c) => c.includes("/check-runs/5"))).toEqual([]);
      expect(github.body("checks/create")).toMatchObject({ name: "Definition of Done", head_sha: HEAD_SHA });
      const writes = [...github.find("checks/create"), ...github.find("checks/update")].map(
        (r) => (r.body as any).output.annotations.length,
      );
      expect(writes).toEqual([50, 50, 20]);
    });

    it("writes nothing when neither the output nor the annotations changed", async () => {
      const written = await firstWrite();
      const { probot, queue } = await loadDodApp();
      github.token().graphql(data(written));

      await probot.receive(synchronize());
      await queue.idle();

      github.assertDone();
      expect(github.calls()).toEqual(["POST /graphql"]);
    });
  });

  it("evaluates a pull request with 3000 files, a 60,000-character description and an issue with 300 checklist items", async () => {
    const config = `owners: { product: [pm-alice], engineering: [lead-bob] }
criteria:
  - id: acceptance
    owner: product
    require: { linked_issue: { checklist: Acceptance criteria } }
  - id: tests
    owner: engineering
    require: { files: ["src/module2999/**"] }
  - id: rollout
    owner: joint
    require: { pr_body: { section: Rollout, checkbox: Feature flag off by default } }
`;
    const page = (from: number) => Array.from({ length: 100 }, (_, i) => `src/module${from + i}/file.ts`);
    const body = `${"Background paragraph. ".repeat(2700)}\n\n## Rollout\nBehind a flag.\n- [x] Feature flag off by default\n`;
    const checklist = Array.from({ length: 300 }, (_, i) => `- [${i === 299 ? " " : "x"}] Criterion ${i}`).join("\n");
    expect(body.length).toBeGreaterThan(59_000);
    const { probot, queue } = await loadDodApp();
    github.token().graphql(
      pullRequestData({
        config,
        body,
        files: Array.from({ length: 30 }, (_, p) => page(p * 100)).flat(),
        issues: [{ number: 7, body: `## Acceptance criteria\n${checklist}\n` }],
      }),
      30,
    );
    github.rest("POST", `${REPO}/check-runs`, 201, { id: 5 }).rest("POST", `${REPO}/issues/2/comments`, 201, { id: 6 });

    await probot.receive(synchronize());
    await queue.idle();

    github.assertDone();
    const check = github.body("checks/create");
    expect(check.output.title).toBe("2 of 3 done — missing: acceptance");
    expect(check.output.summary).toContain("src/module2999/file.ts");
    expect(check.output.summary).toMatch(/299 of 300|Criterion 299/);
  });
});
