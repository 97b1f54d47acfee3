import "server-only";
import { resolveEmbedView } from "@/lib/auth/embed-request";
import type { Principal } from "@/lib/auth/policy";
import { findDatasource, getConfig, toPublicDatasource } from "@/lib/config";
import { planPanelQueries, type PlannedQuery } from "@/lib/dashboards/panel-queries";
import { getDashboardRepository, type StoredDashboard } from "@/lib/dashboards/repository";
import type { Dashboard, Panel } from "@/lib/dashboards/schema";
import { isValidDashboardTimeZone, resolveDashboardTimeRange } from "@/lib/dashboards/time";
import { interpolate } from "@/lib/dashboards/variables/interpolate";
import { resolveVariables, type VariableFetcher } from "@/lib/dashboards/variables/resolve";
import type { VariableScope } from "@/lib/dashboards/variables/types";
import { ApiError } from "@/lib/http/errors";
import { resolveEndpoint } from "@/lib/promql/proxy/endpoints";
import { ProxyError } from "@/lib/promql/proxy/envelope";
import { encodeFrame, type PromMatrixSeries } from "@/lib/promql/frames/encode";
import { pixelGrid, type PixelGrid } from "@/lib/charts/pixel-grid";
import { drawsM4 } from "@/components/panels/time-series/decimate";
import { buildUpstreamParams } from "@/lib/promql/proxy/params";
import { runInstant, runRange } from "@/lib/promql/query-layer";
import { queryDataSchema } from "@/lib/promql/types";
import type { PanelQueryParams } from "./panel-request";
import type { SoloPanelResponse, SoloTargetResult } from "./solo-schema";

export interface SoloPanelInput {
  uid: string;
  panelId: number;
  params: PanelQueryParams;
  /** Who asked (authorize's answer): an embed token is held to its claims; a user sees the current version. */
  principal: Principal;
  nowMs: number;
  signal?: AbortSignal;
}

/** A panel anywhere in the dashboard, collapsed rows included. */
export function findPanel(dashboard: Dashboard, panelId: number): Panel | undefined {
  for (const p of dashboard.panels) {
    if (p.type === "row") {
      const child = p.panels.find((c) => c.id === panelId);
      if (child) return child;
    } else if (p.id === panelId) {
      return p;
    }
  }
  return undefined;
}

async function loadDashboard(uid: string, principal: Principal): Promise<StoredDashboard> {
  const repo = getDashboardRepository();
  const current = await repo.get(uid);
  if (principal.kind !== "embed" || current.meta.version === principal.claims.ver) return current;
  // The token pins the version it was minted for: later edits do not change what the embed runs.
  try {
    return await repo.getVersion(uid, principal.claims.ver);
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) {
      throw new ApiError(410, "embed_version_gone", `version ${principal.claims.ver} of dashboard ${JSON.stringify(uid)}, which the embed token was minted for, is no longer kept; mint a new token`);
    }
    throw e;
  }
}

/** The zone `now/d` rounds in: the request's or the dashboard's; "browser" means UTC here (the server has no browser). */
function serverZone(params: PanelQueryParams, dashboard: Dashboard): string {
  const zone = params.timezone ?? dashboard.timezone;
  if (!isValidDashboardTimeZone(zone)) throw new ApiError(400, "bad_request", `timezone ${JSON.stringify(zone)} is not "browser", "utc" or an IANA time zone`);
  return zone === "" || zone === "browser" ? "utc" : zone;
}

function resolveRange(params: PanelQueryParams, dashboard: Dashboard, nowMs: number): { startMs: number; endMs: number } {
  const raw = { from: params.from ?? dashboard.time.from, to: params.to ?? dashboard.time.to };
  const resolved = resolveDashboardTimeRange(raw, nowMs, { timezone: serverZone(params, dashboard) });
  if (!resolved.ok) throw new ApiError(400, "bad_request", resolved.error);
  return resolved.range;
}

