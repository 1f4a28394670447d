// Logs are pino JSON an operator can follow per pull request, and never carry a secret: not the private key, not
// the webhook secret, not an installation token — at the most verbose level Probot logs at ("debug").
import { Writable } from "node:stream";
import nock from "nock";
import { pino } from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadDodApp } from "../helpers/dod-app.js";
import { privateKey } from "../helpers/app.js";
import { event, example } from "../helpers/events.js";
import { GitHubMock } from "../helpers/github.js";
import { HEAD_SHA, pullRequestData } from "../helpers/pull-request-data.js";

const REPO = "/repos/Codertocat/Hello-World";
const SECRET = "webhook-secret-that-must-not-leak";
const TOKEN = "ghs_installation_token_that_must_not_leak";
const config =
  "owners: { engineering: [lead-bob] }\ncriteria:\n  - id: docs\n    owner: engineering\n    require: { files: [docs/**] }\n";

describe("logs", () => {
  beforeEach(() => nock.disableNetConnect());
  afterEach(() => nock.cleanAll());

  it("are JSON lines naming the deliveries, repository and pull request, without any secret", async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write: (chunk, _enc, done) => {
        lines.push(...String(chunk).split("\n").filter(Boolean));
        done();
      },
    });
    const { probot, queue } = await loadDodApp({ log: pino({ level: "debug" }, stream), secret: SECRET });
    const github = new GitHubMock();
    github.scope
      .post("/app/installations/1/access_tokens")
      .reply(201, { token: TOKEN, expires_at: "2099-01-01T00:00:00Z" });
    github
      .graphql(pullRequestData({ config, files: ["src/a.ts"] }))
      .rest("POST", `${REPO}/check-runs`, 502, { message: "Bad Gateway" })
      // The lost create is looked for before it is sent again (test/hostile/lost-replies.test.ts).
      .rest(
        "GET",
        `${REPO}/commits/${HEAD_SHA}/check-runs?check_name=Definition%20of%20Done&filter=all&app_id=1`,
        200,
        {
          total_count: 0,
          check_runs: [],
        },
      )
      .rest("POST", `${REPO}/check-runs`, 201, { id: 5 })
      .rest("POST", `${REPO}/issues/2/comments`, 201, { id: 6 });

    await probot.receive(event("pull_request", example("pull_request", "synchronize")));
    await queue.idle();
    github.assertDone();

    const records = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const text = lines.join("\n");
    const keyBody = privateKey.split("\n").filter((l) => l && !l.startsWith("-----"));
    for (const piece of [SECRET, TOKEN, ...keyBody]) expect(text).not.toContain(piece);
    expect(text).not.toMatch(/"authorization"|Bearer |token ghs_/i);

    // The evaluation's own lines and the GitHub requests it made (Probot's "GitHub request:" lines).
    const evaluation = records.filter((r) => r.name === "github" || r.msg === "definition of done evaluated");
    expect(evaluation.filter((r) => String(r.msg).startsWith("GitHub request: POST"))).not.toHaveLength(0);
    expect(evaluation.some((r) => r.msg === "definition of done evaluated")).toBe(true);
    for (const record of evaluation) {
      expect(record).toMatchObject({ repo: "Codertocat/Hello-World", number: 2, deliveryIds: [expect.any(String)] });
    }
  });
});
