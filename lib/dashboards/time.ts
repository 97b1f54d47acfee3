import type { AbsoluteTimeRange, RawTimeRange, ResolvedTimeRange } from "@/lib/time/range";
import { isValidTimeZone, utcOffsetMs, type TimeZoneSetting } from "@/lib/time/zone";
import { parseTimeInZone, type WeekStart } from "@/lib/time/zoned-parse";

export interface DashboardTimeOptions {
  /** The dashboard's (or URL's) `timezone`: "browser", "utc" or an IANA name. */
  timezone: TimeZoneSetting;
  weekStart?: WeekStart;
}

function zoneOf(timezone: TimeZoneSetting): TimeZoneSetting {
  // Grafana treats an empty dashboard timezone as the browser's.
  return timezone === "" ? "browser" : timezone;
}

/**
 * Resolves a dashboard's time range in its time zone, as Grafana's `convertRawToRange` does:
 * `now/d` is midnight on the dashboard's clock, "to" rounds up to the end of its unit.
 */
export function resolveDashboardTimeRange(range: RawTimeRange, nowMs: number, options: DashboardTimeOptions): ResolvedTimeRange {
  const base = { timeZone: zoneOf(options.timezone), weekStart: options.weekStart };
  const startMs = parseTimeInZone(range.from, nowMs, { ...base, roundUp: false });
  if (startMs === null) return { ok: false, error: `Invalid "from" time: ${JSON.stringify(range.from)}` };
  const endMs = parseTimeInZone(range.to, nowMs, { ...base, roundUp: true });
  if (endMs === null) return { ok: false, error: `Invalid "to" time: ${JSON.stringify(range.to)}` };
  if (startMs >= endMs) return { ok: false, error: '"from" must be before "to"' };
  return { ok: true, range: { startMs, endMs } };
}

/** Whether the text is a time a dashboard accepts (`now-6h`, `now/fQ` excluded, ISO, epoch ms). */
export function isValidDashboardTime(text: string): boolean {
  return parseTimeInZone(text, 0, { timeZone: "utc" }) !== null;
}

/** Whether the dashboard's time zone setting is usable. */
export function isValidDashboardTimeZone(timezone: string): boolean {
  return timezone === "" || isValidTimeZone(timezone);
}

/**
 * The `utcOffsetSec` Grafana sends with each Prometheus query, used to align the range to the
 * step: for "browser", the offset at the range's end for relative ranges and 0 for absolute
 * ones; for a named zone, that zone's offset now; 0 for "utc".
 */
export function utcOffsetSeconds(range: RawTimeRange, resolved: AbsoluteTimeRange, timezone: TimeZoneSetting, nowMs: number): number {
  const zone = zoneOf(timezone);
  if (zone === "utc") return 0;
  if (zone === "browser") {
    const relative = range.from.includes("now") || range.to.includes("now");
    return relative ? Math.round(utcOffsetMs(resolved.endMs, "browser") / 1_000) : 0;
  }
  return Math.round(utcOffsetMs(nowMs, zone) / 1_000);
}

// Auto-refresh (its own module: the embed page reads it without the time-zone parsing above, issue 7 B6).
export { MIN_REFRESH_INTERVAL, REFRESH_CHOICES, pickRefresh, refreshChoicesFor, refreshIntervalMs, type RefreshChoice, type RefreshPick } from "./refresh";
