// What a done.yml may cost, checked before anything is compiled: a pull request's proposed file is validated
// too, so a 1 KB file of brace globs (`{a,b}` ×17, 131,072 patterns) or YAML aliases repeating them must be
// refused for its size, not expanded. Generous for any real definition of done (the recommended preset uses
// 6 criteria and 9 globs).
export const LIMITS = {
  bytes: 128 * 1024,
  /** `,` `:` `-` `?` `[` `{` `!` `&` in the text: every value, tag and anchor parsing makes follows one, so
   * their count bounds the parse before it starts (64 KB of `[a,a,a,…` was 32,000 values and 180 ms; a real file
   * has a few hundred; 5,000 keys in one mapping take ~100 ms of CPU on a busy machine). */
  marks: 5_000,
  /** Lines, which the parser pays for even blank or inside a quoted value (64 KB of them: 460 ms). */
  lines: 5_000,
  /** `*name` uses: converting resolves each by walking the whole document. */
  aliases: 100,
  /** Values in the document after YAML aliases are expanded (each use of `*alias` counts its whole value). */
  nodes: 20_000,
  criteria: 500,
  /** Glob patterns in the whole file after aliases are expanded. */
  globs: 1_000,
  globLength: 256,
  /** Patterns one glob may expand to through `{a,b}` and `{1..9}`… */
  braceExpansion: 64,
  /** …and all the file's distinct globs together. */
  patterns: 1_000,
} as const;

/**
 * How many patterns minimatch's brace expansion makes of `glob`, counted without expanding (capped just above
 * `cap`, so the count stays small however many braces there are). An upper bound: `{a}` counts once, as does an
 * unbalanced brace.
 */
export function braceExpansionSize(glob: string, cap: number = LIMITS.braceExpansion): number {
  return countSequence(glob, 0, glob.length, cap + 1);
}

function countSequence(text: string, from: number, to: number, cap: number): number {
  let total = 1;
  for (let i = from; i < to; i++) {
    const c = text[i];
    if (c === "\\") {
      i++;
      continue;
    }
    if (c !== "{") continue;
    const close = matchingBrace(text, i, to);
    if (close < 0) continue;
    total = Math.min(cap, total * countGroup(text, i + 1, close, cap));
    i = close;
  }
  return total;
}

function countGroup(text: string, from: number, to: number, cap: number): number {
  const range = /^(-?\d+|[a-zA-Z])\.\.(-?\d+|[a-zA-Z])(?:\.\.(-?\d+))?$/.exec(text.slice(from, to));
  if (range) {
    const value = (s: string) => (/^-?\d+$/.test(s) ? Number(s) : s.charCodeAt(0));
    const step = Math.max(1, Math.abs(Number(range[3] ?? 1)));
    return Math.min(cap, Math.floor(Math.abs(value(range[2]!) - value(range[1]!)) / step) + 1);
  }
  let total = 0;
  let start = from;
  let depth = 0;
  for (let i = from; i <= to; i++) {
    const c = text[i];
    if (c === "\\") i++;
    else if (c === "{") depth++;
    else if (c === "}" && i < to) depth--;
    else if ((c === "," && depth === 0) || i === to) {
      total = Math.min(cap, total + countSequence(text, start, i, cap));
      start = i + 1;
    }
  }
  return total;
}

function matchingBrace(text: string, open: number, to: number): number {
  let depth = 0;
  for (let i = open; i < to; i++) {
    const c = text[i];
    if (c === "\\") i++;
    else if (c === "{") depth++;
    else if (c === "}" && --depth === 0) return i;
  }
  return -1;
}

/** Counts the values of a converted YAML document, stopping as soon as `limit` is passed (aliases share objects). */
export function exceedsNodes(value: unknown, limit: number = LIMITS.nodes): boolean {
  let count = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    if (++count > limit) return true;
    const next = stack.pop();
    if (next !== null && typeof next === "object") for (const child of Object.values(next)) stack.push(child);
  }
  return false;
}
