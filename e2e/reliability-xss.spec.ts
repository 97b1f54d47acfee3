import http from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, type Page, test } from "@playwright/test";
import { findFreePort, pollUntil, type SinglePrometheus, startSinglePrometheus } from "../scripts/stack";
import { recordFigure } from "../test/reliability/figures";
import { type E2eApp, sessionCookieFor, startE2eApp } from "../test/reliability/e2e-app";

// A corpus of XSS payloads in every user string a dashboard holds (titles, descriptions, Markdown,
// legend formats, variable values, link titles and URLs) and in label values coming back from a
// real Prometheus (scraped from a tiny exporter served here). A trap set before any page script
// (window.__xss) and a dialog listener count executions: there must be none.

const PUSH = "window.__xss.push(1)";
const PAYLOADS = [
  `<img src=x onerror="${PUSH}">`,
  `<svg onload="${PUSH}"></svg>`,
  `<svg><script>${PUSH}</script></svg>`,
  `"><script>${PUSH}</script>`,
  `'><img src=x onerror=${PUSH}>`,
  `javascript:${PUSH}`,
  `<a href="javascript:${PUSH}">click me</a>`,
  `{{constructor.constructor('${PUSH}')()}}`,
  "${" + PUSH + "}",
  `<iframe srcdoc="<script>parent.__xss.push(1)</script>"></iframe>`,
  `<details open ontoggle="${PUSH}">x</details>`,
  `<math><mtext><table><mglyph><style><img src=x onerror=${PUSH}>`,
  `<img src=x onerror=alert(1)>`,
  `<body onload=${PUSH}>`,
  `<input autofocus onfocus="${PUSH}">`,
];
const MARKDOWN = [
  ...PAYLOADS,
  `[click](javascript:${PUSH})`,
  `[data](data:text/html;base64,PHNjcmlwdD5wYXJlbnQuX194c3MucHVzaCgxKTwvc2NyaXB0Pg==)`,
  `![x](x" onerror="${PUSH})`,
  `<a href="jav&#x61;script:${PUSH}">entity</a>`,
  "```html\n<script>" + PUSH + "</script>\n```",
].join("\n\n");

const UID = "reliab-xss";
let exporter: http.Server;
let prom: SinglePrometheus;
let promDir: string;
let app: E2eApp;

function escapeLabel(v: string): string {
  return v.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
}

const dsRef = "xss";
const target = (expr: string, legendFormat: string) => ({ refId: "A", expr, legendFormat });
const P = (i: number) => PAYLOADS[i % PAYLOADS.length]!;

function dashboard() {
  return {
    schemaVersion: 1,
    uid: UID,
    title: P(0),
    description: P(1),
    tags: [P(2).slice(0, 50)],
    links: [{ title: P(3), url: `/d/${UID}?x=${encodeURIComponent(P(4))}` }],
    templating: {
      list: [
        { type: "custom", name: "custom", label: P(5), query: PAYLOADS.map((p) => p.replace(/,/g, "\\,")).join(","), current: { value: P(6) } },
        { type: "query", name: "labelvals", label: P(7), datasource: dsRef, query: "label_values(xss_payload, xss)" },
        { type: "textbox", name: "tb", label: P(8), query: P(9) },
      ],
    },
    panels: [
      { id: 1, type: "text", title: P(10), description: P(11), gridPos: { x: 0, y: 0, w: 12, h: 10 }, options: { mode: "markdown", content: `${MARKDOWN}\n\nvariables: $custom $labelvals $tb` } },
      { id: 2, type: "timeseries", title: `$custom ${P(12)}`, description: P(13), datasource: dsRef, gridPos: { x: 12, y: 0, w: 12, h: 10 }, targets: [target("xss_payload", `{{xss}} ${P(14)}`)] },
      { id: 3, type: "table", title: "$labelvals", datasource: dsRef, gridPos: { x: 0, y: 10, w: 12, h: 10 }, targets: [{ ...target("xss_payload", "{{xss}}"), instant: true }] },
      { id: 4, type: "stat", title: "$tb", datasource: dsRef, gridPos: { x: 12, y: 10, w: 6, h: 6 }, targets: [target("xss_payload", "{{xss}}")] },
      { id: 5, type: "bargauge", title: P(0), datasource: dsRef, gridPos: { x: 18, y: 10, w: 6, h: 6 }, targets: [target("xss_payload", "{{xss}}")] },
    ],
  };
}

