// Shared by the chart wrapper (echart.tsx), the page benchmark (scripts/bench/page.ts) and the e2e
// specs: no React, no ECharts, so any of them can import it.

/** The User Timing mark a chart sets once, when it has first drawn an option that holds data. */
export const CHART_PAINTED_MARK = "orrery:chart-painted";

/**
 * The page's other User Timing marks, for the page benchmark's phases (scripts/bench/page-trace.ts):
 * the dashboard asked for its panels' data (the grid's first measurement, i.e. the end of hydration's
 * commit), ECharts' module evaluated, and each chart's first draw started (init + setOption, from the draw queue).
 */
export const PAGE_MARKS = {
  panelQueriesAsked: "orrery:panel-queries-asked",
  echartsReady: "orrery:echarts-ready",
  chartFirstDraw: "orrery:chart-first-draw",
} as const;

/** The attribute (on the chart's container) that says the same: `data-chart-painted="true"`. */
export const CHART_PAINTED_ATTRIBUTE = "data-chart-painted";

/** Whether an ECharts option has anything to draw: a series with data points, or a dataset with rows. */
export function optionHasData(option: unknown): boolean {
  if (typeof option !== "object" || option === null) return false;
  const { series, dataset } = option as { series?: unknown; dataset?: unknown };
  const list = Array.isArray(series) ? series : series === undefined ? [] : [series];
  const sized = (data: unknown) => (Array.isArray(data) || ArrayBuffer.isView(data) ? (data as ArrayLike<unknown>).length > 0 : false);
  if (list.some((s) => typeof s === "object" && s !== null && sized((s as { data?: unknown }).data))) return true;
  const datasets = Array.isArray(dataset) ? dataset : dataset === undefined ? [] : [dataset];
  return datasets.some((d) => typeof d === "object" && d !== null && sized((d as { source?: unknown }).source));
}
