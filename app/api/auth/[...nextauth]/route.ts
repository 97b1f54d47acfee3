import type { NextRequest } from "next/server";
import NextAuth from "next-auth";
import { refuseBadCallbackUrl } from "@/lib/auth/next-auth-guard";
import { getAuthOptions } from "@/lib/auth/options";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ nextauth: string[] }> };

// next-auth's own routes: sign-in, callback, sign-out, session, csrf, providers. It guards its own POSTs with its CSRF token.
// A callback URL next-auth would answer with a 500 (not http(s)) is refused first with a 400.
async function handler(req: NextRequest, ctx: Ctx): Promise<Response> {
  return refuseBadCallbackUrl(req) ?? NextAuth(req, ctx, getAuthOptions());
}

export { handler as GET, handler as POST };
