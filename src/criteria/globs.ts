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
 * `**`), about five times faster to test than Minimatch#match; null sends anything else to minimatch, whose
 * matcher does not backtrack. Only shapes a backtracking RegExp tests in about linear time qualify: at most one
 * `*` per segment and one `**` (`*a*a*a*a*ab` or `*.*.*.*.*.ts` as a RegExp took seconds on a long name).
 * test/criteria/globs.test.ts checks the two agree.
 */
export function simpleGlobRegExp(glob: string): RegExp | null {
  if (!SIMPLE.test(glob)) return null;
  const segments = glob.split("/");
  const unusual = (s: string, i: number) =>
    s === "" || s === "." || s === ".." || (s.includes("**") && (s !== "**" || segments[i - 1] === "**"));
  if (segments.some(unusual)) return null;
  const stars = (s: string) => (s === "**" ? 0 : s.split("*").length - 1);
  if (segments.some((s) => stars(s) > 1) || segments.filter((s) => s === "**").length > 1) return null;
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

/**
 * Check names are not paths: `*` also crosses `/` (`ci / test`), `?` is any one character, and case does not
 * matter. Matched by the greedy wildcard algorithm (at most |glob| × |name| steps) rather than a RegExp, which
 * backtracks exponentially on `*a*a*a*a*ab` against a long name.
 */
export function nameMatcher(glob: string): Matcher {
  const pattern = glob.toLowerCase();
  return (name) => wildcardMatch(pattern, name.toLowerCase());
}

function wildcardMatch(pattern: string, text: string): boolean {
  let p = 0;
  let t = 0;
  let star = -1;
  let resume = 0;
  while (t < text.length) {
    if (p < pattern.length && pattern[p] === "*") {
      star = p++;
      resume = t;
    } else if (p < pattern.length && (pattern[p] === "?" || pattern[p] === text[t])) {
      p++;
      t++;
    } else if (star >= 0) {
      // Let the last `*` take one more character and retry: earlier stars never need to take back any.
      p = star + 1;
      t = ++resume;
    } else return false;
  }
  while (pattern[p] === "*") p++;
  return p === pattern.length;
}

export function listGlobs(globs: readonly string[]): string {
  return globs.join(", ");
}
