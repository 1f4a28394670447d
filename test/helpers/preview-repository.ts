// A repository for the preview of a done.yml change: a base done.yml, two proposed edits of it (one adds an item,
// one relaxes one), and twelve open and ten merged pull requests besides #2, the one that edits the file. Shared by
// the app's and the CLI's tests and by the benchmark.
import type { PullRequestOptions } from "./pull-request-data.js";

export const BASE = `owners:
  product: [pm-alice]
  engineering: [lead-bob]
criteria:
  - id: unit-tests
    title: Unit tests
    owner: engineering
    when: { files: ["src/**"] }
    require: { files: ["test/**"] }
`;
/** Adds an item: open pull requests that change code without a changelog entry newly fail. */
export const ADDS_CHANGELOG = `${BASE}  - id: changelog
    title: Changelog entry
    owner: product
    when: { files: ["src/**"] }
    require: { files: [CHANGELOG.md] }
`;
/** Relaxes one: tests next to the code count too, so pull requests with only those newly pass. */
export const RELAXES_TESTS = BASE.replace(
  'require: { files: ["test/**"] }',
  'require: { files: ["test/**", "src/**/*.test.ts"] }',
);

export const pull = (number: number, files: string[], extra: PullRequestOptions = {}): PullRequestOptions => ({
  number,
  title: `Change ${number}`,
  headSha: `${String(number).padStart(2, "0")}`.padEnd(40, "a"),
  files,
  config: BASE,
  ...extra,
});
export const merged = (number: number, files: string[]) => pull(number, files, { state: "MERGED" });

/** Twelve open and ten merged pull requests besides #2, the one that edits done.yml. */
export const OTHERS: PullRequestOptions[] = [
  pull(3, ["src/a.ts", "test/a.test.ts"]), // passes now; no changelog
  pull(4, ["src/b.ts", "test/b.test.ts", "CHANGELOG.md"]), // passes either way
  pull(5, ["docs/guide.md"]), // nothing applies either way
  pull(6, ["src/c.ts", "src/c.test.ts"]), // fails now; tests next to the code
  pull(7, ["src/d.ts"]), // fails either way
  ...[8, 9, 10, 11, 12, 13, 14].map((n) => pull(n, [`docs/page${n}.md`])),
  merged(20, ["src/e.ts", "test/e.test.ts", "CHANGELOG.md"]),
  merged(21, ["src/f.ts", "test/f.test.ts"]),
  merged(22, ["src/g.ts", "src/g.test.ts", "CHANGELOG.md"]),
  merged(23, ["src/h.ts", "test/h.test.ts", "CHANGELOG.md"]),
  ...[24, 25, 26, 27, 28, 29].map((n) => merged(n, [`docs/page${n}.md`])),
];
