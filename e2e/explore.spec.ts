import { expect, test } from "@playwright/test";
import { ExplorePage } from "./pages/explore-page";

// The e2e stack: `global` (default) federates the `east` and `west` leaves, whose series carry a
// `cluster` label; `down` points at a closed port. globalSetup waits until global has both leaves.
const BY_CLUSTER = "sum by (cluster) (up)";
const EAST = '{cluster="east"}';
const WEST = '{cluster="west"}';
// A first result can wait on a query and on the lazily loaded chart code of a loaded CI machine.
const RESULT = { timeout: 15_000 };

test.describe("Explore", () => {
  test("a query typed with completion runs and draws a series per cluster", async ({ page }) => {
    const explore = new ExplorePage(page);
    await explore.goto();

    await explore.typeExpression("sum by (cluster) (u");
    // `up` comes from the datasource's metric names, fetched through the proxy.
    const up = explore.completion("up");
    await expect(up).toBeVisible(RESULT);
    await up.click();
    await expect(explore.editor).toHaveText(BY_CLUSTER);

    const response = explore.nextQueryResponse("query_range", "global", BY_CLUSTER);
    await explore.runButton.click();
    expect((await response).status()).toBe(200);

    await expect(explore.chart.locator("canvas").first()).toBeVisible(RESULT);
    await expect(explore.legendItem(EAST)).toBeVisible();
    await expect(explore.legendItem(WEST)).toBeVisible();
    await expect(explore.error).toHaveCount(0);
    await expect(page).toHaveURL(/[?&]expr=sum\+by\+%28cluster%29\+%28up%29/);
  });

  test("the Table tab lists each cluster with its current value", async ({ page }) => {
    const explore = new ExplorePage(page);
    await explore.goto({ expr: BY_CLUSTER });
    await expect(explore.legendItem(EAST)).toBeVisible(RESULT);

    const response = explore.nextQueryResponse("query");
    await explore.tableTab.click();
    expect((await response).status()).toBe(200);
    await expect(explore.tableTab).toHaveAttribute("aria-selected", "true");

    for (const series of [EAST, WEST]) {
      // Each leaf has at least one healthy target, so the sum is a positive whole number.
      await expect(explore.tableRow(series).getByRole("cell").nth(1)).toHaveText(/^[1-9]\d*$/);
    }
    await expect(page).toHaveURL(/[?&]tab=table/);
  });

  test("a PromQL mistake shows the upstream's bad_data message in place", async ({ page }) => {
    const explore = new ExplorePage(page);
    await explore.goto();

    // Brackets close themselves as they are typed, so this types exactly the broken expression.
    await explore.typeExpression("sum(rate(up[5m])) +");
    await expect(explore.editor).toHaveText("sum(rate(up[5m])) +");
    const response = explore.nextQueryResponse("query_range", "global", "sum(rate(up[5m])) +");
    await page.keyboard.press("Shift+Enter");
    const res = await response;
    expect(res.status()).toBe(400);
    const body = (await res.json()) as { errorType: string; error: string };
    expect(body.errorType).toBe("bad_data");

    await expect(explore.error).toContainText("bad_data");
    await expect(explore.error).toContainText(body.error);
    await expect(explore.chart).toHaveCount(0);

    // The page still works: fix the query with Ctrl+Enter and the graph replaces the error.
    await explore.typeExpression("up");
    await page.keyboard.press("Control+Enter");
    await expect(explore.chart).toBeVisible(RESULT);
    await expect(explore.error).toHaveCount(0);
  });

  test("a datasource that is down shows an error naming it, and the page keeps working", async ({ page }) => {
    const explore = new ExplorePage(page);
    await explore.goto({ expr: BY_CLUSTER });
    await expect(explore.legendItem(EAST)).toBeVisible(RESULT);

    const failed = explore.nextQueryResponse("query_range", "down");
    await explore.selectDatasource("down");
    expect((await failed).status()).toBe(502);
    await expect(explore.error).toContainText('"down"');
    await expect(explore.error).toContainText("unavailable");
    await expect(page).toHaveURL(/[?&]ds=down/);

    // Editor and picker still respond: edit the query, go back to global, and it runs there.
    await explore.typeExpression("count by (cluster) (up)");
    await expect(explore.editor).toHaveText("count by (cluster) (up)");
    const ok = explore.nextQueryResponse("query_range", "global", "count by (cluster) (up)");
    await explore.selectDatasource("global");
    await explore.runButton.click();
    expect((await ok).status()).toBe(200);
    await expect(explore.error).toHaveCount(0);
    await expect(explore.legendItem(EAST)).toBeVisible();
  });

  test("a reload restores the view from the URL", async ({ page }) => {
    const explore = new ExplorePage(page);
    await explore.goto();

    await explore.selectDatasource("east");
    await explore.timeRange.selectOption({ label: "Last 6 hours" });
    await explore.stepInput.fill("30s");
    await explore.stepInput.press("Enter");
    await explore.typeExpression("up");
    await explore.runButton.click();
    await explore.tableTab.click();
    // A header row and at least one series: `up` of the east leaf's targets.
    await expect(explore.resultTable.getByRole("row").nth(1)).toContainText("up{");
    await expect(page).toHaveURL(/[?&]ds=east&from=now-6h&to=now&tab=table&step=30(&|$)/);

    const reloaded = explore.nextQueryResponse("query", "east", "up");
    await page.reload();
    expect((await reloaded).status()).toBe(200);

    await expect(explore.editor).toHaveText("up");
    await expect(explore.datasource).toHaveValue("east");
    await expect(explore.timeRange).toHaveValue("now-6h");
    await expect(explore.stepInput).toHaveValue("30s");
    await expect(explore.tableTab).toHaveAttribute("aria-selected", "true");
    await expect(explore.resultTable.getByRole("row").nth(1)).toContainText("up{");
  });
});