async function trap(page: Page): Promise<{ dialogs: () => number }> {
  let dialogs = 0;
  page.on("dialog", (d) => {
    dialogs++;
    void d.dismiss();
  });
  await page.addInitScript(() => {
    (window as unknown as { __xss: number[] }).__xss = [];
  });
  return { dialogs: () => dialogs };
}

const executions = (page: Page) => page.evaluate(() => (window as unknown as { __xss?: number[] }).__xss?.length ?? -1);

test.describe("XSS corpus", () => {
  test.describe.configure({ mode: "serial" });
  // The app's CSP (nonces, no inline handlers) would block most payloads by itself: the corpus runs with
  // the CSP bypassed so that it tests what we render (escaping), not only the browser's second line of defence.
  test.use({ bypassCSP: true });

  test.beforeAll(async () => {
    test.setTimeout(180_000);
    exporter = http.createServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/plain; version=0.0.4" });
      res.end(`# TYPE xss_payload gauge\n${PAYLOADS.map((p, i) => `xss_payload{xss="${escapeLabel(p)}",idx="${i}"} ${i + 1}`).join("\n")}\n`);
    });
    await new Promise<void>((r) => exporter.listen(0, "127.0.0.1", r));
    const exporterPort = (exporter.address() as AddressInfo).port;
    promDir = mkdtempSync(path.join(tmpdir(), "orrery-xss-prom-"));
    prom = await startSinglePrometheus({
      dir: promDir, port: await findFreePort(), retention: "1d", scrapeInterval: "1s", name: "xss-prometheus",
      scrapeJobs: [{ job_name: "xss", static_configs: [{ targets: [`127.0.0.1:${exporterPort}`] }] }],
    });
    await pollUntil("xss series scraped", async () => {
      const r = await fetch(`${prom.url}/api/v1/query?query=count(xss_payload)`).then((x) => x.json()).catch(() => undefined);
      return Number(r?.data?.result?.[0]?.value?.[1] ?? 0) === PAYLOADS.length ? true : undefined;
    }, { timeoutMs: 60_000 });
    app = await startE2eApp([{ id: "xss", name: P(1), type: "prometheus", url: prom.url, default: true, scrapeInterval: "1s" }]);
    const created = await app.api("POST", "/api/dashboards", { dashboard: dashboard() });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
  });

  test.afterAll(async () => {
    await app?.stop();
    await prom?.stop();
    if (promDir) rmSync(promDir, { recursive: true, force: true });
    await new Promise<void>((r) => (exporter ? exporter.close(() => r()) : r()));
  });

  test.beforeEach(async ({ context }) => {
    await context.addCookies([sessionCookieFor(app)]);
  });

  test("javascript: and data: link URLs are refused at save time", async () => {
    for (const url of [`javascript:${PUSH}`, " JaVaScRiPt:alert(1)", "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)", "//evil.example/x"]) {
      const doc = { ...dashboard(), uid: "reliab-xss-link", links: [{ title: "x", url }] };
      const res = await app.api("POST", "/api/dashboards", { dashboard: doc });
      expect(res.status, url).toBe(400);
      expect(JSON.stringify(res.json)).toContain("links[0].url");
    }
  });

  test("the dashboard with payloads everywhere: 0 executions while viewing, hovering, choosing variables, inspecting", async ({ page }) => {
    test.setTimeout(120_000);
    const t = await trap(page);
    await page.goto(`${app.baseURL}/d/${UID}/x?from=now-5m&to=now`);
    // Payloads show as text (so they were rendered, and rendered inert).
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(P(0), { timeout: 30_000 });
    const series = page.locator('[data-panel-id="2"]');
    await expect(series.locator("canvas").first()).toBeVisible({ timeout: 30_000 });
    await expect(page.locator('[data-panel-id="3"]').getByRole("cell", { name: P(3), exact: true }).first()).toBeVisible({ timeout: 30_000 });
    await expect(page.locator('[data-panel-id="1"]')).toContainText("variables:");
    // Hover across the chart: the tooltip lists label values.
    const box = (await series.locator("canvas").first().boundingBox())!;
    for (let i = 1; i < 10; i++) await page.mouse.move(box.x + (box.width * i) / 10, box.y + box.height / 2);
    // Choose other values of the variables (payloads again), and hover panel titles (descriptions).
    const custom = page.getByLabel(P(5), { exact: true });
    if (await custom.count()) await custom.selectOption({ index: 3 }).catch(() => undefined);
    const labelvals = page.getByLabel(P(7), { exact: true });
    if (await labelvals.count()) await labelvals.selectOption({ index: 1 }).catch(() => undefined);
    await page.locator('[data-panel-id="2"] h2').hover();
    await expect(series.locator("canvas").first()).toBeVisible();
    await page.waitForLoadState("networkidle");
    expect(await executions(page)).toBe(0);
    expect(t.dialogs()).toBe(0);
    recordFigure({ suite: "xss", where: "dashboard view", payloads: PAYLOADS.length, executions: 0, dialogs: 0 });
  });

  test("the dashboard list, Explore with payload labels, and the versions page: 0 executions", async ({ page }) => {
    test.setTimeout(90_000);
    const t = await trap(page);
    await page.goto(`${app.baseURL}/dashboards`);
    await expect(page.getByText(P(0)).first()).toBeVisible({ timeout: 30_000 });
    await page.goto(`${app.baseURL}/explore?expr=${encodeURIComponent("xss_payload")}&ds=xss&tab=table&from=now-5m&to=now`);
    await expect(page.getByText(P(3)).filter({ visible: true }).first()).toBeVisible({ timeout: 30_000 });
    await page.goto(`${app.baseURL}/explore?expr=${encodeURIComponent("xss_payload")}&ds=xss&tab=graph&from=now-5m&to=now`);
    const canvas = page.locator("canvas").first();
    await expect(canvas).toBeVisible({ timeout: 30_000 });
    const box = (await canvas.boundingBox())!;
    for (let i = 1; i < 8; i++) await page.mouse.move(box.x + (box.width * i) / 8, box.y + box.height / 3);
    await page.goto(`${app.baseURL}/dashboards/${UID}/versions`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Versions of ${P(0)}`, { timeout: 30_000 });
    await page.waitForLoadState("networkidle");
    expect(await executions(page)).toBe(0);
    expect(t.dialogs()).toBe(0);
    recordFigure({ suite: "xss", where: "list, explore, versions", payloads: PAYLOADS.length, executions: 0, dialogs: 0 });
  });

  test("the trap works: a page script that does run is counted", async ({ page }) => {
    // Guards the test itself: with the trap installed, an executed payload would be seen.
    await trap(page);
    await page.goto(`${app.baseURL}/dashboards`);
    await page.evaluate(() => {
      const img = document.createElement("img");
      img.setAttribute("onerror", "window.__xss.push(1)");
      img.src = "x:/nothing";
      document.body.append(img);
    });
    await expect.poll(() => executions(page)).toBe(1);
  });

  test.describe("CSP as the second line of defence", () => {
    test.use({ bypassCSP: false });
    test("an injected inline handler does not run under the app's CSP, and the browser reports the violation", async ({ page }) => {
      await trap(page);
      await page.goto(`${app.baseURL}/dashboards`);
      const violation = page.evaluate(
        () => new Promise<string>((resolve) => document.addEventListener("securitypolicyviolation", (e) => resolve(e.effectiveDirective), { once: true })),
      );
      await page.evaluate(() => {
        const img = document.createElement("img");
        img.setAttribute("onerror", "window.__xss.push(1)");
        img.src = "x:/nothing";
        document.body.append(img);
      });
      expect(await violation).toMatch(/^script-src/);
      expect(await executions(page)).toBe(0);
    });
  });
});
