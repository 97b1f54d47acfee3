import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test, type APIRequestContext, type Locator, type Page } from "@playwright/test";
import { SAME_ORIGIN_HEADERS } from "./auth";
import { DashboardPage } from "./pages/dashboard-page";
import { ApiDashboards, expectPanelDrawn } from "./pages/dashboards";
import { ImportPage } from "./pages/import-page";
import { queriesOf } from "./pages/panel-queries";

// Grafana import and export through the UI, in Chromium against the real app and the e2e
// Prometheus stack: real dashboards from public projects (test/fixtures/grafana), pasted and
// uploaded, their report, the save, and how they render; then export → re-import of a demo dashboard.

test.use({ extraHTTPHeaders: SAME_ORIGIN_HEADERS });

const FIXTURES = fileURLToPath(new URL("../test/fixtures/grafana", import.meta.url));
const THANOS = path.join(FIXTURES, "thanos-overview.json");
const K8S = path.join(FIXTURES, "kube-prometheus-k8s-resources-cluster.json");
const run = Date.now().toString(36);
const made = new ApiDashboards();

test.afterAll(async ({ request }) => {
  await made.deleteAll(request);
});

interface Converted {
  dashboard: { uid: string; title: string; panels: Array<{ type: string; title: string; panels?: Array<{ type: string; title: string }> }>; templating: { list: Array<{ name: string }> } };
  report: Array<{ path: string; reason: string; panel?: { title: string } }>;
}

/** What the API answers for the same document: the UI must show exactly this. */
async function convertViaApi(request: APIRequestContext, doc: unknown): Promise<Converted> {
  const res = await request.post("/api/dashboards/import", { data: { dashboard: doc } });
  expect(res.status()).toBe(200);
  return (await res.json()) as Converted;
}

const TYPE_NAMES: Record<string, string> = { timeseries: "Time series", stat: "Stat", table: "Table", gauge: "Gauge", bargauge: "Bar gauge", heatmap: "Heatmap", text: "Text" };
const flatPanels = (c: Converted) => c.dashboard.panels.flatMap((p) => (p.type === "row" ? p.panels ?? [] : [p]));

/** The preview lists the converted panels and the whole report, as the API has them. */
async function expectPreviewMatches(importPage: ImportPage, expected: Converted): Promise<void> {
  await importPage.previewed();
  expect(await importPage.panelRows()).toEqual(flatPanels(expected).map((p) => [p.title, TYPE_NAMES[p.type] ?? p.type]));
  const report = await importPage.reportRows();
  expect(report).toHaveLength(expected.report.length);
  expect(report.map((r) => r[1])).toEqual(expected.report.map((r) => r.path));
  expect(report.map((r) => r[2])).toEqual(expected.report.map((r) => r.reason));
  for (const v of expected.dashboard.templating.list) await expect(importPage.variables.getByRole("cell", { name: `$${v.name}`, exact: true })).toBeVisible();
}

/** Expands every collapsed row, then checks each panel settles on a chart, a table, a value or "No data", and none on an error. */
async function expectEveryPanelSettles(page: Page): Promise<{ drawn: number; noData: number }> {
  const frames = page.locator("section[data-panel-id]");
  await expect(frames.first()).toBeVisible({ timeout: 30_000 });
  const collapsed = page.locator('button.panel-drag-handle[aria-expanded="false"]');
  while ((await collapsed.count()) > 0) await collapsed.first().click();
  const count = await frames.count();
  let drawn = 0;
  let noData = 0;
  for (let i = 0; i < count; i++) {
    const frame: Locator = frames.nth(i);
    await frame.scrollIntoViewIfNeeded();
    const name = await frame.getAttribute("aria-label");
    const settled = frame.locator('canvas, table, [data-value], [role="status"]:not([aria-label="Loading"])');
    await expect(settled.first(), `panel ${name}`).toBeVisible({ timeout: 30_000 });
    await expect(frame.getByRole("status", { name: "Loading" }), `panel ${name}`).toHaveCount(0, { timeout: 30_000 });
    await expect(frame.getByRole("alert"), `panel ${name} shows an error`).toHaveCount(0);
    if (await frame.getByRole("status").filter({ hasText: /^No data$/ }).count()) noData++;
    else drawn++;
  }
  return { drawn, noData };
}

