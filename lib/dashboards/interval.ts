import { formatGoDuration, formatInterval, intervalToMs, parseMinIntervalMs, secondsToHms } from "@/lib/time/grafana-duration";

/** What Grafana uses when a Prometheus datasource has no scrape interval configured. */
export const DEFAULT_SCRAPE_INTERVAL = "15s";
/** Prometheus refuses more than 11,000 points per series; Grafana keeps the step above range/11000. */
export const SAFE_RESOLUTION = 11_000;
/** Grafana's backend resolution when a request carries no maxDataPoints. */
export const DEFAULT_RESOLUTION = 1_500;

// [upper bound, rounded value] in ms. The bounds sit halfway between neighbouring nice values.
const LADDER: ReadonlyArray<readonly [number, number]> = [
  [10, 1], [15, 10], [35, 20], [75, 50], [150, 100], [350, 200], [750, 500],
  [1_500, 1_000], [3_500, 2_000], [7_500, 5_000], [12_500, 10_000], [17_500, 15_000],
  [25_000, 20_000], [45_000, 30_000], [90_000, 60_000], [210_000, 120_000], [450_000, 300_000],
  [750_000, 600_000], [1_050_000, 900_000], [1_500_000, 1_200_000], [2_700_000, 1_800_000],
  [5_400_000, 3_600_000], [9_000_000, 7_200_000], [16_200_000, 10_800_000], [32_400_000, 21_600_000],
  [86_400_000, 43_200_000], [604_800_000, 86_400_000], [1_814_400_000, 604_800_000], [3_628_800_000, 2_592_000_000],
];
const YEAR_MS = 31_536_000_000;

/**
 * Grafana's frontend `rangeutil.roundInterval` (kbn.round_interval): snaps an interval to the
 * ladder 1ms, 10ms, 20ms, 50ms, 100ms, 200ms, 500ms, 1s, 2s, 5s, 10s, 15s, 20s, 30s, 1m, 2m, 5m,
 * 10m, 15m, 20m, 30m, 1h, 2h, 3h, 6h, 12h, 1d, 1w, 30d, 1y. A bound itself rounds up (`< bound`).
 */
export function roundInterval(intervalMs: number): number {
  for (const [bound, value] of LADDER) if (intervalMs < bound) return value;
  return YEAR_MS;
}

/**
 * The backend's `gtime.RoundInterval`: the same ladder, but a bound rounds down (`<= bound`),
 * except the last one (`< 6w`). Grafana's Prometheus step uses this one.
 */
export function roundIntervalBackend(intervalMs: number): number {
  const last = LADDER.length - 1;
  for (let i = 0; i < LADDER.length; i++) {
    const [bound, value] = LADDER[i]!;
    if (i === last ? intervalMs < bound : intervalMs <= bound) return value;
  }
  return YEAR_MS;
}

export interface IntervalValues {
  intervalMs: number;
  /** Printed as Grafana's frontend prints it ("20s"). */
  interval: string;
}

export interface CalculateIntervalInput {
  rangeMs: number;
  /** Panel maxDataPoints, else the panel's width in pixels. */
  maxDataPoints: number;
  /** Lower limit: Grafana passes the panel "Min interval", else the datasource scrape interval. */
  minIntervalMs?: number;
}

/**
 * Grafana's `rangeutil.calculateInterval`: round(range / maxDataPoints), raised to the lower
 * limit. Six hours over 1000 px is 21.6 s, which rounds to 20s.
 */
export function calculateInterval({ rangeMs, maxDataPoints, minIntervalMs = 1 }: CalculateIntervalInput): IntervalValues {
  let intervalMs = roundInterval(rangeMs / Math.max(1, maxDataPoints));
  if (minIntervalMs > intervalMs) intervalMs = minIntervalMs;
  return { intervalMs, interval: secondsToHms(intervalMs / 1_000) };
}

/** `$__rate_interval` = max(interval + scrape, 4 × scrape) (Grafana PR #77234). */
export function rateIntervalMs(intervalMs: number, scrapeIntervalMs: number): number {
  return Math.max(intervalMs + scrapeIntervalMs, 4 * scrapeIntervalMs);
}

