import { expect, test, type Page, type Request } from "@playwright/test";
import { pixelGrid } from "../lib/charts/pixel-grid";
import { CHART_PAINTED_ATTRIBUTE } from "../components/charts/painted-mark";
import { SAME_ORIGIN_HEADERS } from "./auth";
import { ExplorePage } from "./pages/explore-page";

// Issue 7: /d-solo and Explore ask the server's M4 for the chart's own device-pixel columns. Once the
// chart has drawn, their requests carry its plot area (/d-solo: plot_left_px, plot_width_px,
// pixel_ratio; Explore: the grid's time edges and columns), and that plot area is where the chart
// really drew, measured here on the canvas (its y-axis split lines span exactly the plot).

test.use({ extraHTTPHeaders: SAME_ORIGIN_HEADERS });

const UID = "pixel-grid-e2e";
const DASHBOARD = {
  schemaVersion: 1,
  uid: UID,
  title: "Pixel grid e2e",
  time: { from: "now-15m", to: "now" },
  panels: [{ id: 1, type: "timeseries", title: "Up", datasource: "global", gridPos: { x: 0, y: 0, w: 12, h: 8 }, targets: [{ refId: "A", expr: "sum by (cluster) (up)" }] }],
};

test.beforeAll(async ({ request }) => {
  const existing = await request.get(`/api/dashboards/${UID}`);
  if (existing.status() === 404) expect((await request.post("/api/dashboards", { data: { dashboard: DASHBOARD } })).status()).toBe(201);
});

/**
 * Where the chart's plot lies on its canvas (CSS px at ratio 1): the y-axis split lines run from the
 * plot's left edge to its right edge; the axis labels sit apart from them (a margin of blank pixels).
 * Per row, the run of painted pixels ending at the row's last painted pixel; the rows where that
 * run spans over half the canvas are split lines: their most common start and end.
 */
async function plotExtent(page: Page): Promise<{ left: number; right: number }> {
  return page.getByTestId("chart").locator("canvas").first().evaluate((c: HTMLCanvasElement) => {
    const { width, height } = c;
    const d = c.getContext("2d")!.getImageData(0, 0, width, height).data;
    const painted = (x: number, y: number) => d[(y * width + x) * 4 + 3]! > 0;
    const starts = new Map<number, number>();
    const ends = new Map<number, number>();
    for (let y = 0; y < height; y++) {
      let r = width - 1;
      while (r >= 0 && !painted(r, y)) r--;
      if (r < 0) continue;
      let l = r;
      while (l > 0 && painted(l - 1, y)) l--;
      if (r - l + 1 < width / 2) continue;
      starts.set(l, (starts.get(l) ?? 0) + 1);
      ends.set(r + 1, (ends.get(r + 1) ?? 0) + 1);
    }
    const mode = (m: Map<number, number>) => [...m].sort((a, b) => b[1] - a[1])[0]?.[0] ?? Number.NaN;
    return { left: mode(starts), right: mode(ends) };
  });
}

test("/d-solo: once drawn, the panel query carries the chart's plot area, and the server's M4 uses its pixel columns", async ({ page }) => {
  test.setTimeout(120_000);
  const withPlot = page.waitForRequest((r: Request) => r.url().includes(`/api/d-solo/${UID}/`) && new URL(r.url()).searchParams.has("plot_left_px"), { timeout: 90_000 });
  await page.goto(`/d-solo/${UID}/x?panelId=1&from=now-15m&to=now`);
  const request = await withPlot;
  const sent = new URL(request.url()).searchParams;
  const plot = { leftPx: Number(sent.get("plot_left_px")), widthPx: Number(sent.get("plot_width_px")) };
  expect(Number(sent.get("pixel_ratio"))).toBe(await page.evaluate(() => window.devicePixelRatio));
  const answer = await (await request.response())!.json();
  // The server's M4 frame: its bucket edges are the chart's device-pixel columns over the range it answered for.
  const grid = pixelGrid(answer.range.startMs, answer.range.endMs, plot, Number(sent.get("pixel_ratio")));
  const frame = answer.targets[0].data;
  expect(frame).toMatchObject({ encoding: "frames/v1", width: grid.columns, fromMs: grid.x0, toMs: grid.x1 });
  expect(frame.series.length).toBeGreaterThan(0);
  // ...and that plot area is where the chart drew.
  await expect(page.locator(`[${CHART_PAINTED_ATTRIBUTE}="true"]`)).toHaveCount(1, { timeout: 60_000 });
  const drawn = await plotExtent(page);
  expect(Math.abs(drawn.left - plot.leftPx), `plot ${JSON.stringify(plot)}, drawn ${JSON.stringify(drawn)}`).toBeLessThanOrEqual(1);
  expect(Math.abs(drawn.right - (plot.leftPx + plot.widthPx)), `plot ${JSON.stringify(plot)}, drawn ${JSON.stringify(drawn)}`).toBeLessThanOrEqual(1);
});

test("Explore: once drawn, the range query asks the server's M4 for the chart's own pixel columns", async ({ page }) => {
  test.setTimeout(120_000);
  const withGrid = page.waitForRequest((r: Request) => r.url().includes("/api/ds/global/api/v1/query_range") && new URLSearchParams(r.postData() ?? "").has("grid_from_ms"), { timeout: 90_000 });
  await page.goto(`/explore?${new URLSearchParams({ expr: "sum by (cluster) (up)", ds: "global", from: "now-15m", to: "now" })}`);
  const sent = new URLSearchParams((await withGrid).postData() ?? "");
  expect(sent.get("format")).toMatch(/^frames/);
  await expect(page.getByTestId("chart").locator("canvas").first()).toBeVisible({ timeout: 60_000 });
  // The grid the chart's plot area gives (ratio 1 here), against the one sent.
  const drawn = await plotExtent(page);
  const [startMs, endMs] = [Number(sent.get("start")) * 1000, Number(sent.get("end")) * 1000];
  const expected = pixelGrid(startMs, endMs, { leftPx: drawn.left, widthPx: drawn.right - drawn.left }, 1);
  const msPerPx = (endMs - startMs) / (drawn.right - drawn.left);
  expect(Math.abs(Number(sent.get("width")) - expected.columns), `sent ${sent}, drawn ${JSON.stringify(drawn)}`).toBeLessThanOrEqual(2);
  expect(Math.abs(Number(sent.get("grid_from_ms")) - expected.x0) / msPerPx).toBeLessThanOrEqual(1);
  expect(Math.abs(Number(sent.get("grid_to_ms")) - expected.x1) / msPerPx).toBeLessThanOrEqual(2);
  // Its answer is what the chart shows: a frame, one line per cluster in the legend.
  await expect(new ExplorePage(page).legendItem('{cluster="east"}')).toBeVisible({ timeout: 30_000 });
});
