// The done.yml shown in the neutral "no config yet" check: short, and valid as it stands.
export const SCHEMA_URL = "https://raw.githubusercontent.com/dod-app/dod/main/schema/done.schema.json";

export const STARTER_CONFIG = `# yaml-language-server: $schema=${SCHEMA_URL}
# The definition of done for this repository's pull requests.
# Start from the recommended list; override an item by its id, or switch it off.
extends: recommended

# Who speaks for product and for engineering: they approve changes to this file and waive items.
# Use GitHub logins or teams (quote teams: "@your-org/product").
owners:
  product: [your-pm-login]
  engineering: [your-lead-login]

# criteria:
#   - id: performance
#     enabled: false
#   - id: runbook
#     when:
#       files: [deploy/**]
`;
