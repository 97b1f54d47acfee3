import { describe, expect, it } from "vitest";
import {
  alignRange,
  builtinVariables,
  calculateInterval,
  calculateStep,
  queryTiming,
  rateIntervalMs,
  roundInterval,
  roundIntervalBackend,
} from "./interval";

const S = 1_000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;

describe("roundInterval (frontend, kbn.round_interval)", () => {
  it.each([
    [0, 1], [9.99, 1], [10, 10], [14, 10], [15, 20], [34, 20], [35, 50], [74, 50], [75, 100],
    [149, 100], [150, 200], [349, 200], [350, 500], [749, 500], [750, 1 * S], [1_499, 1 * S],
    [1_500, 2 * S], [3_499, 2 * S], [3_500, 5 * S], [7_499, 5 * S], [7_500, 10 * S], [12_499, 10 * S],
    [12_500, 15 * S], [17_499, 15 * S], [17_500, 20 * S], [21_600, 20 * S], [24_999, 20 * S],
    [25_000, 30 * S], [44_999, 30 * S], [45_000, 1 * M], [89_999, 1 * M], [90_000, 2 * M],
    [209_999, 2 * M], [210_000, 5 * M], [449_999, 5 * M], [450_000, 10 * M], [749_999, 10 * M],
    [750_000, 15 * M], [1_049_999, 15 * M], [1_050_000, 20 * M], [1_499_999, 20 * M], [1_500_000, 30 * M],
    [2_699_999, 30 * M], [2_700_000, 1 * H], [5_399_999, 1 * H], [5_400_000, 2 * H], [8_999_999, 2 * H],
    [9_000_000, 3 * H], [16_199_999, 3 * H], [16_200_000, 6 * H], [32_399_999, 6 * H], [32_400_000, 12 * H],
    [86_399_999, 12 * H], [86_400_000, 1 * D], [604_799_999, 1 * D], [604_800_000, 7 * D],
    [1_814_399_999, 7 * D], [1_814_400_000, 30 * D], [3_628_799_999, 30 * D], [3_628_800_000, 365 * D], [1e13, 365 * D],
  ])("%d ms -> %d ms", (input, expected) => {
    expect(roundInterval(input)).toBe(expected);
  });
});

describe("roundIntervalBackend (gtime.RoundInterval)", () => {
  it.each([
    // A bound itself rounds down in Go, up in the browser.
    [10, 1], [15, 10], [17_500, 15 * S], [25_000, 20 * S], [90_000, 1 * M], [86_400_000, 12 * H],
    [604_800_000, 1 * D], [1_814_400_000, 7 * D],
    // ...except the last bound, which is `<` in both.
    [3_628_800_000, 365 * D],
    // Between bounds the two agree.
    [21_600, 20 * S], [604_800, 10 * M], [3_599_999, 1 * H],
  ])("%d ms -> %d ms", (input, expected) => {
    expect(roundIntervalBackend(input)).toBe(expected);
  });

  it("agrees with the frontend everywhere except on the bounds", () => {
    for (let ms = 1; ms < 5 * D; ms = Math.ceil(ms * 1.37) + 0.5) {
      expect(roundIntervalBackend(ms)).toBe(roundInterval(ms));
    }
  });
});

describe("calculateInterval (rangeutil.calculateInterval)", () => {
  it.each([
    // [range, maxDataPoints, low limit, intervalMs, interval]
    [6 * H, 1000, undefined, 20 * S, "20s"], // Grafana's example: 21.6 s -> 20s
    [6 * H, 1000, 15 * S, 20 * S, "20s"], // a 15 s scrape interval does not change it
    [6 * H, 1000, 30 * S, 30 * S, "30s"],
    [1 * H, 1000, undefined, 5 * S, "5s"],
    [1 * H, 1000, 15 * S, 15 * S, "15s"],
    [7 * D, 1000, 15 * S, 10 * M, "10m"],
    [24 * H, 1500, 15 * S, 1 * M, "1m"],
    [5 * M, 1000, undefined, 200, "200ms"],
    [30 * D, 800, 15 * S, 1 * H, "1h"],
    [90 * S, 1000, 90 * S, 90 * S, "1m"], // secondsToHms truncates to the largest unit
  ])("%d ms over %d px (min %s) -> %s", (rangeMs, maxDataPoints, minIntervalMs, intervalMs, interval) => {
    expect(calculateInterval({ rangeMs, maxDataPoints, minIntervalMs })).toEqual({ intervalMs, interval });
  });
});

