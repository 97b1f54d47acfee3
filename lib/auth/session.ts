import "server-only";
import { decode } from "next-auth/jwt";
import { ApiError } from "@/lib/http/errors";
import { bearerToken } from "./api-tokens";
import { getAuthContext, type AuthContext } from "./context";
import { assertSameOriginMutation, isMutation } from "./csrf";
import { verifyEmbedToken } from "./embed-tokens";
import { decide, PERMISSIONS, requiredRole, type Action, type Principal } from "./policy";
import { roleSchema } from "./roles";
import { localUserRole } from "./users";

/** The header the solo-panel page sends its embed token in (never a cookie, never forwarded upstream). */
export const EMBED_TOKEN_HEADER = "x-orrery-embed-token";

const SESSION_COOKIES = ["__Secure-next-auth.session-token", "next-auth.session-token"];

function parseCookies(header: string | null): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq < 1) continue;
    const name = part.slice(0, eq).trim();
    try {
      out.set(name, decodeURIComponent(part.slice(eq + 1).trim()));
    } catch {
      // A cookie that is not valid percent-encoding is not ours.
    }
  }
  return out;
}

// next-auth splits large session cookies into `<name>.0`, `<name>.1`, ...
function sessionCookie(cookies: Map<string, string>): string | undefined {
  for (const name of SESSION_COOKIES) {
    if (cookies.has(name)) return cookies.get(name);
    const chunks: string[] = [];
    for (let i = 0; cookies.has(`${name}.${i}`); i++) chunks.push(cookies.get(`${name}.${i}`)!);
    if (chunks.length > 0) return chunks.join("");
  }
  return undefined;
}

// Decrypted session JWTs by (secret, cookie value), until their `exp` (at most 5 min): the proxy sees
// the same cookie on every panel request, and HKDF + JWE decryption cost more than the rest of
// authorize. Only tokens that decrypted are kept (keyed by the whole encrypted value, so nothing else
// can hit them); the claims checks and the local user's current role below still run every request.
const decoded = new Map<string, { token: Record<string, unknown>; until: number }>();
const MAX_DECODED = 2000;
const MAX_DECODED_MS = 5 * 60_000;

async function decodeSession(raw: string, secret: string): Promise<Record<string, unknown> | null> {
  const key = `${secret}\u0000${raw}`;
  const now = Date.now();
  const hit = decoded.get(key);
  if (hit && hit.until > now) return hit.token;
  if (hit) decoded.delete(key);
  const token = (await decode({ token: raw, secret })) as Record<string, unknown> | null;
  if (!token) return null;
  const exp = typeof token.exp === "number" ? token.exp * 1000 : now;
  if (exp > now) {
    if (decoded.size >= MAX_DECODED) decoded.delete(decoded.keys().next().value!);
    decoded.set(key, { token, until: Math.min(exp, now + MAX_DECODED_MS) });
  }
  return token;
}

/** The signed-in user of the next-auth session cookie, or null (no cookie, undecryptable, expired, not a real session). */
export async function sessionPrincipal(req: Request, ctx: AuthContext): Promise<Principal | null> {
  const raw = sessionCookie(parseCookies(req.headers.get("cookie")));
  if (!raw) return null;
  let token: Record<string, unknown> | null;
  try {
    token = await decodeSession(raw, ctx.settings.secret);
  } catch {
    return null;
  }
  // A token without our claims is not a session (e.g. a leftover OAuth-flow cookie: CVE-2023-48309).
  if (!token || typeof token.sub !== "string" || !token.sub || typeof token.provider !== "string") return null;
  let role = roleSchema.safeParse(token.role).data;
  if (!role) return null;
  const name = typeof token.name === "string" && token.name ? token.name : token.sub;
  if (token.provider === "credentials") {
    // Local users are re-read each request: a removed user or a changed role takes effect at once.
    const current = await localUserRole(ctx.settings.dir, ctx.settings.users, token.sub);
    if (!current) return null;
    role = current;
  }
  return { kind: "user", id: token.sub, name, role, provider: token.provider };
}

export interface AuthorizeOptions {
  /** For `panel:embed`: the dashboard and panel requested, which an embed token must cover. */
  embed?: { uid: string; panelId: number };
  /** The handler accepts `multipart/form-data` mutations too (same origin check; see CsrfOptions.allowMultipart). */
  allowMultipart?: boolean;
  /** Defaults to the process context; tests pass their own. */
  context?: AuthContext;
}

function unauthorized(action: Action, ctx: AuthContext, why: string): ApiError {
  const role = requiredRole(action, ctx.settings);
  return new ApiError(401, "unauthorized", `${why}: ${action} needs a session or an API token with the ${role} role`, undefined, {
    action,
    requiredRole: role,
  });
}

async function identify(req: Request, action: Action, opts: AuthorizeOptions, ctx: AuthContext): Promise<Principal | null> {
  const bearer = bearerToken(req);
  if (bearer !== undefined) {
    const token = bearer && (await ctx.apiTokens.verify(bearer));
    if (!token) throw unauthorized(action, ctx, "the Authorization header does not carry a valid API token");
    return { kind: "api-token", id: token.id, name: token.name, role: token.role };
  }
  const user = await sessionPrincipal(req, ctx);
  if (user) return user;
  const embedToken = req.headers.get(EMBED_TOKEN_HEADER);
  if (embedToken !== null && "embed" in PERMISSIONS[action] && opts.embed) {
    const { tokenId, claims } = await verifyEmbedToken(embedToken, { ...opts.embed, secret: ctx.settings.secret, store: ctx.embedTokens });
    return { kind: "embed", tokenId, claims };
  }
  if (ctx.settings.anonymous.enabled) return { kind: "anonymous", role: ctx.settings.anonymous.role };
  return null;
}

/**
 * THE authorization call of every route handler: who is asking (API token, session cookie, embed
 * token, or anonymous when enabled) and whether they may perform `action`. Cookie sessions must
 * also pass the CSRF check on mutations. Throws ApiError 401 (no or invalid credentials; the body
 * names the action and role needed), 403 (not allowed, CSRF) or 415. Middleware is never the guard.
 */
export async function authorize(req: Request, action: Action, opts: AuthorizeOptions = {}): Promise<Principal> {
  const ctx = opts.context ?? getAuthContext();
  const principal = await identify(req, action, opts, ctx);
  if (!principal) throw unauthorized(action, ctx, "sign in first");
  const decision = decide(principal, action, ctx.settings);
  if (!decision.allow) {
    if (principal.kind === "anonymous") throw unauthorized(action, ctx, decision.reason);
    throw new ApiError(403, "forbidden", decision.reason, undefined, { action, requiredRole: requiredRole(action, ctx.settings) });
  }
  if (principal.kind === "user" && isMutation(req.method)) {
    // A POST that only reads (a form-encoded PromQL query) must still come from our origin, but may be a form.
    const mutates: boolean = PERMISSIONS[action].mutates;
    assertSameOriginMutation(req, {
      trustedOrigins: [...(ctx.settings.url ? [new URL(ctx.settings.url).origin] : []), ...ctx.settings.trustedOrigins],
      requireJson: mutates,
      allowMultipart: opts.allowMultipart,
    });
  }
  return principal;
}
