// Reads one Linear issue through @linear/sdk's client: one small GraphQL query of our own (the SDK's `issue()`
// fetches every field of an issue), sent with the SDK's transport, authentication and error types.
import { LinearClient, LinearError, LinearErrorType } from "@linear/sdk";
import type { LinkedIssue } from "../model/facts.js";
import { describe } from "./errors.js";

export const LINEAR_ISSUE_QUERY = `query DodIssue($id: String!) {
  issue(id: $id) {
    identifier
    title
    description
    url
    state { type }
  }
}`;

interface IssueData {
  issue: { identifier: string; title: string; description?: string | null; url: string; state: { type: string } };
}

export function linearClient(settings: { apiKey: string; apiUrl?: string }): LinearClient {
  return new LinearClient({ apiKey: settings.apiKey, ...(settings.apiUrl && { apiUrl: settings.apiUrl }) });
}

export async function readLinearIssue(client: LinearClient, key: string): Promise<LinkedIssue> {
  const base = { repo: "linear.app", number: 0, key, tracker: "linear" as const };
  try {
    const { data } = await client.client.rawRequest<IssueData, { id: string }>(LINEAR_ISSUE_QUERY, { id: key });
    const issue = data!.issue;
    return {
      ...base,
      key: issue.identifier,
      url: issue.url,
      title: issue.title,
      body: issue.description ?? "",
      // Linear's workflow state types: triage, backlog, unstarted, started, completed, canceled.
      state: issue.state.type === "completed" || issue.state.type === "canceled" ? "closed" : "open",
    };
  } catch (error) {
    return { ...base, url: "", title: "", body: "", state: "open", unreadable: linearProblem(error, key) };
  }
}

export function linearProblem(error: unknown, key: string): string {
  if (error instanceof LinearError) {
    const status = error.status ? `${error.status}` : error.type;
    if (error.type === LinearErrorType.AuthenticationError)
      return `Linear refused the API key (${status}): check LINEAR_API_KEY`;
    if (error.type === LinearErrorType.Forbidden)
      return `Linear answered ${status}: LINEAR_API_KEY may not read ${key}`;
    if (error.errors?.some((e) => /entity not found/i.test(e.message))) return `Linear does not know ${key}`;
    if (error.type === LinearErrorType.NetworkError)
      return `Linear could not be reached for ${key}: ${describe(error)}`;
    return `Linear answered ${status} for ${key}: ${error.errors?.[0]?.message ?? error.message}`;
  }
  return `Linear could not be reached for ${key}: ${describe(error)}`;
}
