import { expect, test, type APIRequestContext, type Locator, type Page } from "@playwright/test";
import { SAME_ORIGIN_HEADERS } from "../auth";

// The set-up the dashboard specs share: dashboards made through the API (and deleted after the
// spec), the provisioned federation overview, its panels by title, and waiting until they draw.

/** The provisioned dashboard of the e2e Prometheus federation stack (dashboards/federation-overview.json). */
export const OVERVIEW = "/d/federation-overview/prometheus-federation-overview";

/** A panel in the grid (or a single panel view), by its exact title. */
export function panel(page: Page, title: string): Locator {
  return page.getByRole("region", { name: title, exact: true });
}

/** Waits until a chart panel has drawn (its first canvas is visible): the query chain answered. */
export async function expectPanelDrawn(page: Page, title: string, timeout = 30_000): Promise<void> {
  await expect(panel(page, title).locator("canvas").first()).toBeVisible({ timeout });
}

/**
 * Waits until the global server holds `scrapes` federated scrapes of the last 10 minutes: a stack
 * started seconds ago would honestly show "No data" for panels whose step-aligned range ends before now.
 */
export async function waitForFederatedScrapes(request: APIRequestContext, timeout = 60_000, scrapes = 4): Promise<void> {
  await expect
    .poll(async () => {
      const res = await request.get("/api/ds/global/api/v1/query", { params: { query: 'min(count_over_time(up{job="federate"}[10m]))' } });
      const body = await res.json();
      return Number(body.data?.result?.[0]?.value?.[1] ?? 0);
    }, { timeout })
    .toBeGreaterThanOrEqual(scrapes);
}

/** A dashboard document of the current schema: `uid` and `title`, plus any other fields. */
export function dashboardDoc(uid: string, title: string, rest: Record<string, unknown> = {}): Record<string, unknown> & { uid: string } {
  return { schemaVersion: 1, uid, title, panels: [], ...rest };
}

/**
 * The dashboards one spec file makes: `create` posts one through the API (expecting 201), `track`
 * adds one made through the UI, `deleteAll` (in afterAll/afterEach) removes them all. The spec needs
 * `test.use({ extraHTTPHeaders: SAME_ORIGIN_HEADERS })` for the API's CSRF check.
 */
export class ApiDashboards {
  private readonly uids = new Set<string>();

  async create(request: APIRequestContext, dashboard: Record<string, unknown> & { uid: string }): Promise<string> {
    const res = await request.post("/api/dashboards", { data: { dashboard } });
    expect(res.status(), await res.text()).toBe(201);
    this.uids.add(dashboard.uid);
    return dashboard.uid;
  }

  track(uid: string): void {
    this.uids.add(uid);
  }

  async deleteAll(request: APIRequestContext): Promise<void> {
    for (const uid of this.uids) await request.delete(`/api/dashboards/${uid}`);
    this.uids.clear();
  }
}

/**
 * For a spec of dashboards made through the API, at its top level: the API's same-origin header, the
 * federation's data waited for before the first test, and every dashboard made deleted after the last.
 */
export function apiDashboardsOfSpec(): ApiDashboards {
  test.use({ extraHTTPHeaders: SAME_ORIGIN_HEADERS });
  const made = new ApiDashboards();
  test.beforeAll(async ({ request }) => {
    await waitForFederatedScrapes(request, 90_000);
  });
  test.afterAll(async ({ request }) => {
    await made.deleteAll(request);
  });
  return made;
}

/** `n` time series panels, four per row, charting `count(up) * <i>` (a distinct query each). */
export function countUpCharts(n: number): Array<Record<string, unknown>> {
  return Array.from({ length: n }, (_, i) => ({
    id: i + 1,
    type: "timeseries",
    title: `Chart ${i + 1}`,
    gridPos: { x: (i % 4) * 6, y: Math.floor(i / 4) * 6, w: 6, h: 6 },
    targets: [{ refId: "A", expr: `count(up) * ${i + 1}` }],
  }));
}

