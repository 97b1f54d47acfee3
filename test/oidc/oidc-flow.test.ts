import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAuthContext, type AuthContext } from "@/lib/auth/context";
import { buildAuthOptions } from "@/lib/auth/options";
import { sessionPrincipal } from "@/lib/auth/session";
import { resolveAuthSettings } from "@/lib/auth/settings";
import { CookieJar } from "../auth/cookie-jar";
import { NextAuthDriver } from "../auth/next-auth-driver";
import { startOidcProvider, type OidcTestProvider } from "./provider";

// The app is never started: next-auth's handler runs in-process (as inside the route), while every
// call to the identity provider (discovery, authorize, token, JWKS) is real HTTP to a real oidc-provider.
const APP = "http://127.0.0.1:36091";

let idp: OidcTestProvider;
let dir: string;
let ctx: AuthContext;
const savedUrl = process.env.NEXTAUTH_URL;

beforeAll(async () => {
  process.env.NEXTAUTH_URL = APP;
  dir = await mkdtemp(path.join(tmpdir(), "orrery-oidc-"));
  idp = await startOidcProvider({ port: Number(process.env.ORRERY_TEST_OIDC_PORT ?? 0), redirectUris: [`${APP}/api/auth/callback/oidc`] });
  const settings = resolveAuthSettings(
    {
      secret: "test-secret-for-oidc-flow-0123456789abcdef",
      url: APP,
      oidc: {
        name: "Test IdP",
        issuer: idp.issuer,
        clientId: idp.clientId,
        clientSecret: idp.clientSecret,
        roleMapping: { admin: ["orrery-admins"], editor: ["orrery-editors"], viewer: ["orrery-viewers"] },
      },
    },
    { ORRERY_DATA_DIR: dir, NODE_ENV: "test" },
  );
  ctx = createAuthContext(settings);
});

afterAll(async () => {
  await idp?.stop();
  await rm(dir, { recursive: true, force: true });
  if (savedUrl === undefined) delete process.env.NEXTAUTH_URL;
  else process.env.NEXTAUTH_URL = savedUrl;
});

