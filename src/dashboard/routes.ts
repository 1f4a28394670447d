// The web face: `/dod/<owner>/<repo>` (HTML) and `/dod/api/<owner>/<repo>` (JSON), behind "Sign in with GitHub"
// (`/dod/login`, `/dod/callback`, `/dod/logout`). A repository is shown only to a viewer whose own token can read
// it; anyone else gets 404, as GitHub itself answers. The data is read with the app's installation token.
// Nothing here writes to GitHub.
import type { IncomingMessage, ServerResponse } from "node:http";
import { OAuthApp } from "@octokit/oauth-app";
import { Octokit } from "@octokit/rest";
import type { Probot } from "probot";
import type { GitHub } from "../github/client.js";
import { aggregate, filterModel, OWNER_FILTERS, STATE_FILTERS } from "./aggregate.js";
import { gatherDashboard } from "../github/dashboard-gather.js";
import { gatherOrgRelease } from "../github/org-dashboard-gather.js";
import type { DashboardFilter } from "./model.js";
import { renderDashboardPage, renderMessagePage } from "./render-html.js";
import {
  CookieJar,
  randomState,
  readCookies,
  sameText,
  SESSION_COOKIE,
  SESSION_TTL_MS,
  type Session,
  type SignInState,
  setCookie,
  STATE_COOKIE,
  STATE_TTL_MS,
} from "./session.js";
import type { DashboardSettings } from "./settings.js";
import type { DodIdentity } from "../model/identity.js";
import { AccessCache, DEFAULT_ACCESS_TTL_MS } from "./access-cache.js";

const OWNER = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})";
const REPO = "[A-Za-z0-9._-]{1,100}";
const PAGE = new RegExp(`^/dod/(${OWNER})/(${REPO})/?$`);
const API = new RegExp(`^/dod/api/(${OWNER})/(${REPO})/?$`);
const ORG_PAGE = new RegExp(`^/dod/(${OWNER})/?$`);
const ORG_API = new RegExp(`^/dod/api/(${OWNER})/?$`);

const SECURITY_HEADERS = {
  "cache-control": "no-store",
  "x-content-type-options": "nosniff",
  "referrer-policy": "same-origin",
  "content-security-policy":
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
};

/** Answers `false` synchronously for paths outside `/dod`, so routes after it are reached at once. */
type Handler = (req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean>;

export function dashboardRoutes(probot: Probot, settings: DashboardSettings, identity: DodIdentity): Handler {
  let ready: Promise<{ oauth: OAuthApp<{ clientType: "github-app" }>; apiUrl: string }> | undefined;
  const jar = settings.sessionSecret ? new CookieJar(settings.sessionSecret) : null;
  /** Per sign-in and repository: which installation serves a repository this viewer may read. */
  const access = new AccessCache<number>(settings.accessTtlMs ?? DEFAULT_ACCESS_TTL_MS);

  // The API's base URL is Probot's (github.com or GHE_HOST); OAuth's web pages live on the same host.
  const setup = () =>
    (ready ??= (async () => {
      const app = await probot.auth();
      const apiUrl = app.request.endpoint.DEFAULTS.baseUrl;
      const oauth = new OAuthApp({
        clientType: "github-app",
        clientId: settings.clientId!,
        clientSecret: settings.clientSecret!,
        Octokit: Octokit.defaults({ baseUrl: apiUrl }) as unknown as ConstructorParameters<
          typeof OAuthApp
        >[0]["Octokit"],
      }) as OAuthApp<{ clientType: "github-app" }>;
      return { oauth, apiUrl };
    })());

  return (req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (url.pathname !== "/dod" && !url.pathname.startsWith("/dod/")) return false;
    return handle(req, res, url);
  };

  async function handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    // Signing out changes state, so it is a POST (a link or an image elsewhere can't do it); everything else is read.
    const allowed = url.pathname === "/dod/logout" ? ["POST"] : ["GET", "HEAD"];
    if (!allowed.includes(req.method ?? "")) {
      send(res, 405, "text/plain; charset=utf-8", "Method Not Allowed", { allow: allowed.join(", ") });
      return true;
    }
    if (!jar || !settings.clientId || !settings.clientSecret) {
      page(
        res,
        503,
        "Dashboard not configured",
        "Set GITHUB_CLIENT_ID, GITHUB_CLIENT_SECRET and DOD_SESSION_SECRET (see docs/dashboard.md).",
      );
      return true;
    }
    try {
      await route(req, res, url, { jar, access, setup, probot, settings, identity });
    } catch (error) {
      probot.log.error({ err: error, path: url.pathname }, "dashboard page failed");
      if (!res.headersSent) page(res, 502, "GitHub could not be read", "Try again in a minute.");
    }
    return true;
  }
}

