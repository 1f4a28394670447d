// The names dod is known by on GitHub: where the config lives, the check, and the markers of its own comment and issue.

/** Where a repository keeps its definition of done (on the base branch), and where an organisation does. */
export const CONFIG_PATH = ".github/done.yml";
export const ORG_CONFIG_REPO = ".github";

/** The check run's name on every pull request; dod's own run is the one of this name its app wrote. */
export const CHECK_NAME = "Definition of Done";

/** Starts dod's sticky comment, which is found again and edited in place by it. */
export const COMMENT_MARKER = "<!-- dod:definition-of-done -->";

/** The dashboard issue's title, which search finds it by, and the marker that starts its body. */
export const DASHBOARD_TITLE = "Definition of Done dashboard";
export const DASHBOARD_MARKER = "<!-- dod:dashboard -->";
/** The label dod puts on its dashboard issue: listing by label reads the database, which search may lag behind. */
export const DASHBOARD_LABEL = "dod:dashboard";
/** The label dod puts on the follow-up issues it opens, so that they can be listed over REST before one is opened. */
export const FOLLOW_UP_LABEL = "dod:follow-up";
