import { expect, test, type Locator, type Page } from "@playwright/test";

// The what-if replay on /knative against the test stack's simulator. shop/checkout-00001 serves a
// steady ~12 concurrent requests with containerConcurrency 10 (per-pod target 7), so it runs 2 pods;
// Knative caps the target at containerConcurrency, so the what-if lifts the limit along with the target.

const CHECKOUT = "/knative?ds=global&ns=shop&svc=checkout&rev=checkout-00001&from=now-20m&to=now";

// The page loads six charts' queries before the what-if's; on a busy machine that takes a while.
test.describe.configure({ timeout: 120_000 });

/** The what-if section, by label and role as a user finds its parts. */
class WhatIf {
  readonly section: Locator;
  readonly target: Locator;
  readonly containerConcurrency: Locator;
  readonly run: Locator;

  constructor(readonly page: Page) {
    this.section = page.getByRole("region", { name: "What-if replay" });
    this.target = this.section.getByLabel("Target", { exact: true });
    this.containerConcurrency = this.section.getByLabel("containerConcurrency");
    this.run = this.section.getByRole("button", { name: "Run what-if" });
  }

  total(row: "podseconds" | "overcap" | "panics" | "coldstarts", run: "actual" | "baseline" | "predicted"): Locator {
    return this.section.getByTestId(`whatif-${row}-${run}`);
  }

  /** A total as a number, once it is shown. */
  async number(row: "podseconds" | "overcap" | "panics" | "coldstarts", run: "actual" | "baseline" | "predicted"): Promise<number> {
    const cell = this.total(row, run);
    await expect(cell).toHaveText(/^[\d,]+$/, { timeout: 45_000 });
    return Number((await cell.textContent())!.replace(/,/g, ""));
  }
}

test("a what-if with a higher target predicts fewer pod-seconds than actual, and survives a reload", async ({ page }) => {
  await page.goto(CHECKOUT);
  const whatIf = new WhatIf(page);
  await expect(whatIf.section).toBeVisible({ timeout: 30_000 });
  await expect(whatIf.section).toContainText("approximation");

  await expect(whatIf.total("podseconds", "actual")).toHaveText(/^[\d,]+$/, { timeout: 45_000 });

  await whatIf.target.fill("100");
  await whatIf.containerConcurrency.fill("0");
  await whatIf.run.click();
  await expect(page).toHaveURL(/[?&]wi\.target=100(&|$)/);
  await expect(page).toHaveURL(/[?&]wi\.cc=0(&|$)/);
  await expect(page).toHaveURL(/[?&]wi\.from=\d+&wi\.to=\d+/);
  // The page's own parameters are kept.
  await expect(page).toHaveURL(/[?&]rev=checkout-00001/);

  // Read after the run: the run pins the range it replayed.
  const actual = await whatIf.number("podseconds", "actual");
  expect(actual).toBeGreaterThan(0);
  await expect.poll(() => whatIf.number("podseconds", "predicted"), { timeout: 30_000 }).toBeLessThan(actual);
  const predicted = await whatIf.number("podseconds", "predicted");
  await expect(whatIf.section.getByRole("img", { name: "Predicted ready pods over actual ready pods" })).toBeVisible();

  // The link holds the settings and the replayed range: a reload shows the same what-if.
  await page.reload();
  const reloaded = new WhatIf(page);
  await expect(reloaded.target).toHaveValue("100", { timeout: 30_000 });
  await expect(reloaded.containerConcurrency).toHaveValue("0");
  expect(await reloaded.number("podseconds", "predicted")).toBe(predicted);
  expect(await reloaded.number("podseconds", "actual")).toBe(actual);

  // Reset clears the what-if from the URL.
  await reloaded.section.getByRole("button", { name: /^Reset/ }).click();
  await expect(page).not.toHaveURL(/wi\./);
  await expect(reloaded.target).toHaveValue("");
});

test("invalid what-if values in a link are ignored with a notice naming them", async ({ page }) => {
  await page.goto(`${CHECKOUT}&wi.target=lots&wi.window=3&wi.min=2`);
  const whatIf = new WhatIf(page);
  const notice = whatIf.section.getByRole("status").filter({ hasText: "Some what-if settings in the link were ignored" });
  await expect(notice).toContainText('wi.target: Target must be a number ≥ 0.01, not "lots"', { timeout: 30_000 });
  await expect(notice).toContainText("wi.window: Stable window must be whole seconds from 6s to 1h");
  // The valid value still applies.
  await expect(whatIf.section.getByLabel("Min scale")).toHaveValue("2");
  await expect(whatIf.total("podseconds", "predicted")).toHaveText(/^[\d,]+$/, { timeout: 45_000 });

  // The form refuses a bad value, names it, and leaves the URL alone.
  await whatIf.target.fill("-3");
  await whatIf.run.click();
  await expect(whatIf.section.getByText('Target must be a number ≥ 0.01, not "-3"')).toBeVisible();
  await expect(page).not.toHaveURL(/wi\.target=-3/);
});