/** One Prometheus API call of a variable query, through the proxy's allowlist and the query layer. */
function serverFetcher(nowMs: number): VariableFetcher {
  return async (dsId, path, params, signal) => {
    const ds = findDatasource(dsId);
    if (!ds) throw new Error(`unknown datasource "${dsId}"`);
    const endpoint = resolveEndpoint(path.replace(/^\/api\/v1\//, "").split("/"), ds.type);
    if (!endpoint) throw new Error(`variable endpoint ${path} is not allowed`);
    const built = buildUpstreamParams(new URLSearchParams(params), ds, endpoint);
    const result = endpoint.name === "query_range" ? await runRange(ds, endpoint, "GET", built.params, signal, nowMs) : await runInstant(ds, endpoint, "GET", built.params, signal);
    return JSON.parse(result.body.toString()) as unknown;
  };
}

/** Whether the panel draws M4-reduced lines (a time series of plain lines: components/panels/time-series/decimate.ts). */
function soloDrawsM4(panel: Panel): boolean {
  return panel.type === "timeseries" && drawsM4(panel.options);
}

/**
 * The chart's own device-pixel columns over `range` (lib/charts/pixel-grid.ts, the grid its M4
 * uses), when the page sent its plot area and the panel draws M4-reduced lines; else undefined.
 */
export function soloM4Grid(panel: Panel, plot: PanelQueryParams["plot"], range: { startMs: number; endMs: number }): PixelGrid | undefined {
  if (!plot || !soloDrawsM4(panel) || !(range.endMs > range.startMs)) return undefined;
  return pixelGrid(range.startMs, range.endMs, plot, plot.pixelRatio);
}

async function runTarget(q: PlannedQuery, signal: AbortSignal | undefined, nowMs: number, grid: PixelGrid | undefined): Promise<SoloTargetResult> {
  const ds = findDatasource(q.datasource);
  if (!ds) return { refId: q.refId, error: `unknown datasource "${q.datasource}"` };
  const endpoint = resolveEndpoint([q.instant ? "query" : "query_range"], ds.type)!;
  const raw = q.instant
    ? new URLSearchParams({ query: q.expr, time: String(q.endS) })
    : new URLSearchParams({ query: q.expr, start: String(q.startS), end: String(q.endS), step: String(q.stepS) });
  // Thanos defaults, the datasource timeout, and the 11,000-point clamp: as the proxy does.
  const { params } = buildUpstreamParams(raw, ds, endpoint);
  try {
    const result = q.instant ? await runInstant(ds, endpoint, "GET", params, signal) : await runRange(ds, endpoint, "GET", params, signal, nowMs);
    const env = JSON.parse(result.body.toString()) as { status?: string; data?: unknown; error?: string; warnings?: string[]; infos?: string[] };
    if (env.status !== "success") return { refId: q.refId, error: env.error ?? `the datasource answered HTTP ${result.status}` };
    const data = queryDataSchema.safeParse(env.data);
    if (!data.success) return { refId: q.refId, error: "the datasource answered with an unexpected result shape" };
    const stepS = Number(params.get("step") ?? q.stepS);
    // M4 over the chart's pixel columns (≤ 4 points per column and series), as a frame: its series
    // keep their own timestamps and gaps (a reduced matrix would read as missing steps).
    const frame = grid && !q.instant && data.data.resultType === "matrix" ? encodeFrame(data.data.result as PromMatrixSeries[], { stepMs: Math.round(stepS * 1000), width: grid.columns, fromMs: grid.x0, toMs: grid.x1 }) : null;
    return {
      refId: q.refId,
      legendFormat: q.legendFormat,
      instant: q.instant,
      stepS,
      data: frame ?? data.data,
      warnings: [...(env.warnings ?? []), ...(env.infos ?? [])],
    };
  } catch (e) {
    if (e instanceof ProxyError) return { refId: q.refId, error: e.message };
    throw e;
  }
}

function selectedValues(scope: VariableScope): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, s] of Object.entries(scope)) if (typeof s !== "string") out[name] = Array.isArray(s.value) ? s.value : [s.value];
  return out;
}

/** What an embed viewer may see of the panel: not its PromQL. */
function publicPanel(panel: Panel, principal: Principal): Panel {
  if (principal.kind !== "embed") return panel;
  return { ...panel, targets: panel.targets.map((t) => ({ ...t, expr: "" })) } as Panel;
}

/**
 * Runs one panel's stored queries on the server (Grafana's public-dashboard model): loads the
 * saved dashboard (at the token's version for an embed token), applies the request's variables
 * and range (held to the token's pinned values and time policy: 403 / clamped), plans the queries
 * as the dashboard page would, and runs them through the query layer (shared cache, coalescing,
 * limits). The browser never supplies PromQL here.
 */
export async function resolveSoloPanel(input: SoloPanelInput): Promise<SoloPanelResponse> {
  const { principal, params, nowMs } = input;
  const stored = await loadDashboard(input.uid, principal);
  const { dashboard } = stored;
  const panel = findPanel(dashboard, input.panelId);
  if (!panel) throw new ApiError(404, "not_found", `dashboard ${JSON.stringify(input.uid)} (version ${stored.meta.version}) has no panel ${input.panelId}`);
  let range = resolveRange(params, dashboard, nowMs);
  let urlValues = params.vars;
  if (principal.kind === "embed") {
    const view = resolveEmbedView(principal.claims, { vars: params.vars, fromMs: range.startMs, toMs: range.endMs, nowMs });
    range = { startMs: view.fromMs, endMs: view.toMs };
    urlValues = view.vars;
  }
  const datasources = getConfig().datasources.map(toPublicDatasource);
  const resolved = await resolveVariables({ variables: dashboard.templating.list, urlValues, fetcher: serverFetcher(nowMs), datasources, timeRange: range, nowMs, signal: input.signal });
  const scope: Record<string, VariableScope[string]> = { ...resolved.values };
  if (principal.kind === "embed") {
    // The token's values are what runs, even if the variable's options no longer list them.
    for (const [name, values] of Object.entries(urlValues)) {
      const s = scope[name];
      if (s && typeof s !== "string") scope[name] = { ...s, value: s.multi ? values : values[0]!, text: s.multi ? values : values[0]! };
    }
  }
  const plan = planPanelQueries({ panel, scope, datasources, range, widthPx: params.widthPx, utcOffsetSec: 0 });
  const grid = soloM4Grid(panel, params.plot, range);
  const targets = plan.ok ? await Promise.all(plan.queries.map((q) => runTarget(q, input.signal, nowMs, grid))) : [];
  return {
    dashboard: { uid: dashboard.uid, title: dashboard.title, version: stored.meta.version },
    panel: publicPanel(panel, principal),
    title: interpolate(panel.title, scope, { format: "raw" }),
    timezone: params.timezone ?? dashboard.timezone,
    range,
    variables: selectedValues(scope),
    targets,
    ...(soloDrawsM4(panel) ? { m4: true } : {}),
    ...(plan.ok ? {} : { error: plan.error }),
  };
}
