// GitHub Actions' workflow commands and job summary: how an action speaks to the run's page.
import { appendFileSync } from "node:fs";

const escape = (text: string) => text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");

export const annotation = (level: "error" | "warning" | "notice", message: string) => `::${level}::${escape(message)}\n`;

/** Appends Markdown to the job summary, when the runner offers one. */
export function appendSummary(env: NodeJS.ProcessEnv, markdown: string): void {
  const file = env.GITHUB_STEP_SUMMARY;
  if (file) appendFileSync(file, markdown.endsWith("\n") ? markdown : `${markdown}\n`);
}
