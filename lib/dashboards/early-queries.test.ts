import { readFileSync } from "node:fs";
import { QueryClient } from "@tanstack/react-query";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { startGridPanelQueries } from "@/components/dashboard/panel-frame";
import { fetchPrometheusJson } from "@/lib/promql/api";
import { earlyBatchScript, earlyPendingScript } from "@/lib/promql/batch/early-script";
import { encodePart } from "@/lib/promql/batch/framing";
import { EARLY_BATCH_GLOBAL, earlyAnswers, resetEarlyAnswers } from "@/lib/promql/batch/early";
import { BATCH_MEDIA_TYPE, type BatchQuery } from "@/lib/promql/batch/schema";
import type { DatasourceInfo } from "@/lib/promql/types";
import { testBearer } from "@/test/auth/test-principal";
import { startFaultProxy, type FaultProxy } from "@/test/reliability/fault-proxy";
import { useApp, type AppEnv } from "@/test/reliability/harness";
import { stackUrls } from "@/test/stack";
import { planEarlyQueries, type EarlyQueriesInput } from "./early-queries";
import { planEarlyQueriesForVisitor, visitorVariableFetcher } from "./early-variables";
import { gridItemBoxes } from "./grid-geometry";
import { buildLayout, variableSelection } from "./layout";
import { dashboardSchema, type Dashboard } from "./schema";
import { resolveDashboardTimeRange, utcOffsetSeconds } from "./time";
import { decodeDashboardUrlState } from "./url-state";
import { resolveVariables, type VariableFetcher } from "./variables/resolve";

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

interface PageSide {
  nowMs: number;
  datasources: readonly DatasourceInfo[];
  /** How the page fetches its variables' options. */
  fetcher: VariableFetcher;
}

