import { expect, test, type Page } from "@playwright/test";
import { SAME_ORIGIN_HEADERS } from "./auth";
import { ApiDashboards, dashboardDoc, expectPanelDrawn, OVERVIEW, panel, waitForFederatedScrapes } from "./pages/dashboards";
import { queriesOf } from "./pages/panel-queries";

// Signed in as admin (storageState); API mutations carry the Origin a browser would send (CSRF check).
test.use({ extraHTTPHeaders: SAME_ORIGIN_HEADERS });

// Viewing dashboards in Chromium against the real Prometheus federation stack: the provisioned
// federation overview, variables, URL state, drag-zoom, and a failing panel that stays local.

const made = new ApiDashboards();
test.afterAll(async ({ request }) => {
  await made.deleteAll(request);
});

async function proxiedQueries(page: Page, run: (seen: readonly string[]) => Promise<void>): Promise<string[]> {
  const seen: string[] = [];
  const listener = (req: import("@playwright/test").Request) => {
    // A panel query alone (its form or URL), or each query of a batch (POST /api/queries) as its form.
    const batched = queriesOf(req).filter((q) => q.batched);
    if (batched.length > 0) for (const q of batched) seen.push(decodeURIComponent(`${q.endpoint} ${q.form.toString()}`.replace(/\+/g, " ")));
    else if (req.url().includes("/api/ds/")) seen.push(decodeURIComponent((req.postData() ?? req.url()).replace(/\+/g, " ")));
  };
  page.on("request", listener);
  await run(seen);
  page.off("request", listener);
  return seen;
}

