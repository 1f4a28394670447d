// One example per `when` and `require` predicate, for docs/config.md (src/config/config-docs.ts puts each under
// its schema description): each kind's from the registry (kinds.ts), `any` and `all` here. Every example must be
// a valid criterion (test/config/config-docs.test.ts).
import { CONDITION_KINDS, EVIDENCE_KINDS } from "./kinds.js";

const examples = (kinds: Record<string, { example: string }>) =>
  Object.fromEntries(Object.entries(kinds).map(([key, kind]) => [key, kind.example]));

export const WHEN_EXAMPLES: Record<string, string> = {
  ...examples(CONDITION_KINDS),
  any: `when:\n  any:\n    - files: ["api/**"]\n    - labels: [api-change]`,
  all: `when:\n  all:\n    - files: ["db/migrations/**"]\n    - base: [main]`,
};

export const REQUIRE_EXAMPLES: Record<string, string> = {
  ...examples(EVIDENCE_KINDS),
  any: `require:\n  any:\n    - diff_contains: { text: "featureFlag(" }\n    - label: behind-flag`,
  all: `require:\n  all:\n    - files: ["docs/**"]\n    - approved_by: product`,
};
