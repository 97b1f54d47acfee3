import type { NextRequest } from "next/server";
import NextAuth from "next-auth";
import { getAuthOptions } from "@/lib/auth/options";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ nextauth: string[] }> };

// next-auth's own routes: sign-in, callback, sign-out, session, csrf, providers. It guards its own POSTs with its CSRF token.
async function handler(req: NextRequest, ctx: Ctx): Promise<Response> {
  return NextAuth(req, ctx, getAuthOptions());
}

export { handler as GET, handler as POST };
