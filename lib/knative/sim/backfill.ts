/**
 * Simulated history as OpenMetrics for `promtool tsdb create-blocks-from openmetrics`: every series
 * at from, from+step, … ≤ to (timestamps in seconds), ending `# EOF`. Written time-major (all
 * series at one timestamp, then the next), so each series' samples ascend; promtool (checked with
 * 2.42) accepts families interleaved this way. Streams to the file in ~1 MB writes.
 */
import { closeSync, openSync, writeSync } from "node:fs";
import { openMetricsHeader, openMetricsLine } from "./exposition";
import type { Simulator } from "./simulator";

export interface BackfillRange {
  from: number;
  to: number;
  step: number;
  /**
   * Request counters and latency histograms (hundreds of series: per pod × response code × bucket)
   * are written every `requestStep` s only (a multiple of step); gauges every `step`. Default: step.
   */
  requestStep?: number;
}

export interface BackfillStats {
  samples: number;
  timestamps: number;
  bytes: number;
}

const FLUSH_CHARS = 1 << 20;

/** Validates a backfill range against the simulator's start; returns a message naming the bad flag, or undefined. */
export function checkRange(range: BackfillRange, historyFrom: number): string | undefined {
  if (!Number.isInteger(range.step) || range.step < 1) return `--step must be a whole number of seconds ≥ 1, got ${range.step}`;
  if (range.to < range.from) return `--to (${range.to}) must not be before --from (${range.from})`;
  const rs = range.requestStep ?? range.step;
  if (!Number.isInteger(rs) || rs < range.step || rs % range.step !== 0) {
    return `--request-step must be a whole multiple of --step (${range.step}), got ${rs}`;
  }
  if (range.from < historyFrom) return `--from (${range.from}) must not be before --history-from (${historyFrom})`;
  return undefined;
}

/** Simulates up to `range.to` and writes OpenMetrics to `file` (created or truncated). */
export function writeBackfill(sim: Simulator, range: BackfillRange, file: string): BackfillStats {
  const fd = openSync(file, "w");
  let buffer = openMetricsHeader(sim.def);
  let bytes = 0;
  let samples = 0;
  let timestamps = 0;
  const flush = () => {
    if (buffer.length === 0) return;
    bytes += writeSync(fd, buffer);
    buffer = "";
  };
  try {
    const every = Math.round((range.requestStep ?? range.step) / range.step);
    for (let t = range.from, k = 0; t <= range.to; t += range.step, k++) {
      sim.advanceTo(t);
      timestamps++;
      const requests = k % every === 0;
      sim.emit((family, series, value) => {
        if (!requests && family.type !== "gauge") return;
        buffer += openMetricsLine(series, value, t);
        samples++;
      });
      if (buffer.length >= FLUSH_CHARS) flush();
    }
    buffer += "# EOF\n";
    flush();
  } finally {
    closeSync(fd);
  }
  return { samples, timestamps, bytes };
}
