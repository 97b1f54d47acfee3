import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { buildAuthOptions } from "@/lib/auth/options";
import { MemorySignInLimiter, parseTooManyAttempts } from "@/lib/auth/sign-in-limit";
import { NextAuthDriver } from "./next-auth-driver";
import { ADMIN_PASSWORD, APP, authFixture, type AuthFixture } from "./setup";

// The limiter inside next-auth's real credentials flow: after 5 wrong passwords from one IP even the
// right one is refused (no scrypt work, no session) with the wait; another IP still signs in.

let fx: AuthFixture;
beforeAll(async () => {
  fx = await authFixture();
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await fx.cleanup();
});

async function signIn(options: ReturnType<typeof buildAuthOptions>, password: string, ip: string) {
  const driver = new NextAuthDriver(APP, options);
  const csrfToken = await driver.csrfToken();
  const res = await driver.call("POST", "callback/credentials", { csrfToken, username: "admin", password, callbackUrl: `${APP}/dashboards`, json: "true" }, { "x-forwarded-for": ip });
  const error = res.redirect ? new URL(res.redirect).searchParams.get("error") : null;
  return { error, session: driver.jar.names().includes("next-auth.session-token") };
}

describe("sign-in rate limiting (credentials)", () => {
  it("5 failures lock out that username + IP with a wait in seconds; another IP is unaffected", async () => {
    const options = buildAuthOptions(fx.ctx.settings, { signInLimiter: new MemorySignInLimiter() });
    for (let i = 0; i < 5; i++) expect(await signIn(options, `wrong-${i}`, "203.0.113.5")).toEqual({ error: "CredentialsSignin", session: false });
    const locked = await signIn(options, ADMIN_PASSWORD, "203.0.113.5");
    expect(locked.session).toBe(false);
    const wait = parseTooManyAttempts(locked.error ?? "");
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(300);
    expect(await signIn(options, ADMIN_PASSWORD, "203.0.113.6")).toEqual({ error: null, session: true });
  });

  it("fewer than 5 failures, then the right password, signs in and resets the count", async () => {
    const options = buildAuthOptions(fx.ctx.settings, { signInLimiter: new MemorySignInLimiter() });
    for (let i = 0; i < 4; i++) await signIn(options, "wrong", "203.0.113.7");
    expect((await signIn(options, ADMIN_PASSWORD, "203.0.113.7")).session).toBe(true);
    for (let i = 0; i < 4; i++) await signIn(options, "wrong", "203.0.113.7");
    expect((await signIn(options, ADMIN_PASSWORD, "203.0.113.7")).session).toBe(true);
  });
});
