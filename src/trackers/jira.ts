// Reads one Jira Cloud issue (REST v3, `GET /rest/api/3/issue/{key}`) through jira.js, as a linked issue whose body
// is its description — and the criteria custom field, if the config names one — in Markdown.
import { createCloudClient, isApiError, isAuthError, isForbiddenError, isNotFoundError } from "jira.js";
import type { LinkedIssue } from "../model/facts.js";
import { adfToMarkdown } from "./adf.js";
import { describe } from "./errors.js";
import type { JiraSettings } from "./settings.js";

export type JiraClient = ReturnType<typeof createCloudClient>;

export function jiraClient(settings: JiraSettings, onSchemaMismatch: "silent" | "throw" = "silent"): JiraClient {
  return createCloudClient({
    host: settings.baseUrl,
    auth: { type: "basic", email: settings.email, apiToken: settings.apiToken },
    onSchemaMismatch,
  });
}

export async function readJiraIssue(
  client: JiraClient,
  settings: JiraSettings,
  key: string,
  criteriaField?: string,
): Promise<LinkedIssue> {
  const url = `${settings.baseUrl}/browse/${key}`;
  const base = { repo: new URL(settings.baseUrl).host, number: 0, key, url, tracker: "jira" as const };
  try {
    const issue = await client.issues.getIssue({
      issueIdOrKey: key,
      fields: ["summary", "description", "status", ...(criteriaField ? [criteriaField] : [])],
      // `names` gives the custom field's display name, which then reads as its heading.
      ...(criteriaField && { expand: "names" }),
    });
    const fields = (issue.fields ?? {}) as Record<string, unknown>;
    const status = fields.status as { statusCategory?: { key?: string } } | undefined;
    let body = adfToMarkdown(fields.description);
    if (criteriaField && fields[criteriaField] != null) {
      const names = ((issue as { names?: Record<string, string> }).names ?? {}) as Record<string, string>;
      const value = fields[criteriaField];
      const text = typeof value === "string" ? value : adfToMarkdown(value);
      body += `\n\n## ${names[criteriaField] ?? criteriaField}\n\n${text}`;
    }
    return {
      ...base,
      title: String(fields.summary ?? ""),
      body,
      state: status?.statusCategory?.key === "done" ? "closed" : "open",
    };
  } catch (error) {
    return { ...base, title: "", body: "", state: "open", unreadable: jiraProblem(error, key) };
  }
}

/** What went wrong, in words that say what to fix. */
export function jiraProblem(error: unknown, key: string): string {
  if (isAuthError(error)) return "Jira answered 401: check JIRA_EMAIL and JIRA_API_TOKEN";
  if (isForbiddenError(error)) return `Jira answered 403: the account in JIRA_EMAIL may not browse ${key}`;
  if (isNotFoundError(error)) return `Jira does not know ${key} (or the account in JIRA_EMAIL may not see it)`;
  if (isApiError(error)) return `Jira answered ${error.status} for ${key}`;
  return `Jira could not be reached for ${key}: ${describe(error)}`;
}
