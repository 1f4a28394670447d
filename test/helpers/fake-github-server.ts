// A stand-in for GitHub on 127.0.0.1 for tests that spawn a process (the CLI, the Action), where nock can't
// reach. It executes GraphQL against GitHub's schema over the test's world, answers REST with the test's data,
// records every request, and checks each against GitHub's published contract (GraphQL schema, documented REST
// operations): a wrong request gets an error answer and is recorded with `problem`, so the test fails on it.
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { limitRefusal } from "./github-rules.js";
import { executeGitHub } from "./graphql-double.js";
import { documentedOperation } from "./openapi.js";

export interface FakeRequest {
  method: string;
  /** Without the `/api/v3` prefix a GitHub Enterprise base URL adds; GraphQL is always `/graphql`. */
  path: string;
  /** The path as sent, e.g. `/api/v3/repos/…` or `/api/graphql` for GitHub Enterprise. */
  rawPath: string;
  body: any;
  /** `graphql` or the documented REST operation id (`checks/create`). */
  operation: string;
  authorization: string | undefined;
  userAgent: string | undefined;
  /** Why the request breaks GitHub's contract, if it does. */
  problem?: string;
}

export type RestReply = [status: number, body: unknown];

export interface FakeGitHubOptions {
  /** The world a GraphQL request is executed over, against GitHub's schema (see graphql-double.ts). */
  graphql?: (body: { query: string; variables?: Record<string, unknown> }) => unknown;
  /** REST answers; `undefined` means 404 Not Found, as GitHub says for anything unknown. */
  rest?: (method: string, path: string, body: any) => RestReply | undefined;
  /** When set, any other `Authorization` gets 401 Bad credentials. */
  token?: string;
}

export interface FakeGitHub {
  /** `http://127.0.0.1:PORT`: GraphQL at `/graphql`; also serves `${url}/api/v3` (GraphQL at `/api/graphql`). */
  url: string;
  requests: FakeRequest[];
  /** Requests as `METHOD path`, in order. */
  calls(): string[];
  /** Requests that broke GitHub's contract. */
  problems(): string[];
  find(operation: string): FakeRequest[];
  close(): Promise<void>;
}

export async function startFakeGitHub(options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
  const requests: FakeRequest[] = [];
  const server = createServer(async (req, res) => {
    const send = (status: number, payload: unknown) => {
      res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
      res.end(JSON.stringify(payload));
    };
    const text = await readBody(req);
    const method = req.method ?? "GET";
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const graphql = url.pathname === "/graphql" || url.pathname === "/api/graphql";
    const path = graphql ? "/graphql" : url.pathname.replace(/^\/api\/v3(?=\/)/, "") + url.search;
    let body: any = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // Recorded as sent.
    }
    const recorded: FakeRequest = {
      method,
      path,
      rawPath: url.pathname + url.search,
      body,
      operation: graphql ? "graphql" : (documentedOperation(method, path) ?? "undocumented"),
      authorization: req.headers.authorization,
      userAgent: req.headers["user-agent"],
    };
    requests.push(recorded);

    if (options.token !== undefined && req.headers.authorization !== `token ${options.token}`) {
      return send(401, { message: "Bad credentials", documentation_url: "https://docs.github.com/rest" });
    }
    try {
      if (graphql) {
        if (method !== "POST" || typeof body?.query !== "string") {
          recorded.problem = "GraphQL needs a POST with a JSON `query`";
          return send(400, { message: recorded.problem });
        }
        const world = options.graphql?.(body) ?? {};
        return send(
          200,
          executeGitHub(body.query, body.variables, world, (problem) => (recorded.problem = problem)),
        );
      }
      if (recorded.operation === "undocumented") {
        recorded.problem = `${method} ${path} is not a documented GitHub REST operation`;
        return send(404, { message: "Not Found" });
      }
      const refused = limitRefusal(recorded.operation, body);
      if (refused) return send(refused.status, refused.body);
      const reply = options.rest?.(method, path, body);
      return send(...(reply ?? [404, { message: "Not Found" }]));
    } catch (error) {
      recorded.problem = `the test's handler threw: ${error instanceof Error ? error.message : String(error)}`;
      return send(500, { message: recorded.problem });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    calls: () => requests.map((r) => `${r.method} ${r.path}`),
    problems: () => requests.flatMap((r) => (r.problem ? [`${r.method} ${r.path}: ${r.problem}`] : [])),
    find: (operation) => requests.filter((r) => r.operation === operation),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}