test.describe("dashboard view", () => {
  // Step-aligned range ends fall up to one step before "now": on a stack started seconds ago the
  // newest panels would honestly show "No data". Wait until the global server has a few scrapes.
  test.beforeAll(async ({ request }) => {
    await waitForFederatedScrapes(request, 60_000);
  });

  test("the provisioned federation overview renders every panel type with data", async ({ page }) => {
    await page.goto(OVERVIEW);
    await expect(page.getByRole("heading", { name: "Prometheus federation overview", level: 1 })).toBeVisible({ timeout: 20_000 });
    await expectPanelDrawn(page, "Targets up by cluster", 20_000);
    await expect(panel(page, "Targets up").getByText(/^\d+$/).first()).toBeVisible();
    await expectPanelDrawn(page, "Federation scrapes healthy");
    await expect(panel(page, "Head series per cluster").getByText("east")).toBeVisible();
    // Panels below the fold render once scrolled into view.
    await expect(panel(page, "Targets").getByRole("table")).toHaveCount(0);
    await panel(page, "About this dashboard").scrollIntoViewIfNeeded();
    await expect(panel(page, "About this dashboard").getByRole("heading", { name: "Federation" })).toBeVisible();
    await expect(panel(page, "Targets").getByRole("cell", { name: "west" }).first()).toBeVisible();
    // The URL now carries the view, Grafana-style.
    await expect(page).toHaveURL(/from=now-1h&to=now/);
  });

  test("choosing two values of a multi-value variable sends cluster=~\"(east|west)\" upstream", async ({ page }) => {
    await page.goto(OVERVIEW);
    const cluster = page.getByLabel("Cluster", { exact: true });
    await expect(cluster.locator("option", { hasText: "west" })).toBeAttached({ timeout: 20_000 });
    await proxiedQueries(page, async (sent) => {
      await cluster.selectOption(["east", "west"]);
      await expect(page).toHaveURL(/var-cluster=east&var-cluster=west/);
      // The view changes without a page request, so "network idle" can come before the re-query: wait for the requests.
      await expect.poll(() => sent.some((q) => q.includes('cluster=~"(east|west)"')), { timeout: 30_000 }).toBe(true);
      // The chained instance variable re-resolved for the new selection.
      await expect.poll(() => sent.some((q) => q.includes("label/instance/values") && q.includes('cluster=~"(east|west)"')), { timeout: 30_000 }).toBe(true);
    });
  });

  test("the URL restores the view in a new page: range, variables and a single panel", async ({ page, context }) => {
    await page.goto(`${OVERVIEW}?from=now-15m&to=now&var-cluster=west&viewPanel=6`);
    await expect(panel(page, "Targets up by cluster")).toBeVisible({ timeout: 20_000 });
    await expect(panel(page, "Federation lag")).toHaveCount(0);
    const url = page.url();
    const second = await context.newPage();
    await second.goto(url);
    await expect(second.getByLabel("From", { exact: true })).toHaveValue("now-15m");
    await expect(second.getByLabel("Cluster", { exact: true })).toHaveValue("west");
    await expectPanelDrawn(second, "Targets up by cluster", 20_000);
    await expect(panel(second, "Targets up")).toHaveCount(0);
  });

  test("an invalid URL value falls back to the default with a visible notice", async ({ page }) => {
    await page.goto(`${OVERVIEW}?from=yesterday-ish&to=now`);
    await expect(page.getByRole("status").filter({ hasText: "yesterday-ish" })).toBeVisible();
    await expect(page.getByLabel("From", { exact: true })).toHaveValue("now-1h");
  });

  test("drag across a time series zooms: from and to in the URL become the selected times", async ({ page }) => {
    await page.goto(`${OVERVIEW}?from=now-30m&to=now`);
    const canvas = panel(page, "Targets up by cluster").locator("canvas").first();
    await expect(canvas).toBeVisible({ timeout: 20_000 });
    const box = (await canvas.boundingBox())!;
    const y = box.y + box.height / 2;
    await page.mouse.move(box.x + box.width * 0.3, y);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.5, y, { steps: 5 });
    await page.mouse.move(box.x + box.width * 0.7, y, { steps: 5 });
    await page.mouse.up();
    await expect(page).toHaveURL(/from=\d{4}-\d\d-\d\dT/);
    const params = new URL(page.url()).searchParams;
    const span = Date.parse(params.get("to")!) - Date.parse(params.get("from")!);
    expect(span).toBeGreaterThan(0);
    expect(span).toBeLessThan(30 * 60_000);
    await page.goBack();
    await expect(page).toHaveURL(/from=now-30m/);
  });

  test("the inspector shows the data as CSV and the exact query with its step and upstream timing", async ({ page }) => {
    await page.goto(`${OVERVIEW}?from=now-30m&to=now&var-cluster=$__all`);
    const target = panel(page, "Targets up by cluster");
    await expect(target.locator("canvas").first()).toBeVisible({ timeout: 20_000 });
    await target.getByRole("button", { name: "Panel menu" }).click();
    await page.getByRole("menuitem", { name: "Inspect" }).click();
    const inspector = page.getByRole("dialog", { name: "Inspect: Targets up by cluster" });
    await expect(inspector).toContainText(/\d+ series, 0 instant values, \d+ rows/);
    await expect(inspector.getByText(/^Series,cluster,Time,Value/)).toBeVisible();
    const download = page.waitForEvent("download");
    await inspector.getByRole("button", { name: "Download CSV" }).click();
    expect((await download).suggestedFilename()).toBe("Targets_up_by_cluster.csv");
    await inspector.getByRole("tab", { name: "Query" }).click();
    await expect(inspector).toContainText("sum by (cluster) (up{cluster=~");
    await expect(inspector).toContainText("/api/ds/global/api/v1/query_range");
    await expect(inspector).toContainText(/Step\s*\d+s \(\$__interval/);
    await expect(inspector).toContainText(/ms total, [\d.]+ ms upstream, \d+ bytes/);
  });

  test("the list offers recently viewed dashboards, and the theme switch persists", async ({ page }) => {
    await page.goto(OVERVIEW);
    await expect(page.getByRole("heading", { name: "Prometheus federation overview", level: 1 })).toBeVisible({ timeout: 20_000 });
    // The heading now comes with the server's HTML; the view is remembered once the page has hydrated
    // (a drawn chart shows it has), so leaving before that would leave no recent entry.
    await expectPanelDrawn(page, "Targets up by cluster", 20_000);
    await page.getByRole("link", { name: "Dashboards", exact: true }).click();
    const recent = page.getByRole("navigation", { name: "Recently viewed" });
    await expect(recent.getByRole("link", { name: "Prometheus federation overview" })).toBeVisible();
    await recent.getByRole("link", { name: "Prometheus federation overview" }).click();
    await expect(page).toHaveURL(/\/d\/federation-overview\//);

    const html = page.locator("html");
    const dark = (await html.getAttribute("class"))?.includes("dark") ?? false;
    await page.getByRole("button", { name: dark ? "Switch to light theme" : "Switch to dark theme" }).click();
    await page.reload();
    if (dark) await expect(html).not.toHaveClass(/dark/);
    else await expect(html).toHaveClass(/dark/);
  });

  test("a panel with a broken query shows the upstream's error while the others render", async ({ page, request }) => {
    const uid = `broken-${Date.now()}`;
    await made.create(
      request,
      dashboardDoc(uid, "Broken and fine", {
        panels: [
          { id: 1, type: "timeseries", title: "Fine", gridPos: { x: 0, y: 0, w: 12, h: 8 }, targets: [{ refId: "A", expr: "sum by (cluster) (up)" }] },
          { id: 2, type: "stat", title: "Broken", gridPos: { x: 12, y: 0, w: 12, h: 8 }, targets: [{ refId: "A", expr: "sum(up{" }] },
          { id: 3, type: "stat", title: "Down datasource", datasource: "down", gridPos: { x: 0, y: 8, w: 12, h: 4 }, targets: [{ refId: "A", expr: "up" }] },
        ],
      }),
    );
    await page.goto(`/d/${uid}`);
    // A real query chain (and ECharts loading beside it): 5 s flaked on a loaded 2-core machine.
    await expect(panel(page, "Broken").getByRole("alert")).toContainText("parse error", { timeout: 20_000 });
    await expect(panel(page, "Down datasource").getByRole("alert")).toContainText('datasource "down" is unreachable', { timeout: 20_000 });
    await expectPanelDrawn(page, "Fine");
    await expect(panel(page, "Fine").getByRole("alert")).toHaveCount(0);
  });

  test("charts follow the theme: a switch redraws them in place, no reload", async ({ page }) => {
    test.slow(); // the whole federation overview renders and re-renders: slow on a loaded CI machine
    await page.goto(`${OVERVIEW}?from=now-30m&to=now&refresh=`);
    const chart = panel(page, "Targets up by cluster").getByTestId("chart");
    const canvas = chart.locator("canvas").first();
    await expect(canvas).toBeVisible({ timeout: 20_000 });
    const html = page.locator("html");
    const before = (await html.getAttribute("class"))?.includes("dark") ? "dark" : "light";
    const after = before === "dark" ? "light" : "dark";
    await expect(chart).toHaveAttribute("data-chart-theme", before);
    const pixelsBefore = await canvas.screenshot();
    // A marker on window survives only if the page is not reloaded.
    await page.evaluate(() => ((window as unknown as { orreryMarker: number }).orreryMarker = 42));

    await page.getByRole("button", { name: `Switch to ${after} theme` }).click();
    await expect(chart).toHaveAttribute("data-chart-theme", after);
    // Every chart on the page follows, not just one.
    for (const c of await page.getByTestId("chart").all()) await expect(c).toHaveAttribute("data-chart-theme", after);
    await expect.poll(async () => (await canvas.screenshot()).equals(pixelsBefore)).toBe(false);
    expect(await page.evaluate(() => (window as unknown as { orreryMarker?: number }).orreryMarker)).toBe(42);
  });

  test("theme= on a dashboard link overrides the stored theme without replacing it", async ({ page }) => {
    test.slow(); // the whole federation overview renders and re-renders: slow on a loaded CI machine
    await page.addInitScript(() => localStorage.setItem("orrery-theme", "dark"));
    await page.goto(`${OVERVIEW}?from=now-30m&to=now&theme=light`);
    const html = page.locator("html");
    await expect(html).not.toHaveClass(/dark/, { timeout: 15_000 });
    const chart = panel(page, "Targets up by cluster").getByTestId("chart");
    await expect(chart.locator("canvas").first()).toBeVisible({ timeout: 20_000 });
    await expect(chart).toHaveAttribute("data-chart-theme", "light");
    // The page's own URL rewrites keep the parameter, so a copied link still embeds light.
    await expect(page).toHaveURL(/[?&]theme=light/);
    expect(await page.evaluate(() => localStorage.getItem("orrery-theme"))).toBe("dark");
    // Leaving the dashboard shows the viewer's own theme again.
    await page.getByRole("link", { name: "Explore", exact: true }).click();
    await expect(page).toHaveURL(/\/explore/);
    await expect(html).toHaveClass(/dark/, { timeout: 15_000 });
    // And an invalid value is named, not applied.
    await page.goto(`${OVERVIEW}?theme=purple`);
    await expect(page.getByRole("status").filter({ hasText: 'theme="purple"' })).toBeVisible({ timeout: 15_000 });
    await expect(html).toHaveClass(/dark/, { timeout: 15_000 });
  });

  test("the time zone picker searches IANA zones, puts timezone= in the URL, and tooltips use it", async ({ page }) => {
    test.slow(); // the whole federation overview renders and re-renders: slow on a loaded CI machine
    await page.goto(`${OVERVIEW}?from=now-30m&to=now&refresh=`);
    const target = panel(page, "Targets up by cluster");
    await expect(target.locator("canvas").first()).toBeVisible({ timeout: 20_000 });
    await page.getByRole("button", { name: "Time zone: Browser time" }).click();
    const search = page.getByRole("combobox", { name: "Search time zones" });
    await search.fill("tokyo");
    const options = page.getByRole("listbox", { name: "Time zones" }).getByRole("option");
    await expect(options).toHaveCount(1);
    await expect(options.first()).toContainText("Asia/Tokyo");
    await expect(options.first()).toContainText("UTC+09:00");
    await search.press("Enter");
    await expect(page).toHaveURL(/[?&]timezone=Asia%2FTokyo/);
    await expect(page.getByRole("button", { name: "Time zone: Asia/Tokyo" })).toBeVisible();

    // The browser runs in UTC (playwright.config.ts); the tooltip's time must be Tokyo's wall clock,
    // i.e. read as Tokyo time it falls inside the last 30 minutes.
    const box = (await target.locator("canvas").first().boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.5);
    const stamp = target.getByText(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/).first();
    await expect(stamp).toBeVisible();
    const wall = (await stamp.textContent())!;
    const asTokyoMs = Date.parse(`${wall.replace(" ", "T")}+09:00`);
    expect(Math.abs(Date.now() - asTokyoMs)).toBeLessThan(40 * 60_000);

    // The choice survives a reload, and "UTC" is one search away.
    await page.reload();
    await page.getByRole("button", { name: "Time zone: Asia/Tokyo" }).click();
    await page.getByRole("combobox", { name: "Search time zones" }).fill("utc");
    await page.getByRole("option", { name: /^UTC/ }).first().click();
    await expect(page).toHaveURL(/[?&]timezone=utc/);
  });

  test("refresh below the minimum falls back with a notice naming it, and shorter choices are not offered", async ({ page }) => {
    test.slow(); // the whole federation overview renders and re-renders: slow on a loaded CI machine
    await page.goto(`${OVERVIEW}?from=now-30m&to=now&refresh=1s`);
    await expect(page.getByRole("status").filter({ hasText: 'refresh="1s"' })).toContainText("the minimum refresh interval is 5s");
    const refresh = page.getByLabel("Auto-refresh");
    await expect(refresh).toHaveValue("5s");
    await expect(page).toHaveURL(/[?&]refresh=5s/, { timeout: 20_000 });
    const offered = await refresh.locator("option").allTextContents();
    expect(offered[0]).toBe("Off");
    expect(offered.slice(1).every((r) => /^\d+[smh]$/.test(r))).toBe(true);
    expect(offered).not.toContain("1s");
    expect(offered).toContain("5s");
  });
});
