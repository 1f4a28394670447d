// The small pure pieces of the CLI: which pull request a user means, and when to colour.
import { describe, expect, it } from "vitest";
import { useColor } from "../../src/cli/io.js";
import { parsePullRequestRef } from "../../src/cli/ref.js";

describe("parsePullRequestRef", () => {
  it.each([
    ["octo/app#12", { owner: "octo", repo: "app", number: 12 }],
    [" octo/my.app_2#7 ", { owner: "octo", repo: "my.app_2", number: 7 }],
    ["https://github.com/octo/app/pull/12", { owner: "octo", repo: "app", number: 12 }],
    ["https://github.com/octo/app/pull/12/files#diff-1", { owner: "octo", repo: "app", number: 12 }],
    ["http://ghe.example.com/octo/app/pull/3", { owner: "octo", repo: "app", number: 3 }],
    ["octo/app#0", null],
    ["octo/app", null],
    ["app#12", null],
    ["https://github.com/octo/app/issues/12", null],
    ["https://github.com/octo/app/pull/", null],
    ["http://[bad", null],
  ])("%s", (text, expected) => {
    expect(parsePullRequestRef(text)).toEqual(expected);
  });
});

describe("useColor", () => {
  it.each([
    [{}, true, true],
    [{}, false, false],
    [{ NO_COLOR: "1" }, true, false],
    [{ NO_COLOR: "" }, true, true],
    [{ FORCE_COLOR: "1" }, false, true],
    [{ FORCE_COLOR: "0" }, true, false],
    [{ FORCE_COLOR: "0" }, false, false],
    [{ FORCE_COLOR: "1", NO_COLOR: "1" }, false, true],
  ])("env %j, terminal %s → %s", (env, isTTY, expected) => {
    expect(useColor({ env, isTTY })).toBe(expected);
  });
});
