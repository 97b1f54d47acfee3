import { expect, test } from "@playwright/test";
import { CHART_PAINTED_ATTRIBUTE } from "../components/charts/painted-mark";
import { SAME_ORIGIN_HEADERS } from "./auth";
import { ApiDashboards, dashboardDoc, panel, waitForFederatedScrapes } from "./pages/dashboards";
import { watchQueries } from "./pages/panel-queries";

// Issue 7 B5: a dashboard's panel queries leave as one POST /api/queries (lib/promql/batch), not one
// request per query (HTTP/1.1's six connections made them go in waves); each panel still gets its
// own answer, and a failing query fails only its own panel.

test.use({ extraHTTPHeaders: SAME_ORIGIN_HEADERS });
const made = new ApiDashboards();

test.beforeAll(async ({ request }) => {
  await waitForFederatedScrapes(request, 90_000);
});
test.afterAll(async ({ request }) => {
  await made.deleteAll(request);
});

const CHARTS = 8;

test("/d sends one /api/queries request holding its panels' distinct queries; a failing panel shows its error while the others paint", async ({ page, request }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1600, height: 1400 });
  const uid = `batch-${Date.now()}`;
  await made.create(
    request,
    dashboardDoc(uid, "Batched", {
      time: { from: "now-15m", to: "now" },
      panels: [
        ...Array.from({ length: CHARTS }, (_, i) => ({
          id: i + 1,
          type: "timeseries",
          title: `Chart ${i + 1}`,
          gridPos: { x: (i % 4) * 6, y: Math.floor(i / 4) * 6, w: 6, h: 6 },
          targets: [{ refId: "A", expr: `count(up) * ${i + 1}` }],
        })),
        // Two panels showing the same query: one query in the batch for both.
        { id: 9, type: "timeseries", title: "Same as chart 1", gridPos: { x: 0, y: 12, w: 6, h: 6 }, targets: [{ refId: "A", expr: "count(up) * 1" }] },
        { id: 10, type: "stat", title: "Broken", gridPos: { x: 6, y: 12, w: 6, h: 6 }, targets: [{ refId: "A", expr: "sum(up{" }] },
        { id: 11, type: "stat", title: "Down datasource", datasource: "down", gridPos: { x: 12, y: 12, w: 6, h: 6 }, targets: [{ refId: "A", expr: "up" }] },
      ],
    }),
  );
  const sent = watchQueries(page);
  // The range in the URL: without it the page writes the default there, which resolves `now` again and
  // may replace (abort) the first queries with new ones (a known cost of opening /d without from/to).
  await page.goto(`/d/${uid}/x?from=now-15m&to=now`);
  await expect(page.locator(`[${CHART_PAINTED_ATTRIBUTE}="true"]`)).toHaveCount(CHARTS + 1, { timeout: 120_000 });
  await expect(panel(page, "Broken").getByRole("alert")).toContainText("parse error", { timeout: 60_000 });
  await expect(panel(page, "Down datasource").getByRole("alert")).toContainText('datasource "down" is unreachable', { timeout: 60_000 });
  for (let i = 1; i <= CHARTS; i++) await expect(panel(page, `Chart ${i}`).getByRole("alert")).toHaveCount(0);
  sent.stop();

  // One HTTP request for all of them, holding each distinct query once. A failed query may be sent once
  // more, by its panel's observer mounting after the error (React Query re-runs failed queries on
  // mount, as before batching): later requests hold only failing queries.
  const first = sent.requests[0]!;
  expect(new URL(first.url()).pathname).toBe("/api/queries");
  const inFirst = sent.list.filter((q) => q.request === first);
  const keys = inFirst.map((q) => `${q.datasource} ${q.endpoint} ${q.form.get("query")}`);
  expect(new Set(keys).size).toBe(keys.length);
  expect(keys.length).toBe(CHARTS + 2);
  expect(inFirst.every((q) => q.batched)).toBe(true);
  const failing = new Set(["sum(up{", "up"]);
  expect(sent.list.filter((q) => q.request !== first).map((q) => q.form.get("query")).filter((q) => !failing.has(q ?? ""))).toEqual([]);
  // Each part's own status (400 for the parse error, 502 for the down datasource, 200 for the rest) is
  // checked byte for byte against the single answers in test/integration/query-batch.test.ts; here the
  // panels show them (above). The batch's body is not read back: the page may abort a batch once no
  // caller waits for it any more, and Chromium then keeps no body to read.
});
