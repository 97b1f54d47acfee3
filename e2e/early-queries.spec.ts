import http from "node:http";
import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { CHART_PAINTED_ATTRIBUTE } from "../components/charts/painted-mark";
import { VIEW_COOKIE } from "../lib/dashboards/view-cookie";
import type { EarlyBatch } from "../lib/promql/batch/early";
import { EARLY_BATCH_GLOBAL } from "../lib/promql/batch/early";
import { apiDashboardsOfSpec, countUpCharts, type ApiDashboards, dashboardDoc, panel } from "./pages/dashboards";
import { watchQueries } from "./pages/panel-queries";

// Issue 7 B5: on a dashboard the browser has shown before, the page's HTML starts the first screen's
// panel queries (one POST /api/queries from an inline script, planned by the server for the grid the
// browser measured last time: lib/dashboards/early-queries.ts), and the page takes their answers
// instead of sending its own. A view the server did not foresee costs nothing but the early batch:
// the page then asks for what it needs, as on a first visit.

const made = apiDashboardsOfSpec();

const CHARTS = 8;

async function makeDashboard(request: Parameters<ApiDashboards["create"]>[0]): Promise<string> {
  const uid = `early-${Date.now()}-${Math.round(Math.random() * 1e6)}`;
  await made.create(
    request,
    dashboardDoc(uid, "Early", {
      time: { from: "now-15m", to: "now" },
      panels: [
        ...countUpCharts(CHARTS),
        { id: 9, type: "stat", title: "Targets", gridPos: { x: 0, y: 12, w: 24, h: 10 }, targets: [{ refId: "A", expr: "count(up)", instant: true }] },
        // Below the first screen (compacted up to y 22, ~960 px down in a 700 px window): neither the early
        // batch nor the page asks for it before it is scrolled to.
        { id: 10, type: "timeseries", title: "Below", gridPos: { x: 0, y: 80, w: 24, h: 6 }, targets: [{ refId: "A", expr: "count(up) * 1000" }] },
      ],
    }),
  );
  return uid;
}

/** Opens `url` and waits until every chart has painted (and the "Targets" stat shows its number, when there is one). */
async function openAndWait(page: Page, url: string, targets = true) {
  await page.goto(url);
  for (let i = 1; i <= CHARTS; i++) await expect(panel(page, `Chart ${i}`).locator(`[${CHART_PAINTED_ATTRIBUTE}="true"]`)).toHaveCount(1, { timeout: 120_000 });
  if (targets) await expect(panel(page, "Targets").getByText(/^\d+$/)).toBeVisible({ timeout: 60_000 });
}

test("a second visit: the HTML starts the first screen's queries, the page sends none of its own, and every panel shows its data", async ({ page, request }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1600, height: 700 });
  const uid = await makeDashboard(request);
  const url = `/d/${uid}/x?from=now-15m&to=now`;

  // First visit: no view cookie yet, so no early batch; the page's own batch carries the queries, and it keeps the grid's size.
  const first = watchQueries(page);
  await openAndWait(page, url);
  first.stop();
  expect(first.list.length).toBeGreaterThan(0);
  expect(first.list.every((q) => !q.id?.startsWith("e"))).toBe(true);
  const cookie = (await page.context().cookies()).find((c) => c.name === VIEW_COOKIE);
  expect(cookie?.value).toMatch(/^v1\.\d+\.-?\d+\.1600\.700\.100\./);

  // Second visit: the HTML's batch (ids "e<n>") is the only request with panel queries.
  const second = watchQueries(page);
  await openAndWait(page, url);
  second.stop();
  expect(second.requests).toHaveLength(1);
  expect(second.list.every((q) => q.batched && q.id?.startsWith("e"))).toBe(true);
  const asked = second.list.map((q) => `${q.endpoint} ${q.form.get("query")}`).sort();
  expect(asked).toEqual([...Array.from({ length: CHARTS }, (_, i) => `query_range count(up) * ${i + 1}`), "query count(up)"].sort());
  // The page took every answer (nothing left on window for anyone else), and no chart shows an error.
  expect(await page.evaluate((name) => (window as unknown as Record<string, unknown>)[name], EARLY_BATCH_GLOBAL)).toBeNull();
  for (let i = 1; i <= CHARTS; i++) await expect(panel(page, `Chart ${i}`).getByRole("alert")).toHaveCount(0);
});

