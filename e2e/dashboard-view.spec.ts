import { expect, test, type Page } from "@playwright/test";

// Viewing dashboards in Chromium against the real Prometheus federation stack: the provisioned
// federation overview, variables, URL state, drag-zoom, and a failing panel that stays local.

const OVERVIEW = "/d/federation-overview/prometheus-federation-overview";

const panel = (page: Page, title: string) => page.getByRole("region", { name: title, exact: true });

async function proxiedQueries(page: Page, run: () => Promise<void>): Promise<string[]> {
  const seen: string[] = [];
  const listener = (req: import("@playwright/test").Request) => {
    if (req.url().includes("/api/ds/")) seen.push(decodeURIComponent((req.postData() ?? req.url()).replace(/\+/g, " ")));
  };
  page.on("request", listener);
  await run();
  page.off("request", listener);
  return seen;
}

test.describe("dashboard view", () => {
  // Step-aligned range ends fall up to one step before "now": on a stack started seconds ago the
  // newest panels would honestly show "No data". Wait until the global server has a few scrapes.
  test.beforeAll(async ({ request }) => {
    await expect
      .poll(async () => {
        const res = await request.get("/api/ds/global/api/v1/query", { params: { query: 'min(count_over_time(up{job="federate"}[10m]))' } });
        const body = await res.json();
        return Number(body.data?.result?.[0]?.value?.[1] ?? 0);
      }, { timeout: 60_000 })
      .toBeGreaterThanOrEqual(4);
  });

  test("the provisioned federation overview renders every panel type with data", async ({ page }) => {
    await page.goto(OVERVIEW);
    await expect(page.getByRole("heading", { name: "Prometheus federation overview", level: 1 })).toBeVisible();
    await expect(panel(page, "Targets up by cluster").locator("canvas").first()).toBeVisible({ timeout: 20_000 });
    await expect(panel(page, "Targets up").getByText(/^\d+$/).first()).toBeVisible();
    await expect(panel(page, "Federation scrapes healthy").locator("canvas").first()).toBeVisible();
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
    const sent = await proxiedQueries(page, async () => {
      await cluster.selectOption(["east", "west"]);
      await expect(page).toHaveURL(/var-cluster=east&var-cluster=west/);
      await expect(panel(page, "Targets up by cluster").locator("canvas").first()).toBeVisible();
      await page.waitForLoadState("networkidle");
    });
    expect(sent.some((q) => q.includes('cluster=~"(east|west)"'))).toBe(true);
    // The chained instance variable re-resolved for the new selection.
    expect(sent.some((q) => q.includes("label/instance/values") && q.includes('cluster=~"(east|west)"'))).toBe(true);
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
    await expect(panel(second, "Targets up by cluster").locator("canvas").first()).toBeVisible({ timeout: 20_000 });
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
    await expect(page.getByRole("heading", { name: "Prometheus federation overview", level: 1 })).toBeVisible();
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
    const created = await request.post("/api/dashboards", {
      data: {
        dashboard: {
          schemaVersion: 1, uid, title: "Broken and fine",
          panels: [
            { id: 1, type: "timeseries", title: "Fine", gridPos: { x: 0, y: 0, w: 12, h: 8 }, targets: [{ refId: "A", expr: "sum by (cluster) (up)" }] },
            { id: 2, type: "stat", title: "Broken", gridPos: { x: 12, y: 0, w: 12, h: 8 }, targets: [{ refId: "A", expr: "sum(up{" }] },
            { id: 3, type: "stat", title: "Down datasource", datasource: "down", gridPos: { x: 0, y: 8, w: 12, h: 4 }, targets: [{ refId: "A", expr: "up" }] },
          ],
        },
      },
    });
    expect(created.status()).toBe(201);
    await page.goto(`/d/${uid}`);
    await expect(panel(page, "Broken").getByRole("alert")).toContainText("parse error");
    await expect(panel(page, "Down datasource").getByRole("alert")).toContainText('datasource "down" is unreachable');
    await expect(panel(page, "Fine").locator("canvas").first()).toBeVisible();
    await expect(panel(page, "Fine").getByRole("alert")).toHaveCount(0);
    await request.delete(`/api/dashboards/${uid}`);
  });
});
