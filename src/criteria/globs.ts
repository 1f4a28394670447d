// Globs are compiled once and cached on the (config-owned) pattern array, so evaluating thousands of files
// against many criteria never re-parses a pattern.
import { Minimatch } from "minimatch";

export type Matcher = (subject: string) => boolean;

const pathMatchers = new WeakMap<readonly string[], Matcher>();

/** Matches a path against globs: some positive pattern matches (or none is given) and no `!` pattern does. */
export function pathMatcher(globs: readonly string[]): Matcher {
  let matcher = pathMatchers.get(globs);
  if (!matcher) {
    matcher = compilePathGlobs(globs);
    pathMatchers.set(globs, matcher);
  }
  return matcher;
}

function compilePathGlobs(globs: readonly string[]): Matcher {
  const include: Matcher[] = [];
  const exclude: Matcher[] = [];
  for (const glob of globs) {
    const negated = glob.startsWith("!");
    (negated ? exclude : include).push(compileGlob(negated ? glob.slice(1) : glob));
  }
  const includeAll = include.length === 0;
  return (path) => {
    let hit = includeAll;
    for (let i = 0; !hit && i < include.length; i++) hit = include[i]!(path);
    if (!hit) return false;
    for (let i = 0; i < exclude.length; i++) if (exclude[i]!(path)) return false;
    return true;
  };
}

export function compileGlob(glob: string): Matcher {
  const re = simpleGlobRegExp(glob);
  if (re) return (path) => re.test(path);
  const mm = new Minimatch(glob, { dot: true, nonegate: true, nocomment: true });
  return (path) => mm.match(path);
}

const SIMPLE = /^[\w.\-@+ *?/]+$/;

/**
 * A RegExp equal to minimatch's `{ dot: true }` semantics for the common patterns (literals, `*`, `?`, whole-segment
 * `**`), about ten times faster to test than Minimatch#match; null sends anything fancier to minimatch.
 * test/criteria/globs.test.ts checks the two agree.
 */
export function simpleGlobRegExp(glob: string): RegExp | null {
  if (!SIMPLE.test(glob)) return null;
  const segments = glob.split("/");
  const unusual = (s: string, i: number) =>
    s === "" || s === "." || s === ".." || (s.includes("**") && (s !== "**" || segments[i - 1] === "**"));
  if (segments.some(unusual)) return null;
  let source = "";
  segments.forEach((segment, i) => {
    if (segment === "**") {
      // Whole segments: zero or more, but at least one at the end (minimatch: `src/**` doesn't match `src`).
      // A leading one carries the separator after it, a later one the separator before it.
      if (i > 0) source += i === segments.length - 1 ? "(?:/[^/]+)+" : "(?:/[^/]+)*";
      else source += segments.length === 1 ? "[^/]+(?:/[^/]+)*" : "(?:[^/]+/)*";
      return;
    }
    if (i > 0 && !(i === 1 && segments[0] === "**")) source += "/";
    source += segment.replace(/[.+*?]/g, (c) => (c === "*" ? "[^/]*" : c === "?" ? "[^/]" : `\\${c}`));
  });
  return new RegExp(`^${source}$`);
}

const nameMatchers = new Map<string, RegExp>();

/** Check names are not paths: `*` also crosses `/` (`ci / test`), and case does not matter. */
export function nameMatcher(glob: string): Matcher {
  let re = nameMatchers.get(glob);
  if (!re) {
    const source = glob.replace(/[.+^${}()|[\]\\*?]/g, (c) => (c === "*" ? ".*" : c === "?" ? "." : `\\${c}`));
    re = new RegExp(`^${source}$`, "i");
    if (nameMatchers.size > 1000) nameMatchers.clear();
    nameMatchers.set(glob, re);
  }
  const compiled = re;
  return (name) => compiled.test(name);
}

export function listGlobs(globs: readonly string[]): string {
  return globs.join(", ");
}
