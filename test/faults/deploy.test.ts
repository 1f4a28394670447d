// What the container runs: the Dockerfile's command exists in the build, the image runs as non-root with a
// health check, and the build context leaves out what must not be baked in.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

describe("the container", () => {
  const dockerfile = readFileSync("Dockerfile", "utf8");

  it("runs the built entry point as the unprivileged node user, with a health check on /healthz", () => {
    execFileSync(process.execPath, ["scripts/ensure-built.mjs"], { stdio: "inherit" });
    const cmd = JSON.parse(/^CMD (\[.*\])$/m.exec(dockerfile)![1]!) as string[];
    expect(cmd[0]).toBe("node");
    expect(existsSync(cmd[1]!)).toBe(true);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^HEALTHCHECK .*$/m);
    expect(dockerfile).toContain("/healthz");
    expect(dockerfile.match(/^FROM /gm)).toHaveLength(2);
  });

  it("runs with the build stage's pruned node_modules, downloading nothing again", () => {
    const [build, runtime] = dockerfile.split(/^FROM /m).slice(1);
    expect(build).toContain("npm prune --omit=dev");
    expect(runtime).toContain("COPY --from=build /app/node_modules ./node_modules");
    expect(runtime).not.toMatch(/npm (ci|install)/);
  });

  it("keeps node_modules, credentials and local builds out of the build context", () => {
    const ignored = readFileSync(".dockerignore", "utf8").split("\n");
    for (const entry of ["node_modules", ".env", "*.pem", "lib", ".node24"]) expect(ignored).toContain(entry);
  });
});
