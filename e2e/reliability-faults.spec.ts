import { loadavg } from "node:os";
import { expect, type Page, type Request, test } from "@playwright/test";
import { expectedTestStackUrls } from "../scripts/stack";
import { queriesOf } from "./pages/panel-queries";
import { type E2eApp, sessionCookieFor, startE2eApp } from "../test/reliability/e2e-app";
import { recordFigure } from "../test/reliability/figures";
import { type Fault, faultCatalogue, type FaultProxy, startFaultProxy } from "../test/reliability/fault-proxy";

// The fault matrix in Chromium: a dashboard with panels on two datasources, `faulty` (the fault
// proxy in front of the real global Prometheus) and `healthy` (the same Prometheus, direct). For
// each fault the faulty panels say what went wrong, every healthy panel still renders, and after
// the fault clears the next refresh shows data again. Then cancellation: leaving the page or
// changing the range closes the upstream connections of queries still in flight.

const HARD = process.env.ORRERY_RELIABILITY === "hard";
const UID = "reliab-faults";
// The faulty datasource's timeout: the hard profile's 300 MB "huge response" must reach the proxy's
// 256 MiB cap before it (its bytes stream through the loopback fault proxy; a loaded machine needs > 3 s).
const TIMEOUT_S = HARD ? 10 : 3;

let fp: FaultProxy;
let app: E2eApp;

const panel = (page: Page, title: string) => page.getByRole("region", { name: title, exact: true });

const ts = (id: number, title: string, ds: string, x: number, y: number) => ({
  id, type: "timeseries", title, datasource: ds, gridPos: { x, y, w: 12, h: 6 },
  targets: [{ refId: "A", expr: 'up{job="prometheus"}' }],
});
const stat = (id: number, title: string, ds: string, x: number, y: number) => ({
  id, type: "stat", title, datasource: ds, gridPos: { x, y, w: 12, h: 4 },
  targets: [{ refId: "A", expr: 'count(up{job="prometheus"})' }],
});

const DASHBOARD = {
  schemaVersion: 1, uid: UID, title: "Reliability faults",
  panels: [
    ts(1, "Faulty series", "faulty", 0, 0), ts(2, "Healthy series", "healthy", 12, 0), stat(3, "Faulty stat", "faulty", 0, 6), stat(4, "Healthy stat", "healthy", 12, 6),
    // Same fault proxy, 60 s timeout: only an abort can close its hanging requests quickly (cancellation tests).
    ts(5, "Patient series", "patient", 0, 10),
  ],
};

