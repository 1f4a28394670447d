import { describe, expect, it } from "vitest";
import { annotation } from "../../src/action/workflow.js";

describe("workflow commands", () => {
  it("escapes the message and the properties so user text can't end or forge a command", () => {
    expect(annotation("error", "50% done\nnext line", { file: "a,b:c.yml", line: 3, col: 7 })).toBe(
      "::error file=a%2Cb%3Ac.yml,line=3,col=7::50%25 done%0Anext line\n",
    );
    expect(annotation("warning", "plain")).toBe("::warning::plain\n");
  });
});
