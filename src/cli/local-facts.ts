// Facts about changes that have no pull request yet: the working tree against the merge base with a branch.
import { existsSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import type { ChangedFile, Facts } from "../model/facts.js";
import type { Git } from "./git.js";

export interface LocalChange {
  files: ChangedFile[];
  /** Added lines per path, as `diff_contains` reads them. */
  addedLines: Record<string, string[]>;
}

/** Committed, staged, unstaged and untracked changes since `mergeBase`. */
export function localChange(git: Git, root: string, mergeBase: string): LocalChange {
  const files = numstat(git.run(["diff", "--numstat", "-z", "-M", mergeBase, "--"]));
  const addedLines = addedLinesOf(git.run(["diff", "-U0", "--no-color", "--no-ext-diff", "-M", mergeBase, "--"]));
  const untracked = git.run(["ls-files", "--others", "--exclude-standard", "-z"]).split("\0").filter(Boolean);
  for (const path of untracked) {
    const text = readUntracked(join(root, path));
    const lines = text === null ? [] : text.split("\n");
    if (lines.at(-1) === "") lines.pop();
    files.push({ path, additions: lines.length, deletions: 0 });
    if (lines.length > 0) addedLines[path] = lines;
  }
  for (const file of files) if (!existsSync(join(root, file.path))) file.deleted = true;
  return { files, addedLines };
}

/** `git diff --numstat -z`: `add\tdel\tpath\0`, or for a rename `add\tdel\t\0old\0new\0`; binary files show `-`. */
function numstat(output: string): ChangedFile[] {
  const fields = output.split("\0");
  const files: ChangedFile[] = [];
  for (let i = 0; i < fields.length; i++) {
    const match = /^(-|\d+)\t(-|\d+)\t(.*)$/s.exec(fields[i]!);
    if (!match) continue;
    let path = match[3]!;
    if (path === "") {
      path = fields[i + 2] ?? "";
      i += 2;
    }
    const count = (n: string) => (n === "-" ? 0 : Number(n));
    if (path) files.push({ path, additions: count(match[1]!), deletions: count(match[2]!) });
  }
  return files;
}

function addedLinesOf(diff: string): Record<string, string[]> {
  const added: Record<string, string[]> = {};
  let current: string[] | null = null;
  for (const line of diff.split("\n")) {
    if (line.startsWith("diff --git ")) current = null;
    else if (line.startsWith("+++ ")) {
      const target = line.slice(4);
      if (target === "/dev/null") current = null;
      else {
        const file = target.replace(/^b\//, "");
        current = added[file] ?? [];
        added[file] = current;
      }
    } else if (current && line.startsWith("+")) current.push(line.slice(1));
  }
  return added;
}

function readUntracked(path: string): string | null {
  try {
    const buffer = readFileSync(path);
    return buffer.includes(0) ? null : buffer.toString("utf8");
  } catch {
    return null;
  }
}

/** `owner/name` from the `origin` remote, when it looks like GitHub's; the folder's name otherwise. */
export function localRepo(git: Git, root: string): Facts["repo"] {
  const url = git.tryRun(["remote", "get-url", "origin"])?.trim() ?? "";
  const match = /[/:]([^/:]+)\/([^/]+?)(?:\.git)?\/?$/.exec(url);
  return match ? { owner: match[1]!, name: match[2]! } : { owner: "local", name: basename(root) };
}
