// Waivers through the real app: commands are answered once, and the verdict is replayed from the comments.
import nock from "nock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadApp } from "../helpers/app.js";
import { event, example } from "../helpers/events.js";
import { GitHubMock } from "../helpers/github.js";
import { type PullRequestOptions, pullRequestData } from "../helpers/pull-request-data.js";

const REPO = "/repos/Codertocat/Hello-World";
const config = `owners:
  product: [pm-alice, "@acme/product"]
  engineering: [lead-bob]
criteria:
  - id: acceptance-criteria
    title: Acceptance criteria met
    owner: product
    require: { linked_issue: { checklist: Acceptance criteria } }
  - id: runbook
    title: On-call runbook exists
    owner: engineering
    require: { files: ["runbooks/**"] }
  - id: feature-flag
    title: Feature flag if risky
    owner: joint
    require: { label: behind-flag }
  - id: security-review
    title: Security review
    owner: engineering
    waivable: false
    require: { label: security-reviewed }
`;
type CommentFixture = NonNullable<PullRequestOptions["comments"]>[number];

function commentEvent(action: "created" | "edited" | "deleted", comment: CommentFixture, before?: string) {
  const payload = example("issue_comment", action);
  payload.issue.number = 2;
  payload.issue.pull_request = { url: "https://api.github.com/repos/Codertocat/Hello-World/pulls/2" };
  payload.comment.id = comment.id;
  payload.comment.body = comment.body;
  payload.comment.user.login = comment.author;
  payload.comment.user.type = comment.bot ? "Bot" : "User";
  if (action === "edited") payload.changes = { body: { from: before ?? "" } };
  return event("issue_comment", payload);
}

const teamReply = {
  t0: { team: { members: { pageInfo: { hasNextPage: false, endCursor: null }, nodes: [{ login: "pm-carol" }] } } },
};

