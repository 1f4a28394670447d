// A template's boxes ticked and left as `TBD` or `N/A` are not evidence: driven through the real app with the example
// config, the check run says which box holds only a placeholder.
import { readFileSync } from "node:fs";
import nock from "nock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadApp } from "../helpers/app.js";
import { event, example } from "../helpers/events.js";
import { GitHubMock } from "../helpers/github.js";
import { readMarkdown } from "../helpers/markdown.js";
import { pullRequestData } from "../helpers/pull-request-data.js";

const config = readFileSync("docs/examples/done.yml", "utf8");
const REPO = "/repos/Codertocat/Hello-World";

describe("placeholders in checkboxes", () => {
  beforeEach(() => nock.disableNetConnect());
  afterEach(() => nock.cleanAll());

  it("a story whose acceptance criteria are a ticked `TBD` and a PR box ticked as `N/A` leave both items missing", async () => {
    const github = new GitHubMock();
    const { probot, queue } = await loadApp();
    github
      .token()
      .graphql(
        pullRequestData({
          config,
          labels: ["new-service"],
          files: ["src/billing/index.ts", "src/billing/index.test.ts", "docs/billing.md", "runbooks/billing.md"],
          body: "Closes #21\n\n## Checklist\n- [x] Metrics and alerting in place: N/A\n",
          issues: [
            { number: 21, title: "Billing", body: "## Story\nInvoices.\n\n## Acceptance criteria\n- [x] TBD\n" },
          ],
        }),
      )
      .rest("POST", `${REPO}/check-runs`, 201, { id: 5 })
      .rest("POST", `${REPO}/issues/2/comments`, 201, { id: 6 });
    await probot.receive(event("pull_request", example("pull_request", "synchronize")));
    await queue.idle();
    github.assertDone();

    const check = github.body("checks/create");
    expect(check.conclusion).toBe("failure");
    expect(check.output.title).toBe("3 of 5 done — missing: Acceptance criteria met, Metrics and alerting");
    const missing = (check.output.summary as string).split("\n").filter((line) => line.startsWith("- ❌"));
    expect(missing).toEqual([
      "- ❌ **Acceptance criteria met** (`acceptance-criteria`) — the “Acceptance criteria” checklist in #21 only holds the placeholder `TBD`",
      "- ❌ **Metrics and alerting** (`metrics-alerting`) — no file named `*alert*.{yml,yaml}` or in `alerts/`, `monitoring/` or `dashboards/` changed and “Metrics and alerting in place” is ticked but only says `N/A`",
    ]);
    const comment = github.body("issues/create-comment").body as string;
    expect(comment).toContain("only holds the placeholder `TBD`");
    expect(readMarkdown(comment).code).toContain("N/A");
  });
});