/** Follows the identity provider's redirects, logging in on its form, until it sends the browser back to the app. */
async function loginAtIdp(authorizeUrl: string, login: string, password: string): Promise<{ back?: URL; status: number; html?: string }> {
  const jar = new CookieJar();
  let url = authorizeUrl;
  for (let hop = 0; hop < 10; hop++) {
    if (url.startsWith(APP)) return { back: new URL(url), status: 302 };
    const res = await fetch(url, { redirect: "manual", headers: { cookie: jar.header() } });
    jar.addFrom(res);
    const location = res.headers.get("location");
    if (location) {
      url = new URL(location, url).href;
      continue;
    }
    const html = await res.text();
    const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
    if (res.status !== 200 || !action) return { status: res.status, html };
    const post = await fetch(new URL(action, url), {
      method: "POST",
      redirect: "manual",
      headers: { cookie: jar.header(), "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ login, password }),
    });
    jar.addFrom(post);
    const next = post.headers.get("location");
    if (!next) return { status: post.status, html: await post.text() };
    url = new URL(next, url).href;
  }
  throw new Error("too many redirects at the identity provider");
}

async function signInWithOidc(login: string, password: string, complete = true) {
  const driver = new NextAuthDriver(APP, buildAuthOptions(ctx.settings));
  const csrfToken = await driver.csrfToken();
  const start = await driver.call("POST", "signin/oidc", { csrfToken, callbackUrl: `${APP}/d/abc?from=now-6h`, json: "true" });
  expect(start.redirect, "next-auth should send the browser to the issuer").toMatch(new RegExp(`^${idp.issuer}/auth\\?`));
  const authorize = new URL(start.redirect!);
  expect(authorize.searchParams.get("code_challenge_method")).toBe("S256");
  expect(authorize.searchParams.get("state")).toBeTruthy();
  expect(authorize.searchParams.get("nonce")).toBeTruthy();
  const idpResult = await loginAtIdp(start.redirect!, login, password);
  if (!idpResult.back || !complete) return { driver, idpResult };
  const callback = await driver.call("GET", `callback/oidc${idpResult.back.search}`);
  return { driver, idpResult, callback };
}

describe("test identity provider (oidc-provider)", () => {
  it("serves a discovery document for its issuer with code flow, S256 PKCE and the groups claim", async () => {
    const res = await fetch(`${idp.issuer}/.well-known/openid-configuration`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as Record<string, unknown>;
    expect(doc.issuer).toBe(idp.issuer);
    expect(doc.authorization_endpoint).toBe(`${idp.issuer}/auth`);
    expect(doc.response_types_supported).toContain("code");
    expect(doc.code_challenge_methods_supported).toContain("S256");
    expect(doc.claims_supported).toContain("groups");
    const jwks = (await (await fetch(String(doc.jwks_uri))).json()) as { keys: unknown[] };
    expect(jwks.keys.length).toBeGreaterThan(0);
  });
});

describe("authorization-code flow through next-auth with Orrery's options", () => {
  it("signs alice in as admin from her groups array, back to the same-origin callback URL", async () => {
    const { driver, callback } = await signInWithOidc("alice", "alice-pass");
    expect(callback?.redirect).toBe(`${APP}/d/abc?from=now-6h`);
    expect(driver.jar.names()).toContain("next-auth.session-token");
    const principal = await sessionPrincipal(driver.appRequest("/api/dashboards"), ctx);
    expect(principal).toMatchObject({ kind: "user", id: "alice", name: "Alice Admin", role: "admin", provider: "oidc" });
  });

  it("maps a string-valued groups claim (vera) to viewer", async () => {
    const { driver } = await signInWithOidc("vera", "vera-pass");
    expect(await sessionPrincipal(driver.appRequest("/"), ctx)).toMatchObject({ id: "vera", role: "viewer" });
  });

  it("refuses a user whose groups map to no role (no defaultRole): AccessDenied, no session", async () => {
    const { driver, callback } = await signInWithOidc("nobody", "nobody-pass");
    expect(callback?.redirect).toBe(`${APP}/api/auth/error?error=AccessDenied`);
    // next-auth's error route forwards to our login page, which shows the reason as text.
    expect((await driver.call("GET", "error?error=AccessDenied")).redirect).toBe("/login?error=AccessDenied");
    expect(driver.jar.names()).not.toContain("next-auth.session-token");
    expect(await sessionPrincipal(driver.appRequest("/"), ctx)).toBeNull();
  });

  it("stays at the provider's login form on a wrong password", async () => {
    const { idpResult, callback } = await signInWithOidc("alice", "wrong");
    expect(callback).toBeUndefined();
    expect(idpResult.status).toBe(401);
    expect(idpResult.html).toContain("Wrong login or password.");
  });

  it("refuses a callback whose state does not match the browser's cookie (CSRF on the OAuth flow)", async () => {
    const { idpResult } = await signInWithOidc("eddie", "eddie-pass", false);
    // A second browser that never started this flow delivers the (unused) code and state: no state/PKCE cookies.
    const stranger = new NextAuthDriver(APP, buildAuthOptions(ctx.settings));
    await stranger.csrfToken();
    const replay = await stranger.call("GET", `callback/oidc${idpResult.back!.search}`);
    expect(replay.redirect).toBe(`${APP}/api/auth/error?error=OAuthCallback`);
    expect(stranger.jar.names()).not.toContain("next-auth.session-token");
  });

  it("reduces a foreign callbackUrl to the app's own origin", async () => {
    const driver = new NextAuthDriver(APP, buildAuthOptions(ctx.settings));
    const csrfToken = await driver.csrfToken();
    await driver.call("POST", "signin/oidc", { csrfToken, callbackUrl: "https://evil.example/steal", json: "true" });
    // next-auth stores the callback URL in a cookie after passing it through our redirect callback.
    expect(decodeURIComponent(driver.jar.get("next-auth.callback-url") ?? "")).toBe(`${APP}/`);
  });
});
