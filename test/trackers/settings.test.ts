import { describe, expect, it } from "vitest";
import { DEFAULT_TRACKER_TIMEOUT_MS, trackerSettingsFromEnv } from "../../src/trackers/settings.js";

describe("tracker settings from the environment", () => {
  it("a tracker is set up only with all of its credentials", () => {
    expect(trackerSettingsFromEnv({ JIRA_BASE_URL: "https://acme.atlassian.net/", JIRA_EMAIL: "a@acme.test" })).toEqual(
      {
        webhooks: {},
        timeoutMs: DEFAULT_TRACKER_TIMEOUT_MS,
      },
    );
    expect(
      trackerSettingsFromEnv({
        JIRA_BASE_URL: "https://acme.atlassian.net/",
        JIRA_EMAIL: "a@acme.test",
        JIRA_API_TOKEN: "t",
        LINEAR_API_KEY: "lin_api_x",
        JIRA_WEBHOOK_SECRET: "",
        LINEAR_WEBHOOK_SECRET: "s",
        DOD_TRACKER_TIMEOUT_MS: "2500",
      }),
    ).toEqual({
      jira: { baseUrl: "https://acme.atlassian.net", email: "a@acme.test", apiToken: "t" },
      linear: { apiKey: "lin_api_x" },
      webhooks: { linearSecret: "s" },
      timeoutMs: 2500,
    });
  });

  it("a malformed value stops start-up, naming the variable", () => {
    expect(() => trackerSettingsFromEnv({ JIRA_BASE_URL: "acme.atlassian.net" })).toThrow("JIRA_BASE_URL");
    expect(() => trackerSettingsFromEnv({ DOD_TRACKER_TIMEOUT_MS: "soon" })).toThrow("DOD_TRACKER_TIMEOUT_MS");
  });
});
