import { parseDurationOrSeconds } from "@/lib/promql/duration";
import { DEFAULT_TIME_RANGE, isValidTime, type RawTimeRange } from "@/lib/time/range";

export const EXPLORE_TABS = ["graph", "table"] as const;
export type ExploreTab = (typeof EXPLORE_TABS)[number];

/** What the Explore page shows; all of it lives in the URL so a reload or a shared link is the same view. */
export interface ExploreState {
  /** The last expression run (not the editor's draft). */
  expr: string;
  /** Datasource id; null means "the default datasource". */
  datasource: string | null;
  range: RawTimeRange;
  tab: ExploreTab;
  /** A step the user set; null means "from the chart width". */
  stepS: number | null;
}

export const DEFAULT_EXPLORE_STATE: ExploreState = {
  expr: "",
  datasource: null,
  range: DEFAULT_TIME_RANGE,
  tab: "graph",
  stepS: null,
};

/** Search parameter names, after Grafana (`from`, `to`) and Prometheus (`expr`, `step`). */
export const EXPLORE_PARAMS = { expr: "expr", datasource: "ds", from: "from", to: "to", tab: "tab", step: "step" } as const;

// Same rule as datasource ids in the server config; anything else cannot name a datasource.
const DATASOURCE_ID_RE = /^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/;
// Longer expressions cannot come from a URL a browser or proxy would pass along anyway.
const MAX_EXPR_LENGTH = 64 * 1024;
const MAX_STEP_S = 366 * 24 * 3600;

function decodeStep(text: string | null): number | null {
  if (text === null) return null;
  const seconds = parseDurationOrSeconds(text.trim());
  return seconds !== null && seconds >= 0.001 && seconds <= MAX_STEP_S ? seconds : null;
}

function decodeTime(text: string | null, fallback: string): string {
  return text !== null && isValidTime(text) ? text.trim() : fallback;
}

/** Reads Explore state from a query string; each missing or invalid value falls back to its default. */
export function decodeExploreState(search: URLSearchParams | string): ExploreState {
  const params = typeof search === "string" ? new URLSearchParams(search) : search;
  const expr = params.get(EXPLORE_PARAMS.expr) ?? "";
  const datasource = params.get(EXPLORE_PARAMS.datasource);
  const tab = params.get(EXPLORE_PARAMS.tab);
  return {
    expr: expr.length <= MAX_EXPR_LENGTH ? expr : DEFAULT_EXPLORE_STATE.expr,
    datasource: datasource !== null && DATASOURCE_ID_RE.test(datasource) ? datasource : null,
    range: {
      from: decodeTime(params.get(EXPLORE_PARAMS.from), DEFAULT_TIME_RANGE.from),
      to: decodeTime(params.get(EXPLORE_PARAMS.to), DEFAULT_TIME_RANGE.to),
    },
    tab: EXPLORE_TABS.find((t) => t === tab) ?? DEFAULT_EXPLORE_STATE.tab,
    stepS: decodeStep(params.get(EXPLORE_PARAMS.step)),
  };
}

/** Writes Explore state as a query string (without "?"), in a fixed parameter order. */
export function encodeExploreState(state: ExploreState): string {
  const params = new URLSearchParams();
  if (state.expr !== "") params.set(EXPLORE_PARAMS.expr, state.expr);
  if (state.datasource !== null) params.set(EXPLORE_PARAMS.datasource, state.datasource);
  params.set(EXPLORE_PARAMS.from, state.range.from);
  params.set(EXPLORE_PARAMS.to, state.range.to);
  params.set(EXPLORE_PARAMS.tab, state.tab);
  if (state.stepS !== null) params.set(EXPLORE_PARAMS.step, String(state.stepS));
  return params.toString();
}