describe("waivers", () => {
  let github: GitHubMock;
  beforeEach(() => {
    nock.disableNetConnect();
    github = new GitHubMock();
  });
  afterEach(() => nock.cleanAll());

  /**
   * Runs one comment event against a pull request with these comments and returns what was written. Team members
   * are read only while some comment holds a waive or unwaive command (`teams: false` when none does).
   */
  async function run(
    evt: unknown,
    comments: CommentFixture[],
    extra: (g: GitHubMock) => void = () => undefined,
    teams = true,
  ) {
    const { probot, queue } = await loadApp();
    github.token().graphql(pullRequestData({ config, files: ["src/a.ts"], comments }));
    if (teams) github.graphql(teamReply);
    github.rest("POST", `${REPO}/check-runs`, 201, { id: 5 });
    extra(github);
    await probot.receive(evt as any);
    await queue.idle();
    github.assertDone();
    return github.body("checks/create");
  }

  const items = (check: any) =>
    JSON.parse(/<!-- dod:report (.*) -->/.exec(check.output.summary)![1]!.replace(/\\u002d/g, "-")).items;
  const status = (check: any, id: string) => items(check).find((i: any) => i.id === id).status;

  it("accepts a product owner's waiver of a product item: 👍, and the item counts as done", async () => {
    const comment = { id: 11, author: "pm-alice", body: "/dod waive acceptance-criteria hotfix for the outage" };
    const check = await run(commentEvent("created", comment), [comment], (g) =>
      g
        .rest("POST", `${REPO}/issues/comments/11/reactions`, 201, { id: 1, content: "+1" })
        .rest("POST", `${REPO}/issues/2/comments`, 201, { id: 600 }),
    );
    expect(github.body("reactions/create-for-issue-comment")).toEqual({ content: "+1" });
    expect(status(check, "acceptance-criteria")).toBe("waived");
    expect(check.output.summary).toMatch(
      /Waived[\s\S]*Acceptance criteria met[\s\S]*@pm-alice[\s\S]*hotfix for the outage/,
    );
    const sticky = github.body("issues/create-comment", 0).body as string;
    expect(sticky).toContain("hotfix for the outage");
  });

  it("accepts a waiver from a member of an owning team", async () => {
    const comment = {
      id: 12,
      author: "pm-carol",
      body: "/DOD   Waive   acceptance-criteria   agreed with the customer",
    };
    const check = await run(commentEvent("created", comment), [comment], (g) =>
      g
        .rest("POST", `${REPO}/issues/comments/12/reactions`, 201, {})
        .rest("POST", `${REPO}/issues/2/comments`, 201, { id: 600 }),
    );
    expect(status(check, "acceptance-criteria")).toBe("waived");
  });

  it.each([
    [
      "someone without authority",
      "lead-bob",
      "/dod waive acceptance-criteria trust me",
      "only a product owner (`@pm-alice`, `@acme/product`) may waive `acceptance-criteria`",
    ],
    ["a waiver without a reason", "pm-alice", "/dod waive acceptance-criteria", "a waiver needs a reason"],
    ["an unknown id", "pm-alice", "/dod waive acceptence quick fix", "`acceptence` is not a criterion here"],
    [
      "an item that can't be waived",
      "lead-bob",
      "/dod waive security-review later",
      "`security-review` can't be waived",
    ],
  ])("refuses %s with one short reply and leaves the item missing", async (_what, author, body, reply) => {
    const comment = { id: 13, author, body };
    const check = await run(commentEvent("created", comment), [comment], (g) =>
      g
        .rest("POST", `${REPO}/issues/2/comments`, 201, { id: 601 })
        .rest("POST", `${REPO}/issues/2/comments`, 201, { id: 602 }),
    );
    const replies = github.find("issues/create-comment").map((r) => (r.body as any).body as string);
    const refusal = replies.find((text) => text.includes("not accepted"))!;
    expect(refusal).toContain(`@${author}`);
    expect(refusal).toContain(reply);
    expect(github.find("reactions/create-for-issue-comment")).toHaveLength(0);
    expect(items(check).filter((i: any) => i.status === "waived")).toEqual([]);
  });

  it("lists the valid ids when the id is unknown", async () => {
    const comment = { id: 14, author: "pm-alice", body: "/dod waive nope because" };
    await run(commentEvent("created", comment), [comment], (g) =>
      g
        .rest("POST", `${REPO}/issues/2/comments`, 201, { id: 601 })
        .rest("POST", `${REPO}/issues/2/comments`, 201, { id: 602 }),
    );
    const refusal = github
      .find("issues/create-comment")
      .map((r) => (r.body as any).body as string)
      .find((t) => t.includes("not accepted"))!;
    expect(refusal).toContain("`acceptance-criteria`, `runbook`, `feature-flag`");
  });

  it("waives a joint item only once a product owner and an engineering owner have both waived it", async () => {
    const product = { id: 21, author: "pm-alice", body: "/dod waive feature-flag internal tool" };
    const half = await run(commentEvent("created", product), [product], (g) =>
      g
        .rest("POST", `${REPO}/issues/comments/21/reactions`, 201, {})
        .rest("POST", `${REPO}/issues/2/comments`, 201, { id: 600 }),
    );
    expect(status(half, "feature-flag")).toBe("missing");

    github = new GitHubMock();
    const engineering = { id: 22, author: "lead-bob", body: "/dod waive feature-flag no rollout needed" };
    const both = await run(commentEvent("created", engineering), [product, engineering], (g) =>
      g
        .rest("POST", `${REPO}/issues/comments/22/reactions`, 201, {})
        .rest("POST", `${REPO}/issues/2/comments`, 201, { id: 600 }),
    );
    expect(status(both, "feature-flag")).toBe("waived");
    expect(both.output.summary).toContain("`@pm-alice`, `@lead-bob`");
  });

  /** The waiver in force first: what an edit or a deletion undoes. */
  async function waived() {
    const waiver = { id: 11, author: "pm-alice", body: "/dod waive acceptance-criteria hotfix" };
    const check = await run(commentEvent("created", waiver), [waiver], (g) =>
      g
        .rest("POST", `${REPO}/issues/comments/11/reactions`, 201, {})
        .rest("POST", `${REPO}/issues/2/comments`, 201, { id: 600 }),
    );
    expect(status(check, "acceptance-criteria")).toBe("waived");
    github = new GitHubMock();
    return waiver;
  }

  it("editing the command away undoes the waiver (and is not answered again)", async () => {
    const waiver = await waived();
    const edited = { ...waiver, body: "never mind" };
    const check = await run(
      commentEvent("edited", edited, waiver.body),
      [edited],
      (g) => g.rest("POST", `${REPO}/issues/2/comments`, 201, { id: 600 }),
      false,
    );
    expect(status(check, "acceptance-criteria")).toBe("missing");
    expect(github.find("reactions/create-for-issue-comment")).toHaveLength(0);
  });

  it("deleting the comment undoes the waiver", async () => {
    const waiver = await waived();
    const check = await run(
      commentEvent("deleted", waiver),
      [],
      (g) => g.rest("POST", `${REPO}/issues/2/comments`, 201, { id: 600 }),
      false,
    );
    expect(status(check, "acceptance-criteria")).toBe("missing");
  });

  it("ignores quoted commands, commands in code blocks and commands by bots", async () => {
    const trigger = { id: 30, author: "lead-bob", body: "/dod check" };
    const quoted = { id: 31, author: "pm-alice", body: "> /dod waive acceptance-criteria quoted" };
    const fenced = { id: 32, author: "pm-alice", body: "```\n/dod waive acceptance-criteria in code\n```" };
    // An owner's login on a bot's comment: only the bot rule can refuse it.
    const bot = { id: 33, author: "pm-alice", bot: true, body: "/dod waive acceptance-criteria by a bot" };
    const check = await run(
      commentEvent("created", trigger),
      [quoted, fenced, bot, trigger],
      (g) =>
        g
          .rest("POST", `${REPO}/issues/comments/30/reactions`, 201, {})
          .rest("POST", `${REPO}/issues/2/comments`, 201, { id: 600 }),
      false,
    );
    expect(status(check, "acceptance-criteria")).toBe("missing");
  });

  it("an unwaive by an owner takes the waiver back", async () => {
    const waive = { id: 41, author: "lead-bob", body: "/dod waive runbook hotfix" };
    const unwaive = { id: 42, author: "lead-bob", body: "/dod unwaive runbook" };
    const check = await run(commentEvent("created", unwaive), [waive, unwaive], (g) =>
      g
        .rest("POST", `${REPO}/issues/comments/42/reactions`, 201, {})
        .rest("POST", `${REPO}/issues/2/comments`, 201, { id: 600 }),
    );
    expect(status(check, "runbook")).toBe("missing");
  });

  it("does not count a command that someone other than its author put into the comment", async () => {
    const forged = {
      id: 51,
      author: "pm-alice",
      editor: "dev-dana",
      body: "LGTM\n/dod waive acceptance-criteria shipping anyway",
    };
    const check = await run(commentEvent("edited", forged, "LGTM"), [forged], (g) =>
      g
        .rest("POST", `${REPO}/issues/2/comments`, 201, { id: 601 })
        .rest("POST", `${REPO}/issues/2/comments`, 201, { id: 602 }),
    );
    expect(status(check, "acceptance-criteria")).toBe("missing");
    expect(github.find("reactions/create-for-issue-comment")).toHaveLength(0);
    const refusal = github
      .find("issues/create-comment")
      .map((r) => (r.body as any).body as string)
      .find((t) => t.includes("not accepted"))!;
    expect(refusal).toContain("@dev-dana edited this comment, so its commands count for nobody");
  });

  it("answers a refused command once, however often the comment is evaluated again", async () => {
    const comment = { id: 61, author: "lead-bob", body: "/dod waive acceptance-criteria trust me" };
    await run(commentEvent("created", comment), [comment], (g) =>
      g
        .rest("POST", `${REPO}/issues/2/comments`, 201, { id: 601 })
        .rest("POST", `${REPO}/issues/2/comments`, 201, { id: 602 }),
    );
    const reply = github
      .find("issues/create-comment")
      .map((r) => (r.body as any).body as string)
      .find((t) => t.includes("not accepted"))!;
    const sticky = github
      .find("issues/create-comment")
      .map((r) => (r.body as any).body as string)
      .find((t) => !t.includes("not accepted"))!;

    github = new GitHubMock();
    const { probot, queue } = await loadApp();
    github
      .token()
      .graphql(
        pullRequestData({
          config,
          files: ["src/a.ts"],
          comments: [
            comment,
            { id: 601, author: "dod-app[bot]", bot: true, body: reply },
            { id: 602, author: "dod-app[bot]", bot: true, body: sticky },
          ],
        }),
      )
      .graphql(teamReply)
      .rest("POST", `${REPO}/check-runs`, 201, { id: 5 });
    await probot.receive(commentEvent("edited", comment, comment.body));
    await queue.idle();
    github.assertDone();
    expect(github.find("issues/create-comment")).toHaveLength(0);
  });
});
