// Globs are matched against repository-relative paths such as `src/app.ts` (and branch names for `base`);
// these checks catch patterns that could never match one. The options mirror src/criteria/globs.ts, where a
// list of only `!` patterns means "any file except these", so such a list is valid.
import { Minimatch } from "minimatch";
import { braceExpansionSize, LIMITS } from "./limits.js";

const shorten = (pattern: string) => (pattern.length > 60 ? `${pattern.slice(0, 60)}…` : pattern);

/** Why `pattern` would cost too much to compile, or undefined: checked before globProblem compiles it. */
export function globCostProblem(pattern: string): string | undefined {
  if (pattern.length > LIMITS.globLength)
    return `\`${shorten(pattern)}\` is ${pattern.length} characters long: a glob may have at most ${LIMITS.globLength}`;
  const size = braceExpansionSize(pattern);
  if (size > LIMITS.braceExpansion)
    return `\`${shorten(pattern)}\` expands to more than ${LIMITS.braceExpansion} patterns through its \`{…}\`: split it or use \`*\``;
  return undefined;
}

/** Why `pattern` can never match, or undefined when it can. */
export function globProblem(pattern: string): string | undefined {
  if (pattern.replace(/^!+/, "") === "")
    return `\`${pattern}\` excludes nothing and matches nothing: write a pattern after \`!\``;
  // Matching strips exactly one `!`; a second would be part of the pattern (a path starting with `!`).
  if (pattern.startsWith("!!"))
    return `\`${pattern}\`: use one \`!\` to exclude, e.g. \`!${pattern.replace(/^!+/, "")}\``;
  const body = pattern.startsWith("!") ? pattern.slice(1) : pattern;
  if (body.startsWith("/"))
    return `\`${pattern}\` starts with \`/\`: paths are relative to the repository root, e.g. \`${body.replace(/^\/+/, "")}\``;
  if (body.startsWith("./"))
    return `\`${pattern}\` starts with \`./\`: paths are relative to the repository root, e.g. \`${body.replace(/^(\.\/)+/, "")}\``;
  if (body.includes("//")) return `\`${pattern}\` contains \`//\`, which no path does`;
  if (body.endsWith("/"))
    return `\`${pattern}\` ends with \`/\` and matches no file: write \`${body}**\` for everything under it`;
  try {
    if (new Minimatch(body, { dot: true, nonegate: true, nocomment: true }).set.length === 0)
      return `\`${pattern}\` matches nothing`;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return `\`${shorten(pattern)}\` is not a valid glob: ${reason}`;
  }
  return undefined;
}
