// Items 5 and 6 of issue #15: dod's answers to `/dod` commands are bounded, collapsed and never carry text a
// commenter wrote; and they are courtesies, so a failed reaction or reply never costs the verdict.
import nock from "nock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadApp } from "../helpers/app.js";
import { event, example } from "../helpers/events.js";
import { GitHubMock } from "../helpers/github.js";
import { type PullRequestOptions, pullRequestData } from "../helpers/pull-request-data.js";

const REPO = "/repos/Codertocat/Hello-World";
const config = `owners:
  engineering: [lead-bob]
criteria:
  - id: runbook
    title: On-call runbook exists
    owner: engineering
    require: { files: ["runbooks/**"] }
`;
type CommentFixture = NonNullable<PullRequestOptions["comments"]>[number];

function commentEvent(action: "created" | "edited", comment: CommentFixture) {
  const payload = example("issue_comment", action);
  payload.issue.number = 2;
  payload.issue.pull_request = { url: "https://api.github.com/repos/Codertocat/Hello-World/pulls/2" };
  payload.comment.id = comment.id;
  payload.comment.body = comment.body;
  payload.comment.user.login = comment.author;
  payload.comment.user.type = "User";
  if (action === "edited") payload.changes = { body: { from: "/dod waive runbook earlier" } };
  return event("issue_comment", payload);
}

describe("answers to /dod commands", () => {
  let github: GitHubMock;
  beforeEach(() => {
    nock.disableNetConnect();
    github = new GitHubMock();
  });
  afterEach(() => nock.cleanAll());

  async function run(
    comment: CommentFixture,
    others: CommentFixture[],
    writes: (g: GitHubMock) => void,
    action: "created" | "edited" = "created",
  ) {
    const { probot, queue } = await loadApp();
    github.token().graphql(pullRequestData({ config, files: ["src/a.ts"], comments: [...others, comment] }));
    github.rest("POST", `${REPO}/check-runs`, 201, { id: 5 });
    writes(github);
    await probot.receive(commentEvent(action, comment) as any);
    await queue.idle();
    github.assertDone();
  }

  it("1,200 refused lines from a non-owner: one reply of bounded length, and the verdict is published", async () => {
    const comment = { id: 11, author: "eve", body: "/dod waive not-an-id x\n".repeat(1200) };
    await run(comment, [], (g) => g.rest("POST", `${REPO}/issues/2/comments`, 201, { id: 600 }, 2));
    const replies = github
      .find("issues/create-comment")
      .map((r) => (r.body as { body: string }).body)
      .filter((b) => b.startsWith("<!-- dod:reply"));
    expect(replies).toHaveLength(1);
    expect(replies[0]!.length).toBeLessThan(1000);
    expect(replies[0]).toContain(
      "`not-an-id` is not a criterion here; use `/dod waive <id>` with a criterion id: one of `runbook` (1200 times)",
    );
    expect(github.body("checks/create").conclusion).toBe("failure");
  });

  it("many different refusals: at most ten listed, the rest counted", async () => {
    const comment = {
      id: 11,
      author: "eve",
      body: Array.from({ length: 300 }, (_, i) => `/dod waive id-${i} x`).join("\n"),
    };
    await run(comment, [], (g) => g.rest("POST", `${REPO}/issues/2/comments`, 201, { id: 600 }, 2));
    const reply = github
      .find("issues/create-comment")
      .map((r) => (r.body as { body: string }).body)
      .find((b) => b.startsWith("<!-- dod:reply"))!;
    expect(reply.split("\n").filter((l) => l.startsWith("- "))).toHaveLength(11);
    expect(reply).toContain("- … and 290 more not accepted");
    expect(reply.length).toBeLessThan(2000);
  });

  it("never echoes an id that could mention, link or open an HTML comment", async () => {
    const comment = { id: 11, author: "eve", body: "/dod waive x`@acme/everyone`[a](https://e)`<!-- because" };
    await run(comment, [], (g) => g.rest("POST", `${REPO}/issues/2/comments`, 201, { id: 600 }, 2));
    const reply = github
      .find("issues/create-comment")
      .map((r) => (r.body as { body: string }).body)
      .find((b) => b.startsWith("<!-- dod:reply"))!;
    const text = reply.split("\n").slice(1).join("\n");
    expect(text).toBe(
      "@eve that command was not accepted:\n- that is not a criterion id here; use `/dod waive <id>` with a criterion id: one of `runbook`",
    );
  });

  it("an edit that changes the refusal edits dod's earlier reply instead of adding one", async () => {
    const earlier = {
      id: 700,
      author: "dod",
      bot: true,
      body: "<!-- dod:reply 11 0123456789ab -->\n@eve that command was not accepted:\n- old",
    };
    const comment = { id: 11, author: "eve", body: "/dod waive nope x" };
    await run(
      comment,
      [earlier],
      (g) =>
        g
          .rest("PATCH", `${REPO}/issues/comments/700`, 200, { id: 700 })
          .rest("POST", `${REPO}/issues/2/comments`, 201, { id: 600 }),
      "edited",
    );
    expect(github.find("issues/update-comment").map((r) => (r.body as { body: string }).body)).toEqual([
      expect.stringMatching(
        /^<!-- dod:reply 11 [0-9a-f]{12} -->\n@eve that command was not accepted:\n- `nope` is not a criterion here/,
      ),
    ]);
    expect(
      github
        .find("issues/create-comment")
        .map((r) => (r.body as { body: string }).body)
        .filter((b) => b.startsWith("<!-- dod:reply")),
    ).toEqual([]);
  });

  it("a 404 on the 👍 (comment deleted meanwhile) keeps the waiver and the verdict", async () => {
    const comment = { id: 11, author: "lead-bob", body: "/dod waive runbook written after the release" };
    await run(comment, [], (g) =>
      g.rest("POST", `${REPO}/issues/comments/11/reactions`, 404, { message: "Not Found" }),
    );
    const check = github.body("checks/create");
    expect(check.conclusion).toBe("success");
    expect(check.output.title).not.toMatch(/could not evaluate/i);
  });

  it("a 403 on a refusal reply (locked conversation) keeps the verdict", async () => {
    const comment = { id: 11, author: "eve", body: "/dod waive runbook please" };
    await run(comment, [], (g) =>
      g
        .rest("POST", `${REPO}/issues/2/comments`, 403, {
          message: "Unable to create comment because issue is locked.",
        })
        .rest("POST", `${REPO}/issues/2/comments`, 201, { id: 600 }),
    );
    const check = github.body("checks/create");
    expect(check.conclusion).toBe("failure");
    expect(check.output.title).not.toMatch(/could not evaluate/i);
  });
});
