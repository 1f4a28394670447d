// Config problems the way compilers print them, so editors and CI annotate them: `file:line:column  field  message`.
import type { ConfigFailure, ConfigProblem } from "../model/config-problems.js";

export function compilerLine(problem: ConfigProblem): string {
  return `${problem.file}:${problem.line}:${problem.column}  ${problem.path || "(document)"}  ${problem.message}`;
}

export function problemLines(problems: readonly ConfigProblem[]): string {
  return problems.map((p) => `${compilerLine(p)}\n`).join("");
}

/** What `dod check` says when the base branch's config can't be used. */
export function failureText(failure: ConfigFailure, where: string): string {
  if (failure.kind === "missing") {
    return `No ${failure.file} on ${where}: add one (see \`dod schema\` and docs/config.md) — there is nothing to check against.\n`;
  }
  const count = failure.problems.length;
  return `${failure.file} on ${where} is invalid (${count} problem${count === 1 ? "" : "s"}):\n${problemLines(failure.problems)}`;
}
