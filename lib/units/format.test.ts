import { describe, expect, it } from "vitest";
import type { Unit } from "@/lib/dashboards/schema/field-config";
import { autoDecimals, toFixed } from "./decimals";
import { formatValue, formatValueParts } from "./format";

describe("formatValue", () => {
  // Cases marked "Grafana" are from Grafana's valueFormats tests (rescaled to our unit ids).
  it.each<[Unit, number, number | undefined, string]>([
    ["ms", 0.0024, 4, "0.0024 ms"], // Grafana
    ["ms", 100, 0, "100 ms"], // Grafana
    ["ms", 1250, 2, "1.25 s"], // Grafana
    ["ms", 10000086.123, 1, "2.8 hour"], // Grafana
    ["ms", 1200, 0, "1 s"], // Grafana
    ["bytes", 10000000 * 1024, 3, "9.537 GiB"], // Grafana (kbytes 10000000)
    ["decbytes", 10000000 * 1000, 3, "10.000 GB"], // Grafana (deckbytes 10000000)
    ["s", 90, undefined, "1.50 min"],
    ["s", 0.002, undefined, "2 ms"],
    ["s", 0.007, undefined, "7 ms"],
    ["s", 0, undefined, "0 s"],
    ["s", 12.345, undefined, "12.3 s"],
    ["s", 3600, undefined, "1 hour"],
    ["s", 1e-7, undefined, "100 ns"],
    ["s", 2.5e-5, undefined, "25 µs"],
    ["s", -90, undefined, "-1.50 min"],
    ["s", 86400 * 3, undefined, "3 day"],
    ["us", 1500, undefined, "1.50 ms"],
    ["ns", 2_000_000_000, undefined, "2 s"],
    ["ns", 0.5, undefined, "0.500 ns"],
    ["bytes", 0, undefined, "0 B"],
    ["bytes", 512, undefined, "512 B"],
    ["bytes", 1024, undefined, "1 KiB"],
    ["bytes", 1536, undefined, "1.50 KiB"],
    ["bytes", 1024 ** 2, undefined, "1 MiB"],
    ["bytes", 1024 ** 3 * 5.5, undefined, "5.50 GiB"],
    ["bytes", 0.5, undefined, "0.500 B"],
    ["decbytes", 1500, undefined, "1.50 kB"],
    ["decbytes", 1e6, undefined, "1 MB"],
    ["bits", 1024, undefined, "1 Kib"],
    ["decbits", 1000, undefined, "1 kb"],
    ["Bps", 1000, undefined, "1 kB/s"],
    ["Bps", 123, undefined, "123 B/s"],
    ["bps", 2e6, undefined, "2 Mb/s"],
    ["hertz", 1500, undefined, "1.50 kHz"],
    ["hertz", 0.5, undefined, "500 mHz"],
    ["percent", 42.123, undefined, "42.1%"],
    ["percent", 100, undefined, "100%"],
    ["percent", 99.5, 0, "100%"],
    ["percentunit", 0.5, undefined, "50%"],
    ["percentunit", 0.1234, undefined, "12.3%"],
    ["percentunit", 0.07, undefined, "7%"],
    ["short", 0, undefined, "0"],
    ["short", 0.5, undefined, "0.500"],
    ["short", 999, undefined, "999"],
    ["short", 1500, undefined, "1.50 K"],
    ["short", -1500, undefined, "-1.50 K"],
    ["short", 1e6, undefined, "1 Mil"],
    ["short", 2.5e9, undefined, "2.50 Bil"],
    ["short", 1500, 0, "2 K"],
    ["reqps", 5, undefined, "5 req/s"],
    ["reqps", 1500, undefined, "1.50K req/s"],
    ["ops", 12.34, undefined, "12.3 ops/s"],
    ["rps", 3, undefined, "3 rd/s"],
    ["wps", 3, undefined, "3 wr/s"],
    ["celsius", 21.5, undefined, "21.5 °C"],
    ["none", 1234567.891, undefined, "1234568"],
    ["none", 3.14159, 2, "3.14"],
  ])("%s %d (decimals %s) is %s", (unit, value, decimals, expected) => {
    expect(formatValue(value, unit, decimals)).toBe(expected);
  });

  it.each<[number | null | undefined, string]>([
    [null, "No data"],
    [undefined, "No data"],
    [Number.NaN, "NaN"],
    [Infinity, "+Inf"],
    [-Infinity, "-Inf"],
  ])("spells %s as %s", (value, expected) => {
    expect(formatValue(value, "bytes")).toBe(expected);
  });

  it("splits number and suffix", () => {
    expect(formatValueParts(1536, "bytes")).toEqual({ text: "1.50", suffix: " KiB" });
    expect(formatValueParts(50, "percent")).toEqual({ text: "50", suffix: "%" });
  });
});

describe("toFixed (Grafana's cases)", () => {
  it.each<[number, number | undefined, string]>([
    [100, undefined, "100"],
    [100.4, undefined, "100"],
    [100.5, undefined, "101"],
    [100, 1, "100.0"],
    [100.37, 1, "100.4"],
    [100.63, 1, "100.6"],
    [100.4, 2, "100.40"],
    [100.5, 2, "100.50"],
    [186.123, -2, "186"],
    [0, 2, "0.00"],
    [1e-10, undefined, "1e-10"],
  ])("toFixed(%d, %s) is %s", (value, decimals, expected) => {
    expect(toFixed(value, decimals)).toBe(expected);
  });
});

describe("autoDecimals", () => {
  it.each<[number, number]>([
    [1.5, 2],
    [12.34, 1],
    [123.4, 0],
    [0.01234, 4],
    [-1.5, 2],
    [42, 0],
    [0, 0],
  ])("%d gets %d decimals", (value, expected) => {
    expect(autoDecimals(value)).toBe(expected);
  });
});
