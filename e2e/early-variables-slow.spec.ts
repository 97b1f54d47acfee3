import { expect, test } from "@playwright/test";
import { expectedTestStackUrls } from "../scripts/stack";
import { CHART_PAINTED_ATTRIBUTE } from "../components/charts/painted-mark";
import { VIEW_COOKIE } from "../lib/dashboards/view-cookie";
import { type E2eApp, sessionCookieFor, startE2eApp } from "../test/reliability/e2e-app";
import { type FaultProxy, startFaultProxy } from "../test/reliability/fault-proxy";
import { panel } from "./pages/dashboards";

// Issue 7: a dashboard whose query variables come from an upstream slower than the server's bound on
// the early plan (1.5 s). On a repeat visit the server starts the variable requests from the page
// request; past the bound it stops waiting, and the page's own identical requests join the server's in
// flight (lib/dashboards/early-variables.ts). That only works when the page's render and the proxy route
// share one query layer (Next gives each its own bundle: lib/ops/process-global.ts), so this runs on
// `next start`: the upstream sees each variable request once, though both the server and the page asked.

const UID = "early-vars-slow";
const LATENCY_MS = 2_500;
const CHARTS = 2;

let fp: FaultProxy;
let app: E2eApp;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const { global } = expectedTestStackUrls();
  fp = await startFaultProxy({ target: global });
  app = await startE2eApp([
    { id: "fast", name: "Fast", type: "prometheus", url: global, default: true, scrapeInterval: "5s" },
    { id: "slow", name: "Slow", type: "prometheus", url: fp.url, timeout: "30s", scrapeInterval: "5s" },
  ]);
  const variable = (name: string, query: string) => ({ type: "query", name, datasource: "slow", query, multi: true, includeAll: true, current: { value: ["$__all"] }, sort: "alpha-asc" });
  const created = await app.api("POST", "/api/dashboards", {
    dashboard: {
      schemaVersion: 1,
      uid: UID,
      title: "Slow variables",
      time: { from: "now-15m", to: "now" },
      templating: { list: [variable("cluster", 'label_values(up{job="prometheus"}, cluster)'), variable("instance", 'label_values(up{cluster=~"$cluster"}, instance)')] },
      panels: Array.from({ length: CHARTS }, (_, i) => ({
        id: i + 1, type: "timeseries", title: `Chart ${i + 1}`, datasource: "fast", gridPos: { x: i * 12, y: 0, w: 12, h: 8 },
        targets: [{ refId: "A", expr: `count(up{cluster=~"$cluster", instance=~"$instance"}) * ${i + 1}` }],
      })),
    },
  });
  expect(created.status, JSON.stringify(created.json)).toBe(201);
});

test.afterAll(async () => {
  await app?.stop();
  await fp?.close();
});

test("a repeat visit behind a slow upstream: the page's variable requests join the server's, each reaches the upstream once, and every chart shows its data", async ({ page, context }) => {
  test.setTimeout(120_000);
  await context.addCookies([sessionCookieFor(app)]);
  await page.setViewportSize({ width: 1400, height: 800 });
  const url = `${app.baseURL}/d/${UID}/x?from=now-15m&to=now`;
  const open = async () => {
    await page.goto(url);
    for (let i = 1; i <= CHARTS; i++) await expect(panel(page, `Chart ${i}`).locator(`[${CHART_PAINTED_ATTRIBUTE}="true"]`)).toHaveCount(1, { timeout: 60_000 });
  };
  const variableRequests = (from: number) => fp.log.slice(from).filter((e) => e.path.startsWith("/api/v1/label/")).map((e) => e.path);

  // First visit: no view cookie, no plan; the page asks for both variables itself.
  await fp.setFault({ kind: "slow", latencyMs: LATENCY_MS });
  let before = fp.log.length;
  await open();
  expect(variableRequests(before).sort()).toEqual(["/api/v1/label/cluster/values", "/api/v1/label/instance/values"]);
  expect((await context.cookies()).some((c) => c.name === VIEW_COOKIE)).toBe(true);

  // Repeat visit: the server asks first and gives up waiting at its bound; the page then asks the same.
  await page.goto("about:blank");
  const asked: string[] = [];
  page.on("request", (r) => {
    const m = /\/api\/ds\/slow\/api\/v1\/(label\/[^/]+\/values)/.exec(r.url());
    if (m) asked.push(m[1]!);
  });
  before = fp.log.length;
  await open();
  // Let a request the server still held (handed over, nobody joined) reach the log before counting.
  await page.waitForTimeout(LATENCY_MS + 500);
  expect(asked.sort()).toEqual(["label/cluster/values", "label/instance/values"]);
  expect(variableRequests(before).sort()).toEqual(["/api/v1/label/cluster/values", "/api/v1/label/instance/values"]);
  await fp.setFault({ kind: "none" });
});
