import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { hydrate, QueryClient } from "@tanstack/react-query";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import * as all from "@/app/api/dashboards/route";
import * as one from "@/app/api/dashboards/[uid]/route";
import { GET as datasourcesGET } from "@/app/api/datasources/route";
import { GET as settingsGET } from "@/app/api/settings/route";
import { resetConfig } from "@/lib/config";
import { promqlKeys } from "@/lib/promql/keys";
import { datasourceListSchema } from "@/lib/promql/types";
import { testBearer } from "@/test/auth/test-principal";
import { ctx, dashboardDoc, request, useTempStore, type TempStore } from "./helpers";
import { storedDashboardSchema } from "@/lib/dashboards/api-schemas";
import { dashboardKeys } from "@/lib/dashboards/keys";
import { dashboardPageState } from "@/lib/dashboards/page-state";
import { settingsKeys } from "@/lib/dashboards/settings";

// The dashboard page's server-read state must be exactly what the browser would have fetched from
// the routes with the same credentials, and nothing the routes would refuse.

let store: TempStore;
beforeEach(async () => {
  store = await useTempStore();
  const file = path.join(mkdtempSync(path.join(tmpdir(), "orrery-page-state-")), "orrery.config.json");
  writeFileSync(file, JSON.stringify({ datasources: [{ id: "p", type: "prometheus", url: "http://127.0.0.1:9", headers: { "x-secret": "s3cret" } }], dashboards: { minRefreshInterval: "1m" } }));
  vi.stubEnv("ORRERY_CONFIG", file);
  resetConfig();
});
afterEach(async () => {
  await store.cleanup();
  resetConfig();
});

/** The state as the browser's QueryClient holds it after HydrationBoundary. */
function hydrated(state: Awaited<ReturnType<typeof dashboardPageState>>): QueryClient {
  const client = new QueryClient();
  hydrate(client, JSON.parse(JSON.stringify(state)));
  return client;
}

describe("dashboardPageState", () => {
  it("holds the dashboard, settings and datasources exactly as the routes answer the same visitor", async () => {
    expect((await all.POST(request("POST", "/api/dashboards", { dashboard: dashboardDoc("abc") }), ctx({}))).status).toBe(201);
    const authorization = await testBearer("viewer");
    const headers = new Headers({ authorization });
    const client = hydrated(await dashboardPageState("abc", headers));
    const viaRoute = async (res: Response) => (await res.json()) as unknown;
    const dashboard = await viaRoute(await one.GET(new Request("http://x/api/dashboards/abc", { headers }), ctx({ uid: "abc" })));
    expect(client.getQueryData(dashboardKeys.detail("abc"))).toEqual(storedDashboardSchema.parse(dashboard));
    expect(client.getQueryData(settingsKeys.all)).toEqual(await viaRoute(await settingsGET(new Request("http://x/api/settings", { headers }), undefined)));
    const datasources = datasourceListSchema.parse(await viaRoute(await datasourcesGET(new Request("http://x/api/datasources", { headers }), undefined))).datasources;
    expect(client.getQueryData(promqlKeys.datasources())).toEqual(datasources);
    expect(JSON.stringify(client.getQueryCache().getAll().map((q) => q.state.data))).not.toContain("s3cret");
  });

  it("leaves out what the visitor may not read: nothing without credentials, no dashboard for an unknown uid", async () => {
    expect(hydrated(await dashboardPageState("abc", new Headers())).getQueryCache().getAll()).toEqual([]);
    const invalid = await dashboardPageState("abc", new Headers({ authorization: "Bearer not-a-token" }));
    expect(invalid.queries).toEqual([]);
    const client = hydrated(await dashboardPageState("missing", new Headers({ authorization: await testBearer("viewer") })));
    expect(client.getQueryData(dashboardKeys.detail("missing"))).toBeUndefined();
    expect(client.getQueryData(settingsKeys.all)).toEqual({ dashboards: { minRefreshInterval: "1m" } });
  });
});