/**
 * Rounds start and end down to multiples of the step, as Grafana's backend does before calling
 * `query_range`: the Prometheus/Thanos query-frontend caches by step-aligned ranges. The offset
 * makes a 1d step start at local midnight; Grafana sends it as `utcOffsetSec`.
 */
export function alignRange(startMs: number, endMs: number, stepMs: number, utcOffsetSec = 0): { startMs: number; endMs: number } {
  const offsetMs = utcOffsetSec * 1_000;
  const align = (t: number) => Math.floor((t + offsetMs) / stepMs) * stepMs - offsetMs;
  return { startMs: align(startMs), endMs: align(endMs) };
}

const VARIABLE_INTERVALS = new Set(["$__interval", "$__interval_ms", "$__rate_interval", "$__rate_interval_ms"]);
const isRateInterval = (s: string) => s === "$__rate_interval" || s === "${__rate_interval}";
const isIntervalVariable = (s: string) => VARIABLE_INTERVALS.has(s.replace(/^\$\{(\w+)\}$/, "$$$1"));

export interface StepInput {
  rangeMs: number;
  maxDataPoints: number;
  /** The query "Min step", already interpolated (`$__interval`-style values are recognised). */
  minStep?: string;
  /** The datasource scrape interval; Grafana falls back to 15s. */
  scrapeInterval?: string;
  /** The frontend interval (`calculateInterval`) that Grafana sends as `intervalMs`; 0 if unknown. */
  intervalMs: number;
  /** The request's interval, which feeds `$__rate_interval`; Grafana sends intervalMs again. */
  queryIntervalMs?: number;
  /** The query's (deprecated) intervalFactor: multiplies the step, not a `$__rate_interval` step. */
  intervalFactor?: number;
}

export type StepResult = { ok: true; stepMs: number; rateIntervalMs: number } | { ok: false; error: string };

function parseScrape(text: string | undefined): number | null {
  return parseMinIntervalMs(text === undefined || text === "" ? DEFAULT_SCRAPE_INTERVAL : text);
}

// Grafana's calculateRateInterval: an unparseable scrape interval yields a 0 rate interval.
function rateFromScrape(intervalMs: number, scrape: string | undefined): number {
  const scrapeMs = parseScrape(scrape);
  return scrapeMs === null ? 0 : rateIntervalMs(intervalMs, scrapeMs);
}

// gtime.GetIntervalFrom: Min step, else the frontend interval, else the scrape interval, else 15s.
function minIntervalMs(minStep: string, input: StepInput): number | null {
  if (minStep !== "" && minStep !== "0s" && !isIntervalVariable(minStep)) return parseMinIntervalMs(minStep);
  if (input.intervalMs !== 0) return input.intervalMs;
  return parseScrape(input.scrapeInterval);
}

/**
 * The Prometheus step and `$__rate_interval`, as Grafana's backend computes them
 * (`pkg/promlib/models/query.go`): min interval = Min step, else the frontend interval;
 * calculated = range/maxDataPoints rounded, or the min interval (unrounded) when that is larger;
 * step = max(calculated, roundBackend(range/11000)). A Min step of `$__rate_interval` makes the
 * step the rate interval.
 */
export function calculateStep(input: StepInput): StepResult {
  const minStep = input.minStep?.trim() ?? "";
  const minMs = minIntervalMs(minStep, input);
  if (minMs === null) return { ok: false, error: `Invalid min step ${JSON.stringify(minStep)}: not a duration` };
  const rawMs = input.rangeMs / (input.maxDataPoints > 0 ? input.maxDataPoints : DEFAULT_RESOLUTION);
  const calculated = rawMs < minMs ? minMs : roundIntervalBackend(rawMs);
  const safe = roundIntervalBackend(input.rangeMs / SAFE_RESOLUTION);
  const adjusted = calculated > safe ? calculated : safe;
  if (isRateInterval(minStep)) {
    const stepMs = rateFromScrape(adjusted, input.scrapeInterval);
    return { ok: true, stepMs, rateIntervalMs: stepMs };
  }
  let scrapeText = minStep === "$__interval" || minStep === "${__interval}" ? formatGoDuration(adjusted) : minStep;
  if (scrapeText === "") scrapeText = input.scrapeInterval ?? "";
  const rate = rateFromScrape(input.queryIntervalMs ?? input.intervalMs, scrapeText);
  return { ok: true, stepMs: adjusted * Math.max(1, input.intervalFactor ?? 1), rateIntervalMs: rate };
}

