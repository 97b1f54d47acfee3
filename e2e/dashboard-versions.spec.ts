import { expect, test, type APIRequestContext, type Locator, type Page } from "@playwright/test";
import { SAME_ORIGIN_HEADERS } from "./auth";
import { ApiDashboards, dashboardDoc } from "./pages/dashboards";

// Signed in as admin (storageState); API mutations carry the Origin a browser would send (CSRF check).
test.use({ extraHTTPHeaders: SAME_ORIGIN_HEADERS });

// The version history page against the real server: versions are made through the API, then the
// page compares and restores them. One uid per run, deleted at the end.
const uid = `e2e-versions-${Date.now().toString(36)}`;
const doc = (panelTitle: string) =>
  dashboardDoc(uid, "Versions e2e", { panels: [{ id: 1, type: "text", title: panelTitle, gridPos: { x: 0, y: 0, w: 12, h: 4 }, options: { content: "versions" } }] });
const made = new ApiDashboards();

/** Version 1 titles the panel "Errors v1"; each PUT saves the next version with the next title. */
async function createWithVersions(request: APIRequestContext, count: number): Promise<void> {
  await made.create(request, doc("Errors v1"));
  for (let version = 1; version < count; version++) {
    const put = await request.put(`/api/dashboards/${uid}`, { data: { dashboard: doc(`Errors v${version + 1}`), version } });
    expect(put.status()).toBe(200);
  }
}

/** The versions page, by role and label. */
class VersionsPage {
  readonly list: Locator;
  readonly compareButton: Locator;
  readonly summary: Locator;

  constructor(readonly page: Page) {
    this.list = page.getByRole("table", { name: "Versions" });
    this.compareButton = page.getByRole("button", { name: "Compare versions" });
    this.summary = page.getByRole("list", { name: "Summary of changes" });
  }

  async goto(dashboardUid: string): Promise<void> {
    await this.page.goto(`/dashboards/${dashboardUid}/versions`);
    await expect(this.page.getByRole("heading", { level: 1 })).toBeVisible({ timeout: 20_000 });
  }

  select(version: number): Locator {
    return this.page.getByRole("checkbox", { name: `Select version ${version}` });
  }

  async compare(a: number, b: number): Promise<void> {
    await this.select(a).check();
    await this.select(b).check();
    await this.compareButton.click();
  }

  async restore(version: number): Promise<void> {
    await this.page.getByRole("button", { name: `Restore version ${version}` }).click();
    await this.page.getByRole("dialog", { name: `Restore version ${version}?` }).getByRole("button", { name: "Restore", exact: true }).click();
  }
}

test.describe("dashboard versions", () => {
  test.afterEach(async ({ request }) => {
    await made.deleteAll(request);
  });

  test("lists, views, compares and restores versions", async ({ page, request }) => {
    await createWithVersions(request, 3);
    const versions = new VersionsPage(page);
    await versions.goto(uid);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Versions of Versions e2e");
    await expect(versions.list.getByRole("checkbox")).toHaveCount(3);
    await expect(versions.list.getByRole("row").filter({ hasText: "Current" })).toContainText("3");
    await expect(page.getByRole("link", { name: "Back to dashboard" })).toHaveAttribute("href", `/d/${uid}/versions-e2e`);

    await page.getByRole("button", { name: "View version 2" }).click();
    await expect(page.getByRole("textbox", { name: "Version 2 JSON" })).toHaveValue(/"title": "Errors v2"/);

    await versions.compare(1, 3);
    await expect(page.getByRole("region", { name: "Comparing version 1 with version 3 (current)" })).toBeVisible();
    await expect(versions.summary.getByRole("listitem")).toHaveCount(1);
    await expect(versions.summary).toContainText('Panel “Errors v1” title changed from "Errors v1" to "Errors v3"');
    await page.getByRole("tab", { name: "JSON diff" }).click();
    const diff = page.getByRole("region", { name: "JSON diff of version 1 and version 3" });
    await expect(diff.getByRole("deletion")).toHaveText([/"title": "Errors v1"/]);
    await expect(diff.getByRole("insertion")).toHaveText([/"title": "Errors v3"/]);

    await versions.restore(1);
    await expect(page).toHaveURL(new RegExp(`/d/${uid}/versions-e2e`));
    const current = await (await request.get(`/api/dashboards/${uid}`)).json();
    expect(current.meta.version).toBe(4);
    expect(current.dashboard.panels[0].title).toBe("Errors v1");
  });

  test("refuses a restore when someone saved meanwhile, and reloads the list", async ({ page, request }) => {
    await createWithVersions(request, 2);
    const versions = new VersionsPage(page);
    await versions.goto(uid);
    await expect(versions.list.getByRole("checkbox")).toHaveCount(2);
    expect((await request.put(`/api/dashboards/${uid}`, { data: { dashboard: doc("Errors v3"), version: 2 } })).status()).toBe(200);

    await versions.restore(1);
    await expect(page.getByRole("status").filter({ hasText: "Someone saved this dashboard meanwhile" })).toContainText("saved version 3");
    await expect(versions.list.getByRole("checkbox")).toHaveCount(3);
    const current = await (await request.get(`/api/dashboards/${uid}`)).json();
    expect(current.meta.version).toBe(3);
    expect(current.dashboard.panels[0].title).toBe("Errors v3");
  });

  test("says a provisioned dashboard has no history to restore", async ({ page }) => {
    const versions = new VersionsPage(page);
    await versions.goto("orrery-example");
    await expect(page.getByRole("status").filter({ hasText: "Provisioned dashboard" })).toBeVisible();
    await expect(versions.list.getByRole("checkbox")).toHaveCount(1);
    await expect(page.getByRole("button", { name: /^Restore version/ })).toHaveCount(0);
  });
});
