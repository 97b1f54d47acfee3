import type { DatasourceInfo } from "@/lib/promql/types";
import { queryTiming } from "./interval";
import type { Panel } from "./schema";
import { interpolate, interpolatePromQL } from "./variables/interpolate";
import type { VariableScope } from "./variables/types";

/** One target of a panel, ready to send: expression interpolated, times absolute and aligned. */
export interface PlannedQuery {
  refId: string;
  datasource: string;
  expr: string;
  legendFormat: string;
  instant: boolean;
  /** query_range: aligned start/end and step; query: evaluated at `endS`. */
  startS: number;
  endS: number;
  stepS: number;
  /** `$__interval` and `$__rate_interval` as sent, for the inspector. */
  intervalMs: number;
  rateIntervalMs: number;
}

export interface PlanInput {
  panel: Panel;
  /** Dashboard variables and the panel's repeat scope (`$cluster` = this clone's value). */
  scope: VariableScope;
  datasources: readonly DatasourceInfo[];
  range: { startMs: number; endMs: number };
  /** Panel width in CSS px: Grafana's maxDataPoints unless the panel sets its own. */
  widthPx: number;
  utcOffsetSec?: number;
}

export type PlanResult = { ok: true; queries: PlannedQuery[] } | { ok: false; error: string };

/** The datasource a panel queries: its own (after `$variable` interpolation) or the default. */
export function resolvePanelDatasource(ref: string | undefined, scope: VariableScope, datasources: readonly DatasourceInfo[]): DatasourceInfo | string {
  if (ref === undefined || ref === "") {
    return datasources.find((d) => d.default) ?? datasources[0] ?? "no datasource is configured";
  }
  const id = interpolate(ref, scope, { format: "raw" });
  return datasources.find((d) => d.id === id) ?? `unknown datasource "${id}"`;
}

/**
 * Plans the queries of a panel as Grafana would send them: hidden and empty targets skipped;
 * step, `$__interval`, `$__rate_interval` and the aligned range from lib/dashboards/interval;
 * variables interpolated (multi values as an escaped regex alternation).
 */
export function planPanelQueries(input: PlanInput): PlanResult {
  const { panel, scope } = input;
  const ds = resolvePanelDatasource(panel.datasource, scope, input.datasources);
  if (typeof ds === "string") return { ok: false, error: ds };
  const queries: PlannedQuery[] = [];
  for (const target of panel.targets) {
    if (target.hide || target.expr.trim() === "") continue;
    const timing = queryTiming({
      startMs: input.range.startMs,
      endMs: input.range.endMs,
      maxDataPoints: panel.maxDataPoints ?? Math.max(1, Math.round(input.widthPx)),
      minStep: interpolate(target.minStep, scope, { format: "raw" }),
      scrapeInterval: ds.scrapeInterval,
      utcOffsetSec: input.utcOffsetSec,
      intervalFactor: target.intervalFactor,
      minInterval: panel.interval === undefined ? undefined : interpolate(panel.interval, scope, { format: "raw" }),
    });
    if (!timing.ok) return { ok: false, error: `${target.refId}: ${timing.error}` };
    const t = timing.timing;
    const withBuiltins: VariableScope = { ...scope, ...t.builtins };
    queries.push({
      refId: target.refId,
      datasource: ds.id,
      expr: interpolatePromQL(target.expr, withBuiltins),
      legendFormat: interpolate(target.legendFormat, withBuiltins, { format: "raw" }),
      instant: target.instant,
      startS: t.startMs / 1000,
      endS: (target.instant ? input.range.endMs : t.endMs) / 1000,
      stepS: t.stepMs / 1000,
      intervalMs: t.stepMs,
      rateIntervalMs: t.rateIntervalMs,
    });
  }
  return { ok: true, queries };
}
