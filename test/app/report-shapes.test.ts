// The comment and the check run for the example config (docs/examples/done.yml), pinned for the pull requests a
// team sees every week, each driven through the real app and read back as GitHub renders it.
import { readFileSync } from "node:fs";
import nock from "nock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadApp } from "../helpers/app.js";
import { event, example } from "../helpers/events.js";
import { GitHubMock } from "../helpers/github.js";
import { DOD_HTML, readMarkdown } from "../helpers/markdown.js";
import { type PullRequestOptions, pullRequestData } from "../helpers/pull-request-data.js";

const config = readFileSync("docs/examples/done.yml", "utf8");
const REPO = "/repos/Codertocat/Hello-World";
const ISSUES = "https://github.com/Codertocat/Hello-World/issues";
const story = (ticked: number, open: string[]) =>
  `## Story\nAs a shopper…\n\n## Acceptance criteria\n${Array.from({ length: ticked }, (_, i) => `- [x] Done ${i + 1}`).join("\n")}\n${open.map((o) => `- [ ] ${o}`).join("\n")}\n`;

interface Shape {
  pr: PullRequestOptions;
  /** Added lines, when a criterion that applies reads the diff. */
  patches?: Record<string, string>;
  /** Issues the description closes that GitHub did not link (a PR into another branch than the default). */
  textIssues?: Record<string, unknown>;
}

