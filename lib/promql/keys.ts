import type { InstantQueryParams, RangeQueryParams } from "./types";

/**
 * Query keys for PromQL calls, general to specific, so `invalidateQueries({ queryKey:
 * promqlKeys.datasource("east") })` reaches every query of that datasource. Keys hold every input
 * that changes the result, with times already absolute (STYLE §2).
 */
export const promqlKeys = {
  all: ["promql"] as const,
  datasources: () => [...promqlKeys.all, "datasources"] as const,
  datasource: (datasource: string) => [...promqlKeys.all, "ds", datasource] as const,
  range: (p: RangeQueryParams) =>
    [...promqlKeys.datasource(p.datasource), "query_range", { expr: p.expr, startS: p.startS, endS: p.endS, stepS: p.stepS }] as const,
  instant: (p: InstantQueryParams) =>
    [...promqlKeys.datasource(p.datasource), "query", { expr: p.expr, timeS: p.timeS }] as const,
};