async function revoke(deps: Deps, token: string): Promise<void> {
  try {
    await (await deps.setup()).oauth.deleteToken({ token });
  } catch (error) {
    // Signing out still clears the cookie; the token then lapses when it expires.
    deps.probot.log.warn({ err: error }, "could not revoke the signed-out viewer's GitHub token");
  }
}

interface Deps {
  jar: CookieJar;
  access: AccessCache<number>;
  setup: () => Promise<{ oauth: OAuthApp<{ clientType: "github-app" }>; apiUrl: string }>;
  probot: Probot;
  settings: DashboardSettings;
  identity: DodIdentity;
}

async function route(req: IncomingMessage, res: ServerResponse, url: URL, deps: Deps): Promise<void> {
  const { jar } = deps;
  const secure = isSecure(req, deps.settings);
  const cookies = readCookies(req.headers.cookie);

  if (url.pathname === "/dod/login") {
    const { oauth } = await deps.setup();
    const state = randomState();
    const returnTo = safeReturn(url.searchParams.get("return"));
    const sealed = jar.seal(STATE_COOKIE, {
      state,
      returnTo,
      expires: Date.now() + STATE_TTL_MS,
    } satisfies SignInState);
    const { url: authorize } = oauth.getWebFlowAuthorizationUrl({
      state,
      redirectUrl: `${origin(req, deps.settings)}/dod/callback`,
    });
    redirect(res, authorize, [setCookie(STATE_COOKIE, sealed, { maxAgeMs: STATE_TTL_MS, secure })]);
    return;
  }

  if (url.pathname === "/dod/callback") {
    const expected = jar.open<SignInState>(STATE_COOKIE, cookies[STATE_COOKIE]);
    const state = url.searchParams.get("state") ?? "";
    const code = url.searchParams.get("code");
    if (!expected || !code || !sameText(state, expected.state)) {
      page(res, 400, "Sign-in failed", "The sign-in expired or did not start here. Please sign in again.", {
        href: "/dod/login",
        text: "Sign in with GitHub",
      });
      return;
    }
    const { oauth, apiUrl } = await deps.setup();
    const { authentication } = await oauth.createToken({
      code,
      state,
      redirectUrl: `${origin(req, deps.settings)}/dod/callback`,
    });
    const { data: user } = await viewerOctokit(authentication.token, apiUrl).rest.users.getAuthenticated();
    const tokenExpires = authentication.expiresAt ? Date.parse(authentication.expiresAt) : Infinity;
    const expires = Math.min(Date.now() + SESSION_TTL_MS, tokenExpires);
    const session = jar.seal(SESSION_COOKIE, {
      login: user.login,
      token: authentication.token,
      expires,
    } satisfies Session);
    redirect(res, expected.returnTo, [
      setCookie(SESSION_COOKIE, session, { maxAgeMs: expires - Date.now(), secure }),
      setCookie(STATE_COOKIE, "", { maxAgeMs: 0, secure }),
    ]);
    return;
  }

  if (url.pathname === "/dod/logout") {
    // A form on another site can POST too: a browser says where the request came from.
    const from = req.headers.origin ?? req.headers["sec-fetch-site"];
    if (from !== undefined && from !== origin(req, deps.settings) && from !== "same-origin") {
      page(res, 403, "Not signed out", "Sign out from the dashboard's own page.");
      return;
    }
    const signedIn = cookies[SESSION_COOKIE];
    if (signedIn) {
      deps.access.forget(signedIn);
      // The cookie stays valid until it expires wherever a copy of it is: revoking the GitHub token it carries
      // makes a replayed copy sign in again, on every replica.
      const session = jar.open<Session>(SESSION_COOKIE, signedIn);
      if (session) await revoke(deps, session.token);
    }
    page(
      res,
      200,
      "Signed out",
      "You are signed out of the Definition of Done dashboard.",
      { href: "/dod/login", text: "Sign in again" },
      [setCookie(SESSION_COOKIE, "", { maxAgeMs: 0, secure })],
    );
    return;
  }

  const orgApi = ORG_API.exec(url.pathname);
  const orgMatch = orgApi ?? ORG_PAGE.exec(url.pathname);
  if (orgMatch && url.searchParams.get("release")) {
    await orgRoute(res, url, deps, orgMatch[1]!, orgApi !== null, cookies[SESSION_COOKIE], secure);
    return;
  }
  const api = API.exec(url.pathname);
  const match = api ?? PAGE.exec(url.pathname);
  if (!match) {
    page(
      res,
      404,
      "Not found",
      "Dashboards live at /dod/<owner>/<repo>, and one release across an organisation at /dod/<org>?release=<name>.",
    );
    return;
  }
  const [, owner, repo] = match as unknown as [string, string, string];
  const cookie = cookies[SESSION_COOKIE];
  const session = jar.open<Session>(SESSION_COOKIE, cookie);
  if (!session) {
    signInFirst(res, url, api !== null);
    return;
  }

  const access = await repositoryAccess(deps, cookie!, session, owner, repo);
  if (access === "signed-out") {
    signInAgain(res, url, api !== null, secure);
    return;
  }
  if (access === "no") {
    notFound(res, api !== null);
    return;
  }

  const github = (await deps.probot.auth(access.installationId)) as unknown as GitHub;
  const filter = readFilter(url.searchParams);
  const gathered = await gatherDashboard(github, owner, repo, {
    ...(deps.identity.appId !== undefined && { appId: deps.identity.appId }),
    ...(filter.release !== undefined && { find: filter.release }),
  });
  if (!gathered.config.ok) {
    const why =
      gathered.config.failure.kind === "missing" ? "has no .github/done.yml" : "has an invalid .github/done.yml";
    if (api) json(res, 409, { message: `${owner}/${repo} ${why}`, problems: gathered.config.failure.problems });
    else page(res, 200, `${owner}/${repo}`, `This repository ${why}, so there is no dashboard yet.`);
    return;
  }
  const model = aggregate(gathered.input!, gathered.config.config);
  const shown = filterModel(model, filter);
  if (api) {
    json(res, 200, { ...shown, filter });
    return;
  }
  send(
    res,
    200,
    "text/html; charset=utf-8",
    renderDashboardPage(shown, { viewer: session.login, path: url.pathname, filter, all: model }),
  );
}

