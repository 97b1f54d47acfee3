import { describe, expect, it } from "vitest";
import { formatGoDuration, formatInterval, intervalToMs, parseGoDurationMs, parseMinIntervalMs, secondsToHms } from "./grafana-duration";

describe("parseGoDurationMs (gtime.ParseDuration)", () => {
  it.each([
    ["15s", 15_000],
    ["1m30s", 90_000],
    ["1.5s", 1_500],
    ["250ms", 250],
    ["2h45m", 9_900_000],
    ["1m0s", 60_000],
    ["1h0m0s", 3_600_000],
    ["500us", 0.5],
    ["-1.5h", -5_400_000],
    ["0", 0],
    ["1d", 86_400_000],
    ["2w", 1_209_600_000],
    ["1y", 31_557_600_000], // Julian year
    ["1M", 2_629_800_000],
    ["", null],
    ["15", null], // Go needs a unit; parseMinIntervalMs adds seconds
    ["1d12h", null], // calendar units stand alone
    ["s", null],
    ["15 s", null],
    ["$__interval", null],
  ])("%j -> %s", (text, expected) => {
    expect(parseGoDurationMs(text)).toBe(expected);
  });
});

describe("parseMinIntervalMs (ParseIntervalStringToTimeDuration)", () => {
  it.each([
    ["30s", 30_000],
    [">30s", 30_000],
    ["<30s", 30_000],
    ["<30s>", 30_000],
    ["45", 45_000],
    [" 1m ", 60_000],
    [">", null],
    ["fast", null],
  ])("%j -> %s", (text, expected) => {
    expect(parseMinIntervalMs(text)).toBe(expected);
  });
});

describe("formatGoDuration (time.Duration.String)", () => {
  it.each([
    [0, "0s"],
    [500, "500ms"],
    [0.5, "0.5ms"],
    [1_000, "1s"],
    [1_500, "1.5s"],
    [60_000, "1m0s"],
    [80_000, "1m20s"],
    [135_000, "2m15s"],
    [240_000, "4m0s"],
    [3_600_000, "1h0m0s"],
    [3_723_500, "1h2m3.5s"],
    [90_000_000, "25h0m0s"],
    [-60_000, "-1m0s"],
  ])("%d ms -> %s", (ms, expected) => {
    expect(formatGoDuration(ms)).toBe(expected);
    expect(parseGoDurationMs(expected)).toBe(ms);
  });
});

describe("formatInterval (gtime.FormatInterval) and secondsToHms", () => {
  it.each([
    [0.5, "1ms", "less than a millisecond"],
    [1, "1ms", "1ms"],
    [200, "200ms", "200ms"],
    [20_000, "20s", "20s"],
    [90_000, "1m", "1m"],
    [120_000, "2m", "2m"],
    [5_400_000, "1h", "1h"],
    [86_400_000, "1d", "1d"],
    [604_800_000, "7d", "7d"],
    [2_592_000_000, "30d", "30d"],
    [31_536_000_000, "1y", "1y"],
  ])("%d ms -> %s / %s", (ms, backend, frontend) => {
    expect(formatInterval(ms)).toBe(backend);
    expect(secondsToHms(ms / 1_000)).toBe(frontend);
  });
});

describe("intervalToMs (rangeutil.intervalToMs)", () => {
  it.each([
    ["15s", 15_000],
    ["30", 30_000],
    ["1m30s", 60_000], // the frontend reads the first unit only
    ["1M", 2_592_000_000],
    ["100ms", 100],
    ["1w", 604_800_000],
    ["often", null],
  ])("%j -> %s", (text, expected) => {
    expect(intervalToMs(text)).toBe(expected);
  });
});
