import "server-only";
import { drawsM4 } from "@/components/panels/time-series/decimate";
import { framesWidthFor, instantForm, rangeFramesForm } from "@/lib/promql/batch/forms";
import { MAX_BATCH_QUERIES, type BatchQuery } from "@/lib/promql/batch/schema";
import { queryIdentity } from "@/lib/promql/batch/early";
import type { DatasourceInfo } from "@/lib/promql/types";
import { isValidTimeZone, utcOffsetMs } from "@/lib/time/zone";
import { gridItemBoxes } from "./grid-geometry";
import { bodyBoxIn, itemNearViewport } from "./viewport";
import { buildLayout, variableSelection } from "./layout";
import { planPanelQueries } from "./panel-queries";
import type { Dashboard } from "./schema";
import { resolveDashboardTimeRange, utcOffsetSeconds } from "./time";
import { decodeDashboardUrlState } from "./url-state";
import { resolveVariables, type VariableFetcher } from "./variables/resolve";
import type { ViewCookie } from "./view-cookie";

export interface EarlyQueriesInput {
  dashboard: Dashboard;
  /** The page's query string, as the browser will read it. */
  search: string;
  /** The server's settings the page reads (`minRefresh`). */
  minRefresh: string;
  datasources: readonly DatasourceInfo[];
  /** What the browser measured of the grid last time (the view cookie). */
  view: ViewCookie;
  /** "now" for the page: the browser resolves its range with this same instant (DashboardPage's `initialNowMs`). */
  nowMs: number;
  /**
   * Runs the page's variable requests for the visitor (lib/dashboards/early-variables.ts); without it, a
   * variable that needs the upstream skips the plan.
   */
  fetcher?: VariableFetcher;
  /** Aborts the variable requests (the server's bound on the plan). */
  signal?: AbortSignal;
}

export type EarlyQueriesPlan = { queries: BatchQuery[] } | { skipped: string };

/** Without a fetcher, variable queries are not run: a variable that needs the upstream makes the page plan by itself. */
const NO_UPSTREAM = async (): Promise<never> => {
  throw new Error("needs the upstream");
};

/**
 * The panel queries a dashboard page will send for its first screen, planned on the server from the
 * same code the page runs (URL state, time range, variables, layout, the grid's arithmetic, each
 * panel's plan and its request form), for the grid box and viewport the browser measured last time.
 * The page's HTML starts them (lib/promql/batch/early.ts), so their answers are on their way while
 * the scripts load; the page takes each answer whose query it asks exactly. Skipped (nothing sent
 * early) where the server cannot know what the page will ask: a single panel shown (viewPanel), the
 * editor, a browser time zone not yet reported, a variable whose options come from the upstream when
 * no `fetcher` runs its request (or it fails: the page may see otherwise, and shows its own error).
 */
export async function planEarlyQueries(input: EarlyQueriesInput): Promise<EarlyQueriesPlan> {
  const { dashboard, view, nowMs, datasources } = input;
  const { state } = decodeDashboardUrlState(input.search, dashboard, { minRefresh: input.minRefresh });
  if (state.viewPanel !== null || state.editPanel !== null) return { skipped: "one panel is shown or edited" };
  const browserZone = state.timezone === "" || state.timezone === "browser";
  if (browserZone && !isValidTimeZone(view.timeZone)) return { skipped: "the browser's time zone is unknown" };
  const zone = browserZone ? view.timeZone : state.timezone;
  const resolved = resolveDashboardTimeRange(state.time, nowMs, { timezone: zone });
  if (!resolved.ok) return { skipped: resolved.error };
  const range = resolved.range;
  // As the page computes it with "browser": the offset at the range's end for relative ranges, 0 for absolute.
  const relative = state.time.from.includes("now") || state.time.to.includes("now");
  const utcOffsetSec = browserZone ? (relative ? Math.round(utcOffsetMs(range.endMs, zone) / 1_000) : 0) : utcOffsetSeconds(state.time, range, zone, nowMs);
  let scope: Awaited<ReturnType<typeof resolveVariables>>;
  try {
    scope = await resolveVariables({ variables: dashboard.templating.list, urlValues: state.variables, fetcher: input.fetcher ?? NO_UPSTREAM, datasources, timeRange: range, nowMs, signal: input.signal });
  } catch {
    return { skipped: "a variable needs the upstream" };
  }
  if (Object.keys(scope.errors).length > 0) return { skipped: input.fetcher ? "a variable's request failed" : "a variable needs the upstream" };
  const items = buildLayout(dashboard, variableSelection(scope.values), {});
  const boxes = gridItemBoxes(items, { width: view.gridWidth, top: view.gridTop });
  const queries: BatchQuery[] = [];
  const seen = new Set<string>();
  for (const item of items) {
    const box = boxes.get(item.key);
    if (item.kind !== "panel" || !box || !itemNearViewport(box, view.innerWidth, view.innerHeight)) continue;
    const { width } = bodyBoxIn(box);
    if (width <= 0) continue;
    const plan = planPanelQueries({ panel: item.panel, scope: { ...scope.values, ...item.scopedVars }, datasources, range, utcOffsetSec, widthPx: width });
    if (!plan.ok) continue;
    const framesWidth = item.panel.type === "timeseries" && drawsM4(item.panel.options) ? framesWidthFor(width, view.dpr) : undefined;
    for (const q of plan.queries) {
      const query = q.instant
        ? { datasource: q.datasource, endpoint: "query" as const, params: instantForm({ datasource: q.datasource, expr: q.expr, timeS: q.endS }) }
        : { datasource: q.datasource, endpoint: "query_range" as const, params: Object.fromEntries(rangeFramesForm({ datasource: q.datasource, expr: q.expr, startS: q.startS, endS: q.endS, stepS: q.stepS }, framesWidth, "binary")) };
      const identity = queryIdentity(query);
      if (seen.has(identity) || queries.length >= MAX_BATCH_QUERIES) continue;
      seen.add(identity);
      // "e<n>": an early query is told apart from the page's own ("<n>") in a batch it may send later.
      queries.push({ id: `e${queries.length}`, ...query });
    }
  }
  return queries.length ? { queries } : { skipped: "no panel on the first screen queries" };
}