/**
 * `/dod/<org>?release=v1.2`: one release across the organisation's repositories. Searched with the viewer's own
 * token, so each viewer sees exactly the repositories GitHub lets them read, and nothing else.
 */
async function orgRoute(
  res: ServerResponse,
  url: URL,
  deps: Deps,
  org: string,
  api: boolean,
  cookie: string | undefined,
  secure: boolean,
): Promise<void> {
  const session = deps.jar.open<Session>(SESSION_COOKIE, cookie);
  if (!session) {
    signInFirst(res, url, api);
    return;
  }
  const { apiUrl } = await deps.setup();
  const filter = readFilter(url.searchParams);
  let gathered;
  try {
    gathered = await gatherOrgRelease(viewerOctokit(session.token, apiUrl), org, filter.release!, {
      ...(deps.identity.appId !== undefined && { preferAppId: deps.identity.appId }),
    });
  } catch (error) {
    if ((error as { status?: number }).status === 401) {
      signInAgain(res, url, api, secure);
      return;
    }
    throw error;
  }
  // Nothing readable looks the same as nothing at all: 404, as for a repository.
  if (gathered.input.releases[0]!.pulls.length === 0) {
    notFound(res, api);
    return;
  }
  const model = aggregate(gathered.input, gathered.config.ok ? gathered.config.config : { dashboard: {} });
  const shown = filterModel(model, { ...filter, release: undefined });
  if (api) {
    json(res, 200, { ...shown, repositories: gathered.repositories, filter });
    return;
  }
  send(
    res,
    200,
    "text/html; charset=utf-8",
    renderDashboardPage(shown, { viewer: session.login, path: url.pathname, filter, all: model }),
  );
}

function readFilter(params: URLSearchParams): DashboardFilter {
  const owner = params.get("owner");
  const state = params.get("state");
  const release = params.get("release");
  return {
    ...(owner &&
      (OWNER_FILTERS as readonly (string | undefined)[]).includes(owner) && {
        owner: owner as DashboardFilter["owner"],
      }),
    ...(state && (STATE_FILTERS as readonly string[]).includes(state) && { state: state as DashboardFilter["state"] }),
    ...(release && { release }),
  };
}

function viewerOctokit(token: string, baseUrl: string): Octokit {
  return new Octokit({
    auth: token,
    baseUrl,
    userAgent: "dod-dashboard",
    log: { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined },
  });
}

/** Where signing in starts, coming back to this page. */
const signInUrl = (url: URL) => `/dod/login?return=${encodeURIComponent(url.pathname + url.search)}`;

