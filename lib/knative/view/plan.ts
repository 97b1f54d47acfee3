import { stepForWidth } from "@/lib/promql/step";
import { errorRateQuery, errorRatioQuery, latencyQuantileQuery, rateWindowFor, requestRateQuery, revisionByClause, revisionMatchers, REVISION_METRIC_NAMES, type RevisionRef } from "../metrics";
import { timelineQuery } from "./timeline";

/** About one point per 2 px of a typical chart; Knative's gauges are at 2 s resolution at best. */
const CHART_POINTS = 600;

/** The absolute, step-aligned window every chart of the view queries (so all share one grid). */
export interface ViewWindow {
  startS: number;
  endS: number;
  stepS: number;
}

/** Aligns [startMs, endMs] to the step so query keys (and caches) stay stable within a step. */
export function viewWindow(startMs: number, endMs: number, minStepS: number, points = CHART_POINTS): ViewWindow {
  const rangeS = Math.max(1, (endMs - startMs) / 1000);
  const stepS = Math.max(1, Math.ceil(stepForWidth(rangeS, points, minStepS)));
  const startS = Math.floor(startMs / 1000 / stepS) * stepS;
  const endS = Math.max(startS + stepS, Math.floor(endMs / 1000 / stepS) * stepS);
  return { startS, endS, stepS };
}

export const LATENCY_QUANTILES = [0.5, 0.9, 0.99] as const;

/** Every PromQL expression the view runs for a revision at a step. */
export function viewQueries(ref: RevisionRef, stepS: number) {
  const window = rateWindowFor(stepS);
  const names = REVISION_METRIC_NAMES[ref.metricSet];
  const by = revisionByClause(ref.metricSet);
  const sel = `{${revisionMatchers(ref)}}`;
  return {
    timeline: timelineQuery(ref),
    // Bands must not fall between samples at coarse steps: the max (panic) / min (EBC) over each step.
    panicMode: `max by (${by}) (max_over_time(${names.panicMode}${sel}[${stepS}s]))`,
    ebc: `max by (${by}) (min_over_time(${names.ebc}${sel}[${stepS}s]))`,
    requests: requestRateQuery(ref, window),
    errors: errorRateQuery(ref, window),
    errorRatio: errorRatioQuery(ref, window),
    latency: LATENCY_QUANTILES.map((q) => ({ q, expr: latencyQuantileQuery(ref, q, window) })),
  };
}
