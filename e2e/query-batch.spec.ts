import { expect, test } from "@playwright/test";
import { CHART_PAINTED_ATTRIBUTE } from "../components/charts/painted-mark";
import { apiDashboardsOfSpec, countUpCharts, dashboardDoc, panel } from "./pages/dashboards";
import { queriesOf, watchAnswers, watchQueries } from "./pages/panel-queries";

// Issue 7 B5: a dashboard's panel queries leave as one POST /api/queries (lib/promql/batch), not one
// request per query (HTTP/1.1's six connections made them go in waves); each panel still gets its
// own answer, and a failing query fails only its own panel.

const made = apiDashboardsOfSpec();

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
        ...countUpCharts(CHARTS),
        // Two panels showing the same query: one query in the batch for both.
        { id: 9, type: "timeseries", title: "Same as chart 1", gridPos: { x: 0, y: 12, w: 6, h: 6 }, targets: [{ refId: "A", expr: "count(up) * 1" }] },
        { id: 10, type: "stat", title: "Broken", gridPos: { x: 6, y: 12, w: 6, h: 6 }, targets: [{ refId: "A", expr: "sum(up{" }] },
        { id: 11, type: "stat", title: "Down datasource", datasource: "down", gridPos: { x: 12, y: 12, w: 6, h: 6 }, targets: [{ refId: "A", expr: "up" }] },
      ],
    }),
  );
  const sent = watchQueries(page);
  const answers = watchAnswers(page);
  await page.goto(`/d/${uid}/x?from=now-15m&to=now`);
  await expect(page.locator(`[${CHART_PAINTED_ATTRIBUTE}="true"]`)).toHaveCount(CHARTS + 1, { timeout: 120_000 });
  await expect(panel(page, "Broken").getByRole("alert")).toContainText("parse error", { timeout: 60_000 });
  await expect(panel(page, "Down datasource").getByRole("alert")).toContainText('datasource "down" is unreachable', { timeout: 60_000 });
  for (let i = 1; i <= CHARTS; i++) await expect(panel(page, `Chart ${i}`).getByRole("alert")).toHaveCount(0);
  sent.stop();
  answers.stop();

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
  // Its answer: a part per query, the failing ones with their own status (byte for byte against the
  // single answers in test/integration/query-batch.test.ts).
  const got = (await Promise.all(answers.answers)).flat().filter((a) => a.query.request === first);
  const status = new Map(got.map((a) => [a.query.form.get("query"), a.status]));
  expect(got).toHaveLength(CHARTS + 2);
  expect(status.get("sum(up{")).toBe(400);
  expect(status.get("up")).toBe(502);
  for (let i = 1; i <= CHARTS; i++) expect(status.get(`count(up) * ${i}`)).toBe(200);
});

// Opened bare (no from/to, no var-*), the page writes its whole view into the URL (Grafana's links):
// that must neither resolve the variables again nor replace the panels' first queries. And no query
// request fails: Chromium reported a batch the page read part by part while it streamed in as failed
// (net::ERR_ABORTED), with no body to read, unless the client also reads it whole (batch/client.ts).
test("/d opened without from/to or var-*: each query is sent once, none fails, every answer can be read", async ({ page, request }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1600, height: 1400 });
  const uid = `batch-bare-${Date.now()}`;
  const cluster = (i: number) => ({ id: i, type: "timeseries", title: `By cluster ${i}`, gridPos: { x: ((i - 1) % 4) * 6, y: 0, w: 6, h: 6 }, targets: [{ refId: "A", expr: `count by (cluster) (up{cluster=~"$cluster", instance=~"$instance"}) * ${i}` }] });
  await made.create(
    request,
    dashboardDoc(uid, "Opened bare", {
      time: { from: "now-15m", to: "now" },
      templating: {
        list: [
          { type: "query", name: "cluster", query: 'label_values(up{job="prometheus"}, cluster)', multi: true, includeAll: true, current: { value: ["$__all"] } },
          { type: "query", name: "instance", query: 'label_values(up{cluster=~"$cluster"}, instance)', multi: true, includeAll: true, current: { value: ["$__all"] } },
        ],
      },
      panels: [1, 2, 3, 4].map(cluster),
    }),
  );
  const sent = watchQueries(page);
  const answers = watchAnswers(page);
  const failed: string[] = [];
  page.on("requestfailed", (r) => {
    if (queriesOf(r).length > 0) failed.push(`${r.method()} ${r.url()}: ${r.failure()?.errorText}`);
  });
  await page.goto(`/d/${uid}/x`);
  await expect(page.locator(`[${CHART_PAINTED_ATTRIBUTE}="true"]`)).toHaveCount(4, { timeout: 120_000 });
  // The page rendered the URL it wrote (range and variables), and what that render asked for has left.
  await expect(page.locator("main[data-view]")).toHaveAttribute("data-view", /from=now-15m&to=now.*var-cluster=%24__all.*var-instance=%24__all/);
  await page.waitForLoadState("networkidle");
  sent.stop();
  answers.stop();

  const keys = sent.list.map((q) => `${q.datasource} ${q.endpoint} ${q.form.toString()}`);
  expect(keys.filter((k, i) => keys.indexOf(k) !== i), "sent more than once").toEqual([]);
  expect(sent.list.filter((q) => q.endpoint.startsWith("label/")).map((q) => q.endpoint).sort()).toEqual(["label/cluster/values", "label/instance/values"]);
  expect(sent.list.filter((q) => q.endpoint === "query_range")).toHaveLength(4);
  expect(failed).toEqual([]);
  const got = (await Promise.all(answers.answers)).flat();
  expect(got).toHaveLength(keys.length);
  for (const a of got) expect(a.status, `${a.query.endpoint} ${a.query.form.get("query")}`).toBe(200);
});
