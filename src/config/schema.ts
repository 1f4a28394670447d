// The one schema of `.github/done.yml`: the TypeScript types, the JSON Schema and the field docs all come
// from here (the kinds of evidence and conditions from kinds.ts). Cross-field rules (unique ids, non-empty `require`, …) live in validate.ts, not in refinements,
// so that `z.toJSONSchema` converts this file cleanly.
import { z } from "zod";
import { OWNER_ROLES } from "../model/owner.js";
import { CONDITION_KINDS, EVIDENCE_KINDS, type KindValues, optionalShape, principal } from "./kinds.js";

export const OwnerRole = z
  .enum(OWNER_ROLES)
  .describe("Who owns the criterion: `product` owns the problem, `engineering` the solution, `joint` both.");

// Declared, not inferred: TypeScript can't infer a recursive schema whose keys come from the registry.
export type Condition = KindValues<typeof CONDITION_KINDS> & { any?: Condition[]; all?: Condition[] };
export type Evidence = KindValues<typeof EVIDENCE_KINDS> & { any?: Evidence[]; all?: Evidence[] };

export const Condition: z.ZodType<Condition, Condition> = z
  .object({
    ...optionalShape(CONDITION_KINDS),
    get any() {
      return z.array(Condition).min(1).optional().describe("Applies when any of these conditions holds.");
    },
    get all() {
      return z.array(Condition).min(1).optional().describe("Applies when all of these conditions hold.");
    },
  })
  .strict()
  .describe("When the criterion applies. Every key given must hold; omit `when` to apply to every PR.");

export const Evidence: z.ZodType<Evidence, Evidence> = z
  .object({
    ...optionalShape(EVIDENCE_KINDS),
    get any() {
      return z.array(Evidence).min(1).optional().describe("Met when any of these is met.");
    },
    get all() {
      return z.array(Evidence).min(1).optional().describe("Met when all of these are met.");
    },
  })
  .strict()
  .describe("What shows the criterion is met. Every key given must be met.");

export const Criterion = z
  .object({
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]*$/, "use lower-case letters, digits and dashes, e.g. `unit-tests`")
      .describe("A stable id in kebab-case, used in `/dod waive <id>` and to override presets."),
    title: z.string().min(1).optional().describe("What the criterion means, shown in the report."),
    owner: OwnerRole.optional(),
    hint: z.string().min(1).optional().describe("How to satisfy it: shown when the criterion is missing."),
    when: Condition.optional(),
    require: Evidence.optional(),
    waivable: z.boolean().optional().describe("`false`: nobody may waive this criterion. Default `true`."),
    enabled: z.boolean().optional().describe("`false` switches off a criterion, e.g. one inherited from a preset."),
  })
  .strict()
  .describe("One item of the definition of done.");

export const Releases = z
  .object({
    by: z.enum(["milestone", "label"]).default("milestone").describe("What marks a release: a milestone or a label."),
    label: z.string().min(1).optional().describe("With `by: label`, the glob release labels match, e.g. `release/*`."),
  })
  .strict()
  .describe("How the dashboard groups pull requests into releases.");

export const Dashboard = z
  .object({
    issue: z.boolean().default(false).describe('`true`: keep a "Definition of Done dashboard" issue up to date.'),
    history: z
      .number()
      .int()
      .min(0)
      .max(20)
      .default(6)
      .describe("How many closed releases to show beside the open ones, newest first, with their trends. `0`: none."),
    follow_ups: z
      .enum(["command", "auto"])
      .default("command")
      .describe(
        "Done-debt follow-up issues: `command` — an owner asks with `/dod follow-up <id> [note]` on a merged PR; `auto` — also one per item missing or waived when a PR is merged.",
      ),
    capacity: z
      .object({
        groups: z
          .record(z.string(), z.array(z.string().min(1)).min(1))
          .describe("Label groups, e.g. `feature: [feature, enhancement]`, `health: [tech-debt, chore]`."),
        target: z
          .record(z.string(), z.number().min(0).max(100))
          .optional()
          .describe("Target share per group in percent, e.g. `feature: 80`, `health: 20`."),
        weight: z
          .enum(["prs", "lines"])
          .default("prs")
          .describe(
            "What a share counts: `prs` — pull requests; `lines` — lines changed (additions + deletions), for effort.",
          ),
      })
      .strict()
      .optional()
      .describe("The capacity split between label groups, shown per release next to the target."),
  })
  .strict()
  .describe("The dashboard of unfinished done-items per release.");