/** The page's side, as DashboardScreen computes its panels' context for `search`, then its grid's early start. */
async function pageQueries(d: Dashboard, search: string, client: QueryClient, side: PageSide = { nowMs: NOW, datasources, fetcher: () => Promise.reject(new Error("no")) }) {
  const { nowMs, datasources } = side;
  const { state } = decodeDashboardUrlState(search, d, { minRefresh: "5s" });
  const resolved = resolveDashboardTimeRange(state.time, nowMs, { timezone: state.timezone });
  if (!resolved.ok) throw new Error(resolved.error);
  const range = resolved.range;
  const utcOffsetSec = utcOffsetSeconds(state.time, range, state.timezone, nowMs);
  const variables = await resolveVariables({ variables: d.templating.list, urlValues: state.variables, fetcher: side.fetcher, datasources, timeRange: range, nowMs });
  expect(variables.errors).toEqual({});
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

// The demo's federation overview: two label_values variables (the second filtered by the first). The
// server runs their requests for the visitor through the proxy's own authorization, rate limit and
// query layer (early-variables.ts), against the real stack, and the page's own variable requests and
// panel queries are then all answered from what the HTML carries.
describe("planEarlyQueriesForVisitor: variables that need the upstream", () => {
  let app: AppEnv;
  let fp: FaultProxy;
  let viewer: string;
  const served: DatasourceInfo[] = [
    { id: "global", name: "Global", type: "prometheus", default: true } as DatasourceInfo,
    { id: "held", name: "Held", type: "prometheus" } as DatasourceInfo,
  ];
  const overview = dashboardSchema.parse(JSON.parse(readFileSync(new URL("../../dashboards/federation-overview.json", import.meta.url), "utf8")));
  const onHeld = (d: Dashboard): Dashboard => ({ ...d, templating: { list: d.templating.list.map((v) => ({ ...v, datasource: "held" })) } }) as Dashboard;
  const input = (d: Dashboard, search = "") => ({ dashboard: d, search, minRefresh: "5s", datasources: served, view, nowMs: Date.now() });
  const as = (authorization?: string) => new Headers(authorization ? { authorization, host: "orrery.test" } : { host: "orrery.test" });

  beforeAll(async () => {
    fp = await startFaultProxy({ target: stackUrls().global });
    app = await useApp([
      { id: "global", type: "prometheus", url: stackUrls().global, default: true, scrapeInterval: "5s" },
      { id: "held", type: "prometheus", url: fp.url, timeout: "60s" },
    ]);
    viewer = await testBearer("viewer");
  });

  afterAll(async () => {
    await fp?.setFault({ kind: "none" });
    await app?.cleanup();
    await fp?.close();
  });

  afterEach(() => {
    vi.unstubAllGlobals();
    resetEarlyAnswers();
  });

  it("plans the first screen with the variables resolved for the visitor; the page's variable requests and panel queries all take the HTML's answers", async () => {
    const planInput = input(overview, "var-cluster=east&var-cluster=west");
    const planned = await planEarlyQueriesForVisitor(planInput, as(viewer));
    if (!planned) throw new Error("no plan");
    // One answer per variable: the clusters, then the instances of the chosen clusters.
    expect(planned.variables.map((v) => v.path)).toEqual(["/api/v1/label/cluster/values", "/api/v1/label/instance/values"]);
    expect(planned.variables.every((v) => v.status === 200)).toBe(true);
    expect(planned.queries.length).toBeGreaterThan(3);
    expect(planned.queries.map((q) => q.params.query).join("\n")).toContain('cluster=~"(east|west)"');
    vi.stubGlobal("window", { innerWidth: view.innerWidth, innerHeight: view.innerHeight, devicePixelRatio: view.dpr });
    const network = vi.fn(() => Promise.reject(new Error("sent to the network")));
    vi.stubGlobal("fetch", network);
    // The HTML's scripts as the browser runs them: the shell's announcement, then (streamed) the plan's script.
    const run = (script: string) => new Function("window", "fetch", script)(globalThis, () => Promise.resolve(answerAll(planned.queries)));
    run(earlyPendingScript());
    // The page's own fetcher (use-dashboard-variables.ts), its own range and "now" (the server's, handed to it);
    // it starts before the plan's script has arrived, and waits for it.
    const page: PageSide = { nowMs: planInput.nowMs, datasources: served, fetcher: (ds, path, params, s) => fetchPrometheusJson(ds, path, params, s) };
    const pageDone = pageQueries(overview, "var-cluster=east&var-cluster=west", new QueryClient(), page);
    await new Promise((resolve) => setTimeout(resolve, 10));
    run(earlyBatchScript(planned.queries, planned.variables));
    const asked = await pageDone;
    expect(asked).toBe(planned.queries.length);
    expect(network).not.toHaveBeenCalled();
    expect(earlyAnswers()?.size).toBe(0);
  });

  it("variables resolved differently by the page (its URL asks another value): its requests go to the network", async () => {
    const planned = await planEarlyQueriesForVisitor(input(overview, "var-cluster=east"), as(viewer));
    if (!planned) throw new Error("no plan");
    vi.stubGlobal("window", { innerWidth: view.innerWidth, innerHeight: view.innerHeight, devicePixelRatio: view.dpr });
    vi.stubGlobal("fetch", vi.fn(() => Promise.reject(new TypeError("offline"))));
    vi.stubGlobal(EARLY_BATCH_GLOBAL, { queries: planned.queries, response: Promise.resolve(answerAll(planned.queries)), variables: planned.variables });
    const instances = planned.variables.find((v) => v.path.includes("instance"))!;
    // The clusters' request is the same; the instances' is not (another match[]): not served.
    expect(await fetchPrometheusJson("global", "/api/v1/label/cluster/values", planned.variables[0]!.params)).toHaveProperty("status", "success");
    await expect(fetchPrometheusJson("global", instances.path, { ...instances.params, "match[]": 'up{cluster=~"west"}' })).rejects.toThrow(/offline/);
  });

  it("nothing for a visitor who may not run queries: no credentials, or a token that is not valid", async () => {
    expect(await planEarlyQueriesForVisitor(input(overview), as())).toBeNull();
    expect(await planEarlyQueriesForVisitor(input(overview), as("Bearer orrery_not-a-token"))).toBeNull();
  });

  it("an upstream failure skips the plan", async () => {
    await fp.setFault({ kind: "status", status: 500 });
    expect(await planEarlyQueriesForVisitor(input(onHeld(overview)), as(viewer))).toBeNull();
    await fp.setFault({ kind: "none" });
    expect(await planEarlyQueriesForVisitor(input(onHeld(overview)), as(viewer))).not.toBeNull();
  });

  it("an upstream that does not answer within the bound: no plan, its request kept in flight for the handover, then let go", async () => {
    await fp.setFault({ kind: "hang" });
    const before = fp.log.length;
    expect(await planEarlyQueriesForVisitor(input(onHeld(overview)), as(viewer), 300, 400)).toBeNull();
    const sent = () => fp.log.slice(before);
    expect(sent().length).toBeGreaterThan(0);
    // Given up on, not aborted: the page's identical request may still join it.
    expect(sent().every((e) => e.closedAt === undefined)).toBe(true);
    await vi.waitFor(() => expect(sent().every((e) => e.closedAt !== undefined)).toBe(true), { timeout: 10_000 });
    await fp.setFault({ kind: "none" });
  });

  it("an upstream slower than the bound: the page's variable requests join the server's in flight, one upstream request each", async () => {
    await fp.setFault({ kind: "slow", latencyMs: 700 });
    const before = fp.log.length;
    const planInput = input(onHeld(overview), "var-cluster=east&var-cluster=west");
    // Given up on at 200 ms with no answer in yet: the page asks for itself.
    expect(await planEarlyQueriesForVisitor(planInput, as(viewer), 200)).toBeNull();
    // The page's own resolution, as the route runs each of its requests for the same visitor (same range, same "now").
    const { state } = decodeDashboardUrlState(planInput.search, planInput.dashboard, { minRefresh: "5s" });
    const range = resolveDashboardTimeRange(state.time, planInput.nowMs, { timezone: ZONE });
    if (!range.ok) throw new Error(range.error);
    const page = await resolveVariables({ variables: planInput.dashboard.templating.list, urlValues: state.variables, fetcher: visitorVariableFetcher(as(viewer)).fetcher, datasources: served, timeRange: range.range, nowMs: planInput.nowMs });
    expect(page.errors).toEqual({});
    expect(page.values.cluster?.value).toEqual(["east", "west"]);
    const paths = fp.log.slice(before).map((e) => e.path);
    // Each of the two chained requests once: the clusters' joined the server's, and the server, still
    // resolving after giving up, asked the instances' at the same moment as the page.
    expect(paths.sort()).toEqual(["/api/v1/label/cluster/values", "/api/v1/label/instance/values"]);
    await fp.setFault({ kind: "none" });
  });

  it("an upstream slower than the bound for the second variable: the plan carries the first one's answer and no queries", async () => {
    // The clusters come from the quick datasource, the instances from the one that hangs.
    const instancesHeld = { ...overview, templating: { list: overview.templating.list.map((v) => (v.name === "instance" ? { ...v, datasource: "held" } : v)) } } as Dashboard;
    await fp.setFault({ kind: "hang" });
    const planned = await planEarlyQueriesForVisitor(input(instancesHeld), as(viewer), 500, 100);
    await fp.setFault({ kind: "none" });
    if (!planned) throw new Error("no plan");
    expect(planned.queries).toEqual([]);
    expect(planned.variables.map((v) => v.path)).toEqual(["/api/v1/label/cluster/values"]);
    // The script for it sends no batch, and the page's clusters request takes the answer it carries.
    const network = vi.fn(() => Promise.reject(new Error("sent to the network")));
    vi.stubGlobal(EARLY_BATCH_GLOBAL, undefined);
    new Function("window", "fetch", earlyBatchScript(planned.queries, planned.variables))(globalThis, network);
    expect(network).not.toHaveBeenCalled();
    vi.stubGlobal("fetch", network);
    const v = planned.variables[0]!;
    expect(await fetchPrometheusJson(v.datasource, v.path, v.params)).toHaveProperty("status", "success");
    expect(network).not.toHaveBeenCalled();
  });
});
