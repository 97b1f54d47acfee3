import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessionPrincipal } from "@/lib/auth/session";
import { ensureAdminUser } from "@/lib/auth/users";
import { ADMIN_PASSWORD, APP, authFixture, signInWithPassword, type AuthFixture } from "./setup";

let fx: AuthFixture;
beforeAll(async () => {
  fx = await authFixture();
});
afterAll(() => fx.cleanup());

describe("bootstrap admin", () => {
  it("is created from ORRERY_ADMIN_PASSWORD, stored hashed under <data>/.auth", async () => {
    const text = await readFile(path.join(fx.dir, ".auth", "users.json"), "utf8");
    expect(text).toContain('"username": "admin"');
    expect(text).toContain('"role": "admin"');
    expect(text).not.toContain(ADMIN_PASSWORD);
    expect(text).toMatch(/"passwordHash": "scrypt\$/);
  });

  it("is not replaced on later starts, even with another password", async () => {
    expect(await ensureAdminUser(fx.ctx.settings.dir, { ORRERY_ADMIN_PASSWORD: "something-else" })).toBe("exists");
    const { redirect } = await signInWithPassword(fx.ctx, "admin", ADMIN_PASSWORD);
    expect(redirect).toBe(`${APP}/dashboards`);
  });

  it("is not created without ORRERY_ADMIN_PASSWORD", async () => {
    const other = await authFixture();
    try {
      expect(await ensureAdminUser(path.join(other.dir, "elsewhere"), {})).toBe("no-password");
    } finally {
      await other.cleanup();
    }
  });
});

describe("credentials sign-in through next-auth", () => {
  it.each([
    ["admin", ADMIN_PASSWORD, "admin"],
    ["ed", "ed-pass", "editor"],
    ["vic", "vic-pass", "viewer"],
  ])("%s / %s signs in and the session carries role %s", async (username, password, role) => {
    const { driver, redirect } = await signInWithPassword(fx.ctx, username, password);
    expect(redirect).toBe(`${APP}/dashboards`);
    expect(await sessionPrincipal(driver.appRequest("/api/dashboards"), fx.ctx)).toMatchObject({ kind: "user", id: username, role, provider: "credentials" });
  });

  it.each([
    ["admin", "wrong"],
    ["ed", ADMIN_PASSWORD],
    ["nobody", "x"],
    ["", ""],
  ])("refuses %s / %s with CredentialsSignin and no session", async (username, password) => {
    const { driver, redirect } = await signInWithPassword(fx.ctx, username, password);
    expect(redirect).toMatch(/error=CredentialsSignin/);
    expect(driver.jar.names()).not.toContain("next-auth.session-token");
  });

  it("refuses a sign-in POST without next-auth's CSRF token", async () => {
    const { NextAuthDriver } = await import("./next-auth-driver");
    const { buildAuthOptions } = await import("@/lib/auth/options");
    const driver = new NextAuthDriver(APP, buildAuthOptions(fx.ctx.settings));
    const res = await driver.call("POST", "callback/credentials", { username: "admin", password: ADMIN_PASSWORD, json: "true" });
    expect(res.redirect).toMatch(/csrf=true/);
    expect(driver.jar.names()).not.toContain("next-auth.session-token");
  });

  it("drops a local user's session once the user is removed from the config", async () => {
    const { driver } = await signInWithPassword(fx.ctx, "vic", "vic-pass");
    expect(await sessionPrincipal(driver.appRequest("/"), fx.ctx)).toMatchObject({ id: "vic" });
    const withoutVic = fx.withConfig({ users: [] });
    expect(await sessionPrincipal(driver.appRequest("/"), withoutVic)).toBeNull();
  });
});
