import type { Unit } from "@/lib/dashboards/schema/field-config";
import { formatDateTimeIn, type PanelTimezone } from "@/lib/panels/time-format";
import { formatValue } from "@/lib/units/format";
import { escapeHtml } from "@/lib/html/escape";

// An axis tooltip over hundreds of series would cover the screen; show the highest values only.
export const MAX_TOOLTIP_ROWS = 10;

/** How a tooltip row formats: the drawn series' name, colour and unit, by series index. */
export interface TooltipSeries {
  name: string;
  color: string;
  unit: Unit;
  decimals?: number;
}

interface TooltipParam {
  seriesIndex?: number;
  value?: unknown;
  axisValue?: unknown;
}

// Percent stacking draws the share and carries the original value third; show the original.
function shownValue(value: unknown): { timeMs: number; value: number } | null {
  if (!Array.isArray(value)) return null;
  const [t, drawn, original] = value as unknown[];
  const v = value.length > 2 ? original : drawn;
  return typeof t === "number" && typeof v === "number" && Number.isFinite(v) ? { timeMs: t, value: v } : null;
}

/**
 * The tooltip's HTML. Series names come from label values, which anyone who can push metrics
 * controls, so every piece of text is escaped before ECharts puts it in innerHTML.
 */
export function formatTimeSeriesTooltip(params: unknown, series: readonly TooltipSeries[], timezone: PanelTimezone): string {
  const rows = (Array.isArray(params) ? params : [params]) as TooltipParam[];
  const withValues = rows
    .map((row) => ({ s: series[row.seriesIndex ?? -1], v: shownValue(row.value) }))
    .filter((r): r is { s: TooltipSeries; v: { timeMs: number; value: number } } => r.s !== undefined && r.v !== null)
    .sort((a, b) => b.v.value - a.v.value);
  const first = rows[0];
  const timeMs = typeof first?.axisValue === "number" ? first.axisValue : withValues[0]?.v.timeMs;
  if (timeMs === undefined) return "";
  const lines = withValues.slice(0, MAX_TOOLTIP_ROWS).map(({ s, v }) => {
    const swatch = `<span style="display:inline-block;width:8px;height:8px;border-radius:50%;margin-right:6px;background:${escapeHtml(s.color)}"></span>`;
    return `<div>${swatch}${escapeHtml(s.name)}: <b>${escapeHtml(formatValue(v.value, s.unit, s.decimals))}</b></div>`;
  });
  const more = withValues.length - MAX_TOOLTIP_ROWS;
  if (more > 0) lines.push(`<div>… ${more} more</div>`);
  return `<div><b>${escapeHtml(formatDateTimeIn(timeMs, timezone))}</b></div>${lines.join("")}`;
}