const projectKey = z
  .string()
  .regex(/^[A-Z][A-Z0-9_]{0,19}$/, "use the key as the tracker shows it, in capitals, e.g. `SHOP`");

export const Trackers = z
  .object({
    jira: z
      .object({
        projects: z
          .array(projectKey)
          .min(1)
          .describe("Jira project keys: `SHOP` finds `SHOP-123` in the PR's title, description and branch name."),
        criteria_field: z
          .string()
          .regex(/^customfield_\d+$/, "use the field's id, e.g. `customfield_10042`")
          .optional()
          .describe(
            "A Jira custom field that holds the acceptance criteria (its id, e.g. `customfield_10042`); its name acts as a heading.",
          ),
      })
      .strict()
      .optional()
      .describe("Jira Cloud issues, read from the site in the operator's JIRA_BASE_URL (never from this file)."),
    linear: z
      .object({
        teams: z
          .array(projectKey)
          .min(1)
          .describe("Linear team keys: `ENG` finds `ENG-42` in the PR's title, description and branch name."),
      })
      .strict()
      .optional()
      .describe("Linear issues, read with the operator's LINEAR_API_KEY."),
  })
  .strict()
  .describe("Issue trackers whose tickets count as linked issues, besides the GitHub issues the PR closes.");

/** Whether dod notifies owners: `never`, or once per item when it first goes missing on a pull request. */
export const MENTION_VALUES = ["never", "owners-on-missing"] as const;

/** What `extends` may name: the built-in preset or the organisation's file. */
export const EXTENDS_VALUES = ["recommended", "org"] as const;

export const DoneConfig = z
  .object({
    $schema: z.string().optional().describe("The JSON Schema this file follows (for editors)."),
    version: z.literal(1).default(1).describe("The version of this file's format."),
    extends: z
      .enum(EXTENDS_VALUES)
      .optional()
      .describe("Start from `recommended` (built-in preset) or `org` (the organisation's `.github` repository)."),
    mode: z
      .enum(["blocking", "advisory"])
      .default("blocking")
      .describe("`blocking`: missing items fail the check. `advisory`: they make it neutral."),
    comment: z
      .enum(["on-missing", "always", "never"])
      .default("on-missing")
      .describe("`on-missing`: comment once something is missing and keep it current; `always`; `never`."),
    mention: z
      .enum(MENTION_VALUES)
      .default("never")
      .describe(
        "`owners-on-missing`: when an item first goes missing on a pull request, notify its owners (`owners.product`, `owners.engineering`, both for `joint`) once, in a comment of their own; never again for that item on that pull request. `never`: reports name the owners without notifying them.",
      ),
    owners: z
      .object({
        product: z.array(principal).default([]).describe("Product owners: logins and `@org/team` slugs."),
        engineering: z.array(principal).default([]).describe("Engineering owners: logins and `@org/team` slugs."),
      })
      .strict()
      .default({ product: [], engineering: [] })
      .describe("Who speaks for product and for engineering: they approve, sign off and waive."),
    criteria: z.array(Criterion).default([]).describe("The items of the definition of done."),
    releases: Releases.optional(),
    dashboard: Dashboard.optional(),
    trackers: Trackers.optional(),
  })
  .strict()
  .describe("dod: the shared definition of done for this repository's pull requests.");

export type OwnerRole = z.infer<typeof OwnerRole>;
export type Criterion = z.infer<typeof Criterion>;
export type DoneConfig = z.infer<typeof DoneConfig>;
export type Trackers = z.infer<typeof Trackers>;
export type RawDoneConfig = z.input<typeof DoneConfig>;

/** A criterion after presets are merged and defaults filled: what `evaluate` works with. */
export interface ResolvedCriterion {
  id: string;
  title: string;
  owner: OwnerRole;
  hint?: string;
  when?: Condition;
  require: Evidence;
  waivable: boolean;
}

/** A validated, merged config: the only shape the core evaluates. */
export interface ResolvedConfig {
  mode: DoneConfig["mode"];
  comment: DoneConfig["comment"];
  mention: DoneConfig["mention"];
  owners: { product: string[]; engineering: string[] };
  criteria: ResolvedCriterion[];
  releases: { by: "milestone" | "label"; label?: string };
  dashboard: {
    issue: boolean;
    /** Closed releases shown beside the open ones. */
    history: number;
    followUps: "command" | "auto";
    capacity?: { groups: Record<string, string[]>; target?: Record<string, number>; weight: "prs" | "lines" };
  };
  /** Absent when no file configures a tracker. */
  trackers?: Trackers;
}
