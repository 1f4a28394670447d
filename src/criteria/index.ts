export { evaluate, needsDiff, teamsNamed, teamsNeeded, type EvaluateOptions } from "./evaluate.js";
export {
  parseCommands,
  judgeCommand,
  waiverState,
  type Command,
  type Judgement,
  type WaiverState,
} from "./waivers.js";
export { CONFIG_APPROVAL_ID, CONFIG_APPROVAL_CRITERION } from "./config-approval.js";
export { checkCondition, type ConditionResult } from "./conditions.js";
export { evaluateEvidence, allOf, anyOf, usesDiff } from "./require.js";
export { pathMatcher, nameMatcher, type Matcher } from "./globs.js";
export {
  parseBlocks,
  findSections,
  tasksIn,
  hasContent,
  scanLines,
  normalizeHeading,
  normalizeItem,
  type Block,
  type Task,
  type LineKind,
} from "./markdown.js";
export type { Verdict, VerdictStatus, Context } from "./types.js";
