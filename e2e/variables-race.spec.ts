import { expect, test, type Page } from "@playwright/test";
import { SAME_ORIGIN_HEADERS } from "./auth";
import { expectPanelDrawn, OVERVIEW } from "./pages/dashboards";

// The user's choices hold while the page is still catching up (lib/dashboards/url-state-writes): on
// a slow CPU each URL write renders seconds later, and a change built on the rendered URL (a range
// picked right after a variable) or the page's write-back of the values it resolved undid the
// choice made meanwhile (share.spec failed so under load). A 6x CPU throttle makes that the rule.

test.use({ extraHTTPHeaders: SAME_ORIGIN_HEADERS });

async function openThrottled(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 6 });
  await page.goto(OVERVIEW);
  const cluster = page.getByLabel("Cluster", { exact: true });
  // The options are there once the variables resolved, when the page writes their defaults back.
  await expect(cluster.locator("option", { hasText: "west" })).toBeAttached({ timeout: 60_000 });
  return cluster;
}

async function expectHeld(page: Page) {
  await expect(page).toHaveURL(/from=now-15m&to=now&var-cluster=west(&|$)/, { timeout: 30_000 });
  await expect(page.getByLabel("Cluster", { exact: true })).toHaveValues(["west"], { timeout: 30_000 });
  await expectPanelDrawn(page, "Targets up by cluster", 60_000);
  // Still so once the page has rendered, resolved and written back what it shows.
  const url = new URL(page.url());
  expect(url.searchParams.getAll("var-cluster")).toEqual(["west"]);
  expect(url.searchParams.get("from")).toBe("now-15m");
}

test("a variable and then a range picked while the page catches up both hold", async ({ page }) => {
  test.setTimeout(150_000);
  const cluster = await openThrottled(page);
  await cluster.selectOption(["west"]);
  await page.getByLabel("Time range", { exact: true }).selectOption("now-15m");
  await expectHeld(page);
});

test("a range and then a variable picked while the page catches up both hold", async ({ page }) => {
  test.setTimeout(150_000);
  const cluster = await openThrottled(page);
  await page.getByLabel("Time range", { exact: true }).selectOption("now-15m");
  await cluster.selectOption(["west"]);
  await expectHeld(page);
});