test.describe("Grafana import", () => {
  // Real conversions, saves and dozens of panels querying, on a machine shared by many test runs.
  test.describe.configure({ timeout: 240_000 });

  test("pastes the Thanos overview (legacy rows), shows its report, saves it and renders it without errors", async ({ page, request }) => {
    const text = readFileSync(THANOS, "utf8");
    const expected = await convertViaApi(request, JSON.parse(text));
    expect(expected.report.length).toBeGreaterThan(0);
    const importPage = new ImportPage(page);
    await importPage.open();
    // Pasted minified: Playwright's fill types a newline-heavy 71 KB text line by line, which takes minutes here.
    await importPage.paste(JSON.stringify(JSON.parse(text)));
    await expectPreviewMatches(importPage, expected);
    // Rows survive: the preview names the row of each panel.
    await expect(importPage.panels.getByRole("cell", { name: "Compact", exact: true }).first()).toBeVisible();

    const uid = `e2e-thanos-${run}`;
    await importPage.uid.fill(uid);
    await importPage.importButton.click();
    // Grafana's slug spells "/" as its UTF-8 hex.
    await expect(page).toHaveURL(new RegExp(`/d/${uid}/thanos-2f-overview`), { timeout: 20_000 });
    made.track(uid);
    await expect(page.getByRole("heading", { level: 1, name: "Thanos / Overview" })).toBeVisible();
    // The e2e stack runs Prometheus, not Thanos: these panels have no data, and must say so, not fail.
    const { noData } = await expectEveryPanelSettles(page);
    expect(noData).toBeGreaterThan(0);
    const stored = await (await request.get(`/api/dashboards/${uid}`)).json();
    expect(stored.meta).toMatchObject({ version: 1, message: "imported" });
    expect(stored.dashboard.panels).toEqual(expected.dashboard.panels);
  });

  test("uploads the kube-prometheus cluster dashboard; a second import of its uid offers a new uid or a confirmed overwrite", async ({ page, request }) => {
    const doc = JSON.parse(readFileSync(K8S, "utf8"));
    const uid = `e2e-k8s-${run}`;
    const expected = await convertViaApi(request, doc);
    const importPage = new ImportPage(page);
    await importPage.open();
    await importPage.upload(K8S);
    await expectPreviewMatches(importPage, expected);
    await importPage.uid.fill(uid);
    await importPage.importButton.click();
    await expect(page).toHaveURL(new RegExp(`/d/${uid}/`), { timeout: 20_000 });
    made.track(uid);
    // No kubelet/cAdvisor metrics in the stack: every panel settles, on "No data" rather than an error.
    await expectEveryPanelSettles(page);

    // The same file again, same uid: nothing is overwritten without asking.
    await importPage.open();
    await importPage.upload(K8S);
    await importPage.previewed();
    await importPage.uid.fill(uid);
    await importPage.title.fill("K8s cluster (second import)");
    await importPage.importButton.click();
    const conflict = page.getByRole("status").filter({ hasText: `A dashboard with uid ${uid} already exists` });
    await expect(conflict).toBeVisible();
    await expect(conflict).toContainText("version 1, saved by admin");
    expect((await (await request.get(`/api/dashboards/${uid}`)).json()).meta.version).toBe(1);
    await conflict.getByRole("button", { name: "Overwrite…" }).click();
    const overwrite = conflict.getByRole("button", { name: `Overwrite ${uid}` });
    await expect(overwrite).toBeDisabled();
    await conflict.getByRole("checkbox").check();
    await overwrite.click();
    await expect(page).toHaveURL(new RegExp(`/d/${uid}/k8s-cluster-second-import`), { timeout: 20_000 });
    const stored = await (await request.get(`/api/dashboards/${uid}`)).json();
    expect(stored.meta.version).toBe(2);
    expect(stored.dashboard.title).toBe("K8s cluster (second import)");
  });

  test("maps a Grafana datasource to an Orrery one chosen in the preview; the panel queries it and draws", async ({ page, request }) => {
    const doc = {
      uid: `e2e-map-${run}`,
      title: `Mapped ${run}`,
      schemaVersion: 39,
      panels: [
        {
          id: 1,
          type: "timeseries",
          title: "Up by job",
          gridPos: { x: 0, y: 0, w: 12, h: 8 },
          datasource: { type: "prometheus", uid: "grafana-prom-uid" },
          targets: [{ refId: "A", expr: "sum by (job) (up)", datasource: { type: "prometheus", uid: "grafana-prom-uid" } }],
        },
      ],
    };
    const importPage = new ImportPage(page);
    await importPage.open();
    await importPage.paste(JSON.stringify(doc, null, 2));
    await importPage.previewed();
    const select = page.getByRole("combobox", { name: /^Orrery datasource for .*grafana-prom-uid/ });
    await expect(select).toHaveValue("global"); // the default datasource
    await select.selectOption("east");
    await expect(page.getByText("Converting…")).toBeHidden({ timeout: 20_000 });
    await importPage.importButton.click();
    await expect(page).toHaveURL(new RegExp(`/d/${doc.uid}/`), { timeout: 20_000 });
    made.track(doc.uid);
    const stored = await (await request.get(`/api/dashboards/${doc.uid}`)).json();
    expect(JSON.stringify(stored.dashboard.panels[0])).toContain('"east"');
    expect(JSON.stringify(stored.dashboard.panels[0])).not.toContain("grafana-prom-uid");
    const queried = page.waitForRequest((r) => queriesOf(r).some((q) => q.datasource === "east" && q.endpoint === "query_range"), { timeout: 30_000 });
    await page.goto(`/d/${doc.uid}?from=now-15m&to=now`);
    await queried;
    await expectPanelDrawn(page, "Up by job");
  });

  test("refuses bad input with a clear message and saves nothing", async ({ page, request }) => {
    const before = (await (await request.get("/api/dashboards")).json()).dashboards.length;
    const importPage = new ImportPage(page);
    await importPage.open();
    await importPage.paste('{\n  "title": "broken",\n  "panels": [}\n}');
    // (Next's route announcer is an alert too: look for ours by its title.)
    const failure = page.getByRole("alert").filter({ hasText: "This cannot be imported" });
    await expect(failure).toContainText('is not valid JSON: expected a value or "]" but found "}" at line 3, column 14 (offset 36)');
    await importPage.paste('["not", "a", "dashboard"]');
    await expect(failure).toContainText("not a Grafana dashboard");
    await importPage.upload({ name: "bomb.json", mimeType: "application/json", buffer: Buffer.from("[".repeat(5000) + "]".repeat(5000)) });
    await expect(failure).toContainText('the file "bomb.json" has JSON nesting deeper than 200 levels');
    await expect(importPage.importButton).toHaveCount(0);
    expect((await (await request.get("/api/dashboards")).json()).dashboards.length).toBe(before);
  });
});

