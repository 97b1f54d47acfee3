import { expect, test } from "@playwright/test";
import { E2E_ADMIN_PASSWORD, E2E_OIDC_PORT } from "../test/oidc/e2e-config";
import { startOidcProvider, type OidcTestProvider } from "../test/oidc/provider";
import { SIGNED_OUT } from "./auth";

// The app's e2e config has an `auth` section naming this identity provider (scripts/stack/test-env.ts),
// and the webServer runs with ORRERY_ADMIN_PASSWORD. These tests start signed out.
test.use({ storageState: SIGNED_OUT });

let idp: OidcTestProvider | undefined;

test.beforeAll(async ({ baseURL }) => {
  // A real oidc-provider process on a loopback port; the app reads its discovery document at sign-in.
  idp = await startOidcProvider({ port: E2E_OIDC_PORT, redirectUris: [`${baseURL}/api/auth/callback/oidc`] });
});
test.afterAll(async () => {
  await idp?.stop();
});

async function sessionRole(page: import("@playwright/test").Page): Promise<string | undefined> {
  const res = await page.request.get("/api/auth/session");
  return ((await res.json()) as { user?: { role?: string } }).user?.role;
}

test("credentials: admin signs in and lands on the callback page", async ({ page }) => {
  await page.goto("/login?callbackUrl=%2Fdashboards");
  await page.getByLabel("Username", { exact: true }).fill("admin");
  await page.getByLabel("Password", { exact: true }).fill(E2E_ADMIN_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/dashboards$/, { timeout: 20_000 });
  expect(await sessionRole(page)).toBe("admin");
});

test("credentials: a wrong password is refused with a message and no session", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Username", { exact: true }).fill("admin");
  await page.getByLabel("Password", { exact: true }).fill("not-the-password");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  // Next's route announcer is also role="alert": pick ours by its text.
  await expect(page.getByRole("alert").filter({ hasText: "Wrong username or password." })).toBeVisible();
  expect(await sessionRole(page)).toBeUndefined();
});

test("OIDC: signing in at the identity provider maps its groups to a role", async ({ page }) => {
  await page.goto("/login?callbackUrl=%2Fexplore");
  await page.getByRole("button", { name: "Sign in with Test IdP" }).click();
  await expect(page).toHaveURL(new RegExp(`^http://127\\.0\\.0\\.1:${E2E_OIDC_PORT}/interaction/`));
  await page.getByLabel("Login").fill("eddie");
  await page.getByLabel("Password").fill("eddie-pass");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/explore(\?|$)/);
  expect(await sessionRole(page)).toBe("editor");
});

test("OIDC: a user whose groups map to no role sees why, and has no session", async ({ page }) => {
  await page.goto("/login");
  await page.getByRole("button", { name: "Sign in with Test IdP" }).click();
  await page.getByLabel("Login").fill("nobody");
  await page.getByLabel("Password").fill("nobody-pass");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/login\?error=AccessDenied$/);
  await expect(page.getByRole("alert").filter({ hasText: "none of its groups maps to a role" })).toBeVisible();
  expect(await sessionRole(page)).toBeUndefined();
});

test("a foreign callbackUrl is reduced to the app's own origin", async ({ page, baseURL }) => {
  await page.goto("/login?callbackUrl=%2F%2Fevil.example%2Fsteal");
  await page.getByLabel("Username", { exact: true }).fill("admin");
  await page.getByLabel("Password", { exact: true }).fill(E2E_ADMIN_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  // Lands on the app's home page ("/", which may itself redirect), never on evil.example.
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
  expect(new URL(page.url()).origin).toBe(baseURL);
});

test("an anonymous API request gets 401 naming what is missing", async ({ request }) => {
  const res = await request.get("/api/dashboards", { headers: { "x-middleware-subrequest": "middleware:middleware:middleware:middleware:middleware" } });
  expect(res.status()).toBe(401);
  expect(await res.json()).toMatchObject({ error: { code: "unauthorized", action: "dashboards:read" } });
});

test("a page visitor without a session is sent to the login page, and back after signing in", async ({ page }) => {
  await page.goto("/topology?ds=global");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Ftopology%3Fds%3Dglobal$/);
  await page.getByLabel("Username", { exact: true }).fill("admin");
  await page.getByLabel("Password", { exact: true }).fill(E2E_ADMIN_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  // Playwright reads the URL in the page, whose main thread is busy starting /topology for seconds under load.
  await expect(page).toHaveURL(/\/topology\?ds=global$/, { timeout: 20_000 });
  await expect(page.getByTestId("signed-in-user")).toHaveText("admin(admin)");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  expect(await sessionRole(page)).toBeUndefined();
});

test("a spoofed middleware header gets no page and no data without a session", async ({ request }) => {
  const spoofed = { "x-middleware-subrequest": "middleware:middleware:middleware:middleware:middleware" };
  const page = await request.get("/dashboards", { headers: spoofed, maxRedirects: 0 });
  expect(page.status()).toBe(307);
  expect(page.headers().location).toMatch(/\/login\?callbackUrl=%2Fdashboards$/);
  for (const path of ["/api/datasources", "/api/settings", "/api/topology", "/api/knative/revisions", "/api/dashboards/schema"]) {
    expect((await request.get(path, { headers: spoofed })).status(), path).toBe(401);
  }
  const query = await request.get("/api/ds/global/api/v1/query?query=up", { headers: spoofed });
  expect(query.status()).toBe(401);
  expect(await query.json()).toMatchObject({ status: "error", errorType: "unauthorized" });
});
