// app.yml's default_events must subscribe to every event the app handles: GitHub sends an app only the events
// it is subscribed to, so a handler for any other never runs (the dashboard's `milestone` handler did not).
import { readFileSync } from "node:fs";
import { Probot } from "probot";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { createApp } from "../../src/app.js";
import { privateKey, TestOctokit } from "../helpers/app.js";
import { APP_ID } from "../helpers/pull-request-data.js";

/** Every event name (`issues.milestoned`, `milestone`) the app registers a handler for. */
async function handledEvents(): Promise<string[]> {
  const probot = new Probot({ appId: APP_ID, privateKey, Octokit: TestOctokit, logLevel: "fatal" });
  const names: string[] = [];
  const on = probot.on.bind(probot);
  probot.on = ((events: string | string[], handler: never) => {
    names.push(...[events].flat());
    return on(events as never, handler);
  }) as typeof probot.on;
  const { app, handle } = createApp({ appId: APP_ID });
  await probot.load(app, { cwd: process.cwd(), addHandler: () => undefined });
  await handle.queue?.close();
  return names;
}

describe("app.yml's default_events", () => {
  it("subscribes to every event the app handles", async () => {
    const manifest = parse(readFileSync("app.yml", "utf8")) as { default_events: string[] };
    const handled = [...new Set((await handledEvents()).map((name) => name.split(".")[0]!))].sort();
    expect(handled).toContain("milestone");
    expect(handled.filter((event) => !manifest.default_events.includes(event))).toEqual([]);
  });
});
