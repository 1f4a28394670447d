// A ticket that cannot be read is still linked like a readable one: same site, same /browse/ address.
import { describe, expect, it } from "vitest";
import { gatherTickets } from "../../src/trackers/gather.js";
import { TRACKER_SETTINGS } from "../helpers/trackers.js";

const facts = { title: "SHOP-7: checkout", body: "", head: { ref: "feature", sha: "abc" } } as const;
const trackers = { jira: { projects: ["SHOP"] } };

describe("an unreadable Jira ticket", () => {
  it("keeps the site and the link when Jira's client refuses the settings", async () => {
    const settings = { ...TRACKER_SETTINGS, jira: { ...TRACKER_SETTINGS.jira!, email: "not an email" } };
    const [ticket] = await gatherTickets(trackers, facts as never, settings);
    expect(ticket).toMatchObject({
      key: "SHOP-7",
      repo: new URL(settings.jira.baseUrl).host,
      url: `${settings.jira.baseUrl}/browse/SHOP-7`,
      unreadable: expect.stringContaining("Jira's client refused the settings"),
    });
  });

  it("has no link when Jira is not set up, and says what to set", async () => {
    const { jira: _unused, ...settings } = TRACKER_SETTINGS;
    const [ticket] = await gatherTickets(trackers, facts as never, settings);
    expect(ticket).toMatchObject({
      key: "SHOP-7",
      repo: "jira",
      url: "",
      unreadable: expect.stringContaining("JIRA_BASE_URL"),
    });
  });
});
