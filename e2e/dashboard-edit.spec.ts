import { expect, test, type APIRequestContext } from "@playwright/test";
import { DashboardPage } from "./pages/dashboard-page";
import { ApiDashboards, dashboardDoc } from "./pages/dashboards";
import { SAME_ORIGIN_HEADERS } from "./auth";

// Signed in as admin (storageState); API mutations carry the Origin a browser would send (CSRF check).
test.use({ extraHTTPHeaders: SAME_ORIGIN_HEADERS });

// Editing against the real app and the e2e Prometheus stack: `global` (the default datasource)
// federates the `east` and `west` leaves, whose series carry a `cluster` label.
const EXPR = "sum by (cluster) (up)";
const run = Date.now().toString(36);
const made = new ApiDashboards();

async function createDashboard(request: APIRequestContext, uid: string, panels: unknown[] = []): Promise<void> {
  await made.create(request, dashboardDoc(uid, `E2E ${uid}`, { panels }));
}

test.afterAll(async ({ request }) => {
  await made.deleteAll(request);
});

test.describe("dashboard editing", () => {
  test("builds a dashboard from nothing with a time series, a stat and a table, saves it and reloads it", async ({ page }) => {
    // Three panels, a save and a reload, each waiting on real queries: slow on a busy 2-core machine.
    test.slow();
    const dashboard = new DashboardPage(page);
    await dashboard.gotoNew();
    await dashboard.addPanel("Time series", "Up over time", EXPR);
    await dashboard.addPanel("Stat", "Up now", EXPR);
    await dashboard.addPanel("Table", "Up table", EXPR);

    // Unsaved edits: an in-app link asks first, and staying keeps them.
    page.once("dialog", (dialog) => {
      expect(dialog.message()).toContain("unsaved changes");
      void dialog.dismiss();
    });
    await page.getByRole("link", { name: "Dashboards" }).click();
    await expect(page).toHaveURL(/\/dashboard\/new/);
    await expect(dashboard.panel("Up table")).toBeVisible();
    // Closing or reloading the tab gets the browser's own prompt; dismissing it keeps the page.
    const prompt = new Promise<string>((resolve) => page.once("dialog", (dialog) => (resolve(dialog.type()), void dialog.dismiss())));
    await page.close({ runBeforeUnload: true });
    expect(await prompt).toBe("beforeunload");
    await expect(dashboard.panel("Up table")).toBeVisible();

    const title = `E2E built ${run}`;
    await dashboard.save("first version", title);
    await expect(page).toHaveURL(/\/d\/[A-Za-z0-9]{9}\/e2e-built-/);
    const uid = new URL(page.url()).pathname.split("/")[2]!;
    made.track(uid);

    // A fresh e2e stack may hold seconds of data only: look at the last 5 minutes, and load again
    // until both leaves' first samples fall inside the step-aligned range.
    await expect(async () => {
      await page.goto(`/d/${uid}?from=now-5m&to=now`);
      await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
      const timeSeries = dashboard.panel("Up over time");
      await expect(timeSeries.getByRole("img", { name: /^Time series of \d+ series/ }).locator("canvas")).toBeVisible({ timeout: 5_000 });
      for (const cluster of ["east", "west"]) await expect(timeSeries.getByRole("list", { name: "Legend" }).getByRole("button", { name: `{cluster="${cluster}"}` })).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 30_000 });
    await expect(dashboard.panel("Up now").locator("[data-value]").first()).toHaveText(/\d/);
    const table = dashboard.panel("Up table").getByRole("table");
    await expect(table.getByRole("row").filter({ hasText: "east" })).toHaveCount(1);
    await expect(table.getByRole("row").filter({ hasText: "west" })).toHaveCount(1);
  });

  test("a save based on an older version shows the conflict and does not overwrite", async ({ page, browser, request }) => {
    const uid = `e2e-conflict-${run}`;
    await createDashboard(request, uid);
    const first = new DashboardPage(page);
    const otherContext = await browser.newContext();
    const second = new DashboardPage(await otherContext.newPage());
    for (const d of [first, second]) {
      await d.goto(uid);
      await d.editButton.click();
    }
    await first.setTitle("Saved first");
    await first.save("first");
    await second.setTitle("Saved second");
    await second.openSave("second");

    const alert = second.saveDialog.getByRole("alert");
    await expect(alert).toContainText(/saved by .+ at .+ \(version 2\); you edited version 1/);
    await expect(second.saveDialog.getByRole("button", { name: "Reload (discard my changes)" })).toBeVisible();
    await expect(second.saveDialog.getByRole("button", { name: "Save as copy" })).toBeVisible();
    const stored = await (await request.get(`/api/dashboards/${uid}`)).json();
    expect(stored.dashboard.title).toBe("Saved first");
    expect(stored.meta.version).toBe(2);

    await second.saveDialog.getByRole("button", { name: "Reload (discard my changes)" }).click();
    await expect(second.page.getByRole("heading", { level: 1, name: "Saved first" })).toBeVisible();
    await otherContext.close();
  });

  test("the JSON model editor names the path of an invalid edit and does not apply it", async ({ page, request }) => {
    const uid = `e2e-json-${run}`;
    await createDashboard(request, uid, [{ id: 1, type: "stat", title: "One", gridPos: { x: 0, y: 0, w: 12, h: 8 }, targets: [{ refId: "A", expr: EXPR }] }]);
    const dashboard = new DashboardPage(page);
    await dashboard.goto(uid);
    await dashboard.editButton.click();
    const doc = (await dashboard.openJson()) as { panels: Array<{ gridPos: { w: number } }> };
    doc.panels[0]!.gridPos.w = 30;
    await dashboard.jsonText.fill(JSON.stringify(doc, null, 2));

    await expect(dashboard.jsonIssues).toContainText("panels[0].gridPos.w");
    await expect(dashboard.applyJson).toBeDisabled();
    await dashboard.settingsButton.click();
    const reopened = (await dashboard.openJson()) as { panels: Array<{ gridPos: { w: number } }> };
    expect(reopened.panels[0]!.gridPos.w).toBe(12);
    await expect(dashboard.discardButton).toBeDisabled();
  });

  test("arranges panels in edit mode: resize, duplicate, remove, add a row, drag into it, and saves the arrangement", async ({ page, request }) => {
    const uid = `e2e-arrange-${run}`;
    await createDashboard(request, uid, [{ id: 1, type: "stat", title: "One", gridPos: { x: 0, y: 0, w: 6, h: 4 }, targets: [{ refId: "A", expr: EXPR }] }]);
    const dashboard = new DashboardPage(page);
    await dashboard.goto(uid);
    await dashboard.editButton.click();

    await dashboard.resizePanel("One", 160, 80);
    await dashboard.panelMenu("One", "Duplicate");
    await expect(dashboard.panel("One")).toHaveCount(2);
    await dashboard.panelMenu("One", "Remove", 1);
    await expect(dashboard.panel("One")).toHaveCount(1);
    await dashboard.addButton.click();
    await page.getByRole("menuitem", { name: "Row" }).click();
    await expect(page.getByRole("group", { name: "Row Row title" })).toBeVisible();
    // Dragged by its title below the row, the panel joins the row.
    await dashboard.dragPanel("One", 0, 400);
    await dashboard.save("arranged");

    const stored = (await (await request.get(`/api/dashboards/${uid}`)).json()) as { dashboard: { panels: Array<{ id: number; type: string; gridPos: { y: number; w: number; h: number } }> } };
    const [row, one] = stored.dashboard.panels;
    expect(stored.dashboard.panels).toHaveLength(2);
    expect(row).toMatchObject({ type: "row", title: "Row title", gridPos: { x: 0, y: 0, w: 24, h: 1 } });
    expect(one).toMatchObject({ id: 1, type: "stat", gridPos: { y: 1 } });
    expect(one!.gridPos.w).toBeGreaterThan(6);
    expect(one!.gridPos.h).toBeGreaterThan(4);
    // Saving leaves edit mode with the saved dashboard on show.
    await expect(dashboard.editButton).toBeVisible();

    // Discard from the panel editor drops the change and leaves edit mode.
    await dashboard.editButton.click();
    await dashboard.panelMenu("One", "Edit");
    await dashboard.panelEditor.getByLabel("Title", { exact: true }).fill("Renamed");
    await dashboard.discardButton.click();
    await expect(dashboard.editButton).toBeVisible();
    await expect(dashboard.panel("One")).toBeVisible();
    await expect(page).not.toHaveURL(/editPanel/);
  });

  test("back/forward away from unsaved edits asks first; back within the dashboard does not", async ({ page, request }) => {
    test.slow(); // a real dashboard page in Chromium: slow on a loaded CI machine
    const uid = `e2e-popstate-${run}`;
    await createDashboard(request, uid, [{ id: 1, type: "stat", title: "One", gridPos: { x: 0, y: 0, w: 12, h: 8 }, targets: [{ refId: "A", expr: EXPR }] }]);
    const dashboard = new DashboardPage(page);
    // Arrive by an in-app link, so the list is the previous entry of the same document.
    await page.goto("/dashboards");
    await page.getByRole("searchbox", { name: "Search dashboards" }).fill(uid);
    await page.getByRole("link", { name: `E2E ${uid}` }).first().click();
    await expect(page).toHaveURL(/[?&]from=/, { timeout: 20_000 });
    await dashboard.editButton.click();
    await dashboard.setTitle("Edited, not saved");
    await expect(page.getByText("Unsaved changes")).toBeVisible();
    await page.getByRole("button", { name: "Settings" }).click();

    // A view change is a history entry of this page: back undoes it without asking.
    const unexpected: string[] = [];
    const record = (dialog: import("@playwright/test").Dialog) => (unexpected.push(dialog.message()), void dialog.dismiss());
    page.on("dialog", record);
    await page.getByLabel("Time range", { exact: true }).selectOption({ label: "Last 15 minutes" });
    await expect(page).toHaveURL(/from=now-15m/);
    await page.goBack();
    await expect(page).toHaveURL(new RegExp(`/d/${uid}`));
    await expect(page).not.toHaveURL(/from=now-15m/);
    expect(unexpected).toEqual([]);
    page.off("dialog", record);

    // Back to the list: asked; staying keeps the page and the edits.
    const asked = new Promise<string>((resolve) => page.once("dialog", (dialog) => (resolve(dialog.message()), void dialog.dismiss())));
    // history.back(), not page.goBack(): the latter waits for a navigation that staying cancels.
    await page.evaluate(() => history.back());
    expect(await asked).toContain("unsaved changes");
    await expect(page).toHaveURL(new RegExp(`/d/${uid}`));
    await expect(page.getByText("Unsaved changes")).toBeVisible();
    await expect(page.getByRole("heading", { level: 1, name: "Edited, not saved" })).toBeVisible();

    // Asked again, and leaving goes to the list.
    page.once("dialog", (dialog) => void dialog.accept());
    await page.goBack();
    await expect(page).toHaveURL(/\/dashboards$/);
    await expect(page.getByRole("heading", { level: 1, name: "Dashboards" })).toBeVisible();
    const stored = await (await request.get(`/api/dashboards/${uid}`)).json();
    expect(stored.dashboard.title).toBe(`E2E ${uid}`);
  });

  test("a time zone picked in the toolbar is saved with the dashboard", async ({ page, request }) => {
    test.slow(); // a real dashboard page in Chromium: slow on a loaded CI machine
    const uid = `e2e-zone-${run}`;
    await createDashboard(request, uid, [{ id: 1, type: "stat", title: "One", gridPos: { x: 0, y: 0, w: 12, h: 8 }, targets: [{ refId: "A", expr: EXPR }] }]);
    const dashboard = new DashboardPage(page);
    await dashboard.goto(uid);
    await page.getByRole("button", { name: "Time zone: Browser time" }).click();
    await page.getByRole("combobox", { name: "Search time zones" }).fill("berlin");
    await page.getByRole("option", { name: /Europe\/Berlin/ }).click();
    await expect(page).toHaveURL(/timezone=Europe%2FBerlin/);

    await dashboard.editButton.click();
    await dashboard.saveButton.click();
    const keep = dashboard.saveDialog.getByLabel(/Save the time zone shown \(Europe\/Berlin\)/);
    await expect(keep).toBeChecked();
    await dashboard.saveDialog.getByLabel("Message").fill("zone");
    await dashboard.saveDialog.getByRole("button", { name: "Save", exact: true }).click();
    await expect(dashboard.saveDialog).toBeHidden();
    const stored = await (await request.get(`/api/dashboards/${uid}`)).json();
    expect(stored.dashboard.timezone).toBe("Europe/Berlin");

    // Opened without timezone=, the dashboard now shows its saved zone.
    await page.goto(`/d/${uid}`);
    await expect(page.getByRole("button", { name: "Time zone: Europe/Berlin" })).toBeVisible();
  });
});
