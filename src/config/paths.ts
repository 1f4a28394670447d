/** Where a repository keeps its definition of done (on the base branch), and where an organisation does. */
export const CONFIG_PATH = ".github/done.yml";
export const ORG_CONFIG_REPO = ".github";
