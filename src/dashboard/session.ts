// Cookies the web page keeps: the session (who signed in, with their token) and the OAuth `state` of a sign-in
// under way. Both are encrypted (AES-256-GCM, so the viewer's token is unreadable in the browser) and signed
// (HMAC-SHA256), with keys derived from one secret; both expire.
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from "node:crypto";

export interface Session {
  login: string;
  token: string;
  /** Epoch milliseconds. */
  expires: number;
}

export interface SignInState {
  state: string;
  returnTo: string;
  expires: number;
}

export const SESSION_COOKIE = "dod_session";
export const STATE_COOKIE = "dod_oauth";
export const SESSION_TTL_MS = 8 * 60 * 60 * 1000;
export const STATE_TTL_MS = 10 * 60 * 1000;

export class CookieJar {
  private readonly encKey: Buffer;
  private readonly macKey: Buffer;

  constructor(secret: string) {
    if (secret.length < 16) throw new Error("the dashboard's session secret must be at least 16 characters");
    this.encKey = Buffer.from(hkdfSync("sha256", secret, "dod-dashboard", "encrypt", 32));
    this.macKey = Buffer.from(hkdfSync("sha256", secret, "dod-dashboard", "sign", 32));
  }

  /**
   * `purpose` (the cookie's name) is signed with the value: a cookie sealed for one purpose never opens as another —
   * the OAuth state cookie, which anyone starting a sign-in gets, is not a session.
   */
  seal(purpose: string, value: object): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", this.encKey, iv);
    const data = Buffer.concat([cipher.update(JSON.stringify(value), "utf8"), cipher.final()]);
    const blob = Buffer.concat([iv, cipher.getAuthTag(), data]).toString("base64url");
    return `${blob}.${this.sign(purpose, blob)}`;
  }

  /** The value, or null when the cookie was tampered with, sealed with another secret, or has expired. */
  open<T extends { expires: number }>(purpose: string, cookie: string | undefined, now = Date.now()): T | null {
    if (!cookie) return null;
    const [blob, mac] = cookie.split(".");
    if (!blob || !mac) return null;
    const expected = Buffer.from(this.sign(purpose, blob));
    const given = Buffer.from(mac);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    try {
      const raw = Buffer.from(blob, "base64url");
      const decipher = createDecipheriv("aes-256-gcm", this.encKey, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      const json = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
      const value = JSON.parse(json) as T;
      return typeof value.expires === "number" && value.expires > now ? value : null;
    } catch {
      return null;
    }
  }

  private sign(purpose: string, blob: string): string {
    return createHmac("sha256", this.macKey).update(`${purpose}\n${blob}`).digest("base64url");
  }
}

export function readCookies(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0) cookies[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  return cookies;
}

export function setCookie(name: string, value: string, options: { maxAgeMs: number; secure: boolean }): string {
  const attributes = [
    `${name}=${value}`,
    "Path=/dod",
    "HttpOnly",
    "SameSite=Lax",
    `Max-Age=${Math.max(0, Math.floor(options.maxAgeMs / 1000))}`,
  ];
  if (options.secure) attributes.push("Secure");
  return attributes.join("; ");
}

export const randomState = () => randomBytes(24).toString("base64url");

export function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
