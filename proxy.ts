import { NextResponse, type NextRequest } from "next/server";
import { loginRedirectPath, pagePrincipal } from "@/lib/auth/page-session";

/**
 * Comfort only: a page visitor without a session (and anonymous access off) goes to the login page
 * first. It is never the guard (CVE-2025-29927): every API route handler calls `authorize` itself,
 * and the API is not matched here at all.
 */
export async function proxy(req: NextRequest): Promise<NextResponse> {
  if (await pagePrincipal(req.headers.get("cookie"))) return NextResponse.next();
  return NextResponse.redirect(new URL(loginRedirectPath(req.nextUrl.pathname, req.nextUrl.search), req.url));
}

export const config = {
  // Pages only: not the API (401s there), not the login page, not Next's assets or the icon.
  matcher: ["/((?!api/|_next/|login(?:/|$)|icon\\.svg$|favicon\\.ico$).*)"],
};
