import { NextResponse, type NextRequest } from "next/server";
import { getAuthContext } from "@/lib/auth/context";
import { loginRedirectPath, pagePrincipal } from "@/lib/auth/page-session";
import { isEmbedPath, newNonce, pageContentSecurityPolicy, pageSecurityHeaders } from "@/lib/http/security-headers";

function withSecurityHeaders(res: NextResponse, csp: string, pathname: string): NextResponse {
  res.headers.set("content-security-policy", csp);
  for (const [k, v] of Object.entries(pageSecurityHeaders(pathname))) res.headers.set(k, v);
  return res;
}

/**
 * Every page: a Content-Security-Policy with a fresh nonce (Next reads it from the request's CSP
 * header and puts it on its own scripts; the layout reads `x-nonce`), frame-ancestors per page,
 * and, for comfort only, a redirect to the login page for visitors without a session. It is never
 * the guard (CVE-2025-29927): every API route handler calls `authorize` itself, and the API is not
 * matched here (next.config.js gives it its headers). A solo panel with `?token=` needs no session.
 */
export async function proxy(req: NextRequest): Promise<NextResponse> {
  const { pathname, searchParams } = req.nextUrl;
  const nonce = newNonce();
  const csp = pageContentSecurityPolicy({
    nonce,
    pathname,
    allowedOrigins: getAuthContext().settings.embed.allowedOrigins,
    dev: process.env.NODE_ENV === "development",
  });
  const open = pathname === "/login" || pathname.startsWith("/login/") || (isEmbedPath(pathname) && searchParams.has("token"));
  if (!open && !(await pagePrincipal(req.headers.get("cookie")))) {
    return withSecurityHeaders(NextResponse.redirect(new URL(loginRedirectPath(pathname, req.nextUrl.search), req.url)), csp, pathname);
  }
  const headers = new Headers(req.headers);
  headers.set("content-security-policy", csp);
  headers.set("x-nonce", nonce);
  return withSecurityHeaders(NextResponse.next({ request: { headers } }), csp, pathname);
}

export const config = {
  // Pages only: not the API (401s there; headers from next.config.js), not Next's assets or the icon.
  matcher: ["/((?!api/|_next/|icon\\.svg$|favicon\\.ico$).*)"],
};
