// Who owns a criterion. The config schema, the report and the dashboard all use these three roles.
export const OWNER_ROLES = ["product", "engineering", "joint"] as const;

export type OwnerRole = (typeof OWNER_ROLES)[number];
