import { describe, expect, it } from "vitest";
import { formatSampleNumber, formatSeriesName, parseSampleValue } from "./series";

describe("formatSeriesName", () => {
  it.each([
    [{}, "{}"],
    [{ __name__: "up" }, "up"],
    [{ cluster: "east" }, '{cluster="east"}'],
    [{ __name__: "up", job: "api", instance: "a:9090" }, 'up{job="api", instance="a:9090"}'],
    [{ job: "api", __name__: "up" }, 'up{job="api"}'],
    [{ path: 'say "hi"\\now\n' }, '{path="say \\"hi\\"\\\\now\\n"}'],
  ])("%j -> %s", (metric, expected) => {
    expect(formatSeriesName(metric)).toBe(expected);
  });
});

describe("parseSampleValue", () => {
  it.each([
    ["1", 1],
    ["-0.25", -0.25],
    ["1e-9", 1e-9],
    ["NaN", null],
    ["+Inf", null],
    ["-Inf", null],
    ["garbage", null],
  ])("%j -> %s", (input, expected) => {
    expect(parseSampleValue(input)).toBe(expected);
  });
});

describe("formatSampleNumber", () => {
  it.each([
    [0, "0"],
    [1, "1"],
    [12.362967112106904, "12.363"],
    [-0.000123456789, "-0.000123457"],
    [123456789, "123457000"],
    [1e-9, "1e-9"],
    [2.5e20, "2.5e+20"],
    [Number.NaN, "NaN"],
    [Number.POSITIVE_INFINITY, "Infinity"],
  ])("%s -> %s", (input, expected) => {
    expect(formatSampleNumber(input)).toBe(expected);
  });
});
