// Item 12 of issue #15 (the first of the smaller ones): GitHub hides an HTML comment opened mid-line through the
// paragraph's next lines, so a `/dod waive` there is invisible and must not count.
import { describe, expect, it } from "vitest";
import { type Command, parseCommands } from "../../src/criteria/waivers.js";

describe("a /dod command inside an HTML comment opened mid-line", () => {
  const rows: [string, string, Command[]][] = [
    ["hidden through the next lines", "Thanks! <!--\n/dod waive runbook sneaky\n-->", []],
    ["hidden in a list item's paragraph", "- looks good <!-- note\n  /dod waive runbook sneaky\n  -->", []],
    ["hidden until the paragraph ends, however long", `ok <!--\n${"/dod waive runbook x\n".repeat(3)}`, []],
    ["visible after the comment closes", "ok <!-- a\nb -->\n/dod check", [{ kind: "check" }]],
    ["visible after a comment closed on its own line", "ok <!-- a -->\n/dod check", [{ kind: "check" }]],
    ["visible in the next paragraph", "ok <!--\n\n/dod check", [{ kind: "check" }]],
    ["not opened inside a code span", "see `<!--`\n/dod check", [{ kind: "check" }]],
  ];
  it.each(rows)("%s", (_name, body, expected) => {
    expect(parseCommands(body)).toEqual(expected);
  });
});