test.describe("Grafana export", () => {
  test.describe.configure({ timeout: 240_000 });

  test("exports the federation overview as Grafana JSON, and re-importing the file gives the same panels", async ({ page, request }) => {
    const original = await (await request.get("/api/dashboards/federation-overview")).json();
    await page.goto("/d/federation-overview");
    const download = await new DashboardPage(page).exportAs("Grafana JSON");
    expect(download.suggestedFilename()).toBe("prometheus-federation-overview.grafana.json");
    const file = await download.path();
    const grafana = JSON.parse(readFileSync(file, "utf8"));
    expect(grafana).toMatchObject({ uid: "federation-overview", title: original.dashboard.title });
    expect(grafana.schemaVersion).toBeGreaterThanOrEqual(39);

    const importPage = new ImportPage(page);
    await importPage.open();
    await importPage.upload(file);
    await importPage.previewed();
    await expect(page.getByText("Everything was carried over: nothing to report.")).toBeVisible();
    const flat = original.dashboard.panels.flatMap((p: { type: string; panels?: unknown[] }) => (p.type === "row" ? p.panels ?? [] : [p]));
    expect(await importPage.panelRows()).toEqual(flat.map((p: { title: string; type: string }) => [p.title, TYPE_NAMES[p.type] ?? p.type]));
    // Its uid is the provisioned dashboard's: only a new uid is offered (provisioned files are never overwritten).
    await importPage.importButton.click();
    const conflict = page.getByRole("status").filter({ hasText: "A dashboard with uid federation-overview already exists" });
    await expect(conflict).toContainText("is provisioned from the server's files and cannot be replaced");
    await expect(conflict.getByRole("button", { name: "Overwrite…" })).toHaveCount(0);
    await conflict.getByRole("button", { name: "Save with a new uid" }).click();
    await expect(page).toHaveURL(/\/d\/[A-Za-z0-9]{9}\/prometheus-federation-overview/, { timeout: 20_000 });
    const uid = new URL(page.url()).pathname.split("/")[2]!;
    made.track(uid);
    const copy = await (await request.get(`/api/dashboards/${uid}`)).json();
    expect(copy.dashboard.panels).toEqual(original.dashboard.panels);
    expect(copy.dashboard.templating).toEqual(original.dashboard.templating);
    // The copy draws like the original: the stack has these metrics.
    await expectPanelDrawn(page, "Targets up by cluster");
  });

  test("exports Orrery JSON: the stored dashboard itself", async ({ page, request }) => {
    const original = await (await request.get("/api/dashboards/demo-workload")).json();
    await page.goto("/d/demo-workload");
    const download = await new DashboardPage(page).exportAs("Orrery JSON");
    expect(download.suggestedFilename()).toBe("demo-workload.orrery.json");
    expect(JSON.parse(readFileSync(await download.path(), "utf8"))).toEqual(original.dashboard);
  });
});
