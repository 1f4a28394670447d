// User text in the comment and the check run reads as written on GitHub: nothing a title, label, checklist line,
// hint, path, check name or waiver reason holds becomes emphasis, HTML, a link or a mention.
import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/criteria/evaluate.js";
import { checkRunOutput } from "../../src/report/check-run.js";
import { commentBody } from "../../src/report/comment.js";
import { comment, criterion, files, makeConfig, makeFacts } from "../criteria/facts.js";
import { DOD_HTML, readMarkdown } from "../helpers/markdown.js";

const HOSTILE = "*stars* _under_ ~~gone~~ <b>bold</b> <!-- hide [link](https://evil.example) @eve @acme/all &amp; a|b";
const HOSTILE_PATH = "src/__init__*[x](y)<i>@eve|*.py";
const ISSUE_URL = "https://github.com/acme/shop/issues/12";

function hostileReport() {
  const config = makeConfig(
    [
      criterion({
        id: "ac",
        title: `Acceptance ${HOSTILE}`,
        owner: "product",
        hint: `Tick the boxes in \`<ok>\` ${HOSTILE}`,
        require: { linked_issue: { checklist: `Criteria ${HOSTILE}` } },
      }),
      criterion({
        id: "tests",
        title: "Tests",
        when: { files: ["src/**"] },
        require: { files: ["**/__snap__/*.snap", "test/**"] },
      }),
      criterion({
        id: "flag",
        title: `Flag ${HOSTILE}`,
        owner: "joint",
        when: { labels: [`risky ${HOSTILE}`] },
        require: { label: `behind_flag_${HOSTILE}` },
      }),
      criterion({ id: "bench", title: "Bench", require: { check: "bench*" } }),
      criterion({
        id: "notes",
        title: "Notes",
        owner: "product",
        require: { pr_body: { section: `Notes ${HOSTILE}` } },
      }),
      criterion({ id: "docs", title: "Docs", require: { label: "docs" } }),
      criterion({
        id: "never",
        title: `Never ${HOSTILE}`,
        when: { labels: [`x ${HOSTILE}`] },
        require: { label: "y" },
      }),
    ],
    { owners: { product: ["pm-alice", "@acme/product"], engineering: ["eng-bob"] } },
  );
  const facts = makeFacts({
    files: files(HOSTILE_PATH, "src/a_b_c.ts"),
    labels: [`risky ${HOSTILE}`],
    checks: [{ name: `bench ${HOSTILE}`, status: "completed", conclusion: "failure", url: "https://ci.example/1" }],
    linkedIssues: [
      {
        repo: "acme/shop",
        number: 12,
        title: `Story ${HOSTILE}`,
        body: `## Criteria ${HOSTILE}\n- [ ] Pays ${HOSTILE}\n- [x] Done\n`,
        state: "open",
        url: ISSUE_URL,
      },
    ],
    comments: [comment("eng-bob", `/dod waive docs ${HOSTILE}`, "2024-05-01T10:00:00Z")],
  });
  return { report: evaluate(config, facts), facts };
}

describe("user text in reports, read back as GitHub renders it", () => {
  const { report, facts } = hostileReport();
  const faces = {
    comment: commentBody(report),
    "check run": checkRunOutput(report, facts).summary,
  };

  it.each(Object.entries(faces))("the %s has no stray emphasis, HTML, link or mention", (_face, markdown) => {
    const read = readMarkdown(markdown);
    // Only dod's own bold: item titles and group names. User text inside a title stays literal text.
    for (const emphasis of read.emphasis) {
      expect(emphasis).toMatch(
        /^strong: (Acceptance|Tests|Flag|Bench|Notes|Docs|Definition of Done|Product|Engineering|Joint|Waived|\d+ (missing|could not))/,
      );
    }
    expect(read.html.filter((tag) => !DOD_HTML.test(tag))).toEqual([]);
    const allowedLinks = [
      ISSUE_URL,
      "https://ci.example/1",
      "https://github.com/acme/shop/pull/7#c1",
      "https://github.com/acme/shop/pull/7",
    ];
    expect(read.links.filter((href) => !allowedLinks.includes(href))).toEqual([]);
    // A bare address stays a link (GitHub makes it one wherever it is), shown as itself: never hidden behind text.
    expect(new Set(read.autolinks)).toEqual(new Set(["https://evil.example"]));
    expect(read.mentions).toEqual([]);
  });

  it("shows the user's text as written", () => {
    const commentText = readMarkdown(faces.comment).text;
    const check = readMarkdown(faces["check run"]).text;
    const written = HOSTILE.replace("@eve", "@\u200beve").replace("@acme/all", "@\u200bacme/all");
    for (const text of [
      `Acceptance ${written}`,
      `Pays ${written}`,
      `Tick the boxes in <ok> ${written}`,
      `Flag ${written}`,
    ]) {
      expect(commentText).toContain(text);
    }
    expect(check).toContain(`Never ${written}`);
    expect(check).toContain(`waived by @eng-bob on 2024-05-01: ${written}`);
  });

  it("puts every path, glob, label and check name in a code span", () => {
    const { code } = readMarkdown(faces["check run"]);
    expect(code).toEqual(
      expect.arrayContaining([
        HOSTILE_PATH,
        "src/**",
        "**/__snap__/*.snap",
        "test/",
        `risky ${HOSTILE}`,
        `behind_flag_${HOSTILE}`,
        `bench ${HOSTILE}`,
        "failure",
      ]),
    );
  });

  it("names who decides per group without notifying them", () => {
    const read = readMarkdown(faces.comment);
    expect(read.text).toContain("Product · decided by @pm-alice or @acme/product");
    expect(read.code).toEqual(expect.arrayContaining(["@pm-alice", "@acme/product", "@eng-bob"]));
    expect(read.mentions).toEqual([]);
  });
});
