import { isRelativeTime, parseTime, type ParseTimeOptions } from "./parse";

/** A time range as the user wrote it (Grafana syntax), e.g. `{ from: "now-1h", to: "now" }`. */
export interface RawTimeRange {
  from: string;
  to: string;
}

/** A time range pinned to epoch milliseconds. */
export interface AbsoluteTimeRange {
  startMs: number;
  endMs: number;
}

export type ResolvedTimeRange = { ok: true; range: AbsoluteTimeRange } | { ok: false; error: string };

export interface QuickRange extends RawTimeRange {
  label: string;
}

export const DEFAULT_TIME_RANGE: RawTimeRange = { from: "now-1h", to: "now" };

const QUICK_SPANS: ReadonlyArray<[string, string]> = [
  ["5m", "Last 5 minutes"],
  ["15m", "Last 15 minutes"],
  ["1h", "Last 1 hour"],
  ["3h", "Last 3 hours"],
  ["6h", "Last 6 hours"],
  ["12h", "Last 12 hours"],
  ["24h", "Last 24 hours"],
  ["2d", "Last 2 days"],
  ["7d", "Last 7 days"],
];

export const QUICK_RANGES: readonly QuickRange[] = QUICK_SPANS.map(([span, label]) => ({
  from: `now-${span}`,
  to: "now",
  label,
}));

/**
 * Resolves a raw range against `nowMs`. "to" rounds up (`now/d` as "to" is the end of today),
 * as in Grafana. Fails with a readable message when an end is invalid or the range is empty.
 */
export function resolveTimeRange(range: RawTimeRange, nowMs: number, options: Omit<ParseTimeOptions, "roundUp"> = {}): ResolvedTimeRange {
  const startMs = parseTime(range.from, nowMs, { ...options, roundUp: false });
  if (startMs === null) return { ok: false, error: `Invalid "from" time: ${JSON.stringify(range.from)}` };
  const endMs = parseTime(range.to, nowMs, { ...options, roundUp: true });
  if (endMs === null) return { ok: false, error: `Invalid "to" time: ${JSON.stringify(range.to)}` };
  if (startMs >= endMs) return { ok: false, error: '"from" must be before "to"' };
  return { ok: true, range: { startMs, endMs } };
}

/** Whether the text is a time `parseTime` accepts (syntax only; independent of now). */
export function isValidTime(text: string): boolean {
  return parseTime(text, 0) !== null;
}

/** Whether the range moves with the clock, so re-running it gives a new window. */
export function isRelativeRange(range: RawTimeRange): boolean {
  return isRelativeTime(range.from) || isRelativeTime(range.to);
}

/** A short label for the range: the quick-range name when it is one, else "from to to". */
export function describeTimeRange(range: RawTimeRange): string {
  const quick = QUICK_RANGES.find((q) => q.from === range.from.trim() && q.to === range.to.trim());
  return quick ? quick.label : `${range.from} to ${range.to}`;
}
