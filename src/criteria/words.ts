// Globs and changed files in plain words, for reasons a product manager reads: "a file named `*.test.*`, or in
// `test/`" rather than a list of patterns. Every path and pattern stays in a code span.
import { code, codeList } from "../model/markdown.js";
import { compileGlob } from "./globs.js";

/** `**​/*.test.*` → named `*.test.*`; `test/**` → in `test/`; anything else → matching `api/*.yml`. */
export function describeGlobs(globs: readonly string[]): string {
  const named: string[] = [];
  const inFolder: string[] = [];
  const matching: string[] = [];
  const except: string[] = [];
  for (const glob of globs) {
    if (glob.startsWith("!")) except.push(glob.slice(1));
    else if (/^(\*\*\/)?[^/]*$/.test(glob) && glob !== "**" && glob !== "**/*") named.push(glob.replace(/^\*\*\//, ""));
    else if (/^[^*?[{!]+\/\*\*$/.test(glob)) inFolder.push(glob.slice(0, -2));
    else matching.push(glob);
  }
  const parts = [
    named.length > 0 && `named ${codeList(named)}`,
    inFolder.length > 0 && `in ${codeList(inFolder)}`,
    matching.length > 0 && `matching ${codeList(matching)}`,
  ].filter((part): part is string => typeof part === "string");
  const described = parts.length === 0 ? "at all" : parts.join(parts.length > 2 ? ", or " : " or ");
  return except.length > 0 ? `${described} (other than ${codeList(except)})` : described;
}

/** The first positive glob a path matches, to say why a file counted. */
export function matchedGlob(path: string, globs: readonly string[]): string | undefined {
  return globs.find((glob) => !glob.startsWith("!") && compileGlob(glob)(path));
}

/** `src/a.ts` changed (it matches `src/**`) / `src/a.ts` and 3 more files changed (they match `src/**`). */
export function changedFiles(paths: readonly string[], globs: readonly string[]): string {
  const first = paths[0]!;
  const glob = matchedGlob(first, globs);
  if (paths.length === 1) return `${code(first)} changed${glob ? ` (it matches ${code(glob)})` : ""}`;
  const others = paths.length - 1;
  const patterns = [
    ...new Set(
      paths
        .slice(0, 50)
        .map((p) => matchedGlob(p, globs))
        .filter((g) => g !== undefined),
    ),
  ];
  return `${code(first)} and ${others} more ${others === 1 ? "file" : "files"} changed (they match ${codeList(patterns, "or", 3)})`;
}
