import type { ChartOption } from "@/components/charts/echart";
import { formatSampleNumber } from "@/lib/promql/series";
import { formatDateTime } from "@/lib/time/format";
import { escapeHtml } from "@/lib/html/escape";
import type { ExploreSeries } from "./explore-series";

/** Series colours, assigned by position in the result so hiding a series keeps the others' colours. */
export const SERIES_COLORS = [
  "#3b82f6", "#f97316", "#22c55e", "#ef4444", "#a855f7", "#14b8a6", "#eab308", "#ec4899",
  "#6366f1", "#84cc16", "#06b6d4", "#f43f5e", "#8b5cf6", "#10b981", "#f59e0b", "#64748b",
];

export function seriesColor(index: number): string {
  return SERIES_COLORS[index % SERIES_COLORS.length] ?? "#64748b";
}

// An axis tooltip over hundreds of series would cover the screen; show the highest values only.
const MAX_TOOLTIP_ROWS = 10;

export interface ToChartOptionInput {
  series: readonly ExploreSeries[];
  /** Names of series the user has hidden from the legend. */
  hidden: ReadonlySet<string>;
  startMs: number;
  endMs: number;
}

interface TooltipRow {
  seriesName?: string;
  color?: unknown;
  value?: unknown;
  axisValue?: unknown;
}

function rowValue(row: TooltipRow): number | null {
  const value = Array.isArray(row.value) ? row.value[1] : null;
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

/**
 * Builds the axis tooltip's HTML. Series names are label values, which anyone who can push metrics
 * controls, so every piece of text is escaped before it reaches innerHTML.
 */
export function formatTooltip(params: unknown): string {
  const rows = (Array.isArray(params) ? params : [params]) as TooltipRow[];
  const first = rows[0];
  if (!first) return "";
  const withValues = rows
    .map((row) => ({ row, value: rowValue(row) }))
    .filter((r): r is { row: TooltipRow; value: number } => r.value !== null)
    .sort((a, b) => b.value - a.value);
  const timeMs = typeof first.axisValue === "number" ? first.axisValue : Number(first.axisValue);
  const lines = withValues.slice(0, MAX_TOOLTIP_ROWS).map(({ row, value }) => {
    const color = typeof row.color === "string" ? row.color : "#64748b";
    const swatch = `<span style="display:inline-block;width:8px;height:8px;border-radius:50%;margin-right:6px;background:${escapeHtml(color)}"></span>`;
    return `<div>${swatch}${escapeHtml(row.seriesName ?? "")}: <b>${formatSampleNumber(value)}</b></div>`;
  });
  const more = withValues.length - MAX_TOOLTIP_ROWS;
  if (more > 0) lines.push(`<div>… ${more} more</div>`);
  return `<div><b>${escapeHtml(formatDateTime(timeMs))}</b></div>${lines.join("")}`;
}

/** Turns range-query series into a time-series line chart option (pure, so it is unit-tested). */
export function toChartOption({ series, hidden, startMs, endMs }: ToChartOptionInput): ChartOption {
  const visible = series.map((s, index) => ({ s, index })).filter(({ s }) => !hidden.has(s.name));
  return {
    animation: false,
    grid: { left: 8, right: 24, top: 16, bottom: 8 },
    tooltip: {
      trigger: "axis",
      confine: true,
      axisPointer: { type: "line" },
      formatter: formatTooltip,
    },
    xAxis: { type: "time", min: startMs, max: endMs, axisLabel: { hideOverlap: true } },
    // `scale` fits the data instead of starting at zero, as Prometheus's graph does.
    yAxis: { type: "value", scale: true, boundaryGap: ["5%", "5%"], axisLabel: { formatter: (v: number) => formatSampleNumber(v, 4) } },
    series: visible.map(({ s, index }) => {
      // A lone point between gaps has no line to show it; draw a symbol then.
      const drawn = s.samples.drawnCount();
      return {
        type: "line",
        name: s.name,
        data: s.samples.toPairs(),
        color: seriesColor(index),
        showSymbol: drawn <= 1,
        symbolSize: 4,
        connectNulls: false,
        lineStyle: { width: 1.5 },
        emphasis: { disabled: true },
      };
    }),
  };
}
