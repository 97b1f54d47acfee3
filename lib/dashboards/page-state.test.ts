import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import * as all from "@/app/api/dashboards/route";
import { resetConfig } from "@/lib/config";
import { testBearer } from "@/test/auth/test-principal";
import { ctx, dashboardDoc, request, useTempStore, type TempStore } from "@/test/dashboards/helpers";
import { dashboardPageData } from "./page-state";
import { encodeViewCookie } from "./view-cookie";

// Which early-query path a dashboard page takes (lib/dashboards/early-queries.ts, early-variables.ts):
// planned before the HTML for dashboards without query variables; for those with, a plan that streams
// later, only for a document load, never for a visitor without query:run or without the view cookie.

let store: TempStore;
beforeEach(async () => {
  store = await useTempStore();
  // A datasource that refuses connections: a variable's request fails.
  const file = path.join(mkdtempSync(path.join(tmpdir(), "orrery-page-data-")), "orrery.config.json");
  writeFileSync(file, JSON.stringify({ datasources: [{ id: "p", type: "prometheus", url: "http://127.0.0.1:9" }] }));
  vi.stubEnv("ORRERY_CONFIG", file);
  resetConfig();
  const withVariable = { templating: { list: [{ type: "query", name: "job", query: "label_values(up, job)" }] } };
  for (const doc of [dashboardDoc("plain", { timezone: "utc" }), dashboardDoc("vars", { timezone: "utc", ...withVariable })]) {
    expect((await all.POST(request("POST", "/api/dashboards", { dashboard: doc }), ctx({}))).status).toBe(201);
  }
});
afterEach(async () => {
  await store.cleanup();
  resetConfig();
});

const viewCookie = encodeViewCookie({ gridWidth: 1568, gridTop: 121, innerWidth: 1600, innerHeight: 700, dpr: 1, timeZone: "UTC" });
const page = { search: "", viewCookie };

describe("dashboardPageData", () => {
  it("a dashboard without query variables: the plan comes with the shell", async () => {
    const data = await dashboardPageData("plain", new Headers({ authorization: await testBearer("viewer"), accept: "text/html" }), page);
    expect(data.earlyQueries?.queries.map((q) => q.params.query)).toEqual(["up"]);
    expect(data.laterEarlyQueries).toBeNull();
  });

  it("a dashboard with a query variable: a plan to stream later, for a document load only; a failing variable request ends it with none", async () => {
    const viewer = await testBearer("viewer");
    const data = await dashboardPageData("vars", new Headers({ authorization: viewer, accept: "text/html", "sec-fetch-dest": "document" }), page);
    expect(data.earlyQueries).toBeNull();
    expect(data.laterEarlyQueries).toBeInstanceOf(Promise);
    expect(await data.laterEarlyQueries).toBeNull();
    // Next's fetch of the page's RSC payload (soft navigation, prefetch): its scripts never run.
    for (const headers of [{ "sec-fetch-dest": "empty", accept: "text/html" }, { accept: "*/*" }] as Record<string, string>[]) {
      expect((await dashboardPageData("vars", new Headers({ authorization: viewer, ...headers }), page)).laterEarlyQueries).toBeNull();
    }
  });

  it("nothing early without the view cookie, or for a visitor who may not run queries", async () => {
    const viewer = await testBearer("viewer");
    for (const uid of ["plain", "vars"]) {
      const first = await dashboardPageData(uid, new Headers({ authorization: viewer, accept: "text/html" }), { search: "", viewCookie: undefined });
      expect([first.earlyQueries, first.laterEarlyQueries]).toEqual([null, null]);
      const anonymous = await dashboardPageData(uid, new Headers({ accept: "text/html" }), page);
      expect([anonymous.earlyQueries, anonymous.laterEarlyQueries]).toEqual([null, null]);
    }
  });
});