async function run({ pr, patches, textIssues }: Shape) {
  const github = new GitHubMock();
  const { probot, queue } = await loadApp();
  github.token().graphql(pullRequestData({ config, ...pr }));
  if (textIssues) github.graphql(textIssues);
  if (patches) {
    github.rest(
      "GET",
      `${REPO}/pulls/2/files?per_page=100`,
      200,
      Object.entries(patches).map(([filename, patch]) => ({
        filename,
        status: "modified",
        additions: 1,
        deletions: 0,
        changes: 1,
        patch,
      })),
    );
  }
  github
    .rest("POST", `${REPO}/check-runs`, 201, { id: 5 })
    .rest("POST", `${REPO}/issues/2/comments`, 201, { id: 6 }, 1);
  await probot.receive(event("pull_request", example("pull_request", "synchronize")));
  await queue.idle();
  const check = github.body("checks/create");
  const comments = github.find("issues/create-comment");
  const summary: string = check.output.summary.replace(/\n\n<!-- dod:report [\s\S]*$/, "");
  const comment: string | null = comments[0] ? (comments[0].body as { body: string }).body : null;
  for (const markdown of [summary, comment ?? ""]) {
    const read = readMarkdown(markdown);
    expect(read.html.filter((tag) => !DOD_HTML.test(tag))).toEqual([]);
    expect(read.mentions).toEqual([]);
    expect(read.autolinks).toEqual([]);
    for (const href of read.links) expect(href).toMatch(/^https:\/\/(github\.com|ci\.example)\//);
    for (const e of read.emphasis) expect(e).toMatch(/^strong: /);
  }
  return { title: check.output.title as string, conclusion: check.conclusion as string, summary, comment };
}

describe("reports for the example config", () => {
  beforeEach(() => nock.disableNetConnect());
  afterEach(() => nock.cleanAll());

  it("code without tests", async () => {
    const shape = await run({ pr: { files: ["src/login.ts"], body: "Adds login." } });
    expect(shape).toMatchInlineSnapshot(`
      {
        "comment": "<!-- dod:definition-of-done -->
      ## Definition of Done: 0 of 2 done

      **Product** · decided by \`@acme/product\` or \`@pm-alice\`
      - ❌ **Acceptance criteria met** (\`acceptance-criteria\`) — the pull request links no issue
        - How: Link the issue this PR closes ("Closes #123") and tick every box under its "Acceptance criteria" heading.

      **Engineering** · decided by \`@acme/eng-leads\` or \`@lead-bob\`
      - ❌ **Unit tests** (\`unit-tests\`) — no file named \`*.test.*\` or \`*.spec.*\` or in \`test/\`, \`tests/\` or \`__tests__/\` changed
        - Applies because \`src/login.ts\` changed (it matches \`src/**\`)
        - How: Add or update tests next to the code you changed (\`*.test.*\`, \`*.spec.*\`, \`test/\`, \`tests/\`, \`__tests__/\`).

      <sub>Owners can waive an item with \`/dod waive <id> <reason>\`; \`/dod check\` checks again.</sub>",
        "conclusion": "failure",
        "summary": "❌ 0 of 2 done · **2 missing** — this check fails until every item is met or waived.

      ### Product · decided by \`@acme/product\` or \`@pm-alice\`
      - ❌ **Acceptance criteria met** (\`acceptance-criteria\`) — the pull request links no issue
        - How: Link the issue this PR closes ("Closes #123") and tick every box under its "Acceptance criteria" heading.

      ### Engineering · decided by \`@acme/eng-leads\` or \`@lead-bob\`
      - ❌ **Unit tests** (\`unit-tests\`) — no file named \`*.test.*\` or \`*.spec.*\` or in \`test/\`, \`tests/\` or \`__tests__/\` changed
        - Applies because \`src/login.ts\` changed (it matches \`src/**\`)
        - How: Add or update tests next to the code you changed (\`*.test.*\`, \`*.spec.*\`, \`test/\`, \`tests/\`, \`__tests__/\`).

      <details><summary>6 items not applicable to this pull request</summary>

      - Integration tests for API changes (Engineering) — no file named \`openapi*.{yml,yaml,json}\`, \`*.proto\` or \`*.graphql\` or in \`api/\` changed
      - Metrics and alerting (Engineering) — the pull request has none of the labels \`new-service\` or \`feature\` and no file matching \`src/**/handlers/**\` changed
      - Documentation updated (Engineering) — no file named \`openapi*.{yml,yaml,json}\`, \`*.proto\` or \`*.graphql\`, or in \`api/\` or \`bin/\`, or matching \`src/**/index.*\` or \`src/**/public/**\` changed
      - Runbook (Engineering) — the pull request has no label \`new-service\` and no file in \`deploy/\`, \`infra/\` or \`charts/\` changed
      - Performance checked (Engineering) — the pull request has no label \`perf\` and no file matching \`src/**/hot/**\` or \`src/**/perf/**\` changed
      - Behind a feature flag (Joint) — the pull request has no label \`risky\`

      </details>",
        "title": "0 of 2 done — missing: Acceptance criteria met, Unit tests",
      }
    `);
  });

  it("an API change, its story linked and done", async () => {
    const shape = await run({
      pr: {
        files: ["api/openapi.yaml", "src/api/users.ts", "src/api/users.test.ts"],
        issues: [{ number: 12, title: "Users API", body: story(2, []) }],
      },
    });
    expect(shape).toMatchInlineSnapshot(`
      {
        "comment": "<!-- dod:definition-of-done -->
      ## Definition of Done: 2 of 4 done

      **Engineering** · decided by \`@acme/eng-leads\` or \`@lead-bob\`
      - ❌ **Integration tests for API changes** (\`integration-tests\`) — no file named \`*.integration.test.*\` or in \`test/integration/\`, \`tests/integration/\` or \`e2e/\` changed
        - Applies because \`api/openapi.yaml\` changed (it matches \`**/openapi*.{yml,yaml,json}\`)
        - How: The API contract changed: add or update an integration or end-to-end test that exercises it.
      - ❌ **Documentation updated** (\`docs\`) — no file named \`README*\` or in \`docs/\` (other than \`runbooks/**\` or \`docs/runbooks/**\`) changed and the pull request has no label \`no-docs-needed\`
        - Applies because \`api/openapi.yaml\` changed (it matches \`api/**\`)
        - How: The public surface changed: update \`docs/\` or a README, or add the \`no-docs-needed\` label.

      ✅ 2 items are met; the **Definition of Done** check lists the evidence.

      <sub>Owners can waive an item with \`/dod waive <id> <reason>\`; \`/dod check\` checks again.</sub>",
        "conclusion": "failure",
        "summary": "❌ 2 of 4 done · **2 missing** — this check fails until every item is met or waived.

      ### Product · decided by \`@acme/product\` or \`@pm-alice\`
      - ✅ Acceptance criteria met — [#12 Users API](https://github.com/Codertocat/Hello-World/issues/12)

      ### Engineering · decided by \`@acme/eng-leads\` or \`@lead-bob\`
      - ❌ **Integration tests for API changes** (\`integration-tests\`) — no file named \`*.integration.test.*\` or in \`test/integration/\`, \`tests/integration/\` or \`e2e/\` changed
        - Applies because \`api/openapi.yaml\` changed (it matches \`**/openapi*.{yml,yaml,json}\`)
        - How: The API contract changed: add or update an integration or end-to-end test that exercises it.
      - ❌ **Documentation updated** (\`docs\`) — no file named \`README*\` or in \`docs/\` (other than \`runbooks/**\` or \`docs/runbooks/**\`) changed and the pull request has no label \`no-docs-needed\`
        - Applies because \`api/openapi.yaml\` changed (it matches \`api/**\`)
        - How: The public surface changed: update \`docs/\` or a README, or add the \`no-docs-needed\` label.
      - ✅ Unit tests — src/api/users.test.ts

      <details><summary>4 items not applicable to this pull request</summary>

      - Metrics and alerting (Engineering) — the pull request has none of the labels \`new-service\` or \`feature\` and no file matching \`src/**/handlers/**\` changed
      - Runbook (Engineering) — the pull request has no label \`new-service\` and no file in \`deploy/\`, \`infra/\` or \`charts/\` changed
      - Performance checked (Engineering) — the pull request has no label \`perf\` and no file matching \`src/**/hot/**\` or \`src/**/perf/**\` changed
      - Behind a feature flag (Joint) — the pull request has no label \`risky\`

      </details>",
        "title": "2 of 4 done — missing: Integration tests for API changes, Documentation updated",
      }
    `);
  });

  it("a new service, most acceptance criteria still open", async () => {
    const shape = await run({
      pr: {
        labels: ["new-service"],
        files: ["src/billing/index.ts", "src/billing/index.test.ts", "deploy/billing.yaml"],
        issues: [
          {
            number: 21,
            title: "Billing service",
            body: story(1, [
              "Invoices are numbered",
              "Failed payments retry",
              "Refunds",
              "Receipts by mail",
              "Tax per country",
              "Currency rounding",
              "Audit log",
            ]),
          },
        ],
      },
    });
    expect(shape).toMatchInlineSnapshot(`
      {
        "comment": "<!-- dod:definition-of-done -->
      ## Definition of Done: 1 of 5 done

      **Product** · decided by \`@acme/product\` or \`@pm-alice\`
      - ❌ **Acceptance criteria met** (\`acceptance-criteria\`) — #21: 7 of 8 acceptance criteria unticked
        - Still open: [Invoices are numbered](https://github.com/Codertocat/Hello-World/issues/21), [Failed payments retry](https://github.com/Codertocat/Hello-World/issues/21), [Refunds](https://github.com/Codertocat/Hello-World/issues/21), [Receipts by mail](https://github.com/Codertocat/Hello-World/issues/21), [Tax per country](https://github.com/Codertocat/Hello-World/issues/21), and 2 more
        - How: Link the issue this PR closes ("Closes #123") and tick every box under its "Acceptance criteria" heading.

      **Engineering** · decided by \`@acme/eng-leads\` or \`@lead-bob\`
      - ❌ **Metrics and alerting** (\`metrics-alerting\`) — no file named \`*alert*.{yml,yaml}\` or in \`alerts/\`, \`monitoring/\` or \`dashboards/\` changed and the description has no “Metrics and alerting in place” checkbox
        - Applies because of the label \`new-service\`
        - How: Add the alerts or dashboards that show this works in production, or tick "Metrics and alerting in place" in the PR description.
      - ❌ **Documentation updated** (\`docs\`) — no file named \`README*\` or in \`docs/\` (other than \`runbooks/**\` or \`docs/runbooks/**\`) changed and the pull request has no label \`no-docs-needed\`
        - Applies because \`src/billing/index.ts\` and 1 more file changed (they match \`src/**/index.*\`)
        - How: The public surface changed: update \`docs/\` or a README, or add the \`no-docs-needed\` label.
      - ❌ **Runbook** (\`runbook\`) — no file in \`runbooks/\` or \`docs/runbooks/\` changed
        - Applies because of the label \`new-service\`
        - How: Deployment changed: add or update the runbook in \`runbooks/\` or \`docs/runbooks/\` so on-call knows how to operate it.

      ✅ 1 item is met; the **Definition of Done** check lists the evidence.

      <sub>Owners can waive an item with \`/dod waive <id> <reason>\`; \`/dod check\` checks again.</sub>",
        "conclusion": "failure",
        "summary": "❌ 1 of 5 done · **4 missing** — this check fails until every item is met or waived.

      ### Product · decided by \`@acme/product\` or \`@pm-alice\`
      - ❌ **Acceptance criteria met** (\`acceptance-criteria\`) — #21: 7 of 8 acceptance criteria unticked
        - Still open: [Invoices are numbered](https://github.com/Codertocat/Hello-World/issues/21), [Failed payments retry](https://github.com/Codertocat/Hello-World/issues/21), [Refunds](https://github.com/Codertocat/Hello-World/issues/21), [Receipts by mail](https://github.com/Codertocat/Hello-World/issues/21), [Tax per country](https://github.com/Codertocat/Hello-World/issues/21), and 2 more
        - How: Link the issue this PR closes ("Closes #123") and tick every box under its "Acceptance criteria" heading.

      ### Engineering · decided by \`@acme/eng-leads\` or \`@lead-bob\`
      - ❌ **Metrics and alerting** (\`metrics-alerting\`) — no file named \`*alert*.{yml,yaml}\` or in \`alerts/\`, \`monitoring/\` or \`dashboards/\` changed and the description has no “Metrics and alerting in place” checkbox
        - Applies because of the label \`new-service\`
        - How: Add the alerts or dashboards that show this works in production, or tick "Metrics and alerting in place" in the PR description.
      - ❌ **Documentation updated** (\`docs\`) — no file named \`README*\` or in \`docs/\` (other than \`runbooks/**\` or \`docs/runbooks/**\`) changed and the pull request has no label \`no-docs-needed\`
        - Applies because \`src/billing/index.ts\` and 1 more file changed (they match \`src/**/index.*\`)
        - How: The public surface changed: update \`docs/\` or a README, or add the \`no-docs-needed\` label.
      - ❌ **Runbook** (\`runbook\`) — no file in \`runbooks/\` or \`docs/runbooks/\` changed
        - Applies because of the label \`new-service\`
        - How: Deployment changed: add or update the runbook in \`runbooks/\` or \`docs/runbooks/\` so on-call knows how to operate it.
      - ✅ Unit tests — src/billing/index.test.ts

      <details><summary>3 items not applicable to this pull request</summary>

      - Integration tests for API changes (Engineering) — no file named \`openapi*.{yml,yaml,json}\`, \`*.proto\` or \`*.graphql\` or in \`api/\` changed
      - Performance checked (Engineering) — the pull request has no label \`perf\` and no file matching \`src/**/hot/**\` or \`src/**/perf/**\` changed
      - Behind a feature flag (Joint) — the pull request has no label \`risky\`

      </details>",
        "title": "1 of 5 done — missing: Acceptance criteria met, Metrics and alerting, Documentation updated +1 more",
      }
    `);
  });

  it("a risky change without a flag", async () => {
    const shape = await run({
      pr: { labels: ["risky"], files: ["src/pay.ts", "src/pay.test.ts"], issues: [{ number: 3, body: story(1, []) }] },
      patches: {
        "src/pay.ts": "@@ -1 +1,2 @@\n const a = 1;\n+pay();",
        "src/pay.test.ts": "@@ -0,0 +1 @@\n+it('pays')",
      },
    });
    expect(shape).toMatchInlineSnapshot(`
      {
        "comment": "<!-- dod:definition-of-done -->
      ## Definition of Done: 2 of 3 done

      **Joint** · decided by a product owner and an engineering owner together
      - ❌ **Behind a feature flag** (\`feature-flag\`) — no added line contains \`featureFlag(\` and the pull request has no label \`behind-flag\`
        - Applies because of the label \`risky\`
        - How: Risky change: guard it with \`featureFlag(…)\`, or add the \`behind-flag\` label once it is flagged elsewhere.

      ✅ 2 items are met; the **Definition of Done** check lists the evidence.

      <sub>Owners can waive an item with \`/dod waive <id> <reason>\`; \`/dod check\` checks again.</sub>",
        "conclusion": "failure",
        "summary": "❌ 2 of 3 done · **1 missing** — this check fails until every item is met or waived.

      ### Product · decided by \`@acme/product\` or \`@pm-alice\`
      - ✅ Acceptance criteria met — [#3 Issue 3](https://github.com/Codertocat/Hello-World/issues/3)

      ### Engineering · decided by \`@acme/eng-leads\` or \`@lead-bob\`
      - ✅ Unit tests — src/pay.test.ts

      ### Joint · decided by a product owner and an engineering owner together
      - ❌ **Behind a feature flag** (\`feature-flag\`) — no added line contains \`featureFlag(\` and the pull request has no label \`behind-flag\`
        - Applies because of the label \`risky\`
        - How: Risky change: guard it with \`featureFlag(…)\`, or add the \`behind-flag\` label once it is flagged elsewhere.

      <details><summary>5 items not applicable to this pull request</summary>

      - Integration tests for API changes (Engineering) — no file named \`openapi*.{yml,yaml,json}\`, \`*.proto\` or \`*.graphql\` or in \`api/\` changed
      - Metrics and alerting (Engineering) — the pull request has none of the labels \`new-service\` or \`feature\` and no file matching \`src/**/handlers/**\` changed
      - Documentation updated (Engineering) — no file named \`openapi*.{yml,yaml,json}\`, \`*.proto\` or \`*.graphql\`, or in \`api/\` or \`bin/\`, or matching \`src/**/index.*\` or \`src/**/public/**\` changed
      - Runbook (Engineering) — the pull request has no label \`new-service\` and no file in \`deploy/\`, \`infra/\` or \`charts/\` changed
      - Performance checked (Engineering) — the pull request has no label \`perf\` and no file matching \`src/**/hot/**\` or \`src/**/perf/**\` changed

      </details>",
        "title": "2 of 3 done — missing: Behind a feature flag",
      }
    `);
  });

  it("a risky change behind a flag", async () => {
    const shape = await run({
      pr: { labels: ["risky"], files: ["src/pay.ts", "src/pay.test.ts"], issues: [{ number: 3, body: story(1, []) }] },
      patches: {
        "src/pay.ts": '@@ -1 +1,2 @@\n const a = 1;\n+if (featureFlag("new-pay")) pay();',
        "src/pay.test.ts": "@@ -0,0 +1 @@\n+it('pays')",
      },
    });
    expect(shape).toMatchInlineSnapshot(`
      {
        "comment": null,
        "conclusion": "success",
        "summary": "✅ 3 of 3 done — the definition of done is met.

      ### Product · decided by \`@acme/product\` or \`@pm-alice\`
      - ✅ Acceptance criteria met — [#3 Issue 3](https://github.com/Codertocat/Hello-World/issues/3)

      ### Engineering · decided by \`@acme/eng-leads\` or \`@lead-bob\`
      - ✅ Unit tests — src/pay.test.ts

      ### Joint · decided by a product owner and an engineering owner together
      - ✅ Behind a feature flag — src/pay.ts

      <details><summary>5 items not applicable to this pull request</summary>

      - Integration tests for API changes (Engineering) — no file named \`openapi*.{yml,yaml,json}\`, \`*.proto\` or \`*.graphql\` or in \`api/\` changed
      - Metrics and alerting (Engineering) — the pull request has none of the labels \`new-service\` or \`feature\` and no file matching \`src/**/handlers/**\` changed
      - Documentation updated (Engineering) — no file named \`openapi*.{yml,yaml,json}\`, \`*.proto\` or \`*.graphql\`, or in \`api/\` or \`bin/\`, or matching \`src/**/index.*\` or \`src/**/public/**\` changed
      - Runbook (Engineering) — the pull request has no label \`new-service\` and no file in \`deploy/\`, \`infra/\` or \`charts/\` changed
      - Performance checked (Engineering) — the pull request has no label \`perf\` and no file matching \`src/**/hot/**\` or \`src/**/perf/**\` changed

      </details>",
        "title": "3 of 3 done",
      }
    `);
  });

  it("a fix into a release branch that says “Fixes #7”", async () => {
    const shape = await run({
      pr: {
        baseRef: "release/1.x",
        title: "Fix rounding in totals",
        body: "Fixes #7",
        files: ["src/cart/total.ts", "test/cart/total.test.ts"],
      },
      textIssues: {
        i0: {
          issueOrPullRequest: {
            __typename: "Issue",
            number: 7,
            title: "Totals off by a cent",
            body: story(1, ["Totals round half to even"]),
            state: "OPEN",
            url: `${ISSUES}/7`,
            repository: { nameWithOwner: "Codertocat/Hello-World" },
          },
        },
      },
    });
    expect(shape).toMatchInlineSnapshot(`
      {
        "comment": "<!-- dod:definition-of-done -->
      ## Definition of Done: 1 of 2 done

      **Product** · decided by \`@acme/product\` or \`@pm-alice\`
      - ❌ **Acceptance criteria met** (\`acceptance-criteria\`) — #7: 1 of 2 acceptance criteria unticked
        - Still open: [Totals round half to even](https://github.com/Codertocat/Hello-World/issues/7)
        - How: Link the issue this PR closes ("Closes #123") and tick every box under its "Acceptance criteria" heading.

      ✅ 1 item is met; the **Definition of Done** check lists the evidence.

      <sub>Owners can waive an item with \`/dod waive <id> <reason>\`; \`/dod check\` checks again.</sub>",
        "conclusion": "failure",
        "summary": "❌ 1 of 2 done · **1 missing** — this check fails until every item is met or waived.

      ### Product · decided by \`@acme/product\` or \`@pm-alice\`
      - ❌ **Acceptance criteria met** (\`acceptance-criteria\`) — #7: 1 of 2 acceptance criteria unticked
        - Still open: [Totals round half to even](https://github.com/Codertocat/Hello-World/issues/7)
        - How: Link the issue this PR closes ("Closes #123") and tick every box under its "Acceptance criteria" heading.

      ### Engineering · decided by \`@acme/eng-leads\` or \`@lead-bob\`
      - ✅ Unit tests — test/cart/total.test.ts

      <details><summary>6 items not applicable to this pull request</summary>

      - Integration tests for API changes (Engineering) — no file named \`openapi*.{yml,yaml,json}\`, \`*.proto\` or \`*.graphql\` or in \`api/\` changed
      - Metrics and alerting (Engineering) — the pull request has none of the labels \`new-service\` or \`feature\` and no file matching \`src/**/handlers/**\` changed
      - Documentation updated (Engineering) — no file named \`openapi*.{yml,yaml,json}\`, \`*.proto\` or \`*.graphql\`, or in \`api/\` or \`bin/\`, or matching \`src/**/index.*\` or \`src/**/public/**\` changed
      - Runbook (Engineering) — the pull request has no label \`new-service\` and no file in \`deploy/\`, \`infra/\` or \`charts/\` changed
      - Performance checked (Engineering) — the pull request has no label \`perf\` and no file matching \`src/**/hot/**\` or \`src/**/perf/**\` changed
      - Behind a feature flag (Joint) — the pull request has no label \`risky\`

      </details>",
        "title": "1 of 2 done — missing: Acceptance criteria met",
      }
    `);
  });

  it("a docs-only pull request by a bot", async () => {
    const shape = await run({
      pr: { author: "dependabot", files: ["docs/setup.md", "README.md"], title: "Bump the docs theme" },
    });
    expect(shape).toMatchInlineSnapshot(`
      {
        "comment": "<!-- dod:definition-of-done -->
      ## Definition of Done: 0 of 1 done

      **Product** · decided by \`@acme/product\` or \`@pm-alice\`
      - ❌ **Acceptance criteria met** (\`acceptance-criteria\`) — the pull request links no issue
        - How: Link the issue this PR closes ("Closes #123") and tick every box under its "Acceptance criteria" heading.

      <sub>Owners can waive an item with \`/dod waive <id> <reason>\`; \`/dod check\` checks again.</sub>",
        "conclusion": "failure",
        "summary": "❌ 0 of 1 done · **1 missing** — this check fails until every item is met or waived.

      ### Product · decided by \`@acme/product\` or \`@pm-alice\`
      - ❌ **Acceptance criteria met** (\`acceptance-criteria\`) — the pull request links no issue
        - How: Link the issue this PR closes ("Closes #123") and tick every box under its "Acceptance criteria" heading.

      <details><summary>7 items not applicable to this pull request</summary>

      - Unit tests (Engineering) — no file in \`src/\`, \`lib/\` or \`app/\` (other than \`**/*.test.*\`, \`**/*.spec.*\` or \`**/__tests__/**\`) changed
      - Integration tests for API changes (Engineering) — no file named \`openapi*.{yml,yaml,json}\`, \`*.proto\` or \`*.graphql\` or in \`api/\` changed
      - Metrics and alerting (Engineering) — the pull request has none of the labels \`new-service\` or \`feature\` and no file matching \`src/**/handlers/**\` changed
      - Documentation updated (Engineering) — no file named \`openapi*.{yml,yaml,json}\`, \`*.proto\` or \`*.graphql\`, or in \`api/\` or \`bin/\`, or matching \`src/**/index.*\` or \`src/**/public/**\` changed
      - Runbook (Engineering) — the pull request has no label \`new-service\` and no file in \`deploy/\`, \`infra/\` or \`charts/\` changed
      - Performance checked (Engineering) — the pull request has no label \`perf\` and no file matching \`src/**/hot/**\` or \`src/**/perf/**\` changed
      - Behind a feature flag (Joint) — the pull request has no label \`risky\`

      </details>",
        "title": "0 of 1 done — missing: Acceptance criteria met",
      }
    `);
  });
});
