import type { NextRequest } from "next/server";
import NextAuth from "next-auth";
import { refuseBadAuthRequest } from "@/lib/auth/next-auth-guard";
import { getAuthOptions } from "@/lib/auth/options";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ nextauth: string[] }> };

// next-auth's own routes: sign-in, callback, sign-out, session, csrf, providers. It guards its own POSTs with its CSRF token.
// What next-auth would answer with a 500 (a non-http(s) callback URL, a JSON body that is not an object) is a 400 first.
async function handler(req: NextRequest, ctx: Ctx): Promise<Response> {
  return (await refuseBadAuthRequest(req)) ?? NextAuth(req, ctx, getAuthOptions());
}

export { handler as GET, handler as POST };
