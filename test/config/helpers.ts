import type { ConfigProblem } from "../../src/model/config-problems.js";

/** `file:line:column  path  message`, the way the CLI prints a problem. */
export const fmt = (p: ConfigProblem) => `${p.file}:${p.line}:${p.column}  ${p.path}  ${p.message}`;

/** Turns an indented template literal into file text (strips the common indent and the first newline). */
export function yaml(text: string): string {
  const lines = text.replace(/^\n/, "").split("\n");
  const indent = Math.min(...lines.filter((l) => l.trim() !== "").map((l) => l.match(/^ */)![0].length));
  return lines.map((l) => l.slice(indent)).join("\n");
}
