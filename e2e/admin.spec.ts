import { expect, test } from "@playwright/test";
import { SIGNED_OUT } from "./auth";

// The admin page (signed in as admin): an API token created in the UI works as a Bearer token until
// it is revoked in the UI; a user created in the UI signs in and, as a viewer, sees no admin page.

test("create an API token in the UI, use it, revoke it: the next request is 401", async ({ page, playwright, baseURL }) => {
  test.setTimeout(90_000);
  await page.goto("/dashboards");
  await page.getByRole("link", { name: "Admin", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Administration" })).toBeVisible();
  await expect(page.getByRole("tab", { name: "Tokens" })).toHaveAttribute("aria-selected", "true");
  const name = `e2e-token-${Date.now()}`;
  await page.getByLabel("Token name").fill(name);
  await page.getByLabel("Token role").selectOption("viewer");
  await page.getByRole("button", { name: "Create token" }).click();
  const secret = await page.getByLabel("New token").inputValue();
  expect(secret).toMatch(/^orr_[A-Za-z0-9_-]{43}$/);
  await expect(page.getByRole("cell", { name, exact: true })).toBeVisible();

  // A client with no cookies at all: only the token speaks.
  const api = await playwright.request.newContext({ baseURL, storageState: SIGNED_OUT });
  const get = () => api.get("/api/dashboards", { headers: { authorization: `Bearer ${secret}` } });
  expect((await get()).status()).toBe(200);
  expect((await api.get("/api/dashboards")).status()).toBe(401);

  page.once("dialog", (d) => void d.accept());
  await page.getByRole("button", { name: `Revoke ${name}` }).click();
  await expect(page.getByRole("cell", { name, exact: true })).toHaveCount(0);
  const after = await get();
  expect(after.status()).toBe(401);
  expect((await after.json()).error.code).toBe("unauthorized");
  await api.dispose();
});

test("a user created in the UI signs in; as a viewer they get no Admin link and the page refuses them", async ({ page, browser, baseURL }) => {
  test.setTimeout(120_000);
  const username = `viewer-${Date.now()}`;
  await page.goto("/admin");
  await page.getByRole("tab", { name: "Users" }).click();
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Role", { exact: true }).selectOption("viewer");
  await page.getByLabel("Password").fill("viewer-e2e-password");
  await page.getByRole("button", { name: "Create user" }).click();
  await expect(page.getByRole("cell", { name: username, exact: true })).toBeVisible();
  // Hashes never reach the browser.
  const list = await page.request.get("/api/admin/users");
  expect(await list.text()).not.toMatch(/scrypt|passwordHash/);

  const context = await browser.newContext({ storageState: SIGNED_OUT });
  const viewer = await context.newPage();
  await viewer.goto(`${baseURL}/login?callbackUrl=%2Fadmin`);
  await viewer.getByLabel("Username", { exact: true }).fill(username);
  await viewer.getByLabel("Password", { exact: true }).fill("viewer-e2e-password");
  await viewer.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(viewer).toHaveURL(/\/admin$/, { timeout: 30_000 });
  await expect(viewer.getByTestId("signed-in-user")).toContainText(username);
  await expect(viewer.getByRole("alert").filter({ hasText: "You need the admin role" })).toBeVisible();
  await expect(viewer.getByRole("link", { name: "Admin", exact: true })).toHaveCount(0);
  expect((await viewer.request.get(`${baseURL}/api/admin/tokens`)).status()).toBe(403);

  // Deleting the user ends their session at the next request.
  page.once("dialog", (d) => void d.accept());
  await page.getByRole("button", { name: `Delete ${username}` }).click();
  await expect(page.getByRole("cell", { name: username, exact: true })).toHaveCount(0);
  expect((await viewer.request.get(`${baseURL}/api/dashboards`)).status()).toBe(401);
  await context.close();
});
