import { parseDurationOrSeconds } from "@/lib/promql/duration";
import { clampStepSeconds, stepForWidth } from "@/lib/promql/step";
import type { InstantQueryParams, RangeQueryParams } from "@/lib/promql/types";
import { resolveTimeRange } from "@/lib/time/range";
import type { ExploreState } from "./url-state";

/** What a run pins down when it starts: the clock and the graph's width. Fixed until the next run. */
export interface RunSnapshot {
  nowMs: number;
  widthPx: number;
}

export type ResolvedRun =
  | {
      ok: true;
      range: RangeQueryParams;
      instant: InstantQueryParams;
      /** True when the step came from the chart width, not from the user. */
      autoStep: boolean;
    }
  | { ok: false; error: string };

/** Used when a datasource does not say how often it scrapes; Prometheus's own default. */
export const DEFAULT_MIN_STEP_S = 15;

/** The smallest useful step for a datasource: its scrape interval (`"5s"`), else Prometheus's default. */
export function minStepForScrapeInterval(scrapeInterval: string | undefined): number {
  const seconds = scrapeInterval === undefined ? null : parseDurationOrSeconds(scrapeInterval);
  return seconds !== null && seconds > 0 ? seconds : DEFAULT_MIN_STEP_S;
}

/**
 * Resolves the view into absolute query parameters for one run, so query keys stay the same
 * until the next run. The table's instant query is evaluated at the range's end.
 */
export function resolveRun(state: ExploreState, datasource: string, snapshot: RunSnapshot, minStepS: number): ResolvedRun {
  const resolved = resolveTimeRange(state.range, snapshot.nowMs);
  if (!resolved.ok) return resolved;
  const startS = resolved.range.startMs / 1000;
  const endS = resolved.range.endMs / 1000;
  const autoStep = state.stepS === null;
  const stepS =
    state.stepS === null
      ? stepForWidth(endS - startS, snapshot.widthPx, minStepS)
      : clampStepSeconds(startS, endS, state.stepS);
  return {
    ok: true,
    range: { datasource, expr: state.expr, startS, endS, stepS },
    instant: { datasource, expr: state.expr, timeS: endS },
    autoStep,
  };
}
