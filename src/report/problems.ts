// Config problems as Markdown lines and as check-run annotations, for an invalid done.yml and for a PR that edits one.
import { inline, plural } from "./format.js";
import type { ConfigChange, ConfigProblem } from "../model/config-problems.js";

/** One annotation as GitHub's checks API takes it. */
export interface Annotation {
  path: string;
  start_line: number;
  end_line: number;
  start_column?: number;
  end_column?: number;
  annotation_level: "notice" | "warning" | "failure";
  message: string;
  title?: string;
}

/** GitHub takes 50 annotations per request (publishing batches them); past this many nobody reads on. */
export const MAX_ANNOTATIONS = 1000;

/** `` `file:line:column` `path` — message `` */
export function problemLine(problem: ConfigProblem): string {
  const where = `\`${problem.file}:${problem.line}:${problem.column}\``;
  const path = problem.path ? ` \`${problem.path}\`` : "";
  return `- ${where}${path} — ${inline(problem.message, 1000)}`;
}

/** Annotations on the problems in repository files; an org file (`owner/.github:path`) is not in this repo. */
export function problemAnnotations(problems: readonly ConfigProblem[]): Annotation[] {
  return problems
    .filter((problem) => !problem.file.includes(":"))
    .slice(0, MAX_ANNOTATIONS)
    .map((problem) => {
      const line = Math.max(1, Math.trunc(problem.line) || 1);
      const column = Math.max(1, Math.trunc(problem.column) || 1);
      return {
        path: problem.file,
        start_line: line,
        end_line: line,
        start_column: column,
        end_column: column,
        annotation_level: "failure" as const,
        message: problem.message.slice(0, 4000),
        ...(problem.path && { title: problem.path.slice(0, 255) }),
      };
    });
}

const CHANGE_ICON: Record<ConfigChange["changes"][number]["kind"], string> = {
  added: "➕",
  removed: "➖",
  loosened: "🔓",
  tightened: "🔒",
  changed: "✏️",
};

/** What the PR's edit of done.yml does, in words, with the new file's problems. */
export function configChangeLines(change: ConfigChange, heading: string): string[] {
  const lines = [
    heading,
    `These changes apply once merged; this pull request is still checked against the base branch's \`${change.file}\`.`,
    "",
  ];
  for (const { kind, text } of change.changes) lines.push(`- ${CHANGE_ICON[kind]} ${inline(text)}`);
  if (change.changes.length === 0 && change.problems.length === 0) lines.push("No change to what is checked.");
  if (change.problems.length > 0) {
    if (change.changes.length > 0) lines.push("");
    lines.push(
      `**${plural(change.problems.length, "problem")} in the changed \`${change.file}\`** — fix before merging:`,
    );
    lines.push("");
    for (const problem of change.problems) lines.push(problemLine(problem));
  }
  return lines;
}