describe("calculateStep (pkg/promlib/models/query.go)", () => {
  // Rows ported from Grafana's TestParse and TestRateInterval (query_test.go).
  it.each([
    // [name, range, maxDataPoints, minStep, scrape, intervalMs, queryIntervalMs, step, rate interval]
    ["12h, no intervalMs, default resolution", 12 * H, 0, "", "15s", 0, 1 * M, 30 * S, 1 * M + 15 * S],
    ["1h, no intervalMs", 1 * H, 0, "", "15s", 0, 1 * M, 15 * S, 1 * M + 15 * S],
    ["48h, scrape 240s", 48 * H, 0, "", "240s", 0, 1 * M, 4 * M, 16 * M],
    ["48h, intervalMs 60s", 48 * H, 0, "", "15s", 60 * S, 1 * M, 2 * M, 1 * M + 15 * S],
    ["min step 5m over 5m", 5 * M, 0, "5m", "15s", 0, 1 * M, 5 * M, 20 * M],
    ["min step $__rate_interval over 5m", 5 * M, 0, "$__rate_interval", "15s", 0, 1 * M, 1 * M, 1 * M],
    ["min step 150s, intervalMs 100s", 1 * H, 12384, "150s", "30s", 100 * S, undefined, 150 * S, 10 * M],
    ["min step 150s, intervalMs 120s", 1 * H, 12384, "150s", "30s", 120 * S, undefined, 150 * S, 10 * M],
    ["min step 120s", 1 * H, 12384, "120s", "30s", 120 * S, undefined, 120 * S, 8 * M],
    ["min step 30s, scrape 30s", 1 * H, 12384, "30s", "30s", 30 * S, undefined, 30 * S, 2 * M],
    ["$__rate_interval, scrape 30s, 1h", 1 * H, 12384, "$__rate_interval", "30s", 30 * S, undefined, 2 * M, 2 * M],
    ["$__rate_interval, scrape 30s, 2d", 2 * D, 12384, "$__rate_interval", "30s", 120 * S, undefined, 150 * S, 150 * S],
    ["$__interval, scrape 15s, 2d", 2 * D, 12384, "$__interval", "15s", 120 * S, undefined, 120 * S, 8 * M],
    ["auto, scrape 30s, 1h", 1 * H, 1613, "", "30s", 30 * S, undefined, 30 * S, 2 * M],
    ["auto, scrape 15s, 5m", 5 * M, 1055, "", "15s", 15 * S, undefined, 15 * S, 1 * M],
  ] as const)("%s", (_name, rangeMs, maxDataPoints, minStep, scrapeInterval, intervalMs, queryIntervalMs, stepMs, rate) => {
    expect(calculateStep({ rangeMs, maxDataPoints, minStep, scrapeInterval, intervalMs, queryIntervalMs })).toEqual({
      ok: true,
      stepMs,
      rateIntervalMs: rate,
    });
  });

  it.each([
    // [range, maxDataPoints, minStep, intervalMs, step]
    [6 * H, 1000, "", 20 * S, 20 * S], // 6h over 1000 px: 20s
    [6 * H, 1000, ">30s", 20 * S, 30 * S], // old ">" prefix: at least 30s
    [6 * H, 1000, "<30s>", 20 * S, 30 * S],
    [6 * H, 1000, "45", 20 * S, 45 * S], // a bare number is seconds
    [6 * H, 1000, "1m30s", 20 * S, 90 * S],
    [6 * H, 1000, "0s", 20 * S, 20 * S], // "0s" means unset
    [6 * H, 1000, "${__interval}", 20 * S, 20 * S],
    [1 * D, 100_000, "10ms", 1 * S, 10 * S], // range/11000 dominates: 7.85 s -> 10s
    [192_500_000, 11_000, "", 20 * S, 20 * S], // raw 17.5 s exactly: frontend rounds to 20s, kept as minimum
  ])("range %d over %d px, min step %j -> %d", (rangeMs, maxDataPoints, minStep, intervalMs, stepMs) => {
    const result = calculateStep({ rangeMs, maxDataPoints, minStep, intervalMs });
    expect(result.ok && result.stepMs).toBe(stepMs);
  });

  it("reports a min step that is not a duration", () => {
    expect(calculateStep({ rangeMs: H, maxDataPoints: 100, minStep: "fast", intervalMs: 15 * S })).toEqual({
      ok: false,
      error: 'Invalid min step "fast": not a duration',
    });
  });
});

describe("rateIntervalMs", () => {
  it.each([
    [20 * S, 15 * S, 1 * M], // 4 × scrape wins
    [10 * M, 15 * S, 10 * M + 15 * S], // interval + scrape wins
    [45 * S, 15 * S, 1 * M],
    [46 * S, 15 * S, 61 * S],
  ])("interval %d, scrape %d -> %d", (interval, scrape, expected) => {
    expect(rateIntervalMs(interval, scrape)).toBe(expected);
  });
});