test("a window narrower than last time: the early answers do not fit, the page asks for its own, and every panel still shows its data", async ({ page, request }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1600, height: 700 });
  const uid = await makeDashboard(request);
  const url = `/d/${uid}/x?from=now-15m&to=now`;
  await openAndWait(page, url);
  // Left before resizing: the open page would re-plan (and send) its own queries for the new width.
  await page.goto("about:blank");
  await page.setViewportSize({ width: 700, height: 700 });
  const sent = watchQueries(page);
  await openAndWait(page, url);
  sent.stop();
  const early = sent.list.filter((q) => q.id?.startsWith("e"));
  const own = sent.list.filter((q) => !q.id?.startsWith("e"));
  expect(early.length).toBeGreaterThan(0);
  // The time series ask for a narrower M4 width than the early batch did: the page sends them itself.
  expect(own.filter((q) => q.endpoint === "query_range")).toHaveLength(CHARTS);
  const widths = (list: typeof sent.list) => new Set(list.filter((q) => q.endpoint === "query_range").map((q) => q.form.get("width")));
  expect([...widths(own)].some((w) => widths(early).has(w))).toBe(false);
});

test("a view cookie that is not ours is ignored: no early batch, the page works as on a first visit", async ({ page, request, baseURL }) => {
  test.setTimeout(120_000);
  const uid = await makeDashboard(request);
  await page.context().addCookies([{ name: VIEW_COOKIE, value: "v1.<script>.1.2.3.4.UTC", url: baseURL! }]);
  const sent = watchQueries(page);
  await openAndWait(page, `/d/${uid}/x?from=now-15m&to=now`);
  sent.stop();
  expect(sent.list.length).toBeGreaterThan(0);
  expect(sent.list.some((q) => q.id?.startsWith("e"))).toBe(false);
});

// Variables whose options come from the upstream (the federation overview's: label_values, the second
// filtered by the first): the server runs their requests for the visitor, plans with their answers and
// streams the early script in after the page's shell; the script carries the variables' answers, and the
// page's own variable requests take them.

const VARIABLES = {
  list: [
    { type: "query", name: "cluster", query: 'label_values(up{job="prometheus"}, cluster)', multi: true, includeAll: true, current: { value: ["$__all"] }, sort: "alpha-asc" },
    { type: "query", name: "instance", query: 'label_values(up{cluster=~"$cluster"}, instance)', multi: true, includeAll: true, current: { value: ["$__all"] }, sort: "alpha-asc" },
  ],
};

async function makeVariablesDashboard(request: Parameters<ApiDashboards["create"]>[0]): Promise<string> {
  const uid = `early-vars-${Date.now()}-${Math.round(Math.random() * 1e6)}`;
  const charts = countUpCharts(CHARTS).map((c, i) => ({ ...c, targets: [{ refId: "A", expr: `count(up{cluster=~"$cluster", instance=~"$instance"}) * ${i + 1}` }] }));
  await made.create(request, dashboardDoc(uid, `Early vars ${uid}`, { time: { from: "now-15m", to: "now" }, templating: VARIABLES, panels: charts }));
  return uid;
}

/** The page's HTML as the browser of `context` gets it (its cookies), split as the server's chunks arrived. */
async function htmlChunks(context: BrowserContext, baseURL: string, path: string): Promise<string[]> {
  const cookie = (await context.cookies(baseURL)).map((c) => `${c.name}=${c.value}`).join("; ");
  return new Promise((resolve, reject) => {
    http
      .get(new URL(path, baseURL), { headers: { cookie, accept: "text/html", "accept-encoding": "identity" } }, (res) => {
        const chunks: string[] = [];
        res.setEncoding("utf8");
        res.on("data", (c: string) => chunks.push(c));
        res.on("end", () => resolve(chunks));
        res.on("error", reject);
      })
      .on("error", reject);
  });
}

