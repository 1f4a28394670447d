// Item 12 of issue #15: a comment is dod's own only when dod wrote it (GitHub's `viewerDidAuthor` for the token dod
// reads with), not whenever a bot wrote it. Another app's bot copying dod's marker must not have its comment edited
// as dod's sticky comment, nor silence dod's replies and mentions.
import nock from "nock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { COMMENT_MARKER } from "../../src/model/names.js";
import { loadDodApp } from "../helpers/dod-app.js";
import { event, example } from "../helpers/events.js";
import { GitHubMock } from "../helpers/github.js";
import { pullRequestData } from "../helpers/pull-request-data.js";

const REPO = "/repos/Codertocat/Hello-World";
const config =
  "owners: { engineering: [lead-bob] }\ncriteria:\n  - id: docs\n    owner: engineering\n    require: { files: [docs/**] }\n";

describe("another bot's comment that starts with dod's marker", () => {
  let github: GitHubMock;
  beforeEach(() => {
    nock.disableNetConnect();
    github = new GitHubMock();
  });
  afterEach(() => nock.cleanAll());

  const evaluate = async (comments: NonNullable<Parameters<typeof pullRequestData>[0]>["comments"]) => {
    github.token().graphql(pullRequestData({ config, files: ["src/a.ts"], comments }));
    const { probot, queue } = await loadDodApp();
    await probot.receive(event("pull_request", example("pull_request", "synchronize")));
    await queue.idle();
    github.assertDone();
  };

  it("is not taken for dod's sticky comment: dod writes its own", async () => {
    github
      .rest("POST", `${REPO}/check-runs`, 201, { id: 42 })
      .rest("POST", `${REPO}/issues/2/comments`, 201, { id: 43 });
    await evaluate([{ id: 500, author: "copycat", bot: true, mine: false, body: `${COMMENT_MARKER}\nAll done!` }]);
    expect(github.calls()).toEqual(["POST /graphql", `POST ${REPO}/check-runs`, `POST ${REPO}/issues/2/comments`]);
    expect(github.body("issues/create-comment").body).toContain("docs");
  });

  it("leaves dod's own comment the one it edits", async () => {
    github.rest("POST", `${REPO}/check-runs`, 201, { id: 42 }).rest("PATCH", `${REPO}/issues/comments/501`, 200, {});
    await evaluate([
      { id: 500, author: "copycat", bot: true, mine: false, body: `${COMMENT_MARKER}\nAll done!` },
      { id: 501, author: "dod-app", bot: true, body: `${COMMENT_MARKER}\nstale` },
    ]);
    expect(github.calls()).toEqual(["POST /graphql", `POST ${REPO}/check-runs`, `PATCH ${REPO}/issues/comments/501`]);
  });
});
