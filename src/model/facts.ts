// Everything the core may know about a pull request: plain, serialisable data gathered once per evaluation.
// A `Facts` dump is a test fixture; no criterion fetches data of its own.

export interface ChangedFile {
  path: string;
  additions: number;
  deletions: number;
  /** The change removes the file: it counts for `when.files`, but deleting a test is no evidence of testing. */
  deleted?: boolean;
}

export interface Review {
  author: string;
  /** The reviewer's latest opinionated review. */
  state: "APPROVED" | "CHANGES_REQUESTED" | "COMMENTED" | "DISMISSED" | "PENDING";
  submittedAt: string;
  url?: string;
  /** The head commit the review was given on: a later push makes an approval stale. */
  commit?: string;
}

export type Tracker = "github" | "jira" | "linear";

export interface LinkedIssue {
  /** `owner/name` of the issue's repository; for a tracker's ticket, the tracker's site. */
  repo: string;
  number: number;
  title: string;
  /** Markdown: a tracker's description (Jira's ADF included) is converted to it, so checklists read alike. */
  body: string;
  state: "open" | "closed";
  url: string;
  /** Where the issue lives; absent means GitHub. */
  tracker?: Tracker;
  /** The tracker's key, e.g. `SHOP-123` or `ENG-42`: how reports name a tracker's ticket. */
  key?: string;
  /** Why the ticket could not be read (tracker unreachable, credentials refused, unknown key): the item is pending. */
  unreadable?: string;
}

export interface CheckResult {
  name: string;
  /** GitHub's check-run status, or `completed` for a commit status that is no longer pending. */
  status: "queued" | "in_progress" | "completed" | "waiting" | "requested" | "pending";
  /** Lower-case check-run conclusion (`success`, `failure`, …), or the commit status' state once final. */
  conclusion: string | null;
  url?: string;
}

export interface Comment {
  id: number;
  author: string;
  authorIsBot: boolean;
  /** Written by dod itself (with the token that reads it): only such a comment is taken for dod's own. */
  byDod: boolean;
  body: string;
  createdAt: string;
  url: string;
  /** Who last edited the comment, when that is not its author: its commands then count for nobody. */
  editedBy?: string;
}

export interface Facts {
  readonly repo: { owner: string; name: string };
  readonly number: number;
  readonly url: string;
  readonly title: string;
  readonly author: string;
  readonly body: string;
  readonly draft: boolean;
  readonly state: "open" | "closed" | "merged";
  readonly base: { ref: string };
  readonly head: { ref: string; sha: string };
  readonly labels: string[];
  readonly milestone: string | null;
  readonly files: ChangedFile[];
  /** True when the PR has more files than GitHub lists (3000). */
  readonly filesTruncated: boolean;
  /** How many files the PR changes, listed or not (GitHub's `changedFiles`), when known. */
  readonly changedFiles?: number;
  /**
   * True when the PR changes `.github/done.yml`: edits, deletes or renames it (GitHub lists a rename under its new
   * path only), or may do so beyond the files GitHub lists.
   */
  readonly configChanged?: boolean;
  /**
   * Added lines per file path. Only gathered when some applicable criterion uses `diff_contains`;
   * `undefined` means "not gathered".
   */
  readonly addedLines?: Record<string, string[]>;
  readonly reviews: Review[];
  readonly linkedIssues: LinkedIssue[];
  /** Check runs and commit statuses on the head commit, excluding dod's own. */
  readonly checks: CheckResult[];
  /** Issue comments on the PR, oldest first (waiver commands and dod's own sticky comment live here). */
  readonly comments: Comment[];
  /** Members of every `@org/team` the config names, keyed by `@org/team` (lower-case). */
  readonly teams: Record<string, string[]>;
}

/** Facts for a pull request nothing is known about yet: the base that local checks and fixtures fill in. */
export function blankFacts(known: Partial<Facts> & Pick<Facts, "repo" | "head" | "base">): Facts {
  return {
    number: 0,
    url: "",
    title: "",
    author: "",
    body: "",
    draft: false,
    state: "open",
    labels: [],
    milestone: null,
    files: [],
    filesTruncated: false,
    reviews: [],
    linkedIssues: [],
    checks: [],
    comments: [],
    teams: {},
    ...known,
  };
}