export interface BuiltinVariablesInput {
  fromMs: number;
  toMs: number;
  /** The query step, which Grafana's backend substitutes for `$__interval`. */
  intervalMs: number;
  /** From `calculateStep`; else max(interval + scrape, 4 × scrape). */
  rateIntervalMs?: number;
  scrapeIntervalMs?: number;
  /** Defaults to toMs - fromMs. */
  rangeMs?: number;
}

/**
 * Values of Grafana's built-in variables, keyed by name without `$`, printed as Grafana's
 * backend prints them: `$__interval` "20s" (largest whole unit), `$__rate_interval` in Go
 * duration form ("1m0s"), `$__range` in whole seconds ("3600s"), `$__from`/`$__to` epoch ms.
 */
export function builtinVariables(input: BuiltinVariablesInput): Record<string, string> {
  const rangeMs = input.rangeMs ?? input.toMs - input.fromMs;
  const rangeS = Math.round(rangeMs / 1_000);
  const rate = input.rateIntervalMs ?? rateIntervalMs(input.intervalMs, input.scrapeIntervalMs ?? 15_000);
  return {
    __interval: formatInterval(input.intervalMs),
    __interval_ms: String(Math.floor(input.intervalMs)),
    __interval_s: String(Math.floor(input.intervalMs / 1_000)),
    __rate_interval: formatGoDuration(rate),
    __rate_interval_ms: String(Math.floor(rate)),
    __rate_interval_s: String(Math.floor(rate / 1_000)),
    __range: `${rangeS}s`,
    __range_s: String(rangeS),
    __range_ms: String(Math.round(rangeMs)),
    __from: String(input.fromMs),
    __to: String(input.toMs),
  };
}

export interface QueryTimingInput {
  startMs: number;
  endMs: number;
  maxDataPoints: number;
  minStep?: string;
  scrapeInterval?: string;
  /** From `utcOffsetSeconds` in lib/dashboards/time.ts. */
  utcOffsetSec?: number;
  intervalFactor?: number;
  /** The panel's "Min interval" (already interpolated): replaces the scrape interval as the low limit. */
  minInterval?: string;
}

export interface QueryTiming {
  /** The frontend interval (`request.intervalMs`), e.g. for display next to the panel. */
  interval: IntervalValues;
  stepMs: number;
  rateIntervalMs: number;
  /** Step-aligned range to send to query_range. */
  startMs: number;
  endMs: number;
  /** Built-in variables for interpolating this query. */
  builtins: Record<string, string>;
}

/**
 * Everything a panel query needs, in Grafana's order: the frontend interval (low limit = the
 * panel's Min interval, else the scrape interval, default 15s), the backend step and rate
 * interval, the aligned range, and the built-ins (computed on the unaligned range, as Grafana does).
 */
export function queryTiming(input: QueryTimingInput): { ok: true; timing: QueryTiming } | { ok: false; error: string } {
  const rangeMs = input.endMs - input.startMs;
  const scrape = input.scrapeInterval === undefined || input.scrapeInterval === "" ? DEFAULT_SCRAPE_INTERVAL : input.scrapeInterval;
  const panelMin = input.minInterval?.trim() ?? "";
  const lowLimitMs = intervalToMs(panelMin !== "" ? panelMin : scrape);
  if (lowLimitMs === null) {
    return { ok: false, error: panelMin !== "" ? `Invalid min interval ${JSON.stringify(panelMin)}` : `Invalid scrape interval ${JSON.stringify(scrape)}` };
  }
  const interval = calculateInterval({ rangeMs, maxDataPoints: input.maxDataPoints, minIntervalMs: lowLimitMs });
  const step = calculateStep({ ...input, rangeMs, intervalMs: interval.intervalMs });
  if (!step.ok) return step;
  const aligned = alignRange(input.startMs, input.endMs, step.stepMs, input.utcOffsetSec);
  const builtins = builtinVariables({ fromMs: input.startMs, toMs: input.endMs, intervalMs: step.stepMs, rateIntervalMs: step.rateIntervalMs });
  return { ok: true, timing: { interval, stepMs: step.stepMs, rateIntervalMs: step.rateIntervalMs, ...aligned, builtins } };
}
