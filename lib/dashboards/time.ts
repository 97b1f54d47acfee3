import type { AbsoluteTimeRange, RawTimeRange, ResolvedTimeRange } from "@/lib/time/range";
import { parseDurationMs } from "@/lib/promql/duration";
import { isValidTimeZone, utcOffsetMs, type TimeZoneSetting } from "@/lib/time/zone";
import { parseTimeInZone, type WeekStart } from "@/lib/time/zoned-parse";

/**
 * The auto-refresh choices a dashboard may use; "" is off. Mirrors `REFRESH_INTERVALS` in the
 * dashboard schema (kept separate so this module does not pull zod into the browser; a test
 * checks that the two agree).
 */
export const REFRESH_CHOICES = ["", "5s", "10s", "30s", "1m", "5m", "15m", "1h"] as const;
export type RefreshChoice = (typeof REFRESH_CHOICES)[number];

/** Grafana's default `min_refresh_interval`; the server's may differ (config `dashboards.minRefreshInterval`). */
export const MIN_REFRESH_INTERVAL = "5s";

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

/** The refresh interval in milliseconds, or null when auto-refresh is off or the text is not a duration. */
export function refreshIntervalMs(refresh: string): number | null {
  if (refresh === "") return null;
  const ms = parseDurationMs(refresh);
  return ms !== null && ms > 0 ? ms : null;
}

/**
 * The auto-refresh choices offered under a minimum refresh interval: off, and every interval at
 * least as long as the minimum (a minimum that is not a duration counts as the default, 5s).
 */
export function refreshChoicesFor(minRefresh: string = MIN_REFRESH_INTERVAL): RefreshChoice[] {
  const minMs = refreshIntervalMs(minRefresh) ?? refreshIntervalMs(MIN_REFRESH_INTERVAL)!;
  return REFRESH_CHOICES.filter((r) => r === "" || refreshIntervalMs(r)! >= minMs);
}

export type RefreshPick =
  | { refresh: RefreshChoice; adjusted: false }
  | { refresh: RefreshChoice; adjusted: true; reason: "below-minimum" | "not-allowed" }
  | { refresh: null; adjusted: false };

/**
 * Grafana's `getRefreshFromUrl`: a refresh is kept when it is one of the choices and not below the
 * minimum; any other duration becomes the shortest choice allowed under the minimum (off when the
 * minimum is longer than every choice), with `adjusted` true and the reason. Null when the text is
 * not a duration at all.
 */
export function pickRefresh(text: string, minRefresh: string = MIN_REFRESH_INTERVAL): RefreshPick {
  const value = text.trim();
  if (value === "" || value === "false") return { refresh: "", adjusted: false };
  const ms = refreshIntervalMs(value);
  if (ms === null) return { refresh: null, adjusted: false };
  const allowed = refreshChoicesFor(minRefresh).filter((r) => r !== "");
  const exact = allowed.find((r) => r === value);
  if (exact !== undefined) return { refresh: exact, adjusted: false };
  const minMs = refreshIntervalMs(minRefresh) ?? refreshIntervalMs(MIN_REFRESH_INTERVAL)!;
  return { refresh: allowed[0] ?? "", adjusted: true, reason: ms < minMs ? "below-minimum" : "not-allowed" };
}
