// GitHub's documented REST operations, read from @octokit/openapi-types, so the suite can fail any request
// the app makes that GitHub does not document.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

interface Operation {
  method: string;
  pattern: RegExp;
  id: string;
}

let operations: Operation[] | undefined;

function load(): Operation[] {
  const file = createRequire(import.meta.url).resolve("@octokit/openapi-types/types.d.ts");
  const text = readFileSync(file, "utf8");
  const block = text.slice(text.indexOf("export interface paths {"), text.indexOf("export type webhooks"));
  const found: Operation[] = [];
  let path: string | undefined;
  for (const line of block.split("\n")) {
    const pathMatch = /^ {2}"(\/[^"]*)": \{/.exec(line);
    if (pathMatch) path = pathMatch[1];
    const opMatch = /^ {4}(get|put|post|delete|patch): operations\["([^"]+)"\]/.exec(line);
    if (path && opMatch) {
      const pattern = new RegExp(`^${path.replace(/\{[^}]+\}/g, "[^/]+")}$`);
      found.push({ method: opMatch[1]!.toUpperCase(), pattern, id: opMatch[2]! });
    }
  }
  return found;
}

/** The operation id (`checks/create`) GitHub documents for a request, or undefined. */
export function documentedOperation(method: string, path: string): string | undefined {
  operations ??= load();
  const bare = path.split("?")[0]!.replace(/^\/api\/v3/, "");
  return operations.find((op) => op.method === method.toUpperCase() && op.pattern.test(bare))?.id;
}
