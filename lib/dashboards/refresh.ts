import { parseDurationMs } from "@/lib/promql/duration";

/**
 * The auto-refresh choices a dashboard may use; "" is off. Mirrors `REFRESH_INTERVALS` in the
 * dashboard schema (kept separate so this module does not pull zod into the browser; a test
 * checks that the two agree).
 */
export const REFRESH_CHOICES = ["", "5s", "10s", "30s", "1m", "5m", "15m", "1h"] as const;
export type RefreshChoice = (typeof REFRESH_CHOICES)[number];

/** Grafana's default `min_refresh_interval`; the server's may differ (config `dashboards.minRefreshInterval`). */
export const MIN_REFRESH_INTERVAL = "5s";

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
