import { QueryClient } from "@tanstack/react-query";
import { afterEach, describe, expect, it, vi } from "vitest";
import { startGridPanelQueries } from "@/components/dashboard/panel-frame";
import { encodePart } from "@/lib/promql/batch/framing";
import { EARLY_BATCH_GLOBAL, earlyAnswers, resetEarlyAnswers } from "@/lib/promql/batch/early";
import { BATCH_MEDIA_TYPE, type BatchQuery } from "@/lib/promql/batch/schema";
import type { DatasourceInfo } from "@/lib/promql/types";
import { planEarlyQueries, type EarlyQueriesInput } from "./early-queries";
import { gridItemBoxes } from "./grid-geometry";
import { buildLayout, variableSelection } from "./layout";
import { dashboardSchema, type Dashboard } from "./schema";
import { resolveDashboardTimeRange, utcOffsetSeconds } from "./time";
import { decodeDashboardUrlState } from "./url-state";
import { resolveVariables } from "./variables/resolve";

// The server's plan of a dashboard's first queries (early-queries.ts) is only worth anything if it is
// exactly what the page asks. These tests run the page's own request path (panel-frame's
// startGridPanelQueries → React Query → frames client → batch client) for the same view and check
// that every query it makes is answered from the early batch, none from the network.

const NOW = 1_700_000_123_456;
const ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;
const datasources: DatasourceInfo[] = [
  { id: "east", name: "East", type: "prometheus", default: true } as DatasourceInfo,
  { id: "west", name: "West", type: "prometheus" } as DatasourceInfo,
];

function dashboard(over: Record<string, unknown> = {}): Dashboard {
  const panels = Array.from({ length: 12 }, (_, i) => ({
    id: i + 1,
    type: i === 5 ? "stat" : "timeseries",
    title: `P${i + 1}`,
    ...(i % 3 === 2 ? { datasource: "$ds" } : {}),
    gridPos: { x: (i % 4) * 6, y: Math.floor(i / 4) * 7, w: 6, h: 7 },
    targets: [{ refId: "A", expr: i % 2 ? `rate(x{s="$s",p="${i}"}[$__rate_interval])` : `up{job="j${i}"}`, ...(i === 5 ? { instant: true } : {}) }],
  }));
  // Below the first screen: not planned, and the page does not ask it before it is scrolled to.
  panels.push({ id: 99, type: "timeseries", title: "below", gridPos: { x: 0, y: 200, w: 24, h: 8 }, targets: [{ refId: "A", expr: "below" }] });
  return dashboardSchema.parse({
    schemaVersion: 1,
    uid: "early",
    title: "Early",
    time: { from: "now-6h", to: "now" },
    templating: {
      list: [
        { type: "custom", name: "s", query: "a,b,c", multi: true, current: { value: ["a", "c"] } },
        { type: "datasource", name: "ds", query: "prometheus", current: { value: "west" } },
      ],
    },
    panels,
    ...over,
  });
}

const view = { gridWidth: 1568, gridTop: 121, innerWidth: 1600, innerHeight: 500, dpr: 1.5, timeZone: ZONE };

/** The page's side, as DashboardScreen computes its panels' context for `search`, then its grid's early start. */
async function pageQueries(d: Dashboard, search: string, client: QueryClient) {
  const { state } = decodeDashboardUrlState(search, d, { minRefresh: "5s" });
  const resolved = resolveDashboardTimeRange(state.time, NOW, { timezone: state.timezone });
  if (!resolved.ok) throw new Error(resolved.error);
  const range = resolved.range;
  const utcOffsetSec = utcOffsetSeconds(state.time, range, state.timezone, NOW);
  const variables = await resolveVariables({ variables: d.templating.list, urlValues: state.variables, fetcher: () => Promise.reject(new Error("no")), datasources, timeRange: range, nowMs: NOW });
  const items = buildLayout(d, variableSelection(variables.values), {});
  const boxes = gridItemBoxes(items, { width: view.gridWidth, top: view.gridTop });
  const panels = items.flatMap((i) => (i.kind === "panel" ? [{ panel: i.panel, scope: { ...variables.values, ...i.scopedVars }, box: boxes.get(i.key)! }] : []));
  startGridPanelQueries(client, panels, { datasources, range, utcOffsetSec });
  await vi.waitFor(() => expect(client.getQueryCache().findAll({ fetchStatus: "fetching" })).toHaveLength(0));
  return client.getQueryCache().findAll().length;
}

