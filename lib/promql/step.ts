/** Prometheus rejects a query_range whose (end - start) / step exceeds this (per series). */
export const MAX_POINTS_PER_SERIES = 11_000;

/**
 * Smallest step, in seconds, that keeps a range within Prometheus's 11,000-point limit.
 * Prometheus checks `(end - start) / step > 11000`, so `range / 11000` itself is allowed.
 */
export function minStepSeconds(startUnixSeconds: number, endUnixSeconds: number): number {
  const range = Math.max(0, endUnixSeconds - startUnixSeconds);
  return range / MAX_POINTS_PER_SERIES;
}

/**
 * Clamps a requested step so the range stays within the point limit. Rounds up to whole
 * milliseconds, since Prometheus parses float seconds and a truncated step could overshoot.
 */
export function clampStepSeconds(startUnixSeconds: number, endUnixSeconds: number, stepSeconds: number): number {
  const min = minStepSeconds(startUnixSeconds, endUnixSeconds);
  if (stepSeconds >= min) return stepSeconds;
  return Math.ceil(min * 1000) / 1000;
}

/**
 * A step for a graph `widthPx` pixels wide: about one point per pixel, never finer than
 * `minStep` (e.g. the scrape interval), rounded to whole seconds when above one second.
 */
export function stepForWidth(rangeSeconds: number, widthPx: number, minStep = 1): number {
  const raw = rangeSeconds / Math.max(1, Math.floor(widthPx));
  const step = Math.max(raw, minStep, rangeSeconds / MAX_POINTS_PER_SERIES);
  return step >= 1 ? Math.ceil(step) : Math.ceil(step * 1000) / 1000;
}
