import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { encode } from "next-auth/jwt";
import { vi } from "vitest";
import { createAuthContext, type AuthContext } from "@/lib/auth/context";
import { buildAuthOptions } from "@/lib/auth/options";
import { hashPassword } from "@/lib/auth/passwords";
import { resolveAuthSettings } from "@/lib/auth/settings";
import { ensureAdminUser } from "@/lib/auth/users";
import { NextAuthDriver } from "./next-auth-driver";

export const APP = "http://127.0.0.1:36092";
export const SECRET = "authorize-test-secret-0123456789abcdefgh";
export const ADMIN_PASSWORD = "admin-pass-from-env";

// Headers a client may send to try to skip Next middleware (CVE-2025-29927 and friends); authorize must not care.
export const SPOOFED = {
  "x-middleware-subrequest": "middleware:middleware:middleware:middleware:middleware",
  "x-middleware-prefetch": "1",
  "x-nextjs-data": "1",
  rsc: "1",
  "next-router-prefetch": "1",
  "x-invoke-path": "/api/health",
  "x-forwarded-user": "admin",
};

export interface AuthFixture {
  dir: string;
  ctx: AuthContext;
  /** Builds a context with other config (same data folder). */
  withConfig(auth: Record<string, unknown>): AuthContext;
  cleanup(): Promise<void>;
}

/** A data folder with the bootstrap admin and two configured local users (vic: viewer, ed: editor). */
export async function authFixture(auth: Record<string, unknown> = {}): Promise<AuthFixture> {
  // next-auth builds its URLs from NEXTAUTH_URL (startAuth sets it from auth.url in the app).
  vi.stubEnv("NEXTAUTH_URL", APP);
  const dir = await mkdtemp(path.join(tmpdir(), "orrery-authz-"));
  const users = [
    { username: "vic", passwordHash: await hashPassword("vic-pass"), role: "viewer" },
    { username: "ed", passwordHash: await hashPassword("ed-pass"), role: "editor" },
  ];
  const env = { ORRERY_DATA_DIR: dir, NODE_ENV: "test", ORRERY_ADMIN_PASSWORD: ADMIN_PASSWORD };
  const withConfig = (extra: Record<string, unknown>) => createAuthContext(resolveAuthSettings({ secret: SECRET, url: APP, users, ...extra }, env));
  const ctx = withConfig(auth);
  await ensureAdminUser(ctx.settings.dir, env);
  return { dir, ctx, withConfig, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Signs in through next-auth's credentials callback (as the login form does) and returns the driver holding the session cookie. */
export async function signInWithPassword(ctx: AuthContext, username: string, password: string): Promise<{ driver: NextAuthDriver; redirect?: string }> {
  const driver = new NextAuthDriver(APP, buildAuthOptions(ctx.settings));
  const csrfToken = await driver.csrfToken();
  const res = await driver.call("POST", "callback/credentials", { csrfToken, username, password, callbackUrl: `${APP}/dashboards`, json: "true" });
  return { driver, ...(res.redirect ? { redirect: res.redirect } : {}) };
}

/** A session cookie minted directly with next-auth's encoder (for forged or odd sessions). */
export async function sessionCookie(token: Record<string, unknown>, secret = SECRET, maxAgeSeconds = 3600): Promise<string> {
  return `next-auth.session-token=${await encode({ token, secret, maxAge: maxAgeSeconds })}`;
}
