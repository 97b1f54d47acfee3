import "server-only";
import { getAuthContext } from "./context";
import type { Principal } from "./policy";
import { sessionPrincipal } from "./session";

/**
 * Who is looking at a page: the session user of this cookie header, else the anonymous role when
 * anonymous access is on, else null. For the page chrome and the sign-in redirect only: API route
 * handlers decide access with `authorize`.
 */
export async function pagePrincipal(cookieHeader: string | null): Promise<Principal | null> {
  const ctx = getAuthContext();
  const user = await sessionPrincipal(new Request("http://orrery.invalid/", { headers: { cookie: cookieHeader ?? "" } }), ctx);
  if (user) return user;
  return ctx.settings.anonymous.enabled ? { kind: "anonymous", role: ctx.settings.anonymous.role } : null;
}

/** `/login?callbackUrl=<path and query>`, for a visitor without a session. */
export function loginRedirectPath(pathname: string, search: string): string {
  return `/login?callbackUrl=${encodeURIComponent(`${pathname}${search}`)}`;
}