/** No session: the page sends the browser to sign in; the JSON says where. */
function signInFirst(res: ServerResponse, url: URL, api: boolean): void {
  if (api) json(res, 401, { message: "Sign in with GitHub first", login: signInUrl(url) });
  else redirect(res, signInUrl(url));
}

/** GitHub no longer takes the viewer's token: the session is dropped and they sign in again. */
function signInAgain(res: ServerResponse, url: URL, api: boolean, secure: boolean): void {
  const clear = [setCookie(SESSION_COOKIE, "", { maxAgeMs: 0, secure })];
  if (api) json(res, 401, { message: "Your GitHub sign-in expired", login: signInUrl(url) }, clear);
  else redirect(res, signInUrl(url), clear);
}

/**
 * Whether this sign-in may read the repository, and the installation that serves it. A yes is remembered for this
 * session a short time (access-cache.ts); anything else is asked again on the next view.
 */
async function repositoryAccess(
  deps: Deps,
  cookie: string,
  session: Session,
  owner: string,
  repo: string,
): Promise<{ installationId: number } | "no" | "signed-out"> {
  const resource = `${owner}/${repo}`;
  const known = deps.access.get(cookie, resource);
  if (known !== undefined) return { installationId: known };
  const { apiUrl } = await deps.setup();
  const canRead = await viewerCanRead(session.token, apiUrl, owner, repo);
  if (canRead !== "yes") return canRead;
  const installationId = await installationOf(deps.probot, owner, repo);
  if (installationId === null) return "no";
  deps.access.set(cookie, resource, installationId);
  return { installationId };
}

/** Asked with the viewer's own token: only GitHub knows whether they may read it now. */
async function viewerCanRead(
  token: string,
  apiUrl: string,
  owner: string,
  repo: string,
): Promise<"yes" | "no" | "signed-out"> {
  try {
    // GitHub answers 200 only to someone who can read the repository; `permissions` is optional (some tokens get
    // the repository without it), so the answer itself is the proof.
    await viewerOctokit(token, apiUrl).rest.repos.get({ owner, repo });
    return "yes";
  } catch (error) {
    const status = (error as { status?: number }).status;
    if (status === 401) return "signed-out";
    if (status === 403 || status === 404) return "no";
    throw error;
  }
}

async function installationOf(probot: Probot, owner: string, repo: string): Promise<number | null> {
  const app = await probot.auth();
  try {
    const { data } = await app.rest.apps.getRepoInstallation({ owner, repo });
    return data.id;
  } catch (error) {
    if ((error as { status?: number }).status === 404) return null;
    throw error;
  }
}

/** Only a path of this app, so the sign-in can't be used to send people elsewhere. */
function safeReturn(value: string | null): string {
  return value?.startsWith("/dod/") && !value.startsWith("//") && !value.includes("\\") ? value : "/dod/";
}

function origin(req: IncomingMessage, settings: DashboardSettings): string {
  if (settings.publicUrl) return settings.publicUrl.replace(/\/+$/, "");
  return `${isSecure(req, settings) ? "https" : "http"}://${req.headers.host ?? "localhost"}`;
}

function isSecure(req: IncomingMessage, settings: DashboardSettings): boolean {
  if (settings.publicUrl) return settings.publicUrl.startsWith("https:");
  return req.headers["x-forwarded-proto"] === "https" || Boolean((req.socket as { encrypted?: boolean }).encrypted);
}

function notFound(res: ServerResponse, api: boolean): void {
  if (api) json(res, 404, { message: "Not Found" });
  else page(res, 404, "Not found", "There is no such repository, or you can't see it.");
}

function send(
  res: ServerResponse,
  status: number,
  type: string,
  body: string,
  headers: Record<string, string | string[]> = {},
): void {
  res.writeHead(status, { ...SECURITY_HEADERS, "content-type": type, ...headers });
  res.end(body);
}

function json(res: ServerResponse, status: number, body: unknown, cookies: string[] = []): void {
  send(
    res,
    status,
    "application/json; charset=utf-8",
    JSON.stringify(body),
    cookies.length ? { "set-cookie": cookies } : {},
  );
}

function page(
  res: ServerResponse,
  status: number,
  title: string,
  message: string,
  link?: { href: string; text: string },
  cookies: string[] = [],
): void {
  send(
    res,
    status,
    "text/html; charset=utf-8",
    renderMessagePage(title, message, link),
    cookies.length ? { "set-cookie": cookies } : {},
  );
}

function redirect(res: ServerResponse, location: string, cookies: string[] = []): void {
  res.writeHead(302, { ...SECURITY_HEADERS, location, ...(cookies.length && { "set-cookie": cookies }) });
  res.end();
}
