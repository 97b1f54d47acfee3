import { parseTimeInZone } from "./zoned-parse";

export interface ParseTimeOptions {
  /** Round `/unit` up to the last millisecond of the unit (Grafana does this for the "to" end). */
  roundUp?: boolean;
  /** Do calendar maths in UTC instead of the browser's time zone. */
  utc?: boolean;
}

/**
 * Parses a Grafana-style time: `now`, `now-6h`, `now-1d/d`, `now/w`, epoch milliseconds or ISO 8601.
 * Returns epoch milliseconds, or null when the text is not a valid time. The date maths is
 * zoned-parse's (one implementation for Explore and dashboards), in UTC or the browser's zone.
 */
export function parseTime(text: string, nowMs: number, options: ParseTimeOptions = {}): number | null {
  if (text.trim() === "") return null;
  return parseTimeInZone(text, nowMs, { roundUp: options.roundUp, timeZone: options.utc ? "utc" : "browser" });
}

/** Whether the text is relative to now, so the time it stands for moves on every run. */
export function isRelativeTime(text: string): boolean {
  return text.trim().startsWith("now");
}
