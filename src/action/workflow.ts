// GitHub Actions' workflow commands and job summary: how an action speaks to the run's page.
import { appendFileSync } from "node:fs";

const escapeData = (text: string) => text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
// Property values also escape the characters that separate properties.
const escapeProperty = (text: string) => escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");

export interface AnnotationPlace {
  file: string;
  line: number;
  col: number;
}

export function annotation(level: "error" | "warning" | "notice", message: string, place?: AnnotationPlace): string {
  const props = place ? ` file=${escapeProperty(place.file)},line=${place.line},col=${place.col}` : "";
  return `::${level}${props}::${escapeData(message)}\n`;
}

/** Appends Markdown to the job summary, when the runner offers one. */
export function appendSummary(env: NodeJS.ProcessEnv, markdown: string): void {
  const file = env.GITHUB_STEP_SUMMARY;
  if (file) appendFileSync(file, markdown.endsWith("\n") ? markdown : `${markdown}\n`);
}