describe("alignRange (AlignTimeRange)", () => {
  const monday = 1_704_672_000_000;
  const thursday = 1_704_326_400_000;
  it.each([
    ["second step", 1_664_816_826_000, 10 * S, 0, 1_664_816_820_000],
    ["millisecond step", 1_664_816_825_005, 10, 0, 1_664_816_825_000],
    ["second step with offset", 1_664_816_825_005, 2 * S, -3, 1_664_816_825_000],
    ["a 1w step turns a Monday into a Thursday", monday, 7 * D, 0, thursday],
    ["a 1d step in UTC+1 starts at local midnight", Date.UTC(2024, 2, 13, 10), 1 * D, 3600, Date.UTC(2024, 2, 12, 23)],
  ])("%s", (_name, t, step, offset, expected) => {
    expect(alignRange(t, t, step, offset)).toEqual({ startMs: expected, endMs: expected });
  });

  it("rounds both ends down", () => {
    expect(alignRange(1_001_234, 2_009_999, 10 * S)).toEqual({ startMs: 1_000_000, endMs: 2_000_000 });
  });
});

describe("builtinVariables", () => {
  it("prints values as Grafana's backend does", () => {
    const fromMs = 1_700_000_000_000;
    expect(builtinVariables({ fromMs, toMs: fromMs + 48 * H, intervalMs: 2 * M, rateIntervalMs: 2 * M + 15 * S })).toEqual({
      __interval: "2m",
      __interval_ms: "120000",
      __interval_s: "120",
      __rate_interval: "2m15s",
      __rate_interval_ms: "135000",
      __rate_interval_s: "135",
      __range: "172800s",
      __range_s: "172800",
      __range_ms: "172800000",
      __from: "1700000000000",
      __to: "1700172800000",
    });
  });

  it.each([
    // [range ms, $__range, $__range_s]
    [40, "0s", "0"],
    [800, "1s", "1"],
    [3_600_000, "3600s", "3600"],
  ])("rounds a %d ms range to whole seconds", (rangeMs, range, rangeS) => {
    const vars = builtinVariables({ fromMs: 0, toMs: rangeMs, intervalMs: 1 });
    expect([vars.__range, vars.__range_s, vars.__range_ms]).toEqual([range, rangeS, String(rangeMs)]);
  });

  it("derives the rate interval from a scrape interval (default 15s)", () => {
    expect(builtinVariables({ fromMs: 0, toMs: H, intervalMs: 20 * S }).__rate_interval).toBe("1m0s");
    expect(builtinVariables({ fromMs: 0, toMs: H, intervalMs: 20 * S, scrapeIntervalMs: 30 * S }).__rate_interval).toBe("2m0s");
    expect(builtinVariables({ fromMs: 0, toMs: H, intervalMs: 90 * S }).__interval).toBe("1m");
  });
});

describe("queryTiming", () => {
  it("computes the whole request for 6h over 1000 px with a 15s scrape interval", () => {
    const endMs = Date.UTC(2024, 2, 13, 14, 25, 36, 789);
    const result = queryTiming({ startMs: endMs - 6 * H, endMs, maxDataPoints: 1000, scrapeInterval: "15s" });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { timing } = result;
    expect(timing.interval).toEqual({ intervalMs: 20 * S, interval: "20s" });
    expect(timing.stepMs).toBe(20 * S);
    expect(timing.rateIntervalMs).toBe(1 * M);
    expect(timing.endMs).toBe(Date.UTC(2024, 2, 13, 14, 25, 20));
    expect(timing.startMs).toBe(Date.UTC(2024, 2, 13, 8, 25, 20));
    expect(timing.builtins.__interval).toBe("20s");
    expect(timing.builtins.__rate_interval).toBe("1m0s");
    expect(timing.builtins.__range).toBe("21600s");
  });

  it("uses 15s when the datasource has no scrape interval", () => {
    const result = queryTiming({ startMs: 0, endMs: H, maxDataPoints: 1000 });
    expect(result.ok && [result.timing.interval.interval, result.timing.stepMs]).toEqual(["15s", 15 * S]);
  });

  it("passes errors through", () => {
    expect(queryTiming({ startMs: 0, endMs: H, maxDataPoints: 1000, minStep: "soon" }).ok).toBe(false);
    expect(queryTiming({ startMs: 0, endMs: H, maxDataPoints: 1000, scrapeInterval: "often" }).ok).toBe(false);
  });
});