/** What the faulty panels must say for each fault (the upstream's problem, in words). */
function cause(f: Fault): RegExp | "data" | "warning" {
  switch (f.kind) {
    case "refuse": return /connection refused/;
    case "reset": return /mid-response/;
    case "hang": return new RegExp(`did not answer within ${TIMEOUT_S}s`);
    case "status": return f.status === 500 ? /non-JSON body .*HTTP 500/ : new RegExp(`HTTP ${f.status}`);
    case "truncated": return /truncated or malformed JSON/;
    case "non-json": return /non-JSON body \(text\/html/;
    case "prom-error": return new RegExp(`injected ${f.errorType}`);
    case "huge": return f.bytes > 256 * 1024 * 1024 ? /more than \d+ bytes/ : "data";
    case "partial-response": return "warning";
    default: return "data";
  }
}

test.describe("fault matrix in the browser", () => {
  test.describe.configure({ mode: "serial" });

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    const { global } = expectedTestStackUrls();
    fp = await startFaultProxy({ target: global });
    app = await startE2eApp(
      [
        { id: "healthy", name: "Healthy", type: "prometheus", url: global, default: true, scrapeInterval: "5s" },
        { id: "faulty", name: "Faulty", type: "prometheus", url: fp.url, timeout: `${TIMEOUT_S}s`, scrapeInterval: "5s" },
        { id: "patient", name: "Patient", type: "prometheus", url: fp.url, timeout: "60s", scrapeInterval: "5s", headers: { "x-test-ds": "patient" } },
      ],
      // Each refresh must reach the upstream, so no answer is shared between refreshes.
      { query: { coalesceWindow: "0s" } },
    );
    const created = await app.api("POST", "/api/dashboards", { dashboard: DASHBOARD });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
  });

  test.afterAll(async () => {
    await app?.stop();
    await fp?.close();
  });

  test.beforeEach(async ({ context }) => {
    await context.addCookies([sessionCookieFor(app)]);
  });

  async function expectRenders(page: Page, title: string) {
    // Polls the alert's text, so a failure shows what the panel said.
    await expect.poll(async () => (await panel(page, title).getByRole("alert").allTextContents()).join(" | "), { message: `${title} renders`, timeout: 30_000 }).toBe("");
    if (title.endsWith("series")) await expect(panel(page, title).locator("canvas").first()).toBeVisible({ timeout: 30_000 });
    else await expect(panel(page, title).getByText(/^\d+$/).first()).toBeVisible({ timeout: 30_000 });
  }

  // npm test: one fault of each family (the API matrix covers them all); test:hard: every fault.
  const QUICK = new Set(["refuse", "reset mid-body", "hang", "http 429", "non-JSON body", "error execution", "thanos partial response"]);
  const faults = faultCatalogue(300 * 1024 * 1024).filter((f) => HARD || QUICK.has(f.name));

  test(`${faults.length} faults: the faulty panels name the cause, the healthy ones render, recovery after a refresh`, async ({ page }) => {
    test.setTimeout(60_000 + faults.length * 45_000);
    const results: string[] = [];
    await page.goto(`${app.baseURL}/d/${UID}/x?from=now-15m&to=now`);
    for (const p of ["Faulty series", "Healthy series", "Faulty stat", "Healthy stat"]) await expectRenders(page, p);
    for (const { name, fault } of faults) {
      await fp.setFault(fault);
      await page.getByRole("button", { name: "Refresh", exact: true }).click();
      const want = cause(fault);
      for (const p of ["Faulty series", "Faulty stat"]) {
        if (want === "data") await expectRenders(page, p);
        else if (want === "warning") await expect(panel(page, p).getByLabel(/^Warnings: .*partial response/)).toBeVisible({ timeout: 30_000 });
        else await expect(panel(page, p).getByRole("alert"), `${name} in ${p}`).toContainText(want, { timeout: 30_000 });
      }
      for (const p of ["Healthy series", "Healthy stat"]) await expectRenders(page, p);
      console.log(`fault ${name}: shown`);
      // Recovery: the fault clears, the next refresh shows data.
      await fp.setFault({ kind: "none" });
      await page.getByRole("button", { name: "Refresh", exact: true }).click();
      for (const p of ["Faulty series", "Faulty stat"]) await expectRenders(page, p);
      await expect(panel(page, "Faulty series").getByLabel(/^Warnings:/), `${name}: recovered without warnings`).toHaveCount(0);
      results.push(name);
    }
    expect(results).toHaveLength(faults.length);
    recordFigure({ suite: "fault matrix (browser)", faults: faults.length, shownWithCause: results.length, otherPanelsAffected: 0, recovered: results.length });
    console.log(`fault matrix (browser): ${results.length}/${faults.length} faults shown in the right panels with the cause, 0 healthy panels affected, ${results.length} recovered`);
  });

  // Cancellation: the old queries' upstream connections close right at the user's action, not
  // when the next page or range has loaded. Behaviour asserted (closed before the next page's
  // document / route payload / the new range's first answer arrived; no server round trip for a
  // range change); the delay is a figure (test:hard target: 1 s).
  for (const how of ["navigating away", "following a link", "changing the range"] as const) {
    test(`${how} aborts in-flight upstream queries: the upstream connection closes`, async ({ page }) => {
      test.setTimeout(90_000);
      await page.goto(`${app.baseURL}/d/${UID}/x?from=now-15m&to=now`);
      await expectRenders(page, "Healthy series");
      await expectRenders(page, "Patient series");
      const before = fp.log.length;
      const patient = () => fp.log.slice(before).filter((e) => e.headers["x-test-ds"] === "patient" && e.closedAt === undefined);
      await fp.setFault({ kind: "hang" });
      await page.getByRole("button", { name: "Refresh", exact: true }).click();
      // The patient panel's query is now held open at the upstream (60 s datasource timeout).
      await expect.poll(() => patient().length, { timeout: 20_000 }).toBeGreaterThan(0);
      const hanging = patient();
      if (how === "changing the range") {
        // A range that shares no sub-range with the one in flight: a widened range would still need
        // (and, by coalescing, rightly keep waiting for) the newest minute being fetched.
        await page.getByLabel("From", { exact: true }).fill("now-3h");
        await page.getByLabel("To", { exact: true }).fill("now-2h");
      }
      // What the browser does after the action (performance.now() of this process, as the fault proxy's log).
      let t0 = Infinity;
      let browserAbortMs: number | undefined;
      const afterAction = new Set<Request>();
      const pageRequests: string[] = [];
      let nextArrivedAt: number | undefined;
      // The next page's first answers (its document or route payload, its dashboards list), or the new range's.
      // The new range's queries go alone or in a batch (POST /api/queries): a batch's response event
      // comes with its first part (a batch holding the hanging patient query never finishes).
      const isNext = (r: Request) => {
        const url = new URL(r.url());
        return how === "changing the range" ? queriesOf(r).some((q) => q.datasource === "healthy") : url.pathname === "/dashboards" || url.pathname.startsWith("/api/dashboards");
      };
      page.on("requestfailed", (r) => {
        if (queriesOf(r).some((q) => q.datasource === "patient")) browserAbortMs ??= performance.now() - t0;
      });
      page.on("response", (res) => {
        const r = res.request();
        if (afterAction.has(r) && queriesOf(r).some((q) => q.batched) && isNext(r)) nextArrivedAt ??= performance.now();
      });
      page.on("request", (r) => {
        if (performance.now() < t0) return;
        afterAction.add(r);
        const url = new URL(r.url());
        // A request for the dashboard page itself (not a link prefetch).
        if (url.pathname.startsWith("/d/") && (r.isNavigationRequest() || (url.searchParams.has("_rsc") && !r.headers()["next-router-prefetch"]))) pageRequests.push(r.url());
      });
      page.on("requestfinished", (r) => {
        if (afterAction.has(r) && isNext(r)) nextArrivedAt ??= performance.now();
      });
      // When the page saw the click (Playwright's own actionability checks can take seconds under load).
      if (how !== "navigating away") await page.evaluate(() => window.addEventListener("click", () => ((window as unknown as { __clickedAt?: number }).__clickedAt ??= Date.now()), { capture: true }));
      t0 = performance.now();
      if (how === "navigating away") await page.goto(`${app.baseURL}/dashboards`);
      else if (how === "following a link") await page.getByRole("link", { name: "Dashboards", exact: true }).click();
      else await page.getByRole("button", { name: "Apply time range" }).click();
      // Closed by the abort: the datasource timeout (60 s) is far off.
      await expect.poll(() => hanging.filter((e) => e.closedAt === undefined).length, { timeout: 40_000 }).toBe(0);
      if (how === "changing the range") {
        // The view lives in the URL, changed without a server round trip for the page.
        expect(pageRequests, "no page request for a range change").toEqual([]);
        await expect(page).toHaveURL(/from=now-3h&to=now-2h/);
      } else {
        await expect(page).toHaveURL(/\/dashboards$/, { timeout: 30_000 });
      }
      await expect.poll(() => nextArrivedAt, { message: "the next page / range answered", timeout: 30_000 }).toBeDefined();
      const worst = Math.max(...hanging.map((e) => e.closedAt!));
      // The old queries were given up at the action, not once the next page / range had arrived.
      expect(worst, "upstream closed before the next page's (or range's) first answer").toBeLessThanOrEqual(nextArrivedAt!);
      // From the click as the page saw it (wall clock in both processes), or from page.goto.
      const clickedAt = how === "navigating away" ? undefined : await page.evaluate(() => (window as unknown as { __clickedAt?: number }).__clickedAt);
      const worstMs = clickedAt === undefined ? worst - t0 : performance.timeOrigin + worst - clickedAt;
      console.log(`cancellation (${how}): ${hanging.length} upstream requests closed, slowest ${worstMs.toFixed(0)} ms after the action (next page/range answered after ${(nextArrivedAt! - t0).toFixed(0)} ms); the browser aborted its request after ${browserAbortMs?.toFixed(0) ?? "?"} ms`);
      recordFigure({ suite: "cancellation", how, upstreamRequests: hanging.length, closed: hanging.length, slowestMs: Math.round(worstMs), nextAnsweredMs: Math.round(nextArrivedAt! - t0), browserAbortMs: browserAbortMs === undefined ? null : Math.round(browserAbortMs), load1: Number(loadavg()[0]!.toFixed(1)) });
      if (HARD) expect(worstMs).toBeLessThanOrEqual(1_000);
      await fp.setFault({ kind: "none" });
    });
  }
});
