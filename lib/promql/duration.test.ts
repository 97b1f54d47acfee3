import { describe, expect, it } from "vitest";
import { formatDuration, parseDurationMs, parseDurationOrSeconds } from "./duration";

describe("parseDurationMs", () => {
  it.each([
    ["15s", 15_000],
    ["1m", 60_000],
    ["1h30m", 5_400_000],
    ["250ms", 250],
    ["1d", 86_400_000],
    ["2w", 1_209_600_000],
    ["1y", 31_536_000_000],
    ["0", 0],
  ])("%s -> %d ms", (text, ms) => expect(parseDurationMs(text)).toBe(ms));

  it.each(["", "5", "1.5m", "m", "30m1h", "-5s", "5 s", "1h 30m"])("rejects %j", (text) => {
    expect(parseDurationMs(text)).toBeNull();
  });
});

describe("parseDurationOrSeconds", () => {
  it.each([
    ["15", 15],
    ["0.5", 0.5],
    ["1e2", 100],
    ["1m", 60],
    ["90s", 90],
  ])("%s -> %d s", (text, s) => expect(parseDurationOrSeconds(text)).toBe(s));
  it.each(["abc", "1.2.3", "Infinity", ""])("rejects %j", (t) => expect(parseDurationOrSeconds(t)).toBeNull());
});

describe("formatDuration", () => {
  it.each([
    [30, "30s"],
    [5400, "1h30m"],
    [0.25, "250ms"],
    [0, "0s"],
    [86_400, "1d"],
  ])("%d s -> %s", (s, text) => expect(formatDuration(s)).toBe(text));

  it("round-trips through parseDurationMs", () => {
    for (const s of [1, 59, 61, 3599, 3661, 90_061, 0.001]) expect(parseDurationMs(formatDuration(s))! / 1000).toBe(s);
  });
});
