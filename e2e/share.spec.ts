import { expect, test, type Browser, type Page } from "@playwright/test";
import { E2E_ADMIN_PASSWORD } from "../test/oidc/e2e-config";
import { SAME_ORIGIN_HEADERS, SIGNED_OUT } from "./auth";
import { expectPanelDrawn, OVERVIEW, panel } from "./pages/dashboards";

// The share link round-trip (issue 6, "Must show"): change a variable and the range, Share → Link,
// and open the copied link in a fresh browser that signs in with credentials: same single panel,
// same range (absolute when locked) and variables. Then the short link.

test.use({ extraHTTPHeaders: SAME_ORIGIN_HEADERS });

const SHARED = "Targets up by cluster"; // panel 6
const OTHER = "Targets up";

/** A new browser context with no cookies: opening `link` goes through /login, then back to the link. */
async function openSignedIn(browser: Browser, link: string): Promise<Page> {
  const context = await browser.newContext({ storageState: SIGNED_OUT, timezoneId: "UTC" });
  const page = await context.newPage();
  await page.goto(link);
  await expect(page).toHaveURL(/\/login\?callbackUrl=/);
  await page.getByLabel("Username", { exact: true }).fill("admin");
  await page.getByLabel("Password", { exact: true }).fill(E2E_ADMIN_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/d\/federation-overview\//, { timeout: 20_000 });
  return page;
}

async function expectSharedView(page: Page, want: { from: string; to: string }) {
  await expectPanelDrawn(page, SHARED);
  await expect(panel(page, OTHER)).toHaveCount(0);
  await expect(page.getByLabel("Cluster", { exact: true })).toHaveValue("west");
  // The range the page runs, as its time picker shows it (absolute times as ISO 8601 UTC).
  await expect(page.getByLabel("From", { exact: true })).toHaveValue(want.from, { timeout: 20_000 });
  await expect(page.getByLabel("To", { exact: true })).toHaveValue(want.to);
  const url = new URL(page.url());
  expect(url.searchParams.get("viewPanel")).toBe("6");
  expect(url.searchParams.getAll("var-cluster")).toEqual(["west"]);
}

test("a shared panel link opens the same panel, range and variables after signing in; locked and shortened too", async ({ page, browser, context, baseURL }) => {
  test.setTimeout(180_000);
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseURL! });
  await page.goto(OVERVIEW);
  const cluster = page.getByLabel("Cluster", { exact: true });
  await expect(cluster.locator("option", { hasText: "west" })).toBeAttached({ timeout: 30_000 });
  await cluster.selectOption(["west"]);
  await expect(page).toHaveURL(/var-cluster=west/, { timeout: 20_000 });
  // Picked at once: a change builds on the page's newest URL write, rendered or not (e2e/variables-race.spec.ts).
  await page.getByLabel("Time range", { exact: true }).selectOption("now-15m");
  await expect(page).toHaveURL(/from=now-15m&to=now.*var-cluster=west/, { timeout: 20_000 });

  await panel(page, SHARED).getByRole("button", { name: "Panel menu" }).click();
  await page.getByRole("menuitem", { name: "Share", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: /Share panel/ });
  await expect(dialog.getByRole("tab", { name: "Link" })).toHaveAttribute("aria-selected", "true");
  const input = dialog.getByRole("textbox", { name: "Link", exact: true });
  const relative = await input.inputValue();
  expect(relative.startsWith(`${baseURL}${OVERVIEW}?viewPanel=6&from=now-15m&to=now`)).toBe(true);
  expect(new URL(relative).searchParams.getAll("var-cluster")).toEqual(["west"]);

  // Copy puts exactly that text on the clipboard.
  await dialog.getByRole("button", { name: "Copy" }).click();
  await expect(dialog.getByText("Copied to the clipboard.")).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(relative);

  const fresh = await openSignedIn(browser, relative);
  await expectSharedView(fresh, { from: "now-15m", to: "now" });

  // Locked: the absolute range being looked at, in epoch ms.
  await dialog.getByLabel("Lock time range").check();
  await expect(input).toHaveValue(/from=\d{13}&to=\d{13}/);
  const locked = await input.inputValue();
  const fromMs = Number(new URL(locked).searchParams.get("from"));
  const toMs = Number(new URL(locked).searchParams.get("to"));
  expect(toMs - fromMs).toBeGreaterThanOrEqual(15 * 60_000 - 1000);
  expect(toMs - fromMs).toBeLessThanOrEqual(15 * 60_000 + 1000);
  await fresh.goto(locked);
  await expectSharedView(fresh, { from: new Date(fromMs).toISOString(), to: new Date(toMs).toISOString() });

  // Shortened: /s/<id>, which redirects to exactly the locked path.
  await dialog.getByLabel("Shorten link").check();
  await expect(input).toHaveValue(new RegExp(`^${baseURL}/s/[A-Za-z0-9]{12}$`), { timeout: 20_000 });
  const short = await input.inputValue();
  const hop = await page.request.get(short, { maxRedirects: 0 });
  expect(hop.status()).toBe(302);
  expect(hop.headers()["location"]).toBe(locked.slice(baseURL!.length));
  await fresh.goto(short);
  await expectSharedView(fresh, { from: new Date(fromMs).toISOString(), to: new Date(toMs).toISOString() });
  await fresh.context().close();
});

test("a short link that does not exist is a 404 page, and a non-dashboard path cannot be shortened", async ({ page, request }) => {
  const res = await page.goto("/s/NoSuchLink00");
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Link not found" })).toBeVisible();
  const bad = await request.post("/api/short-links", { data: { path: "//evil.example/d/x" } });
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error.message).toMatch(/\/d\//);
});
