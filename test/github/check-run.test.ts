// dod's check run on a commit: a waiting (in progress) run whose annotations must change is replaced by a new run,
// and the one it replaces is completed, not left in progress on the commit for good.
import { Octokit } from "@octokit/rest";
import nock from "nock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { writeCheckRun } from "../../src/github/check-run.js";
import { annotationsHash, externalId } from "../../src/github/fingerprint.js";
import { dodIdentity } from "../../src/model/identity.js";
import type { CheckRunOutput } from "../../src/report/check-run.js";
import { GitHubMock } from "../helpers/github.js";

const REPO = "/repos/acme/shop";
const ref = { owner: "acme", repo: "shop", number: 7 };
const octokit = () => new Octokit({ auth: "t", request: { retries: 0 } });
const annotation = (line: number) => ({
  path: ".github/done.yml",
  start_line: line,
  end_line: line,
  annotation_level: "failure" as const,
  message: `problem on line ${line}`,
});
const waiting = (line: number): CheckRunOutput => ({
  title: "0 of 1 done — waiting for: ci",
  summary: "Waiting for ci",
  conclusion: "pending",
  annotations: [annotation(line)],
});

describe("writeCheckRun", () => {
  let github: GitHubMock;
  beforeEach(() => {
    nock.disableNetConnect();
    github = new GitHubMock();
  });
  afterEach(() => nock.cleanAll());

  it("completes the waiting run it replaces when the annotations change", async () => {
    const existing = {
      id: 5,
      externalId: externalId({ output: "before", annotations: annotationsHash([annotation(3)]), number: 7 }),
      completed: false,
    };
    github.rest("POST", `${REPO}/check-runs`, 201, { id: 6 }).rest("PATCH", `${REPO}/check-runs/5`, 200, { id: 5 });
    const written = await writeCheckRun(octokit(), dodIdentity(1), {
      ref,
      headSha: "a".repeat(40),
      output: waiting(4),
      existing,
    });
    github.assertDone();
    expect(written).toEqual({ id: 6, result: "created" });
    expect(github.calls()).toEqual([`POST ${REPO}/check-runs`, `PATCH ${REPO}/check-runs/5`]);
    expect(github.body("checks/create")).toMatchObject({
      status: "in_progress",
      output: { annotations: [annotation(4)] },
    });
    expect(github.body("checks/update")).toMatchObject({
      status: "completed",
      conclusion: "skipped",
      output: { title: "Replaced by a newer run" },
    });
  });

  it("leaves a finished run it replaces as it is", async () => {
    const existing = {
      id: 5,
      externalId: externalId({ output: "before", annotations: annotationsHash([]), number: 7 }),
      completed: true,
    };
    github.rest("POST", `${REPO}/check-runs`, 201, { id: 6 });
    await writeCheckRun(octokit(), dodIdentity(1), { ref, headSha: "a".repeat(40), output: waiting(4), existing });
    github.assertDone();
    expect(github.calls()).toEqual([`POST ${REPO}/check-runs`]);
  });

  it("updates a waiting run in place when its annotations are the same: no new run, nothing to close", async () => {
    const existing = {
      id: 5,
      externalId: externalId({ output: "before", annotations: annotationsHash([annotation(4)]), number: 7 }),
      completed: false,
    };
    github.rest("PATCH", `${REPO}/check-runs/5`, 200, { id: 5 });
    const written = await writeCheckRun(octokit(), dodIdentity(1), {
      ref,
      headSha: "a".repeat(40),
      output: waiting(4),
      existing,
    });
    github.assertDone();
    expect(written).toEqual({ id: 5, result: "updated" });
    expect(github.calls()).toEqual([`PATCH ${REPO}/check-runs/5`]);
    expect(github.body("checks/update")).toMatchObject({ status: "in_progress", output: { title: waiting(4).title } });
  });
});
