// Which ECharts modules an option needs beyond the ones the wrapper always registers (line chart,
// cartesian grid, tooltip, canvas renderer: what a time series panel draws). Pure, no ECharts
// import: echart.tsx loads the named modules with `import()` before it draws the option, so a page
// downloads the gauge, heatmap, graph, ... code only when one of its charts uses it.

/**
 * Loaded on the first pointer over a chart (or ahead of it, e.g. by a dashboard while its panels
 * query): a chart draws without it unless it is already loading (then the draw waits for it), and
 * gets it merged in (`setOption({tooltip})`, its data not drawn again) once it is there. The tooltip with its
 * axis pointer, ~15 KiB gzip that an embedded panel nobody points at never needs.
 */
export const DEFERRED_ECHARTS_MODULES = ["tooltip"] as const;
export type DeferredEChartsModule = (typeof DEFERRED_ECHARTS_MODULES)[number];

/** Whether drawing `option` as it is asks for the tooltip (it names one). */
export function optionWantsTooltip(option: unknown): boolean {
  return isObject(option) && option.tooltip !== undefined && option.tooltip !== null;
}

/** The on-demand modules: the ones registered before the split, minus the always-registered ones. */
export const LAZY_ECHARTS_MODULES = ["bar", "gauge", "heatmap", "graph", "toolbox", "visualMapContinuous", "markLine", "markArea"] as const;
export type LazyEChartsModule = (typeof LAZY_ECHARTS_MODULES)[number];

const SERIES_MODULES: Readonly<Record<string, LazyEChartsModule>> = { bar: "bar", gauge: "gauge", heatmap: "heatmap", graph: "graph" };

const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;

/**
 * The on-demand modules `option` uses, in LAZY_ECHARTS_MODULES order: series types (bar, gauge,
 * heatmap, graph), a series' markLine/markArea, a visualMap, and the toolbox (also when the chart
 * offers drag-to-zoom, which ECharts draws through the toolbox's dataZoom feature). An option key
 * ECharts only knows from a module that is not loaded makes ECharts skip that part with a warning.
 */
export function echartsModulesFor(option: unknown, zoomable: boolean): LazyEChartsModule[] {
  const need = new Set<LazyEChartsModule>();
  if (!isObject(option)) return [];
  for (const s of asList(option.series)) {
    if (!isObject(s)) continue;
    const byType = typeof s.type === "string" ? SERIES_MODULES[s.type] : undefined;
    if (byType) need.add(byType);
    if (s.markLine !== undefined) need.add("markLine");
    if (s.markArea !== undefined) need.add("markArea");
  }
  if (option.visualMap !== undefined) need.add("visualMapContinuous");
  if (zoomable || option.toolbox !== undefined) need.add("toolbox");
  return LAZY_ECHARTS_MODULES.filter((m) => need.has(m));
}
