import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/parse.js";
import { loadConfig } from "../../src/config/resolve.js";
import { STARTER_CONFIG } from "../../src/config/starter.js";

describe("STARTER_CONFIG", () => {
  it("parses and resolves to the recommended preset with placeholder owners", () => {
    expect(parseConfig(STARTER_CONFIG, ".github/done.yml").ok).toBe(true);
    const result = loadConfig({ file: ".github/done.yml", text: STARTER_CONFIG });
    if (!result.ok) throw new Error(JSON.stringify(result.failure));
    expect(result.config.owners).toEqual({ product: ["your-pm-login"], engineering: ["your-lead-login"] });
    expect(result.config.criteria).toHaveLength(8);
    expect(result.config.mode).toBe("blocking");
  });

  it("is short and points editors at the schema", () => {
    expect(STARTER_CONFIG.split("\n")[0]).toBe(
      "# yaml-language-server: $schema=https://raw.githubusercontent.com/dod-app/dod/main/schema/done.schema.json",
    );
    expect(STARTER_CONFIG.split("\n").length).toBeLessThanOrEqual(25);
  });
});