/** An answer to every query of the batch (bodies are not the point here: who answered is). */
function answerAll(queries: readonly BatchQuery[]): Response {
  const parts = queries.map((q) => encodePart({ id: q.id, status: 200, headers: { "content-type": "application/json" } }, new TextEncoder().encode('{"status":"success","data":{"resultType":"matrix","result":[]}}')));
  return new Response(new Blob(parts as BlobPart[]), { status: 200, headers: { "content-type": BATCH_MEDIA_TYPE } });
}

async function plan(d: Dashboard, search: string, over: Partial<EarlyQueriesInput> = {}) {
  return planEarlyQueries({ dashboard: d, search, minRefresh: "5s", datasources, view, nowMs: NOW, ...over });
}

describe("planEarlyQueries", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    resetEarlyAnswers();
  });

  it.each([
    ["the dashboard's default range", ""],
    ["a relative range and a variable from the URL", "from=now-24h&to=now-1h&var-s=b"],
    ["an absolute range in a named zone", "from=2023-11-14T10:00:00.000Z&to=2023-11-14T16:00:00.000Z&timezone=Asia/Kolkata"],
  ])("plans exactly the queries the page asks for its first screen: %s", async (_, search) => {
    const d = dashboard();
    const planned = await plan(d, search);
    if (!("queries" in planned)) throw new Error(planned.skipped);
    // 12 panels near the first screen (3 rows 266 px apart from 121 px, within 200 px of a 500 px window),
    // one target each; the last one not (compacted up to y 21: 919 px).
    expect(planned.queries).toHaveLength(12);
    expect(planned.queries.map((q) => q.params.query).join("\n")).not.toContain("below");
    vi.stubGlobal("window", { innerWidth: view.innerWidth, innerHeight: view.innerHeight, devicePixelRatio: view.dpr });
    const network = vi.fn(() => Promise.reject(new Error("sent to the network")));
    vi.stubGlobal("fetch", network);
    vi.stubGlobal(EARLY_BATCH_GLOBAL, { queries: planned.queries, response: Promise.resolve(answerAll(planned.queries)) });
    const client = new QueryClient();
    const asked = await pageQueries(d, search, client);
    expect(asked).toBe(12);
    expect(network).not.toHaveBeenCalled();
    // Every early answer was taken.
    expect(earlyAnswers()?.size).toBe(0);
  });

  it("a narrower window than last time: the page's own queries differ, and they go to the network", async () => {
    const d = dashboard();
    const planned = await plan(d, "", { view: { ...view, gridWidth: 900 } });
    if (!("queries" in planned)) throw new Error(planned.skipped);
    vi.stubGlobal("window", { innerWidth: view.innerWidth, innerHeight: view.innerHeight, devicePixelRatio: view.dpr });
    const network = vi.fn(() => Promise.reject(new TypeError("offline")));
    vi.stubGlobal("fetch", network);
    vi.stubGlobal(EARLY_BATCH_GLOBAL, { queries: planned.queries, response: Promise.resolve(answerAll(planned.queries)) });
    await pageQueries(d, "", new QueryClient());
    expect(network).toHaveBeenCalled();
  });

  it("skips what it cannot foresee: one panel shown or edited, an upstream variable, an unknown browser zone", async () => {
    const d = dashboard();
    expect(await plan(d, "viewPanel=3")).toEqual({ skipped: "one panel is shown or edited" });
    expect(await plan(d, "editPanel=3")).toEqual({ skipped: "one panel is shown or edited" });
    expect(await plan(d, "", { view: { ...view, timeZone: "" } })).toEqual({ skipped: "the browser's time zone is unknown" });
    // A named dashboard zone needs no browser zone.
    expect(await plan(dashboard({ timezone: "utc" }), "", { view: { ...view, timeZone: "" } })).toHaveProperty("queries");
    const withQueryVar = dashboard({ templating: { list: [{ type: "query", name: "job", query: "label_values(up, job)", datasource: "east" }] } });
    expect(await plan(withQueryVar, "")).toEqual({ skipped: "a variable needs the upstream" });
  });
});