test("variables that need the upstream: a second visit sends no variable or panel query of its own, and every chart shows its data", async ({ page, request }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1600, height: 700 });
  const uid = await makeVariablesDashboard(request);
  const url = `/d/${uid}/x?from=now-15m&to=now`;

  // First visit: the page resolves its variables itself (GET .../label/<name>/values) and sends its own panel queries.
  const first = watchQueries(page);
  await openAndWait(page, url, false);
  first.stop();
  expect(first.list.filter((q) => q.endpoint.startsWith("label/")).map((q) => q.endpoint).sort()).toEqual(["label/cluster/values", "label/instance/values"]);
  expect(first.list.some((q) => q.id?.startsWith("e"))).toBe(false);

  // Second visit: one request with queries, the HTML's batch; the variables came with the HTML.
  await page.goto("about:blank");
  const second = watchQueries(page);
  await page.addInitScript((name) => {
    // What the early script left, before the page's JavaScript takes it.
    const w = window as unknown as Record<string, unknown>;
    let left: unknown;
    Object.defineProperty(w, name, { configurable: true, get: () => left, set: (v) => { if (v && (v as EarlyBatch).queries && !(w as { __earlySeen?: unknown }).__earlySeen) (w as { __earlySeen?: unknown }).__earlySeen = JSON.parse(JSON.stringify({ queries: (v as EarlyBatch).queries, variables: (v as EarlyBatch).variables })); left = v; } });
  }, EARLY_BATCH_GLOBAL);
  await openAndWait(page, url, false);
  second.stop();
  expect(second.requests).toHaveLength(1);
  expect(second.list.every((q) => q.batched && q.id?.startsWith("e"))).toBe(true);
  const asked = second.list.map((q) => q.form.get("query") ?? "");
  expect(asked).toHaveLength(CHARTS);
  // The variables as the page resolved them (All clusters, All their instances), in every query.
  for (const q of asked) expect(q).toMatch(/^count\(up\{cluster=~"\(.*east.*\)", instance=~".+"\}\) \* \d$/);
  const seen = await page.evaluate(() => (window as unknown as { __earlySeen?: Pick<EarlyBatch, "queries" | "variables"> }).__earlySeen);
  expect(seen?.variables?.map((v) => v.path)).toEqual(["/api/v1/label/cluster/values", "/api/v1/label/instance/values"]);
  // Every early answer was taken: the global is emptied (null), and the variable bar shows the clusters.
  expect(await page.evaluate((name) => (window as unknown as Record<string, unknown>)[name], EARLY_BATCH_GLOBAL)).toBeNull();
  for (let i = 1; i <= CHARTS; i++) await expect(panel(page, `Chart ${i}`).getByRole("alert")).toHaveCount(0);
});

test("variables that need the upstream: the HTML's first bytes do not wait for the plan; its script streams in after the shell", async ({ page, request, baseURL }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1600, height: 700 });
  const uid = await makeVariablesDashboard(request);
  const url = `/d/${uid}/x?from=now-15m&to=now`;
  await openAndWait(page, url, false);
  const chunks = await htmlChunks(page.context(), baseURL!, url);
  // The shell (the document's start, the page's own scripts, its dehydrated state) left with the script that
  // announces a plan to come and a Suspense placeholder (<template id="B:n">) where the plan's script goes; that
  // script came in a later chunk, in the boundary's streamed segment (<div hidden id="S:n">), which the HTML
  // parser runs as it arrives.
  const announced = /<script nonce="[^"]+">\(function\(\)\{try\{var s,p=new Promise/;
  const streamed = /<div hidden id="S:\d+"><script nonce="[^"]+">\(function\(\)\{try\{var w=window\[/;
  expect(chunks[0]).toContain("<!DOCTYPE html>");
  expect(chunks[0]).toMatch(announced);
  expect(chunks[0]).toMatch(/<template id="B:\d+"><\/template>/);
  expect(chunks[0]).not.toMatch(streamed);
  expect(chunks.findIndex((c) => streamed.test(c))).toBeGreaterThan(0);
  // One plan script in the document.
  expect(chunks.join("").match(/<script nonce="[^"]+">\(function\(\)\{try\{var w=window\[/g)).toHaveLength(1);
});

test("variables that need the upstream: a soft navigation (whose HTML scripts never run) gets no plan, and the page asks for its own", async ({ page, request }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1600, height: 700 });
  const uid = await makeVariablesDashboard(request);
  // A first visit leaves the view cookie.
  await openAndWait(page, `/d/${uid}/x?from=now-15m&to=now`, false);
  await page.goto("/dashboards");
  // The RSC payloads of the dashboard's route (the navigation's and any prefetch), read as they pass.
  const payloads: string[] = [];
  await page.route(`**/d/${uid}/**`, async (route) => {
    if (route.request().headers()["rsc"] !== "1") return route.fallback();
    // Sent on with every header the browser sent (Accept: */* for Next's fetch), as it would have gone.
    const headers = await route.request().allHeaders();
    const res = await route.fetch({ headers });
    const body = await res.text();
    payloads.push(body);
    await route.fulfill({ response: res, body });
  });
  const sent = watchQueries(page);
  await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
  await page.getByRole("link", { name: `Early vars ${uid}` }).first().click();
  for (let i = 1; i <= CHARTS; i++) await expect(panel(page, `Chart ${i}`).locator(`[${CHART_PAINTED_ATTRIBUTE}="true"]`)).toHaveCount(1, { timeout: 120_000 });
  sent.stop();
  expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
  // The navigation's payload holds the page itself (its "now"); none holds an early script.
  expect(payloads.some((b) => b.includes("initialNowMs"))).toBe(true);
  for (const body of payloads) expect(body).not.toContain(EARLY_BATCH_GLOBAL);
  expect(sent.list.filter((q) => q.endpoint.startsWith("label/")).map((q) => q.endpoint).sort()).toEqual(["label/cluster/values", "label/instance/values"]);
  expect(sent.list.some((q) => q.id?.startsWith("e"))).toBe(false);
});
