// Registering the app: started with no credentials, dod serves Probot's setup page, whose "Register GitHub App"
// form posts the manifest to GitHub from a single-quoted HTML attribute. Read it back out of the page the way a
// browser does, parse it, and it must be app.yml plus what Probot adds (the webhook proxy and the redirect).
import { type ChildProcess, spawn } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { freePort } from "../helpers/server.js";

const root = new URL("../..", import.meta.url).pathname;
const PROXY = "https://smee.io/dod-manifest-test";

/** The value of the manifest button's attribute as a browser reads it: a single-quoted value ends at the first `'`. */
function manifestFromPage(html: string): string {
  const tag = html.match(/<button[^>]*\bname="manifest"[^>]*>/)?.[0];
  if (!tag) throw new Error(`no manifest button in the setup page:\n${html}`);
  const value = tag.match(/\bvalue='([^']*)'/)?.[1];
  if (value === undefined) throw new Error(`no single-quoted value in ${tag}`);
  return value
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

describe("the app with no credentials", () => {
  // A directory of its own, holding only what Probot reads from the working directory, so no developer's .env
  // (which Probot loads) turns setup mode off.
  const cwd = mkdtempSync(join(tmpdir(), "dod-setup-"));
  let child: ChildProcess;
  let url: string;
  let output = "";

  beforeAll(async () => {
    copyFileSync(join(root, "app.yml"), join(cwd, "app.yml"));
    copyFileSync(join(root, "package.json"), join(cwd, "package.json"));
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    child = spawn(process.execPath, [join(root, "lib/main.js")], {
      cwd,
      env: {
        PATH: process.env.PATH,
        HOME: cwd,
        PORT: String(port),
        HOST: "127.0.0.1",
        NO_SMEE_SETUP: "true",
        WEBHOOK_PROXY_URL: PROXY,
        LOG_LEVEL: "warn",
      },
    });
    child.stdout!.on("data", (chunk) => (output += chunk));
    child.stderr!.on("data", (chunk) => (output += chunk));
    for (const deadline = Date.now() + 30_000; ; ) {
      if (
        await fetch(`${url}/probot`).then(
          (r) => r.ok,
          () => false,
        )
      )
        break;
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`setup page did not come up:\n${output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }, 60_000);

  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    }
    rmSync(cwd, { recursive: true, force: true });
  });

  it("serves a setup page whose manifest is app.yml, with webhooks to the proxy", async () => {
    const html = await (await fetch(`${url}/probot`)).text();
    const manifest = JSON.parse(manifestFromPage(html)) as Record<string, unknown>;
    const appYml = parse(readFileSync(join(root, "app.yml"), "utf8")) as Record<string, unknown>;
    expect(manifest).toEqual({
      ...appYml,
      hook_attributes: { url: PROXY },
      redirect_url: `${url}/probot/setup`,
      version: "v1",
    });
  });

  it("asks for the permissions dod uses and a sign-in callback for the dashboard", () => {
    const appYml = parse(readFileSync(join(root, "app.yml"), "utf8")) as {
      callback_urls: string[];
      hook_attributes?: unknown;
      default_permissions: Record<string, string>;
    };
    expect(appYml.default_permissions).toEqual({
      checks: "write",
      pull_requests: "read",
      issues: "write",
      contents: "read",
      metadata: "read",
      members: "read",
      statuses: "read",
      merge_queues: "read",
    });
    expect(appYml.hook_attributes).toBeUndefined();
    expect(appYml.callback_urls).toEqual(["http://localhost:3000/dod/callback"]);
  });
});
